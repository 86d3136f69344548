"""A view as a self-contained HTML page: vis-network, our script and styles inlined, the data as
JSON in a non-executable script tag. Text reaches the page only as JSON and is put in the DOM by
textContent, so a quote containing <script> shows as text and never runs."""
from __future__ import annotations

import html
import json
from pathlib import Path

import networkx as nx
import pyvis

from .model import STYLES, View

ASSETS = Path(__file__).parent / "assets"
VIS_JS = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js"


def _json(data) -> str:
    """JSON safe inside <script>: no '</' can close the tag, no '<!--' can open a comment."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def layout(view: View) -> dict[str, tuple[float, float]] | None:
    """networkx positions for views too big for live physics; seeded, so builds are identical."""
    if len(view.nodes) <= STYLES["scale"]["physics_max_nodes"]:
        return None
    G = nx.Graph()
    G.add_nodes_from(n.iri for n in view.nodes)
    G.add_edges_from((e.source, e.target) for e in view.edges)
    iterations = 50 if len(view.nodes) <= 1000 else 30
    pos = nx.spring_layout(G, seed=7, iterations=iterations, k=2.0 / max(len(view.nodes), 1) ** 0.5)
    scale = 90 * len(view.nodes) ** 0.5
    return {k: (round(float(x) * scale, 1), round(float(y) * scale, 1)) for k, (x, y) in pos.items()}


def view_data(view: View) -> dict:
    pos = layout(view)
    ids = {n.iri: i for i, n in enumerate(view.nodes)}
    node_styles, edge_styles = STYLES["nodes"], STYLES["edges"]
    nodes = []
    for i, n in enumerate(view.nodes):
        st = node_styles[n.cls]
        item = {"id": i, "label": n.label, "cls": n.cls, "vi": n.vi, "en": n.en, "iri": n.iri,
                "details": [list(d) for d in n.details], "evidence": list(n.evidence), "evidenceCount": n.evidence_count,
                "shape": st["shape"], "size": st["size"], "color": st["color"]}
        for k, v in n.style:
            item[k] = v
        if pos:
            item["x"], item["y"] = pos[n.iri]
        nodes.append(item)
    edges = []
    for j, e in enumerate(view.edges):
        st = edge_styles[e.kind]
        edges.append({"id": j, "from": ids[e.source], "to": ids[e.target], "kind": e.kind, "value": e.weight,
                      "color": st["color"], "dashes": st["dashes"], "evidence": list(e.evidence)})
    return {"slug": view.slug, "kind": view.kind, "title": {"vi": view.title_vi, "en": view.title_en},
            "physics": pos is None, "aggregated": view.aggregated, "note": view.note,
            "nodes": nodes, "edges": edges}


def legend(view: View) -> dict:
    classes = sorted({n.cls for n in view.nodes}, key=list(STYLES["nodes"]).index)
    kinds = sorted({e.kind for e in view.edges}, key=list(STYLES["edges"]).index)
    out = {"nodes": [{"cls": c, **STYLES["nodes"][c]} for c in classes],
           "edges": [{"kind": k, **STYLES["edges"][k]} for k in kinds]}
    if view.kind == "accountability":
        out["facets"] = STYLES["facets"]
    return out


def render(view: View, *, views_index: list[dict]) -> str:
    data = view_data(view)
    data["legend"] = legend(view)
    data["views"] = views_index
    title = f"{view.title_vi} · {view.title_en}" if view.title_en != view.title_vi else view.title_vi
    return _page(title, "view", data, body=(ASSETS / "view.html").read_text(encoding="utf-8"))


def render_index(entries: list[dict], search: list[dict]) -> str:
    return _page("mandate-graph: các sơ đồ · network views", "index", {"views": entries, "search": search},
                 body=(ASSETS / "index.html").read_text(encoding="utf-8"))


def _page(title: str, script: str, data: dict, *, body: str) -> str:
    vis = VIS_JS.read_text(encoding="utf-8") if script == "view" else ""
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>{(ASSETS / "view.css").read_text(encoding="utf-8")}</style>
<script>{vis}</script>
</head><body>
{body}
<script id="data" type="application/json">{_json(data)}</script>
<script>{(ASSETS / "common.js").read_text(encoding="utf-8")}
{(ASSETS / f"{script}.js").read_text(encoding="utf-8")}</script>
</body></html>
"""
