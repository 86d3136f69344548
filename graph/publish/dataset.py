"""The published forms of the graph beside graph.ttl: TriG with one named graph per source
document, JSON-LD with a context, and a VoID/DCAT description of the dataset.

Each corpus document's named graph holds what that document states: its own description, its
mandates and targets, their evidence, and the links from the entities it mentions to that
evidence. Descriptions shared by all documents (names of bodies, the body hierarchy, cited
documents) live in one more named graph, `mgid:graph/entities`. The union is graph.ttl.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from graph.data import published_words
from graph.vocab import MG, MGID, PREFIXES

ENTITIES_GRAPH = URIRef(f"{MGID}graph/entities")
DATASET = URIRef(f"{MGID}dataset")
CONTEXT = Path(__file__).resolve().parent.parent / "data" / "context.jsonld"
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
_OWNERS = (MG.source, MG.statedIn)   # an Evidence's source; a Mandate's or Target's document


def graph_name(doc: URIRef) -> URIRef:
    """The named graph of a corpus document: mgid:graph/<the document's IRI path>."""
    return URIRef(f"{MGID}graph/{str(doc)[len(str(MGID)):]}")


def named_graphs(g: Graph, triples: list[ox.Triple]) -> list[ox.Quad]:
    """The triples (sorted) placed in the named graphs described in the module docstring, graph
    by graph: TriG writes one block for each."""
    corpus = set(g.subjects(MG.sourceFile, None))
    owner: dict = {d: d for d in corpus}
    for pred in _OWNERS:
        for s, doc in g.subject_objects(pred):
            if doc in corpus:
                owner.setdefault(s, doc)
    for s, ev in g.subject_objects(MG.evidence):      # a post holding belongs where its evidence is
        if (s, RDF.type, MG.PostHolding) in g and ev in owner:
            owner.setdefault(s, owner[ev])
    names = {str(node): ox.NamedNode(graph_name(doc)) for node, doc in owner.items()}
    entities, evidence = ox.NamedNode(ENTITIES_GRAPH), str(MG.evidence)
    placed = []
    for t in triples:
        name = names.get(t.subject.value)
        if name is None and t.predicate.value == evidence:
            name = names.get(t.object.value)           # "this entity is mentioned here"
        placed.append(ox.Quad(t.subject, t.predicate, t.object, name or entities))
    return sorted(placed, key=lambda q: q.graph_name.value)     # a stable sort: sorted within each


def jsonld(g: Graph) -> str:
    """JSON-LD compacted with graph/data/context.jsonld, its nodes and values sorted."""
    context = json.loads(CONTEXT.read_text(encoding="utf-8"))["@context"]
    data = json.loads(g.serialize(format="json-ld", context=context, auto_compact=True))
    nodes = data.get("@graph", [data] if "@id" in data else [])
    canon = lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True)
    for node in nodes:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(value, key=canon)
            elif isinstance(value, dict) and key in ("prefLabel", "altLabel", "label"):
                node[key] = {lang: sorted(v, key=canon) if isinstance(v, list) else v for lang, v in value.items()}
    doc = {"@context": context, "@graph": sorted(nodes, key=lambda n: n.get("@id", ""))}
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def void(g: Graph, quads: list[ox.Quad], *, version: str, files: Sequence) -> Graph:
    """VoID and DCAT: triples, entities per class, sources, version, distributions (``files``:
    the published dumps, each with a ``name`` and a ``media_type``; see graph/publish/outputs.py)."""
    per_graph = Counter(q.graph_name.value for q in quads)
    d = Graph()
    d.bind("void", VOID)
    d.bind("dcat", DCAT)
    for prefix, ns in PREFIXES.items():
        d.bind(prefix, ns)
    V, C = (lambda n: URIRef(VOID + n)), (lambda n: URIRef(DCAT + n))
    d.add((DATASET, RDF.type, V("Dataset")))
    d.add((DATASET, RDF.type, C("Dataset")))
    for lang, title in published_words().dataset_title.items():
        d.add((DATASET, DCTERMS.title, Literal(title, lang=lang)))
    d.add((DATASET, URIRef("http://www.w3.org/2002/07/owl#versionInfo"), Literal(version)))
    d.add((DATASET, C("version"), Literal(version)))
    d.add((DATASET, V("vocabulary"), URIRef(str(MG))))
    d.add((DATASET, V("uriSpace"), Literal(str(MGID))))
    d.add((DATASET, V("triples"), Literal(len(g), datatype=XSD.integer)))
    subjects = set(g.subjects())
    d.add((DATASET, V("entities"), Literal(len(subjects), datatype=XSD.integer)))
    d.add((DATASET, V("distinctSubjects"), Literal(len(subjects), datatype=XSD.integer)))
    d.add((DATASET, V("properties"), Literal(len(set(g.predicates())), datatype=XSD.integer)))
    per_class = Counter(o for _, o in g.subject_objects(RDF.type))
    for cls, n in per_class.items():
        part = URIRef(f"{DATASET}/class/{str(cls).rsplit('#', 1)[-1].rsplit('/', 1)[-1]}")
        d.add((DATASET, V("classPartition"), part))
        d.add((part, V("class"), cls))
        d.add((part, V("entities"), Literal(n, datatype=XSD.integer)))
    for doc in g.subjects(MG.sourceFile, None):
        d.add((DATASET, DCTERMS.source, doc))
        d.add((DATASET, V("subset"), graph_name(doc)))
        d.add((graph_name(doc), RDF.type, V("Dataset")))
        d.add((graph_name(doc), DCTERMS.source, doc))
        d.add((graph_name(doc), V("triples"), Literal(per_graph[str(graph_name(doc))], datatype=XSD.integer)))
    for file in files:
        dist = URIRef(f"{DATASET}/distribution/{file.name}")
        d.add((DATASET, C("distribution"), dist))
        d.add((DATASET, V("dataDump"), dist))
        d.add((dist, RDF.type, C("Distribution")))
        d.add((dist, DCTERMS.identifier, Literal(file.name)))
        d.add((dist, C("mediaType"), Literal(file.media_type)))
    return d

