"""Benchmark of the whole build: seconds per stage and peak memory, on the bundled corpus and on
corpora made of N copies of it. Each scale is a fresh `python build.py` process, as a user runs it.

    python bench/build.py [--scales 1,10] [--corpus corpus]

No target is set by an issue; the figures show where the time goes as the corpus grows.
"""
from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

STAGE = re.compile(r"^(read|populate|publish|views)\s.* in (\d+\.\d+)s$")
ANALYSE = re.compile(r"^analyse\s.* in (\d+\.\d+)s$")


def run(corpus: Path, out: Path) -> tuple[dict[str, float], float, float]:
    """Stage seconds from the build's own log, wall time and the child's peak memory (MB)."""
    t = time.perf_counter()
    r = subprocess.run([sys.executable, str(ROOT / "build.py"), "--corpus", str(corpus), "--out", str(out)],
                       capture_output=True, text=True)
    wall = time.perf_counter() - t
    if r.returncode:
        raise SystemExit(f"error: build of {corpus} failed: {(r.stdout + r.stderr).strip().splitlines()[-1]}")
    stages = {"read": 0.0, "analyse": 0.0, "populate": 0.0, "publish": 0.0, "views": 0.0}
    for line in r.stderr.splitlines():            # the build logs to stderr
        if m := STAGE.match(line):
            # views written beside publish (--jobs > 1) are timed from publish's start: count only
            # the time they add after it, so the stages still sum to the build
            extra = stages["publish"] if "beside publish" in line else 0.0
            stages[m.group(1)] += max(0.0, float(m.group(2)) - extra)
        elif m := ANALYSE.match(line):
            stages["analyse"] += float(m.group(1))
    return stages, wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> int:
    from scale import scaled_corpus
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scales", default="1,10")
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    args = ap.parse_args()
    print(f"{'scale':>5} {'docs':>5} {'MB':>6} " + " ".join(f"{s:>9}" for s in
          ("read", "analyse", "populate", "publish", "views")) + f" {'total s':>8} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for scale in sorted(int(s) for s in args.scales.split(",")):
            corpus = scaled_corpus(args.corpus, Path(tmp) / f"corpus-{scale}x", scale)
            files = [p for p in corpus.iterdir() if p.suffix in (".txt", ".html", ".htm")]
            size = sum(p.stat().st_size for p in files) / 1e6
            stages, wall, peak = run(corpus, Path(tmp) / f"out-{scale}x")
            print(f"{scale:>4}x {len(files):>5} {size:>6.1f} " + " ".join(f"{v:>9.2f}" for v in stages.values())
                  + f" {wall:>8.1f} {peak:>8.0f}")
    print("peak MB is the largest build so far (the scales run in increasing order)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
