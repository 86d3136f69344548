"""Literal prefilters: which of many regexes can match a text at all, by substring tests.

Every match of a regex such as ``[Kk]hu công nghiệp (?:sạch )?[A-ZĐ]\\w+`` holds one of a few
literal strings (here "Khu công nghiệp" or "khu công nghiệp"). Read from the regex's own syntax
tree, these strings let a stage test a whole document with ``in`` (a fast scan in C) and skip the
patterns none of whose strings it holds, instead of running every pattern over every block: most
pages name no project, no named document and hold no directive cue. The test is exact: a pattern
is skipped only where it cannot match, so the matches are the same as without the prefilter.
"""
from __future__ import annotations

import re

try:                                           # the regex module's own parser (Python 3.11+)
    from re import _parser as _sre_parse
    from re import _constants as _sre
except ImportError:                            # pragma: no cover - an older Python: no prefilter
    _sre_parse = _sre = None

_MAX_STRINGS = 16         # exact sets larger than this are dropped (the prefilter stays exact, only weaker)
_MIN_LENGTH = 3           # strings shorter than this occur almost everywhere: no use as a filter
_EMPTY = frozenset({""})
_SELECTIVE = 8            # strings this long are rare enough: a longer one is no better, fewer are


def required_strings(pattern: re.Pattern, min_length: int = _MIN_LENGTH) -> tuple[str, ...] | None:
    """Literal strings one of which every text that ``pattern`` matches in holds; None where none
    is known (a match may be anything, or the strings would be shorter than ``min_length``, too
    common to tell texts apart)."""
    if _sre_parse is None or not isinstance(pattern.pattern, str) or pattern.flags & re.IGNORECASE:
        return None
    try:
        tree = _sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:                          # noqa: BLE001 - an unreadable tree: no prefilter
        return None
    _, candidates = _sequence(list(tree))
    best = _best([_minimal(c) for c in candidates])
    if best is None or min(map(len, best)) < min_length:
        return None
    return tuple(sorted(best))


def could_match(strings: tuple[str, ...] | None, text: str) -> bool:
    """Whether a pattern whose matches hold one of ``strings`` (see required_strings) can match
    somewhere in ``text``; always True where the strings are unknown."""
    return strings is None or any(s in text for s in strings)


class PatternSet:
    """Patterns (each with what goes with it) and the required strings of each: ``possible(text)``
    gives those that can match in ``text``. The answer for the last text is kept, by identity:
    the blocks of one document ask in turn, and the document is tested once."""

    def __init__(self, items) -> None:
        self.items = tuple(items)              # (pattern, anything), in the caller's order
        self._strings = tuple(required_strings(p) for p, *_ in self.items)
        self._last: tuple = (None, self.items)  # (text, its possible items), replaced as one (threads)

    def possible(self, text: str) -> tuple:
        """The items whose pattern can match somewhere in ``text``, in their order."""
        last = self._last
        if last[0] is not text:
            last = self._last = (text, tuple(item for item, strings in zip(self.items, self._strings)
                                             if could_match(strings, text)))
        return last[1]


def union(patterns) -> re.Pattern | None:
    """One regex that matches where one of ``patterns`` matches (``match`` at a position: where one
    of them does), to rule out a text with one call instead of one per pattern. None where joining
    them could change a match: a back-reference (it would see the groups' numbers shift), a flag
    for the whole pattern."""
    patterns = tuple(patterns)
    if not patterns or any(p.flags & ~re.UNICODE or not isinstance(p.pattern, str) or _refers_back(p)
                           for p in patterns):
        return None
    try:
        return re.compile("|".join("(?:%s)" % p.pattern for p in patterns))
    except re.error:
        return None


def _refers_back(pattern: re.Pattern) -> bool:
    """Whether ``pattern`` refers to a group's match (``\\1``, ``(?P=name)``, ``(?(1)...)``); True
    where that cannot be told."""
    if not pattern.groups:
        return False
    if _sre_parse is None:
        return True
    try:
        stack = [list(_sre_parse.parse(pattern.pattern, pattern.flags))]
    except Exception:                          # noqa: BLE001
        return True
    while stack:
        for op, av in stack.pop():
            if op in (_sre.GROUPREF, _sre.GROUPREF_EXISTS):
                return True
            stack += [list(x) for x in _subpatterns(av)]
    return False


def _subpatterns(av):
    """The sub-patterns inside an item's argument, at any depth of tuples and lists."""
    if isinstance(av, _sre_parse.SubPattern):
        yield av
    elif isinstance(av, (tuple, list)):
        for x in av:
            yield from _subpatterns(x)


