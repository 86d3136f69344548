"""DOCX through python-docx: paragraphs with their list numbering, and tables, in document order."""
from __future__ import annotations

import zipfile
from pathlib import Path

from graph.analyse.formats import FormatError, Rendition
from graph.analyse.formats.legacy import Converter, detect, font_hint

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def read_docx(path: Path, *, encoding: str | None, sidecar: dict):
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise FormatError(f"not a readable DOCX ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__})") from None
    except Exception as exc:              # lxml's XMLSyntaxError and the like: a damaged package
        raise FormatError(f"damaged DOCX ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})") from None
    numbering = _Numbering(document)
    items = []                            # ("p", [(text, font)], marker) or ("t", rows of cell texts)
    for child in document.element.body.iterchildren():
        if child.tag == W + "p":
            runs = _runs(child)
            marker = numbering.marker(child, document)
            items.append(("p", runs, marker))
        elif child.tag == W + "tbl":
            items.append(("t", _table(child)))
    whole = "\n".join("".join(t for t, _ in i[1]) if i[0] == "p" else
                      "\n".join(" ".join(t for c in r for t, _ in c) for r in i[1]) for i in items)
    legacy = Converter(encoding, None if encoding else detect(whole))
    out = Rendition()
    for item in items:
        if item[0] == "p":
            text = _convert(item[1], legacy)
            out.line(f"{item[2]} {text.strip()}" if item[2] and text.strip() else text)
        else:
            for row in item[1]:
                out.row([_convert(cell, legacy) for cell in row])
            out.end_table()
    if legacy.warning():
        out.warnings.append(legacy.warning())
    return out.document(path, media="docx", encoding=legacy.encoding or "docx", sidecar=sidecar)


def _runs(p) -> list[tuple[str, str | None]]:
    """The text of a paragraph run by run, with each run's font name (a legacy encoding's hint)."""
    out = []
    for r in p.iter(W + "r"):
        fonts = r.find(f"{W}rPr/{W}rFonts")
        font = fonts.get(W + "ascii") or fonts.get(W + "hAnsi") if fonts is not None else None
        text = "".join(t.text or "" if t.tag == W + "t" else "\t" if t.tag == W + "tab" else
                       "\n" if t.tag in (W + "br", W + "cr") else "" for t in r)
        out.append((text, font))
    return out


def _merge(runs):
    """Consecutive runs of one font as one run: statistics need more than a word."""
    out: list[tuple[str, str | None]] = []
    for text, font in runs:
        if out and out[-1][1] == font:
            out[-1] = (out[-1][0] + text, font)
        else:
            out.append((text, font))
    return out


def _convert(runs, legacy: Converter) -> str:
    return "".join(legacy.run(t, font_hint(f)) if t.strip() else t for t, f in _merge(runs))


def _table(tbl) -> list[list[list[tuple[str, str | None]]]]:
    """Rows of cells, each cell its runs (the paragraphs of a cell joined by a space)."""
    rows = []
    for tr in tbl.iterchildren(W + "tr"):
        row = []
        for tc in tr.iterchildren(W + "tc"):
            runs: list[tuple[str, str | None]] = []
            for p in tc.iter(W + "p"):
                runs += ([(" ", None)] if runs else []) + _runs(p)
            row.append(runs)
        rows.append(row)
    return rows


class _Numbering:
    """List numbers as Word draws them: the level's format and text ("%1.", "%1.%2", "-")."""

    def __init__(self, document) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract = {}
        for a in root.iterchildren(W + "abstractNum"):
            lv = {}
            for lvl in a.iterchildren(W + "lvl"):
                fmt, text, start = lvl.find(W + "numFmt"), lvl.find(W + "lvlText"), lvl.find(W + "start")
                lv[int(lvl.get(W + "ilvl"))] = (fmt.get(W + "val") if fmt is not None else "decimal",
                                                text.get(W + "val") if text is not None else "",
                                                int(start.get(W + "val")) if start is not None else 1)
            abstract[a.get(W + "abstractNumId")] = lv
        for num in root.iterchildren(W + "num"):
            ref = num.find(W + "abstractNumId")
            for ilvl, spec in abstract.get(ref.get(W + "val") if ref is not None else None, {}).items():
                self.levels[(num.get(W + "numId"), ilvl)] = spec

    def marker(self, p, document) -> str:
        num = p.find(f"{W}pPr/{W}numPr")
        if num is None:
            style = p.find(f"{W}pPr/{W}pStyle")
            if style is None:
                return ""
            try:
                st = document.styles.element.get_by_id(style.get(W + "val"))
            except (KeyError, AttributeError):
                return ""
            num = st.find(f"{W}pPr/{W}numPr") if st is not None else None
            if num is None:
                return ""
        num_id = num.find(W + "numId")
        ilvl = num.find(W + "ilvl")
        num_id = num_id.get(W + "val") if num_id is not None else None
        level = int(ilvl.get(W + "val")) if ilvl is not None else 0
        if (num_id, level) not in self.levels or num_id == "0":
            return ""
        counts = self.counters.setdefault(num_id, [0] * 9)
        fmt, text, start = self.levels[(num_id, level)]
        counts[level] = counts[level] + 1 if counts[level] else start
        for deeper in range(level + 1, 9):
            counts[deeper] = 0
        if fmt == "bullet":
            return "-"
        for k in range(9):
            spec = self.levels.get((num_id, k), ("decimal", "", 1))
            text = text.replace(f"%{k + 1}", _format(counts[k] or spec[2], spec[0]))
        return text.strip()


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        s = chr(ord("a") + (n - 1) % 26)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        out = ""
        for value, numeral in _ROMAN:
            while n >= value:
                out, n = out + numeral, n - value
        return out.lower() if fmt == "lowerRoman" else out
    return str(n)
