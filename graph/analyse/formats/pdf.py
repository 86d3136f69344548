"""PDF with a text layer, through pypdfium2 (PDFium; Apache-2.0/BSD): pages in reading order, the
header and footer lines repeated on every page removed, ruled tables recovered as rows, pages
without a text layer read by OCR (ocr.py) when Tesseract is installed."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from graph.analyse.formats import FormatError, Rendition
from graph.analyse.formats.legacy import Converter, detect

RULE_THICKNESS = 2.0        # points: a path thinner than this is a ruling line
RULE_MIN_LENGTH = 5.0
SNAP = 2.0                  # rules within this many points of each other are one grid line
REPEATED_SHARE = 0.5        # a header or footer line is on at least half of the pages (and two)
EDGE_LINES = 2              # looked for among the first and last two lines of each page


@dataclass
class _Grid:
    xs: list[float]                 # column boundaries, left to right
    ys: list[float]                 # row boundaries, top to bottom (PDF y grows upwards)

    def cell(self, x: float, y: float) -> tuple[int, int] | None:
        if not (self.xs[0] <= x <= self.xs[-1] and self.ys[-1] <= y <= self.ys[0]):
            return None
        col = next(k for k in range(len(self.xs) - 1) if x <= self.xs[k + 1])
        row = next(k for k in range(len(self.ys) - 1) if y >= self.ys[k + 1])
        return row, col


@dataclass
class _Page:
    items: list = field(default_factory=list)     # str (a line) or list of rows (a table)
    ocr: bool = False
    missing: str | None = None                    # why a page without a text layer gave no text


def read_pdf(path: Path, *, encoding: str | None, sidecar: dict):
    import pypdfium2 as pdfium
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise FormatError(f"not a readable PDF ({str(exc).rstrip('.')})") from None
    try:
        pages = [_read_page(pdf[k], k + 1) for k in range(len(pdf))]
    except pdfium.PdfiumError as exc:
        raise FormatError(f"damaged PDF ({str(exc).rstrip('.')})") from None
    finally:
        pdf.close()
    _drop_running_lines(pages)
    out = Rendition()
    words = "\n".join(i if isinstance(i, str) else " ".join(c for r in i for c in r)
                      for p in pages for i in p.items)
    legacy = Converter(encoding, None if encoding else detect(words))
    for number, page in enumerate(pages, 1):
        out.new_page()
        if page.ocr:
            out.ocr_pages.append(number)
        if page.missing:
            out.warnings.append(f"page {number}: {page.missing}")
        for item in page.items:
            if isinstance(item, str):
                out.line(legacy.run(item))
                continue
            rows = [[legacy.run(c) for c in row] for row in item]
            if out.open_table_header() == rows[0]:
                rows = rows[1:]                   # the header row repeated after a page break
            for row in rows:
                out.row(row)
    if legacy.warning():
        out.warnings.append(legacy.warning())
    return out.document(path, media="pdf", encoding=legacy.encoding or "pdf", sidecar=sidecar)


def _read_page(page, number: int) -> _Page:
    import pypdfium2.raw as raw
    text = page.get_textpage()
    n = text.count_chars()
    chars = []
    for i in range(n):
        c = chr(raw.FPDFText_GetUnicode(text.raw, i))
        box = text.get_charbox(i) if c not in "\r\n" else None
        chars.append((c, box))
    if not any(c.strip() for c, _ in chars):
        from graph.analyse.formats.ocr import ocr_page
        lines, missing = ocr_page(page, number)
        return _Page(items=_join_wrapped([_Line(*line) for line in lines]), ocr=not missing, missing=missing)
    grids = _grids(page)
    lines: list[list[tuple[str, tuple | None]]] = [[]]
    for c, box in chars:
        if c == "\n":
            lines.append([])
        elif c != "\r":
            lines[-1].append((c, box))
    result = _Page()
    tables: dict[int, dict[tuple[int, int], list[str]]] = {}
    for line in lines:
        where = [_locate(grids, box) for c, box in line if c.strip() and box]
        inside = [w for w in where if w]
        if inside and len(inside) * 2 > len(where):
            g = inside[0][0]
            if g not in tables:
                tables[g] = {}
                result.items.append(("table", g))
            cells, current = tables[g], None
            for c, box in line:
                w = _locate(grids, box) if c.strip() and box else None
                current = w[1:] if w and w[0] == g else current
                if current is not None:
                    cells.setdefault(current, []).append(c)
            for key in {w[1:] for w in inside if w[0] == g}:
                cells[key].append("\n")
        else:
            s = "".join(c for c, _ in line).strip()
            boxes = [box for c, box in line if c.strip() and box]
            if s:
                result.items.append(_Line(s, boxes[0][0], max(b[2] for b in boxes)) if boxes else s)
    result.items = _join_wrapped([_rows(tables[i[1]], grids[i[1]]) if isinstance(i, tuple) else i
                                  for i in result.items])
    return result


def _join_wrapped(items: list) -> list:
    """Lines (_Line) that a full line before them wraps onto joined to it with a space; items
    that are not _Line (table rows) kept as they are; the _Line items as their text."""
    right = max((i.right for i in items if isinstance(i, _Line)), default=0)
    out: list = []
    for i in items:
        if (isinstance(i, _Line) and out and isinstance(out[-1], _Line) and out[-1].right >= right - WRAP
                and not _NEW_LINE.match(i.text)):
            out[-1] = _Line(out[-1].text + " " + i.text, out[-1].left, i.right)      # a wrapped line
        else:
            out.append(i)
    return [i.text if isinstance(i, _Line) else i for i in out]


@dataclass
class _Line:
    text: str
    left: float
    right: float


WRAP = 12.0                 # points: a line ending this near the text's right edge is wrapped
# what starts a line of its own even after a full one: a list marker, a number, a line in capitals
_NEW_LINE = re.compile(r"^(?:\d+(?:\.\d+)*[.)]|[-+\u2022\u2013*]|[a-z]\)|[IVXLC]+\.)\s|^[^a-z]*$")


def _rows(cells: dict[tuple[int, int], list[str]], grid: _Grid) -> list[list[str]]:
    rows = []
    for r in range(len(grid.ys) - 1):
        row = [" ".join("".join(cells.get((r, k), [])).split()) for k in range(len(grid.xs) - 1)]
        if any(row):
            rows.append(row)
    return rows


def _locate(grids: list[_Grid], box) -> tuple[int, int, int] | None:
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    for g, grid in enumerate(grids):
        cell = grid.cell(x, y)
        if cell:
            return (g, *cell)
    return None


def _grids(page) -> list[_Grid]:
    """The ruled tables of a page: groups of touching thin paths with two columns and rows or more."""
    import pypdfium2.raw as raw
    rules = []
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        w, h = right - left, top - bottom
        if (w < RULE_THICKNESS and h > RULE_MIN_LENGTH) or (h < RULE_THICKNESS and w > RULE_MIN_LENGTH):
            rules.append([left, bottom, right, top])
        elif w > RULE_MIN_LENGTH and h > RULE_MIN_LENGTH and len(rules) < 10_000:
            # a rectangle drawn as one path: its four sides
            rules += [[left, bottom, right, bottom], [left, top, right, top],
                      [left, bottom, left, top], [right, bottom, right, top]]
    groups: list[list[list[float]]] = []
    for rule in sorted(rules, key=lambda r: (-r[3], r[0])):
        near = [g for g in groups if any(_touch(rule, o) for o in g[-64:])]
        merged = [rule] + [r for g in near for r in g]
        groups = [g for g in groups if all(g is not n for n in near)] + [merged]
    grids = []
    for group in groups:
        xs = _snap((r[0] + r[2]) / 2 for r in group if r[2] - r[0] < RULE_THICKNESS)
        ys = _snap((r[1] + r[3]) / 2 for r in group if r[3] - r[1] < RULE_THICKNESS)
        if len(xs) >= 3 or (len(xs) >= 2 and len(ys) >= 3):
            if len(ys) >= 2:
                grids.append(_Grid(xs, ys[::-1]))
    return grids


def _touch(a, b) -> bool:
    return a[0] - SNAP <= b[2] and b[0] - SNAP <= a[2] and a[1] - SNAP <= b[3] and b[1] - SNAP <= a[3]


def _snap(values) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > SNAP:
            out.append(v)
    return out


_DIGITS = re.compile(r"\d+")


def _drop_running_lines(pages: list[_Page]) -> None:
    """Remove the header and footer lines repeated on every page (a page number counts as the same
    line on each page)."""
    if len(pages) < 2:
        return
    def edges(page):
        idx = [k for k, i in enumerate(page.items) if isinstance(i, str)]
        return set(idx[:EDGE_LINES] + idx[-EDGE_LINES:])
    counts: dict[str, int] = {}
    for page in pages:
        for key in {_key(page.items[k]) for k in edges(page)}:
            counts[key] = counts.get(key, 0) + 1
    need = max(2, REPEATED_SHARE * len(pages))
    for page in pages:
        drop = {k for k in edges(page) if counts.get(_key(page.items[k]), 0) >= need}
        page.items = [i for k, i in enumerate(page.items) if k not in drop]


def _key(line: str) -> str:
    return _DIGITS.sub("#", " ".join(line.lower().split()))
