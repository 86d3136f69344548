"""Reading the built graph from its on-disk store (graph/assemble/quads.py) without loading it:
the read calls of an rdflib ``Graph`` that the views and the term pages use, answered from the
store's indexes (the union of its named graphs), and the graph's triples in N-Triples order,
sorted on disk in runs so that memory stays bounded whatever the corpus."""
from __future__ import annotations

import bisect
import heapq
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from graph.assemble.quads import ox_term, published_line, rdflib_term

RUN = 300_000              # lines sorted in memory at a time; longer inputs are merged from runs on disk


class StoredGraph:
    """rdflib-like reads over a pyoxigraph store: terms come back as rdflib terms, in a stable
    order (sorted), so that what is drawn from them is the same bytes on every build."""

    def __init__(self, store: ox.Store, *, ntriples: Path | None = None):
        self.store = store
        self.ntriples = ntriples           # the graph as sorted N-Triples, once written (graph/publish/outputs.py)
        self._first: tuple[int, dict, dict] | None = None

    def __len__(self) -> int:
        return len(self.store)

    def _match(self, s, p, o) -> Iterator[ox.Quad]:
        return self.store.quads_for_pattern(*(None if t is None else ox_term(t) for t in (s, p, o)), None)

    def triples(self, pattern):
        for q in sorted(self._match(*pattern), key=lambda q: str(q.triple)):
            yield rdflib_term(q.subject), rdflib_term(q.predicate), rdflib_term(q.object)

    def __contains__(self, pattern) -> bool:
        return next(iter(self._match(*pattern)), None) is not None

    def objects(self, s=None, p=None):
        return iter(sorted({rdflib_term(q.object) for q in self._match(s, p, None)}, key=_order))

    def subjects(self, p=None, o=None):
        return iter(sorted({rdflib_term(q.subject) for q in self._match(None, p, o)}, key=_order))

    def predicates(self, s=None, o=None):
        return iter(sorted({rdflib_term(q.predicate) for q in self._match(s, None, o)}, key=_order))

    def subject_objects(self, p=None):
        return iter(sorted({(rdflib_term(q.subject), rdflib_term(q.object)) for q in self._match(None, p, None)},
                           key=lambda so: (_order(so[0]), _order(so[1]))))

    def value(self, s=None, p=None, o=None):
        found = self.objects(s, p) if o is None else self.subjects(p, o)
        return next(found, None)

    def query(self, sparql: str) -> Iterator[tuple]:
        """A SELECT's rows, one at a time, as tuples of rdflib terms (None where unbound), over the
        union of the named graphs, as rdflib's ``Graph.query`` gives them: one pass where reading
        term by term would cross into the store once per value."""
        for row in self.store.query(sparql, use_default_graph_as_union=True):
            yield tuple(None if t is None else rdflib_term(t) for t in row)

    def examples(self, term: URIRef, n: int) -> list[URIRef]:
        """The first ``n`` (in IRI order) instances of a class, or else subjects of a property:
        from one pass over the sorted N-Triples for every term when they are written (a query
        per term sorts every instance of it: minutes on a large corpus), else by a query."""
        if self.ntriples is not None:
            if self._first is None or self._first[0] < n:
                self._first = (n, *first_subjects(self.ntriples, n))
            _, instances, subjects = self._first
            return [URIRef(s) for s in (instances.get(str(term)) or subjects.get(str(term)) or [])[:n]]
        for pattern in ("?s a <{t}>", "?s <{t}> ?o"):
            rows = self.store.query(f"SELECT DISTINCT ?s WHERE {{ GRAPH ?g {{ {pattern.format(t=term)} }} "
                                    f"FILTER(isIRI(?s)) }} ORDER BY STR(?s) LIMIT {n}")
            found = [URIRef(row["s"].value) for row in rows]
            if found:
                return found
        return []


_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def first_subjects(ntriples: Path, n: int) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Per class, its first ``n`` IRI instances in code-point order; per property, its first
    ``n`` IRI subjects: read from an N-Triples file in one pass (its lines sorted, so each list
    soon holds the smallest IRIs and later ones are passed over at a comparison)."""
    instances: dict[str, list[str]] = {}
    subjects: dict[str, list[str]] = {}

    def keep(first: list[str], s: str) -> None:
        if len(first) >= n and s >= first[-1]:
            return
        at = bisect.bisect_left(first, s)
        if at < len(first) and first[at] == s:
            return
        first.insert(at, s)
        del first[n:]

    with open(ntriples, encoding="utf-8") as lines:
        for line in lines:
            if not line.startswith("<"):
                continue                      # a blank node's triple: examples are IRIs
            end = line.index("> <")
            s = line[1:end]
            p_end = line.index(">", end + 3)
            p = line[end + 3:p_end]
            keep(subjects.setdefault(p, []), s)
            if line.startswith(_TYPE, end + 2) and line[p_end + 2] == "<":
                keep(instances.setdefault(line[p_end + 3:line.index(">", p_end + 3)], []), s)
    return instances, subjects


def _order(term) -> tuple:
    return type(term).__name__, str(term), getattr(term, "language", None) or "", str(getattr(term, "datatype", None) or "")


def sorted_lines(store: ox.Store, *, folder: Path | None = None) -> Iterator[str]:
    """The N-Triples line (without its " .") of every triple of the store, in code-point order:
    the order of every file the build writes (each triple is in one named graph)."""
    return external_sort((published_line(str(q.triple)) for q in store.quads_for_pattern(None, None, None, None)), folder=folder)


def external_sort(lines: Iterable[str], *, folder: Path | None = None) -> Iterator[str]:
    """``lines`` (no line breaks in them) sorted, ``RUN`` at a time in memory, merged from runs
    written to a temp folder (in ``folder``, else the system's)."""
    run, runs = [], []
    with tempfile.TemporaryDirectory(prefix="mandate-graph-sort-", dir=folder) as tmp:
        for line in lines:
            run.append(line)
            if len(run) >= RUN:
                runs.append(_spill(sorted(run), Path(tmp) / f"{len(runs)}"))
                run = []
        run.sort()
        if not runs:
            yield from run
            return
        runs.append(_spill(run, Path(tmp) / f"{len(runs)}"))
        files = [path.open(encoding="utf-8", newline="\n") for path in runs]
        try:
            yield from heapq.merge(*((line[:-1] for line in f) for f in files))
        finally:
            for f in files:
                f.close()


def _spill(run: list[str], path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for line in run:
            f.write(line)
            f.write("\n")
    return path
