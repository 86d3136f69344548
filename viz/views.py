"""The views under out/viz/: for now the landing page with the who-assigns-whom network."""
from __future__ import annotations

import html
import json
from pathlib import Path

import pyvis
from rdflib import RDF, RDFS, Graph
from rdflib.namespace import SKOS

from graph.vocab import MG

VIS_JS = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js"


def _label(g: Graph, node) -> str:
    for pred in (SKOS.prefLabel, RDFS.label):
        for o in sorted(g.objects(node, pred)):
            return str(o)
    return str(node).rsplit("/", 1)[-1]


def write_views(g: Graph, folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    edges: dict[tuple[str, str], int] = {}
    nodes = {}
    for m in sorted(g.subjects(RDF.type, MG.Mandate)):
        assigner = g.value(m, MG.assigner)
        for a in sorted(g.objects(m, MG.assignee)):
            if assigner is None:
                continue
            key = (str(assigner), str(a))
            edges[key] = edges.get(key, 0) + 1
            nodes[str(assigner)] = _label(g, assigner)
            nodes[str(a)] = _label(g, a)
    ids = {iri: n for n, iri in enumerate(sorted(nodes))}
    data = {"nodes": [{"id": ids[i], "label": nodes[i], "title": i} for i in sorted(nodes)],
            "edges": [{"from": ids[a], "to": ids[b], "value": n, "title": f"{n} mandate(s)", "arrows": "to"}
                      for (a, b), n in sorted(edges.items())]}
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    counts = {name: len(set(g.subjects(RDF.type, MG[name]))) for name in ("Mandate", "Target", "Document", "Project", "Person")}
    summary = "".join(f"<li>{html.escape(k)}: {v}</li>" for k, v in counts.items())
    page = f"""<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>mandate-graph views</title>
<script>{VIS_JS.read_text(encoding="utf-8")}</script>
<style>body{{font-family:sans-serif;margin:1em}}#net{{height:80vh;border:1px solid #ccc}}</style></head>
<body><h1>Who assigns what to whom</h1><ul>{summary}</ul><div id="net"></div>
<script id="data" type="application/json">{payload}</script>
<script>
const data = JSON.parse(document.getElementById('data').textContent);
new vis.Network(document.getElementById('net'),
  {{nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges)}},
  {{physics: {{stabilization: {{iterations: 200}}}}, nodes: {{shape: 'dot', size: 12}}}});
document.body.dataset.nodes = data.nodes.length;
</script></body></html>
"""
    (folder / "index.html").write_text(page, encoding="utf-8")
    return 1
