"""A view as a small page: the data as JSON in a non-executable script tag, and links to the one
copy of vis-network, our script and our style in assets/ beside it. Text reaches the page only as
JSON and is put in the DOM by textContent, so a quote containing <script> shows as text and never
runs. No positions are computed here: layout.py gives each node a column and a rank, and the page
stacks the columns from the label boxes it measures before the first drawing (assets/layout.js)."""
from __future__ import annotations

import html
import json
from pathlib import Path

from .layout import columns, main_labels, wrap
from .reader import View
from .styles import STYLES, WORDS

ASSETS = Path(__file__).parent / "assets"
SCRIPTS = ("vis-network.min.js", "strings.js", "common.js", "layout.js", "table.js", "view.js")
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "connect-src 'none'; form-action 'none'; base-uri 'none'")


def _json(data) -> str:
    """JSON safe inside <script>: no '</' can close the tag, no '<!--' can open a comment."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _label(view: View, n, shown: set | None) -> str:
    if shown is not None and n.iri not in shown:
        return ""
    if "#facets-" in n.iri:                        # an accountability bucket: "3/6 · 12"
        return n.label
    if n.cls in ("Mandate", "Target"):
        st = STYLES["labels"]["task"]
        met = dict(n.details).get("facets met") if view.kind == "accountability" else None
        return (f"{met or 0}/6 · " if view.kind == "accountability" else "") + wrap(n.vi, st["width"], st["lines"])
    st = STYLES["labels"]["actor"]
    return wrap(n.vi, st["width"], st["lines"])


def view_data(view: View) -> dict:
    ids = {n.iri: i for i, n in enumerate(view.nodes)}
    place = columns(view)
    keep = STYLES["labels"]["main_actors"]
    shown = main_labels(view, keep) if view.aggregated and len(view.nodes) > keep else None
    nodes = []
    for i, n in enumerate(view.nodes):
        item = {"id": i, "label": _label(view, n, shown), "cls": n.cls, "vi": n.vi, "en": n.en, "iri": n.iri,
                "details": [list(d) for d in n.details if d[0] != "IRI"], "evidence": list(n.evidence),
                "evidenceCount": n.evidence_count, "col": place[n.iri][0], "rank": place[n.iri][1]}
        for k, v in n.style:
            item[k] = v
        nodes.append(item)
    mandate_evidence = {n.iri: ids[n.iri] for n in view.nodes if n.cls == "Mandate" and n.evidence}
    edges = []
    for j, e in enumerate(view.edges):
        item = {"id": j, "from": ids[e.source], "to": ids[e.target], "kind": e.kind, "value": e.weight}
        owner = next((mandate_evidence[k] for k in (e.source, e.target)
                      if k in mandate_evidence and view.nodes[ids[k]].evidence == e.evidence), None)
        if owner is not None:
            item["evidenceNode"] = owner           # the task's quotes, shown from its node
        elif e.evidence:
            item["evidence"] = list(e.evidence)
        edges.append(item)
    rows = []
    for r in view.rows:
        row = {k: v for k, v in r.items() if k not in ("actors", "start", "iri")}
        row["ends"] = [ids[a] for a in r["actors"] if a in ids]
        if r["iri"] in ids:
            row["node"] = ids[r["iri"]]
            if view.nodes[ids[r["iri"]]].evidence:
                del row["quote"]                   # the page reads it from the node's first quote
        rows.append(row)
    return {"slug": view.slug, "kind": view.kind, "title": {"vi": view.title_vi, "en": view.title_en},
            "aggregated": view.aggregated, "note": view.note, "nodes": nodes, "edges": edges, "rows": rows}


def legend(view: View) -> dict:
    classes = sorted({n.cls for n in view.nodes}, key=list(STYLES["nodes"]).index)
    kinds = sorted({e.kind for e in view.edges}, key=list(STYLES["edges"]).index)
    out = {"nodes": [{"cls": c, **STYLES["nodes"][c]} for c in classes],
           "edges": [{"kind": k, **STYLES["edges"][k]} for k in kinds]}
    if view.kind == "accountability":
        out["facets"] = STYLES["facets"]
        out["facetText"] = STYLES["facet_text"]
    return out


def render(view: View) -> dict[str, str]:
    """The view's files by name: its page and, when it lists more tasks than the scale's
    ``rows_inline_at_most``, its table's rows as a script of their own that the page loads after
    its first drawing (a page's 10 MB of rows delayed the drawing past a second)."""
    data = view_data(view)
    data["legend"] = legend(view)
    files = {}
    if len(data["rows"]) > STYLES["scale"]["rows_inline_at_most"]:
        data["rowsFile"] = f"{view.slug}.rows.js"
        files[data["rowsFile"]] = f'"use strict";\nviewRows({_json(data["rows"])});\n'
        data["rows"] = []
    title = f"{view.title_vi} · {view.title_en}" if view.title_en != view.title_vi else view.title_vi
    page_html = page(title, SCRIPTS, data, body=(ASSETS / "view.html").read_text(encoding="utf-8"))
    return {f"{view.slug}.html": page_html, **files}


def render_index(entries: list[dict]) -> str:
    return page(WORDS["index_title"], ("strings.js", "common.js", "index.js"),
                {"views": entries, "pageSize": STYLES["scale"]["index_page"]},
                body=(ASSETS / "index.html").read_text(encoding="utf-8"))


def strings_js() -> str:
    """The pages' words from styles.yaml, as a script of their own (the CSP runs no inline script)."""
    ui = {**STYLES["ui"], "roles": {k: f"{v['vi']} · {v['en']}" for k, v in STYLES["edges"].items()}}
    return "// generated from viz/styles.yaml (ui): do not edit\n\"use strict\";\nconst UI = " + _json(ui) + ";\n"


def page(title: str, scripts: tuple, data: dict, *, body: str) -> str:
    tags = "\n".join(f'<script src="assets/{s}"></script>' for s in scripts)
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<link rel="stylesheet" href="assets/view.css">
</head><body>
{body}
<script id="data" type="application/json">{_json(data)}</script>
{tags}
</body></html>
"""
