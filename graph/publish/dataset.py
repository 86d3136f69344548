"""The published forms of the graph beside graph.ttl: TriG with one named graph per source
document, JSON-LD with a context, and a VoID/DCAT description of the dataset.

Each corpus document's named graph holds what that document states: its own description, its
mandates and targets, their evidence, and the links from the entities it mentions to that
evidence. Descriptions shared by all documents (names of bodies, the body hierarchy, cited
documents) live in one more named graph, `mgid:graph/entities`. The union is graph.ttl.
"""
from __future__ import annotations

import json
from json.encoder import encode_basestring as _quote     # json.dumps of a str, ensure_ascii=False
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

import pyoxigraph as ox
from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.plugins.shared.jsonld.context import UNDEF, Context
from rdflib.plugins.shared.jsonld.keys import ID, LANG, LIST, SET, VOCAB

from graph.assemble.quads import ENTITIES_GRAPH, graph_name, published, rdflib_term
from graph.publish.stored import external_sort
from graph.data import published_words
from graph.vocab import MG, MGID, PREFIXES

DATASET = URIRef(f"{MGID}dataset")
CONTEXT = Path(__file__).resolve().parent.parent / "data" / "context.jsonld"
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"


def named_graphs(store: ox.Store) -> Iterator[ox.Quad]:
    """The store's quads graph by graph (by the graph's IRI), each graph's in N-Triples order:
    TriG writes one block for each. One graph at a time in memory (the largest is the shared
    entities', which grows with the entities, not with the documents)."""
    for name in sorted(store.named_graphs(), key=lambda g: g.value):
        yield from sorted((published(q) for q in store.quads_for_pattern(None, None, None, name)), key=lambda q: str(q.triple))


def jsonld(triples: Iterable[ox.Triple], output: TextIO, *, folder: Path | None = None) -> None:
    """JSON-LD compacted with graph/data/context.jsonld, its nodes and values sorted. ``triples``
    come in N-Triples order, so each subject's are together: its node is compacted as it comes
    (``_Compactor``, rdflib's JSON-LD writer's rules, the same JSON), then the nodes are sorted by
    their compacted @id on disk (graph/publish/stored.py)."""
    context = json.loads(CONTEXT.read_text(encoding="utf-8"))["@context"]
    compactor = _Compactor(Context(context))
    # "@id<TAB>node" on one line: the node's indented JSON with its line breaks as tabs (its strings
    # hold neither: JSON escapes both); an IRI holds no tab, which sorts before any character it holds
    lines = external_sort((f'{node["@id"]}\t{_canonical(node).replace(chr(10), chr(9))}'
                           for node in compactor.nodes(triples)), folder=folder)
    head = json.dumps({"@context": context, "@graph": []}, ensure_ascii=False, sort_keys=True, indent=1)
    opening, closing = head[:-len("[]\n}")], head[-len("]\n}"):]
    output.write(opening)
    first = True
    for line in lines:
        node = line.split("\t", 1)[1]
        output.write(("[\n" if first else ",\n") + "  " + node.replace("\t", "\n  "))
        first = False
    output.write(("\n " if not first else "[") + closing + "\n")


def _canonical(node: dict) -> str:
    """One node as indented JSON, its lists sorted (rdflib's order is the graph's) by their
    values' JSON (``json.dumps(v, sort_keys=True)``)."""
    for key, value in node.items():
        if isinstance(value, list):
            node[key] = sorted(value, key=_compact)
        elif isinstance(value, dict) and key in ("prefLabel", "altLabel", "label"):
            node[key] = {lang: sorted(v, key=_compact) if isinstance(v, list) else v for lang, v in value.items()}
    return _indented(node, 0)


def _scalar(value) -> str:
    """``json.dumps(value, ensure_ascii=False)`` of a string, number, boolean or null."""
    if type(value) is str:
        return _quote(value)
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    return json.dumps(value)


