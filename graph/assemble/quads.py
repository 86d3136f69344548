"""Where populate's triples go in a build: quads in an on-disk pyoxigraph store, one named graph
per corpus document and ``mgid:graph/entities`` for descriptions shared by all (the layout of
graph/publish/dataset.py), written document by document so that no whole-corpus graph is held in
memory.

populate writes through ``add``, ``set`` and ``(s, p, None) in g``, the three calls of an rdflib
``Graph`` it uses, so that tests can still populate a plain ``Graph``. ``set`` (a cited document's
identifier, year, issue date, issuer; an unresolved reference's mark) and the "has it a prefLabel
yet" test reach back across documents; only those predicates (``HELD``) are kept in memory until
the end, one entry per entity: the index the resolution needs. Everything else goes to the store
as it is made.
"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from graph.vocab import MG, MGID

ENTITIES_GRAPH = URIRef(f"{MGID}graph/entities")
HELD = frozenset({SKOS.prefLabel, MG.identifier, MG.year, DCTERMS.issued, MG.issuedBy, MG.unresolved})
# Nodes a document states and no other does: they, and everything said of them, are in its graph.
_OWN = tuple(f"{MGID}{kind}/" for kind in ("evidence", "mandate", "target"))
_HOLDING = f"{MGID}holding/"
_EVIDENCE = str(MG.evidence)
_BATCH = 200_000                       # quads handed to the store's bulk loader at a time


def graph_name(doc: URIRef | str) -> URIRef:
    """The named graph of a corpus document: mgid:graph/<the document's IRI path>."""
    return URIRef(f"{MGID}graph/{str(doc)[len(str(MGID)):]}")


# The store keeps an xsd:decimal as its value ("11.0" comes back "11"); populate writes decimals in
# the form every published file holds, so in the store they carry this stand-in datatype instead,
# which keeps the lexical form, and are given back as xsd:decimal (``published``, ``rdflib_term``).
_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
KEPT_DECIMAL = ox.NamedNode(f"{MGID}datatype/decimal-as-written")
_KEPT_END, _DECIMAL_END = f"^^<{KEPT_DECIMAL.value}>", f"^^<{_DECIMAL}>"


def ox_term(t, *, keep_decimals: bool = True):
    """An rdflib term as pyoxigraph's; in the store an xsd:decimal is kept as written (see
    ``KEPT_DECIMAL``), in a file written directly (``keep_decimals=False``) it stays xsd:decimal."""
    if isinstance(t, URIRef):
        return ox.NamedNode(str(t))
    if isinstance(t, BNode):
        return ox.BlankNode(str(t))
    if t.language:
        return ox.Literal(str(t), language=t.language)
    if t.datatype is None:
        return ox.Literal(str(t))
    datatype = str(t.datatype)
    return ox.Literal(str(t), datatype=KEPT_DECIMAL if keep_decimals and datatype == _DECIMAL else ox.NamedNode(datatype))


# N-Triples escapes in a literal, as pyoxigraph writes them (the published files are pyoxigraph's)
_ESCAPES = {0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r", 0x22: '\\"', 0x5C: "\\\\"}
_ESCAPES.update({c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F) if c not in _ESCAPES})


def nt_term(t) -> str:
    """An rdflib term as N-Triples writes it, as published (an xsd:decimal as xsd:decimal): the
    same text as pyoxigraph's ``str(ox_term(t, keep_decimals=False))``, without making the term."""
    if isinstance(t, URIRef):
        return f"<{t}>"
    if isinstance(t, BNode):
        return f"_:{t}"
    text = f'"{str(t).translate(_ESCAPES)}"'
    if t.language:
        return f"{text}@{t.language}"
    if t.datatype is None or str(t.datatype) == _XSD_STRING:
        return text
    return f"{text}^^<{t.datatype}>"


def published_line(line: str) -> str:
    """A triple's N-Triples line from the store as published: decimals as xsd:decimal."""
    return line[:-len(_KEPT_END)] + _DECIMAL_END if line.endswith(_KEPT_END) else line


def published(q: ox.Quad) -> ox.Quad:
    """A quad from the store as published: decimals as xsd:decimal."""
    o = q.object
    if isinstance(o, ox.Literal) and o.datatype == KEPT_DECIMAL:
        return ox.Quad(q.subject, q.predicate, ox.Literal(o.value, datatype=ox.NamedNode(_DECIMAL)), q.graph_name)
    return q


