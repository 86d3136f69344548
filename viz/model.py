"""What each network view shows: who assigns what, each actor's and each document's mandates,
the dependencies and the accountability of the corpus, as plain records (reader.py) read from the
built graph. Drawing is page.py's job; styles are styles.yaml's."""
from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterator

from rdflib import RDF, Graph, URIRef

from graph.vocab import MG, ORG, slug

from .reader import Reader, VEdge, View, VNode
from .styles import STYLES, WORDS

__all__ = ["Reader", "VEdge", "VNode", "View", "all_views", "file_slug"]


def _title(kind: str) -> tuple[str, str]:
    """A corpus-wide view's Vietnamese and English titles (styles.yaml words.view_titles)."""
    return WORDS["view_titles"][kind]["vi"], WORDS["view_titles"][kind]["en"]


FILE_SLUG_MAX = 120        # characters of a view's file name before ".html"; most file systems allow 255 bytes


def file_slug(text: str) -> str:
    """A view's file name: its slug, or, past FILE_SLUG_MAX, its start and a hash of the whole (a
    run-on body name of the crawl gave a 400-character slug, which no file system takes)."""
    if len(text.encode("utf-8")) <= FILE_SLUG_MAX:
        return text
    return f"{text[:FILE_SLUG_MAX - 13].rstrip('-')}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:12]}"


def _view(slug_, kind, vi, en, nodes: dict, edges: list, **kw) -> View:
    most = STYLES["scale"]["draw_at_most"]
    if kw.get("aggregated") and len(nodes) > most:   # still too many once folded: the most linked only
        weight = defaultdict(int)
        for e in edges:
            weight[e.source] += e.weight
            weight[e.target] += e.weight
        kept = set(sorted(nodes, key=lambda k: (k != kw.get("subject"), -weight[k], k))[:most])
        # a node none of whose edges is drawn is dropped too: an assignee kept for its many small
        # facet buckets, none of them kept, drew as a lone marker (the crawl's accountability had 120)
        linked = {end for e in edges if e.source in kept and e.target in kept for end in (e.source, e.target)}
        kept = [k for k in sorted(kept) if k in linked or k == kw.get("subject")]
        kw["note"] = f"{kw.get('note', '')}; the {len(kept)} most linked of {len(nodes)} nodes drawn, the table lists every task"
        nodes = {k: nodes[k] for k in kept}
    keep = {(e.source, e.target, e.kind): e for e in edges if e.source in nodes and e.target in nodes}
    return View(file_slug(slug_), kind, vi, en, tuple(nodes[k] for k in sorted(nodes)),
                tuple(keep[k] for k in sorted(keep)), **kw)


def _too_big(nodes, mandates: int = 0) -> bool:
    """Fold when the drawing would pass aggregate_above nodes, or list more tasks than a reader can
    follow in a network (fold_tasks_above): the table beside the network still lists every task."""
    scale = STYLES["scale"]
    return len(nodes) > scale["aggregate_above"] or mandates > scale["fold_tasks_above"]


def who_assigns_what(r: Reader) -> View:
    nodes, edges = {}, []
    for m in r.mandates:
        es = r.mandate_edges(m)
        edges += es
        for e in es:
            for end in (e.source, e.target):
                nodes.setdefault(end, None)
    rows = r.rows(r.mandates)
    if _too_big(nodes, len(r.mandates)):
        nodes, agg, count = _actor_pairs(r, edges)
        return _view("who-assigns-what", "who", *_title("who"), nodes, agg,
                     aggregated=True, note=f"{count} mandates drawn as actor-to-actor edges weighted by count", rows=rows)
    nodes = {k: r.node(URIRef(k)) for k in nodes}
    return _view("who-assigns-what", "who", *_title("who"), nodes, edges, rows=rows)


def _actor_pairs(r: Reader, edges: list[VEdge]) -> tuple[dict, list[VEdge], int]:
    """Mandate edges folded into assigner -> assignee edges weighted by mandate count, for views too
    large to draw mandate by mandate. Returns the actor nodes, the weighted edges, the mandate count."""
    by_mandate = defaultdict(lambda: ([], []))
    for e in edges:
        if e.kind == "assigns":
            by_mandate[e.target][0].append(e.source)
        elif e.kind in r.roles:
            by_mandate[e.source][1].append(e.target)
    weight = defaultdict(int)
    for givers, takers in by_mandate.values():
        for a in givers:
            for b in takers:
                weight[(a, b)] += 1
    nodes = {k: r.node(URIRef(k)) for pair in weight for k in pair}
    return nodes, [VEdge(a, b, "mandates", n) for (a, b), n in weight.items()], len(by_mandate)


def _with_mandate(r: Reader, m, nodes: dict, edges: list) -> None:
    """Add a mandate with its assigner, assignees and coordinators to a view being built."""
    for e in r.mandate_edges(m):
        edges.append(e)
        for end in (e.source, e.target):
            nodes.setdefault(end, r.node(URIRef(end)))


