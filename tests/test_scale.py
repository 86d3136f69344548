"""Scale-out (issue 16): incremental builds from the analysis cache, --jobs, a Dask cluster (pushing
to a Graph Store: publish/test_push.py)."""
import json
import re
import shutil

import pytest

from conftest import CORPUS, copy_corpus as _corpus

MANIFEST = ".mandate-graph-manifest.json"


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


def test_the_build_holds_one_analysed_document_at_a_time(tmp_path, monkeypatch, built):
    """Bounded memory: the analysis keeps each document's digest, not the document; populate reads
    each back from the cache once, in file-name order, and lets it go after the next one. Same
    bytes as ever, whether the documents were analysed in this build or came from the cache."""
    import gc
    import weakref
    from graph.cache import Cache
    live, loaded = weakref.WeakSet(), []
    load = Cache.load

    def counting_load(self, digest):
        gc.collect()                     # the one populate has just finished may still be referenced
        assert len(live) <= 1, f"{len(live)} analysed documents still held when {digest.name} is read"
        doc = load(self, digest)
        live.add(doc)
        loaded.append(digest.name)
        return doc

    monkeypatch.setattr(Cache, "load", counting_load)
    out = tmp_path / "out"
    assert _build(CORPUS, out) == (4, 0)
    assert loaded == sorted(loaded) and len(loaded) == 4
    _same_output(out, built)
    loaded.clear()
    assert _build(CORPUS, out) == (0, 4)
    assert len(loaded) == 4
    _same_output(out, built)


def test_tasks_are_read_as_they_are_sent_and_answered_in_order(tmp_path):
    """The analysis holds a task's bytes only while it is in flight: a build keeps its tasks
    without their bytes, and a file edited before it is sent is analysed as it is then, under the
    key of those bytes."""
    from graph.cache import make_task, salt
    from graph.lexicon import Lexicon
    from graph.parallel import run_tasks
    corpus = _corpus(tmp_path)
    paths = sorted(corpus.glob("*.txt"))
    tasks = [make_task(p, encoding=None, salt=salt()).unloaded() for p in paths]
    assert all(t.data is None for t in tasks)
    edited = paths[-1]
    before = tasks[-1].key
    edited.write_text(edited.read_text(encoding="utf-8") + "\nBộ Chính trị yêu cầu Ban Bí thư báo cáo.\n", encoding="utf-8")
    answers = list(run_tasks(tasks, Lexicon.load(()), jobs=2))
    assert [t.path for t, _ in answers] == [t.path for t in tasks]
    assert [d.source.path for _, d in answers] == [t.path for t in tasks]
    assert answers[-1][0].key != before and answers[0][0].key == tasks[0].key
