"""Generated corpora and graphs N times the sample, for the benchmarks.

A scaled graph repeats the built graph N times; each copy gets its own documents, mandates,
targets, evidence and post holdings (IRIs suffixed -c1, -c2, ...) while bodies, persons, posts
and projects stay shared, as they would in a larger corpus about the same institutions.
A scaled corpus repeats the sample texts N times under new file names, each copy a document of its own.

    python bench/scale.py [--times 5] [--corpus DIR]

As a script it builds such a corpus (or ``--corpus DIR`` as it is, e.g. the unpacked crawl) and
prints: the wall time of a clean build with ``--jobs 1`` and ``--jobs 2`` (and whether their
outputs are the same bytes), peak memory, output size, and the time of an incremental rebuild
after adding one document and after editing one gazetteer entry (which re-analyses everything).
Each build is a fresh ``python build.py`` process, as a user runs it.
"""
from __future__ import annotations

import argparse
import re
import resource
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


def _build(corpus: Path, out: Path, *args: str) -> tuple[float, str]:
    t = time.perf_counter()
    r = subprocess.run([sys.executable, str(ROOT / "build.py"), "--corpus", str(corpus), "--out", str(out), *args],
                       capture_output=True, text=True)
    wall = time.perf_counter() - t
    if r.returncode:
        raise SystemExit(f"error: build failed: {(r.stdout + r.stderr).strip().splitlines()[-1]}")
    m = _COUNTS.search(r.stderr)
    return wall, f"{m.group(1)} analysed, {m.group(2)} from the cache" if m else "?"


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
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        extra = scaled_corpus(ROOT / "corpus", tmp / "extra", args.times + 1)
        if args.corpus:
            corpus = tmp / "corpus"
            shutil.copytree(args.corpus, corpus)
        else:
            corpus = scaled_corpus(ROOT / "corpus", tmp / "corpus", args.times)
        files = [p for p in corpus.iterdir() if p.suffix in (".txt", ".html", ".htm", ".pdf", ".docx", ".doc")]
        chars = sum(len(p.read_bytes().decode("utf-8", "replace")) for p in files)
        print(f"corpus    {len(files)} documents, {chars / 1e6:.2f} million characters")
        one, counts = _build(corpus, tmp / "out1", "--jobs", "1")
        print(f"--jobs 1  {one:8.1f} s  clean build ({counts}); {chars / 1e6 / one:.2f} M characters/s")
        two, counts = _build(corpus, tmp / "out2", "--jobs", "2")
        same = ((tmp / "out1" / ".mandate-graph-manifest.json").read_bytes()
                == (tmp / "out2" / ".mandate-graph-manifest.json").read_bytes())
        print(f"--jobs 2  {two:8.1f} s  clean build ({counts}); {one / two:.2f}x faster; "
              f"output {'identical' if same else 'DIFFERENT'} to --jobs 1")
        print(f"output    {_size(tmp / 'out2'):8.1f} MB (without the cache)")
        added = sorted(extra.glob(f"*-c{args.times}.*"))[:2]        # one document (and its sidecar, if any)
        stem = added[0].name.split(".")[0]
        for path in extra.glob(f"{stem}.*"):
            shutil.copyfile(path, corpus / path.name)
        inc, counts = _build(corpus, tmp / "out2", "--jobs", "2")
        print(f"add one   {inc:8.1f} s  incremental ({counts}); {inc / two:.0%} of the clean build")
        data = _edited_gazetteer(tmp / "data")
        gaz, counts = _build(corpus, tmp / "out2", "--jobs", "2", "--data", str(data))
        print(f"gazetteer {gaz:8.1f} s  one entry of bodies.yaml edited ({counts}); {gaz / two:.0%} of the clean build")
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak      {peak:8.0f} MB resident (the largest build process)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
