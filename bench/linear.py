"""Benchmark of time against document size: one document of 1, 4 and 16 MB through the whole
per-document analysis (read text -> normalise -> segment -> recognise -> extract), one core.

    python bench/linear.py [--sizes 1,4,16]

Two documents per size, generated deterministically from the bundled corpus texts:
  text   the content of the sample texts (letterheads, numbered headings, list items, assignment
         sentences, deadlines, targets) repeated, each copy after a marker paragraph of its own
         ("Bản sao số k."), so that extraction has as much work per MB as on the sample
  html   the same paragraphs as <p> elements, with an unclosed <script> or <style> tag after every
         fifth paragraph (the clean-up once scanned to the end of the page for each of them)
Prints seconds and seconds per MB for each size, and the ratio of the largest size's figure per
MB to the smallest's: it stays near 1 when the analysis is linear in the document's size.
Sizes are in MB of UTF-8 (2**20 bytes) and may be fractional (the smoke test uses 0.05).
"""
from __future__ import annotations

import argparse
import html
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MB = 2 ** 20


def _pieces() -> list[str]:
    """The content of every bundled text (up to the end of its last block that is not boilerplate:
    no signature, no recipients, no web-page sidebars), in file order."""
    from graph.analyse.normalise import normalise
    from graph.analyse.read import read_document
    from graph.analyse.segment import segment
    from graph.lexicon import Lexicon
    lexicon = Lexicon.load()
    out = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        source = read_document(path)
        normal = normalise(source.text, lexicon)
        last = max(b.end for b in segment(normal, lexicon).blocks if b.kind in ("heading", "item", "paragraph"))
        out.append(source.text[:normal.source_span(last - 1, last)[1]].strip())
    return out


def text_document(size_mb: float) -> str:
    """A plain-text document of at least ``size_mb`` MB: the sample texts' contents repeated."""
    pieces, parts, size, k = _pieces(), [], 0, 0
    while size < size_mb * MB:
        piece = pieces[k % len(pieces)]
        parts.append(f"{piece}\n\nBản sao số {k + 1}.\n\n")
        size += len(parts[-1].encode("utf-8"))
        k += 1
    return "".join(parts)


def html_document(size_mb: float) -> str:
    """An HTML page of at least ``size_mb`` MB: the sample texts' paragraphs as <p> elements and,
    after every fifth one, a <script> or <style> element whose closing tag never comes."""
    pieces, parts, size, k = _pieces(), ["<!DOCTYPE html><html><body>\n"], 0, 0
    while size < size_mb * MB:
        paragraphs = [p.strip() for p in pieces[k % len(pieces)].split("\n\n") if p.strip()]
        for n, para in enumerate(paragraphs + [f"Bản sao số {k + 1}."]):
            part = f"<p>{html.escape(' '.join(para.split()), quote=False)}</p>\n"
            if n % 5 == 4:
                part += "<script>var seen = 1;\n" if n % 10 == 4 else "<style>p { margin: 0 }\n"
            parts.append(part)
            size += len(part.encode("utf-8"))
        k += 1
    return "".join(parts) + "</body></html>\n"


_LEXICON = []


def _lexicon():
    """The bundled lexicon, loaded once for every size."""
    if not _LEXICON:
        from graph.lexicon import Lexicon
        _LEXICON.append(Lexicon.load())
    return _LEXICON[0]


def analyse_time(text: str, media: str) -> tuple[float, int]:
    """Processor seconds of the per-document analysis, and the number of mandates it found."""
    from graph.pipeline import analyse
    from graph.records import SourceDocument
    source = SourceDocument(name=f"bench.{'html' if media == 'html' else 'txt'}", path="", text=text,
                            encoding="utf-8", media=media, sidecar={})
    lexicon = _lexicon()
    t = time.process_time()
    doc = analyse(source, lexicon)
    return time.process_time() - t, len(doc.extraction.mandates)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1,4,16", help="document sizes in MB, comma-separated")
    args = ap.parse_args(argv)
    sizes = [float(s) for s in args.sizes.split(",")]
    analyse_time(text_document(0.01), "text")               # loads the data files once, untimed
    for media, make in (("text", text_document), ("html", html_document)):
        print(f"{media}: one document, the whole analysis (normalise, segment, recognise, extract)")
        per_mb = []
        for size in sizes:
            text = make(size)
            mb = len(text.encode("utf-8")) / MB
            seconds, mandates = analyse_time(text, media)
            per_mb.append(seconds / mb)
            print(f"  {mb:7.2f} MB  {seconds:8.2f} s  {seconds / mb:6.2f} s/MB  {mandates:7d} mandates")
        if len(sizes) > 1:
            print(f"  per-MB ratio {max(sizes):g} MB / {min(sizes):g} MB: "
                  f"{per_mb[sizes.index(max(sizes))] / per_mb[sizes.index(min(sizes))]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
