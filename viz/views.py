"""The network views under out/viz/: index.html and one page per view, all offline."""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from .model import View, all_views
from .page import render, render_index


def write_views(g: Graph, folder: Path, *, ontology: Graph) -> int:
    """Write every view and the landing page; returns the number of views."""
    folder.mkdir(parents=True, exist_ok=True)
    views = all_views(g, ontology)
    entries = [_entry(v) for v in views]
    for v in views:
        (folder / f"{v.slug}.html").write_text(render(v, views_index=entries), encoding="utf-8")
    (folder / "index.html").write_text(render_index(entries, _search(views)), encoding="utf-8")
    return len(views)


def _entry(v: View) -> dict:
    title = v.title_vi if v.title_en == v.title_vi else f"{v.title_vi} · {v.title_en}"
    return {"file": f"{v.slug}.html", "kind": v.kind, "title": title, "nodes": len(v.nodes), "edges": len(v.edges)}


def _search(views: list[View]) -> list[dict]:
    """Actors, documents and tasks, each pointing at the view that shows it best."""
    items = []
    for v in views:
        if v.kind not in ("actor", "document"):
            continue
        subject = next(n for n in v.nodes if n.iri == v.subject)
        items.append({"text": subject.vi + (f" · {subject.en}" if subject.en and subject.en != subject.vi else ""),
                      "kind": v.kind, "file": f"{v.slug}.html", "iri": v.subject})
        if v.kind == "document":
            items += [{"text": n.vi, "kind": "task", "file": f"{v.slug}.html", "iri": n.iri}
                      for n in v.nodes if n.cls == "Mandate"]
    return sorted(items, key=lambda i: (i["kind"], i["text"], i["iri"]))