def rdflib_term(t):
    """A pyoxigraph term as rdflib's (the same term: lexical form, language, datatype)."""
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if t.language:
        return Literal(t.value, lang=t.language)
    datatype = t.datatype.value
    if datatype == KEPT_DECIMAL.value:
        datatype = _DECIMAL
    return Literal(t.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))


class QuadSink:
    """populate's target in a build: ``begin(doc)`` before each document's triples, ``close()``
    at the end (writes the held triples and leaves every quad in ``store``).

    The quads are made as N-Quads text, never as pyoxigraph terms (a term made in Python per
    value was half of populate's time), and handed to the store's bulk loader, which parses
    them. ``lines``: a file that also receives every quad as it is written, as the line
    "<N-Triples triple, as published>\t<graph IRI>": the published files are sorted from it
    (graph/publish/outputs.py), not read back from the store, whose every term read is a lookup."""

    def __init__(self, folder: Path, documents, *, lines: Path | None = None):
        self.store = ox.Store(str(folder))
        self._lines = open(lines, "w", encoding="utf-8", newline="\n") if lines is not None else None
        self._texts: list[str] = []
        self._docs = {str(d): str(graph_name(d)) for d in documents}
        self._entities = str(ENTITIES_GRAPH)
        self._held: dict[tuple, dict] = {}           # (s, p) -> {o: None}, in the order populate wrote them
        self._holdings: dict[str, str] = {}          # a post holding belongs to the first document stating it
        self._batch: list[str] = []                  # N-Quads lines for the store
        self._current: str | None = None
        self._last = (None, None, None)             # the last subject, its N-Triples text and its graph

    def begin(self, doc) -> None:
        self._current = self._docs[str(doc)]
        self._last = (None, None, None)

    def add(self, triple) -> None:
        s, p, o = triple
        if p in HELD:
            self._held.setdefault((s, p), {})[o] = None
        else:
            self._put(s, p, o)

    def set(self, triple) -> None:
        s, p, o = triple
        assert p in HELD, p
        self._held[(s, p)] = {o: None}

    def __contains__(self, pattern) -> bool:
        s, p, o = pattern
        assert p in HELD and o is None, pattern
        return bool(self._held.get((s, p)))

    def _graph(self, s: str, p) -> str:
        """The layout of graph/publish/dataset.py: a node's own document's graph; "this entity is
        mentioned here" in the graph of the document that mentions it; the rest shared."""
        doc = self._docs.get(s)
        if doc is not None:
            return doc
        if s.startswith(_OWN):
            return self._current
        if s.startswith(_HOLDING):
            return self._holdings.setdefault(s, self._current)
        if p == _EVIDENCE:
            return self._current
        return self._entities

    def _put(self, s, p, o) -> None:
        p = str(p)                                         # plain strings: rdflib's hash and == are Python
        evidence = p == _EVIDENCE
        if s is self._last[0] and not evidence and self._current is not None:
            _, subject, graph = self._last                # a node's triples come one after another
        else:
            subject, graph = nt_term(s), self._graph(str(s), p)
            if not evidence:                               # "mentioned here" is not the subject's graph
                self._last = (s, subject, graph)
        obj = f"<{o}>" if type(o) is URIRef else nt_term(o)
        triple = f"{subject} <{p}> {obj}"
        if obj.endswith(_DECIMAL_END):                     # the store keeps it as written (KEPT_DECIMAL)
            self._batch.append(f"{triple[:-len(_DECIMAL_END)]}{_KEPT_END} <{graph}> .\n")
        else:
            self._batch.append(f"{triple} <{graph}> .\n")
        if self._lines is not None:
            self._texts.append(f"{triple}\t{graph}\n")
        if len(self._batch) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        if self._batch:
            self.store.bulk_load("".join(self._batch).encode(), format=ox.RdfFormat.N_QUADS)
            self._batch = []
        if self._texts:
            self._lines.writelines(self._texts)
            self._texts = []

    def close(self) -> ox.Store:
        self._current = None
        for (s, p), objects in self._held.items():
            for o in objects:
                self._put(s, p, o)
        self._held.clear()
        self._flush()
        if self._lines is not None:
            self._lines.close()
        self.store.flush()
        return self.store
