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
