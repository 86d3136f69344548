"""Benchmark of reading and recognition: characters per second through read -> normalise ->
segment -> recognise, on the sample corpus and on a generated corpus 100 times its size, one core.

    python bench/recognition.py [--times 100]

Target (issue 3): at least 2 MB/s per core for recognition.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

TARGET_MB_S = 2.0
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


_LEXICON = []


def run(corpus: Path) -> dict:
    from graph.analyse.normalise import normalise
    from graph.analyse.read import read_corpus
    from graph.analyse.recognise import recognise
    from graph.analyse.segment import segment
    from graph.lexicon import Lexicon
    if not _LEXICON:                                 # one lexicon for every run: warm matchers
        _LEXICON.append(Lexicon.load())
    lexicon = _LEXICON[0]
    stages = dict.fromkeys(("read", "normalise", "segment", "recognise"), 0.0)
    t = time.process_time()
    docs, errors = read_corpus(corpus)
    stages["read"] = time.process_time() - t
    chars = mentions = 0
    for d in docs:
        t = time.process_time()
        normal = normalise(d.text, lexicon, html=d.media == "html")
        t1 = time.process_time()
        seg = segment(normal, lexicon)
        t2 = time.process_time()
        mentions += len(recognise(normal, seg, lexicon))
        t3 = time.process_time()
        stages["normalise"] += t1 - t
        stages["segment"] += t2 - t1
        stages["recognise"] += t3 - t2
        chars += len(d.text)
    return {"docs": len(docs), "chars": chars, "bytes": sum(len(d.text.encode("utf-8")) for d in docs),
            "mentions": mentions, "stages": stages}


def report(name: str, r: dict) -> None:
    total = sum(r["stages"].values())
    print(f"\n== {name}: {r['docs']} documents, {r['chars']:,} characters ({r['bytes'] / 1e6:.1f} MB UTF-8), "
          f"{r['mentions']:,} mentions")
    for stage, s in r["stages"].items():
        print(f"  {stage:10} {s:7.2f} s CPU  {r['chars'] / s / 1e6 if s else float('inf'):8.2f} M chars/s")
    rec = r["stages"]["recognise"]
    print(f"  all        {total:7.2f} s CPU  {r['chars'] / total / 1e6:8.2f} M chars/s "
          f"({r['bytes'] / total / 1e6:.2f} MB/s); recognition alone {r['bytes'] / rec / 1e6:.2f} MB/s")
    rate = r["bytes"] / total / 1e6
    print(f"  target: read to recognition at >= {TARGET_MB_S} MB/s per core: "
          f"{'met' if rate >= TARGET_MB_S else 'MISSED'} ({rate:.2f} MB/s)")


def main() -> int:
    from scale import scaled_corpus
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--times", type=int, default=100)
    args = ap.parse_args()
    corpus = ROOT / "corpus"
    run(corpus)                                      # warm the gazetteer and pattern caches
    report("sample corpus", run(corpus))
    with tempfile.TemporaryDirectory() as tmp:
        report(f"generated corpus, {args.times}x", run(scaled_corpus(corpus, Path(tmp), args.times)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
