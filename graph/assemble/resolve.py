"""Between dedupe and populate: which document each document reference of the corpus stands for.

A text cites a document in full ("Nghị quyết số 11-NQ/TW ngày 06/01/2012"), by type and number
alone ("Nghị quyết số 11") or by identifier without its year ("Nghị quyết 15-NQ/TW"). Party numbers
restart every term, so a reference without a year is settled against the corpus: the one document of
that type and number cited with its year (or read) anywhere in it, else the documents.yaml entry of
that identifier. One document cited in two texts is then one node.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Mapping

from graph.lexicon import Lexicon
from graph.records import AnalysedDocument, DocumentRef, Mention
from graph.vocab import iri, slug

_DATED = re.compile(r"-\d{4}(-\d\d-\d\d)?$")        # an IRI that ends in a year (or a date)


def resolve_documents(docs: Iterable[AnalysedDocument], lexicon: Lexicon) -> Mapping[str, str]:
    """The document IRI of every document mention of ``docs`` -> the IRI of the document it stands
    for (often itself). Extracted facts hold mention IRIs, so the same mapping resolves them; an IRI
    not in it stands for itself."""
    docs = list(docs)
    entries = lexicon.documents.known
    known: dict[str, int] = {}                       # identifier -> year (its first entry)
    for k in entries:
        known.setdefault(k.identifier, k.year)
    by_number = {_number_and_code(k.identifier): iri("doc", f"{slug(k.identifier)}-{k.year}")
                 for k in entries}
    full: dict[tuple[str, str], set[str]] = defaultdict(set)     # (type code, number) -> dated IRIs
    for doc in docs:
        for m in _documents(doc):
            if m.ref.identifier and m.ref.number:
                dated = _with_year(m, known)
                if _DATED.search(dated):                 # only dated identifiers settle a bare one
                    full[(m.ref.type_code, m.ref.number)].add(dated)
        if doc.meta.identifier and doc.meta.number:
            full[(doc.meta.type_code, doc.meta.number)].add(doc.meta.iri)
    resolution: dict[str, str] = {}
    for doc in docs:
        for m in _documents(doc):
            resolution.setdefault(m.iri, _resolve(m, full, by_number, known))
    return resolution


_YEAR_END = re.compile(r"/\d+-[a-z]+-[a-z]+\d*-((?:19|20)\d\d)(?:-\d\d-\d\d)?$")     # .../11-nq-tw-2012


@dataclass(frozen=True)
class Later:
    """What a citing document's reference stands for, given when the citing document was issued.

    A text cannot cite a document issued after it: "Luật Thủ đô" in a 2017 conclusion is the law of
    2012, not the law of 2024 that the gazetteer's name finds. Such a reference stays unresolved:
    a node of its own, named by its words, marked mg:unresolved."""
    targets: Mapping[str, str]                 # mention IRI -> the document it stands for
    issued: Mapping[str, int]                  # document IRI -> the year it was issued, where known
    words: Mapping[str, str]                   # mention IRI -> the words of its first mention

    def of(self, citing: AnalysedDocument, mention_iri: str) -> str:
        target = self.targets.get(mention_iri, mention_iri)
        when = citing.meta.issued
        year = self.issued.get(target)
        if when is None or year is None or year <= when.year or target == citing.meta.iri:
            return target
        return iri("doc", "unresolved " + self.words.get(mention_iri, mention_iri.rsplit("/", 1)[1]))


UNRESOLVED = iri("doc", "unresolved") + "-"        # the IRIs of unresolved references start so


def dated_resolution(docs: Iterable[AnalysedDocument], lexicon: Lexicon) -> Later:
    """resolve_documents, and the year each resolved document was issued (from its IRI, the
    corpus, or documents.yaml), so that a reference is never resolved to a later document."""
    docs = list(docs)
    targets = resolve_documents(docs, lexicon)
    issued: dict[str, int] = {}
    words: dict[str, str] = {}
    for doc in docs:
        if doc.meta.issued:
            issued[doc.meta.iri] = doc.meta.issued.year
        for m in _documents(doc):
            words.setdefault(m.iri, m.surface)
            year = m.ref.year or (m.ref.issued.year if isinstance(m.ref.issued, date) else None)
            if year:
                issued.setdefault(targets.get(m.iri, m.iri), int(year))
    for target in set(targets.values()):
        found = _YEAR_END.search(target)
        if found and target not in issued:
            issued[target] = int(found.group(1))
    return Later(targets, issued, words)


def _documents(doc: AnalysedDocument) -> list[Mention]:
    return [m for m in doc.mentions if isinstance(m.ref, DocumentRef)]


def _resolve(m: Mention, full, by_number, known) -> str:
    ref: DocumentRef = m.ref
    undated = m.iri.rsplit("/", 1)[1].count("-") <= 2 and not ref.year       # "11-nq-tw", "15-nd-cp"
    if ref.partial or undated:
        key = (ref.type_code, ref.number)
        if len(full.get(key, ())) == 1:
            return next(iter(full[key]))
        if key in by_number:
            return by_number[key]
    return _with_year(m, known)


def _with_year(m: Mention, known: dict[str, int]) -> str:
    """The mention's IRI, with the year documents.yaml knows for an identifier cited without one."""
    ident = m.ref.identifier
    if ident and not m.ref.year and ident in known:
        return iri("doc", f"{slug(ident)}-{known[ident]}")
    return m.iri


def _number_and_code(identifier: str) -> tuple[str, str]:
    """"11-NQ/TW" -> ("NQ", "11"): the key a reference by type and number looks up."""
    number, rest = identifier.split("-", 1)
    return rest.split("/")[0], number
