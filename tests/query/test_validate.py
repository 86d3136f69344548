"""Validation: HermiT on the ontology, SHACL on the graph, and the quality-check queries."""
import subprocess
import sys

from conftest import ROOT, ontology_with


def test_validate_passes_with_hermit(built):
    r = subprocess.run([sys.executable, "build.py", "validate", "--out", str(built)], cwd=ROOT,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "HermiT: consistent" in r.stdout


def test_term_without_label_and_unsatisfiable_class_fail_validation(tmp_path, built):
    from graph.query.validate import validate
    onto = ontology_with(tmp_path, "bad.ttl", """
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
    onto = ontology_with(tmp_path, "copied.ttl", """
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


def test_qc_names_an_actor_without_a_vietnamese_name():
    """On the crawl, 682 actors had no skos:prefLabel@vi: collectives with only an altLabel, and
    issuers read from the header that nothing named."""
    import pyoxigraph as ox
    store = ox.Store()
    for f in sorted((ROOT / "ontology").glob("*.ttl")):
        store.load(path=str(f), format=ox.RdfFormat.TURTLE)
    store.load(b"""@prefix mg: <https://w3id.org/mandate-graph/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<urn:group> a mg:BodyGroup ; skos:altLabel "c\xc3\xa1c b\xe1\xbb\x99"@vi .
<urn:named> a mg:StateBody ; skos:prefLabel "B\xe1\xbb\x99 T\xc3\xa0i ch\xc3\xadnh"@vi .
<urn:english> a mg:StateBody ; skos:prefLabel "Ministry of Finance"@en .
<urn:m> a mg:Mandate ; mg:lead <urn:issuer> ; mg:assigner <urn:named> .
""", format=ox.RdfFormat.TURTLE)
    query = (ROOT / "queries" / "qc" / "actors-without-names.rq").read_text(encoding="utf-8")
    assert [r["actor"].value for r in store.query(query)] == ["urn:english", "urn:group", "urn:issuer"]
