"""`build.py serve`: a read-only SPARQL 1.1 Protocol endpoint at /sparql and the views at /.

Queries run in worker processes (graph.query.pool), so a query past the time limit is stopped for real
(its worker is killed and replaced). The endpoint is meant to be harmless to run on a desktop: it
sends no request anywhere (SERVICE is refused unless allowed), answers only requests addressed to
it by name (against DNS rebinding), sends no CORS header unless asked, and bounds what a client can
make it read or hold.
"""
from __future__ import annotations

import re
import signal
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from graph.publish.outputs import BY_NAME
from graph.query import guard, page
from graph.query import results
from graph.query.access import Access, _access, host_allowed  # noqa: F401  (host_allowed: tests and callers)
from graph.query.store import QueryError, execute

# the views' files; the data files are served with the media types of graph/publish/outputs.py
_STATIC_TYPES = {".html": "text/html; charset=utf-8", ".png": "image/png", ".js": "text/javascript",
                 ".css": "text/css", ".json": "application/json"}
_SELECT_ACCEPT = {"application/sparql-results+json": "json", "application/json": "json",
                  "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
                  "text/csv": "csv", "text/tab-separated-values": "tsv"}
_GRAPH_ACCEPT = {**{o.media_type: key for key, o in results.GRAPH_FORMATS.items()},
                 "application/x-turtle": "turtle", "text/plain": "ntriples", "application/json": "jsonld"}
_GRAPH_TYPES = [o.media_type for o in results.GRAPH_FORMATS.values()]
_NOT_ACCEPTABLE = f"not acceptable: use {', '.join(_GRAPH_TYPES[:-1])} or {_GRAPH_TYPES[-1]}\n".encode()


@dataclass(frozen=True)
class Limits:
    timeout: float = 10.0        # seconds a query may run
    max_rows: int = 10_000       # rows (or triples) returned; more are cut and flagged
    read_timeout: float = 10.0   # seconds a client may stay silent while sending a request
    max_body: int = 1 << 20      # bytes in a request body


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


def answer(store, query: str, accept: str, limits: Limits, allow_service=()) -> Reply:
    """Run one query and serialise its result as the client asked: the worker's whole job."""
    try:
        result = execute(store, query, allow_service=allow_service)
    except QueryError as exc:
        return Reply(400, "text/plain; charset=utf-8", f"{exc}\n".encode())
    kind = results.kind(result)
    if kind == "graph":
        fmt = negotiate(accept, _GRAPH_ACCEPT, "turtle")
        if fmt is None:
            return Reply(406, "text/plain", _NOT_ACCEPTABLE)
        ts, cut = results.triples(result, limit=limits.max_rows)
        return Reply(200, results.GRAPH_FORMATS[fmt].content_type, results.graph(ts, fmt), _cut_header(cut, limits))
    fmt = negotiate(accept, _SELECT_ACCEPT, "json")
    if fmt is None:
        return Reply(406, "text/plain", b"not acceptable: use SPARQL JSON, XML, CSV or TSV\n")
    ctype = results.SELECT_TYPES[fmt] + "; charset=utf-8"
    if kind == "ask":
        return Reply(200, ctype, results.ask(bool(result), fmt))
    t = results.table(result, limit=limits.max_rows, query=query)
    return Reply(200, ctype, results.SELECT_WRITERS[fmt](t), _cut_header(t.truncated, limits))


def _cut_header(cut: bool, limits: Limits) -> tuple:
    return (("X-Result-Truncated", f"true; limit={limits.max_rows}"),) if cut else ()


# ------------------------------------------------------------------ HTTP
# ?download=FORMAT on /sparql: an attachment in that syntax (the page's links); ?view=page: the page.
# Not "format" or "output": clients such as SPARQLWrapper send those with their own values.
_DOWNLOADS = {**{f: (t, f) for f, t in (("json", "application/sparql-results+json"), ("xml", "application/sparql-results+xml"),
                                       ("csv", "text/csv"), ("tsv", "text/tab-separated-values"))},
              **{k: (o.media_type, o.name.rsplit(".", 1)[-1]) for k, o in results.GRAPH_FORMATS.items()}}
_PAGE_ACCEPT = "application/sparql-results+json, text/turtle"


def _html(body: bytes, status: int = 200) -> Reply:
    return Reply(status, "text/html; charset=utf-8", body,
                 (("Content-Security-Policy", page.CSP), ("X-Content-Type-Options", "nosniff")))


def _close(status: int, message: str) -> Reply:
    """A refusal after which the connection is closed: the rest of the request cannot be trusted."""
    return Reply(status, "text/plain; charset=utf-8", f"{message}\n".encode(), (("Connection", "close"),))


