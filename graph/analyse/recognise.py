"""Stage 4, recognise: bodies, persons, documents, projects and places, by gazetteer and rule.

Matching runs on the normalised lower-case key of every non-boilerplate block; mentions keep
normalised offsets (mapped to the source by populate). Overlaps resolve by priority, then length.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from datetime import date

from graph.analyse import enumerate as enum
from graph.analyse import references as refs
from graph.analyse import gazetteer as gz
from graph.analyse import localise
from graph.analyse.normalise import normalise_phrase
from graph.analyse.projects import projects
from graph.lexicon import Lexicon
from graph.records import Block, BodyRef, Mention, NormalText, PersonRef, PlaceRef, Segmented
from graph.vocab import iri

_WORD = re.compile(r"[\w-]+")
_PRIORITY = {"document": 0, "project": 1, "body": 2, "person": 3, "place": 4}
_FACT_KINDS = ("heading", "item", "paragraph", "recipients", "signature", "annex")


def recognise(normal: NormalText, segmented: Segmented, lexicon: Lexicon) -> tuple[Mention, ...]:
    """Every entity mention in the document's non-boilerplate blocks, in text order."""
    candidates: list[Mention] = []
    facts = [b for b in segmented.blocks if b.kind in _FACT_KINDS]
    for block in facts:
        candidates += _in_block(normal, block, lexicon)
    # a list's lead may end the paragraph before it ("Bộ trưởng các Bộ:" / "Xây dựng, Ngoại giao, ...")
    starts = [b.start for b in facts]
    candidates += [m for m in enum.members(normal, 0, len(normal.key), lexicon)
                   if (k := bisect_right(starts, m.start)) and m.end <= facts[k - 1].end
                   and facts[k - 1].kind != "recipients"]
    byline = lexicon.persons.byline
    candidates += [Mention("person", iri("person", m.group("name")), m.start("name"), m.end("name"), m.group("name"),
                           "byline", PersonRef(name=m.group("name"))) for m in (byline.finditer(normal.text) if byline else ())]
    chosen = _resolve_overlaps(_inside_pattern_names(candidates, normal, lexicon))
    chosen = _contextual(chosen, lexicon)
    chosen = localise.tie_to_home(normal, chosen, lexicon)
    chosen = enum.expand(normal, chosen, lexicon)
    chosen = enum.places(normal, chosen, lexicon)
    chosen = enum.council_parts(normal, chosen, lexicon, [(b.start, b.end) for b in facts if b.kind != "recipients"])
    chosen = localise.held_offices(normal, chosen, lexicon)
    titles = _bare_titles(normal, segmented, chosen)
    # a title that names a body ("Bí thư Thành ủy Hà Nội") stands for its holder, not the body
    title_starts = [t.start for t in titles]
    chosen = [m for m in chosen if not _within_any(m, titles, title_starts)]
    return tuple(sorted(chosen + titles, key=lambda m: (m.start, m.end)))


def _within_any(m: Mention, spans: list[Mention], starts: list[int]) -> bool:
    """Whether one of ``spans`` (disjoint, in text order, starting at ``starts``) contains ``m``.
    Disjoint spans sorted by start are sorted by end too, so only the last one starting at or
    before ``m`` can contain it: a bisection, not a scan of every span."""
    k = bisect_right(starts, m.start)
    return k > 0 and m.end <= spans[k - 1].end


def _in_block(normal: NormalText, block: Block, lexicon: Lexicon) -> list[Mention]:
    """A block's mentions; the list of recipients ("Nơi nhận") names who gets a copy, not actors:
    only its documents and persons (the signer's name, which the flattened layout puts there)."""
    i, j = block.start, block.end
    out = refs.documents(normal, i, j, lexicon) + _persons(normal, i, j, lexicon)
    if block.kind != "recipients":
        bodies = _bodies(normal, i, j, lexicon)
        if block.kind == "signature":          # "KT. THỦ TƯỚNG / PHÓ THỦ TƯỚNG": the post signed for
            bodies = [m for m in bodies if not m.surface.isupper()]
        out += bodies + projects(normal, i, j, lexicon) + _places(normal, i, j, lexicon)
    return out


