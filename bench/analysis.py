"""The per-document analysis rate on one core, over a fixed sample of the real crawl (issue 16:
the build's analysis rate >= 2 million characters per second per core).

    python bench/analysis.py [--corpus DIR] [--pages 300] [--repeat 3] [--profile 25]

The sample: ``--pages`` pages of the crawl drawn with a fixed seed from its ``*.md`` files sorted
by name (the same pages on every run and machine). The crawl is ``--corpus DIR``, else
``/tmp/crawl/crawl`` where it was unpacked, else the pages are read from
``../shared/corpus-crawl/crawl.tar.xz`` (next to the project) into a temporary folder; without
any of them the benchmark says so and stops (exit 0).

Printed: the pages and characters; the CPU time of reading them (read_document: decoding,
legacy-encoding detection) and of analysing them (``graph.pipeline.analyse``: normalise,
segment, recognise, metadata, extract), the first run and the best of ``--repeat``, as process
CPU time (this process's own core: other work on the machine slows it less than wall time);
and the first run's rate in M characters/s per core (each page met once, as in a build)
against the target. The lexicon's matchers are compiled
and the ontology read first (on the bundled sample), not in the figure. ``--profile N`` runs
the analysis once more under cProfile and prints its function calls (a count that noise
does not change: compare it between versions) and the N functions of most cumulative time.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.analyse.read import read_document  # noqa: E402
from graph.lexicon import Lexicon  # noqa: E402
from graph.pipeline import analyse  # noqa: E402

UNPACKED = Path("/tmp/crawl/crawl")
ARCHIVE = ROOT.parent / "shared" / "corpus-crawl" / "crawl.tar.xz"
TARGET = 2.0                      # M characters per second per core (issue 16)
SEED = 1


def sample(names: list[str], pages: int) -> list[str]:
    """The fixed sample: ``pages`` names drawn with SEED from the names sorted."""
    names = sorted(names)
    return random.Random(SEED).sample(names, min(pages, len(names)))


def crawl_pages(corpus: Path | None, pages: int, scratch: Path) -> list[Path] | None:
    """The sample's files: from ``corpus``, the unpacked crawl, or read out of the archive."""
    folder = corpus or (UNPACKED if UNPACKED.is_dir() else None)
    if folder is not None:
        files = {p.name: p for p in folder.glob("*.md")}
        return [files[n] for n in sample(list(files), pages)] if files else None
    if not ARCHIVE.is_file():
        return None
    with tarfile.open(ARCHIVE, "r:xz") as tar:            # one pass for the names
        names = [Path(m.name).name for m in tar if m.isfile() and m.name.endswith(".md")]
    chosen = sample(names, pages)
    wanted = set(chosen)
    with tarfile.open(ARCHIVE, "r:xz") as tar:            # one more, in the archive's order
        for member in tar:
            if member.isfile() and Path(member.name).name in wanted:
                (scratch / Path(member.name).name).write_bytes(tar.extractfile(member).read())
    return [scratch / n for n in chosen]


def cpu(fn) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, help="a folder of the crawl's .md pages (default: the unpacked crawl)")
    ap.add_argument("--pages", type=int, default=300, help="pages in the sample (default 300)")
    ap.add_argument("--repeat", type=int, default=3, help="runs; the best counts (default 3)")
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="print the N functions of most cumulative time")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="mg-analysis-") as scratch:
        files = crawl_pages(args.corpus, args.pages, Path(scratch))
        if not files:
            print(f"skipped: no crawl (give --corpus DIR, unpack it to {UNPACKED}, or place {ARCHIVE})")
            return 0
        lexicon = Lexicon.load()
        warm = cpu(lambda: [analyse(read_document(p), lexicon) for p in sorted((ROOT / "corpus").glob("*.txt"))])
        sources = []
        reads = [cpu(lambda: sources.__setitem__(slice(None), [read_document(p) for p in files]))
                 for _ in range(args.repeat)]
        chars = sum(len(s.text) for s in sources)
        runs = [cpu(lambda: [analyse(s, lexicon) for s in sources]) for _ in range(args.repeat)]
        print(f"sample: {len(files)} crawl pages (seed {SEED}), {chars:,} characters; warm-up {warm:.1f} s "
              f"(matchers compiled, ontology read)")
        # the first run meets each page once, as a build does; later ones find the caches of
        # pure functions (phrases, names, words) full: the best of them is the code's own speed
        for what, times, per in (("read", reads, ""), ("analyse", runs, " per core")):
            print(f"{what + ':':9} first {times[0]:6.2f} s CPU  {chars / times[0] / 1e6:5.2f} M chars/s{per}; "
                  f"best of {len(times)} {min(times):6.2f} s  {chars / min(times) / 1e6:5.2f} M chars/s")
        rate = chars / runs[0] / 1e6
        print(f"target (issue 16): >= {TARGET:g} M chars/s per core (first run): {'met' if rate >= TARGET else 'MISSED'}")
        if args.profile:
            profile = cProfile.Profile()
            profile.runcall(lambda: [analyse(s, lexicon) for s in sources])
            out = io.StringIO()
            stats = pstats.Stats(profile, stream=out)
            print(f"profile: {stats.total_calls:,} function calls")
            stats.sort_stats("cumulative").print_stats(args.profile)
            print("\n".join(line for line in out.getvalue().splitlines()
                            if line.strip() and "function calls" not in line and "Ordered by" not in line))
    return 0


if __name__ == "__main__":
    sys.exit(main())