def actor_views(r: Reader) -> Iterator[View]:
    """One view per actor, made one at a time (the whole crawl has tens of thousands)."""
    g = r.g
    for a in sorted(r.involving):
        nodes, edges = {str(a): r.node(a)}, []
        for m in r.involving[a]:
            _with_mandate(r, m, nodes, edges)
        for parent in g.objects(a, ORG.subOrganizationOf):
            nodes.setdefault(str(parent), r.node(parent))
            edges.append(VEdge(str(a), str(parent), "subOrganizationOf"))
        for child in g.subjects(ORG.subOrganizationOf, a):
            nodes.setdefault(str(child), r.node(child))
            edges.append(VEdge(str(child), str(a), "subOrganizationOf"))
        name, extra = r.label(a), {"rows": r.rows(r.involving[a])}
        if _too_big(nodes, len(r.involving[a])):
            hierarchy = [e for e in edges if e.kind == "subOrganizationOf"]
            nodes, agg, count = _actor_pairs(r, edges)
            for e in hierarchy:
                for end in (e.source, e.target):
                    nodes.setdefault(end, r.node(URIRef(end)))
            nodes.setdefault(str(a), r.node(a))
            edges = agg + hierarchy
            extra.update(aggregated=True, note=f"{count} mandates drawn as actor-to-actor edges weighted by count")
        nodes, edges = _fold_sub_bodies(r, str(a), nodes, edges)
        yield _view(f"actor-{slug(str(a).rsplit('/', 1)[-1])}", "actor", name, r.label(a, "en") or name,
                    nodes, edges, subject=str(a), **extra)


def _fold_sub_bodies(r: Reader, actor: str, nodes: dict, edges: list) -> tuple[dict, list]:
    """An actor's sub-bodies that have no mandate in its view, past ``fold_sub_bodies_above``, as
    one group node listing their names: the Government of the whole crawl has some 300, which
    drew as a grid of unlabelled squares beside its mandates."""
    busy = {end for e in edges if e.kind != "subOrganizationOf" for end in (e.source, e.target)}
    idle = sorted(e.source for e in edges if e.kind == "subOrganizationOf" and e.target == actor
                  and e.source not in busy and e.source != actor)
    if len(idle) <= STYLES["scale"]["fold_sub_bodies_above"]:
        return nodes, edges
    gone, words = set(idle), WORDS["sub_bodies"]
    key = f"{actor}#sub-bodies"
    names = sorted((nodes[k].vi for k in idle), key=str.lower)
    group = VNode(key, words["vi"].format(n=len(idle)), "BodyGroup", words["vi"].format(n=len(idle)), words["en"].format(n=len(idle)),
                  ((words["details"], "; ".join(names)),))
    nodes = {k: v for k, v in nodes.items() if k not in gone} | {key: group}
    edges = [e for e in edges if e.source not in gone] + [VEdge(key, actor, "subOrganizationOf", len(idle))]
    return nodes, edges


def document_views(r: Reader) -> Iterator[View]:
    """One view per corpus document, made one at a time."""
    g = r.g
    for doc in sorted(g.subjects(MG.sourceFile, None)):
        nodes, edges = {str(doc): r.node(doc)}, []
        for m in r.stated_in[doc]:
            edges.append(VEdge(str(doc), str(m), "states"))
            _with_mandate(r, m, nodes, edges)
            for c in g.objects(m, MG.concerns):
                nodes.setdefault(str(c), r.node(c))
                edges.append(VEdge(str(m), str(c), "concerns"))
        for t in sorted(g.subjects(MG.statedIn, doc)):
            if (t, RDF.type, MG.Target) in g:
                nodes.setdefault(str(t), r.node(t))
                edges.append(VEdge(str(doc), str(t), "states", 1, r.evidence(t)[0]))
        for rel in r.doc_relations:
            for other in g.objects(doc, MG[rel]):
                nodes.setdefault(str(other), r.node(other))
                edges.append(VEdge(str(doc), str(other), rel))
        name, extra = r.label(doc), {}
        if _too_big(nodes, len(r.stated_in[doc])):
            nodes, edges, extra = _document_aggregated(r, doc, edges)
        extra["rows"] = r.rows(r.stated_in[doc])
        yield _view(f"document-{slug(str(g.value(doc, MG.sourceFile)))}", "document", name, name, nodes, edges,
                    subject=str(doc), **extra)


def _document_aggregated(r: Reader, doc, edges: list[VEdge]) -> tuple[dict, list[VEdge], dict]:
    """A document too large to draw: its actors as weighted pairs, its projects and cited documents
    with the number of its mandates that concern them; targets are counted in the note."""
    nodes, agg, count = _actor_pairs(r, edges)
    nodes.setdefault(str(doc), r.node(doc))
    concerns = defaultdict(int)
    for e in edges:
        if e.kind == "concerns":
            concerns[e.target] += 1
        elif e.kind in r.doc_relations:
            nodes.setdefault(e.target, r.node(URIRef(e.target)))
            agg.append(e)
    for target, n in concerns.items():
        nodes.setdefault(target, r.node(URIRef(target)))
        agg.append(VEdge(str(doc), target, "concerns", n))
    targets = sum(1 for e in edges if e.kind == "states" and r.cls(URIRef(e.target)) == "Target")
    return nodes, agg, dict(aggregated=True, note=f"{count} mandates drawn as actor-to-actor edges weighted by count; "
                                                  f"{targets} targets not drawn")


