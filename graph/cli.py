"""The command line: `mandate-graph` (installed) or `python build.py` (a source checkout).

    mandate-graph [build] [--corpus DIR] [--out DIR] [--encoding ENC] [--strict] [--cache DIR] [--jobs N] [--scheduler ADDRESS]
    mandate-graph push --store URL [--out DIR] [--retries N] [--timeout S]
    mandate-graph validate [--out DIR]
    mandate-graph query NAME_OR_FILE|- [--query TEXT] [--format table|csv|tsv|json] [--param k=v] [--width N] [--out DIR]
    mandate-graph assigned ACTOR [--sub-bodies] [--explicit-only] [--format text|table|csv|tsv|json|html] [--out DIR]
    mandate-graph serve [--host 127.0.0.1] [--port 8000] [--out DIR] [--timeout S] [--max-rows N]
"""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from graph.build import build
from graph.publish.output import OutputError
from graph.query.report import FORMATS as REPORT_FORMATS
from graph.resources import shared

DEFAULT_OUT = Path("out")


def parser() -> argparse.ArgumentParser:
    """The commands and their options (the README documents every one; a test checks)."""
    p = argparse.ArgumentParser(prog="mandate-graph", description="Build, validate, query and serve the knowledge graph of mandates.")
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the graph, the docs and the views")
    b.set_defaults(run=cmd_build)
    b.add_argument("--corpus", type=Path, default=shared("corpus"), help="folder of .txt/.html/.pdf/.docx/.doc documents")
    b.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    b.add_argument("--encoding", help="force an encoding (utf-8, utf-16, cp1258, or the legacy font encodings "
                                      "tcvn3 and vni) instead of detecting it")
    b.add_argument("--data", type=Path, metavar="DIR",
                   help="a folder of data files (bodies.yaml, cues.yaml, ...) that replace the bundled ones of the same name")
    b.add_argument("--strict", action="store_true", help="exit non-zero if any document is unreadable")
    b.add_argument("--cache", type=Path, metavar="DIR",
                   help="keep the analysis cache in DIR (default: .cache/ inside the output folder)")
    b.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="worker processes for the per-document analysis (default: the number of cores)")
    b.add_argument("--scheduler", metavar="ADDRESS",
                   help="a Dask scheduler (tcp://host:8786) whose cluster analyses the documents")
    b.add_argument("--no-views", dest="views", action="store_false",
                   help="skip the network views (viz/): the graph, docs and texts only, sooner on a large corpus")
    v = sub.add_parser("validate", help="HermiT, SHACL shapes and QC queries")
    v.set_defaults(run=cmd_validate)
    v.add_argument("--out", type=Path, default=DEFAULT_OUT)
    v.add_argument("--no-reasoner", action="store_true", help="skip HermiT")
    q = sub.add_parser("query", help="run a query of queries/, a .rq or .sparql file, or '-' (standard input)")
    q.set_defaults(run=cmd_query)
    q.add_argument("query", nargs="?", help="a library query's name, a .rq or .sparql file, or - to read standard input")
    q.add_argument("--query", dest="text", metavar="TEXT", help="the query itself, instead of a name or file")
    q.add_argument("--format", choices=("table", "csv", "tsv", "json"), default="table")
    q.add_argument("--param", action="append", default=[], metavar="KEY=VALUE")
    q.add_argument("--width", type=int, default=None, metavar="COLUMNS",
                   help="fit a table in so many columns, long cells cut with '…' (default: the terminal's "
                        "width on a terminal, no limit otherwise; 0: no limit)")
    q.add_argument("--allow-service", action="append", default=[], metavar="URL",
                   help="an endpoint a SERVICE clause may call (repeatable; default: none, no network)")
    q.add_argument("--out", type=Path, default=DEFAULT_OUT)
    a = sub.add_parser("assigned", help="what an actor is assigned, by whom, by when, with the quote")
    a.set_defaults(run=cmd_assigned)
    a.add_argument("actor", help="a name, alias, name without diacritics, IRI or kind/slug, e.g. \"thanh uy ha noi\"")
    a.add_argument("--sub-bodies", action="store_true", help="add the mandates of its sub-bodies (org:subOrganizationOf*)")
    a.add_argument("--explicit-only", action="store_true",
                   help="only the mandates whose text names the actor (leave out the implicit ones)")
    a.add_argument("--format", choices=REPORT_FORMATS, default="text")
    a.add_argument("--width", type=int, default=None, metavar="COLUMNS", help="as for query, with --format table")
    a.add_argument("--out", type=Path, default=DEFAULT_OUT)
    u = sub.add_parser("push", help="write the named graphs to a SPARQL 1.1 Graph Store (only the changed ones)")
    u.set_defaults(run=cmd_push)
    u.add_argument("--store", required=True, metavar="URL",
                   help="the Graph Store Protocol endpoint, e.g. http://127.0.0.1:7878/store")
    u.add_argument("--out", type=Path, default=DEFAULT_OUT)
    u.add_argument("--retries", type=int, default=4, help="retries of a failed request (default 4)")
    u.add_argument("--timeout", type=float, default=60.0, help="seconds a request may take (default 60)")
    s = sub.add_parser("serve", help="SPARQL 1.1 endpoint at /sparql (read-only) and the views at /")
    s.set_defaults(run=cmd_serve)
    s.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    s.add_argument("--port", type=int, default=8000, help="port (0: any free port, printed at start)")
    s.add_argument("--out", type=Path, default=DEFAULT_OUT)
    s.add_argument("--timeout", type=float, default=10.0, help="seconds a query may run (default 10)")
    s.add_argument("--max-rows", type=int, default=10_000, help="rows or triples returned at most (default 10000)")
    s.add_argument("--workers", type=int, default=2, help="query worker processes (default 2)")
    s.add_argument("--cors", metavar="ORIGIN",
                   help="let web pages of this one origin read answers (default: no CORS header)")
    s.add_argument("--allow-service", action="append", default=[], metavar="URL",
                   help="an endpoint a SERVICE clause may call, written as a full <IRI> in the query "
                        "(repeatable; default: SERVICE refused)")
    s.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="a Host name to answer besides the bound address, e.g. a reverse proxy's (repeatable)")
    return p


