"""Generated corpora and graphs N times the sample, for the benchmarks.

A scaled graph repeats the built graph N times; each copy gets its own documents, mandates,
targets, evidence and post holdings (IRIs suffixed -c1, -c2, ...) while bodies, persons, posts
and projects stay shared, as they would in a larger corpus about the same institutions.
A scaled corpus repeats the sample texts N times under new file names, each copy a document of its own.

    python bench/scale.py [--times 5] [--corpus DIR] [--no-jobs1] [--no-views]

As a script it builds such a corpus (or ``--corpus DIR`` as it is, e.g. the unpacked crawl) and
prints: the wall time of a clean build with ``--jobs 1`` and ``--jobs 2`` (and whether their
outputs are the same bytes), each build's stages (analysis, populate, publish, views: the time
without the views is the total less the views), the analysis rate per core, peak memory, output
sizes, the time of an incremental rebuild after adding one document and after editing one
gazetteer entry (which re-analyses everything), and the time per million characters of a clean
build of the first half of the corpus (by file name) against the whole (``--jobs 2``).
Each build is a fresh ``python build.py`` process, as a user runs it.

    python bench/scale.py --corpus /tmp/crawl/crawl        # the real crawl (unpacked outside the project)

Targets (issue 16) on a 2-core machine: the whole crawl in <= 10 min with --jobs 2, peak memory
<= 2 GB, an added document rebuilt in <= 5% of the full time, half and whole within 10% per
character, analysis >= 2 M characters/s/core.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

PER_COPY = re.compile(r"(https://w3id\.org/mandate-graph/id/(?:mandate|evidence|target|doc|holding|graph)/[^>]+)>")
READING_ORDER = re.compile(r'(#readingOrder> ")(\d+)(")')


def scaled_ntriples(nt: str, times: int) -> str:
    """The N-Triples text repeated ``times`` times with per-copy IRIs; each copy's documents come
    after the previous copy's in reading order (mg:readingOrder), as in a corpus N times larger."""
    from graph.assemble.populate import READING_ORDER_STRIDE
    orders = [int(m.group(2)) for m in READING_ORDER.finditer(nt)]
    shift = (max(orders, default=0) // READING_ORDER_STRIDE + 1) * READING_ORDER_STRIDE
    parts = [nt]
    for k in range(1, times):
        copy = PER_COPY.sub(lambda m: f"{m.group(1)}-c{k}>", nt)
        parts.append(READING_ORDER.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + k * shift}{m.group(3)}", copy))
    return "".join(parts)


def scaled_corpus(corpus: Path, target: Path, times: int) -> Path:
    """``times`` copies of every document of ``corpus`` in ``target``, each a document of its own:
    the build skips a text it has already read, so each copy after the first gets one more
    paragraph ("Bản sao số k.") after its last block of content, and a sidecar identifier
    (BS1/<name>, ...) so that it does not resolve to the original's IRI. The original sidecar, if
    any, comes along."""
    from graph.analyse.read import read_document
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(corpus.iterdir()):
        if path.suffix not in (".txt", ".html", ".htm"):
            continue
        sidecar = path.with_name(f"{path.stem}.meta.yaml")
        meta = yaml.safe_load(sidecar.read_text(encoding="utf-8")) if sidecar.exists() else {}
        source = read_document(path)
        cut = _content_end(source)
        for k in range(times):
            stem = f"{path.stem}-c{k}"
            if k == 0:
                shutil.copyfile(path, target / f"{stem}{path.suffix}")
            else:
                marker = f"<p>Bản sao số {k}.</p>" if path.suffix != ".txt" else f"Bản sao số {k}."
                (target / f"{stem}{path.suffix}").write_text(
                    f"{source.text[:cut]}\n\n{marker}\n\n{source.text[cut:]}", encoding="utf-8", newline="")
            copy = dict(meta, identifier=f"BS{k}/{path.stem}") if k else meta
            if copy:
                (target / f"{stem}.meta.yaml").write_text(yaml.safe_dump(copy, allow_unicode=True), encoding="utf-8")
    return target


def _content_end(source) -> int:
    """Source offset of the end of the last block that is not boilerplate."""
    from graph.analyse.normalise import normalise
    from graph.analyse.segment import segment
    from graph.lexicon import Lexicon
    lexicon = Lexicon.load()
    normal = normalise(source.text, lexicon, html=source.media == "html")
    last = max(b.end for b in segment(normal, lexicon).blocks if b.kind != "boilerplate")
    return normal.source_span(last - 1, last)[1]


ROOT = Path(__file__).resolve().parent.parent
_COUNTS = re.compile(r"analyse   (\d+) analysed, (\d+) from the cache")
_STAGE = re.compile(r"^(analyse|populate|publish|views) .* in ([\d.]+)s$", re.MULTILINE)
# A build in a fresh process that reports, last, the peak resident memory of itself and of its
# worker processes (ru_maxrss: the largest of them).
_LAUNCH = """
import json, resource, sys
sys.path.insert(0, {root!r})
from graph.cli import main
code = main(sys.argv[1:])
peak = lambda who: resource.getrusage(who).ru_maxrss / 1024
cpu = lambda who: resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
print("PEAK " + json.dumps([peak(resource.RUSAGE_SELF), peak(resource.RUSAGE_CHILDREN),
                            cpu(resource.RUSAGE_SELF), cpu(resource.RUSAGE_CHILDREN)]), file=sys.stderr)
sys.exit(code)
"""


class Built:
    def __init__(self, wall: float, log: str):
        self.wall = wall
        m = _COUNTS.search(log)
        self.counts = f"{m.group(1)} analysed, {m.group(2)} from the cache" if m else "?"
        self.stages = {name: float(t) for name, t in _STAGE.findall(log)}
        peaks = re.search(r"^PEAK (.*)$", log, re.MULTILINE)
        self.peak_main, self.peak_workers, self.cpu_main, self.cpu_workers = (
            json.loads(peaks.group(1)) if peaks else (0.0, 0.0, 0.0, 0.0))

    def stages_line(self) -> str:
        views = self.stages.get("views", 0.0)
        return (", ".join(f"{k} {v:.1f} s" for k, v in self.stages.items())
                + f"; without the views {self.wall - views:.1f} s\n"
                + f"          CPU {self.cpu_main:.1f} s in the build process, {self.cpu_workers:.1f} s in its workers; "
                + f"load average {_load()} at the end (a shared machine stretches wall times)")


def _load() -> str:
    try:
        return ", ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


EXTRA: list[str] = []           # options of every build (--no-views)


def _build(corpus: Path, out: Path, *args: str) -> Built:
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", _LAUNCH.format(root=str(ROOT)),
                        "--corpus", str(corpus), "--out", str(out), *args, *EXTRA], capture_output=True, text=True)
    wall = time.perf_counter() - t
    if r.returncode:
        raise SystemExit(f"error: build failed: {(r.stdout + r.stderr).strip().splitlines()[-1]}")
    return Built(wall, r.stdout + r.stderr)