def dependency_view(r: Reader) -> View:
    g, nodes, edges = r.g, {}, []
    for kind in ("dependsOn", "legalBasis", "concerns") + r.doc_relations:
        for s, o in g.subject_objects(MG[kind]):
            nodes.setdefault(str(s), r.node(s))
            nodes.setdefault(str(o), r.node(o))
            edges.append(VEdge(str(s), str(o), kind, 1, r.evidence(s)[0] if kind in ("dependsOn", "legalBasis", "concerns") else ()))
    shown = sorted(URIRef(k) for k in nodes if r.cls(URIRef(k)) == "Mandate")
    rows = r.rows(shown)
    if _too_big(nodes, len(shown)):            # each mandate folded into the document that states it
        weight = defaultdict(int)
        for e in edges:
            src = r.g.value(URIRef(e.source), MG.statedIn) or URIRef(e.source)
            weight[(str(src), e.target, e.kind)] += 1
        nodes = {k: r.node(URIRef(k)) for (a, b, _) in weight for k in (a, b)}
        edges = [VEdge(a, b, kind, n) for (a, b, kind), n in weight.items()]
        return _view("dependencies", "dependency", *_title("dependency"), nodes, edges,
                     aggregated=True, note="mandates folded into the documents that state them; edges weighted by count",
                     rows=rows)
    return _view("dependencies", "dependency", *_title("dependency"), nodes, edges, rows=rows)


def accountability_view(r: Reader) -> View:
    g, nodes, edges = r.g, {}, []
    palette = STYLES["facets"]
    for m in r.mandates:
        n = int(g.value(m, MG.facetCount) or 0)
        style = {"color": palette[min(n, len(palette) - 1)]}
        if len(set(g.objects(m, MG.lead))) > 1:
            style.update(borderWidth=STYLES["several_leads"]["borderWidth"],
                         borderColor=STYLES["several_leads"]["color"])
        nodes[str(m)] = r.node(m, **style)
        for e in r.mandate_edges(m):
            if e.kind != "assigns":
                edges.append(e)
                nodes.setdefault(e.target, r.node(URIRef(e.target)))
    rows = r.rows(r.mandates)
    if _too_big(nodes, len(r.mandates)):
        nodes, edges = _accountability_buckets(r)
        return _view("accountability", "accountability", *_title("accountability"), nodes, edges, aggregated=True,
                     note="mandates grouped by assignee and by the number of facets they meet", rows=rows)
    return _view("accountability", "accountability", *_title("accountability"),
                 nodes, edges, rows=rows)


def _accountability_buckets(r: Reader) -> tuple[dict, list[VEdge]]:
    """One node per assignee and number of facets met (and several leads or not), sized by count."""
    g, palette = r.g, STYLES["facets"]
    buckets = defaultdict(int)
    for m in r.mandates:
        met = int(g.value(m, MG.facetCount) or 0)
        several = len(set(g.objects(m, MG.lead))) > 1
        for a in g.objects(m, MG.assignee):
            buckets[(str(a), met, several)] += 1
    nodes, edges = {}, []
    for (actor, met, several), n in buckets.items():
        key = f"{actor}#facets-{met}{'-several-leads' if several else ''}"
        style = {"color": palette[min(met, len(palette) - 1)]}
        if several:
            style.update(borderWidth=STYLES["several_leads"]["borderWidth"], borderColor=STYLES["several_leads"]["color"])
        vi = WORDS["facet_bucket"]["vi"].format(n=n, met=met) + (WORDS["several_leads"]["vi"] if several else "")
        en = WORDS["facet_bucket"]["en"].format(n=n, met=met) + (WORDS["several_leads"]["en"] if several else "")
        nodes[key] = VNode(key, f"{met}/6 · {n}", "Mandate", vi, en, (("mandates", str(n)), ("facets met", str(met))),
                           style=tuple(sorted(style.items())))
        nodes.setdefault(actor, r.node(URIRef(actor)))
        edges.append(VEdge(key, actor, "mandates", n))
    return nodes, edges


def all_views(g: Graph, ontology: Graph) -> Iterator[View]:
    """Every view, one at a time: a caller that writes each as it comes holds one view's records,
    never the whole corpus's (the whole crawl's views held at once took 29 GB)."""
    r = Reader(g, ontology)
    yield who_assigns_what(r)
    yield dependency_view(r)
    yield accountability_view(r)
    yield from document_views(r)
    yield from actor_views(r)
