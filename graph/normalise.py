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

from .data import any_of
from .records import NormalText


class _Builder:
    """Accumulates output text with, per output character, the input span it came from."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def copy(self, src: str, i: int, j: int) -> None:
        self.parts.append(src[i:j])
        self.starts.extend(range(i, j))
        self.ends.extend(range(i + 1, j + 1))

    def put(self, text: str, i: int, j: int) -> None:
        self.parts.append(text)
        self.starts.extend([i] * len(text))
        self.ends.extend([j] * len(text))

    def result(self) -> tuple[str, list[int], list[int]]:
        return "".join(self.parts), self.starts, self.ends


def normalise(text: str, *, html: bool = False) -> NormalText:
    """The normalised form of ``text`` with its map back to ``text``."""
    starts, ends = list(range(len(text))), list(range(1, len(text) + 1))
    current = text
    steps = ([_html_to_text] if html else []) + [_nfc, _layout]
    for step in steps:
        out, s, e = step(current)
        starts = [starts[k] for k in s]
        ends = [ends[k - 1] for k in e]
        current = out
    current = _modern_tone(current, starts, ends)
    return NormalText(source=text, text=current, key=lower_key(current), starts=starts, ends=ends)


def normalise_phrase(text: str) -> str:
    """The matching key of a short phrase (a gazetteer alias, a cue word)."""
    return normalise(text).key


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


def _html_to_text(src: str) -> tuple[str, list[int], list[int]]:
    b, pos = _Builder(), 0
    for m in _HTML_TOKEN.finditer(src):
        b.copy(src, pos, m.start())
        if m.group(0).startswith("&"):
            decoded = htmllib.unescape(m.group(0))
            b.put(decoded if decoded != m.group(0) else m.group(0), m.start(), m.end())
        elif m.group(3) and m.group(3).lower() in _BLOCK_TAGS:
            b.put("\n", m.start(), m.end())
        pos = m.end()
    b.copy(src, pos, len(src))
    return b.result()


# ------------------------------------------------------------------ Unicode
# a base letter with its combining marks; a mark after white space stays alone, so a quote never
# starts with the line break it followed (found by the property test)
_CLUSTER = re.compile(r"[^\s][\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def _nfc(src: str) -> tuple[str, list[int], list[int]]:
    if unicodedata.is_normalized("NFC", src):
        return src, list(range(len(src))), list(range(1, len(src) + 1))
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
_OLD_TONE = re.compile(r"(?<![qQ])(%s)(?!\w)" % "|".join(map(re.escape, _TONE_MAP)))


def _modern_tone(text: str, starts: list[int], ends: list[int]) -> str:
    def swap(m: re.Match) -> str:
        i = m.start()
        starts[i + 1], ends[i] = starts[i], ends[i + 1]   # the pair maps to its whole source span
        return _TONE_MAP[m.group(1)]
    return _OLD_TONE.sub(swap, text)


# ------------------------------------------------------------------ layout
_LINE = re.compile(r"[^\r\n\f\v\u2028\u2029]+")
_SPACE = re.compile(r"[^\S\n]+")
_PAGE_NUMBER = re.compile(r"^(?:-\s*)?\d{1,3}(?:\s*-)?$|^(?:Trang|Page)\s+\d+(?:\s*/\s*\d+)?$")
_SYMBOLS = re.compile(r"^[\W_]+$")
_SPLIT_ID_END = re.compile(r"(?:\d-|[A-ZĐ]/)$")
_SPLIT_ID_START = re.compile(r"^[A-ZĐ][A-Za-zĐđ]{0,4}(?:[/-]|\b)")
_SENTENCE_END = re.compile(r"(?:[.:;!?…]|[.!?…][”\"»)’])$")
WEB_LINE = 120                  # median line length above which every line is a paragraph
_NUMBERED = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*[.)-]|[IVXLC]{1,6}[.-]|[a-zđ]\))\s")


def _layout(src: str) -> tuple[str, list[int], list[int]]:
    lines = []
    for m in _LINE.finditer(src):
        raw = m.group(0)
        lead = len(raw) - len(raw.lstrip())
        stripped = raw.strip()
        if stripped and not _PAGE_NUMBER.match(stripped):
            lines.append((m.start() + lead, m.start() + lead + len(stripped), stripped))
    web = bool(lines) and statistics.median(len(t) for _, _, t in lines) > WEB_LINE
    b = _Builder()
    for n, (i, j, line) in enumerate(lines):
        if n:
            pi, pj, prev = lines[n - 1]
            b.put(_separator(prev, line, web), pj, i)
        pos = i
        for sp in _SPACE.finditer(src, i, j):
            b.copy(src, pos, sp.start())
            b.put(" ", sp.start(), sp.end())
            pos = sp.end()
        b.copy(src, pos, j)
    return b.result()


def _caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _separator(prev: str, line: str, web: bool) -> str:
    """How two consecutive non-empty lines join: "" (split identifier), " " or "\\n" (paragraph)."""
    if _SPLIT_ID_END.search(prev) and _SPLIT_ID_START.match(line):
        return ""
    if web or any_of("layout", "item_markers").match(line):
        return "\n"
    if _SYMBOLS.match(prev) or _SYMBOLS.match(line) or _caps(prev) != _caps(line):
        return "\n"
    if _caps(prev):
        return " "
    opens = line[0].isupper() or line[0].isdigit() or line[0] in "“\"(«‘"
    if _SENTENCE_END.search(prev):
        return "\n" if opens else " "
    if opens and _NUMBERED.match(prev) and prev[-1] not in ",-–":
        return "\n"                # a numbered heading, then its first paragraph
    return " "
