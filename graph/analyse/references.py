"""Stage 4, recognise: references to documents (identifiers "15/2024/NĐ-CP", "06-NQ/TW", bare
"Kết luận 150", named documents). Part of recognise, apart to keep each module small."""
from __future__ import annotations

import re
from datetime import date

from graph.analyse import gazetteer as gz
from graph.analyse.prefilter import PatternSet
from graph.lexicon import Lexicon
from graph.ontology import document_types
from graph.records import DocumentRef, Mention, NormalText
from graph.vocab import iri, slug


def type_words() -> dict[str, str]:
    return {t.word: code for code, t in document_types().items() if t.word}


def _document_patterns(lexicon: Lexicon) -> tuple:
    """The type-word prefix of an identifier, bare references ("Kết luận 150"), named documents."""
    words = type_words()
    word_re = gz.trie(words)
    docs = lexicon.documents
    prefix = re.compile(docs.type_prefix.replace("{words}", word_re))
    bare = re.compile(docs.bare_reference.replace("{words}", word_re))
    # each named document's pattern is tried only on a document holding one of its literal strings
    named = PatternSet((re.compile(r"(?:%s)(?!\w)" % spec.pattern), spec) for spec in docs.named)
    return words, prefix, bare, named


def identifier_patterns(lexicon: Lexicon) -> tuple[re.Pattern, re.Pattern]:
    """Party identifiers (06-NQ/TW) and state ones (15/2024/NĐ-CP, laws 45/2019/QH14), over the
    type codes the ontology marks as written in identifiers (mg:inIdentifiers)."""
    codes = gz.trie(c for c, t in document_types().items() if t.in_identifiers)   # longest first: CTr, CT
    docs = lexicon.documents
    return (re.compile(docs.party_identifier.replace("{codes}", codes)),
            re.compile(docs.state_identifier.replace("{codes}", codes)))


def documents(normal: NormalText, i: int, j: int, lexicon: Lexicon) -> list[Mention]:
    words, prefix, bare, named = lexicon.compiled(_document_patterns)
    party, state = lexicon.compiled(identifier_patterns)
    date_after = lexicon.documents.date_after
    out = []
    if normal.text.find("/", i, j) >= 0:       # every identifier has one; most paragraphs none
        for m in party.finditer(normal.text, i, j):
            number, code, issuer = m.groups()
            out.append(_doc_mention(normal, m, prefix, date_after, number, code, issuer, None, state=False))
        for m in state.finditer(normal.text, i, j):
            number, year, code, issuer, law = m.groups()
            out.append(_doc_mention(normal, m, prefix, date_after, number, code or "L", issuer or law, year,
                                    state=True))
    compounds = lexicon.documents.not_documents
    for m in gz.at_word_start(bare, normal.key, i, j):
        before = normal.key[max(0, m.start() - 12):m.start()]
        if any((before + m.group(1)).endswith(c) for c in compounds):
            continue                      # "kỷ luật 101 tổ chức": discipline, not Law 101
        code = words[m.group(1)]
        out.append(Mention("document", iri("doc", f"{m.group(2)}-{code}"), m.start(), m.end(),
                           normal.text[m.start():m.end()], "document-bare",
                           DocumentRef(type_code=code, number=m.group(2), partial=True)))
    for pattern, spec in named.possible(normal.key):
        for m in gz.at_word_start(pattern, normal.key, i, j):
            s, e = m.start(), m.end()
            out.append(Mention("document", iri("doc", spec.identifier or spec.name), s, e,
                               normal.text[s:e], "document-named",
                               DocumentRef(type_code=spec.type, name=spec.name, identifier=spec.identifier,
                                           issuer=iri("body", spec.issuer) if spec.issuer else None,
                                           year=int(spec.year) if spec.year else None)))
    return out


def _doc_mention(normal, m, prefix, date_after, number, code, issuer, year, *, state: bool) -> Mention:
    identifier = f"{number}/{year}/{issuer}" if code == "L" else (
        f"{number}/{year}/{code}-{issuer}" if year else (f"{number}/{code}-{issuer}" if state else f"{number}-{code}/{issuer}"))
    start = m.start()
    pre = prefix.search(normal.key, max(0, start - 20), start)
    if pre:
        start = pre.start()
    end, issued = m.end(), None
    d = date_after.match(normal.text, m.end())
    if d:
        try:
            issued = date(int(d.group(3)), int(d.group(2)), int(d.group(1)))
            year = year or d.group(3)
            end = d.end()
        except ValueError:
            pass
    return Mention("document", doc_iri(identifier, int(year) if year else None), start, end,
                   normal.text[start:end], "document-identifier",
                   DocumentRef(type_code=code, number=number, issuer_code=issuer, identifier=identifier,
                               year=int(year) if year else None, issued=issued))


def doc_iri(identifier: str, year: int | None) -> str:
    """Party numbers restart every term, so the year is part of the IRI where known."""
    key = slug(identifier)
    return iri("doc", f"{key}-{year}" if year and str(year) not in identifier else key)
