"""Benchmark of the network views: time from navigation to the first stable drawing in headless
Chromium (Debian's package) for every sample view and for generated views of about 2,000 nodes
and of an aggregated graph past the drawing limit; and the build-side layout time.

    python bench/views.py [--out out]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def time_views(pages: list[Path], repeat: int = 3) -> list[tuple[str, int, float, float]]:
    from playwright.sync_api import sync_playwright
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for path in pages:
            times, wall = [], []
            for _ in range(repeat):
                page = browser.new_page(viewport={"width": 1300, "height": 850})
                t = time.perf_counter()
                page.goto(path.as_uri())
                page.wait_for_selector("body[data-stable='1']", timeout=120_000)
                wall.append((time.perf_counter() - t) * 1000)
                times.append(int(page.evaluate("document.body.dataset.stableMs")))
                nodes = int(page.evaluate("document.body.dataset.nodes"))
                page.close()
            rows.append((path.name, nodes, statistics.median(times), statistics.median(wall)))
        browser.close()
    return rows


def generated(times: int, folder: Path) -> tuple[Path, float]:
    """Views of the built graph repeated ``times`` times (see bench/scale.py)."""
    from rdflib import Graph
    from scale import scaled_ntriples
    from graph.ontology import load_ontology
    from viz.views import write_views
    g = Graph().parse(data=scaled_ntriples((ROOT / "out" / "graph.nt").read_text(encoding="utf-8"), times), format="nt")
    t = time.perf_counter()
    write_views(g, folder, ontology=load_ontology())
    return folder, time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "out")
    args = ap.parse_args()
    viz = args.out / "viz"
    if not (viz / "index.html").exists():
        print(f"error: {viz}: no views; run `python build.py` first", file=sys.stderr)
        return 1
    print("time to first stable drawing, headless Chromium, median of 3 (ms since navigation; wall ms incl. load)")
    print(f"{'view':58} {'nodes':>6} {'stable ms':>10} {'wall ms':>8}")
    for name, nodes, ms, wall in time_views(sorted(p for p in viz.glob("*.html") if p.name != "index.html")):
        print(f"{name:58} {nodes:6} {ms:10.0f} {wall:8.0f}")
    with tempfile.TemporaryDirectory() as tmp:
        for times in (6, 10):
            folder, build_s = generated(times, Path(tmp) / f"x{times}")
            pages = [folder / "who-assigns-what.html", folder / "accountability.html"]
            print(f"\ngenerated {times}x graph: views written (incl. networkx layout) in {build_s:.1f} s")
            for name, nodes, ms, wall in time_views(pages):
                print(f"{name:58} {nodes:6} {ms:10.0f} {wall:8.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
