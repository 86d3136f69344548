"""`build.py serve`: a read-only SPARQL 1.1 Protocol endpoint at /sparql and the views at /.

Queries run in worker processes forked from the one that loaded the store, so a query past the
time limit is stopped for real (its worker is killed and replaced) instead of being left to run.
"""
from __future__ import annotations

import multiprocessing as mp
import queue
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from . import results
from .store import QueryError, execute, load_store

_STATIC_TYPES = {".html": "text/html; charset=utf-8", ".png": "image/png", ".js": "text/javascript",
                 ".css": "text/css", ".json": "application/json", ".ttl": "text/turtle; charset=utf-8",
                 ".nt": "application/n-triples", ".trig": "application/trig", ".jsonld": "application/ld+json"}
_DATA_FILES = ("graph.ttl", "graph.nt", "graph.trig", "graph.jsonld", "void.ttl")
_SELECT_ACCEPT = {"application/sparql-results+json": "json", "application/json": "json",
                  "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
                  "text/csv": "csv", "text/tab-separated-values": "tsv"}
_GRAPH_ACCEPT = {"text/turtle": "turtle", "application/x-turtle": "turtle", "application/n-triples": "ntriples",
                 "text/plain": "ntriples", "application/ld+json": "jsonld", "application/json": "jsonld"}


@dataclass(frozen=True)
class Limits:
    timeout: float = 10.0        # seconds a query may run
    max_rows: int = 10_000       # rows (or triples) returned; more are cut and flagged


@dataclass(frozen=True)
class Reply:
    status: int
    content_type: str
    body: bytes
    headers: tuple = ()


def negotiate(accept: str, table: dict[str, str], default: str) -> str | None:
    """The format for an Accept header, by q-value then order; None if nothing acceptable."""
    if not accept.strip():
        return default
    choices = []
    for i, part in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        choices.append((-q, i, media.lower()))
    for q, _, media in sorted(choices):
        if q == 0:
            break
        if media in table:
            return table[media]
        if media in ("*/*", "application/*", "text/*"):
            return default
    return None


def answer(store, query: str, accept: str, limits: Limits) -> Reply:
    """Run one query and serialise its result as the client asked: the worker's whole job."""
    try:
        result = execute(store, query)
    except QueryError as exc:
        return Reply(400, "text/plain; charset=utf-8", f"{exc}\n".encode())
    kind = results.kind(result)
    if kind == "graph":
        fmt = negotiate(accept, _GRAPH_ACCEPT, "turtle")
        if fmt is None:
            return Reply(406, "text/plain", b"not acceptable: use text/turtle, application/n-triples or application/ld+json\n")
        ts, cut = results.triples(result, limit=limits.max_rows)
        return Reply(200, results.GRAPH_TYPES[fmt] + ("; charset=utf-8" if fmt == "turtle" else ""),
                     results.graph(ts, fmt), _cut_header(cut, limits))
    fmt = negotiate(accept, _SELECT_ACCEPT, "json")
    if fmt is None:
        return Reply(406, "text/plain", b"not acceptable: use SPARQL JSON, XML, CSV or TSV\n")
    ctype = results.SELECT_TYPES[fmt] + "; charset=utf-8"
    if kind == "ask":
        return Reply(200, ctype, results.ask(bool(result), fmt))
    t = results.table(result, limit=limits.max_rows)
    return Reply(200, ctype, results.SELECT_WRITERS[fmt](t), _cut_header(t.truncated, limits))


def _cut_header(cut: bool, limits: Limits) -> tuple:
    return (("X-Result-Truncated", f"true; limit={limits.max_rows}"),) if cut else ()


# ------------------------------------------------------------------ workers
def _work(conn, store, limits: Limits) -> None:
    while True:
        try:
            query, accept = conn.recv()
        except EOFError:
            return
        try:
            conn.send(answer(store, query, accept, limits))
        except Exception as exc:             # a worker must answer, whatever the query did
            conn.send(Reply(500, "text/plain", f"query failed: {exc}\n".encode()))


