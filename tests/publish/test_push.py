"""Pushing the named graphs into a Graph Store (a real Oxigraph server), and the build's progress lines."""
import json
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request

import pytest

from conftest import copy_corpus
from graph.publish.output import MANIFEST_NAME as MANIFEST


def _build(corpus, out):
    from build import build
    assert build(corpus=corpus, out=out, log=lambda m: None) == 0

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def oxigraph_server(tmp_path):
    exe = shutil.which("oxigraph")
    if exe is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    port = _free_port()
    proc = subprocess.Popen([exe, "serve", "--location", str(tmp_path / "store"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _count(base, where="GRAPH ?g { ?s ?p ?o }") -> int:
    query = f"SELECT (COUNT(*) AS ?n) {{ {where} }}"
    req = urllib.request.Request(f"{base}/query?{urllib.parse.urlencode({'query': query})}",
                                 headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=30) as answer:
        return int(json.load(answer)["results"]["bindings"][0]["n"]["value"])


def test_push_writes_the_named_graphs_and_then_only_the_changed_ones(tmp_path, oxigraph_server):
    import pyoxigraph as ox
    from graph.publish.push import ONTOLOGY_GRAPH, push
    corpus = copy_corpus(tmp_path)
    out = tmp_path / "out"
    _build(corpus, out)
    store = f"{oxigraph_server}/store"
    log = []
    first = push(out=out, store=store, log=log.append)
    trig = list(ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG))
    onto = list(ox.parse(path=str(out / "ontology" / "mandate-graph.nt"), format=ox.RdfFormat.N_TRIPLES))
    names = {q.graph_name.value for q in trig}
    assert first == {"sent": len(names) + 1, "deleted": 0, "unchanged": 0}
    assert _count(oxigraph_server) == len(trig) + len(onto)
    assert _count(oxigraph_server, f"GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }}") == len(onto)
    # a library query answers on the server as on the local store
    q = "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?m a <https://w3id.org/mandate-graph/ontology#Mandate> } }"
    local = ox.Store()
    local.extend(trig)
    assert _count(oxigraph_server, "GRAPH ?g { ?m a <https://w3id.org/mandate-graph/ontology#Mandate> }") \
        == int(next(iter(local.query(q)))["n"].value)
    assert push(out=out, store=store, log=log.append) == {"sent": 0, "deleted": 0, "unchanged": len(names) + 1}
    # one changed document: one graph sent; the state survives the rebuild
    path = corpus / "003_cb99b14b31951c52.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("đã tổ chức quán triệt", "đã tổ chức hội nghị quán triệt", 1),
                    encoding="utf-8")                         # every offset after it moves
    _build(corpus, out)
    assert push(out=out, store=store, log=log.append)["sent"] == 1
    trig = list(ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG))
    assert _count(oxigraph_server) == len(trig) + len(onto)
    # a removed document: its graph is deleted
    for p in corpus.glob("004_*"):
        p.unlink()
    _build(corpus, out)
    result = push(out=out, store=store, log=log.append)
    assert result["deleted"] == 1
    trig = list(ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG))
    assert _count(oxigraph_server) == len(trig) + len(onto)
    assert ".push-state.json" not in (out / MANIFEST).read_text(encoding="utf-8")


def test_push_to_an_unreachable_store_is_one_line(tmp_path, built):
    from graph.cli import main
    out = tmp_path / "out"
    shutil.copytree(built, out)
    port = _free_port()
    assert main(["push", "--store", f"http://127.0.0.1:{port}/store", "--out", str(out), "--retries", "1"]) == 1


def test_push_retries_a_failing_request_and_sends_credentials(tmp_path, monkeypatch):
    import base64
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer
    from graph.publish.push import push
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.trig").write_text("<urn:g1> { <urn:a> <urn:p> <urn:b> . }\n<urn:g2> { <urn:c> <urn:p> \"x\" . }\n",
                                    encoding="utf-8")
    seen, fail = [], {"left": 1}

    class Store(BaseHTTPRequestHandler):
        def do_PUT(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            seen.append((self.command, self.path, self.headers.get("Authorization"), body))
            if fail["left"]:
                fail["left"] -= 1
                self.send_response(503)
            else:
                self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *a):
            pass

    server = HTTPServer(("127.0.0.1", 0), Store)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("MANDATE_GRAPH_STORE_USER", "me")
    monkeypatch.setenv("MANDATE_GRAPH_STORE_PASSWORD", "secret")
    try:
        result = push(out=out, store=f"http://127.0.0.1:{server.server_port}/store", log=lambda m: None)
    finally:
        server.shutdown()
    assert result == {"sent": 2, "deleted": 0, "unchanged": 0}
    assert [s[1] for s in seen] == ["/store?graph=urn%3Ag1"] * 2 + ["/store?graph=urn%3Ag2"]   # the 503 retried
    assert {s[2] for s in seen} == {"Basic " + base64.b64encode(b"me:secret").decode()}
    assert seen[-1][3] == b'<urn:c> <urn:p> "x" .\n'


def test_progress_is_a_bar_on_a_terminal_and_tenths_in_a_log():
    import io
    from graph.publish.progress import Progress
    log = io.StringIO()
    p = Progress("analyse", 20, stream=log, tty=False)
    for _ in range(20):
        p.advance()
    lines = log.getvalue().splitlines()
    assert len(lines) == 10 and lines[-1].startswith("analyse   20/20 docs (100%)") and "/s" in lines[-1]
    term = io.StringIO()
    p = Progress("push", 3, unit="graphs", stream=term, tty=True)
    for _ in range(3):
        p.advance()
    assert "\r" in term.getvalue() and "[####" in term.getvalue() and "left" in term.getvalue()
