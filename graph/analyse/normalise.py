"""Stage 2, normalise: the form texts are matched in, never quoted in.

Each step maps its output back to its input, character by character, and the maps are composed,
so that every span of the normalised text has exact source offsets (``text[start:end] == quote``).
Steps: HTML to text; NFC; layout (PDF line breaks joined, paragraphs kept as "\\n", white space
collapsed, identifiers split across lines rejoined, page numbers dropped); modern tone placement
(uỷ -> ủy, hoá -> hóa); a lower-case twin for matching.
"""
from __future__ import annotations

import html as htmllib
import re
import statistics
import unicodedata
from bisect import bisect_left
from functools import lru_cache

from graph.lexicon import Lexicon
from graph.records import NormalText, OffsetMap


class _Builder:
    """Accumulates output text with the input span each piece came from (an OffsetMap)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.out: list[int] = []
        self.src: list[int] = []
        self.src_end: list[int] = []
        self.copied: list[bool] = []

    def _run(self, length: int, i: int, j: int, copied: bool) -> None:
        if not length:
            return
        if copied and self.copied and self.copied[-1] and self.src_end[-1] == i:
            self.src_end[-1] = j                          # extends the copy before it
        else:
            self.out.append(self.size)
            self.src.append(i)
            self.src_end.append(j)
            self.copied.append(copied)
        self.size += length

    def copy(self, src: str, i: int, j: int) -> None:
        self.parts.append(src[i:j])
        self._run(j - i, i, j, True)

    def put(self, text: str, i: int, j: int) -> None:
        self.parts.append(text)
        self._run(len(text), i, j, False)

    def result(self) -> tuple[str, OffsetMap]:
        return "".join(self.parts), OffsetMap(tuple(self.out), tuple(self.src), tuple(self.src_end),
                                              tuple(self.copied))


def normalise(text: str, lexicon: Lexicon, *, html: bool = False) -> NormalText:
    """The normalised form of ``text`` with its map back to ``text``."""
    return _normalise(text, lexicon, html)


def _normalise(text: str, lexicon: Lexicon | None, html: bool) -> NormalText:
    maps = []
    current = text
    web = []                                    # decided once, on the lines the layout step joins

    def layout(src: str) -> tuple[str, OffsetMap | None]:
        lines = _content_lines(src)
        web.append(web_page(t for _, _, t in lines))
        return _layout(src, lines, web[0], lexicon)

    for step in ([_html_to_text] if html else []) + [_nfc, layout, _modern_tone]:
        out, offsets = step(current)
        if offsets is not None:                         # None: the step changed nothing
            maps.append(offsets)
            current = out
    if not maps:
        maps.append(OffsetMap((0,), (0,), (len(text),), (True,)))
    return NormalText(source=text, text=current, key=lower_key(current), maps=tuple(maps), web=web[0])


@lru_cache(maxsize=4096)
def normalise_phrase(text: str) -> str:
    """The matching key of a short phrase (a gazetteer alias, a cue word): one line, which no
    layout rule of the lexicon applies to."""
    return _normalise(text, None, False).key


def display_form(text: str) -> str:
    """A surface form fit for a label: NFC, one space for any run of spaces and line breaks.
    Unlike the matching key it keeps the writer's letters and tone placement ("Thành uỷ")."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def lower_key(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


# ------------------------------------------------------------------ HTML
_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td",
               "th", "table", "section", "article", "header", "blockquote", "pre", "hr", "dd", "dt",
               "figcaption", "main", "body", "title"}
# Elements whose content never carries facts: code, navigation, sidebars, footers.
_DROPPED = "script|style|head|noscript|nav|aside|footer|form|iframe|svg|template"
_HTML_TOKEN = re.compile(
    rf"<!--.*?-->|<({_DROPPED})\b[^>]*>.*?</\1\s*>|<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|<![^>]*>"
    r"|&(#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);?",
    re.S | re.I)


