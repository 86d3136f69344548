"""The published data files: one entry per file, read by the build (which writes them), the
VoID description (which lists the dumps), the endpoint (which serves them with their media types
and answers CONSTRUCT/DESCRIBE in their syntaxes) and the docs test (which finds each in the README).
Adding an output format is adding one ``Output`` to ``OUTPUTS``."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Callable

import pyoxigraph as ox
from rdflib import Graph

from graph.publish import dataset
from graph.publish.rdf import serialise, sorted_triples, turtle


class Release:
    """What the writers share: the graph, its sorted triples and quads (computed once), the version."""

    def __init__(self, graph: Graph, *, version: str):
        self.graph, self.version = graph, version

    @cached_property
    def triples(self) -> list[ox.Triple]:
        return sorted_triples(self.graph)

    @cached_property
    def quads(self) -> list[ox.Quad]:
        return dataset.named_graphs(self.graph, self.triples)


@dataclass(frozen=True)
class Output:
    name: str                               # the file under out/ (and its path on the endpoint)
    media_type: str                         # dcat:mediaType in void.ttl; the endpoint's Content-Type
    writer: Callable[[Release], str]        # the file's text (written as UTF-8)
    dump: bool = True                       # a dcat:distribution / void:dataDump of the dataset
    answers: str | None = None              # the endpoint's name for CONSTRUCT answers in this syntax
    syntax: ox.RdfFormat | None = None      # pyoxigraph's writer of those answers

    @property
    def content_type(self) -> str:
        """The HTTP Content-Type: text/* says its charset (its default is not UTF-8); the RDF
        application/* types are UTF-8 by definition."""
        return f"{self.media_type}; charset=utf-8" if self.media_type.startswith("text/") else self.media_type


def _void(r: Release) -> str:
    return turtle(dataset.void(r.graph, r.quads, version=r.version, files=[o for o in OUTPUTS if o.dump]))


OUTPUTS: tuple[Output, ...] = (
    # the instance data, sorted
    Output("graph.ttl", "text/turtle", lambda r: serialise(r.triples, ox.RdfFormat.TURTLE),
           answers="turtle", syntax=ox.RdfFormat.TURTLE),
    Output("graph.nt", "application/n-triples", lambda r: serialise(r.triples, ox.RdfFormat.N_TRIPLES),
           answers="ntriples", syntax=ox.RdfFormat.N_TRIPLES),
    # one named graph per source document, plus mgid:graph/entities (graph/publish/dataset.py)
    Output("graph.trig", "application/trig", lambda r: serialise(r.quads, ox.RdfFormat.TRIG)),
    # JSON-LD compacted with graph/data/context.jsonld
    Output("graph.jsonld", "application/ld+json", lambda r: dataset.jsonld(r.graph),
           answers="jsonld", syntax=ox.RdfFormat.JSON_LD),
    # the VoID/DCAT description of the dataset and of the dumps above
    Output("void.ttl", "text/turtle", _void, dump=False),
)
BY_NAME = {o.name: o for o in OUTPUTS}


def write_outputs(g: Graph, folder: Path, *, version: str) -> None:
    """Every file of ``OUTPUTS`` into ``folder``."""
    release = Release(g, version=version)
    for output in OUTPUTS:
        (folder / output.name).write_text(output.writer(release), encoding="utf-8")
