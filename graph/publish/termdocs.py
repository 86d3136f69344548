"""Documentation for modellers, generated from the ontology: a page per class and property."""
from __future__ import annotations

import html
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from graph.vocab import MG

_KINDS = ((OWL.Class, "Classes"), (OWL.ObjectProperty, "Object properties"),
          (OWL.DatatypeProperty, "Datatype properties"), (OWL.AnnotationProperty, "Annotation properties"))


def terms(onto: Graph) -> list[tuple[URIRef, URIRef]]:
    """(term, its OWL kind) for every term the ontology defines in the mg: namespace, sorted."""
    out = []
    for kind, _ in _KINDS:
        out += [(t, kind) for t in onto.subjects(RDF.type, kind) if isinstance(t, URIRef) and t.startswith(str(MG))]
    return sorted(set(out))


def write_docs(onto: Graph, data, folder: Path) -> int:
    """``data``: the built graph, a ``StoredGraph`` in a build or an rdflib ``Graph``."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = {title: [] for _, title in _KINDS}
    for term, kind in terms(onto):
        name = term[len(str(MG)):]
        (folder / f"{name}.html").write_text(_page(onto, data, term, name), encoding="utf-8")
        title = dict(_KINDS)[kind]
        rows[title].append(f'<li><a href="{name}.html">mg:{html.escape(name)}</a> — {html.escape(_label(onto, term, "en"))}'
                           f' / {html.escape(_label(onto, term, "vi"))}</li>')
    body = "".join(f"<h2>{t}</h2><ul>{''.join(r)}</ul>" for t, r in rows.items() if r)
    (folder / "index.html").write_text(_html("mandate-graph ontology", body), encoding="utf-8")
    return sum(len(r) for r in rows.values())


def _label(g: Graph, term, lang: str) -> str:
    for o in g.objects(term, RDFS.label):
        if getattr(o, "language", None) == lang:
            return str(o)
    return ""


def _page(onto: Graph, data: Graph, term: URIRef, name: str) -> str:
    def links(pred):
        return ", ".join(_ref(o) for o in sorted(onto.objects(term, pred)) if isinstance(o, URIRef)) or "—"
    defs = "".join(f"<p><b>{o.language}</b>: {html.escape(str(o))}</p>" for o in sorted(onto.objects(term, SKOS.definition)))
    examples = _examples(data, term)
    ex = "".join(f"<li>{html.escape(str(e))}</li>" for e in examples) or "<li>none in the built graph</li>"
    body = (f"<h1>mg:{html.escape(name)}</h1><p><b>en</b>: {html.escape(_label(onto, term, 'en'))}<br>"
            f"<b>vi</b>: {html.escape(_label(onto, term, 'vi'))}</p>{defs}"
            f"<p>Super-terms: {links(RDFS.subClassOf)} {links(RDFS.subPropertyOf)}</p>"
            f"<p>Domain: {links(RDFS.domain)}; range: {links(RDFS.range)}</p>"
            f"<h2>Examples from the built graph</h2><ul>{ex}</ul><p><a href='index.html'>All terms</a></p>")
    return _html(f"mg:{name}", body)


def _examples(data, term: URIRef, n: int = 5) -> list:
    """The first instances of a class, or else subjects of a property: from the store by a query
    when the build gives its store (graph/publish/stored.py), from an rdflib Graph otherwise."""
    if hasattr(data, "examples"):
        return data.examples(term, n)
    return sorted(set(data.subjects(RDF.type, term)))[:n] or sorted(set(s for s, _ in data.subject_objects(term)))[:n]


def _ref(o: URIRef) -> str:
    if o.startswith(str(MG)):
        n = o[len(str(MG)):]
        return f'<a href="{html.escape(n)}.html">mg:{html.escape(n)}</a>'
    return html.escape(str(o))


def _html(title: str, body: str) -> str:
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto}}</style></head><body>{body}</body></html>\n")
