"""The network views under out/viz/: index.html, one small page per view, and assets/ with the one
copy of vis-network (from the installed pyvis package), our scripts and our style. Everything opens
from disk, offline."""
from __future__ import annotations

from pathlib import Path

import pyvis
from rdflib import Graph

from .model import View, all_views
from .page import ASSETS, render, render_index, strings_js

VIS_JS = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js"
OURS = ("common.js", "layout.js", "table.js", "view.js", "index.js", "view.css")


def write_views(g: Graph, folder: Path, *, ontology: Graph) -> int:
    """Write the shared assets, every view and the landing page; returns the number of views."""
    folder.mkdir(parents=True, exist_ok=True)
    write_assets(folder / "assets")
    entries = []
    for v in all_views(g, ontology):            # each view written as it is made, then let go
        for name, text in render(v).items():
            (folder / name).write_text(text, encoding="utf-8")
        entries.append(_entry(v))
    (folder / "index.html").write_text(render_index(entries), encoding="utf-8")
    return len(entries)


def write_assets(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vis-network.min.js").write_bytes(VIS_JS.read_bytes())
    for name in OURS:
        (folder / name).write_bytes((ASSETS / name).read_bytes())
    (folder / "strings.js").write_text(strings_js(), encoding="utf-8")


def _entry(v: View) -> dict:
    """A line of the index: the view's file, kind, names and counts."""
    return {"file": f"{v.slug}.html", "kind": v.kind, "vi": v.title_vi, "en": v.title_en if v.title_en != v.title_vi else "",
            "nodes": len(v.nodes), "edges": len(v.edges), "tasks": len(v.rows), "folded": v.aggregated}
