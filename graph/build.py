"""The flow of a build, top to bottom: read -> normalise -> segment -> recognise -> extract ->
(one document node per file) -> populate -> publish. Each stage is one module of graph/."""
from __future__ import annotations

import time
from pathlib import Path

from graph.lexicon import Lexicon
from graph.publish.output import check_target, staged_output


def build(*, corpus: Path, out: Path, encoding: str | None = None, strict: bool = False,
          data: tuple[Path, ...] = (), log=print) -> int:
    """``data``: folders of data files layered over the bundled ones (``--data``), first wins."""
    from viz.views import write_views

    from graph.publish.termdocs import write_docs
    from graph.publish.texts import write_texts
    from graph.assemble.dedupe import one_node_per_file
    from graph.ontology import ontology_version
    from graph.pipeline import analyse
    from graph.assemble.populate import populate
    from graph.publish.outputs import OUTPUTS, write_outputs
    from graph.publish.rdf import write_ontology_release
    from graph.analyse.read import read_corpus
    from graph.analyse.segment import coverage_warning

    t0 = time.perf_counter()
    check_target(out, corpus=corpus)                 # refuse a folder we may not replace before any work
    lexicon = Lexicon.load(data)                     # and data files with mistakes
    docs, errors = read_corpus(corpus, encoding=encoding)
    for err in errors:
        log(f"error: {err}")
    for doc in docs:
        for warning in doc.warnings:
            log(f"warning: {doc.path}: {warning}")
    if errors and strict:
        log(f"build stopped: {len(errors)} unreadable document(s) and --strict")
        return 1
    if not docs:
        log(f"error: {corpus}: no readable documents (.txt, .html, .pdf, .docx, .doc)")
        return 1
    log(f"read      {len(docs)} documents ({sum(len(d.text) for d in docs):,} characters) in {time.perf_counter() - t0:.2f}s")
    analysed = []
    for source in docs:
        t = time.perf_counter()
        doc = analyse(source, lexicon)
        analysed.append(doc)
        log(f"warning: {source.path}: {w}") if (w := coverage_warning(doc.normal, doc.segmented, lexicon)) else None
        x = doc.extraction
        log(f"analyse   {source.name}: {len(doc.segmented.sentences)} sentences, {len(doc.mentions)} mentions, "
            f"{len(x.mandates)} mandates, {len(x.targets)} targets in {time.perf_counter() - t:.2f}s")
    analysed, warnings = one_node_per_file(analysed)     # a document node has exactly one file
    for warning in warnings:
        log(f"warning: {warning}")
    t = time.perf_counter()
    graph = populate(analysed, lexicon)
    log(f"populate  {len(graph):,} triples in {time.perf_counter() - t:.2f}s")
    t = time.perf_counter()
    with staged_output(out, corpus=corpus) as folder:
        onto = write_ontology_release(folder)
        write_outputs(graph, folder, version=ontology_version(onto))
        n_terms = write_docs(onto, graph, folder / "docs")
        write_texts(docs, folder / "text")
        log(f"publish   {', '.join(o.name for o in OUTPUTS)}, ontology/, docs/ ({n_terms} terms), text/ "
            f"in {time.perf_counter() - t:.2f}s")
        t = time.perf_counter()
        n_views = write_views(graph, folder / "viz", ontology=onto)
        log(f"views     viz/ ({n_views} views) in {time.perf_counter() - t:.2f}s")
    log(f"written   {out}")
    log(f"done in {time.perf_counter() - t0:.2f}s")
    return 0
