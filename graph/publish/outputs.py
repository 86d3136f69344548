"""The published data files: one entry per file, read by the build (which writes them), the
VoID description (which lists the dumps), the endpoint (which serves them with their media types
and answers CONSTRUCT/DESCRIBE in their syntaxes) and the docs test (which finds each in the README).
Adding an output format is adding one ``Output`` to ``OUTPUTS``."""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Callable

import pyoxigraph as ox

from graph.publish import dataset
from graph.publish.rdf import PREFIXES_WRITTEN, turtle
from graph.publish.stored import external_sort, sorted_lines


class Release:
    """What the writers share: the store the build populated (graph/assemble/quads.py), a scratch
    folder, the version, and the file of the store's quads as lines that populate wrote beside it
    (``QuadSink``; without it they are read back from the store). The whole graph is never in
    memory: every file is written from the sorted N-Triples or N-Quads, streamed."""

    def __init__(self, store: ox.Store, *, version: str, scratch: Path, lines: Path | None = None):
        self.store, self.version, self.scratch, self.lines = store, version, scratch, lines

    def _lines(self, *, graph_first: bool = False):
        """Every quad once, sorted: "triple<TAB>graph", or "graph<TAB>triple" (``graph_first``)."""
        with open(self.lines, encoding="utf-8", newline="\n") as f:
            if graph_first:
                lines = (f"{line[line.index(chr(9)) + 1:-1]}\t{line[:line.index(chr(9))]}" for line in f)
            else:
                lines = (line[:-1] for line in f)
            last = None
            for line in external_sort(lines, folder=self.scratch):
                if line != last:                 # the store holds a quad once, however often it was written
                    last = line
                    yield line

    @cached_property
    def ntriples(self) -> Path:
        """The graph's triples, sorted, as N-Triples in the scratch folder (written once)."""
        path = self.scratch / "graph.nt"
        lines = (sorted_lines(self.store, folder=self.scratch) if self.lines is None
                 else (line[:line.index("\t")] for line in self._lines()))
        with path.open("w", encoding="utf-8", newline="\n") as f:
            for line in lines:
                f.write(line)
                f.write(" .\n")
        return path

    def triples(self):
        """The sorted triples, read back from ``ntriples`` as they are needed."""
        return ox.parse(path=str(self.ntriples), format=ox.RdfFormat.N_TRIPLES)

    def named_graphs(self):
        """The quads graph by graph (by the graph's IRI), each graph's in N-Triples order
        (``dataset.named_graphs``), from the lines sorted as N-Quads in the scratch folder."""
        if self.lines is None:
            return dataset.named_graphs(self.store)
        path = self.scratch / "graph.nq"
        with path.open("w", encoding="utf-8", newline="\n") as f:
            for line in self._lines(graph_first=True):
                graph, triple = line.split("\t", 1)
                f.write(f"{triple} <{graph}> .\n")
        return ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS)


@dataclass(frozen=True)
class Output:
    name: str                               # the file under out/ (and its path on the endpoint)
    media_type: str                         # dcat:mediaType in void.ttl; the endpoint's Content-Type
    writer: Callable[[Release, Path], None]  # writes the file (UTF-8) at the path
    dump: bool = True                       # a dcat:distribution / void:dataDump of the dataset
    answers: str | None = None              # the endpoint's name for CONSTRUCT answers in this syntax
    syntax: ox.RdfFormat | None = None      # pyoxigraph's writer of those answers

    @property
    def content_type(self) -> str:
        """The HTTP Content-Type: text/* says its charset (its default is not UTF-8); the RDF
        application/* types are UTF-8 by definition."""
        return f"{self.media_type}; charset=utf-8" if self.media_type.startswith("text/") else self.media_type


def _void(r: Release, path: Path) -> None:
    path.write_text(turtle(dataset.void(r.store, version=r.version, files=[o for o in OUTPUTS if o.dump])),
                    encoding="utf-8")


def _jsonld(r: Release, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as f:
        dataset.jsonld(r.triples(), f, folder=r.scratch)


def _serialise(items, fmt: ox.RdfFormat):
    prefixes = PREFIXES_WRITTEN if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    return lambda r, path: ox.serialize(items(r), output=str(path), format=fmt, prefixes=prefixes)


OUTPUTS: tuple[Output, ...] = (
    # the instance data, sorted
    Output("graph.ttl", "text/turtle", _serialise(Release.triples, ox.RdfFormat.TURTLE),
           answers="turtle", syntax=ox.RdfFormat.TURTLE),
    Output("graph.nt", "application/n-triples", lambda r, path: shutil.copyfile(r.ntriples, path),
           answers="ntriples", syntax=ox.RdfFormat.N_TRIPLES),
    # one named graph per source document, plus mgid:graph/entities (graph/publish/dataset.py)
    Output("graph.trig", "application/trig", _serialise(Release.named_graphs, ox.RdfFormat.TRIG)),
    # JSON-LD compacted with graph/data/context.jsonld
    Output("graph.jsonld", "application/ld+json", _jsonld, answers="jsonld", syntax=ox.RdfFormat.JSON_LD),
    # the VoID/DCAT description of the dataset and of the dumps above
    Output("void.ttl", "text/turtle", _void, dump=False),
)
BY_NAME = {o.name: o for o in OUTPUTS}


def write_outputs(store: ox.Store, folder: Path, *, version: str, scratch: Path, lines: Path | None = None) -> Release:
    """Every file of ``OUTPUTS`` into ``folder``, from the populated ``store``; the release, whose
    sorted N-Triples (in ``scratch``) later readers may use."""
    release = Release(store, version=version, scratch=scratch, lines=lines)
    for output in OUTPUTS:
        output.writer(release, folder / output.name)
    return release
