"""Stage 7, publish: the output folder, written beside the old one and renamed into place, so a
build that fails part-way leaves the previous output as it was. Same input, same bytes."""
from __future__ import annotations

import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from rdflib import BNode, Graph
from rdflib.compare import to_canonical_graph

from . import dataset
from .ontology import load_ontology
from .vocab import PREFIXES


@contextmanager
def staged_output(out: Path):
    """Yields a fresh folder; on success it replaces ``out``, on failure it is removed."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = out.with_name(f".{out.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    tmp.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def sorted_ntriples(g: Graph) -> str:
    """N-Triples, sorted, blank nodes labelled canonically (the ontology's OWL lists have some)."""
    if any(isinstance(t, BNode) for triple in g for t in triple):
        g = to_canonical_graph(g)
    lines = sorted(set(line for line in g.serialize(format="nt").splitlines() if line.strip()))
    return "\n".join(lines) + "\n"


def turtle(g: Graph) -> str:
    """Turtle with stable prefixes; rdflib sorts subjects and predicates, we add no blank nodes."""
    out = Graph()
    for prefix, ns in PREFIXES.items():
        out.bind(prefix, ns, replace=True)
    for t in g:
        out.add(t)
    return out.serialize(format="turtle")


GRAPH_FILES = ("graph.ttl", "graph.nt", "graph.trig", "graph.jsonld")


def write_graph(g: Graph, folder: Path, *, version: str) -> None:
    """graph.ttl, graph.nt, graph.trig (a named graph per document), graph.jsonld, void.ttl."""
    (folder / "graph.ttl").write_text(turtle(g), encoding="utf-8")
    (folder / "graph.nt").write_text(sorted_ntriples(g), encoding="utf-8")
    parts = dataset.named_graphs(g)
    (folder / "graph.trig").write_text(dataset.trig(parts, turtle), encoding="utf-8")
    (folder / "graph.jsonld").write_text(dataset.jsonld(g), encoding="utf-8")
    (folder / "void.ttl").write_text(turtle(dataset.void(g, parts, version=version, files=list(GRAPH_FILES))),
                                     encoding="utf-8")


def write_ontology_release(folder: Path) -> Graph:
    """The release owlready2 reads (RDF/XML), generated from the Turtle edit files."""
    onto = load_ontology()
    target = folder / "ontology"
    target.mkdir(parents=True, exist_ok=True)
    # N-Triples with canonical blank nodes: owlready2 reads it, and it is the same bytes every build
    (target / "mandate-graph.nt").write_text(sorted_ntriples(onto), encoding="utf-8")
    return onto
