"""Legacy Vietnamese font encodings (TCVN3/ABC, VNI Windows): detect them by character statistics,
run by run, and convert to Unicode NFC. The tables are graph/data/legacy_encodings.yaml.

A run (a line of a text file or a PDF page, a paragraph of a DOCX) is scored as it stands and as
each legacy encoding would read it: the score counts characters that are neither ASCII, a
Vietnamese letter nor common punctuation, and words with more than one tone mark
(no Vietnamese syllable has two tones), words with a vowel cluster no syllable has ("Néi",
"naêm"), and words with an accented capital after a small letter ("tÕ"). Unicode Vietnamese scores 0 as it stands; TCVN3 or VNI text
scores high as it stands and about 0 read in its own encoding. A document is converted only if the
whole of it reads better so; each run then takes the reading that scores lowest.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from graph.data import load

ENCODINGS = ("tcvn3", "vni")
_PUNCTUATION = set("\u201c\u201d\u2018\u2019\u2013\u2014\u2026\u2022\u00a0\u00b0\u20ac\u2116\u00ab\u00bb")
_WORD = re.compile(r"[^\s\d.,;:!?()\[\]\"'/|*+=<>&%#@_-]+")
_TONES = set("\u0300\u0301\u0303\u0309\u0323")
# a lower-case letter then an upper-case one that is not ASCII ("tÕ"): TCVN3's lower-case codes
_CAMEL = re.compile(r"[a-z\u00e0-\u00ff][^\W\d_a-zA-Z](?<=[\u00c0-\u00de])")
DOCUMENT_MIN = 3          # a document reading worse than this as it stands is never converted


@lru_cache(maxsize=None)
def _vowels() -> tuple[str, re.Pattern]:
    """The vowel letters without tones (legacy_encodings.yaml) and a run of them."""
    vowels = load("legacy_encodings")["vowels"]
    return vowels, re.compile(f"[{re.escape(vowels)}]+")


@lru_cache(maxsize=None)
def _tables() -> dict[str, tuple[dict[str, str], re.Pattern, frozenset]]:
    data = load("legacy_encodings")
    letters = frozenset(data["vni"]) | frozenset(c.lower() for c in data["vni"])
    out = {}
    for name in ENCODINGS:
        decode = {code: letter for letter, code in data[name].items()}
        codes = sorted(decode, key=len, reverse=True)
        out[name] = (decode, re.compile("|".join(map(re.escape, codes))), letters)
    return out


def _letters() -> frozenset:
    return _tables()["vni"][2]


def convert(text: str, encoding: str) -> str:
    """``text`` read in ``encoding`` (tcvn3 or vni), as Unicode NFC."""
    decode, pattern, _ = _tables()[encoding]
    out = pattern.sub(lambda m: decode[m.group(0)], text)
    if encoding == "tcvn3":            # capitals share the lower-case codes: a word or a line in
        upper = [c.isupper() for c in text if c.isascii() and c.isalpha()]   # capitals is set in the
        if len(upper) >= 4 and sum(upper) >= 0.8 * len(upper):             # capitals font
            out = out.upper()
        else:
            out = _WORD.sub(_capitals, out)
    return unicodedata.normalize("NFC", out)


def _capitals(m: re.Match) -> str:
    word = m.group(0)
    ascii_letters = [c for c in word if c.isascii() and c.isalpha()]
    if len(ascii_letters) > 1 and all(c.isupper() for c in ascii_letters) and not word.isupper():
        return word.upper()
    return word


def score(text: str) -> int:
    """How far ``text`` is from Unicode Vietnamese: 0 when it reads well."""
    # each distinct character and word judged once (counted in C), not once per occurrence
    return (sum(n for c, n in Counter(text).items() if _odd_character(c))
            + sum(n * _word_score(word) for word, n in Counter(_WORD.findall(text)).items()))


@lru_cache(maxsize=4096)
def _odd_character(c: str) -> bool:
    """Neither ASCII, a Vietnamese letter, a common punctuation mark nor a combining mark."""
    return not c.isascii() and c not in _letters() and c not in _PUNCTUATION and not unicodedata.combining(c)


@lru_cache(maxsize=1 << 16)
def _word_score(word: str) -> int:
    """A word's part of ``score``: more than one tone mark, capitals inside, no syllable."""
    if word.isascii():
        return 0
    bad = 0
    if sum(1 for c in word if not c.isascii()) > 1:
        bad += sum(len(_TONES.intersection(unicodedata.normalize("NFD", c))) for c in word) > 1
    bad += bool(_CAMEL.search(word)) or not _syllable(word)
    return bad


