"""Recall and precision on the annotated development documents (tests/golden/dev/, read from
../shared/corpus-dev): header fields, bodies, persons, projects, mandates (span, assignee, role,
deadline) and targets, per document kind, for the tuning and the validation halves apart. The
validation figures are the ones to quote: no rule was ever tuned on those documents.

    python bench/devset.py [--split tune|validation] [--misses] [--only STEM,...]
    python bench/devset.py --empty     # over the official documents of the corpus (MANIFEST.tsv):
                                       # per document type, how many gave no mandate
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def _pct(x) -> str:
    return "     -" if x is None else f"{x:6.1%}"


def empty_by_type(corpus: Path) -> list[tuple[str, int, int]]:
    """(type, documents, documents with no mandate) over corpus/official, types from MANIFEST.tsv."""
    import csv
    import devgold
    from collections import Counter
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as f:
        kinds = {row["file"]: row["type"] or "?" for row in csv.DictReader(f, delimiter="\t")}
    total, empty = Counter(), Counter()
    for path in sorted((corpus / "official").glob("*.md")):
        kind = kinds.get(path.name, "?")
        total[kind] += 1
        empty[kind] += not devgold.analyse_file(path).extraction.mandates
    return [(k, total[k], empty[k]) for k in sorted(total, key=lambda k: (-total[k], k))]


def main(argv=None) -> int:
    import devgold
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=("tune", "validation"), help="one half only (default: both)")
    ap.add_argument("--misses", action="store_true", help="print every miss and extra, one line each")
    ap.add_argument("--only", help="comma-separated file stems")
    ap.add_argument("--empty", action="store_true",
                    help="per document type of the corpus's official documents, how many gave no mandate")
    args = ap.parse_args(argv)
    if not devgold.DEV_CORPUS.is_dir():
        print(f"skipped: {devgold.DEV_CORPUS} is absent")
        return 0
    if args.empty:
        t0 = time.perf_counter()
        rows = empty_by_type(devgold.DEV_CORPUS)
        print(f"{sum(r[1] for r in rows)} official documents analysed in {time.perf_counter() - t0:.0f}s")
        print(f"{'type':24} {'documents':>9} {'no mandate':>10}")
        for kind, n, none in rows:
            print(f"{kind:24} {n:9} {none:10}")
        print(f"{'all':24} {sum(r[1] for r in rows):9} {sum(r[2] for r in rows):10}")
        return 0
    docs = devgold.documents(args.split)
    if args.only:
        docs = [d for d in docs if d.name in set(args.only.split(","))]
    names, tally, misses = devgold.Names(), devgold.Tally(), []
    t0 = time.perf_counter()
    for doc in docs:
        misses += devgold.score(doc, devgold.analyse_file(doc.path), names, tally)
    print(f"{len(docs)} annotated documents analysed in {time.perf_counter() - t0:.1f}s "
          f"({sum(d.split == 'tune' for d in docs)} tune, {sum(d.split == 'validation' for d in docs)} validation)")
    print(f"{'split':10} {'kind':30} {'field':18} {'expected':>8} {'found':>6} {'right':>6} {'recall':>7} {'precision':>9}")
    for split, kind, name, exp, found, right, recall, precision in tally.rows():
        print(f"{split:10} {kind:30} {name:18} {exp:8} {found:6} {right:6} {_pct(recall):>7} {_pct(precision):>9}")
    if args.misses:
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
