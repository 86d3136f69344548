"""Document metadata from the text (letterhead, dateline, signature), overridden by a sidecar."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from graph.analyse import gazetteer as gz
from graph.lexicon import Lexicon
from graph.ontology import document_types
from graph.records import DocumentMeta, Mention, NormalText, Segmented, SourceDocument
from graph.analyse.recognise import doc_iri
from graph.vocab import MG, iri

_WEB_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?: \d{1,2}:\d{2})?")


def document_meta(source: SourceDocument, normal: NormalText, segmented: Segmented,
                  mentions: tuple[Mention, ...], lexicon: Lexicon) -> DocumentMeta:
    docs = lexicon.documents
    head = normal.text[:1500]
    number = type_code = issuer_code = identifier = None
    m = docs.identifier_line.search(head)
    if m:
        number, type_code, issuer_code = m.groups()
        identifier = f"{number}-{type_code}/{issuer_code}"
    issued = _first_date(head, normal, (docs.dateline, docs.meeting_date))
    signature_blocks = [b for b in segmented.blocks if b.kind == "signature"]
    issuer, signer = _signature(normal, signature_blocks, lexicon)
    if issuer is None and issuer_code:
        name = docs.issuer_codes.get(issuer_code)
        issuer = iri("body", name) if name else None
    web = any(b.kind == "boilerplate" for b in segmented.blocks) or _WEB_DATE.match(normal.text.split("\n", 2)[1] if "\n" in normal.text else "") is not None
    if type_code is None:
        if docs.conclusion.search(normal.key[:2000]):
            type_code = "KL"
        elif web or not signature_blocks:
            type_code = _news_code()
    title = _title(normal, segmented, docs.not_titles)
    side = source.sidecar
    if side.get("identifier"):
        identifier = side["identifier"]
        parts = re.match(r"(\d+)-([^/]+)/(.+)", identifier)
        if parts:
            number, type_code, issuer_code = parts.groups()
    type_code = side.get("type", type_code)
    if side.get("issued"):
        issued = date.fromisoformat(side["issued"])
    if side.get("issuer"):
        issuer = iri("body", side["issuer"])
    signer = side.get("signer", signer)
    title = side.get("title", title)
    return DocumentMeta(identifier=identifier, number=number, type_code=type_code, issuer=issuer,
                        issuer_code=issuer_code, issued=issued, signer=signer, title=title,
                        iri=corpus_doc_iri(source.name, identifier, issued, type_code, issuer))


def _news_code() -> str:
    """The type code of news pages: the ontology's document type whose class is mg:NewsArticle."""
    return next(code for code, t in document_types().items() if t.cls == str(MG.NewsArticle))


def corpus_doc_iri(name: str, identifier, issued, type_code, issuer) -> str:
    if identifier:
        return doc_iri(identifier, issued.year if issued else None)
    if type_code and type_code != _news_code() and issuer and issued:
        return iri("doc", f"{type_code}-{issuer.rsplit('/', 1)[1]}-{issued.isoformat()}")
    return iri("doc", f"file-{Path(name).stem}")


def _first_date(head: str, normal: NormalText, datelines) -> date | None:
    dateline, meeting = datelines
    for pattern in (dateline, _WEB_DATE, meeting):
        m = pattern.search(head if pattern is not meeting else normal.text[:600])
        if m:
            try:
                return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except ValueError:
                continue
    return None


def _signature(normal: NormalText, blocks, lexicon: Lexicon) -> tuple[str | None, str | None]:
    """"T/M BỘ CHÍNH TRỊ" names the issuer; the name after the signature block, the signer."""
    if not blocks:
        return None, None
    text = normal.text[blocks[0].start:blocks[-1].end]
    key = normal.key[blocks[0].start:blocks[-1].end]
    issuer = None
    m = lexicon.layout.signature_line.search(text)
    if m:
        matcher = gz.body_matcher(lexicon)
        found = next(gz.at_word_start(matcher.pattern, key, m.start(1), m.end(1)), None)
        if found:
            body, contextual = matcher.table[found.group(1)]
            issuer = body
    name = next(gz.at_word_start(lexicon.persons.name, text), None)
    return issuer, (name.group(0) if name else None)


def _title(normal: NormalText, segmented: Segmented, not_titles: tuple[str, ...]) -> str | None:
    """The first paragraph in capitals after the dateline, or the first line of a web page."""
    for b in segmented.blocks[:12]:
        text = normal.text[b.start:b.end]
        if b.kind == "heading" and len(text) > 25 and text.isupper() and not any(w in text for w in not_titles):
            return text
    first = segmented.blocks[0] if segmented.blocks else None
    if first is not None and first.kind == "heading":
        return normal.text[first.start:first.end]
    return None

