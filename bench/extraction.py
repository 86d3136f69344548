"""Precision and recall of extraction against the hand-annotated golden data of tests/:
mandates of 000 (span, assignee, role), deadlines of 000, and the 2030 targets of 001 §III.2
(value, valueMax, comparator, unit).

    python bench/extraction.py
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def pr(correct: int, found: int, golden: int) -> str:
    p = correct / found if found else 1.0
    r = correct / golden if golden else 1.0
    return f"precision {p:6.1%} ({correct}/{found})   recall {r:6.1%} ({correct}/{golden})"


def main() -> int:
    from graph.pipeline import analyse
    from graph.read import read_corpus
    from test_extract import GOLDEN_000, GOLDEN_TARGETS_2030
    docs, _ = read_corpus(ROOT / "corpus")
    by = {d.name[:3]: analyse(d) for d in docs}

    doc = by["000"]
    found = [(doc.normal.text[m.start:m.end], m) for m in doc.extraction.mandates]
    print("mandates, 000 (all 13 annotated):")
    for field in ("span", "assignee", "role"):
        correct, used = 0, set()
        for prefix, assigner, assignees, role, _ in GOLDEN_000:
            for i, (text, m) in enumerate(found):
                if i in used or not text.startswith(prefix):
                    continue
                used.add(i)
                ok = {"span": True, "assignee": set(m.assignees) == assignees, "role": m.role == role}[field]
                correct += ok
                break
        print(f"  {field:9} {pr(correct, len(found), len(GOLDEN_000))}")

    gold = {p: d for p, _, _, _, d in GOLDEN_000 if d}
    dated = [(t, m.deadline.deadline.isoformat()) for t, m in found if m.deadline and m.deadline.deadline]
    correct = sum(1 for t, d in dated if any(t.startswith(p) and d == v for p, v in gold.items()))
    print(f"deadlines, 000:\n  date      {pr(correct, len(dated), len(gold))}")

    doc = by["001"]
    heading = "Những chỉ tiêu chủ yếu đến năm 2030"
    sec = [t for t in doc.extraction.targets
           if any(s.start <= t.start < s.end and heading in doc.segmented.blocks[s.block].heading_path
                  for s in doc.segmented.sentences)]
    got = Counter((t.value, t.value_max, t.comparator, t.unit) for t in sec if t.year == 2030)
    want = Counter(GOLDEN_TARGETS_2030)
    correct = sum((got & want).values())
    print(f"targets, 001 §III.2 (2030):\n  tuple     {pr(correct, len(sec), len(GOLDEN_TARGETS_2030))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
