"""Document metadata from the text (letterhead, dateline, signature), overridden by a sidecar."""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache
from pathlib import Path

from graph.analyse import gazetteer as gz
from graph.analyse.normalise import in_capitals, without_emphasis
from graph.lexicon import Lexicon
from graph.ontology import document_types
from graph.records import BodyRef, DocumentMeta, NormalText, Segmented, SourceDocument
from graph.analyse.recognise import cut_name, document_reference
from graph.analyse.references import doc_iri
from graph.analyse.addressees import addressees
from graph.vocab import MG, iri

_WEB_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?: \d{1,2}:\d{2})?")


def document_meta(source: SourceDocument, normal: NormalText, segmented: Segmented, lexicon: Lexicon) -> DocumentMeta:
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
    if type_code is None:
        if docs.conclusion.search(normal.key[:2000]):
            type_code = "KL"
        elif normal.web or not signature_blocks:
            type_code = _news_code()
    title = _title(normal, segmented, docs.not_titles)
    named: dict = {}                               # bodies the header names that the gazetteer lacks
    head = read_header(normal.text if source.media == "html" else source.text, lexicon, named) if docs.header else {}
    if head.get("identifier"):
        identifier, number, issuer_code = head["identifier"], head["number"], head["issuer_code"]
    site = site_record(normal.text[:6000], lexicon, named) if not head.get("identifier") else {}
    if site.get("identifier"):
        identifier, number, issuer_code = site["identifier"], site["number"], site["issuer_code"]
    type_code = head.get("type_code") or site.get("type_code") or type_code
    issued = head.get("issued") or site.get("issued") or issued
    issuer = head.get("issuer") or issuer or site.get("issuer")
    signer = head.get("signer") or signer or site.get("signer")
    title = head.get("title") or title
    if type_code == _news_code():
        issuer, issued = _news_source(normal.text, lexicon, named) or issuer, _news_published(normal.text, lexicon) or issued
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
    if title is not None:                          # as a reader sees it, without markdown's marks
        title = without_emphasis(title) or None
    return DocumentMeta(identifier=identifier, number=number, type_code=type_code, issuer=issuer,
                        issuer_code=issuer_code, issued=issued, signer=signer, title=title,
                        iri=corpus_doc_iri(source.name, identifier, issued, type_code, issuer),
                        authority=head.get("authority"), addressees=head.get("addressees", ()),
                        signer_post=head.get("signer_post"), place=head.get("place"),
                        named=tuple(sorted((b, ref) for b, ref in named.items() if b in (issuer, head.get("authority")))))


def site_record(text: str, lexicon: Lexicon, named: dict | None = None) -> dict:
    """The fields a legal-document site records above a capture it lost the header of ("Số hiệu: |
    17899/BTC-VP", "Loại văn bản: | Công văn"; documents.yaml ``site_fields``): only what is found."""
    docs = lexicon.documents
    if not docs.site_fields:
        return {}
    fields = {docs.site_fields[m.group(1)]: m.group(2).strip()
              for m in docs.site_line.finditer(text) if m.group(1) in docs.site_fields}
    out: dict = {}
    parts = re.fullmatch(r"(\d{1,5})/(?:(\d{4})/)?([^\s/-]+)-(\S+)", fields.get("identifier", ""))
    if parts:
        number, year, first, second = parts.groups()
        out.update(identifier=fields["identifier"], number=number,
                   issuer_code=second if first in document_types() else first)
    names = {t.vi.lower(): code for code, t in document_types().items() if t.vi}
    if fields.get("type", "").lower() in names:
        out["type_code"] = names[fields["type"].lower()]
    day = _WEB_DATE.fullmatch(fields.get("issued", ""))
    if day:
        try:
            out["issued"] = date(int(day.group(3)), int(day.group(2)), int(day.group(1)))
        except ValueError:
            pass
    if fields.get("issuer"):
        out["issuer"] = _issuer(fields["issuer"], lexicon, named)
    if lexicon.persons.name.fullmatch(fields.get("signer", "")):
        out["signer"] = fields["signer"]
    return out


def _news_source(text: str, lexicon: Lexicon, named: dict) -> str | None:
    """The body a news page says it comes from ("Theo Cổng Thông tin điện tử Chính phủ")."""
    pattern = lexicon.documents.news_source
    m = re.search(pattern, text) if pattern else None
    return _issuer(m.group(1), lexicon, named) if m else None


def _news_published(text: str, lexicon: Lexicon) -> date | None:
    """A news page's publication date ("Giờ đăng: 11:28 ngày 10/06/2025")."""
    pattern = lexicon.documents.news_published
    m = re.search(pattern, text) if pattern else None
    try:
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1))) if m else None
    except ValueError:
        return None