# _HTML_TOKEN, scanned in linear time. Its comment and dropped-element branches end in a lazy
# ".*?" that, for an opening without its closing ("<script>" with no "</script>"), runs to the end
# of the page before failing: quadratic in a page with many. So the scan matches only their
# openings (_HTML_OPEN, the same alternatives in the same order) and looks the closing up in a
# sorted index of every "-->" and "</NAME>" of the page; without one, the opening is what the
# next alternative of _HTML_TOKEN makes of it ("<![^>]*>" for "<!--", a plain tag for "<script>").
# Every alternative that starts with "<" ends with ">", so the scan for them stops after the
# page's last ">": a "[^>]*" with no ">" after it would otherwise run to the end each time.
_HTML_OPEN = re.compile(
    rf"(<!--)|<({_DROPPED})\b[^>]*>|<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|<![^>]*>"
    r"|&(#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);?",
    re.S | re.I)
_HTML_DECLARATION = re.compile(r"<![^>]*>")
_HTML_ENTITY = re.compile(r"&(#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);?")
_HTML_CLOSE = re.compile(rf"-->|</({_DROPPED})\s*>", re.I)


class _Token:
    """What _HTML_TOKEN would have matched: its span, and the tag name of a plain tag."""
    __slots__ = ("start", "end", "text", "tag")

    def __init__(self, src: str, start: int, end: int, tag: str | None) -> None:
        self.start, self.end, self.text, self.tag = start, end, src[start:end], tag


def _html_tokens(src: str):
    """The matches of ``_HTML_TOKEN.finditer(src)``, found in linear time (see _HTML_OPEN)."""
    closes: dict[str, tuple[list[int], list[int]]] = {}    # "-->" or element name -> (starts, ends)
    for c in _HTML_CLOSE.finditer(src):
        starts, ends = closes.setdefault((c.group(1) or "-->").lower(), ([], []))
        starts.append(c.start())
        ends.append(c.end())
    def closing(name: str, at: int) -> int | None:
        """The end of the first closing of ``name`` that starts at or after ``at``."""
        starts, ends = closes.get(name, ((), ()))
        k = bisect_left(starts, at)
        return ends[k] if k < len(starts) else None
    last = src.rfind(">") + 1
    pos = 0
    while pos < last:
        m = _HTML_OPEN.search(src, pos, last)
        if m is None:
            break
        end, tag = m.end(), None
        if m.group(1):                                       # "<!--"
            end = closing("-->", m.end())
            if end is None:
                d = _HTML_DECLARATION.match(src, m.start(), last)
                if d is None:                                # "<!--" and no ">" after: no token here
                    pos = m.start() + 1
                    continue
                end = d.end()
        elif m.group(2):                                     # "<script ...>": up to "</script>"
            end = closing(m.group(2).lower(), m.end())
            if end is None:
                end, tag = m.end(), m.group(2)               # a plain tag, and no block tag
        elif m.group(4):
            tag = m.group(4)
        yield _Token(src, m.start(), end, tag)
        pos = end
    for m in _HTML_ENTITY.finditer(src, max(pos, last)):     # after the last ">": entities only
        yield _Token(src, m.start(), m.end(), None)


def _html_to_text(src: str) -> tuple[str, OffsetMap]:
    b, pos = _Builder(), 0
    cells = 0                                   # cells opened in the current table row
    for m in _html_tokens(src):
        b.copy(src, pos, m.start)
        tag = m.tag.lower() if m.tag else None
        if m.text.startswith("&"):
            decoded = htmllib.unescape(m.text)
            b.put(decoded if decoded != m.text else m.text, m.start, m.end)
        elif tag in ("td", "th") and not m.text.startswith("</"):
            b.put(" | " if cells else "\n", m.start, m.end)   # a row: "cell | cell", as other formats
            cells += 1
        elif tag in ("td", "th"):
            pass                                # a cell's end: the next cell or row says what follows
        elif tag in _BLOCK_TAGS:
            cells = 0 if tag in ("tr", "table") else cells
            b.put("\n", m.start, m.end)
        pos = m.end
    b.copy(src, pos, len(src))
    return b.result()