def _stderr(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def cmd_build(args) -> int:
    from graph.parallel import default_jobs
    return build(corpus=args.corpus, out=args.out, encoding=args.encoding, strict=args.strict,
                 data=(args.data,) if args.data else (), cache=args.cache,
                 jobs=args.jobs if args.jobs is not None else default_jobs(), scheduler=args.scheduler, views=args.views, log=_stderr)


def cmd_push(args) -> int:
    from graph.publish.push import PushError, push
    try:
        push(out=args.out, store=args.store, retries=args.retries, timeout=args.timeout, log=_stderr)
    except PushError as exc:
        _stderr(f"error: {exc}")
        return 1
    return 0


def cmd_validate(args) -> int:
    from graph.query.validate import validate
    report = validate(out=args.out, reasoner=not args.no_reasoner)
    for line in report.notes:
        print(line)
    for line in report.warnings:
        print(f"warning: {line}")
    for line in report.errors:
        print(f"error: {line}")
    print("valid" if report.ok else f"invalid: {len(report.errors)} error(s)")
    return 0 if report.ok else 1


def _table_width(asked: int | None) -> int | None:
    """--width as given, else the terminal's width when printing to one; None (or 0): no limit."""
    if asked is None and sys.stdout.isatty():
        asked = shutil.get_terminal_size().columns
    return asked or None


def _print_answer(answer) -> int:
    """Print what ``answer()`` gives, or the one line of its QueryError; the exit status."""
    from graph.query.store import QueryError
    try:
        sys.stdout.write(answer())
    except QueryError as exc:
        _stderr(f"error: {exc}")
        return exc.status
    return 0


def cmd_query(args) -> int:
    from graph.query.run import run_query
    if (args.query is None) == (args.text is None):
        _stderr("error: give a query name or file, '-' for standard input, or --query TEXT (one of them)")
        return 2
    name, text = args.query, args.text
    if name == "-":
        name, text = "<stdin>", sys.stdin.read()
    return _print_answer(lambda: run_query(name, out=args.out, fmt=args.format, params=args.param, text=text,
                                           width=_table_width(args.width), allow_service=args.allow_service,
                                           log=_stderr))


def cmd_assigned(args) -> int:
    from graph.query.report import assigned
    return _print_answer(lambda: assigned(args.actor, out=args.out, fmt=args.format, sub_bodies=args.sub_bodies,
                                          explicit_only=args.explicit_only, width=_table_width(args.width),
                                          log=_stderr))


def cmd_serve(args) -> int:
    from graph.query.serve import Limits, serve
    from graph.query.store import QueryError
    try:
        serve(out=args.out, host=args.host, port=args.port, workers=args.workers,
              limits=Limits(timeout=args.timeout, max_rows=args.max_rows),
              cors=args.cors, allow_service=args.allow_service, allow_hosts=args.allow_host, log=_stderr)
    except QueryError as exc:
        _stderr(f"error: {exc}")
        return exc.status
    except OSError as exc:
        _stderr(f"error: cannot serve on {args.host}:{args.port}: {exc.strerror or exc}")
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run one command; a mistake of the user or the disk is one line on stderr and an exit code:
    1 for an output folder or disk that cannot be used, 2 for a missing or wrong input."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0].startswith("-"):
        argv.insert(0, "build")
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except OutputError as exc:
        _stderr(f"error: {exc}")
        return 1
    except (FileNotFoundError, NotADirectoryError, PermissionError, ValueError) as exc:
        _stderr(f"error: {exc}")
        return 2
    except OSError as exc:          # a full or read-only disk while reading or writing
        _stderr(f"error: {exc.filename or ''}: {exc.strerror or exc}")
        return 1