@lru_cache(maxsize=None)         # the ontology's, read once
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
    return issuer, (cut_name(text, name.start(), name.group(0), lexicon.compiled(document_reference))
                    if name else None)


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


# ------------------------------------------------------------------ the header and the closing
def read_header(text: str, lexicon: Lexicon, named: dict | None = None) -> dict:
    """The fields of an official document's header and closing (documents.yaml ``header``): the
    issuing body, number and symbol, place and date, type and title, addressees, enacting
    authority, signer and post. Only what is found is in the result. ``text``: the document's text
    rendition with its lines (the normalised text, for an HTML page)."""
    text = unicodedata.normalize("NFC", text)
    pat = lexicon.documents.head
    motto = pat["motto"].search(text)
    if motto is None:
        return {}
    out: dict = {}
    line_start = text.rfind("\n", 0, motto.start()) + 1
    before = text[line_start:motto.start()].rstrip(" |")
    if not before.strip():                        # the issuer on the lines above the motto's
        prev = text.rfind("\n", 0, max(line_start - 1, 0)) + 1
        before = text[prev:line_start].strip(" |\n")
    issuer = _issuer(before, lexicon, named)
    if issuer:
        out["issuer"] = issuer
    region = text[motto.start():motto.start() + 1500]
    codes = document_types()
    m = pat["number"].search(region)
    if m:
        number, year, first, second = m.groups()
        known = first in codes
        out.update(number=number, identifier=f"{number}/{year + '/' if year else ''}{first}-{second}",
                   type_code=first if known else None, issuer_code=second if known else first)
    d = pat["dateline"].search(region)
    if d:
        try:
            out["issued"] = date(int(d.group(4)), int(d.group(3)), int(d.group(2)))
        except ValueError:
            pass
        out["place"] = d.group(1).strip(" |-")
    after = d.end() if d else (m.end() if m else 0)
    rest = region[after:]
    names = {t.vi.upper(): code for code, t in codes.items() if t.vi}
    lines = [ln.strip(" |") for ln in rest.split("\n")]
    type_at = next((k for k, ln in enumerate(lines[:4]) if ln in names), None)
    subject = pat["letter_subject"].search(region[:after] if d else region)
    if subject and m and type_at is None:             # a letter: the code before the dash is its issuer's
        out.update(type_code="CV", issuer_code=m.group(3))
    if type_at is not None:
        out["type_code"] = out.get("type_code") or names[lines[type_at]]
        title = []
        for ln in lines[type_at + 1:type_at + 6]:
            if not ln or not in_capitals(ln) or pat["authority_line"].match(ln):
                break
            title.append(ln)
        if title and (len(title) > 1 or not _is_authority(title[-1], lexicon)):
            out["title"] = " ".join(title)
    elif subject:
        out["type_code"] = out.get("type_code") or "CV"
        out["title"] = subject.group(1).strip()
    auth = _authority(rest, pat, lexicon, named)
    if auth:
        out["authority"] = auth
    out["addressees"] = addressees(rest, pat, lexicon)
    out.update(_signature_block(text, motto.end() + after, pat, lexicon))
    return out


def _bodies(text: str, lexicon: Lexicon) -> list:
    """The gazetteer's bodies named in ``text``, in order: (start, end, IRI)."""
    matcher = gz.body_matcher(lexicon)
    key = normalise_key(text)
    return [(f.start(1), f.end(1), matcher.table[f.group(1)][0])
            for f in gz.at_word_start(matcher.pattern, key, 0, len(key))
            if not matcher.table[f.group(1)][1]]          # never a contextual alias ("ủy ban nhân dân")


def normalise_key(text: str) -> str:
    from graph.analyse.normalise import lower_key
    return lower_key(text)


def _name_iri(text: str, lexicon: Lexicon, named: dict | None, parent: str | None = None) -> str | None:
    """A body the gazetteer does not list, by its own words ("CỤC THUẾ"): only words opening with
    a body's head (bodies.yaml ``heads``); others are a fragment of a line ("trên địa bàn tỉnh
    Đồng Tháp", "giai đoạn 2026 2030"), no body. ``named`` receives its description."""
    from graph.analyse.normalise import normalise_phrase
    words = " ".join(text.split()).strip(" |-–,.*")
    key = normalise_phrase(words)
    pattern, heads = gz.body_patterns(lexicon)
    head = pattern.match(key)
    spec = heads[head.group(1)] if head else None
    if spec is None or (spec.requires and normalise_phrase(spec.requires) not in key):
        return None
    body = iri("body", key)
    if named is not None:
        named.setdefault(body, BodyRef(name=words, cls=spec.cls, body_kind=spec.kind,
                                       parent=parent or (iri("body", spec.parent) if spec.parent else None)))
    return body


