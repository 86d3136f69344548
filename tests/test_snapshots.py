"""Snapshots of everything a build publishes from the bundled corpus: each sample document's
graph, void.ttl, graph.jsonld, the views' data and the answers of every library query. They make
any change in output visible in review (a refactoring must leave them all unchanged); regenerate
with `python -m pytest tests/test_snapshots.py --update-golden` when a change is meant."""
import json

import pytest
from rdflib import Graph

from conftest import bundled_lexicon

DOCS = ("000", "001", "003", "004")


@pytest.mark.parametrize("doc", DOCS)
def test_graph_of_each_sample_document(analysed, snapshot, doc):
    from graph.assemble.populate import populate
    snapshot.rdf(f"graph-{doc}.ttl", populate([analysed[doc]], bundled_lexicon()))


def test_void_description(built, snapshot):
    snapshot.rdf("void.ttl", Graph().parse(built / "void.ttl", format="turtle"))


def test_jsonld_graph(built, snapshot):
    snapshot.rdf("graph-jsonld.ttl", Graph().parse(built / "graph.jsonld", format="json-ld"))


def test_views_data(built, snapshot):
    """What each view draws, without the networkx positions (floats that a numpy release may move
    by a rounding step; builds on one machine are compared byte for byte elsewhere)."""
    from graph.ontology import load_ontology
    from viz.model import all_views
    from viz.page import view_data
    g = Graph().parse(built / "graph.nt", format="nt")
    data = {}
    for view in all_views(g, load_ontology()):
        d = view_data(view)
        for node in d["nodes"]:
            node.pop("x", None), node.pop("y", None)
        data[view.slug] = d
    snapshot.text("views.json", json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0) + "\n")


def test_answers_of_every_library_query(built, snapshot):
    from graph.query.run import run_query
    from graph.query.store import library
    for q in library():
        snapshot.text(f"queries/{q.name}.csv", run_query(q.name, out=built, fmt="csv", params=[]))