_RULE_RANK = {"body-pattern": 0.5, "gazetteer-name": 1.5, "post-group": -0.5}     # a listed body, a collective: by length     # a bare province name yields to a person's


def _rank(m: Mention):
    return (_PRIORITY[m.kind] + _RULE_RANK.get(m.rule, 0), -(m.end - m.start), m.start)


def _inside_pattern_names(cands: list[Mention], normal: NormalText, lexicon: Lexicon) -> list[Mention]:
    """``cands`` less the contextual aliases that end a name by pattern, when they are a bare unit
    word or a head of bodies ("Thành phố", "Ủy ban nhân dân"): part of that name ("Công an Thành
    phố", "Văn phòng Ủy ban nhân dân" tỉnh), no mention of their own ("Thủ đô" stays Hà Nội)."""
    spans = sorted((m.start, m.end) for m in cands if m.rule == "body-pattern")
    starts = [s for s, _ in spans]
    _, heads = gz.body_patterns(lexicon)
    openings = tuple(f"{w} " for w in (*lexicon.bodies.division_words, *heads))

    def ends_one(m: Mention) -> bool:
        k = bisect_left(starts, m.start)
        key = normal.key[m.start:m.end] + " "
        return key.startswith(openings) and any(e == m.end for _, e in spans[max(0, k - 8):k])
    return [m for m in cands if not (_contextual_alias(m) and ends_one(m))]


def _resolve_overlaps(cands: list[Mention]) -> list[Mention]:
    """The candidates by priority, then length, each kept unless it overlaps one kept before."""
    if any(m.start >= m.end for m in cands):
        return _resolve_overlaps_sorted(cands)   # an empty span: the sorted-list form, exact for it
    # one flag per character taken: a candidate's check and marking cost its own length, where
    # inserting into a sorted list of spans costs the number of spans taken (quadratic)
    taken = bytearray(max((m.end for m in cands), default=0))
    out = []
    for m in sorted(cands, key=_rank):
        if taken.find(1, m.start, m.end) >= 0:
            continue
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
        out.append(m)
    return out


def _resolve_overlaps_sorted(cands: list[Mention]) -> list[Mention]:
    starts: list[int] = []                     # the spans taken so far: disjoint, sorted by start
    ends: list[int] = []
    out = []
    for m in sorted(cands, key=_rank):
        k = bisect_left(starts, m.end)         # spans from k on start at or after m's end
        if k and ends[k - 1] > m.start:
            continue                           # the last span starting before m's end overlaps it
        starts.insert(k, m.start)
        ends.insert(k, m.end)
        out.append(m)
    return out


