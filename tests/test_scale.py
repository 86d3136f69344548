"""Scale-out (issue 16): incremental builds from the analysis cache, --jobs, a Dask cluster, and
pushing the named graphs into a Graph Store (a real Oxigraph server)."""
import json
import re
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request

import pytest

from conftest import CORPUS

MANIFEST = ".mandate-graph-manifest.json"


def _corpus(tmp_path, skip=()):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in CORPUS.iterdir():
        if not any(path.name.startswith(s) for s in skip):
            shutil.copyfile(path, corpus / path.name)
    return corpus


def _build(corpus, out, **kw):
    from build import build
    lines = []
    assert build(corpus=corpus, out=out, log=lines.append, **kw) == 0
    counts = next(re.search(r"(\d+) analysed, (\d+) from the cache", l) for l in lines if "from the cache" in l)
    return int(counts[1]), int(counts[2])


def _same_output(a, b):
    """Byte-identical outputs: the manifests (every file's size and SHA-256) are equal, and so are
    the files on disk."""
    assert (a / MANIFEST).read_bytes() == (b / MANIFEST).read_bytes()
    listed = set(json.loads((a / MANIFEST).read_text(encoding="utf-8"))["files"])
    for out in (a, b):
        on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
        extra = {p for p in on_disk - listed if not p.startswith((".cache/", "viz/screenshots/"))}
        assert extra == {MANIFEST}


def _entries(out):
    return sorted(p.name for p in (out / ".cache").rglob("*.pickle"))


def test_incremental_build_is_identical_to_a_clean_one_and_analyses_only_what_changed(tmp_path, built):
    corpus = _corpus(tmp_path, skip=("004",))
    out = tmp_path / "out"
    assert _build(corpus, out) == (3, 0)
    first = tmp_path / "first"
    shutil.copytree(out, first)
    assert len(_entries(out)) == 3
    shutil.copyfile(CORPUS / "004_c595a17db9558f09.txt", corpus / "004_c595a17db9558f09.txt")
    shutil.copyfile(CORPUS / "004_c595a17db9558f09.meta.yaml", corpus / "004_c595a17db9558f09.meta.yaml")
    assert _build(corpus, out) == (1, 3)                      # the added document only
    _same_output(out, built)                                  # as the clean build of the whole corpus
    assert len(_entries(out)) == 4
    (corpus / "004_c595a17db9558f09.txt").unlink()
    assert _build(corpus, out) == (0, 3)                      # a removed document: nothing to analyse
    _same_output(out, first)
    assert len(_entries(out)) == 3                            # and its entry dropped out of the cache
    # an edited document is analysed again, the others come from the cache; same bytes as a clean build
    path = corpus / "003_cb99b14b31951c52.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("đã tổ chức quán triệt", "đã tổ chức hội nghị quán triệt", 1),
                    encoding="utf-8")                         # every offset after it moves
    assert _build(corpus, out) == (1, 2)
    clean = tmp_path / "clean"
    assert _build(corpus, clean) == (3, 0)
    _same_output(out, clean)


def test_cache_key_covers_encoding_data_files_and_sidecar(tmp_path):
    from graph.cache import code_hash, data_hash, make_task, salt
    corpus = _corpus(tmp_path)
    data = tmp_path / "data"
    data.mkdir()
    assert data_hash(()) == data_hash((data,))                # an empty --data folder changes nothing
    shutil.copyfile(CORPUS.parent / "graph" / "data" / "time.yaml", data / "time.yaml")
    assert data_hash(()) != data_hash((data,))
    assert len(code_hash()) == 64
    path = corpus / "004_c595a17db9558f09.txt"
    key = make_task(path, encoding=None, salt=salt()).key
    assert make_task(path, encoding="utf-8", salt=salt()).key != key
    assert make_task(path, encoding=None, salt=salt((data,))).key != key
    side = corpus / "004_c595a17db9558f09.meta.yaml"
    side.write_text(side.read_text(encoding="utf-8") + "title: x\n", encoding="utf-8")
    assert make_task(path, encoding=None, salt=salt()).key != key


def test_cache_dir_option_and_a_killed_build_leave_the_cache_usable(tmp_path, monkeypatch):
    import graph.publish.rdf
    corpus = _corpus(tmp_path, skip=("001",))
    cache = tmp_path / "cache"
    assert _build(corpus, tmp_path / "a", cache=cache) == (3, 0)
    assert not (tmp_path / "a" / ".cache").exists() and len(list(cache.rglob("*.pickle"))) == 3
    assert _build(corpus, tmp_path / "b", cache=cache) == (0, 3)
    _same_output(tmp_path / "a", tmp_path / "b")
    # a build that dies after the analysis keeps the old out/.cache as it was, and leaves no pending folder
    out = tmp_path / "c"
    assert _build(corpus, out) == (3, 0)
    (corpus / "003_cb99b14b31951c52.txt").write_text("Bộ Chính trị yêu cầu Thành ủy Hà Nội báo cáo.", encoding="utf-8")

    def boom(*a, **k):
        raise RuntimeError("killed")
    monkeypatch.setattr(graph.publish.rdf, "write_ontology_release", boom)
    before = _entries(out)
    with pytest.raises(RuntimeError):
        _build(corpus, out)
    assert _entries(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b", "c", "cache", "corpus"]


def test_two_jobs_give_the_bytes_of_one(tmp_path, built):
    out = tmp_path / "out"
    assert _build(CORPUS, out, jobs=2) == (4, 0)
    _same_output(out, built)


@pytest.mark.slow
def test_a_dask_cluster_gives_the_bytes_of_one_process(tmp_path, built):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, protocol="tcp://", host="127.0.0.1",
                                  dashboard_address=":0") as cluster:
        out = tmp_path / "out"
        assert _build(CORPUS, out, scheduler=cluster.scheduler_address) == (4, 0)
    _same_output(out, built)


# ------------------------------------------------------------------ push into a Graph Store
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
    corpus = _corpus(tmp_path)
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


def test_the_build_holds_no_whole_corpus_rdflib_graph(tmp_path, monkeypatch):
    """Bounded memory: populate writes quads into an on-disk store and every output is written
    from it; no rdflib Graph of the build ever holds more than a fraction of the corpus's triples
    (the small ones left: the ontology, the VoID description, a few hundred JSON-LD nodes at a
    time). An rdflib populate of the whole corpus would put all of them in one Graph."""
    from rdflib import Graph
    sizes = {}
    add = Graph.add

    def counting_add(self, triple):
        sizes[id(self)] = sizes.get(id(self), 0) + 1
        return add(self, triple)

    monkeypatch.setattr(Graph, "add", counting_add)
    out = tmp_path / "out"
    _build(CORPUS, out)
    triples = sum(1 for _ in (out / "graph.nt").open(encoding="utf-8"))
    ontology = sum(1 for _ in (out / "ontology" / "mandate-graph.nt").open(encoding="utf-8"))
    assert triples > 10 * ontology
    assert max(sizes.values()) < triples / 4