# ------------------------------------------------------------------ Unicode
# a base letter with its combining marks; a mark after white space stays alone, so a quote never
# starts with the line break it followed (found by the property test)
_CLUSTER = re.compile(r"[^\s][\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def _nfc(src: str) -> tuple[str, OffsetMap | None]:
    if unicodedata.is_normalized("NFC", src):
        return src, None
    b, pos = _Builder(), 0
    for m in _CLUSTER.finditer(src):
        b.copy(src, pos, m.start())
        b.put(unicodedata.normalize("NFC", m.group(0)), m.start(), m.end())
        pos = m.end()
    b.copy(src, pos, len(src))
    return b.result()


# Old tone placement (hoá, uỷ) to the modern one (hóa, ủy), only where the vowel pair ends the
# syllable and "u" is a vowel (quý keeps its form): a length-preserving swap of the tone mark.
_TONES = "\u0300\u0301\u0309\u0303\u0323"


def _tone_pairs() -> dict[str, str]:
    pairs = {}
    for first, seconds in (("o", "ae"), ("O", "AE"), ("u", "y"), ("U", "Y")):
        for second in seconds:
            for tone in _TONES:
                old = first + unicodedata.normalize("NFC", second + tone)
                new = unicodedata.normalize("NFC", first + tone) + second
                pairs[old] = new
                pairs[old[0] + old[1].lower()] = new[0] + new[1].lower()
    return pairs


_TONE_MAP = _tone_pairs()
# the "not after q" check comes after the pair, so that the regex engine can skip to the pairs
_OLD_TONE = re.compile(r"(%s)(?<![qQ]..)(?!\w)" % "|".join(map(re.escape, _TONE_MAP)))


def _modern_tone(src: str) -> tuple[str, OffsetMap | None]:
    """Swaps the tone mark of each old-style pair; the pair maps to its whole source span."""
    b, pos = _Builder(), 0
    for m in _OLD_TONE.finditer(src):
        b.copy(src, pos, m.start())
        b.put(_TONE_MAP[m.group(1)], m.start(), m.end())
        pos = m.end()
    if not b.parts:
        return src, None
    b.copy(src, pos, len(src))
    return b.result()


# ------------------------------------------------------------------ layout
_LINE = re.compile(r"[^\r\n\f\v\u2028\u2029]+")
# white space other than one plain space (a single " " is copied as it is, which is most of them)
_SPACE = re.compile(r"[^\S\n]{2,}|[^\S\n ]")
_PAGE_NUMBER = re.compile(r"^(?:-\s*)?\d{1,3}(?:\s*-)?$|^(?:Trang|Page)\s+\d+(?:\s*/\s*\d+)?$")
_SYMBOLS = re.compile(r"^[\W_]+$")
_SENTENCE_END = re.compile(r"(?:[.:;!?…]|[.!?…][”\"»)’])$")
TABLE_ROW = " | "                # a table row as text renditions write it: one row a line
WEB_LINE = 120                  # median line length above which every line is a paragraph
SHORT_LINE = 0.6                # a line under 0.6 of the median length ends its paragraph (PDF text)


def web_page(lines) -> bool:
    """The one rule that says a text is a web page's (NormalText.web, read by segment and metadata):
    pages put a paragraph on a line, where PDF extractions break lines at ~90 characters.
    ``lines``: the text's non-empty lines, page numbers left out."""
    lengths = [len(line) for line in lines]
    return bool(lengths) and statistics.median(lengths) > WEB_LINE


def _content_lines(src: str) -> list[tuple[int, int, str]]:
    """The non-empty lines of ``src`` other than page numbers: (start, end, stripped line)."""
    lines = []
    for m in _LINE.finditer(src):
        raw = m.group(0)
        lead = len(raw) - len(raw.lstrip())
        stripped = raw.strip()
        if stripped and not _PAGE_NUMBER.match(stripped):
            lines.append((m.start() + lead, m.start() + lead + len(stripped), stripped))
    return lines


def _layout(src: str, lines: list[tuple[int, int, str]], web: bool, lexicon: Lexicon | None) -> tuple[str, OffsetMap]:
    if lexicon is None and len(lines) > 1:
        raise ValueError("a phrase of several lines: normalise it with a lexicon")
    median = statistics.median(len(t) for _, _, t in lines) if lines else 0
    numbered_line = lexicon.layout.numbered_line if lexicon is not None else None
    b = _Builder()
    first = 0                                   # the first line of the paragraph being built
    for n, (i, j, line) in enumerate(lines):
        if n:
            _, pj, prev = lines[n - 1]
            sep = _separator(prev, line, web, lexicon, numbered=bool(numbered_line.match(lines[first][2])) and
                             (first == n - 1 or len(prev) < SHORT_LINE * median))
            b.put(sep, pj, i)
            first = n if sep == "\n" else first
        pos = i
        # most lines hold single plain spaces only: every other white space is unprintable
        if "  " in line or not line.isprintable():
            for sp in _SPACE.finditer(src, i, j):
                b.copy(src, pos, sp.start())
                b.put(" ", sp.start(), sp.end())
                pos = sp.end()
        b.copy(src, pos, j)
    return b.result()


def in_capitals(text: str, least: int = 3) -> bool:
    """Text in capitals: ``least`` letters at least, every one upper case (the one rule for a line
    or heading in capitals: layout, segment and the document header use it)."""
    # isupper: every cased character is upper case (Vietnamese letters are all cased)
    return text.isupper() and sum(c.isalpha() for c in text) >= least


# markdown's bold, emphasis and heading marks, never part of a name ("**KẾ HOẠCH**", "# TPHCM ...")
_EMPHASIS = re.compile(r"\*{1,3}|(?<!\w)_{2}|_{2}(?!\w)|^#{1,6}\s")


def without_emphasis(text: str) -> str:
    """Text as a reader sees it: a capture saved as .txt keeps markdown's emphasis and heading marks
    in its titles and task text (the one rule for the document's title and the views' labels)."""
    return " ".join(_EMPHASIS.sub(" ", text).split())


def _split_names(lexicon: Lexicon) -> tuple[tuple[str, str], ...]:
    """Every way to break each name of layout.yaml's names_across_lines between two lines."""
    out = []
    for name in lexicon.layout.names_across_lines:
        words = unicodedata.normalize("NFC", name).split()
        out += [(" ".join(words[:k]), " ".join(words[k:])) for k in range(1, len(words))]
    return tuple(out)


def _name_across(prev: str, line: str, lexicon: Lexicon) -> bool:
    # layout runs before tone modernisation: compare in the modern form, as the names are written
    prev, line = _modern_tone(prev)[0], _modern_tone(line)[0]
    return any(prev.endswith(head) and (len(prev) == len(head) or not prev[-len(head) - 1].isalnum())
               and line.startswith(tail) and (len(line) == len(tail) or not line[len(tail)].isalnum())
               for head, tail in lexicon.compiled(_split_names))


def _separator(prev: str, line: str, web: bool, lexicon: Lexicon, *, numbered: bool = False) -> str:
    """How two consecutive non-empty lines join: "" (split identifier), " " or "\\n" (paragraph).
    ``numbered``: ``prev`` ends a numbered heading: it is its first line, or a short last one."""
    # both end-of-line patterns are two characters at most: search only there, not the whole line
    split_end, split_start = lexicon.layout.split_id_end, lexicon.layout.split_id_start
    if split_end.search(prev, len(prev) - 2) and split_start.match(line):
        return ""
    if web or lexicon.layout.starts_item.match(line) or TABLE_ROW in prev or TABLE_ROW in line:
        return "\n"                # an item, or a table row ("cell | cell") and what is next to it
    layout = lexicon.layout
    if layout.ends_article.match(line) or layout.boilerplate.match(line) or layout.ends_article.match(prev):
        return "\n"                # a site's chrome ("Văn bản liên quan") is a paragraph of its own
    if _SYMBOLS.match(prev) or _SYMBOLS.match(line) or in_capitals(prev) != in_capitals(line):
        return "\n"
    if in_capitals(prev):
        return " "
    opens = line[0].isupper() or line[0].isdigit() or line[0] in "“\"(«‘"
    if _SENTENCE_END.search(prev, len(prev) - 2):
        return "\n" if opens else " "
    if (opens and numbered and prev[-1] not in ",-–" and not lexicon.layout.continues_line.search(prev)
            and not _name_across(prev, line, lexicon)):
        return "\n"                # a numbered heading (of one line or more), then its first paragraph
    return " "
