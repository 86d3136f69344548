"""Benchmark of the network views: the size of viz/ (assets once, pages with their data) and the
time from navigation to the first stable drawing in headless Chromium (Debian's package), for the
main views, the largest actor and document views and an even sample of the others; screenshots of
the main views go to bench/results/<name>/ (not committed).

    python bench/views.py [--out out] [--also NAME=FOLDER ...] [--sample 30]

``--scaled NAME=FOLDER:TIMES`` writes the views of FOLDER/graph.nt repeated TIMES times (bench/scale.py:
per-copy IRIs, so TIMES times the documents, actors and views) into a temporary folder and measures
them: the whole crawl's scale without its hour of build (2,000 pages x 7 = about 14,000 views).

``--also`` measures other builds, e.g. of crawl pages: the build reads .txt and .html, so copy the
crawl's .md pages renamed to .txt first (for f in crawl/*.md; do cp "$f" corpus/$(basename "$f" .md).txt; done),
build with ``python build.py --corpus corpus --out FOLDER`` and pass ``--also crawl=FOLDER``.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
MAIN = ("index", "who-assigns-what", "accountability", "dependencies")


def size(viz: Path) -> dict:
    pages = [p for p in viz.glob("*.html")]
    assets = sum(p.stat().st_size for p in (viz / "assets").iterdir())
    total = sum(p.stat().st_size for p in viz.rglob("*") if p.is_file())
    return {"views": len(pages) - 1, "total": total, "assets": assets, "pages": total - assets,
            "largest": max(pages, key=lambda p: p.stat().st_size)}


def pick(viz: Path, sample: int) -> list[Path]:
    """The main views, the largest actor and document views, and an even sample of the rest."""
    pages = sorted(p for p in viz.glob("*.html") if p.name != "index.html")
    chosen = [viz / f"{m}.html" for m in MAIN[1:] if (viz / f"{m}.html").exists()]
    for kind in ("actor-", "document-"):
        of = sorted((p for p in pages if p.name.startswith(kind)), key=lambda p: (-p.stat().st_size, p.name))
        chosen += of[:2]
    rest = [p for p in pages if p not in chosen]
    step = max(1, len(rest) // max(sample, 1))
    return chosen + rest[::step][:sample]


def time_views(pages: list[Path], shots: Path | None, repeat: int = 2) -> list[tuple[str, int, float, float]]:
    from playwright.sync_api import sync_playwright
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for path in pages:
            times, wall = [], []
            for i in range(repeat):
                page = browser.new_page(viewport={"width": 1300, "height": 850})
                t = time.perf_counter()
                try:
                    page.goto(path.as_uri(), timeout=120_000)
                    page.wait_for_selector("body[data-stable='1']", timeout=120_000)
                except Exception:                  # a view not stable in 2 minutes: say so, go on
                    rows.append((path.name, -1, float("inf"), float("inf")))
                    page.close()
                    break
                wall.append((time.perf_counter() - t) * 1000)
                times.append(int(page.evaluate("document.body.dataset.stableMs")))
                nodes = int(page.evaluate("document.body.dataset.nodes"))
                if shots and i == 0 and (path.stem in MAIN or path in pages[3:7]):
                    page.screenshot(path=str(shots / f"{path.stem[:60]}.png"))
                page.close()
            else:
                rows.append((path.name, nodes, statistics.median(times), statistics.median(wall)))
        if shots:
            page = browser.new_page(viewport={"width": 1300, "height": 850})
            page.goto((pages[0].parent / "index.html").as_uri())
            page.wait_for_selector("body[data-ready='1']")
            page.screenshot(path=str(shots / "index.png"))
            page.close()
        browser.close()
    return rows


def report(name: str, out: Path, sample: int) -> dict:
    viz = out / "viz"
    s = size(viz)
    shots = ROOT / "bench" / "results" / name
    shots.mkdir(parents=True, exist_ok=True)
    print(f"\n== {name}: {out}")
    print(f"viz/: {s['total'] / 1e6:.1f} MB for {s['views']} views (assets {s['assets'] / 1e6:.2f} MB once, "
          f"pages {s['pages'] / 1e6:.1f} MB, {s['pages'] / max(s['views'], 1) / 1e3:.1f} kB a view; "
          f"largest {s['largest'].name} {s['largest'].stat().st_size / 1e6:.2f} MB)", flush=True)
    rows = time_views(pick(viz, sample), shots)
    print("time to first stable drawing, headless Chromium, median of 2 (ms since navigation; wall ms incl. load)")
    print(f"{'view':62} {'nodes':>6} {'stable ms':>10} {'wall ms':>8}")
    for view, nodes, ms, wall in rows:
        print(f"{view[:62]:62} {nodes:6} {ms:10.0f} {wall:8.0f}")
    worst = max(rows, key=lambda r: r[2])
    print(f"slowest: {worst[0]} {worst[2]:.0f} ms; median {statistics.median(r[2] for r in rows):.0f} ms "
          f"over {len(rows)} views; screenshots in {shots.relative_to(ROOT)}/")
    return {"name": name, "views": s["views"], "bytes": s["total"], "slowest_ms": worst[2]}


def scaled(nt: Path, times: int, out: Path) -> float:
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    from rdflib import Graph
    from scale import scaled_ntriples
    from graph.ontology import load_ontology
    from viz.views import write_views
    g = Graph().parse(data=scaled_ntriples(nt.read_text(encoding="utf-8"), times), format="nt")
    t = time.perf_counter()
    write_views(g, out / "viz", ontology=load_ontology())
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "out")
    ap.add_argument("--also", action="append", default=[], metavar="NAME=FOLDER")
    ap.add_argument("--scaled", action="append", default=[], metavar="NAME=FOLDER:TIMES")
    ap.add_argument("--sample", type=int, default=30)
    ap.add_argument("--keep", help="write --scaled views under this folder instead of a temporary one")
    args = ap.parse_args()
    builds = [("sample", args.out)] + [tuple(a.split("=", 1)) for a in args.also]
    summary = []
    for name, folder in builds:
        folder = Path(folder)
        if not (folder / "viz" / "index.html").exists():
            print(f"error: {folder}/viz: no views; run `python build.py --out {folder}` first", file=sys.stderr)
            return 1
        summary.append(report(name, folder, args.sample))
    for spec in args.scaled:
        name, rest = spec.split("=", 1)
        folder, times = rest.rsplit(":", 1)
        with tempfile.TemporaryDirectory() as tmp:
            keep = Path(args.keep) / name if args.keep else Path(tmp) / "out"
            seconds = scaled(Path(folder) / "graph.nt", int(times), keep)
            print(f"\n{name}: views of {folder}/graph.nt x{times} written in {seconds:.0f} s", flush=True)
            summary.append(report(name, keep, args.sample))
    print("\n" + json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
