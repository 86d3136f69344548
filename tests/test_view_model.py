"""The view model: views past styles.yaml's aggregate_above fold their mandates into weighted edges
(the browser tests in test_views.py cover drawing)."""
from collections import Counter

import pytest
from rdflib import RDF, Graph

from graph.ontology import load_ontology
from graph.vocab import MG
from viz import model


@pytest.fixture(scope="module")
def graphs(built):
    return Graph().parse(built / "graph.nt", format="nt"), load_ontology()


@pytest.fixture()
def small_threshold(monkeypatch):
    monkeypatch.setitem(model.STYLES["scale"], "aggregate_above", 25)


def test_views_past_the_threshold_aggregate_and_keep_their_counts(graphs, small_threshold):
    g, onto = graphs
    full = {v.slug: v for v in _with_threshold(g, onto, 10**9)}
    small = {v.slug: v for v in model.all_views(g, onto)}
    assert full.keys() == small.keys()
    mandates = set(g.subjects(RDF.type, MG.Mandate))
    for slug, view in small.items():
        big = len(full[slug].nodes) > 25
        assert view.aggregated == big, slug
        if not big:
            assert view == full[slug], slug
            continue
        assert view.note and len(view.nodes) < len(full[slug].nodes), slug
        ids = {n.iri for n in view.nodes}
        assert not ids & {str(m) for m in mandates}, f"{slug} still draws mandates"
        assert all(e.source in ids and e.target in ids for e in view.edges), slug
    who = small["who-assigns-what"]
    pairs = sum(len(set(g.objects(m, MG.assigner))) * len(set(g.objects(m, MG.assignee)) | set(g.objects(m, MG.coordinator)))
                for m in mandates)
    assert sum(e.weight for e in who.edges) == pairs
    acc = small["accountability"]
    assert sum(e.weight for e in acc.edges) == sum(len(set(g.objects(m, MG.assignee))) for m in mandates)
    assert Counter(n.cls for n in acc.nodes)["Mandate"] == len(acc.edges)
    dep = small["dependencies"]
    assert sum(e.weight for e in dep.edges) == len(full["dependencies"].edges)


def _with_threshold(g, onto, n):
    saved = model.STYLES["scale"]["aggregate_above"]
    model.STYLES["scale"]["aggregate_above"] = n
    try:
        return model.all_views(g, onto)
    finally:
        model.STYLES["scale"]["aggregate_above"] = saved