def make_handler(out: Path, workers, limits: Limits = Limits(), access: Access | None = None):
    viz, data, docs = (Path(out) / "viz").resolve(), Path(out).resolve(), (Path(out) / "docs").resolve()
    access = access or _access("127.0.0.1", 0, None, (), ())

    class Handler(BaseHTTPRequestHandler):
        server_version = "mandate-graph"
        protocol_version = "HTTP/1.1"
        timeout = limits.read_timeout        # a silent client is dropped, not waited on forever

        def log_message(self, fmt, *args):      # quiet: one line per request to stderr is noise in tests
            pass

        def _send(self, reply: Reply) -> None:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            if access.cors:
                self.send_header("Access-Control-Allow-Origin", access.cors)
                self.send_header("Vary", "Accept, Origin")
            else:
                self.send_header("Vary", "Accept")
            for k, v in reply.headers:
                self.send_header(k, v)
                if k == "Connection" and v == "close":
                    self.close_connection = True
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(reply.body)

        def _refused(self) -> bool:
            if host_allowed(self.headers.get("Host"), access):
                return False
            self._send(_close(421, f"misdirected request: this server does not answer to Host "
                                   f"{self.headers.get('Host')!r}"))
            return True

        def do_OPTIONS(self):
            if self._refused():
                return
            self.send_response(204)
            self.send_header("Allow", "GET, HEAD, POST, OPTIONS")
            if access.cors:
                self.send_header("Access-Control-Allow-Origin", access.cors)
                self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
                self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
                self.send_header("Vary", "Origin")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_GET(self):
            if self._refused():
                return
            url = urlsplit(self.path)
            if url.path == "/sparql":
                args = parse_qs(url.query)
                if "update" in args:
                    return self._send(_read_only())
                if "query" not in args:
                    return self._send(_html(page.page(picked=args.get("library", [None])[0])))
                return self._send(self._answer(args))
            return self._send(self._static(url.path))

        do_HEAD = do_GET

        def do_POST(self):
            if self._refused():
                return
            body = self._body()
            if isinstance(body, Reply):
                return self._send(body)
            url = urlsplit(self.path)
            if url.path != "/sparql":
                return self._send(Reply(405, "text/plain", b"POST is accepted at /sparql only\n", (("Allow", "GET"),)))
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
                    return self._send(self._answer(args))
                return self._send(Reply(400, "text/plain", b"missing 'query' parameter\n"))
            return self._send(Reply(415, "text/plain",
                                    b"use application/sparql-query or application/x-www-form-urlencoded\n"))

        def _body(self) -> str | Reply:
            """The request body, read within the time limit; a Reply if it cannot be read safely."""
            if self.headers.get("Transfer-Encoding"):
                return _close(411, "send the body with a Content-Length, not chunked")
            lengths = self.headers.get_all("Content-Length") or ["0"]
            if len(set(lengths)) != 1 or not re.fullmatch(r"\s*\d{1,15}\s*", lengths[0]):
                return _close(400, f"invalid Content-Length: {', '.join(lengths)!r}")
            length = int(lengths[0])
            if length > limits.max_body:
                return _close(400, f"request body too large: {length:,} bytes, at most {limits.max_body:,}")
            try:
                raw = self.rfile.read(length)
            except TimeoutError:
                return _close(408, f"request body not received within {limits.read_timeout:g} s")
            if len(raw) < length:
                return _close(400, "request body shorter than its Content-Length")
            return raw.decode("utf-8", "replace")

        def _answer(self, args: dict) -> Reply:
            """The answer to a form's ``query``: in the syntax ``download`` names (an attachment),
            in the page (``view=page``, or a browser asking for text/html first), else by Accept."""
            text, fmt = args["query"][0], args.get("download", [None])[0]
            if args.get("view", [None])[0] == "page":
                fmt = "html"
            if fmt is None and negotiate(self.headers.get("Accept", ""), {"text/html": "html", **_SELECT_ACCEPT},
                                         "json") == "html":
                fmt = "html"
            if fmt == "html":
                reply = self._query(text, _PAGE_ACCEPT)
                if reply.status != 200:
                    return _html(page.page(text, answer=page.error(reply.status, reply.body)), reply.status)
                if reply.content_type.startswith(results.SELECT_TYPES["json"]):
                    cut = dict(reply.headers).get("X-Result-Truncated")
                    return _html(page.page(text, answer=page.table(text, reply.body, cut)))
                return _html(page.page(text, answer=page.graph(text, reply.body)))
            if fmt is None:
                return self._query(text)
            if fmt not in _DOWNLOADS:
                return Reply(400, "text/plain", f"download={fmt}: use one of {', '.join(_DOWNLOADS)}\n".encode())
            media, ext = _DOWNLOADS[fmt]
            reply = self._query(text, media)
            if reply.status == 200:
                reply = Reply(200, reply.content_type, reply.body,
                              reply.headers + (("Content-Disposition", f'attachment; filename="answer.{ext}"'),))
            return reply

        def _query(self, text: str, accept: str | None = None) -> Reply:
            try:        # checked here too, so that a query that would crash a worker never reaches one
                guard.check(text, allow_service=access.allow_service)
            except guard.Refused as exc:
                return Reply(exc.http, "text/plain; charset=utf-8", f"{exc}\n".encode())
            return workers.run(text, self.headers.get("Accept", "") if accept is None else accept)

        def _static(self, path: str) -> Reply:
            name = path.lstrip("/") or "index.html"
            published = BY_NAME.get(name)
            base = data if published else viz
            if name.split("/")[0] == "docs":        # the term documentation of out/docs/
                base, name = docs, name[len("docs"):].lstrip("/") or "index.html"
            target = (base / name).resolve()
            if not target.is_relative_to(base) or not target.is_file():
                return Reply(404, "text/plain", f"not found: {path}\n".encode())
            ctype = published.content_type if published else _STATIC_TYPES.get(target.suffix, "application/octet-stream")
            return Reply(200, ctype, target.read_bytes())

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128        # listen backlog: room for many clients connecting at once

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        if not isinstance(exc, (ConnectionError, TimeoutError)):   # a client that hung up is no error
            print(f"error: request from {client_address[0]}: {exc!r}", file=sys.stderr)


