"""`build.py query`: a named query of queries/ (or any .rq or .sparql file, standard input with
``-``, or the text of ``--query``) on the built graph, printed as an aligned table, CSV, TSV or
SPARQL JSON."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pyoxigraph as ox

from graph.query import results
from graph.query.store import QueryError, bind, execute, load_store, resolve_query
from graph.vocab import MGID

__all__ = ["QueryError", "run_query", "select"]


def select(name: str | None, *, out: Path, params: list[str] | dict = (), text: str | None = None,
           allow_service=(), log=None):
    """Run a query (a library name or file, or ``text``) with its parameters bound, names resolved
    against the graph; the pyoxigraph result and the query text that ran."""
    if text is None:
        path = resolve_query(name)
        source, text = str(path), path.read_text(encoding="utf-8")
    else:
        source = name or "query"
    store = load_store(out)
    text = bind(text, params, source=source, store=store, log=log)
    try:
        return execute(store, text, allow_service=allow_service), text
    except QueryError as exc:
        raise QueryError(f"{source}: {exc}") from None


def run_query(name: str | None, *, out: Path, fmt: str = "table", params: list[str] | dict = (),
              width: int | None = None, allow_service=(), text: str | None = None, log=None) -> str:
    """The result of a query as text. ``name``: a library query or a .rq/.sparql file; or ``text``,
    the query itself. ``width``: columns a table must fit in (None: any). ``allow_service``:
    endpoint IRIs a SERVICE clause may call (none by default: no network). ``log``: where to say
    what a name given as a parameter was resolved to."""
    result, text = select(name, out=out, params=params, text=text, allow_service=allow_service, log=log)
    kind = results.kind(result)
    if kind == "ask":
        value = bool(result)
        return results.ask(value, "json").decode() + "\n" if fmt == "json" else f"{str(value).lower()}\n"
    if kind == "graph":
        ts, _ = results.triples(result)
        return results.graph(ts, "jsonld" if fmt == "json" else "turtle").decode("utf-8")
    t = results.table(result, query=text)
    text = results.select_text(t, fmt)
    if text is not None:
        return text
    whole = [i for i in range(len(t.variables)) if any(isinstance(r[i], ox.NamedNode) for r in t.rows)]
    return _table(list(t.variables), [[_cell(c) for c in row] for row in t.rows], width=width, whole=whole)


def _cell(term) -> str:
    """A table cell: an IRI of the graph as kind/slug, what --param takes; others as in CSV."""
    if isinstance(term, ox.NamedNode) and term.value.startswith(str(MGID)):
        return term.value[len(str(MGID)):]
    return results.csv_value(term)


def _width(s: str) -> int:
    """Terminal columns: combining marks take none, wide characters two."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _table(header: list[str], rows: list[list[str]], *, width: int | None = None, whole=()) -> str:
    """An aligned table; fitted in ``width``, the columns ``whole`` (IRIs, to be pasted elsewhere)
    are never cut if the others can still have MIN_COLUMN each."""
    rows = [[re.sub(r"\s+", " ", c) for c in r] for r in rows]
    widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(header)]
    if width:
        room = width - 3 * (len(widths) - 1)
        kept = sum(widths[i] for i in whole)
        others = [i for i in range(len(widths)) if i not in whole]
        if whole and others and kept + MIN_COLUMN * len(others) <= room:
            fitted = iter(_fit([widths[i] for i in others], room - kept))
            widths = [w if i in whole else next(fitted) for i, w in enumerate(widths)]
        else:
            widths = _fit(widths, room)
        header = [_clip(h, w) for h, w in zip(header, widths)]
        rows = [[_clip(c, w) for c, w in zip(r, widths)] for r in rows]
    fmt = lambda cells: " | ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths)).rstrip()
    lines = [fmt(header), "-+-".join("-" * w for w in widths)] + [fmt(r) for r in rows]
    return "\n".join(lines) + f"\n({len(rows)} rows)\n"


MIN_COLUMN = 8      # a column is never cut narrower than this, even if the table then overflows


def _fit(widths: list[int], room: int) -> list[int]:
    """Column widths summing to at most ``room``: one cap for all columns, as high as fits, so that
    narrow columns stay whole and long ones share what is left."""
    if sum(widths) <= room:
        return list(widths)
    cap = MIN_COLUMN
    for candidate in range(max(widths), MIN_COLUMN - 1, -1):
        if sum(min(w, candidate) for w in widths) <= room:
            cap = candidate
            break
    return [min(w, cap) for w in widths]


def _clip(cell: str, w: int) -> str:
    if _width(cell) <= w:
        return cell
    out, used = [], 0
    for c in cell:
        cw = _width(c)
        if used + cw > w - 1:
            break
        out.append(c)
        used += cw
    return "".join(out) + "…"
