"""Stage populate: the RDF of a document, compared by isomorphism with a golden file.

The golden file is a snapshot, not an annotation (the hand annotations are the YAML files beside
it, under tests/golden/snapshots/): it makes every change in what populate writes visible in review. When a change is meant,
regenerate it with `python -m pytest tests/assemble/test_populate.py --update-golden` and read the diff.
"""

from conftest import bundled_lexicon

def test_graph_of_000_is_the_golden_one(analysed, snapshot):
    """The snapshot fixture compares by isomorphism (tests/golden/snapshots/graph-000.ttl)."""
    from graph.assemble.populate import populate
    snapshot.rdf("graph-000.ttl", populate([analysed["000"]], bundled_lexicon()))


def test_every_subject_of_000_is_typed(analysed):
    """Nothing in 000's graph floats free: every subject is typed."""
    from rdflib import RDF
    from graph.assemble.populate import populate
    g = populate([analysed["000"]], bundled_lexicon())
    untyped = {s for s in g.subjects() if (s, RDF.type, None) not in g}
    assert untyped == set()


def test_regression_news_pages_are_news_articles(analysed):
    """meta.py called them "NEWS", a code the ontology does not have (its notation is TIN), so
    003 and 004 were plain mg:Document with no mg:documentType."""
    from rdflib import RDF, URIRef
    from graph.assemble.populate import populate
    from graph.vocab import MG
    for key in ("003", "004"):
        doc = analysed[key]
        g = populate([doc], bundled_lexicon())
        node = URIRef(doc.meta.iri)
        assert (node, RDF.type, MG.NewsArticle) in g
        assert (node, MG.documentType, MG["doctype-NEWS"]) in g


def test_regression_posts_are_named_as_written(analysed):
    """Post labels came from the lower-case matching key: "Bí thư thành ủy hà nội"."""
    from rdflib import RDF
    from rdflib.namespace import SKOS
    from graph.assemble.populate import populate
    from graph.vocab import MG
    g = populate([analysed["004"]], bundled_lexicon())
    posts = {str(g.value(p, SKOS.prefLabel)) for p in g.subjects(RDF.type, MG.Post)}
    assert {"Bí thư Thành ủy Hà Nội", "Bộ trưởng Bộ Công an", "Phó Thủ tướng Chính phủ",
            "Chủ nhiệm Ủy ban Kiểm tra Trung ương"} <= posts


def test_a_post_stated_more_fully_in_the_same_document_is_one_holding(analysed):
    """004 calls Bùi Thị Minh Hoài "Bí thư" and "Bí thư Thành ủy Hà Nội": one post, one holding."""
    from rdflib import URIRef
    from rdflib.namespace import SKOS
    from graph.assemble.populate import populate
    from graph.vocab import MG
    g = populate([analysed["004"]], bundled_lexicon())
    person = URIRef("https://w3id.org/mandate-graph/id/person/bui-thi-minh-hoai")
    posts = sorted(str(g.value(g.value(h, MG.post), SKOS.prefLabel)) for h in g.subjects(MG.holder, person))
    assert posts == ["Bí thư Thành ủy Hà Nội"]


def test_populate_writes_the_facets_the_record_holds():
    from rdflib import URIRef
    from graph.assemble.populate import populate
    from graph.ontology import scheme_members
    from graph.pipeline import analyse
    from graph.records import SourceDocument
    from graph.vocab import MG
    text = "Bộ Chính trị giao Thành ủy Hà Nội xây dựng đề án trước ngày 30-6-2025.\n"
    doc = analyse(SourceDocument(name="t.txt", path="t.txt", text=text, encoding="utf-8", media="text"), bundled_lexicon())
    [rec] = doc.extraction.mandates
    g = populate([doc], bundled_lexicon())
    [node] = g.subjects(MG.statedIn, URIRef(doc.meta.iri))
    concepts = scheme_members("facets")
    assert set(g.objects(node, MG.meetsFacet)) == {URIRef(concepts[f.name]) for f in rec.facets if f.met}
    assert set(g.objects(node, MG.lacksFacet)) == {URIRef(concepts[f.name]) for f in rec.facets if not f.met}
    assert g.value(node, MG.facetCount).toPython() == sum(f.met for f in rec.facets)


