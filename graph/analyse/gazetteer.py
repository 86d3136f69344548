"""The gazetteers of the lexicon, compiled once per lexicon into matchers over normalised keys."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from graph.analyse.normalise import normalise_phrase
from graph.lexicon import BodyEntry, Lexicon, Title  # noqa: F401  (BodyEntry: the gazetteer's entries)
from graph.vocab import iri


@dataclass(frozen=True)
class AliasMatcher:
    """One regex over lower-case normalised text; group text -> (entry, contextual)."""
    pattern: re.Pattern
    table: dict = field(hash=False)
    cased: frozenset = frozenset()          # keys that count only where every word is capitalised


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


def alternation_of(keys) -> re.Pattern:
    """:func:`alternation` of ``keys``, built once for each set of keys met (a document's titles)."""
    return _alternation_of(frozenset(keys))


@lru_cache(maxsize=1024)
def _alternation_of(keys: frozenset) -> re.Pattern:
    return alternation(keys)


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


def body_matcher(lexicon: Lexicon) -> AliasMatcher:
    """Every name, alias and contextual alias of the gazetteer: key -> (IRI, contextual)."""
    return lexicon.compiled(_body_matcher)


def _body_matcher(lexicon: Lexicon) -> AliasMatcher:
    table: dict[str, tuple[str, bool]] = {}
    for entry in lexicon.bodies.entries:
        for alias in [entry.name, *entry.aliases]:
            table.setdefault(normalise_phrase(alias), (entry.iri, False))
        for alias in entry.contextual:
            table.setdefault(normalise_phrase(alias), (entry.iri, True))
    cased = set()
    for entry in lexicon.bodies.entries:
        for alias in entry.cased:
            key = normalise_phrase(alias)
            if key not in table:
                table[key] = (entry.iri, False)
                cased.add(key)
    return AliasMatcher(alternation(table), table, frozenset(cased))


def capitalised(text: str) -> bool:
    """Every word of ``text`` begins with a capital letter ("Hòa Bình", not "hòa bình")."""
    return all(w[:1].isupper() for w in text.split())


def body_patterns(lexicon: Lexicon) -> tuple[re.Pattern, dict]:
    """Heads of bodies the gazetteer does not list ("Sở ...", "Ủy ban nhân dân xã ...")."""
    return lexicon.compiled(_body_patterns)


def _body_patterns(lexicon: Lexicon) -> tuple[re.Pattern, dict]:
    heads = {normalise_phrase(h.head): h for h in lexicon.bodies.heads}
    pattern = re.compile(r"(%s) (?=\w)" % trie(sorted(heads)))
    return pattern, heads


def stop_words(lexicon: Lexicon) -> frozenset[str]:
    return lexicon.compiled(_stop_words)


def _stop_words(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(normalise_phrase(w) for w in (*lexicon.cues.stop_words, *lexicon.bodies.name_ends))


def stop_words_by_initial(lexicon: Lexicon) -> dict[str, tuple[str, ...]]:
    """The stop words by first character, each list with the empty word if there is one (it
    starts every text; under "", alone): a word is tested only against those that can start it."""
    return lexicon.compiled(_stop_words_by_initial)


def _stop_words_by_initial(lexicon: Lexicon) -> dict[str, tuple[str, ...]]:
    words = sorted(stop_words(lexicon))
    empty = tuple(w for w in words if not w)
    return {"": empty, **{c: tuple(w for w in words if w[:1] in (c, "")) for c in {w[:1] for w in words if w}}}


def titles(lexicon: Lexicon) -> tuple[re.Pattern, dict[str, Title]]:
    return lexicon.compiled(_titles)


def _titles(lexicon: Lexicon) -> tuple[re.Pattern, dict[str, Title]]:
    items = {normalise_phrase(t.title): t for t in lexicon.persons.titles}
    return alternation(items), items


def place_matcher(lexicon: Lexicon) -> AliasMatcher:
    return lexicon.compiled(_place_matcher)


def _place_matcher(lexicon: Lexicon) -> AliasMatcher:
    table = {normalise_phrase(p): (iri("place", p), p) for p in lexicon.projects.places}
    return AliasMatcher(alternation(table), table)


def expansions(lexicon: Lexicon) -> list[tuple[re.Pattern, str]]:
    """The heads written short ("UBND"), as words inside a name, and their full form: a name the
    text abbreviates is named in full ("Văn phòng UBND" is "Văn phòng Ủy ban nhân dân")."""
    return lexicon.compiled(_expansions)


def _expansions(lexicon: Lexicon) -> list[tuple[re.Pattern, str]]:
    return [(re.compile(r"(?<!\w)%s(?!\w)" % re.escape(h.head)), h.expands) for h in lexicon.bodies.heads if h.expands]