def _issuer(cell: str, lexicon: Lexicon, named: dict | None = None) -> str | None:
    """The issuing body: the last body the issuer cell names, the parent standing above it
    ("BỘ TÀI CHÍNH CỤC THUẾ"); where the words after the parent are more than a body the
    gazetteer knows ("VĂN PHÒNG CHÍNH PHỦ"), the body those words name."""
    cell = " ".join(cell.split()).strip(" |-–")
    if not cell:
        return None
    found = _bodies(cell, lexicon)
    if found and sum(c.isalpha() for c in cell[found[-1][1]:]) >= 3:
        return _name_iri(cell[found[-1][1]:], lexicon, named, found[-1][2])   # a body under its named parent
    begin = found[-2][1] if len(found) > 1 else 0
    tail = cell[begin:].strip()
    if found and cell[found[-1][0]:].strip() == tail:
        return found[-1][2]
    return _name_iri(tail, lexicon, named)


def _is_authority(line: str, lexicon: Lexicon) -> bool:
    return bool(_bodies(line, lexicon)) and len(line) < 80


def _authority(rest: str, pat: dict, lexicon: Lexicon, named: dict | None = None) -> str | None:
    """The enacting authority: a telegram's "X điện:", or the line in capitals before the legal
    basis; a post stands for its body ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X": the committee)."""
    m = pat["authority_line"].search(rest[:1200])
    line = m.group(1) if m else None
    if line is not None and rest[:m.start(1)].endswith("\n"):
        # "THỦ / TƯỚNG CHÍNH PHỦ điện:": a capture broke the post's line after its first word
        word = rest[:m.start(1) - 1].rsplit("\n", 1)[-1].strip(" |*")
        joined = f"{word} {line}"
        if len(word.split()) == 1 and in_capitals(word) and any(b[0] == 0 for b in _bodies(joined, lexicon)):
            line = joined
    if line is None:
        basis = pat["basis"].search(rest[:3000])
        if basis:
            prev = rest[:basis.start()].rstrip("\n").rsplit("\n", 1)[-1].strip(" |")
            # the line must name a body: a title running over lines ("... KINH / DOANH CASINO")
            # may end right above the basis when the enacting formula follows it instead
            line = prev if in_capitals(prev) and len(prev) < 120 and _bodies(prev, lexicon) else None
    if not line:
        return None
    return _issuer(line, lexicon, named)


def _signature_block(text: str, start: int, pat: dict, lexicon: Lexicon) -> dict:
    """The signer and the post signed as: the post lines in capitals ("KT. THỦ TƯỚNG" / "PHÓ THỦ
    TƯỚNG") then the person's name, found after the last "Nơi nhận:" or after a signature mark
    at a line's start (a cell's start: "| KT. BỘ TRƯỞNG")."""
    recipients = re.compile(r"(?m)^[|\s]*(?:%s)" % "|".join(lexicon.layout.recipients))
    anchors = [r.start() for r in recipients.finditer(text, start)][-1:]
    for m in lexicon.layout.signature_mark.finditer(text, start):
        ln_start = text.rfind("\n", 0, m.start()) + 1
        if text[ln_start:m.start()].strip(" |") == "" or text[ln_start:m.start()].rstrip().endswith("|"):
            anchors.append(m.start())
    for anchor in anchors:
        found = _signer(text[anchor:anchor + 2000], pat, lexicon)
        if found:
            return found
    return {}


def _signer(window: str, pat: dict, lexicon: Lexicon) -> dict:
    for found in gz.at_word_start(lexicon.persons.name, window):
        before = window[:found.start()].rstrip(" \n|")
        prev_line = re.split(r"\n|\|", before)[-1].strip()
        if (not before or not _caps_tail(prev_line) or sum(c.isalpha() for c in prev_line) < 3
                or lexicon.layout.starts_item.match(prev_line) or prev_line.startswith(("-", "+"))):
            continue
        name = window[found.start():found.end()].split("\n")[0].strip()
        name = cut_name(window, found.start(), name, lexicon.compiled(document_reference))
        out = {"signer": name}
        post = lexicon.layout.signature_mark.sub("", prev_line).strip(" ,")
        if in_capitals(post):
            out["signer_post"] = post[:1] + post[1:].lower()
        return out
    return None


def _caps_tail(line: str) -> bool:
    words = line.replace("|", " ").split()
    return bool(words) and all(c.isupper() for w in words[-2:] for c in w if c.isalpha())
