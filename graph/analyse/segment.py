"""Stage 3, segment: paragraphs, headings, list items and sentences, as a tree with offsets.

Every block knows its heading path and, for list items, the lead-in paragraph whose ":"
introduces them, so that extraction can hand the lead-in's assigner and assignees to each item.
"""
from __future__ import annotations

import re

from graph.analyse.normalise import in_capitals
from graph.lexicon import Layout, Lexicon
from graph.records import Block, NormalText, Segmented, Sentence

_PARAGRAPH = re.compile(r"[^\n]+")
_TITLE_MAX = 160
_SYMBOLS = re.compile(r"^[\W_]+$")
PARAGRAPH_LEVEL = 5.5


def segment(normal: NormalText, lexicon: Lexicon) -> Segmented:
    text = normal.text
    layout = lexicon.layout
    blocks: list[Block] = []
    headings: list[tuple[float, str]] = []
    leads: list[tuple[float, int]] = []          # open lead-ins: (level, block index)
    zone = "body"
    last_item: Block | None = None
    for m in _PARAGRAPH.finditer(text):
        para, start, end = m.group(0), m.start(), m.end()
        zone = _zone(para, zone, layout)
        kind, marker, level = _classify(para, normal.web, layout)
        continues = None
        if zone != "body" or layout.boilerplate.match(para) or _SYMBOLS.match(para):
            blocks.append(Block(len(blocks), zone if zone != "body" else "boilerplate", marker, 99,
                                start, end, _path(headings), None))
            continue
        if kind == "heading":
            headings = [h for h in headings if h[0] < level] + [(level, _title(para, marker))]
            leads = []
            last_item = None
        elif kind == "paragraph" and last_item is not None:
            kind, marker, level = "item", "", last_item.level   # continues the item above
            continues = last_item.continues if last_item.continues is not None else last_item.index
        elif kind == "paragraph" and leads and leads[-1][0] <= PARAGRAPH_LEVEL and not para.endswith(":"):
            kind, level = "item", leads[-1][0] + 0.25                     # unmarked item of a lead-in
        leads = [ld for ld in leads if ld[0] < level]
        block = Block(len(blocks), kind, marker, level, start, end, _path(headings),
                      leads[-1][1] if leads and kind == "item" else None, continues)
        blocks.append(block)
        if kind == "item" and (marker or continues is not None):
            last_item = block
        elif kind != "item":
            last_item = None
        if para.rstrip().endswith(":") and kind != "heading":
            leads.append((level, block.index))
    sentences = tuple(s for b in blocks if b.kind in ("heading", "item", "paragraph")
                      for s in _sentences(text, b, layout))
    return Segmented(tuple(blocks), sentences)


def _zone(para: str, zone: str, layout: Layout) -> str:
    if zone == "boilerplate":
        return zone
    if layout.ends_article.match(para):
        return "boilerplate"
    if layout.starts_recipients.match(para):
        return "recipients"
    if zone == "annex" or zone in ("recipients", "signature") and layout.starts_annex.match(para) \
            and not layout.starts_signature.match(para):
        return "annex"                         # an annex after the signature: its names count (its
                                               # rules and task tables are read apart, as tables)
    if zone in ("recipients", "signature") or layout.starts_signature.match(para):
        return "signature" if zone == "signature" or layout.starts_signature.match(para) else zone
    return zone


def _classify(para: str, web: bool, layout: Layout) -> tuple[str, str, float]:
    for pattern, level in layout.item_ranks:
        m = pattern.match(para)
        if m:
            return "item", m.group(0).strip(), level
    for pattern, level in layout.heading_ranks:
        m = pattern.match(para)
        if m:
            return "heading", m.group(0).strip(), level     # numbered: opens a section, long or not
    if in_capitals(para, least=6) and len(para) < 400:     # a heading in capitals
        return "heading", "", 1
    if web and len(para) <= layout.web_heading_max and not para.endswith((".", ":", ";", "…", "!", "?")):
        return "heading", "", 2
    return "paragraph", "", PARAGRAPH_LEVEL


def _title(para: str, marker: str) -> str:
    """A heading's title: without its marker, up to the first colon or full stop."""
    title = para[len(marker):].strip() if marker and para.startswith(marker) else para
    return re.split(r"(?<=\w)[:.](?:\s|$)", title, maxsplit=1)[0][:_TITLE_MAX].strip()


def _path(headings: list[tuple[float, str]]) -> tuple[str, ...]:
    return tuple(h for _, h in headings)


def _sentences(text: str, block: Block, layout: Layout) -> list[Sentence]:
    start = block.start
    if block.marker and text.startswith(block.marker, start):
        start += len(block.marker)
        while start < block.end and text[start] == " ":
            start += 1
    abbrev = layout.abbreviations
    out, pos = [], start
    for m in layout.sentence_break.finditer(text, start, block.end):
        space = text.rfind(" ", pos, m.start())          # the last word before the break
        word = text[space + 1 if space >= 0 else pos:m.start()].rstrip(".")
        if word in abbrev:
            continue
        out.append(Sentence(block.index, pos, m.start()))
        pos = m.end()
    if pos < block.end:
        out.append(Sentence(block.index, pos, block.end))
    return [s for s in out if s.end > s.start]


def coverage_warning(segmented: Segmented, lexicon: Lexicon) -> str | None:
    """One line when the sentences cover less of the document's own text (its blocks other than
    boilerplate) than layout.yaml's ``coverage_min``: text the segmentation lost to recipients or
    signature zones that ran on, or never split."""
    minimum = lexicon.layout.coverage_min
    own = sum(b.end - b.start for b in segmented.blocks if b.kind not in ("boilerplate", "annex"))
    covered = sum(s.end - s.start for s in segmented.sentences)
    if not minimum or own < 200 or covered >= minimum * own:
        return None
    return f"segmentation covers {covered / own:.0%} of the text (under {minimum:.0%})"