def _read_only() -> Reply:
    return Reply(403, "text/plain", b"read-only endpoint: SPARQL Update is refused\n")


class _Stop(Exception):
    """Raised in the main thread by SIGTERM or SIGINT to leave serve_forever."""


def _stop(signum, frame):
    raise _Stop()


def serve(*, out: Path, host: str = "127.0.0.1", port: int = 8000, limits: Limits = Limits(),
          workers: int = 2, ready=None, log=print, cors: str | None = None,
          allow_service=(), allow_hosts=()) -> None:
    """Load the built graph of ``out`` and serve it until SIGTERM, SIGINT or ``server.shutdown()``.

    ``cors``: the one origin whose pages may read answers; ``allow_service``: endpoint IRIs a
    SERVICE clause may call; ``allow_hosts``: names, besides the bound address, the server answers
    to (a reverse proxy's). Bad settings raise QueryError with a one-line message."""
    if isinstance(port, bool) or not isinstance(port, int) or not 0 <= port <= 65535:
        raise QueryError(f"--port {port}: expected a port number from 0 to 65535 (0: any free port)")
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise QueryError(f"--workers {workers}: expected at least 1 query worker process")
    if not limits.timeout > 0 or limits.max_rows < 0:
        raise QueryError("--timeout must be above 0 and --max-rows 0 or more")
    for iri in allow_service:
        if not re.fullmatch(r"https?://[^\s<>\"{}|^`\\]+", iri):
            raise QueryError(f"--allow-service {iri}: expected an absolute http(s) IRI")
    if cors is not None and not re.fullmatch(r"https?://[^\s/]+|\*", cors):
        raise QueryError(f"--cors {cors}: expected an origin such as https://example.org")
    graph = Path(out) / "graph.trig"
    if not graph.exists():
        raise QueryError(f"{graph}: no built graph; run `python build.py` first", 1)
    t = time.perf_counter()
    from graph.query.pool import Workers
    # workers first, the socket after: no worker can hold the port, whatever the start method
    pool = Workers(Path(out).resolve(), limits, size=workers, allow_service=allow_service)
    main = threading.current_thread() is threading.main_thread()
    previous = {}
    try:
        server = _Server((host, port), make_handler(out, pool, limits, None))
        bound = server.server_address[1]
        server.RequestHandlerClass = make_handler(
            out, pool, limits, _access(host, bound, cors, allow_hosts, allow_service))
        if main:
            for sig in (signal.SIGTERM, signal.SIGINT):
                previous[sig] = signal.signal(sig, _stop)
        try:
            log(f"loaded {pool.quads:,} quads in {time.perf_counter() - t:.2f}s; "
                f"serving http://{host}:{bound}/sparql and the views at http://{host}:{bound}/ "
                f"(time limit {limits.timeout:g}s, {limits.max_rows:,} rows)")
            if ready is not None:
                ready(server)
            server.serve_forever()
        except (KeyboardInterrupt, _Stop):
            pass
        finally:
            server.server_close()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        pool.close()
