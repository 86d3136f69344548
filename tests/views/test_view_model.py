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
    monkeypatch.setitem(model.STYLES["scale"], "fold_tasks_above", 10**9)


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
    saved = dict(model.STYLES["scale"])
    model.STYLES["scale"].update(aggregate_above=n, fold_tasks_above=n)
    try:
        return list(model.all_views(g, onto))
    finally:
        model.STYLES["scale"].update(saved)


def test_views_listing_many_tasks_fold_them_and_keep_every_task_in_the_table(graphs):
    g, onto = graphs
    full = {v.slug: v for v in _with_threshold(g, onto, 10**9)}
    limit = model.STYLES["scale"]["fold_tasks_above"]
    mandates = {str(m) for m in g.subjects(RDF.type, MG.Mandate)}
    for view in model.all_views(g, onto):
        tasks = {n.iri for n in full[view.slug].nodes} & mandates
        assert {r["iri"] for r in view.rows} == ({r["iri"] for r in full[view.slug].rows}), view.slug
        if view.kind in ("document", "actor"):
            assert {r["iri"] for r in view.rows} == tasks, view.slug
        assert view.aggregated == (len(tasks) > limit), view.slug
        if view.aggregated:
            assert not {n.iri for n in view.nodes} & mandates, view.slug
    assert model.STYLES["scale"]["fold_tasks_above"] < 326          # the sample's overview is folded


def test_layout_gives_every_node_a_column_and_rank(graphs):
    from viz.layout import columns, wrap
    g, onto = graphs
    for view in model.all_views(g, onto):
        place = columns(view)
        assert set(place) == {n.iri for n in view.nodes}
        by_col = {}
        for c, r in place.values():
            by_col.setdefault(c, []).append(r)
        assert sorted(by_col) == list(range(len(by_col)))
        assert all(sorted(rs) == list(range(len(rs))) for rs in by_col.values()), view.slug
    assert wrap("một hai ba bốn năm sáu bảy", 8, 2) == "một hai\nba bốn…"


def test_folded_views_still_too_big_draw_their_most_linked_nodes(graphs, monkeypatch):
    g, onto = graphs
    monkeypatch.setitem(model.STYLES["scale"], "aggregate_above", 25)
    monkeypatch.setitem(model.STYLES["scale"], "draw_at_most", 10)
    capped = 0
    for view in model.all_views(g, onto):
        if view.aggregated:
            assert len(view.nodes) <= 10, view.slug
            capped += "most linked" in view.note
            ids = {n.iri for n in view.nodes}
            assert not view.subject or view.subject in ids
            assert all(e.source in ids and e.target in ids for e in view.edges)
            linked = {end for e in view.edges for end in (e.source, e.target)}
            assert ids - linked <= {view.subject}, view.slug      # regression: no lone marker once capped
    assert capped >= 3                     # who-assigns-what, accountability, dependencies at least


def test_evidence_from_a_pdf_carries_its_page_to_the_panel():
    """Issue 15: the views' evidence panel shows file, page and offsets (mg:page, mg:ocr)."""
    from rdflib import Graph, Literal, URIRef
    from graph.ontology import load_ontology
    from graph.vocab import MG
    from viz.model import Reader
    g = Graph()
    body, ev, doc = (URIRef(f"https://w3id.org/mandate-graph/id/{t}") for t in ("body/bo-x", "evidence/e1", "doc/d"))
    g.add((doc, MG.sourceFile, Literal("notice.pdf")))
    for p, o in ((MG.source, doc), (MG.quote, Literal("Bộ X")), (MG.start, Literal(10)), (MG.end, Literal(14)),
                 (MG.rule, Literal("gazetteer")), (MG.page, Literal(2)), (MG.ocr, Literal(True))):
        g.add((ev, p, o))
    g.add((body, MG.evidence, ev))
    items, total = Reader(g, load_ontology()).evidence(body)
    assert total == 1 and items[0]["file"] == "notice.pdf" and items[0]["page"] == 2 and items[0]["ocr"] is True
    assert "evidence_page" in (__import__("viz.model", fromlist=["STYLES"]).STYLES["ui"])


def test_a_run_on_body_name_still_gives_a_view_file_a_file_system_takes(graphs, tmp_path):
    """Regression (whole crawl): a body whose name ran on for 400 characters gave a view file name
    longer than 255 bytes, and the build stopped with "File name too long". Its view now has a name
    of at most 125 characters, distinct from another long name with the same start."""
    from rdflib import URIRef
    from viz.views import write_views
    g, ontology = graphs
    old = URIRef("https://w3id.org/mandate-graph/id/body/thanh-uy-ha-noi")
    long_a = URIRef(str(old) + "-" + "x" * 400)
    swap = lambda t: long_a if t == old else t
    renamed = Graph()
    for s, p, o in g:
        renamed.add((swap(s), p, swap(o)))
    assert model.file_slug("actor-" + "x" * 400) != model.file_slug("actor-" + "x" * 399 + "y")
    write_views(renamed, tmp_path, ontology=ontology)
    names = [p.name for p in tmp_path.glob("actor-thanh-uy-ha-noi-x*.html")]
    assert len(names) == 1 and len(names[0]) <= 125


