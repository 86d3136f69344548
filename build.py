"""mandate-graph: build the knowledge graph of mandates from a folder of Vietnamese texts.

    python build.py [build] [--corpus DIR] [--out DIR] [--encoding ENC] [--strict]
    python build.py validate [--out DIR]
    python build.py query NAME_OR_FILE [--format table|csv|tsv|json] [--param k=v] [--width N] [--out DIR]
    python build.py serve [--host 127.0.0.1] [--port 8000] [--out DIR] [--timeout S] [--max-rows N]

The flow of `build`, top to bottom: read -> normalise -> segment -> recognise -> extract ->
(one document node per file) -> populate -> publish. Each stage is one module of graph/.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def build(*, corpus: Path, out: Path, encoding: str | None = None, strict: bool = False,
          log=print) -> int:
    from graph.docs import write_docs
    from graph.identity import one_node_per_file
    from graph.ontology import ontology_version
    from graph.pipeline import analyse
    from graph.populate import populate
    from graph.publish import staged_output, write_graph, write_ontology_release
    from graph.read import read_corpus

    t0 = time.perf_counter()
    docs, errors = read_corpus(corpus, encoding=encoding)
    for err in errors:
        log(f"error: {err}")
    if errors and strict:
        log(f"build stopped: {len(errors)} unreadable document(s) and --strict")
        return 1
    if not docs:
        log(f"error: {corpus}: no readable .txt or .html documents")
        return 1
    log(f"read      {len(docs)} documents ({sum(len(d.text) for d in docs):,} characters) in {time.perf_counter() - t0:.2f}s")
    analysed = []
    for source in docs:
        t = time.perf_counter()
        doc = analyse(source)
        analysed.append(doc)
        x = doc.extraction
        log(f"analyse   {source.name}: {len(doc.segmented.sentences)} sentences, {len(doc.mentions)} mentions, "
            f"{len(x.mandates)} mandates, {len(x.targets)} targets in {time.perf_counter() - t:.2f}s")
    analysed, warnings = one_node_per_file(analysed)     # a document node has exactly one file
    for warning in warnings:
        log(f"warning: {warning}")
    t = time.perf_counter()
    graph = populate(analysed)
    log(f"populate  {len(graph):,} triples in {time.perf_counter() - t:.2f}s")
    t = time.perf_counter()
    with staged_output(out) as folder:
        onto = write_ontology_release(folder)
        write_graph(graph, folder, version=ontology_version(onto))
        n_terms = write_docs(onto, graph, folder / "docs")
        log(f"publish   graph.ttl/.nt/.trig/.jsonld, void.ttl, ontology/, docs/ ({n_terms} terms) "
            f"in {time.perf_counter() - t:.2f}s")
        t = time.perf_counter()
        from viz.views import write_views
        n_views = write_views(graph, folder / "viz", ontology=onto)
        log(f"views     viz/ ({n_views} views) in {time.perf_counter() - t:.2f}s")
    log(f"written   {out}")
    log(f"done in {time.perf_counter() - t0:.2f}s")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0].startswith("-"):
        argv.insert(0, "build")
    parser = argparse.ArgumentParser(prog="build.py", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the graph, the docs and the views")
    b.add_argument("--corpus", type=Path, default=HERE / "corpus", help="folder of .txt/.html documents")
    b.add_argument("--out", type=Path, default=HERE / "out", help="output folder")
    b.add_argument("--encoding", help="force an encoding (utf-8, utf-16, cp1258) instead of detecting it")
    b.add_argument("--strict", action="store_true", help="exit non-zero if any document is unreadable")
    v = sub.add_parser("validate", help="HermiT, SHACL shapes and QC queries")
    v.add_argument("--out", type=Path, default=HERE / "out")
    v.add_argument("--no-reasoner", action="store_true", help="skip HermiT")
    q = sub.add_parser("query", help="run a query of queries/ or any .rq file on the built graph")
    q.add_argument("query")
    q.add_argument("--format", choices=("table", "csv", "tsv", "json"), default="table")
    q.add_argument("--param", action="append", default=[], metavar="KEY=VALUE")
    q.add_argument("--width", type=int, default=None, metavar="COLUMNS",
                   help="fit a table in so many columns, long cells cut with '…' (default: the terminal's "
                        "width on a terminal, no limit otherwise; 0: no limit)")
    q.add_argument("--out", type=Path, default=HERE / "out")
    s = sub.add_parser("serve", help="SPARQL 1.1 endpoint at /sparql (read-only) and the views at /")
    s.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    s.add_argument("--port", type=int, default=8000, help="port (0: any free port, printed at start)")
    s.add_argument("--out", type=Path, default=HERE / "out")
    s.add_argument("--timeout", type=float, default=10.0, help="seconds a query may run (default 10)")
    s.add_argument("--max-rows", type=int, default=10_000, help="rows or triples returned at most (default 10000)")
    s.add_argument("--workers", type=int, default=2, help="query worker processes (default 2)")
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            return build(corpus=args.corpus, out=args.out, encoding=args.encoding, strict=args.strict,
                         log=lambda msg: print(msg, file=sys.stderr))
        if args.command == "validate":
            from graph.validate import validate
            report = validate(out=args.out, reasoner=not args.no_reasoner)
            for line in report.notes:
                print(line)
            for line in report.warnings:
                print(f"warning: {line}")
            for line in report.errors:
                print(f"error: {line}")
            print("valid" if report.ok else f"invalid: {len(report.errors)} error(s)")
            return 0 if report.ok else 1
        if args.command == "query":
            from graph.query import QueryError, run_query
            try:
                width = args.width
                if width is None and sys.stdout.isatty():
                    import shutil
                    width = shutil.get_terminal_size().columns
                sys.stdout.write(run_query(args.query, out=args.out, fmt=args.format, params=args.param,
                                           width=width or None))
            except QueryError as exc:
                print(f"error: {exc}", file=sys.stderr)
                return exc.status
            return 0
        if args.command == "serve":
            from graph.serve import Limits, serve
            from graph.store import QueryError
            try:
                serve(out=args.out, host=args.host, port=args.port, workers=args.workers,
                      limits=Limits(timeout=args.timeout, max_rows=args.max_rows),
                      log=lambda msg: print(msg, file=sys.stderr, flush=True))
            except QueryError as exc:
                print(f"error: {exc}", file=sys.stderr)
                return exc.status
            except OSError as exc:
                print(f"error: cannot serve on {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
                return 1
            return 0
    except (FileNotFoundError, NotADirectoryError, PermissionError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 2


if __name__ == "__main__":
    sys.exit(main())