def _contextual(mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """A contextual alias ("Thành ủy", "Đảng ủy UBND Thành phố") counts only where the document names
    in full the body, its parent or the polity whose name ends its own ("... thành phố Hà Nội")."""
    entries = lexicon.bodies.by_iri
    named = {m.iri for m in mentions if not _contextual_alias(m)}
    polities = tuple(n.lower() for p in named if p in entries and entries[p].cls == "Polity"
                     for n in (entries[p].name, *entries[p].aliases))
    return [m for m in mentions if not _contextual_alias(m) or _anchored(entries.get(m.iri), m.iri, named, polities)]


def _contextual_alias(m: Mention) -> bool:
    return isinstance(m.ref, BodyRef) and m.ref.contextual


def _anchored(entry, body: str, named: set[str], polities: tuple[str, ...]) -> bool:
    if body in named or entry is None:
        return body in named
    return entry.parent in named or entry.name.lower().endswith(polities)


# ------------------------------------------------------------------ bodies
def _bodies(normal: NormalText, i: int, j: int, lexicon: Lexicon) -> list[Mention]:
    matcher = gz.body_matcher(lexicon)
    title_re, titles = gz.titles(lexicon)
    # an office that is also a title ("Thủ tướng Chính phủ"), at the end of a longer title ("Phó
    # Thủ tướng Chính phủ"), is part of that title: the deputy is no mention of the office
    title_from: dict[int, int] | None = None  # a title's end -> the first start of a title ending there
    place_date = lexicon.documents.head.get("place_date")
    out = []
    for m in gz.at_word_start(matcher.pattern, normal.key, i, j):
        if m.group(1) in titles:
            if title_from is None:             # the block's titles, found once where a body is one
                title_from = {}
                for t in gz.at_word_start(title_re, normal.key, i, j):
                    title_from[t.end()] = min(t.start(), title_from.get(t.end(), t.start()))
            if title_from.get(m.end(), m.start()) < m.start():
                continue
        if m.group(1) in matcher.cased and not gz.capitalised(normal.text[m.start():m.end()]):
            continue                                   # "hòa bình" is peace, "Hòa Bình" a province
        body, contextual = matcher.table[m.group(1)]
        if contextual and not normal.text[m.start()].isupper():
            continue                                   # "34 tỉnh, thành phố" is no "Thành phố" (Hà Nội)
        if place_date is not None and place_date.match(normal.text, m.end()):
            continue                                   # the dateline's place is never an actor
        out.append(Mention("body", body, m.start(), m.end(), normal.text[m.start():m.end()],
                           "gazetteer-name" if m.group(1) in matcher.cased else "gazetteer",
                           BodyRef(contextual=bool(contextual))))
    out += _pattern_bodies(normal, i, j, lexicon) + enum.collectives(normal, i, j, lexicon)
    out += localise.sector_bodies(normal, i, j, lexicon) + enum.post_groups(normal, i, j, lexicon)
    return out


def _pattern_bodies(normal: NormalText, i: int, j: int, lexicon: Lexicon) -> list[Mention]:
    """Bodies the gazetteer lacks: a head word, then a capitalised name until a stop word."""
    pattern, heads = gz.body_patterns(lexicon)
    stops = gz.stop_words_by_initial(lexicon)
    max_words = lexicon.bodies.max_words
    districts = lexicon.bodies.district_words
    divisions = districts + lexicon.bodies.division_words
    joins = lexicon.bodies.joins
    out = []
    for m in gz.at_word_start(pattern, normal.key, i, j):
        spec = heads[m.group(1)]
        pos = m.end()
        if not normal.text[m.start()].isupper() or normal.text[m.start():m.end()].isupper():
            continue                                   # "Đảng bộ" is no ministry; CAPS are headings
        if not normal.text[pos:pos + 1].isupper() and not normal.key.startswith(divisions, pos) \
                and not (spec.opens and re.match(spec.opens, normal.key[pos:pos + 40])):
            continue                                   # "Trường Mầm non đô thị Sài Đồng": `opens`
        if _after_capitalised_word(normal.text, m.start()):
            continue                                   # "Trung Bộ" is a region, not a ministry
        end, count, in_unit = pos, 0, None        # in_unit: where a unit word inside the name ends
        for w in _WORD.finditer(normal.key, pos, j):
            if w.start() != end + (1 if count else 0) or count >= (spec.max_words or max_words) \
                    or w.end() - m.start() > (spec.max_chars or lexicon.bodies.max_chars):
                break                                  # punctuation or the name's length ends it
            rest = normal.key[w.start():j]
            joined = next((s for s in joins if rest.startswith(s + " ") and count), None)
            if joined and normal.text[w.start() + len(joined) + 1:w.start() + len(joined) + 2].isupper() \
                    and not pattern.match(normal.key, w.start() + len(joined) + 1):
                end = w.end()                          # "Sở Giáo dục và Đào tạo": "và" inside a name
                continue
            if any(rest.startswith(s) and not rest[len(s):len(s) + 1].isalnum() and (count or " " not in s)
                   for s in stops.get(rest[:1], stops[""])) and not _inside_proper_name(normal.text, w.start(), w.end()):
                break                                  # a stop verb may open a name: "Sở Xây dựng"
            unit = next((d for d in divisions if count and rest.startswith(d) and not rest[len(d):len(d) + 1].isalnum()
                         and normal.text[w.start()].islower()), None)
            if unit and not normal.text[w.start() + len(unit) + 1:w.start() + len(unit) + 2].isupper():
                break                                  # "Trung tâm ... tỉnh áp dụng": no province named
            if in_unit is not None and w.start() > in_unit and not unit and not normal.text[w.start()].isupper() \
                    and not w.group(0).isdigit():
                break                                  # "... thành phố Hà Nội ngang tầm": the unit's name ended
            in_unit = w.start() + len(unit) if unit else in_unit
            end, count = w.end(), count + 1
        if not count:
            continue
        surface = normal.text[m.start():end]
        if spec.requires is not None and normalise_phrase(spec.requires) not in normal.key[m.start():end]:
            continue
        name = spec.expands + surface[len(m.group(1)):] if spec.expands else surface
        for short, full in gz.expansions(lexicon):   # "Văn phòng UBND" is "Văn phòng Ủy ban nhân dân"
            name = short.sub(full, name)
        until = spec.valid_until
        if normal.key[m.end():end].startswith(districts):
            until = lexicon.bodies.district_valid_until
        # a body of a named province ("Sở Tài chính tỉnh Bắc Ninh") outranks the province's name
        local = spec.whole or any(f" {d} " in normal.key[pos:end] for d in divisions) \
            or localise.ends_on_province(normal.key[pos - 1:end], lexicon)
        out.append(Mention("body", iri("body", name), m.start(), end, surface,
                           "body-pattern-local" if local else "body-pattern",
                           BodyRef(name=name, cls=spec.cls, body_kind=spec.kind,
                                   parent=iri("body", spec.parent) if spec.parent else None,
                                   valid_until=date.fromisoformat(until) if until else None)))
    return out


def _inside_proper_name(text: str, start: int, end: int) -> bool:
    """Whether the word at ``start`` is capitalised between two capitalised words: a stop word
    ("từ") inside a place's name ("Trường Tiểu học Nam Từ Liêm")."""
    before = text[max(0, start - 12):start].rstrip(" ").rsplit(" ", 1)[-1]
    after = text[end:end + 2]
    return text[start:start + 1].isupper() and before[:1].isupper() and after[:1] == " " and after[1:2].isupper()


def _after_capitalised_word(text: str, start: int) -> bool:
    """Whether a capitalised word inside a sentence (after a small word) stands right before
    ``start``: "tại Trung Bộ" is a region, "Giao Bộ" an assignment."""
    words = text[max(0, start - 24):start].split("\n")[-1].split(" ")
    if len(words) < 3 or words[-1] != "":
        return False
    prev, small = words[-2], words[-3]
    return prev[:1].isupper() and prev[1:].isalpha() and prev[1:].islower() and small[-1:].islower()


# ------------------------------------------------------------------ persons
def _persons(normal: NormalText, i: int, j: int, lexicon: Lexicon) -> list[Mention]:
    """A name right after a title ("Tổng Bí thư Tô Lâm"), or after a title and its body."""
    title_re, title_items = gz.titles(lexicon)
    clause_break = lexicon.persons.clause_break
    out = []
    for m in _name_candidates(normal.text, i, j, lexicon.persons.name, lexicon.compiled(document_reference)):
        # a name opening its block may follow its title on the line before (a signature block)
        window_start = max(0, i - 60) if m.start() == i else max(i, m.start() - 160)
        before = normal.key[window_start:m.start()]
        clause = clause_break.split(before)[-1]
        titles_here = list(gz.at_word_start(title_re, clause))
        if not titles_here:
            continue
        title = titles_here[-1]
        spec = title_items[title.group(1)]
        # the post as a span: its key matches bare titles, its text (same offsets) names it
        span = None if spec.rank else (m.start() - len(clause) + title.start(), m.start())
        after = normal.key[m.end():min(j, m.end() + 80)]
        trailing = title_re.match(after, 2) if after.startswith(", ") else None
        if span is None and trailing:
            span = (m.end() + 2, m.end() + 2 + len(re.match(r"[^,;.]*", after[2:]).group(0)))
        # a post on the line above the name (a signature block) runs across a line break: one space
        holding = " ".join(normal.key[span[0]:span[1]].split()).strip(" ,") if span else None
        name = m.group(0)
        out.append(Mention("person", iri("person", name), m.start(), m.end(), name, "title-name",
                           PersonRef(name=name, title=spec.title, post=holding,
                                     post_text=" ".join(normal.text[span[0]:span[1]].split()).strip(" ,") if span else None)))
    return out


class _Name:
    """A name match cut after its last capitalised syllable (the syllable pattern's letter range
    also holds small letters such as "đ": "Trần Hồng Hà đã" is "Trần Hồng Hà"), and before a
    document's reference ("Lê Huy Vịnh Thông tư 130/2025/TT-BQP": a site's title after the signer)."""
    def __init__(self, text: str, m: re.Match, reference: re.Pattern | None = None):
        self._start, self._text = m.start(), cut_name(text, m.start(), m.group(0), reference)
        self.ok = self._text.count(" ") >= 1

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._start + len(self._text)

    def group(self, _: int = 0) -> str:
        return self._text


def cut_name(text: str, start: int, name: str, reference: re.Pattern | None) -> str:
    """``name`` (found at ``start`` of ``text``) up to its last capitalised word, and before a word
    that opens a document's reference ("Thông tư 130/...")."""
    words = name.split(" ")
    keep = next((k for k, w in enumerate(words) if not w[:1].isupper()), len(words))
    if reference is not None:
        at = start
        for k, w in enumerate(words[:keep]):
            if k and reference.match(text, at):
                keep = k
                break
            at += len(w) + 1
    return " ".join(words[:keep])


def document_reference(lexicon: Lexicon) -> re.Pattern:
    """A type word and a number, as written ("Thông tư 130", "Nghị quyết số 389")."""
    words = gz.trie({w[:1].upper() + w[1:] for w in refs.type_words()})
    return re.compile(lexicon.documents.reference_start.replace("{words}", words) or "(?!)")


def _name_candidates(text: str, i: int, j: int, pattern: re.Pattern, reference: re.Pattern | None = None):
    """Every name match, and the ones starting at a later word inside it: "Hà Nội Bùi Thị" (Hà is a
    surname) hides "Bùi Thị Minh Hoài"; overlap resolution keeps the longest that no body claims."""
    for m in gz.at_word_start(pattern, text, i, j):
        for n in [m] + [pattern.match(text, m.start() + w.end(), j)
                        for w in re.finditer(r" (?=\w)", text[m.start():m.end()])]:
            name = _Name(text, n, reference) if n else None
            if name and name.ok:
                yield name


def _bare_titles(normal: NormalText, segmented: Segmented, mentions: list[Mention]) -> list[Mention]:
    """A title alone ("Tổng Bí thư yêu cầu ...") names the person who holds it in this document."""
    holders = {}
    for m in mentions:
        if m.kind == "person" and m.ref.post:
            holders.setdefault(normalise_phrase(m.ref.title), m)
            holders.setdefault(m.ref.post, m)
    if not holders:
        return []
    # the mentions are disjoint: sorted by start, they are sorted by end too, and those overlapping
    # a span are one run of them, found by bisection (not a scan of every mention per title)
    taken = sorted((m.start, m.end) for m in mentions)
    taken_starts = [s for s, _ in taken]
    taken_ends = [e for _, e in taken]
    pattern = gz.alternation_of(holders)
    out = []
    for block in segmented.blocks:
        if block.kind not in _FACT_KINDS:
            continue
        for m in gz.at_word_start(pattern, normal.key, block.start, block.end):
            nxt = normal.text[m.end():m.end() + 2]
            overlapping = taken[bisect_right(taken_ends, m.start()):bisect_left(taken_starts, m.end())]
            inside_other = any(s < m.end() and m.start() < e and not (m.start() <= s and e <= m.end())
                               for s, e in overlapping)
            if nxt[:1] == " " and nxt[1:2].isupper() or inside_other:
                continue                              # a title followed by a name, or inside another mention
            person = holders[m.group(1)]
            out.append(Mention("person", person.iri, m.start(), m.end(), normal.text[m.start():m.end()],
                               "bare-title", PersonRef(name=person.ref.name)))
    return out


# ------------------------------------------------------------------ places
def _places(normal: NormalText, i: int, j: int, lexicon: Lexicon) -> list[Mention]:
    matcher = gz.place_matcher(lexicon)
    return [Mention("place", matcher.table[m.group(1)][0], m.start(), m.end(), normal.text[m.start():m.end()],
                    "gazetteer", PlaceRef(name=matcher.table[m.group(1)][1]))
            for m in gz.at_word_start(matcher.pattern, normal.key, i, j)]
