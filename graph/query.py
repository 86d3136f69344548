"""`build.py query`: a named query of queries/ (or any .rq file) on the built graph, printed as an
aligned table, CSV, TSV or SPARQL JSON."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from . import results
from .store import QueryError, bind, execute, load_store, resolve_query

__all__ = ["QueryError", "run_query"]


def run_query(name: str, *, out: Path, fmt: str = "table", params: list[str] | dict = ()) -> str:
    path = resolve_query(name)
    text = bind(path.read_text(encoding="utf-8"), params, source=str(path))
    store = load_store(out)
    try:
        result = execute(store, text)
    except QueryError as exc:
        raise QueryError(f"{path}: {exc}") from None
    kind = results.kind(result)
    if kind == "ask":
        value = bool(result)
        return results.ask(value, "json").decode() + "\n" if fmt == "json" else f"{str(value).lower()}\n"
    if kind == "graph":
        ts, _ = results.triples(result)
        return results.graph(ts, "jsonld" if fmt == "json" else "turtle").decode("utf-8")
    t = results.table(result)
    if fmt == "json":
        return results.select_json(t).decode("utf-8") + "\n"
    if fmt == "csv":
        return results.select_csv(t).decode("utf-8").replace("\r\n", "\n")
    if fmt == "tsv":
        return results.select_tsv(t).decode("utf-8")
    return _table(list(t.variables), [["" if c is None else c.value for c in row] for row in t.rows])


def _width(s: str) -> int:
    """Terminal columns: combining marks take none, wide characters two."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _table(header: list[str], rows: list[list[str]]) -> str:
    rows = [[re.sub(r"\s+", " ", c) for c in r] for r in rows]
    widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(header)]
    fmt = lambda cells: " | ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths)).rstrip()
    lines = [fmt(header), "-+-".join("-" * w for w in widths)] + [fmt(r) for r in rows]
    return "\n".join(lines) + f"\n({len(rows)} rows)\n"