class Gate:
    """One pattern and its required strings: ``open(text)`` says whether it can match anywhere in
    ``text`` (the answer for the last text kept, as in PatternSet)."""

    def __init__(self, pattern: re.Pattern, min_length: int = _MIN_LENGTH) -> None:
        self.pattern = pattern
        self._strings = required_strings(pattern, min_length)
        self._last: tuple = (None, True)

    def open(self, text: str) -> bool:
        last = self._last
        if last[0] is not text:
            last = self._last = (text, could_match(self._strings, text))
        return last[1]


def _sequence(items: list) -> tuple[frozenset | None, list[frozenset]]:
    """(the exact strings the sequence matches, or None if not a small finite set; candidate
    sets: each a set of strings one of which the text holds wherever the sequence matches)."""
    candidates: list[frozenset] = []
    run = _EMPTY                               # the strings the items since the last break match exactly
    literal = ""                               # the single string the items since the last choice match
    whole = True                               # no break yet: ``run`` is the sequence's exact set
    for op, av in items:
        if op in (_sre.AT, _sre.ASSERT_NOT):
            continue                           # zero width: the characters around it stay contiguous
        if op == _sre.ASSERT:                  # a look-ahead or -behind: zero width, and its text is there
            exact, inner = _sequence(list(av[1]))
            candidates += inner + ([exact] if exact is not None else [])
            continue
        exact, inner = _item(op, av)
        candidates += inner                    # what every match of the item holds, the sequence holds
        literal = literal + next(iter(exact)) if exact is not None and len(exact) == 1 else _flush(literal, candidates)
        if exact is not None:
            joined = frozenset(a + b for a in run for b in exact)
            if len(joined) <= _MAX_STRINGS:
                run = joined
                continue
        candidates.append(run)                 # the run of exact strings ends here
        if exact is not None:
            candidates.append(exact)
        run, whole = _EMPTY, False
    _flush(literal, candidates)
    candidates.append(run)
    return (run if whole else None), [c for c in candidates if "" not in c]


def _flush(literal: str, candidates: list[frozenset]) -> str:
    """Keep a run of single strings as a candidate of its own ("trách nhiệm" inside a choice of
    verbs and objects); the empty string to start the next run."""
    if literal:
        candidates.append(frozenset({literal}))
    return ""


def _item(op, av) -> tuple[frozenset | None, list[frozenset]]:
    """(exact strings of one item, or None; candidate sets that every match of it meets)."""
    if op == _sre.LITERAL:
        return frozenset({chr(av)}), []
    if op == _sre.IN:
        if all(o == _sre.LITERAL for o, _ in av) and len(av) <= _MAX_STRINGS:
            return frozenset(chr(a) for _, a in av), []
        return None, []
    if op == _sre.SUBPATTERN:
        _, add_flags, _, sub = av
        if add_flags & re.IGNORECASE:
            return None, []
        return _sequence(list(sub))
    if op == _sre.BRANCH:
        branches = [_sequence(list(b)) for b in av[1]]
        if all(exact is not None for exact, _ in branches):
            union = frozenset().union(*(exact for exact, _ in branches))
            if len(union) <= _MAX_STRINGS:
                return union, []
        # every match takes one branch: the union of one candidate set per branch
        picks = [exact if exact is not None and "" not in exact else _best(cands) for exact, cands in branches]
        if all(p is not None for p in picks):
            return None, [frozenset().union(*picks)]
        return None, []
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
        low, high, sub = av
        exact, cands = _sequence(list(sub))
        if low == 1 and high == 1:
            return exact, cands
        if low == 0 and high == 1 and exact is not None:
            return exact | {""}, []
        if low >= 1:                           # the item occurs at least once
            return None, ([exact] if exact is not None and "" not in exact else []) + cands
        return None, []
    if op == getattr(_sre, "ATOMIC_GROUP", None):
        return _sequence(list(av))
    return None, []                            # any character, a class, a back-reference: no literal


def _best(candidates: list[frozenset]) -> frozenset | None:
    """The set that tells texts apart best for its cost: the longest shortest string (beyond
    _SELECTIVE characters, every length tells apart as well), then the fewest strings."""
    return max(candidates, key=lambda c: (min(_SELECTIVE, *map(len, c)), -len(c), min(map(len, c))),
               default=None)


def _minimal(strings: frozenset) -> frozenset:
    """Without the strings that hold another of the set: a text holding one holds the other too."""
    return frozenset(s for s in strings if not any(t != s and t in s for t in strings))
