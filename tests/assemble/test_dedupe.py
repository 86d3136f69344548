"""One document node per corpus file (graph/assemble/dedupe.py)."""
from dataclasses import replace

from conftest import CORPUS


def _as_file(doc, name, *, rewrite=None):
    """``doc`` as if read from file ``name``; ``rewrite``: "content" or "boilerplate" changes the
    letters (not the length) of the first block of that kind."""
    source = replace(doc.source, name=name, path=f"/corpus/{name}")
    key = doc.normal.key
    if rewrite:
        b = next(b for b in doc.segmented.blocks if (b.kind == "boilerplate") == (rewrite == "boilerplate"))
        key = key[:b.start] + "x" * (b.end - b.start) + key[b.end:]
    return replace(doc, source=source, normal=replace(doc.normal, key=key))


def test_same_text_twice_is_skipped_and_a_different_text_gets_its_own_node(analysed):
    from graph.assemble.dedupe import one_node_per_file
    a = analysed["000"]
    copy = _as_file(a, "zz-copy.txt")
    reprint = _as_file(a, "zz-reprint.txt", rewrite="content")
    kept, warnings = one_node_per_file([reprint, copy, analysed["004"], a])
    names = [d.source.name for d in kept]
    assert names == sorted([a.source.name, analysed["004"].source.name, "zz-reprint.txt"])
    iris = [d.meta.iri for d in kept]
    assert len(set(iris)) == 3
    assert next(d for d in kept if d.source.name == a.source.name).meta.iri == a.meta.iri
    assert next(d for d in kept if d.source.name == "zz-reprint.txt").meta.iri == a.meta.iri + "-file-zz-reprint"
    assert len(warnings) == 2
    assert warnings[0].startswith("/corpus/zz-copy.txt: the same text as 000_") and warnings[0].endswith("; skipped")
    assert "zz-reprint.txt: identified as kl-bo-chinh-tri-2017-10-20" in warnings[1]


def test_a_web_page_saved_twice_with_other_sidebars_is_a_duplicate(analysed):
    """Its IRI comes from its file name, so only its content shows it is the same page."""
    from graph.assemble.dedupe import one_node_per_file
    page = analysed["003"]
    again = _as_file(page, "zz-saved-later.txt", rewrite="boilerplate")
    assert again.normal.key != page.normal.key
    kept, warnings = one_node_per_file([page, again])
    assert kept == [page] and warnings == [f"/corpus/zz-saved-later.txt: the same text as {page.source.name}; skipped"]


def test_distinct_files_are_left_alone(analysed):
    from graph.assemble.dedupe import one_node_per_file
    docs = list(analysed.values())
    kept, warnings = one_node_per_file(docs)
    assert warnings == [] and {d.meta.iri for d in kept} == {d.meta.iri for d in docs}


def test_regression_a_file_saved_twice_gave_one_document_two_files(tmp_path):
    """A corpus of ten copies made one document node with ten mg:sourceFile values; evidence of
    every copy was then looked up in whichever file came first, and nine views overwrote each other."""
    import shutil
    from build import build
    from graph.query.validate import validate
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a.txt", "b.txt"):
        shutil.copyfile(CORPUS / "000_abf47967dda61da9.txt", corpus / name)
    lines = []
    assert build(corpus=corpus, out=tmp_path / "out", log=lines.append) == 0
    assert any(l.startswith("warning: ") and "b.txt: the same text as a.txt" in l for l in lines)
    report = validate(out=tmp_path / "out", reasoner=False)
    assert not [e for e in report.errors if "documents-with-several-files" in e]
    nt = (tmp_path / "out" / "graph.nt").read_text(encoding="utf-8")
    assert nt.count("#sourceFile>") == 1


def test_qc_names_a_document_with_two_files():
    import pyoxigraph as ox
    from conftest import ROOT
    store = ox.Store()
    store.load(b'<urn:d> <https://w3id.org/mandate-graph/ontology#sourceFile> "a.txt" , "b.txt" .\n'
               b'<urn:e> <https://w3id.org/mandate-graph/ontology#sourceFile> "c.txt" .\n', format=ox.RdfFormat.TURTLE)
    query = (ROOT / "queries" / "qc" / "documents-with-several-files.rq").read_text(encoding="utf-8")
    assert [(r["document"].value, int(r["files"].value)) for r in store.query(query)] == [("urn:d", 2)]
