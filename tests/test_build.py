import re
import subprocess
import sys
from pathlib import Path

import pytest
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
    texts = {p.name: p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt")}
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


def test_validate_passes_with_hermit(built):
    r = subprocess.run([sys.executable, "build.py", "validate", "--out", str(built)], cwd=ROOT,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "HermiT: consistent" in r.stdout


def _ontology_with(tmp_path, name: str, turtle: str):
    """A copy of the ontology with one extension file added."""
    import shutil
    onto = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", onto)
    (onto / "extensions").mkdir(exist_ok=True)
    (onto / "extensions" / name).write_text(turtle, encoding="utf-8")
    return onto


def test_term_without_label_and_unsatisfiable_class_fail_validation(tmp_path, built):
    from graph.query.validate import validate
    onto = _ontology_with(tmp_path, "bad.ttl", """
@prefix mg: <https://w3id.org/mandate-graph/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
mg:Unlabelled a owl:Class ; rdfs:subClassOf mg:Body .
mg:Impossible a owl:Class ; rdfs:subClassOf mg:Person , mg:Body ; rdfs:label "x"@en , "x"@vi .
""")
    report = validate(out=built, ontology_dir=onto)
    text = "\n".join(report.errors)
    assert "unsatisfiable class https://w3id.org/mandate-graph/ontology#Impossible" in text
    assert "Unlabelled" in text and not report.ok


def test_concept_without_a_vietnamese_definition_fails_qc(tmp_path, built):
    """mg:roles and three other schemes carried their English definition tagged @vi."""
    from graph.query.validate import validate
    onto = _ontology_with(tmp_path, "copied.ttl", """
@prefix mg: <https://w3id.org/mandate-graph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
mg:copied a skos:ConceptScheme ; rdfs:label "copied"@en , "chép"@vi ;
    skos:definition "Same words."@en , "Same words."@vi .
mg:untranslated a skos:Concept ; skos:inScheme mg:copied ; rdfs:label "x"@en , "x"@vi ;
    skos:definition "Only English."@en .
""")
    report = validate(out=built, ontology_dir=onto)
    assert [e for e in report.errors if "QC terms-without-definitions" in e] == [
        "QC terms-without-definitions: https://w3id.org/mandate-graph/ontology#untranslated vi"]
    assert [e for e in report.errors if "QC definitions-not-translated" in e] == [
        "QC definitions-not-translated: https://w3id.org/mandate-graph/ontology#copied Same words."]


def test_extension_subclass_appears_in_docs(tmp_path, monkeypatch):
    from graph import ontology
    from graph.publish.termdocs import write_docs
    onto_dir = _ontology_with(tmp_path, "ward.ttl", """
@prefix mg: <https://w3id.org/mandate-graph/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
mg:WardCommittee a owl:Class ; rdfs:subClassOf mg:StateBody ;
  rdfs:label "Ward committee"@en , "Ủy ban phường"@vi ; skos:definition "A ward People's Committee."@en .
""")
    n = write_docs(ontology.load_ontology(onto_dir), Graph(), tmp_path / "docs")
    assert n > 90 and "Ủy ban phường" in (tmp_path / "docs" / "WardCommittee.html").read_text(encoding="utf-8")


def test_readme_commands_work_end_to_end(tmp_path):
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, "build.py", "--out", str(out)], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert (out / "graph.ttl").exists() and (out / "viz" / "index.html").exists()
    page = (out / "viz" / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"<(?:script|link)[^>]+(?:src|href)=[\"']?https?:", page)
    q = subprocess.run([sys.executable, "build.py", "query", str(ROOT / "queries" / "qc" / "facts-without-evidence.rq"),
                        "--out", str(out), "--format", "csv"], cwd=ROOT, capture_output=True, text=True)
    assert q.returncode == 0 and q.stdout.strip() == "fact,type"
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?x WHERE { ?x ", encoding="utf-8")
    q = subprocess.run([sys.executable, "build.py", "query", str(bad), "--out", str(out)], cwd=ROOT, capture_output=True, text=True)
    assert q.returncode == 2 and q.stderr.count("\n") == 1 and "Traceback" not in q.stderr


def _readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def _options() -> list[tuple[str, str]]:
    """Every (command, --option) of the command line, read from graph.cli.parser()."""
    import argparse
    from graph.cli import parser
    sub = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    return [(name, opt) for name, p in sub.choices.items() for action in p._actions
            for opt in action.option_strings if opt.startswith("--") and opt != "--help"]


def test_the_command_line_has_options_to_document():
    assert ("build", "--corpus") in _options() and ("serve", "--allow-host") in _options()


@pytest.mark.parametrize("command,option", _options(), ids=lambda x: x)
def test_readme_documents_every_option(command, option):
    assert option in _readme(), f"{command} {option}"


def test_readme_documents_every_query_view_and_output():
    """Docs are tested: a query, a view kind or a published file missing from the README fails."""
    from graph.publish.outputs import OUTPUTS
    from graph.query.store import library
    readme = _readme()
    missing = [q.name for q in library() if f"`{q.name}`" not in readme]
    missing += [f"qc/{q.stem}" for q in (ROOT / "queries" / "qc").glob("*.rq") if f"`{q.stem}`" not in readme]
    missing += [v for v in ("who-assigns-what.html", "actor-*.html", "document-*.html", "dependencies.html",
                            "accountability.html") if v not in readme]
    missing += [f"output {o.name}" for o in OUTPUTS if f"`{o.name}`" not in readme]
    assert not missing, missing


def test_every_label_is_composed_and_single_spaced(built):
    import unicodedata
    from rdflib.namespace import RDFS, SKOS
    g = Graph().parse(built / "graph.nt", format="nt")
    labels = [str(o) for p in (SKOS.prefLabel, SKOS.altLabel, RDFS.label) for o in g.objects(None, p)]
    assert len(labels) > 500
    odd = [l for l in labels if not unicodedata.is_normalized("NFC", l) or "  " in l or l != l.strip()]
    assert odd == []
