"""`build.py query`: a named query of queries/ (or any .rq file) on the built graph, in pyoxigraph."""
from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from pathlib import Path

import pyoxigraph as ox

QUERIES = Path(__file__).resolve().parent.parent / "queries"


class QueryError(Exception):
    def __init__(self, message: str, status: int = 2):
        super().__init__(message)
        self.status = status


def load_store(out: Path) -> ox.Store:
    path = Path(out) / "graph.nt"
    if not path.exists():
        raise QueryError(f"{path}: no built graph; run `python build.py` first", 1)
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
    return store


def resolve_query(name: str) -> Path:
    path = Path(name)
    if path.suffix == ".rq" and path.exists():
        return path
    candidate = QUERIES / f"{name}.rq"
    if candidate.exists():
        return candidate
    raise QueryError(f"{name}: no such query in {QUERIES} and no such .rq file")


def run_query(name: str, *, out: Path, fmt: str = "table", params: list[str] = ()) -> str:
    path = resolve_query(name)
    text = path.read_text(encoding="utf-8")
    for p in params:
        key, _, value = p.partition("=")
        text = text.replace(f"?{key}_param", json.dumps(value, ensure_ascii=False))
    store = load_store(out)
    try:
        result = store.query(text)
    except SyntaxError as exc:
        raise QueryError(f"{path}: malformed query: {str(exc).splitlines()[0]}") from None
    if fmt == "json":
        return result.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8") + "\n"
    variables = [v.value for v in result.variables]
    rows = [[_cell(row[v]) for v in variables] for row in result]
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerow(variables)
        w.writerows(rows)
        return buf.getvalue()
    return _table(variables, rows)


def _cell(term) -> str:
    return "" if term is None else str(term.value)


def _width(s: str) -> int:
    """Terminal columns: combining marks take none, wide characters two."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _table(header: list[str], rows: list[list[str]]) -> str:
    rows = [[re.sub(r"\s+", " ", c) for c in r] for r in rows]
    widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(header)]
    fmt = lambda cells: " | ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths)).rstrip()
    lines = [fmt(header), "-+-".join("-" * w for w in widths)] + [fmt(r) for r in rows]
    return "\n".join(lines) + f"\n({len(rows)} rows)\n"