class Workers:
    """A few forked processes holding the store; a query over the time limit costs its worker."""

    def __init__(self, store, limits: Limits, size: int = 2):
        self.store, self.limits = store, limits
        self.ctx = mp.get_context("fork")
        self.idle: queue.Queue = queue.Queue()
        self.all = []
        for _ in range(size):
            self.idle.put(self._spawn())

    def _spawn(self):
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(target=_work, args=(child, self.store, self.limits), daemon=True)
        proc.start()
        child.close()
        self.all.append(proc)
        return proc, parent

    def run(self, query: str, accept: str) -> Reply:
        try:
            proc, conn = self.idle.get(timeout=self.limits.timeout)
        except queue.Empty:
            return Reply(503, "text/plain", b"all query workers are busy; try again\n", (("Retry-After", "1"),))
        conn.send((query, accept))
        if conn.poll(self.limits.timeout):
            reply = conn.recv()
            self.idle.put((proc, conn))
            return reply
        proc.kill()
        proc.join()
        conn.close()
        self.idle.put(self._spawn())
        return Reply(503, "text/plain",
                     f"query stopped: it ran longer than the time limit of {self.limits.timeout:g} s\n".encode())

    def close(self) -> None:
        for proc in self.all:
            if proc.is_alive():
                proc.kill()


# ------------------------------------------------------------------ HTTP
_FORM = b"""<!doctype html><html lang="en"><meta charset="utf-8"><title>mandate-graph SPARQL</title>
<h1>mandate-graph SPARQL endpoint</h1><p>Read-only SPARQL 1.1 Protocol. GET or POST a <code>query</code>.
The default graph is the union of the documents' named graphs.</p>
<form method="get" action="/sparql"><textarea name="query" rows="12" cols="100">SELECT * WHERE { ?s ?p ?o } LIMIT 10</textarea>
<br><button>Run</button></form><p><a href="/">Network views</a></p></html>
"""


def make_handler(out: Path, workers: Workers):
    viz, data = (Path(out) / "viz").resolve(), Path(out).resolve()

    class Handler(BaseHTTPRequestHandler):
        server_version = "mandate-graph"
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):      # quiet: one line per request to stderr is noise in tests
            pass

        def _send(self, reply: Reply) -> None:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Vary", "Accept")
            for k, v in reply.headers:
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(reply.body)

        def do_OPTIONS(self):
            self.send_response(204)
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_GET(self):
            url = urlsplit(self.path)
            if url.path == "/sparql":
                args = parse_qs(url.query)
                if "update" in args:
                    return self._send(_read_only())
                if "query" not in args:
                    return self._send(Reply(200, "text/html; charset=utf-8", _FORM))
                return self._send(self._query(args["query"][0]))
            return self._send(self._static(url.path))

        do_HEAD = do_GET

        def do_POST(self):
            url = urlsplit(self.path)
            if url.path != "/sparql":
                return self._send(Reply(405, "text/plain", b"POST is accepted at /sparql only\n", (("Allow", "GET"),)))
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", "replace")
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if ctype == "application/sparql-update":
                return self._send(_read_only())
            if ctype == "application/sparql-query":
                return self._send(self._query(body))
            if ctype == "application/x-www-form-urlencoded":
                args = parse_qs(body)
                if "update" in args:
                    return self._send(_read_only())
                if "query" in args:
                    return self._send(self._query(args["query"][0]))
                return self._send(Reply(400, "text/plain", b"missing 'query' parameter\n"))
            return self._send(Reply(415, "text/plain",
                                    b"use application/sparql-query or application/x-www-form-urlencoded\n"))

        def _query(self, text: str) -> Reply:
            return workers.run(text, self.headers.get("Accept", ""))

        def _static(self, path: str) -> Reply:
            name = path.lstrip("/") or "index.html"
            base = data if name in _DATA_FILES else viz
            target = (base / name).resolve()
            if not target.is_relative_to(base) or not target.is_file():
                return Reply(404, "text/plain", f"not found: {path}\n".encode())
            return Reply(200, _STATIC_TYPES.get(target.suffix, "application/octet-stream"), target.read_bytes())

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        import sys
        exc = sys.exc_info()[1]
        if not isinstance(exc, (ConnectionError, TimeoutError)):   # a client that hung up is no error
            print(f"error: request from {client_address[0]}: {exc!r}", file=sys.stderr)


def _read_only() -> Reply:
    return Reply(403, "text/plain", b"read-only endpoint: SPARQL Update is refused\n")


def serve(*, out: Path, host: str = "127.0.0.1", port: int = 8000, limits: Limits = Limits(),
          workers: int = 2, ready=None, log=print) -> None:
    """Load the built graph of ``out`` and serve it until interrupted."""
    t = time.perf_counter()
    store = load_store(out)
    pool = Workers(store, limits, size=workers)
    server = _Server((host, port), make_handler(out, pool))
    log(f"loaded {len(store):,} quads in {time.perf_counter() - t:.2f}s; "
        f"serving http://{host}:{server.server_port}/sparql and the views at http://{host}:{server.server_port}/ "
        f"(time limit {limits.timeout:g}s, {limits.max_rows:,} rows)")
    if ready is not None:
        ready(server)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        pool.close()

