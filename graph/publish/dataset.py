"""The published forms of the graph beside graph.ttl: TriG with one named graph per source
document, JSON-LD with a context, and a VoID/DCAT description of the dataset.

Each corpus document's named graph holds what that document states: its own description, its
mandates and targets, their evidence, and the links from the entities it mentions to that
evidence. Descriptions shared by all documents (names of bodies, the body hierarchy, cited
documents) live in one more named graph, `mgid:graph/entities`. The union is graph.ttl.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

import pyoxigraph as ox
from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.plugins.serializers.jsonld import Converter
from rdflib.plugins.shared.jsonld.context import Context

from graph.assemble.quads import ENTITIES_GRAPH, graph_name, published, rdflib_term
from graph.publish.stored import external_sort
from graph.data import published_words
from graph.vocab import MG, MGID, PREFIXES

DATASET = URIRef(f"{MGID}dataset")
CONTEXT = Path(__file__).resolve().parent.parent / "data" / "context.jsonld"
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
_BATCH = 2_000                   # triples (whole subjects) compacted to JSON-LD together; each node on its own


def named_graphs(store: ox.Store) -> Iterator[ox.Quad]:
    """The store's quads graph by graph (by the graph's IRI), each graph's in N-Triples order:
    TriG writes one block for each. One graph at a time in memory (the largest is the shared
    entities', which grows with the entities, not with the documents)."""
    for name in sorted(store.named_graphs(), key=lambda g: g.value):
        yield from sorted((published(q) for q in store.quads_for_pattern(None, None, None, name)), key=lambda q: str(q.triple))


def jsonld(triples: Iterable[ox.Triple], output: TextIO, *, folder: Path | None = None) -> None:
    """JSON-LD compacted with graph/data/context.jsonld, its nodes and values sorted. ``triples``
    come in N-Triples order, so each subject's are together: its node is compacted (by rdflib's
    JSON-LD writer, a few thousand triples at a time), then the nodes are sorted by their
    compacted @id on disk (graph/publish/stored.py)."""
    context = json.loads(CONTEXT.read_text(encoding="utf-8"))["@context"]
    converter = Converter(Context(context), use_native_types=False, use_rdf_type=False)
    # "@id<TAB>node": an IRI holds no tab, which sorts before any character it holds
    lines = external_sort((f'{node.get("@id", "")}\t{json.dumps(_canonical(node), ensure_ascii=False)}'
                           for batch in _subject_batches(triples) for node in converter.from_graph(batch)),
                          folder=folder)
    head = json.dumps({"@context": context, "@graph": []}, ensure_ascii=False, sort_keys=True, indent=1)
    opening, closing = head[:-len("[]\n}")], head[-len("]\n}"):]
    output.write(opening)
    first = True
    for line in lines:
        node = json.loads(line.split("\t", 1)[1])
        output.write(("[\n" if first else ",\n") + "  " + node.replace("\n", "\n  "))
        first = False
    output.write(("\n " if not first else "[") + closing + "\n")


def _canonical(node: dict) -> str:
    """One node as indented JSON, its lists sorted (rdflib's order is the graph's)."""
    canon = lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True)
    for key, value in node.items():
        if isinstance(value, list):
            node[key] = sorted(value, key=canon)
        elif isinstance(value, dict) and key in ("prefLabel", "altLabel", "label"):
            node[key] = {lang: sorted(v, key=canon) if isinstance(v, list) else v for lang, v in value.items()}
    return _indented(node, 0)


def _indented(value, level: int) -> str:
    """``json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1)``, the same text: json's
    indenting encoder is pure Python and was most of the JSON-LD's time; scalars go through its C one."""
    if isinstance(value, dict) and value:
        inner = "\n" + " " * (level + 1)
        return ("{" + inner + ("," + inner).join(f"{json.dumps(k, ensure_ascii=False)}: {_indented(v, level + 1)}"
                                                  for k, v in sorted(value.items()))
                + "\n" + " " * level + "}")
    if isinstance(value, list) and value:
        inner = "\n" + " " * (level + 1)
        return "[" + inner + ("," + inner).join(_indented(v, level + 1) for v in value) + "\n" + " " * level + "]"
    return json.dumps(value, ensure_ascii=False)


