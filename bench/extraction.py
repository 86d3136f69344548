"""Precision and recall of extraction against the hand-annotated golden files of tests/golden:
mandates (span, assigner, assignees, role) and deadlines of 000, 003 and 004 (every mandate annotated)
and of 001 (its explicit assignments and deadline sentences: recall only, the file being a
selection), and the 2030 targets of 001 section III.2 (value, value_max, comparator, unit).

    python bench/extraction.py
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

FIELDS = ("span", "assigner", "assignees", "role", "deadline")


def pr(correct: int, found: int | None, golden: int) -> str:
    r = correct / golden if golden else 1.0
    if found is None:
        return f"precision      -            recall {r:6.1%} ({correct}/{golden})"
    p = correct / found if found else 1.0
    return f"precision {p:6.1%} ({correct}/{found})   recall {r:6.1%} ({correct}/{golden})"


def mandate_scores(doc, expected) -> Counter:
    """Correct counts per field, over the expected mandates paired with extracted ones."""
    import goldens
    correct = Counter()
    for e, m in goldens.pair(doc, expected):
        if m is None:
            continue
        got = goldens.observed(m)
        correct["span"] += 1
        correct["assigner"] += got["assigner"] == e.assigner
        correct["assignees"] += got["assignees"] == e.assignees
        correct["role"] += got["role"] == e.role
        correct["deadline"] += (got["deadline"], got["recurring"]) == (e.deadline, e.recurring)
    return correct


def main() -> int:
    import goldens
    from graph.pipeline import analyse
    from graph.analyse.read import read_corpus
    from graph.lexicon import Lexicon
    docs, _ = read_corpus(ROOT / "corpus")
    lexicon = Lexicon.load()
    by = {d.name[:3]: analyse(d, lexicon) for d in docs}

    for key, (complete, expected) in sorted(goldens.mandates().items()):
        doc = by[key]
        correct = mandate_scores(doc, expected)
        found = len(doc.extraction.mandates) if complete else None
        what = "every mandate" if complete else "explicit assignments and deadline sentences"
        print(f"mandates, {key} ({what}, {len(expected)} annotated):")
        for field in FIELDS:
            print(f"  {field:9} {pr(correct[field], found, len(expected))}")
        dated = [e for e in expected if e.deadline]
        got_dated = [m for m in doc.extraction.mandates if m.deadline and m.deadline.deadline]
        hits = sum(1 for e, m in goldens.pair(doc, dated)
                   if m is not None and goldens.observed(m)["deadline"] == e.deadline)
        print(f"  dates     {pr(hits, len(got_dated) if complete else None, len(dated))}")
        if not complete:                       # every sentence naming its assignee is annotated
            named = [e for e in expected if e.explicit]
            got_named = [m for m in doc.extraction.mandates if m.explicit]
            hits = sum(1 for e, m in goldens.pair(doc, named) if m is not None and m.explicit
                       and goldens.observed(m)["assignees"] == e.assignees)
            print(f"  explicit  {pr(hits, len(got_named), len(named))}  (assignee named in the text)")

    doc = by["001"]
    heading = "Những chỉ tiêu chủ yếu đến năm 2030"
    sec = [t for t in doc.extraction.targets
           if any(s.start <= t.start < s.end and heading in doc.segmented.blocks[s.block].heading_path
                  for s in doc.segmented.sentences)]
    want = Counter(goldens.targets())
    got = Counter((t.value, t.value_max, t.comparator, t.unit) for t in sec if t.year == 2030)
    correct = sum((got & want).values())
    print(f"targets, 001 §III.2 (2030, {sum(want.values())} annotated):\n  tuple     {pr(correct, len(sec), sum(want.values()))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
