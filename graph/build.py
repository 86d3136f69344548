"""The flow of a build, top to bottom: read -> normalise -> segment -> recognise -> extract ->
(one document node per file) -> populate -> publish. Each stage is one module of graph/."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

from graph.cache import Cache, make_task, salt
from graph.lexicon import Lexicon
from graph.publish.output import check_target, staged_output

SCRATCH = ".scratch"                   # in the staged output: the build's on-disk store


def build(*, corpus: Path, out: Path, encoding: str | None = None, strict: bool = False,
          data: tuple[Path, ...] = (), cache: Path | None = None, jobs: int = 1,
          scheduler: str | None = None, views: bool = True, log=print) -> int:
    """``data``: folders of data files layered over the bundled ones (``--data``), first wins;
    ``cache``: the analysis cache's folder (default ``out/.cache``); ``jobs``: worker processes
    of the analysis; ``scheduler``: a Dask scheduler's address, to analyse on its cluster;
    ``views``: False to leave out viz/ (``--no-views``)."""
    t0 = time.perf_counter()
    check_target(out, corpus=corpus)                 # refuse a folder we may not replace before any work
    lexicon = Lexicon.load(data)                     # and data files with mistakes
    store = Cache(out=out, folder=cache)
    try:
        return _build(corpus, out, encoding, strict, lexicon, store, jobs, scheduler, views, log, t0)
    finally:
        store.discard()


def _build(corpus, out, encoding, strict, lexicon, cache, jobs, scheduler, views, log, t0) -> int:
    from viz.views import write_views

    from graph.publish.termdocs import write_docs
    from graph.publish.texts import write_text
    from graph.assemble.dedupe import one_node_per_digest
    from graph.ontology import ontology_version
    from graph.assemble.populate import populate_store
    from graph.publish.stored import StoredGraph
    from graph.publish.outputs import OUTPUTS, write_outputs
    from graph.publish.push import carry_state
    from graph.publish.rdf import write_ontology_release

    digests, errors = analyse_corpus(corpus, lexicon, cache, encoding=encoding, jobs=jobs,
                                     scheduler=scheduler, log=log)
    if errors and strict:
        log(f"build stopped: {len(errors)} unreadable document(s) and --strict")
        return 1
    if not digests:
        log(f"error: {corpus}: no readable documents (.txt, .html, .pdf, .docx, .doc)")
        return 1
    log(f"read      {len(digests)} documents ({sum(d.characters for d in digests):,} characters) in {cache.seconds['read']:.2f}s")
    log(f"analyse   {cache.misses} analysed, {cache.hits} from the cache "
        f"({f'on {scheduler}' if scheduler else f'{jobs} job(s)'}) in {cache.seconds['analyse']:.2f}s")
    kept, warnings = one_node_per_digest(digests)        # a document node has exactly one file
    for warning in warnings:
        log(f"warning: {warning}")
    t = time.perf_counter()
    with staged_output(out, corpus=corpus) as folder:
        scratch = folder / SCRATCH          # the store and the sorted runs: removed before the manifest
        scratch.mkdir()
        texts = folder / "text"
        texts.mkdir()
        populated = {d.name for d in kept}

        def documents():
            """Each document read back from the cache once, in file-name order: its text rendition
            written, and the document given to populate unless it is a duplicate."""
            by_name = {d.name: d for d in kept}
            for d in sorted(digests, key=lambda d: d.name):
                doc = cache.load(by_name.get(d.name, d))
                write_text(doc.source, texts)
                if d.name in populated:
                    yield doc

        quads = scratch / "quads.txt"       # every quad as a line too: the files are sorted from it
        store = populate_store(documents(), lexicon, scratch / "store", index=kept, lines=quads)
        graph = StoredGraph(store)
        log(f"populate  {len(graph):,} triples in {time.perf_counter() - t:.2f}s")
        t = time.perf_counter()
        viz = start_views(scratch / "store", folder / "viz") if views and jobs > 1 else None
        try:
            cache.commit(folder)
            carry_state(out, folder)
            onto = write_ontology_release(folder)
            release = write_outputs(store, folder, version=ontology_version(onto), scratch=scratch, lines=quads)
            graph.ntriples = release.ntriples   # the term pages' examples in one pass over it
            n_terms = write_docs(onto, graph, folder / "docs")
            log(f"publish   {', '.join(o.name for o in OUTPUTS)}, ontology/, docs/ ({n_terms} terms), text/ "
                f"in {time.perf_counter() - t:.2f}s")
            if viz is not None:
                log(f"views     viz/ ({viz.result()} views, beside publish) in {time.perf_counter() - t:.2f}s")
        finally:
            if viz is not None:
                viz.stop()                  # a publish that failed leaves no child writing into the output
        if views and viz is None:
            t = time.perf_counter()
            n_views = write_views(graph, folder / "viz", ontology=onto)
            log(f"views     viz/ ({n_views} views) in {time.perf_counter() - t:.2f}s")
        del graph, store                    # closes the store before its folder goes
        shutil.rmtree(scratch)
    log(f"written   {out}")
    log(f"done in {time.perf_counter() - t0:.2f}s")
    return 0


def start_views(store: Path, viz: Path):
    """The views written by a child process from the populated store (opened read-only there)
    while this one publishes: the two longest steps after populate, independent of each other,
    on two cores. Same bytes as the views written in this process (``--jobs 1``)."""
    from graph.parallel import Beside
    return Beside(_write_views, str(store), str(viz))


def _write_views(store: str, viz: str) -> int:
    import pyoxigraph as ox
    from viz.views import write_views
    from graph.ontology import load_ontology
    from graph.publish.stored import StoredGraph
    return write_views(StoredGraph(ox.Store.read_only(store)), Path(viz), ontology=load_ontology())


def analyse_corpus(corpus: Path, lexicon: Lexicon, store: Cache, *, encoding=None, jobs=1, scheduler=None, log=print):
    """The digest of every readable file of ``corpus``, in name order (from the cache when its key
    is there, else analysed and put in it: ``store.load`` reads the document back), and a
    ``ReadError`` for each unreadable one. No analysed document is held past its digest."""
    from graph.analyse.read import corpus_files
    from graph.assemble.digest import digest
    from graph.parallel import run_tasks
    from graph.publish.progress import Progress
    from graph.records import ReadError

    t = time.perf_counter()
    paths = corpus_files(corpus)
    key, tasks, results = salt(lexicon.folders), [], {}
    for path in paths:
        try:
            task = make_task(path, encoding=encoding, salt=key)
        except OSError as exc:
            results[str(path)] = ReadError(str(path), f"cannot read: {exc.strerror or exc}")
            continue
        hit = store.get(task)
        if hit is None:
            tasks.append(task.unloaded())           # its bytes are read again when it is analysed
        else:
            results[task.path] = hit
    store.seconds["read"] = time.perf_counter() - t
    t = time.perf_counter()
    progress = Progress("analyse", len(tasks))
    for task, doc in run_tasks(tasks, lexicon, jobs=jobs, scheduler=scheduler):
        progress.advance()
        if isinstance(doc, ReadError):
            results[task.path] = doc
            continue
        results[task.path] = d = digest(doc, lexicon, key=task.key)
        store.put(task, doc, d)
        x = doc.extraction
        progress.log(f"analyse   {doc.source.name}: {len(doc.segmented.sentences)} sentences, {len(doc.mentions)} "
                     f"mentions, {len(x.mandates)} mandates, {len(x.targets)} targets", log)
    progress.close()
    store.seconds["analyse"] = time.perf_counter() - t
    ordered = [results[str(p)] for p in paths]
    errors = [r for r in ordered if isinstance(r, ReadError)]
    digests = [r for r in ordered if not isinstance(r, ReadError)]
    for err in errors:
        log(f"error: {err}")
    for d in digests:
        for warning in d.warnings:
            log(f"warning: {d.path}: {warning}")
    return digests, errors
