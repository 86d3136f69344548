"""Markdown captures (``.md``): the text without its markup, tables as Table records.

The rendition (SourceDocument.text) is the capture's lines with emphasis, heading marks, link
targets, images, escapes and rules removed. Tables come in two shapes:

* pipe tables ("| a | b |" lines, a "|---|---|" line under the header), as markdown writes them;
* tables flattened by the capture sites' converter: every cell's lines, then a line holding only
  "|"; a row ends with one more "|" line (so "a / | / b / | / |" is the row [a, b]).

A row of short cells is written "cell | cell | cell" on one line, as the other formats write
table rows; a cell's lines are joined by a space. A layout table whose cells hold paragraphs or
lists (a page wrapped in one cell; "Nơi nhận" beside the signature) is written as its lines.
"""
from __future__ import annotations

import re

from graph.analyse.formats import FormatError, Rendition

_PIPE_ONLY = re.compile(r"^\s*\|\s*$")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-{0,}:?\s*\|?\s*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_BULLET = re.compile(r"^(\s*)[*](\s+)")         # "* " is markdown's bullet; "+ " is the document's own sub-item mark, kept
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_STRONG = re.compile(r"\*\*|__")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|(?<![\w*])\*$")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_RULE = re.compile(r"^[-_=*~.\s]{3,}$")
_ITEM = re.compile(r"^(?:[-\u2013\u2014\u2022+]\s|\d{1,2}[.)]\s|[a-z\u0111]\)\s)")
LONG_CELL = 1200           # characters: a cell this long holds paragraphs, not a table value
LAYOUT_LINES = 3           # lines of a cell before a table's header row that make it a layout cell
LIST_CELL = 2              # item lines after a cell's first that make it a list, not a value


def clean_line(line: str) -> str:
    """One line of markdown without its markup, stripped."""
    line = _QUOTE.sub("", line)
    line = _HEADING.sub("", line)
    line = _BULLET.sub(r"\1-\2", line)
    line = _IMAGE.sub("", line)
    line = _LINK.sub(r"\1", line)
    line = _STRONG.sub("", line)
    line = _EMPHASIS.sub("", line)
    line = _ESCAPE.sub(r"\1", line)
    line = line.strip()
    if _RULE.match(line) or line == "#":
        return ""
    return line


def _chunks(lines: list[str]) -> list[list[str] | str]:
    """The capture's lines as chunks: each chunk the cleaned non-empty lines between two "|"
    lines (possibly none: an empty cell or a row's end); a pipe-table row is a tuple of cells."""
    out: list = []
    current: list[str] = []
    for raw in lines:
        if _PIPE_ONLY.match(raw):
            out.append(current)
            current = []
        elif _PIPE_RULE.match(raw) and "-" in raw:
            continue
        elif _PIPE_ROW.match(raw) and raw.count("|") >= 3:
            if current:
                out.append(current)
                current = []
                out.append(None)                 # text before a pipe table ends a cell
            cells = [clean_line(c) for c in re.split(r"(?<!\\)\|", raw.strip())[1:-1]]
            out.append(tuple(cells))
        else:
            text = clean_line(raw)
            if text:
                current.append(text)
    if current:
        out.append(current)
    return out


def _long(cell: list[str]) -> bool:
    return sum(map(len, cell)) > LONG_CELL or sum(1 for line in cell[1:] if _ITEM.match(line)) >= LIST_CELL


def _row_end(chunks: list, i: int) -> int:
    """The end of the natural row starting at ``i``: its cells run up to the next empty chunk."""
    j = i
    while j < len(chunks) and isinstance(chunks[j], list) and chunks[j]:
        j += 1
    return j


def _read_row(chunks: list, i: int, width: int) -> tuple[list, int, bool]:
    """A row of a flattened table of ``width`` columns from ``i``: its cells, where the next row
    starts, whether a row end closed it. Empty chunks before a non-empty one are empty cells and
    the row's end; a row with fewer cells spans columns ("I | Hoàn thiện thể chế" over six)."""
    cells: list = []
    n = len(chunks)
    while i < n and len(cells) < width and isinstance(chunks[i], list):
        if chunks[i]:
            cells.append(chunks[i])
            i += 1
            continue
        m = 0
        while i + m < n and chunks[i + m] == []:
            m += 1
        cells += [[] for _ in range(min(m - 1, width - len(cells)))]
        return cells, i + m, True
    if i < n and chunks[i] == []:
        return cells, i + 1, True
    return cells, i, False


def _table_start(chunks: list, i: int) -> int | None:
    """Where a flattened table starts in the natural row at ``i``: after the layout cells that
    lead it (cells of LAYOUT_LINES lines or more: a signature, an annex's title, with no row end
    between them and the table's header row); None when the row is no table."""
    j = _row_end(chunks, i)
    if any(_long(x) for x in chunks[i:j]):
        return None
    start = i
    while start < j and len(chunks[start]) >= LAYOUT_LINES:
        start += 1
    return start if j - start >= 2 else None


def read_markdown(path, *, text: str, encoding: str, sidecar: dict):
    """The SourceDocument of a markdown capture whose decoded text is ``text``."""
    r = Rendition()
    chunks = _chunks(text.splitlines())
    i, n = 0, len(chunks)
    width = 0                                      # columns of the flattened table being read
    while i < n:
        c = chunks[i]
        if isinstance(c, tuple):                   # a pipe-table row
            width = 0
            r.row(list(c))
            i += 1
            continue
        if c is None:
            r.end_table()
            i += 1
            continue
        if width:
            cells, k, ended = _read_row(chunks, i, width)
            if cells and any(cells) and not any(_long(x) for x in cells):
                r.row([" ".join(x) for x in cells])
                i = k
                if not ended:                      # no row end: the table's last row
                    width = 0
                    r.end_table()
                continue
            width = 0
            r.end_table()
        if c == []:
            i += 1
            continue
        start = _table_start(chunks, i)
        if start is not None:
            for k in range(i, start):              # layout cells before the table's first row
                for line in chunks[k]:
                    r.line(line)
            j = _row_end(chunks, start)
            width = j - start
            r.row([" ".join(x) for x in chunks[start:j]])
            i = j + 1 if j < n else j
            continue
        for line in c:
            r.line(line)
        i += 1
    try:
        return r.document(path, media="markdown", encoding=encoding, sidecar=sidecar)
    except FormatError:
        raise
