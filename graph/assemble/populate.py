"""Stage 6, populate: the analysed documents as RDF, every fact with its Evidence.

Document references are written as the documents they stand for in the corpus (assemble.resolve):
a bare "Nghị quyết số 11" is the one NQ numbered 11 cited in full anywhere in it.
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache, partial
from datetime import date
from pathlib import Path
from typing import Iterable, Sequence

import pyoxigraph as ox

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from graph.analyse.normalise import display_form
from graph.lexicon import Lexicon
from graph.ontology import document_types, scheme_members
from graph.assemble.quads import QuadSink
from graph.assemble.resolve import UNRESOLVED, dated_resolution
from graph.records import AnalysedDocument, DocumentDigest, Mention
from graph.vocab import MG, MGID, ORG, PREFIXES, iri, search_key, slug

READING_ORDER_STRIDE = 10**9          # a document's offsets stay below it: mg:readingOrder sorts by file, then offset


class _Terms:
    """A namespace whose terms are made once: rdflib makes a new URIRef at every ``MG.evidence``,
    a fifth of populate's time on a large corpus."""

    def __init__(self, ns):
        self._ns, self._items = ns, {}

    def __getattr__(self, name):
        term = getattr(self._ns, name)
        setattr(self, name, term)
        return term

    def __getitem__(self, name):
        if name not in self._items:
            self._items[name] = self._ns[name]
        return self._items[name]


MG, ORG, RDF, RDFS, XSD, DCTERMS, SKOS = (_Terms(ns) for ns in (MG, ORG, RDF, RDFS, XSD, DCTERMS, SKOS))
_slug = lru_cache(maxsize=None)(slug)     # of file names and rule names: a few per document


def _own(kind: str, key: str) -> str:
    """``iri(kind, key)`` for a key made of slugs, numbers and "-" (which slug leaves as it is)."""
    return f"{MGID}{kind}/{key}"