def _chars(files) -> int:
    return sum(len(p.read_bytes().decode("utf-8", "replace")) for p in files)


def _size(out: Path) -> float:
    return sum(p.stat().st_size for p in out.rglob("*") if p.is_file() and ".cache" not in p.parts) / 1e6


def _edited_gazetteer(target: Path) -> Path:
    """A --data folder whose bodies.yaml differs from the bundled one in one entry's English name."""
    from graph.data import DATA
    target.mkdir()
    text = (DATA / "bodies.yaml").read_text(encoding="utf-8")
    edited = re.sub(r"(\n\s+en: )([^\n]+)", lambda m: f"{m.group(1)}{m.group(2).rstrip()} (edited)", text, count=1)
    assert edited != text
    (target / "bodies.yaml").write_text(edited, encoding="utf-8")
    return target


def main() -> int:
    sys.path.insert(0, str(ROOT))               # this checkout's graph/, not an installed one
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--times", type=int, default=5, help="copies of the bundled corpus (default 5)")
    ap.add_argument("--corpus", type=Path, help="a corpus folder to build as it is, instead of copies")
    ap.add_argument("--no-jobs1", action="store_true", help="skip the --jobs 1 build (the longest)")
    ap.add_argument("--no-views", action="store_true", help="build without the views (build --no-views)")
    args = ap.parse_args()
    if args.no_views:
        EXTRA.append("--no-views")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        extra = scaled_corpus(ROOT / "corpus", tmp / "extra", args.times + 1)
        if args.corpus:
            corpus = tmp / "corpus"
            shutil.copytree(args.corpus, corpus)
        else:
            corpus = scaled_corpus(ROOT / "corpus", tmp / "corpus", args.times)
        inputs = (".txt", ".html", ".htm", ".pdf", ".docx", ".doc", ".md")
        files = sorted(p for p in corpus.iterdir() if p.suffix in inputs)
        chars = _chars(files)
        print(f"corpus    {len(files)} documents, {chars / 1e6:.2f} million characters", flush=True)
        builds = {}
        if not args.no_jobs1:
            one = builds[1] = _build(corpus, tmp / "out1", "--jobs", "1")
            print(f"--jobs 1  {one.wall:8.1f} s  clean build ({one.counts}); {chars / 1e6 / one.wall:.3f} M characters/s\n"
                  f"          {one.stages_line()}", flush=True)
        two = builds[2] = _build(corpus, tmp / "out2", "--jobs", "2")
        same = ("" if args.no_jobs1 else "; output " + (
            "identical" if (tmp / "out1" / ".mandate-graph-manifest.json").read_bytes()
            == (tmp / "out2" / ".mandate-graph-manifest.json").read_bytes() else "DIFFERENT") + " to --jobs 1")
        faster = "" if args.no_jobs1 else f"; {builds[1].wall / two.wall:.2f}x faster"
        print(f"--jobs 2  {two.wall:8.1f} s  clean build ({two.counts}){faster}{same}\n"
              f"          {two.stages_line()}", flush=True)
        for jobs, b in builds.items():
            if b.stages.get("analyse"):
                print(f"analysis  {chars / 1e6 / b.stages['analyse'] / jobs:8.3f} M characters/s/core with --jobs {jobs}")
        print(f"output    {_size(tmp / 'out2'):8.1f} MB (without the cache): " + ", ".join(
            f"{p.name} {p.stat().st_size / 1e6:.1f} MB" for p in sorted((tmp / "out2").glob("graph.*"))), flush=True)
        added = sorted(extra.glob(f"*-c{args.times}.*"))[:2]        # one document (and its sidecar, if any)
        stem = added[0].name.split(".")[0]
        for path in extra.glob(f"{stem}.*"):
            shutil.copyfile(path, corpus / path.name)
        inc = _build(corpus, tmp / "out2", "--jobs", "2")
        print(f"add one   {inc.wall:8.1f} s  incremental ({inc.counts}); {inc.wall / two.wall:.0%} of the clean build\n"
              f"          {inc.stages_line()}", flush=True)
        data = _edited_gazetteer(tmp / "data")
        gaz = _build(corpus, tmp / "out2", "--jobs", "2", "--data", str(data))
        print(f"gazetteer {gaz.wall:8.1f} s  one entry of bodies.yaml edited ({gaz.counts}); {gaz.wall / two.wall:.0%} "
              f"of the clean build", flush=True)
        half_dir = tmp / "half"
        half_dir.mkdir()
        half_files = files[:len(files) // 2]
        for path in half_files:
            shutil.copyfile(path, half_dir / path.name)
            sidecar = path.with_name(f"{path.stem}.meta.yaml")
            if sidecar.exists():
                shutil.copyfile(sidecar, half_dir / sidecar.name)
        half_chars = _chars(half_files)
        half = _build(half_dir, tmp / "out-half", "--jobs", "2")
        per_half, per_whole = half.wall / (half_chars / 1e6), two.wall / (chars / 1e6)
        print(f"half      {half.wall:8.1f} s  clean build of {len(half_files)} documents ({half_chars / 1e6:.2f} M characters)\n"
              f"per M     half {per_half:.2f} s, whole {per_whole:.2f} s per million characters "
              f"(whole/half {per_whole / per_half:.2f}); without the views: half "
              f"{(half.wall - half.stages.get('views', 0)) / (half_chars / 1e6):.2f} s, whole "
              f"{(two.wall - two.stages.get('views', 0)) / (chars / 1e6):.2f} s", flush=True)
        every = [*builds.values(), inc, gaz, half]
        print(f"peak      {max(b.peak_main for b in every):8.0f} MB resident (the build process), "
              f"{max(b.peak_workers for b in every):.0f} MB (the largest worker); clean --jobs 2: "
              f"{two.peak_main:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
