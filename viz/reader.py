"""The records a network view is made of (nodes, edges, the view) and the lookups on the built graph
that every view needs (classes, labels, evidence, table rows), computed once: model.py decides
what each view shows from them."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from graph.analyse.normalise import without_emphasis
from graph.vocab import MG, slug

from .rows import mandate_row
from .styles import STYLES

EVIDENCE_SHOWN = 5          # a body named 400 times shows its first five quotes and the count
_PREFIX = f"PREFIX mg: <{MG}>\n"
EVIDENCE_KEYS = _PREFIX + """SELECT ?node ?ev ?file ?start ?rule WHERE {
  ?node mg:evidence ?ev . ?ev mg:source ?doc ; mg:start ?start ; mg:rule ?rule .
  OPTIONAL { ?doc mg:sourceFile ?f } BIND(COALESCE(STR(?f), STR(?doc)) AS ?file) }"""


@dataclass(frozen=True)
class VNode:
    iri: str
    label: str                     # short label drawn on the canvas
    cls: str                       # key of styles.yaml's nodes
    vi: str                        # Vietnamese label, in full
    en: str                        # English label, where known
    details: tuple = ()            # (field, value) pairs shown on click
    evidence: tuple = ()           # dicts: quote, file, start, end, rule
    evidence_count: int = 0
    style: tuple = ()              # (vis option, value) overrides: accountability colours


@dataclass(frozen=True)
class VEdge:
    source: str
    target: str
    kind: str                      # key of styles.yaml's edges
    weight: int = 1
    evidence: tuple = ()


@dataclass(frozen=True)
class View:
    slug: str
    kind: str                      # who, actor, document, dependency, accountability
    title_vi: str
    title_en: str
    nodes: tuple
    edges: tuple
    aggregated: bool = False
    note: str = ""
    subject: str = ""              # the actor or document a per-actor or per-document view is about
    rows: tuple = ()               # the mandates of the view, one table row each (dicts), drawn or folded


class Reader:
    """Lookups on the built graph that every view needs, computed once."""

    def __init__(self, g: Graph, ontology: Graph):
        self.g = g
        self.ancestors = defaultdict(set)
        for cls in set(ontology.subjects(RDFS.subClassOf, None)) | set(ontology.objects(RDFS.subClassOf, None)):
            self.ancestors[cls] = set(ontology.transitive_objects(cls, RDFS.subClassOf))
        self.order = list(STYLES["nodes"])
        # document-to-document relations: mg:cites and its subproperties, as the ontology says
        self.doc_relations = tuple(sorted(str(p).rsplit("#", 1)[-1]
                                          for p in ontology.transitive_subjects(RDFS.subPropertyOf, MG.cites)))
        self.mandates = sorted(g.subjects(RDF.type, MG.Mandate))
        self.roles = {str(c).rsplit("role-", 1)[-1] for c in ontology.subjects(SKOS.inScheme, MG.roles)}
        # mandates by document and by actor: per-document and per-actor views read them from here
        # instead of scanning every mandate for each view (quadratic on a large corpus)
        self.stated_in = defaultdict(list)
        self.involving = defaultdict(list)
        for m in self.mandates:
            self.stated_in[g.value(m, MG.statedIn)].append(m)
            for a in sorted({a for p in (MG.assigner, MG.assignee, MG.coordinator) for a in g.objects(m, p)}):
                self.involving[a].append(m)
        self._nodes: dict[str, VNode] = {}
        self._evidence: dict = {}
        self._edges: dict = {}
        self._evidence_keys = None     # (count, first keys) of every node's quotes, read on first use
        self._labels: dict = {}        # (node, lang) -> label: an actor's name is read for every task it is in

    def cls(self, node) -> str:
        best = len(self.order)
        for t in self.g.objects(node, RDF.type):
            for a in self.ancestors.get(t, {t}) | {t}:
                name = str(a).rsplit("#", 1)[-1]
                if name in STYLES["nodes"]:
                    best = min(best, self.order.index(name))
        if best < len(self.order):
            return self.order[best]
        # an assigner or assignee the graph gives no class (see _label): a body, not a document
        return "Body" if node in self.involving else "Document"

    def label(self, node, lang="vi") -> str:
        """The node's name as a reader sees it: without markdown's emphasis, which pages saved as
        .txt keep in their titles and task text ("** a) Nhiệm vụ, quyền hạn: **", "# TPHCM chủ động ...")."""
        key = (node, lang)
        if key not in self._labels:
            self._labels[key] = without_emphasis(self._label(node, lang))
        return self._labels[key]

    def _label(self, node, lang) -> str:
        for pred in (SKOS.prefLabel, RDFS.label):
            for o in sorted(self.g.objects(node, pred)):
                if getattr(o, "language", None) == lang:
                    return str(o)
        if lang != "vi":
            return ""
        task = self.g.value(node, MG.task) or self.g.value(node, MG.indicator)
        if task:
            return str(task)
        # a body known only by the words that named it (a collective "các cơ quan liên quan", a
        # document's issuer the gazetteer does not list): the form its IRI was made from, capitalised
        # first; an actor without one by the IRI's words, not a slug (a document keeps its slug,
        # "60-nq-tw-2025", which reads as its number)
        tail = str(node).rsplit("/", 1)[-1]
        forms = [str(o) for o in self.g.objects(node, SKOS.altLabel) if getattr(o, "language", None) == "vi"]
        if forms:
            return min(forms, key=lambda f: (slug(f) != tail, -len(f), f))
        return tail.replace("-", " ") if node in self.involving else tail

    def _first_evidence(self) -> tuple[dict, dict]:
        """Every node's number of quotes and the keys (file, offset, rule, IRI) of its first
        EVIDENCE_SHOWN in reading order, from one pass over the store's quotes: a body of the whole
        crawl has tens of thousands, and reading or sorting them node by node took hours."""
        count, first = defaultdict(int), defaultdict(list)
        for node, ev, file, start, rule in self.g.query(EVIDENCE_KEYS):
            count[node] += 1
            keys = first[node]
            keys.append((str(file), int(start), str(rule), str(ev), ev))
            if len(keys) > 4 * EVIDENCE_SHOWN:             # keep the list short: only the first few stay
                keys.sort()
                del keys[EVIDENCE_SHOWN:]
        return count, first

    def evidence(self, node) -> tuple[tuple, int]:
        """The node's first EVIDENCE_SHOWN quotes in reading order (file, offset, rule) and their number."""
        if node in self._evidence:
            return self._evidence[node]
        if self._evidence_keys is None:
            self._evidence_keys = self._first_evidence()
        count, first = self._evidence_keys
        items = []
        for file, start, rule, _, ev in sorted(first.get(node, ()))[:EVIDENCE_SHOWN]:
            g = self.g
            item = {"quote": str(g.value(ev, MG.quote)), "file": file, "start": start, "end": int(g.value(ev, MG.end)),
                    "rule": rule}
            page = g.value(ev, MG.page)                       # PDF evidence: the page the quote starts on
            if page is not None:
                item["page"] = int(page)
                item["ocr"] = bool(g.value(ev, MG.ocr))
            items.append(item)
        self._evidence[node] = tuple(items), count.get(node, 0)
        return self._evidence[node]

    def node(self, node, **style) -> VNode:
        key = str(node)
        if key in self._nodes and not style:
            return self._nodes[key]
        g, cls = self.g, self.cls(node)
        vi, en = self.label(node, "vi"), self.label(node, "en")
        details = [("IRI", key)]
        if cls == "Mandate":
            role = g.value(node, MG.role)
            details += [("role", str(role).rsplit("-", 1)[-1] if role else ""),
                        ("assigner", "; ".join(self.label(a) for a in g.objects(node, MG.assigner))),
                        ("assignee", "; ".join(sorted(self.label(a) for a in g.objects(node, MG.assignee)))),
                        ("deadline", str(g.value(node, MG.deadline) or g.value(node, MG.deadlineText) or "")),
                        ("facets met", str(g.value(node, MG.facetCount) or "")),
                        ("document", self.label(g.value(node, MG.statedIn)))]
        elif cls == "Target":
            details += [(k, str(g.value(node, MG[k]) or "")) for k in ("comparator", "value", "valueMax", "unit", "targetYear")]
        elif cls == "Document":
            details += [(k, str(g.value(node, p) or "")) for k, p in
                        (("identifier", MG.identifier), ("file", MG.sourceFile), ("issued", URIRef("http://purl.org/dc/terms/issued")))]
        evidence, count = self.evidence(node)
        short = vi if len(vi) <= 48 else vi[:46] + "…"
        made = VNode(key, short, cls, vi, en, tuple((k, v) for k, v in details if v), evidence, count,
                     tuple(sorted(style.items())))
        if not style:
            self._nodes[key] = made
        return made

    def rows(self, mandates) -> tuple:
        """Table rows of these mandates, in reading order (file, then offset in it)."""
        out = [self.row(m) for m in mandates]
        return tuple(sorted(out, key=lambda row: (row["file"], row["start"], row["iri"])))

    def row(self, m) -> dict:
        if ("row", m) not in self._evidence:
            self._evidence[("row", m)] = mandate_row(self, m)
        return self._evidence[("row", m)]

    def mandate_edges(self, m) -> list[VEdge]:
        """assigner -> mandate -> assignees (by role) and coordinators, each with the mandate's evidence."""
        if m not in self._edges:
            self._edges[m] = self._mandate_edges(m)
        return list(self._edges[m])

    def _mandate_edges(self, m) -> list[VEdge]:
        g, ev = self.g, self.evidence(m)[0]
        role = str(g.value(m, MG.role) or "").rsplit("-", 1)[-1] or "implement"
        out = [VEdge(str(a), str(m), "assigns", 1, ev) for a in g.objects(m, MG.assigner)]
        leads = set(g.objects(m, MG.lead))
        out += [VEdge(str(m), str(a), "lead" if a in leads else role, 1, ev) for a in g.objects(m, MG.assignee)]
        out += [VEdge(str(m), str(a), "coordinate", 1, ev) for a in g.objects(m, MG.coordinator)]
        return out