def _syllable(word: str) -> bool:
    """Each vowel cluster of ``word`` (tones dropped) is one a Vietnamese syllable has."""
    bare = unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", word.lower())
                                                if c not in _TONES))
    if bare.startswith("qu") or (bare.startswith("gi") and len(bare) > 2 and bare[2] in _vowels()[0]):
        bare = bare[0] + bare[2:]
    clusters = _vowel_clusters()
    return all(m.group(0) in clusters for m in _vowels()[1].finditer(bare))


@lru_cache(maxsize=None)
def _vowel_clusters() -> frozenset:
    return frozenset(load("legacy_encodings")["vowel_clusters"])


def best(text: str, default: str | None = None) -> str | None:
    """The encoding ``text`` reads best in (None: as it stands); ``default`` breaks a tie."""
    here = score(text)
    if not here:
        return None
    scores = {name: score(convert(text, name)) for name in ENCODINGS}
    name = min(ENCODINGS, key=lambda n: (scores[n], n != default))
    return name if scores[name] < here else None


@lru_cache(maxsize=None)
def _suspects() -> re.Pattern:
    """The characters of legacy codes that are neither ASCII nor a Vietnamese letter (TCVN3's
    "\u00ad" for ư and "\u00ae" for đ, VNI's "\u00f6" for ư ...): any legacy text is full of them."""
    chars = {c for name in ENCODINGS for code in _tables()[name][0] for c in code}
    chars -= set(_letters()) | {c for c in chars if c.isascii()}
    return re.compile("[%s]" % "".join(sorted(map(re.escape, chars))))


@lru_cache(maxsize=None)
def _suspect_set() -> frozenset:
    return frozenset(c for c in _suspects().pattern[1:-1] if c != "\\")


def detect(text: str) -> str | None:
    """The legacy encoding of a document, or None when it reads as Unicode Vietnamese."""
    pattern = _suspects()
    if pattern.pattern and not _suspect_set().intersection(text):
        return None
    found, pos = 0, 0
    while found < DOCUMENT_MIN:                   # a quick look first: Unicode text has none of them
        m = pattern.search(text, pos)
        if m is None:
            return None
        found, pos = found + 1, m.end()
    here = score(text)
    if here < DOCUMENT_MIN:
        return None
    name = best(text)
    return name if name and score(convert(text, name)) * 4 <= here else None


class Converter:
    """Converts the runs of one document: forced to one encoding, or each run as it reads best once
    the document as a whole is found to be legacy. Counts what it did, for the warning."""

    def __init__(self, forced: str | None = None, document: str | None = None):
        self.forced = forced
        self.encoding = forced or document
        self.converted: dict[str, int] = {}

    def run(self, text: str, hint: str | None = None) -> str:
        if not self.encoding and not hint:
            return text
        name = self.forced or hint or best(text, self.encoding)
        if not name:
            return text
        self.converted[name] = self.converted.get(name, 0) + 1
        return convert(text, name)

    def warning(self) -> str | None:
        if not self.converted:
            return None
        done = ", ".join(f"{n} run(s) from {name.upper()}" for name, n in sorted(self.converted.items()))
        how = "as --encoding forces" if self.forced else "detected by character statistics"
        return f"legacy font encoding converted to Unicode ({done}; {how})"


def convert_lines(text: str, forced: str | None = None) -> tuple[str, str | None, str | None]:
    """A text file's text with each legacy line converted, the warning to give and the document's
    legacy encoding (None and None for a Unicode text)."""
    conv = Converter(forced, None if forced else detect(text))
    if not conv.encoding:
        return text, None, None
    out = "".join(conv.run(line) for line in text.splitlines(keepends=True))
    return out, conv.warning(), conv.encoding


def font_hint(font: str | None) -> str | None:
    """The encoding a font's name implies: .VnTime and the like are TCVN3, VNI-Times VNI."""
    if not font:
        return None
    low = font.lower()
    return "tcvn3" if low.startswith(".vn") else "vni" if low.startswith("vni") else None
