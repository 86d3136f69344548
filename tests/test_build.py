import re

from rdflib import Graph, URIRef

from conftest import CORPUS, ROOT

DESIGN = ROOT.parent / "shared" / "DESIGN.md"


def test_building_twice_gives_identical_bytes(built, tmp_path):
    from build import build
    other = tmp_path / "again"
    assert build(corpus=CORPUS, out=other, log=lambda m: None) == 0
    # screenshots/ is written beside the views by the browser tests, not by the build
    files = sorted(p.relative_to(built) for p in built.rglob("*") if p.is_file() and "screenshots" not in p.parts)
    assert files == sorted(p.relative_to(other) for p in other.rglob("*") if p.is_file())
    for f in files:
        assert (built / f).read_bytes() == (other / f).read_bytes(), f


def test_failed_build_leaves_previous_output(tmp_path, monkeypatch):
    from build import build
    out = tmp_path / "out"
    assert build(corpus=CORPUS, out=out, log=lambda m: None) == 0
    before = (out / "graph.ttl").read_bytes()
    import graph.publish.rdf
    def boom(*a, **k):
        raise RuntimeError("disk full")
    monkeypatch.setattr(graph.publish.rdf, "write_ontology_release", boom)
    try:
        build(corpus=CORPUS, out=out, log=lambda m: None)
    except RuntimeError:
        pass
    assert (out / "graph.ttl").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_every_evidence_quotes_its_source_exactly(built):
    g = Graph().parse(built / "graph.nt", format="nt")
    mg = "https://w3id.org/mandate-graph/ontology#"
    files = {str(d): str(f) for d, f in g.subject_objects(URIRef(mg + "sourceFile"))}
    count = 0
    for ev in g.subjects(URIRef(mg + "quote"), None):
        q = str(g.value(ev, URIRef(mg + "quote")))
        s, e = int(g.value(ev, URIRef(mg + "start"))), int(g.value(ev, URIRef(mg + "end")))
        src = files[str(g.value(ev, URIRef(mg + "source")))]
        with open(CORPUS / src, encoding="utf-8", newline="") as fh:
            assert fh.read()[s:e] == q
        count += 1
    assert count > 500


def test_every_design_name_exists_in_the_ontology():
    from graph.ontology import load_ontology
    onto = load_ontology()
    names = set(re.findall(r"`mg:([A-Za-z]+)`", DESIGN.read_text(encoding="utf-8"))) if DESIGN.exists() else {"Mandate"}
    subjects = {str(s) for s in onto.subjects()}
    missing = [n for n in names if f"https://w3id.org/mandate-graph/ontology#{n}" not in subjects]
    assert not missing


def test_every_label_is_composed_and_single_spaced(built):
    import unicodedata
    from rdflib.namespace import RDFS, SKOS
    g = Graph().parse(built / "graph.nt", format="nt")
    labels = [str(o) for p in (SKOS.prefLabel, SKOS.altLabel, RDFS.label) for o in g.objects(None, p)]
    assert len(labels) > 500
    odd = [l for l in labels if not unicodedata.is_normalized("NFC", l) or "  " in l or l != l.strip()]
    assert odd == []


def test_strict_build_stops_without_output(tmp_path):
    from build import build
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "good.txt").write_text("Bộ Chính trị yêu cầu Thành ủy Hà Nội báo cáo.", encoding="utf-8")
    (tmp_path / "c" / "empty.txt").write_bytes(b"")
    lines = []
    assert build(corpus=tmp_path / "c", out=tmp_path / "strict", strict=True, log=lines.append) != 0
    assert not (tmp_path / "strict").exists() and any("empty.txt: empty file" in x for x in lines)
    assert build(corpus=tmp_path / "c", out=tmp_path / "lenient", log=lines.append) == 0
    assert (tmp_path / "lenient" / "graph.ttl").exists()
