"""The term documentation written from the ontology."""
from rdflib import Graph

from conftest import ontology_with


def test_extension_subclass_appears_in_docs(tmp_path, monkeypatch):
    from graph import ontology
    from graph.publish.termdocs import write_docs
    onto_dir = ontology_with(tmp_path, "ward.ttl", """
@prefix mg: <https://w3id.org/mandate-graph/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
mg:WardCommittee a owl:Class ; rdfs:subClassOf mg:StateBody ;
  rdfs:label "Ward committee"@en , "Ủy ban phường"@vi ; skos:definition "A ward People's Committee."@en .
""")
    n = write_docs(ontology.load_ontology(onto_dir), Graph(), tmp_path / "docs")
    assert n > 90 and "Ủy ban phường" in (tmp_path / "docs" / "WardCommittee.html").read_text(encoding="utf-8")
