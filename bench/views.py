"""Benchmark of the network views: the size of viz/ (assets once, pages with their data) and the
time from navigation to the first stable drawing in headless Chromium (Debian's package), for the
main views, the views with the most nodes, the most tasks and the most bytes, and an even sample of
the others; screenshots of the main and largest views go to a folder outside the repository.

    python bench/views.py [--out out] [--also NAME=FOLDER ...] [--sample 30] [--shots DIR]

Two times per view, the median of ``--repeat`` loads: "stable ms", wall time from navigation to
the first drawing that is final (what a reader waits for), and "cpu ms", the time the page's main
thread ran until then (the thread time of its tasks that began before that drawing, from Chrome's
trace): on a machine shared with other work, wall time counts the waits for a core, the CPU time
does not. (Chrome's cumulative TaskDuration, read once the page is stable, also counted the rows
file a view of many tasks starts reading at that moment: 12 MB of script, some 400 ms after the
drawing.) The load average is printed beside them.
"table ms" is the wall time until the table lists its rows (a view of many tasks loads them from
its SLUG.rows.js after the first drawing).

``--also`` measures other builds, e.g. of crawl pages (the build reads .md pages as they are):
``python build.py --corpus crawl --out FOLDER`` then ``--also crawl=FOLDER``.

``--views NAME=FOLDER`` writes the views of an existing build (FOLDER/graph.nt) again with the
current code, into ``--keep``/NAME or a temporary folder, and measures them: a change to the views
measured on a large corpus without its build. ``--scaled NAME=FOLDER:TIMES`` does the same with the
graph repeated TIMES times (bench/scale.py: per-copy IRIs, so TIMES times the documents, actors
and views).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
MAIN = ("who-assigns-what", "accountability", "dependencies")
TARGET_MS = 1000
DATA = re.compile(r'<script id="data" type="application/json">(.*?)</script>', re.S)


def size(viz: Path) -> dict:
    pages = list(viz.glob("*.html"))
    assets = sum(p.stat().st_size for p in (viz / "assets").iterdir())
    total = sum(p.stat().st_size for p in viz.rglob("*") if p.is_file())
    return {"views": len(pages) - 1, "total": total, "assets": assets, "pages": total - assets,
            "largest": max(pages, key=lambda p: p.stat().st_size)}


def index_entries(viz: Path) -> list[dict]:
    """The index page's list of views: file, kind, nodes, edges, tasks."""
    return json.loads(DATA.search((viz / "index.html").read_text(encoding="utf-8")).group(1))["views"]


