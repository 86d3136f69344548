"""The gazetteers of graph/data, compiled once into matchers over normalised keys."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from graph.data import load
from graph.analyse.normalise import normalise_phrase
from graph.vocab import iri


@dataclass(frozen=True)
class BodyEntry:
    name: str
    en: str
    cls: str
    kind: str
    iri: str
    parent: str | None = None                 # IRI
    valid_from: str | None = None
    valid_until: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class AliasMatcher:
    """One regex over lower-case normalised text; group text -> (entry, contextual)."""
    pattern: re.Pattern
    table: dict = field(hash=False)


_WORD_CHAR = re.compile(r"\w")


def at_word_start(pattern: re.Pattern, text: str, i: int = 0, j: int | None = None):
    """``pattern.finditer(text, i, j)`` as if the pattern began with ``(?<!\\w)``.

    A leading look-behind stops the regex engine from skipping ahead to the pattern's first
    characters, which makes a scan 5-50 times slower; the check is done here instead, retrying
    one character on, so the matches are exactly those of the look-behind form.
    """
    j = len(text) if j is None else j
    pos = i
    while pos < j:
        m = pattern.search(text, pos, j)
        if m is None:
            return
        k = m.start()
        if k and _WORD_CHAR.match(text, k - 1):
            pos = k + 1
            continue
        yield m
        pos = m.end() if m.end() > k else k + 1


def alternation(keys) -> re.Pattern:
    """Literal keys as one regex, factored into a trie (one branch per distinct next character),
    which the regex engine scans several times faster than a flat list of alternatives. The
    longest key wins at each position, as with a flat list sorted longest first. Scan it with
    :func:`at_word_start`.
    """
    return re.compile(r"(%s)(?!\w)" % trie(keys))


def trie(keys) -> str:
    """Literal keys as one regex group body, factored by common prefixes (see alternation)."""
    keys = sorted(set(keys))
    root: dict = {}
    for key in keys:
        node = root
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}
    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:%s)" % "|".join(branches)
        return "(?:%s)?" % body if "" in node else body    # greedy: longer keys first
    return build(root)


@lru_cache(maxsize=None)
def bodies() -> dict[str, BodyEntry]:
    """Every gazetteer body and group by IRI."""
    data = load("bodies")
    out: dict[str, BodyEntry] = {}
    for item in data["bodies"]:
        out[iri("body", item["name"])] = _entry(item, item["class"], item["kind"])
    for item in data["groups"]:
        out[iri("body", item["name"])] = _entry(item, "BodyGroup", "collective")
    return out


def _entry(item: dict, cls: str, kind: str) -> BodyEntry:
    parent = item.get("parent")
    return BodyEntry(name=item["name"], en=item.get("en", ""), cls=cls, kind=kind,
                     iri=iri("body", item["name"]), parent=iri("body", parent) if parent else None,
                     valid_from=item.get("valid_from"), valid_until=item.get("valid_until"),
                     aliases=tuple(item.get("aliases", ())))


@lru_cache(maxsize=None)
def body_matcher() -> AliasMatcher:
    data = load("bodies")
    table: dict[str, tuple[str, bool]] = {}
    for item in data["bodies"] + data["groups"]:
        body = iri("body", item["name"])
        for alias in [item["name"], *item.get("aliases", ())]:
            table.setdefault(normalise_phrase(alias), (body, False))
        for alias in item.get("contextual", ()):
            table.setdefault(normalise_phrase(alias), (body, True))
    return AliasMatcher(alternation(table), table)


@lru_cache(maxsize=None)
def body_patterns() -> tuple[re.Pattern, dict]:
    """Heads of bodies the gazetteer does not list ("Sở ...", "Ủy ban nhân dân xã ...")."""
    data = load("bodies")["patterns"]
    heads = {normalise_phrase(h["head"]): h for h in data["heads"]}
    pattern = re.compile(r"(%s) (?=\w)" % trie(sorted(heads)))
    return pattern, heads


@lru_cache(maxsize=None)
def stop_words() -> frozenset[str]:
    return frozenset(normalise_phrase(w) for w in load("cues")["stop_words"])


@lru_cache(maxsize=None)
def titles() -> tuple[re.Pattern, dict]:
    items = {normalise_phrase(t["title"]): t for t in load("persons")["titles"]}
    return alternation(items), items


@lru_cache(maxsize=None)
def person_name() -> re.Pattern:
    surnames = "|".join(sorted(load("persons")["surnames"], key=len, reverse=True))
    syllable = r"[A-ZĐÀ-Ỹ][a-zđà-ỹ]+"
    return re.compile(rf"(?:{surnames})(?: {syllable}){{1,3}}(?!\w)")   # scan with at_word_start


@lru_cache(maxsize=None)
def place_matcher() -> AliasMatcher:
    table = {normalise_phrase(p): (iri("place", p), p) for p in load("projects")["places"]}
    return AliasMatcher(alternation(table), table)


@lru_cache(maxsize=None)
def project_patterns() -> tuple[tuple[re.Pattern, dict], ...]:
    return tuple((re.compile(r"(?:%s)(?!\w)" % p["pattern"]), p) for p in load("projects")["projects"])