class _Batch:
    """Whole subjects' triples, with the reads rdflib's JSON-LD ``Converter`` makes of a Graph:
    building an rdflib Graph for it was half of the JSON-LD's time."""

    def __init__(self):
        self.by_subject: dict = {}

    def add(self, s, p, o) -> None:
        self.by_subject.setdefault(s, []).append((p, o))

    def subjects(self, p=None, o=None):
        if p is None and o is None:
            return iter(self.by_subject)
        return (s for s, pos in self.by_subject.items() for pp, oo in pos
                if (p is None or pp == p) and (o is None or oo == o))

    def predicate_objects(self, s):
        return iter(self.by_subject.get(s, ()))

    def value(self, s, p):
        return next((o for pp, o in self.by_subject.get(s, ()) if pp == p), None)


def _subject_batches(triples: Iterable[ox.Triple]) -> Iterator[_Batch]:
    batch, size, last = _Batch(), 0, None
    for t in triples:
        if t.subject != last:
            last = t.subject
            if size >= _BATCH:
                yield batch
                batch, size = _Batch(), 0
        size += 1
        batch.add(rdflib_term(t.subject), rdflib_term(t.predicate), rdflib_term(t.object))
    if size:
        yield batch


def void(store: ox.Store, *, version: str, files: Sequence) -> Graph:
    """VoID and DCAT: triples, entities per class, sources, version, distributions (``files``:
    the published dumps, each with a ``name`` and a ``media_type``; see graph/publish/outputs.py).
    Counted by the store (each triple is in one named graph: quads are triples)."""
    count = lambda where: int(next(iter(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")))["n"].value)
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
    d.add((DATASET, V("triples"), Literal(len(store), datatype=XSD.integer)))
    subjects = count("SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s ?p ?o } }")
    d.add((DATASET, V("entities"), Literal(subjects, datatype=XSD.integer)))
    d.add((DATASET, V("distinctSubjects"), Literal(subjects, datatype=XSD.integer)))
    d.add((DATASET, V("properties"), Literal(count("SELECT DISTINCT ?p WHERE { GRAPH ?g { ?s ?p ?o } }"), datatype=XSD.integer)))
    for row in store.query("SELECT ?c (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a ?c } } GROUP BY ?c"):
        cls = rdflib_term(row["c"])
        part = URIRef(f"{DATASET}/class/{str(cls).rsplit('#', 1)[-1].rsplit('/', 1)[-1]}")
        d.add((DATASET, V("classPartition"), part))
        d.add((part, V("class"), cls))
        d.add((part, V("entities"), Literal(int(row["n"].value), datatype=XSD.integer)))
    per_graph = {row["g"].value: int(row["n"].value)
                 for row in store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")}
    for row in store.query(f"SELECT DISTINCT ?doc WHERE {{ GRAPH ?g {{ ?doc <{MG.sourceFile}> ?f }} }}"):
        doc = rdflib_term(row["doc"])
        d.add((DATASET, DCTERMS.source, doc))
        d.add((DATASET, V("subset"), graph_name(doc)))
        d.add((graph_name(doc), RDF.type, V("Dataset")))
        d.add((graph_name(doc), DCTERMS.source, doc))
        d.add((graph_name(doc), V("triples"), Literal(per_graph.get(str(graph_name(doc)), 0), datatype=XSD.integer)))
    for file in files:
        dist = URIRef(f"{DATASET}/distribution/{file.name}")
        d.add((DATASET, C("distribution"), dist))
        d.add((DATASET, V("dataDump"), dist))
        d.add((dist, RDF.type, C("Distribution")))
        d.add((dist, DCTERMS.identifier, Literal(file.name)))
        d.add((dist, C("mediaType"), Literal(file.media_type)))
    return d