def test_regression_markdown_bold_is_not_shown_in_labels_and_rows(graphs):
    """2,000 crawl pages saved as .txt keep markdown's bold: document titles "**II. HỆ THỐNG NHÀ
    NƯỚC:**" and tasks "** a) Nhiệm vụ, quyền hạn: **" were drawn and listed with their stars."""
    from rdflib import RDFS, Literal
    g, ontology = graphs
    mandates = set(g.subjects(RDF.type, MG.Mandate))
    marked = Graph()
    for s, p, o in g:
        if s in mandates and p in (MG.task, RDFS.label) and isinstance(o, Literal):
            o = Literal(f"# ** {o} **", lang=o.language)
        marked.add((s, p, o))
    who = next(v for v in model.all_views(marked, ontology) if v.slug == "who-assigns-what")
    assert who.rows and not any("**" in r["task"] for r in who.rows)
    assert not any("**" in n.vi or "**" in n.label for n in who.nodes)
    assert not any(r["task"].startswith("#") for r in who.rows)


def _crawl_like_graph(children: int):
    """A mandate of the Government's to a collective the graph names only by the words written
    (skos:altLabel, no class: the whole crawl has 556 such actors) and to a document's issuer with
    no name at all (126), and ``children`` bodies part of the Government with no mandate of their own."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import SKOS
    from graph.vocab import ORG
    ns = "https://w3id.org/mandate-graph/id/"
    gov, group, issuer = URIRef(ns + "body/chinh-phu"), URIRef(ns + "body/cac-co-quan-lien-quan"), URIRef(ns + "body/bo-truong-bo-noi-vu")
    m, doc = URIRef(ns + "mandate/m1"), URIRef(ns + "doc/d1")
    g = Graph()
    g.add((gov, RDF.type, MG.StateBody)), g.add((gov, SKOS.prefLabel, Literal("Chính phủ", lang="vi")))
    for form in ("các cơ quan liên quan", "Các cơ quan liên quan", "cơ quan liên quan"):
        g.add((group, SKOS.altLabel, Literal(form, lang="vi")))
    g.add((m, RDF.type, MG.Mandate)), g.add((m, MG.task, Literal("rà soát thủ tục hành chính")))
    g.add((m, MG.statedIn, doc)), g.add((doc, MG.sourceFile, Literal("d1.md")))
    g.add((m, MG.assigner, gov)), g.add((m, MG.assignee, group)), g.add((m, MG.coordinator, issuer))
    for i in range(children):
        child = URIRef(ns + f"body/bo-so-{i:02}")
        g.add((child, RDF.type, MG.StateBody)), g.add((child, SKOS.prefLabel, Literal(f"Bộ số {i:02}", lang="vi")))
        g.add((child, ORG.subOrganizationOf, gov))
    return g, gov, group, issuer


def test_regression_an_actor_without_a_name_or_class_is_drawn_as_a_body_named_in_words():
    """Whole crawl: 168 of the overview's 400 nodes were drawn as documents (grey boxes) labelled
    with slugs ("cac-co-quan-lien-quan"): collectives and issuers have no rdf:type nor prefLabel.
    They are bodies, named by the form their IRI was made from, else by the IRI's words."""
    g, gov, group, issuer = _crawl_like_graph(0)
    r = model.Reader(g, load_ontology())
    assert r.label(group) == "Các cơ quan liên quan" and r.cls(group) == "Body"
    assert r.label(issuer) == "bo truong bo noi vu" and r.cls(issuer) == "Body"
    who = next(v for v in model.all_views(g, load_ontology()) if v.slug == "who-assigns-what")
    assert not any("-" in n.vi and " " not in n.vi for n in who.nodes)
    assert who.rows[0]["assignee"] == "Các cơ quan liên quan"


def test_regression_sub_bodies_without_mandates_fold_into_one_group_node():
    """Whole crawl: the Government's view drew some 300 sub-bodies with no mandate in it as a grid
    of unlabelled squares. Past fold_sub_bodies_above they are one group node listing their names."""
    limit = model.STYLES["scale"]["fold_sub_bodies_above"]
    g, gov, group, issuer = _crawl_like_graph(limit + 1)
    view = next(v for v in model.all_views(g, load_ontology()) if v.slug == "actor-chinh-phu")
    folded = [n for n in view.nodes if n.iri.endswith("#sub-bodies")]
    assert len(folded) == 1 and folded[0].cls == "BodyGroup" and str(limit + 1) in folded[0].vi
    assert dict(folded[0].details)[model.WORDS["sub_bodies"]["details"]].split("; ")[:2] == ["Bộ số 00", "Bộ số 01"]
    assert not any("/bo-so-" in n.iri for n in view.nodes)
    assert [(e.source, e.weight) for e in view.edges if e.kind == "subOrganizationOf"] == [(folded[0].iri, limit + 1)]
    assert {str(group), str(issuer), str(gov)} <= {n.iri for n in view.nodes}       # the actors of its mandate stay
    g, *_ = _crawl_like_graph(limit)                                           # at the limit: each drawn
    view = next(v for v in model.all_views(g, load_ontology()) if v.slug == "actor-chinh-phu")
    assert sum("/bo-so-" in n.iri for n in view.nodes) == limit and not any("#" in n.iri for n in view.nodes)


def test_regression_a_capped_view_draws_no_node_without_a_drawn_edge(monkeypatch):
    """Whole crawl: accountability kept 120 assignees for their many small facet buckets, none of
    which was among the most linked: each drew as a lone marker. A node with no edge left is dropped."""
    monkeypatch.setitem(model.STYLES["scale"], "draw_at_most", 3)
    node = lambda k: model.VNode(k, k, "Body", k, "")
    nodes = {k: node(k) for k in ("hub", "b", "c", *(f"leaf{i}" for i in range(5)))}
    edges = [model.VEdge("hub", f"leaf{i}", "mandates", 1) for i in range(5)] + [model.VEdge("b", "c", "mandates", 3)]
    view = model._view("x", "who", "x", "x", nodes, edges, aggregated=True)
    assert [n.iri for n in view.nodes] == ["b", "c"] and "the 2 most linked of 8" in view.note