def test_the_store_quads_are_written_as_pyoxigraph_writes_the_terms():
    """populate writes its quads as N-Quads text (parsed by the store's bulk loader) and as the
    lines the published files are sorted from, without making pyoxigraph terms: every term must
    come out as pyoxigraph writes it, escapes of control characters, quotes and backslashes
    included, or the published files would change."""
    from rdflib import BNode, Literal, URIRef, XSD
    from graph.assemble.quads import nt_term, ox_term
    text = "".join(chr(c) for c in (*range(0x80), 0xA0, 0x1EA1, 0x2028, 0xFEFF, 0x1F600))
    terms = [Literal(text), Literal(text, lang="vi"), Literal(text, datatype=XSD.string), Literal(7, datatype=XSD.integer),
             Literal("90.0", datatype=XSD.decimal), Literal(True), URIRef("https://w3id.org/mandate-graph/id/body/x"), BNode("b1")]
    for term in terms:
        assert nt_term(term) == str(ox_term(term, keep_decimals=False)), term


def test_populate_store_holds_the_triples_of_the_rdflib_populate(analysed, tmp_path):
    """The store a build fills (N-Quads text through the bulk loader) holds the same triples, with
    the same lexical forms (a decimal as written), as populate's rdflib Graph."""
    import pyoxigraph as ox
    from graph.assemble.populate import populate, populate_store
    from graph.assemble.quads import rdflib_term
    docs = [analysed[k] for k in sorted(analysed)]
    g = populate(docs, bundled_lexicon())
    store = populate_store(docs, bundled_lexicon(), tmp_path / "store", lines=tmp_path / "lines.txt")
    stored = {tuple(rdflib_term(t) for t in q.triple) for q in store.quads_for_pattern(None, None, None, None)}
    assert len(stored) == len(store) == len(g)
    assert stored == set(g)
    published = {line.split("\t")[0] for line in (tmp_path / "lines.txt").open(encoding="utf-8")}
    assert published == {" ".join(str(t) for t in q.triple) for q in ox.parse(
        g.serialize(format="nt").encode(), format=ox.RdfFormat.N_TRIPLES)}


def _populated(text: str):
    from graph.assemble.populate import populate
    from graph.pipeline import analyse
    from graph.records import SourceDocument
    doc = analyse(SourceDocument(name="t.txt", path="t.txt", text=text, encoding="utf-8", media="text"), bundled_lexicon())
    return doc, populate([doc], bundled_lexicon())


def test_regression_every_body_mentioned_has_its_class_and_one_name():
    """On the crawl, 556 actors had only an altLabel: collectives and post groups ("các bộ, cơ quan
    ngang bộ", "cơ quan thuộc Chính phủ") got their class and name only from a body pattern."""
    from rdflib import Literal, RDF, SKOS
    from graph.vocab import MG
    doc, g = _populated("Yêu cầu:\n1. Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ "
                        "khẩn trương rà soát, báo cáo Thủ tướng Chính phủ.\n"
                        "2. Các bộ, cơ quan trung ương và địa phương khẩn trương rà soát.\n")
    bodies = {m.iri for m in doc.mentions if m.kind == "body"}
    groups = {m.iri for m in doc.mentions if m.kind == "body" and m.ref.cls == "BodyGroup"}
    assert groups
    for body in bodies:
        names = [n for n in g.objects(URIRef(body), SKOS.prefLabel) if n.language == "vi"]
        assert len(names) == 1, (body, names)
        assert next(g.objects(URIRef(body), RDF.type), None) is not None, body
    for body in groups:
        assert (URIRef(body), RDF.type, MG.BodyGroup) in g


from rdflib import URIRef  # noqa: E402
