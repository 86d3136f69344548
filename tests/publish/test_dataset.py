"""The published dataset: named graphs (TriG), JSON-LD and the VoID description of the build."""
import json

from rdflib import Dataset, Graph
from rdflib.compare import isomorphic


# ------------------------------------------------------------------ published forms
def test_trig_has_one_named_graph_per_document_and_its_union_is_the_graph(built):
    ds = Dataset()
    ds.parse(built / "graph.trig", format="trig")
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    docs = {f"https://w3id.org/mandate-graph/id/graph/doc/{s}" for s in
            ("kl-bo-chinh-tri-2017-10-20", "858-bc-tu-2025", "file-003-cb99b14b31951c52", "file-004-c595a17db9558f09")}
    assert docs <= names and "https://w3id.org/mandate-graph/id/graph/entities" in names
    union = Graph()
    for s, p, o, _ in ds.quads():
        union.add((s, p, o))
    assert isomorphic(union, Graph().parse(built / "graph.nt", format="nt"))


def test_jsonld_has_a_context_and_the_same_triples(built):
    data = json.loads((built / "graph.jsonld").read_text(encoding="utf-8"))
    assert data["@context"]["assignee"]["@id"] == "mg:assignee"
    assert isomorphic(Graph().parse(built / "graph.jsonld", format="json-ld"),
                      Graph().parse(built / "graph.nt", format="nt"))


def test_void_counts_triples_entities_and_sources(built):
    from rdflib import Namespace
    VOID = Namespace("http://rdfs.org/ns/void#")
    g = Graph().parse(built / "graph.nt", format="nt")
    d = Graph().parse(built / "void.ttl", format="turtle")
    ds = next(d.subjects(VOID.triples, None))
    assert int(d.value(ds, VOID.triples)) == len(g)
    mandates = next(p for p in d.objects(ds, VOID.classPartition)
                    if str(d.value(p, VOID["class"])).endswith("#Mandate"))
    from graph.vocab import MG
    from rdflib import RDF
    assert int(d.value(mandates, VOID.entities)) == len(set(g.subjects(RDF.type, MG.Mandate)))
    assert len(set(d.objects(ds, Namespace("http://purl.org/dc/terms/").source))) == 4


def test_every_published_output_is_written_and_void_lists_the_dumps(built):
    from rdflib import Literal, Namespace
    from graph.publish.outputs import OUTPUTS
    DCAT, DCT = Namespace("http://www.w3.org/ns/dcat#"), Namespace("http://purl.org/dc/terms/")
    assert all((built / o.name).is_file() for o in OUTPUTS)
    d = Graph().parse(built / "void.ttl", format="turtle")
    listed = {(str(d.value(dist, DCT.identifier)), str(d.value(dist, DCAT.mediaType)))
              for dist in d.objects(None, DCAT.distribution)}
    assert listed == {(o.name, o.media_type) for o in OUTPUTS if o.dump}
    assert Literal("void.ttl") not in set(d.objects(None, DCT.identifier))


def test_jsonld_writer_gives_the_nodes_rdflibs_serialiser_gives():
    """The streamed JSON-LD writer compacts each node by rdflib's rules itself: on triples of
    every kind the graph holds (IRIs in and out of the context, language maps with one and two
    values, typed literals the context coerces and those it does not, native integers and
    booleans, a decimal, rdf:type), its nodes are rdflib's, and they parse back to the graph."""
    import io
    from rdflib import RDF, RDFS, XSD, Literal, URIRef
    from rdflib.namespace import DCTERMS, SKOS
    from rdflib.plugins.serializers.jsonld import Converter
    from rdflib.plugins.shared.jsonld.context import Context
    from graph.publish.dataset import CONTEXT, _canonical, jsonld
    from graph.publish.rdf import sorted_triples
    from graph.vocab import MG, MGID
    m, b, d = URIRef(f"{MGID}mandate/x-1-2"), URIRef(f"{MGID}body/bo-x"), URIRef(f"{MGID}doc/1-nq-tw-2020")
    g = Graph()
    for triple in [(m, RDF.type, MG.Mandate), (m, MG.task, Literal("Rà soát \"quy định\"\tmới")),
                   (m, MG.assignee, b), (m, MG.assignee, URIRef(f"{MGID}body/bo-y")), (m, MG.statedIn, d),
                   (m, MG.deadline, Literal("2026-12-31", datatype=XSD.date)), (m, MG.leadCount, Literal(0, datatype=XSD.integer)),
                   (m, MG.facetCount, Literal(4, datatype=XSD.integer)), (m, MG.recurring, Literal(True)),
                   (m, MG.explicitAssignee, Literal(False)), (m, MG.meetsFacet, MG["facet-who"]),
                   (m, RDFS.label, Literal("Rà soát", lang="vi")),
                   (b, RDF.type, MG.GovernmentBody), (b, SKOS.prefLabel, Literal("Bộ X", lang="vi")),
                   (b, SKOS.altLabel, Literal("BX", lang="vi")), (b, SKOS.altLabel, Literal("Bộ X cũ", lang="vi")),
                   (b, RDFS.label, Literal("Ministry X", lang="en")), (b, RDFS.label, Literal("Bộ X", lang="vi")),
                   (d, DCTERMS.issued, Literal("2020-01-02", datatype=XSD.date)), (d, MG.year, Literal(2020, datatype=XSD.integer)),
                   (d, DCTERMS.title, Literal("Nghị quyết", lang="vi")), (d, MG.identifier, Literal("1-NQ/TW")),
                   (URIRef(f"{MGID}target/t-1-2"), MG.value, Literal("90.0", datatype=XSD.decimal)),
                   (URIRef(f"{MGID}target/t-1-2"), MG.targetYear, Literal(2025, datatype=XSD.integer))]:
        g.add(triple)
    out = io.StringIO()
    jsonld(iter(sorted_triples(g)), out)
    written = json.loads(out.getvalue())
    context = json.loads(CONTEXT.read_text(encoding="utf-8"))["@context"]
    by_rdflib = Converter(Context(context), use_native_types=False, use_rdf_type=False).from_graph(g)
    expected = [json.loads(_canonical(node)) for node in sorted(by_rdflib, key=lambda n: n["@id"])]
    assert written["@graph"] == expected
    assert isomorphic(Graph().parse(data=out.getvalue(), format="json-ld"), g)


def test_term_pages_examples_from_the_sorted_triples_are_the_querys(built, tmp_path):
    """The examples of every term read in one pass over graph.nt are those a query per term gives."""
    import pyoxigraph as ox
    from graph.ontology import load_ontology
    from graph.publish.stored import StoredGraph
    from graph.publish.termdocs import terms
    store = ox.Store()
    store.bulk_load(path=str(built / "graph.trig"), format=ox.RdfFormat.TRIG)
    by_query, by_pass = StoredGraph(store), StoredGraph(store, ntriples=built / "graph.nt")
    checked = [t for t, _ in terms(load_ontology())]
    assert any(by_query.examples(t, 5) for t in checked)
    assert all(by_pass.examples(t, 5) == by_query.examples(t, 5) for t in checked)
