"""Tables of an HTML page as Table records (offsets into the page's source, which is its text
rendition); the normaliser writes their rows "cell | cell" as the other formats' renditions do."""
from __future__ import annotations

import html as htmllib
import re

from graph.records import Table, TableCell

_TAG = re.compile(r"<(/?)(table|tr|td|th)\b[^>]*>|<!--.*?-->|<(script|style)\b.*?</\3\s*>", re.I | re.S)
_INNER_TAG = re.compile(r"<[^>]*>")


def html_tables(src: str) -> tuple[Table, ...]:
    """Every outermost table of ``src`` with its rows; a nested table's cells stay text of its cell."""
    if "<table" not in src.lower() and "<TABLE" not in src:
        return ()
    tables, depth = [], 0
    rows: list[tuple[TableCell, ...]] = []
    row: list[TableCell] = []
    cell_start: int | None = None
    start = 0

    def close_cell(at: int) -> None:
        nonlocal cell_start
        if cell_start is not None:
            inner = src[cell_start:at]
            text = " ".join(htmllib.unescape(_INNER_TAG.sub(" ", inner)).split())
            lead = len(inner) - len(inner.lstrip())
            row.append(TableCell(text, cell_start + lead, cell_start + len(inner.rstrip())))
            cell_start = None

    def close_row(at: int) -> None:
        nonlocal row
        close_cell(at)
        if row:
            rows.append(tuple(row))
        row = []

    for m in _TAG.finditer(src):
        closing, name = m.group(1), (m.group(2) or "").lower()
        if not name:
            continue
        if name == "table":
            if not closing:
                depth += 1
                if depth == 1:
                    start, rows, row, cell_start = m.start(), [], [], None
            elif depth:
                depth -= 1
                if depth == 0:
                    close_row(m.start())
                    if rows:
                        tables.append(Table(tuple(rows), start, m.end()))
            continue
        if depth != 1:
            continue
        if name == "tr":
            close_row(m.start())
        elif closing:
            close_cell(m.start())
        else:
            close_cell(m.start())
            cell_start = m.end()
    return tuple(tables)
