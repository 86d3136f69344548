"""Benchmark of reading PDF and DOCX: pages per second, one core.

    python bench/formats.py [--pages 20]

Makes its inputs (nothing downloaded): the notice of tests/formats_fixtures.py repeated into a
document of about ``--pages`` A4 pages, printed to PDF by headless Chromium (skipped with a note
when Chromium is absent) and written as a DOCX by python-docx (its pages estimated as Word would
lay them out, at 3,000 characters a page). Prints, for each, pages, seconds and pages per second
of graph.analyse.read.read_document (best of three), and its tables and characters as a check.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

CHARS_PER_DOCX_PAGE = 3000


def _time(path: Path) -> tuple[float, object]:
    from graph.analyse.read import read_document
    best, doc = float("inf"), None
    for _ in range(3):
        t = time.perf_counter()
        doc = read_document(path)
        best = min(best, time.perf_counter() - t)
    return best, doc


def main(argv: list[str] | None = None) -> int:
    import formats_fixtures as fx
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20, help="about so many pages per document (default 20)")
    args = parser.parse_args(argv)
    copies = max(1, args.pages // 2)                     # the notice prints on two pages
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        print(f"{'format':<6} {'pages':>6} {'seconds':>8} {'pages/s':>8} {'tables':>7} {'characters':>11}")
        if fx.CHROMIUM:
            body = fx.print_page()
            start, end = body.index('<div class="page">'), body.rindex("</body>")
            page = body[:start] + body[start:end] * copies + body[end:]
            pdf = fx.print_pdf(page, tmp / "bench.pdf")
            seconds, doc = _time(pdf)
            n = len(doc.pages)
            print(f"{'pdf':<6} {n:>6} {seconds:>8.3f} {n / seconds:>8.1f} {len(doc.tables):>7} {len(doc.text):>11,}")
        else:
            print("pdf    skipped: Chromium (Debian package chromium) prints the PDF input")
        import docx
        d = docx.Document()
        for _ in range(copies):
            for line in fx.HEAD + fx.BODY:
                d.add_paragraph(line)
            table = d.add_table(rows=len(fx.TABLE), cols=len(fx.TABLE[0]))
            for r, row in enumerate(fx.TABLE):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
            for line in fx.TAIL:
                d.add_paragraph(line)
        d.save(str(tmp / "bench.docx"))
        seconds, doc = _time(tmp / "bench.docx")
        n = max(1, round(len(doc.text) / CHARS_PER_DOCX_PAGE))
        print(f"{'docx':<6} {n:>6} {seconds:>8.3f} {n / seconds:>8.1f} {len(doc.tables):>7} {len(doc.text):>11,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
