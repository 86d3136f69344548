"""Checks over a built corpus's analyses that issue 13 asks of the whole crawl:

- no actor is named after the place of a place-and-date line ("Hà Nội, ngày 23 tháng 11 năm
  2025"): no body or person mention overlaps such a place, and no mandate is assigned to an actor
  the document names only there;
- how many documents' segmentation covers less of their text than ``layout.yaml``'s
  ``coverage_min`` (the build prints one warning for each).

It reads the analysis cache a build leaves (``OUT/.cache`` or the ``--cache DIR`` it was given),
so it costs an unpickling per document, not an analysis:

    python build.py --corpus /tmp/crawl/crawl --out /tmp/crawl-out --jobs 2
    python bench/crawl_checks.py /tmp/crawl-out/.cache [--show 10]

The place is found with the dateline pattern of ``documents.yaml`` (``head.dateline``), not with
the rule the recogniser uses to skip such places, so the check is independent of that rule.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.analyse.segment import coverage_warning  # noqa: E402
from graph.cache import documents  # noqa: E402
from graph.lexicon import Lexicon  # noqa: E402
from graph.records import AnalysedDocument  # noqa: E402

ACTORS = ("body", "person")


def place_spans(doc: AnalysedDocument, lexicon: Lexicon) -> list[tuple[int, int]]:
    """The places of the document's place-and-date lines, as normalised offsets: the dateline
    pattern where it is the whole of a line or of a cell of a flattened header ("Số: 12/CĐ-TTg | Hà
    Nội, ngày ..."); in running text ("Sau khi Quốc hội được bầu, ngày 2 tháng 3 năm 1946") it names no place
    of issue."""
    dateline = lexicon.documents.head.get("dateline")
    if dateline is None:
        return []
    text = doc.normal.text
    spans = []
    for m in dateline.finditer(text):
        start, end = m.span(1)
        while start < end and not text[start].isalnum():
            start += 1                  # the pattern's place may open with the cell's spaces or marks
        line_start = text.rfind("\n", 0, start) + 1
        before = text[line_start:start].strip(" *_\t")
        line_end = text.find("\n", m.end())
        after = text[m.end():line_end if line_end >= 0 else len(text)].strip(" *_\t")
        if (not before or before.endswith("|")) and (not after or after.startswith("|")):
            spans.append((start, end))      # a line of its own, or a cell of a flattened header
    return spans


def actors_at_places(doc: AnalysedDocument, lexicon: Lexicon) -> tuple[list[str], list[str]]:
    """Actor mentions overlapping a date line's place, and mandates assigned to an actor the
    document names only there."""
    places = place_spans(doc, lexicon)
    if not places:
        return [], []
    at_place = [m for m in doc.mentions if m.kind in ACTORS
                and any(m.start < end and start < m.end for start, end in places)]
    elsewhere = {m.iri for m in doc.mentions if m not in at_place}
    only_there = {m.iri for m in at_place} - elsewhere
    mandates = [f"{r.task[:60]!r} -> {iri}" for r in doc.extraction.mandates
                for iri in r.assignees if iri in only_there]
    return [f"{m.surface!r} ({m.rule})" for m in at_place], mandates


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cache", type=Path, help="a build's analysis cache (OUT/.cache or --cache DIR)")
    parser.add_argument("--show", type=int, default=5, help="examples of each problem to print")
    args = parser.parse_args(argv)
    if not args.cache.is_dir():
        print(f"error: {args.cache}: not a folder", file=sys.stderr)
        return 2
    lexicon = Lexicon.load()
    counts: Counter = Counter()
    examples: dict[str, list[str]] = {"actor at a place": [], "mandate to such an actor": [],
                                      "coverage": []}
    for doc in documents(args.cache):
        counts["documents"] += 1
        counts["date lines"] += bool(place_spans(doc, lexicon))
        actors, mandates = actors_at_places(doc, lexicon)
        counts["actor at a place"] += len(actors)
        counts["mandate to such an actor"] += len(mandates)
        examples["actor at a place"] += [f"{doc.source.path}: {a}" for a in actors]
        examples["mandate to such an actor"] += [f"{doc.source.path}: {m}" for m in mandates]
        warning = coverage_warning(doc.segmented, lexicon)
        if warning:
            counts["coverage"] += 1
            examples["coverage"].append(f"{doc.source.path}: {warning}")
    print(f"documents                         {counts['documents']:>7,}")
    print(f"  with a place-and-date line      {counts['date lines']:>7,}")
    print(f"actors named at a date line's place {counts['actor at a place']:>5,}")
    print(f"mandates assigned to such an actor  {counts['mandate to such an actor']:>5,}")
    print(f"coverage warnings (< {lexicon.layout.coverage_min:.0%})       {counts['coverage']:>5,}")
    for name, found in examples.items():
        for line in found[:args.show]:
            print(f"  {name}: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
