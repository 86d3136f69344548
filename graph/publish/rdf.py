"""Stage 7, publish: RDF written sorted and deterministic (same input, same bytes), and the
ontology release. Which files are published, and how each is written, is graph/publish/outputs.py;
the folder they go into is staged and swapped in by graph/publish/output.py."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph
from rdflib.compare import to_canonical_graph

from graph.assemble.quads import ox_term
from graph.ontology import load_ontology
from graph.vocab import PREFIXES


def sorted_ntriples(g: Graph) -> str:
    """N-Triples, sorted, blank nodes labelled canonically (the ontology's OWL lists have some)."""
    return serialise(sorted_triples(g), ox.RdfFormat.N_TRIPLES)


def turtle(g: Graph) -> str:
    """Turtle with stable prefixes, subjects in sorted order."""
    return serialise(sorted_triples(g), ox.RdfFormat.TURTLE)


def sorted_triples(g: Graph) -> list[ox.Triple]:
    """The triples of ``g`` as pyoxigraph terms in N-Triples order: the order of every file we write."""
    if any(isinstance(t, BNode) for triple in g for t in triple):
        g = to_canonical_graph(g)
    term = lambda t: ox_term(t, keep_decimals=False)
    return sorted((ox.Triple(term(s), term(p), term(o)) for s, p, o in g), key=str)


# pyoxigraph writes Turtle, TriG and N-Triples far faster than rdflib's serialisers (the three
# files of a corpus ten times the sample: 2.2 s with the conversion, against 19 s). mgid: is left
# out: its local names hold "/", which Turtle escapes ("mgid:body\/bo-chinh-tri"); full IRIs read better.
PREFIXES_WRITTEN = {p: str(ns) for p, ns in sorted(PREFIXES.items()) if p != "mgid"}


def serialise(items, fmt: ox.RdfFormat) -> str:
    prefixes = PREFIXES_WRITTEN if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    return ox.serialize(items, format=fmt, prefixes=prefixes).decode("utf-8")


def write_ontology_release(folder: Path) -> Graph:
    """The release owlready2 reads (RDF/XML), generated from the Turtle edit files."""
    onto = load_ontology()
    target = folder / "ontology"
    target.mkdir(parents=True, exist_ok=True)
    # N-Triples with canonical blank nodes: owlready2 reads it, and it is the same bytes every build
    (target / "mandate-graph.nt").write_text(sorted_ntriples(onto), encoding="utf-8")
    return onto