def populate(docs: list[AnalysedDocument], lexicon: Lexicon) -> Graph:
    """The documents' RDF as one rdflib Graph: for tests and small corpora. A build writes into an
    on-disk store instead (``populate_store``), never holding the whole corpus's triples."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    _populate(g, sorted(docs, key=lambda d: d.source.name), lexicon, index=docs)
    return g


def populate_store(docs: Iterable[AnalysedDocument], lexicon: Lexicon, folder: Path, *,
                   index: Sequence[AnalysedDocument | DocumentDigest] | None = None,
                   lines: Path | None = None) -> ox.Store:
    """The documents' RDF as quads in a pyoxigraph store at ``folder`` (graph/assemble/quads.py).
    ``index``: the documents' digests in file-name order, which the resolution of references
    reads; then ``docs`` may be an iterator giving the same documents in the same order, one at a
    time (a build reads each back from its analysis cache), and none is held past its turn.
    ``lines``: a file that receives every quad as a line too (``QuadSink``)."""
    if index is None:
        docs = sorted(docs, key=lambda d: d.source.name)
        index = docs
    sink = QuadSink(folder, (URIRef(d.meta.iri) for d in index), lines=lines)
    _populate(sink, docs, lexicon, index=index)
    return sink.close()


def _populate(g, docs: Iterable[AnalysedDocument], lexicon: Lexicon, *, index) -> None:
    """``g``: an rdflib Graph or a QuadSink (``add``, ``set``, ``(s, p, None) in g``); ``docs`` in
    file-name order; ``index``: the documents or their digests, which the resolution reads."""
    resolution = dated_resolution(index, lexicon)
    used_bodies: set[str] = set()
    begin = getattr(g, "begin", lambda doc: None)
    for position, doc in enumerate(docs):
        begin(doc.meta.iri)
        resolve = partial(resolution.of, doc)            # never to a document issued after this one
        _document(g, doc, resolve, lexicon)
        fuller = _more_specific_posts(doc)
        for m in doc.mentions:
            target = resolve(m.iri)
            _mention(g, doc, m, target, lexicon, stated_more_fully=fuller)
            g.add((URIRef(doc.meta.iri), MG.mentions, URIRef(target)))
            if m.kind == "body":
                used_bodies.add(m.iri)
        for rec in doc.extraction.mandates:
            _mandate(g, doc, rec, position, resolve=resolve)
            used_bodies.update(a for a in (rec.assigner, *rec.assignees, *rec.coordinators) if a)
        for t in doc.extraction.targets:
            _target(g, doc, t)
    _bodies(g, used_bodies, lexicon)


def _described(meta, types, lexicon: Lexicon) -> tuple[str, str] | None:
    """A name for a document with neither title nor identifier, from what it is, who issued it and
    when: ("Kết luận của Bộ Chính trị, ngày 20/10/2017", "Conclusion of the Politburo, 2017-10-20")."""
    kind, issuer = types.get(meta.type_code), lexicon.bodies.by_iri.get(meta.issuer or "")
    if kind is None or issuer is None or meta.issued is None:
        return None
    return (lexicon.documents.described_label.format(type=kind.vi, issuer=issuer.name, date=f"{meta.issued:%d/%m/%Y}"),
            f"{kind.en} of the {issuer.en or issuer.name}, {meta.issued.isoformat()}")


def _document(g: Graph, doc: AnalysedDocument, resolve, lexicon: Lexicon) -> None:
    meta, node = doc.meta, URIRef(doc.meta.iri)
    types = document_types()
    cls = types[meta.type_code].cls if meta.type_code in types else str(MG.Document)
    g.add((node, RDF.type, URIRef(cls)))
    g.add((node, MG.sourceFile, Literal(doc.source.name)))
    g.add((node, MG.encoding, Literal(doc.source.encoding)))
    described = _described(meta, types, lexicon)
    label = meta.title or meta.identifier or (described[0] if described else doc.source.name)
    g.add((node, RDFS.label, Literal(label, lang="vi")))
    g.add((node, SKOS.prefLabel, Literal(label, lang="vi")))
    if described and label == described[0]:
        g.add((node, RDFS.label, Literal(described[1], lang="en")))
    if meta.title:
        g.add((node, DCTERMS.title, Literal(meta.title, lang="vi")))
    if meta.type_code in types:
        g.add((node, MG.documentType, URIRef(types[meta.type_code].concept)))
    if meta.identifier:
        g.add((node, MG.identifier, Literal(meta.identifier)))
        g.add((node, MG.documentNumber, Literal(meta.number)))
        g.add((node, MG.issuerCode, Literal(meta.issuer_code)))
    if meta.issued:
        g.add((node, DCTERMS.issued, Literal(meta.issued, datatype=XSD.date)))
        g.add((node, MG.year, Literal(meta.issued.year, datatype=XSD.integer)))
    if meta.issuer:
        g.add((node, MG.issuedBy, URIRef(meta.issuer)))
    for body, ref in meta.named:                  # an issuer, an authority named only by the header
        if body not in lexicon.bodies.by_iri:
            _named_body(g, URIRef(body), ref)
    if meta.signer:
        g.add((node, MG.signedBy, URIRef(iri("person", meta.signer))))
        g.add((URIRef(iri("person", meta.signer)), RDF.type, MG.Person))
        g.add((URIRef(iri("person", meta.signer)), SKOS.prefLabel, Literal(meta.signer, lang="vi")))
    for rel in doc.extraction.relations:
        g.add((node, MG[rel.kind], URIRef(resolve(rel.target))))


def _evidence(g: Graph, doc: AnalysedDocument, start: int, end: int, rule: str) -> URIRef:
    s, e = doc.normal.source_span(start, end)
    ev = URIRef(_own("evidence", f"{_slug(doc.source.name)}-{s}-{e}-{_slug(rule)}"))
    g.add((ev, RDF.type, MG.Evidence))
    g.add((ev, MG.source, URIRef(doc.meta.iri)))
    g.add((ev, MG.quote, Literal(doc.source.text[s:e])))
    g.add((ev, MG.start, Literal(s, datatype=XSD.integer)))
    g.add((ev, MG.end, Literal(e, datatype=XSD.integer)))
    g.add((ev, MG.rule, Literal(rule)))
    page = doc.source.page_of(s)
    if page is not None:                          # a paged format (PDF): the page the quote starts on
        g.add((ev, MG.page, Literal(page, datatype=XSD.integer)))
        if page in doc.source.ocr_pages:
            g.add((ev, MG.ocr, Literal(True)))
    return ev


# ------------------------------------------------------------------ entities
def _mention(g: Graph, doc: AnalysedDocument, m: Mention, target: str, lexicon: Lexicon, *,
             stated_more_fully: dict[str, set[str]]) -> None:
    node = URIRef(target)
    g.add((node, MG.evidence, _evidence(g, doc, m.start, m.end, m.rule)))
    s, e = doc.normal.source_span(m.start, m.end)
    surface = doc.normal.text[m.start:m.end]
    ref = m.ref
    if m.kind == "body":
        if ref.name and ref.cls and target not in lexicon.bodies.by_iri:
            _named_body(g, node, ref)            # the gazetteer's bodies are described by _bodies
    elif m.kind == "person":
        g.add((node, RDF.type, MG.Person))
        g.add((node, SKOS.prefLabel, Literal(ref.name, lang="vi")))
        g.add((node, RDFS.label, Literal(ref.name, lang="vi")))
        if ref.post and ref.post not in stated_more_fully.get(m.iri, ()):
            _post_holding(g, doc, node, m)
    elif m.kind == "document" and str(node).startswith(UNRESOLVED):
        _unresolved(g, m, node, doc)
    elif m.kind == "document":
        _cited(g, m, node, doc, lexicon)
    elif m.kind in ("project", "place"):
        g.add((node, RDF.type, MG.Project if m.kind == "project" else MG.Place))
        g.add((node, SKOS.prefLabel, Literal(ref.name, lang="vi")))
        g.add((node, RDFS.label, Literal(ref.name, lang="vi")))
        if m.kind == "project" and ref.en:
            g.add((node, RDFS.label, Literal(f"{ref.en}: {ref.name}", lang="en")))
    if m.kind != "document" or not ref.partial:
        if surface and m.rule != "bare-title":
            g.add((node, SKOS.altLabel, Literal(display_form(doc.source.text[s:e]), lang="vi")))


def _named_body(g: Graph, node: URIRef, ref) -> None:
    """A body the gazetteer lacks, described by its mention (a pattern body, a collective, a post
    group, an issuer the header names): its class and one name, the first one given."""
    g.add((node, RDF.type, MG[ref.cls]))
    if (node, SKOS.prefLabel, None) not in g:     # one prefLabel; other forms are altLabels
        g.add((node, SKOS.prefLabel, Literal(ref.name, lang="vi")))
        g.add((node, RDFS.label, Literal(ref.name, lang="vi")))
    if ref.body_kind:
        g.add((node, MG.bodyKind, URIRef(scheme_members("bodyKinds")[ref.body_kind])))
    if ref.parent:
        g.add((node, ORG.subOrganizationOf, URIRef(ref.parent)))
    if ref.valid_until:
        g.add((node, MG.validUntil, Literal(ref.valid_until, datatype=XSD.date)))


def _more_specific_posts(doc: AnalysedDocument) -> dict[str, set[str]]:
    """Per person, the posts the document also states more fully: "Bí thư" where it also says
    "Bí thư Thành ủy Hà Nội". They are the same post, so only the full statement is a holding."""
    posts = defaultdict(set)
    for m in doc.mentions:
        if m.kind == "person" and m.ref.post:
            posts[m.iri].add(m.ref.post)
    return {p: {a for a in ps if any(b.startswith(a + " ") for b in ps)} for p, ps in posts.items()}


def _post_holding(g: Graph, doc: AnalysedDocument, person: URIRef, m: Mention) -> None:
    shown = m.ref.post_text or m.ref.post          # as written: "Bí thư Thành ủy Hà Nội"
    post_label = shown[0].upper() + shown[1:]
    post = URIRef(iri("post", post_label))
    g.add((post, RDF.type, MG.Post))
    g.add((post, SKOS.prefLabel, Literal(post_label, lang="vi")))
    g.add((post, RDFS.label, Literal(post_label, lang="vi")))
    holding = URIRef(_own("holding", f"{person.rsplit('/', 1)[1]}-{_slug(post_label)}-{doc.meta.issued or 'undated'}"))
    g.add((holding, RDF.type, MG.PostHolding))
    g.add((holding, MG.holder, person))
    g.add((holding, MG.post, post))
    if doc.meta.issued:
        g.add((holding, MG.asOf, Literal(doc.meta.issued, datatype=XSD.date)))
    g.add((holding, MG.evidence, _evidence(g, doc, m.start, m.end, "post-holding")))


def _unresolved(g: Graph, m: Mention, node: URIRef, doc: AnalysedDocument) -> None:
    """A reference to no document the graph knows of its time: named by its words as written."""
    types = document_types()
    code = m.ref.type_code
    g.add((node, RDF.type, URIRef(types[code].cls if code in types else str(MG.Document))))
    s, e = doc.normal.source_span(m.start, m.end)
    label = display_form(doc.source.text[s:e])
    if (node, SKOS.prefLabel, None) not in g:
        g.add((node, SKOS.prefLabel, Literal(label, lang="vi")))
        g.add((node, RDFS.label, Literal(label, lang="vi")))
    g.set((node, MG.unresolved, Literal(True)))
    g.add((URIRef(doc.meta.iri), MG.cites, node))


def _cited(g: Graph, m: Mention, node: URIRef, doc: AnalysedDocument, lexicon: Lexicon) -> None:
    types = document_types()
    ref = m.ref
    code = ref.type_code
    cls = types[code].cls if code in types else str(MG.Document)
    g.add((node, RDF.type, URIRef(cls)))
    label = ref.name or (lexicon.documents.cited_label.format(type=types[code].word.capitalize(),
                                                              identifier=ref.identifier)
                         if ref.identifier and code in types else None)
    if label and (node, SKOS.prefLabel, None) not in g:
        g.add((node, SKOS.prefLabel, Literal(label, lang="vi")))
        g.add((node, RDFS.label, Literal(label, lang="vi")))
    if ref.identifier:
        g.set((node, MG.identifier, Literal(ref.identifier)))
    if ref.year:
        g.set((node, MG.year, Literal(ref.year, datatype=XSD.integer)))
    if ref.issued:
        g.set((node, DCTERMS.issued, Literal(ref.issued, datatype=XSD.date)))
    if ref.issuer:
        g.set((node, MG.issuedBy, URIRef(ref.issuer)))
    elif ref.issuer_code in lexicon.documents.issuer_codes:
        g.set((node, MG.issuedBy, URIRef(iri("body", lexicon.documents.issuer_codes[ref.issuer_code]))))
    if node != URIRef(doc.meta.iri):
        g.add((URIRef(doc.meta.iri), MG.cites, node))


def _bodies(g: Graph, used: set[str], lexicon: Lexicon) -> None:
    """Gazetteer facts for every body the corpus names, with its ancestors."""
    entries = lexicon.bodies.by_iri
    kinds = scheme_members("bodyKinds")
    todo = sorted(used)
    seen = set()
    while todo:
        body = todo.pop()
        if body in seen or body not in entries:
            continue
        seen.add(body)
        e, node = entries[body], URIRef(body)
        g.add((node, RDF.type, MG[e.cls]))
        g.add((node, SKOS.prefLabel, Literal(e.name, lang="vi")))
        g.add((node, RDFS.label, Literal(e.name, lang="vi")))
        if e.en:
            g.add((node, RDFS.label, Literal(e.en, lang="en")))
        g.add((node, MG.bodyKind, URIRef(kinds[e.kind])))
        for alias in e.aliases:
            g.add((node, SKOS.altLabel, Literal(alias, lang="vi")))
        if e.parent:
            g.add((node, ORG.subOrganizationOf, URIRef(e.parent)))
            todo.append(e.parent)
        if e.valid_from:
            g.add((node, MG.validFrom, Literal(date.fromisoformat(e.valid_from), datatype=XSD.date)))
        if e.valid_until:
            g.add((node, MG.validUntil, Literal(date.fromisoformat(e.valid_until), datatype=XSD.date)))
        if e.replaced_by:                # who carries its tasks now (a merged ministry, a province)
            g.add((node, MG.replacedBy, URIRef(e.replaced_by)))
            todo.append(e.replaced_by)


# ------------------------------------------------------------------ mandates and targets
def _mandate(g: Graph, doc: AnalysedDocument, rec, position: int, *, resolve) -> None:
    s, e = doc.normal.source_span(rec.start, rec.end)
    node = URIRef(_own("mandate", f"{_slug(doc.source.name)}-{s}-{e}"))
    g.add((node, MG.readingOrder, Literal(position * READING_ORDER_STRIDE + s, datatype=XSD.integer)))
    roles = scheme_members("roles")
    g.add((node, RDF.type, MG.Mandate))
    g.add((node, MG.task, Literal(rec.task)))
    g.add((node, MG.searchKey, Literal(search_key(rec.task))))
    g.add((node, RDFS.label, Literal(rec.task[:80] + ("…" if len(rec.task) > 80 else ""), lang="vi")))
    g.add((node, MG.role, URIRef(roles[rec.role])))
    g.add((node, MG.statedIn, URIRef(doc.meta.iri)))
    g.add((node, MG.explicitAssignee, Literal(rec.explicit)))
    g.add((node, MG.evidence, _evidence(g, doc, rec.start, rec.end, rec.rule)))
    if rec.heading_path:
        g.add((node, MG.headingPath, Literal(" › ".join(rec.heading_path))))
    if rec.assigner:
        g.add((node, MG.assigner, URIRef(rec.assigner)))
    for a in rec.assignees:
        g.add((node, MG.assignee, URIRef(a)))
    for a in rec.leads:
        g.add((node, MG.lead, URIRef(a)))
    for a in rec.coordinators:
        g.add((node, MG.coordinator, URIRef(a)))
    g.add((node, MG.leadCount, Literal(len(rec.leads), datatype=XSD.integer)))
    d = rec.deadline
    if d is not None:
        ds, de = doc.normal.source_span(d.start, d.end)
        g.add((node, MG.deadlineText, Literal(doc.source.text[ds:de])))
        if d.deadline:
            g.add((node, MG.deadline, Literal(d.deadline, datatype=XSD.date)))
        if d.start_date:
            g.add((node, MG.startDate, Literal(d.start_date, datatype=XSD.date)))
        if d.recurring:
            g.add((node, MG.recurring, Literal(True)))
    if rec.deliverable:
        g.add((node, MG.deliverable, Literal(rec.deliverable)))
    for b in rec.legal_basis:
        g.add((node, MG.legalBasis, URIRef(resolve(b))))
    for dep in rec.depends_on:
        g.add((node, MG.dependsOn, URIRef(resolve(dep))))
    if rec.after is not None:                           # "Bộ X chỉ đạo Y ...": Y's task depends on X's
        ds, de = doc.normal.source_span(*rec.after)
        g.add((node, MG.dependsOn, URIRef(iri("mandate", f"{slug(doc.source.name)}-{ds}-{de}"))))
    for c in rec.concerns:
        g.add((node, MG.concerns, URIRef(resolve(c))))
    facets = scheme_members("facets")
    for f in rec.facets:
        g.add((node, MG.meetsFacet if f.met else MG.lacksFacet, URIRef(facets[f.name])))
    g.add((node, MG.facetCount, Literal(sum(f.met for f in rec.facets), datatype=XSD.integer)))


def _target(g: Graph, doc: AnalysedDocument, t) -> None:
    s, e = doc.normal.source_span(t.start, t.end)
    node = URIRef(_own("target", f"{_slug(doc.source.name)}-{s}-{e}"))
    g.add((node, RDF.type, MG.Target))
    g.add((node, MG.indicator, Literal(t.indicator)))
    g.add((node, MG.searchKey, Literal(search_key(t.indicator))))
    label = f"{t.indicator[:60]} {t.comparator} {t.value}{'-' + t.value_max if t.value_max else ''} {t.unit}".strip()
    g.add((node, RDFS.label, Literal(label, lang="vi")))
    g.add((node, MG.value, _decimal(t.value)))
    if t.value_max:
        g.add((node, MG.valueMax, _decimal(t.value_max)))
    g.add((node, MG.comparator, Literal(t.comparator)))
    g.add((node, MG.unit, Literal(t.unit)))
    if t.year:
        g.add((node, MG.targetYear, Literal(t.year, datatype=XSD.integer)))
    g.add((node, MG.statedIn, URIRef(doc.meta.iri)))
    g.add((node, MG.evidence, _evidence(g, doc, t.start, t.end, t.rule)))



def _decimal(lexical: str) -> Literal:
    """xsd:decimal in canonical form ("90.0", not "90"): Turtle writes decimals with a point, and
    every published form must hold the same literal."""
    return Literal(lexical if "." in lexical else f"{lexical}.0", datatype=XSD.decimal)