def _compact(value) -> str:
    """``json.dumps(value, ensure_ascii=False, sort_keys=True)``, the same text."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_quote(k)}: {_compact(v)}" for k, v in sorted(value.items())) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_compact(v) for v in value) + "]"
    return _scalar(value)


def _indented(value, level: int) -> str:
    """``json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1)``, the same text: json's
    indenting encoder is pure Python and was most of the JSON-LD's time; strings go through its C
    quoting."""
    if isinstance(value, dict) and value:
        inner = "\n" + " " * (level + 1)
        return ("{" + inner + ("," + inner).join(f"{_quote(k)}: {_indented(v, level + 1)}"
                                                  for k, v in sorted(value.items()))
                + "\n" + " " * level + "}")
    if isinstance(value, list) and value:
        inner = "\n" + " " * (level + 1)
        return "[" + inner + ("," + inner).join(_indented(v, level + 1) for v in value) + "\n" + " " * level + "]"
    if isinstance(value, (dict, list)):
        return "{}" if isinstance(value, dict) else "[]"
    return _scalar(value)


_XSD = "http://www.w3.org/2001/XMLSchema#"
_PLAIN = {_XSD + "string", _XSD + "langString"}                 # no datatype in rdflib's terms
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_NATIVE = {_XSD + "integer": int, _XSD + "double": float, _XSD + "boolean": lambda v: v in ("true", "1")}


class _Compactor:
    """Compacted JSON-LD nodes straight from pyoxigraph triples, one subject at a time: the JSON
    that rdflib's JSON-LD serialiser (``Converter`` with the context active, no rdf:type as a
    property) makes of the same triples, without making rdflib terms and looking each term of
    the context up again for every triple (that was nearly all of the JSON-LD's time). The graph
    holds no blank nodes and no RDF lists, which that serialiser would also handle."""

    def __init__(self, context: Context):
        self.context = context
        self._literal_terms: dict = {}       # (predicate, datatype, language) -> the context's term
        self._iri_terms: dict = {}           # predicate -> the context's term for IRI objects
        self._symbols: dict = {}             # class and datatype IRIs -> their compact names

    def nodes(self, triples: Iterable[ox.Triple]) -> Iterator[dict]:
        node, last = None, None
        for t in triples:
            if t.subject != last:
                if node is not None:
                    yield node
                last = t.subject
                node = {"@id": self.context.shrink_iri(t.subject.value)}
            self._add(node, t.predicate.value, t.object)
        if node is not None:
            yield node

    def _symbol(self, iri: str) -> str:
        found = self._symbols.get(iri)
        if found is None:
            found = self._symbols[iri] = self.context.to_symbol(iri)
        return found

    def _term(self, p: str, o):
        if isinstance(o, ox.Literal):
            datatype = o.datatype.value
            key = (p, None if datatype in _PLAIN else datatype, o.language)
            if key not in self._literal_terms:
                self._literal_terms[key] = self.context.find_term(p, key[1], language=key[2])
            return self._literal_terms[key]
        if p not in self._iri_terms:
            self._iri_terms[p] = next((term for coercion in (ID, VOCAB, UNDEF)
                                       if (term := self.context.find_term(p, coercion, None))), None)
        return self._iri_terms[p]

    def _add(self, s_node: dict, p: str, o) -> None:
        """rdflib's ``Converter.add_to_node`` for a node without lists or blank nodes."""
        term, node, literal, use_set = self._term(p, o), None, isinstance(o, ox.Literal), False
        if term:
            p_key = term.name
            if term.type:
                node = self._coerced(o, term.type)
            elif term.language and literal and o.language == term.language:
                node = o.value
            if LIST in term.container:
                raise ValueError(f"an RDF list under {p}: the graph holds none")
            if LANG in term.container and literal and o.language:
                value = s_node.setdefault(p_key, {})
                values = value.get(o.language)
                if values or SET in term.container:
                    if not isinstance(values, list):
                        value[o.language] = values = [values]
                    values.append(o.value)
                else:
                    value[o.language] = o.value
                return
            use_set = SET in term.container
        else:
            p_key = self._symbol(p)
            key_term = self.context.terms.get(p_key)
            if key_term and (key_term.type or key_term.container):
                p_key = p
            if p == _RDF_TYPE:
                if not literal:
                    node = self._symbol(o.value)
                p_key = self.context.type_key
        if node is None:
            node = self._raw(o)
        value = s_node.get(p_key)
        if value:
            if not isinstance(value, list):
                value = [value]
            value.append(node)
        else:
            value = [node] if use_set else node
        s_node[p_key] = value

    def _coerced(self, o, coerce_type):
        if coerce_type == ID:
            return self.context.shrink_iri(o.value) if isinstance(o, ox.NamedNode) else o.value
        if coerce_type == VOCAB and isinstance(o, ox.NamedNode):
            return self._symbol(o.value)
        if isinstance(o, ox.Literal) and o.datatype.value == coerce_type:
            return o.value
        return None

    def _raw(self, o):
        if isinstance(o, ox.NamedNode):
            return {"@id": self.context.shrink_iri(o.value)}
        datatype = o.datatype.value
        if datatype in _NATIVE:
            return _NATIVE[datatype](o.value)
        if datatype == _LANG_STRING:
            return {"@language": o.language, "@value": o.value}
        if datatype in _PLAIN:
            return o.value
        return {"@type": self._symbol(datatype), "@value": o.value}


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