def pick(viz: Path, sample: int) -> tuple[list[Path], set[Path]]:
    """The main views, the 3 with most nodes, most tasks, the 2 largest actor and document pages,
    then an even sample of the rest; and the ones worth a screenshot."""
    entries = index_entries(viz)
    chosen = [viz / f"{m}.html" for m in MAIN if (viz / f"{m}.html").exists()]
    for key in ("nodes", "tasks"):
        chosen += [viz / e["file"] for e in sorted(entries, key=lambda e: (-e[key], e["file"]))[:3]]
    pages = sorted(viz / e["file"] for e in entries)
    for kind in ("actor-", "document-"):
        chosen += sorted((p for p in pages if p.name.startswith(kind)), key=lambda p: (-p.stat().st_size, p.name))[:2]
    chosen = list(dict.fromkeys(chosen))
    shots = set(chosen)
    rest = [p for p in pages if p not in shots]
    step = max(1, len(rest) // max(sample, 1))
    return chosen + rest[::step][:sample], shots


class MainThreadTrace:
    """Chrome's trace of a page's load: the thread time of the main thread's tasks of the page's
    document that began before a given time since its navigation."""

    def __init__(self, page):
        self.cdp = page.context.new_cdp_session(page)
        self.events, self.done = [], []
        self.cdp.on("Tracing.dataCollected", lambda p: self.events.extend(p["value"]))
        self.cdp.on("Tracing.tracingComplete", lambda p: self.done.append(1))
        self.cdp.send("Tracing.start", {"categories": "toplevel,devtools.timeline,blink.user_timing,disabled-by-default-devtools.timeline",
                                         "transferMode": "ReportEvents"})

    def cpu_ms_until(self, page, name: str, ms: float) -> float:
        self.cdp.send("Tracing.end")
        while not self.done:
            page.wait_for_timeout(20)
        main = {(e["pid"], e["tid"]) for e in self.events
                if e.get("name") == "thread_name" and e["args"].get("name") == "CrRendererMain"}
        nav = next(e for e in self.events if e.get("name") == "navigationStart" and (e["pid"], e["tid"]) in main
                   and e.get("args", {}).get("data", {}).get("documentLoaderURL", "").endswith("/" + name))
        until = nav["ts"] + ms * 1000
        return sum(e.get("tdur", 0) for e in self.events if e.get("name") == "RunTask" and e.get("ph") == "X"
                   and (e["pid"], e["tid"]) == (nav["pid"], nav["tid"]) and nav["ts"] <= e["ts"] <= until) / 1000


def time_views(pages: list[Path], shots: Path | None, worth: set[Path], repeat: int) -> list[dict]:
    from playwright.sync_api import sync_playwright
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for path in pages:
            stable, cpu, table = [], [], []
            for i in range(repeat):
                page = browser.new_page(viewport={"width": 1300, "height": 850})
                trace = MainThreadTrace(page)
                try:
                    page.goto(path.as_uri(), timeout=120_000)
                    page.wait_for_selector("body[data-stable='1']", timeout=120_000)
                except Exception as e:             # a view not stable in 2 minutes: say so, go on
                    print(f"{path.name}: not stable: {str(e).splitlines()[0]}", flush=True)
                    page.close()
                    break
                stable.append(int(page.evaluate("document.body.dataset.stableMs")))
                page.wait_for_selector("body[data-rows='1']", timeout=120_000)
                cpu.append(trace.cpu_ms_until(page, path.name, stable[-1]))
                table.append(int(page.evaluate("document.body.dataset.rowsMs")))
                nodes = int(page.evaluate("document.body.dataset.nodes"))
                if shots and i == 0 and path in worth:
                    page.screenshot(path=str(shots / f"{path.stem[:60]}.png"))
                page.close()
            if len(stable) < repeat:
                rows.append({"view": path.name, "nodes": -1, "stable": float("inf"), "cpu": float("inf"),
                             "table": float("inf"), "bytes": path.stat().st_size})
            else:
                rows.append({"view": path.name, "nodes": nodes, "stable": statistics.median(stable),
                             "cpu": statistics.median(cpu), "table": statistics.median(table),
                             "bytes": path.stat().st_size})
        if shots:
            page = browser.new_page(viewport={"width": 1300, "height": 850})
            page.goto((pages[0].parent / "index.html").as_uri())
            page.wait_for_selector("body[data-ready='1']")
            page.screenshot(path=str(shots / "index.png"))
            page.close()
        browser.close()
    return rows


def report(name: str, out: Path, sample: int, shots_root: Path, repeat: int) -> dict:
    viz = out / "viz"
    s = size(viz)
    shots = shots_root / name
    shots.mkdir(parents=True, exist_ok=True)
    print(f"\n== {name}: {out}")
    print(f"viz/: {s['total'] / 1e6:.1f} MB for {s['views']} views (assets {s['assets'] / 1e6:.2f} MB once, "
          f"pages {s['pages'] / 1e6:.1f} MB, {s['pages'] / max(s['views'], 1) / 1e3:.1f} kB a view; "
          f"largest {s['largest'].name} {s['largest'].stat().st_size / 1e6:.2f} MB)", flush=True)
    pages, worth = pick(viz, sample)
    load = os.getloadavg()[0]
    rows = time_views(pages, shots, worth, repeat)
    print(f"time to first stable drawing, headless Chromium, median of {repeat} (stable: wall ms since navigation; "
          f"cpu: main-thread ms of the tasks begun until then); load average {load:.1f} before, {os.getloadavg()[0]:.1f} after, "
          f"on {os.cpu_count()} cores")
    print(f"{'view':62} {'nodes':>6} {'kB':>6} {'stable ms':>10} {'cpu ms':>7} {'table ms':>9}")
    for r in rows:
        print(f"{r['view'][:62]:62} {r['nodes']:6} {r['bytes'] / 1e3:6.0f} {r['stable']:10.0f} {r['cpu']:7.0f} {r['table']:9.0f}")
    worst = max(rows, key=lambda r: r["stable"])
    worst_cpu = max(rows, key=lambda r: r["cpu"])
    over = sum(r["stable"] > TARGET_MS for r in rows)
    print(f"slowest: {worst['view']} {worst['stable']:.0f} ms (cpu {worst['cpu']:.0f} ms); most cpu: {worst_cpu['view']} "
          f"{worst_cpu['cpu']:.0f} ms; median {statistics.median(r['stable'] for r in rows):.0f} ms "
          f"(cpu {statistics.median(r['cpu'] for r in rows):.0f} ms) over {len(rows)} views; "
          f"{over} over {TARGET_MS} ms; screenshots in {shots}/")
    return {"name": name, "views": s["views"], "bytes": s["total"], "slowest_ms": worst["stable"],
            "most_cpu_ms": worst_cpu["cpu"], "over_target": over, "timed": len(rows)}


def rewrite_views(nt: Path, times: int, out: Path) -> tuple[float, float]:
    """The views of this graph (repeated ``times`` times) written with the current code, read from
    an on-disk store as the build reads them (graph/publish/stored.py): seconds and the peak
    memory (GB) of the views stage alone, in a child process so that the figure is its own."""
    if (out / "viz" / "index.html").exists():      # views of an earlier run: none left over
        shutil.rmtree(out / "viz")
    out.mkdir(parents=True, exist_ok=True)
    code = (
        "import resource, sys, tempfile, time\n"
        "from pathlib import Path\n"
        "import pyoxigraph as ox\n"
        "from scale import scaled_ntriples\n"
        "from graph.ontology import load_ontology\n"
        "from graph.publish.stored import StoredGraph\n"
        "from viz.views import write_views\n"
        "nt, times, out = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])\n"
        "with tempfile.TemporaryDirectory(dir=out) as tmp:\n"
        "    store = ox.Store(tmp)\n"
        "    into = ox.NamedNode('urn:x-mandate-graph:bench')   # a named graph, as the build's store holds them\n"
        "    if times > 1:\n"
        "        store.bulk_load(scaled_ntriples(nt.read_text(encoding='utf-8'), times).encode('utf-8'),\n"
        "                        ox.RdfFormat.N_TRIPLES, to_graph=into)\n"
        "    else:\n"
        "        store.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES, to_graph=into)\n"
        "    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "    t = time.perf_counter()\n"
        "    write_views(StoredGraph(store), out / 'viz', ontology=load_ontology())\n"
        "    print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6)\n"
        "    del store\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "bench")])}
    done = subprocess.run([sys.executable, "-c", code, str(nt), str(times), str(out)], env=env,
                          capture_output=True, text=True, check=True)
    seconds, peak = done.stdout.split()[-2:]
    return float(seconds), float(peak)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "out")
    ap.add_argument("--also", action="append", default=[], metavar="NAME=FOLDER")
    ap.add_argument("--views", action="append", default=[], metavar="NAME=FOLDER")
    ap.add_argument("--scaled", action="append", default=[], metavar="NAME=FOLDER:TIMES")
    ap.add_argument("--sample", type=int, default=30)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--shots", type=Path, default=Path(tempfile.gettempdir()) / "mandate-graph-view-shots",
                    help="folder for the screenshots, one subfolder per build (default: %(default)s)")
    ap.add_argument("--keep", help="write --views and --scaled views under this folder instead of a temporary one")
    args = ap.parse_args()
    if args.shots.resolve().is_relative_to(ROOT):
        print(f"error: --shots {args.shots}: inside the repository; screenshots are not committed", file=sys.stderr)
        return 1
    builds = [("sample", args.out)] + [tuple(a.split("=", 1)) for a in args.also]
    summary = []
    for name, folder in builds:
        folder = Path(folder)
        if not (folder / "viz" / "index.html").exists():
            print(f"error: {folder}/viz: no views; run `python build.py --out {folder}` first", file=sys.stderr)
            return 1
        summary.append(report(name, folder, args.sample, args.shots, args.repeat))
    again = [(spec.split("=", 1)[0], spec.split("=", 1)[1], 1) for spec in args.views]
    for spec in args.scaled:
        name, rest = spec.split("=", 1)
        folder, times = rest.rsplit(":", 1)
        again.append((name, folder, int(times)))
    for name, folder, times in again:
        if not (Path(folder) / "graph.nt").exists():
            print(f"error: {folder}/graph.nt: no graph; build it first", file=sys.stderr)
            return 1
        with tempfile.TemporaryDirectory() as tmp:
            keep = Path(args.keep) / name if args.keep else Path(tmp) / "out"
            seconds, peak = rewrite_views(Path(folder) / "graph.nt", times, keep)
            print(f"\n{name}: views of {folder}/graph.nt{f' x{times}' if times > 1 else ''} written in {seconds:.0f} s, "
                  f"peak memory {peak:.2f} GB (the views stage, reading the graph from its store as the build does)", flush=True)
            summary.append(report(name, keep, args.sample, args.shots, args.repeat))
    print("\n" + json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
