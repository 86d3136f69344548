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
