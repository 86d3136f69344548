"""Enumerations of provinces: "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố: Hà Tĩnh, Quảng Trị
và Huế" names the People's Committee of each (provinces.yaml's ``enumeration``); and provinces
named as places, not actors ("tại tỉnh Ninh Bình"; provinces.yaml's ``places``); collective
groups as written ("các bộ, ngành, địa phương"; bodies.yaml's ``collectives``)."""
from __future__ import annotations

import re

from graph.analyse import gazetteer as gz
from graph.analyse.normalise import normalise_phrase
from graph.analyse.prefilter import PatternSet
from graph.lexicon import Lexicon
from graph.records import BodyRef, Mention, NormalText, PlaceRef
from graph.vocab import iri

_SENTENCE_END = re.compile(r".*(?:[.;!?]\s|\n[-+*]|\n\d+\.)", re.S)


def _heads(lexicon: Lexicon) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    spec = lexicon.bodies.enumeration
    return re.compile(spec["lead"]), gz.alternation(spec["heads"]), re.compile(spec["separator"])


def expand(normal: NormalText, mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """``mentions`` with each province listed after an enumeration's lead and head word replaced
    by the bodies the head word names (several for "Bí thư Tỉnh ủy và Chủ tịch Ủy ban nhân dân");
    the collective the lead ends ("Ủy ban nhân dân các tỉnh, thành phố") gives way to them."""
    spec, families = lexicon.bodies.enumeration, lexicon.bodies.families
    if not spec or not families:
        return mentions
    lead_re, head_re, separator = lexicon.compiled(_heads)
    by_start = {m.start: m for m in mentions if m.kind == "body" and m.iri in families}
    if not by_start:
        return mentions
    drop, add = set(), []
    key = normal.key
    for lead in lead_re.finditer(key):
        members, pos = [], lead.end()
        # the lead's unit word may open the first member ("UBND các tỉnh Thanh Hóa, Nghệ An")
        pos = next((s for s in range(lead.start() + 1, lead.end()) if s in by_start and by_start[s].end > lead.end()), pos)
        while pos in by_start:
            members.append(by_start[pos])
            sep = separator.match(key, members[-1].end)
            if not sep:
                break
            pos = sep.end()
        if not members:
            continue
        window = key[max(0, lead.start() - spec["window"]):lead.start()]
        cut = _SENTENCE_END.match(window)
        window = window[cut.end():] if cut else window
        templates = list(dict.fromkeys(spec["heads"][h.group(1)] for h in gz.at_word_start(head_re, window)))
        if not templates:
            continue
        drop |= {id(m) for m in mentions if m.kind == "body" and m.start < lead.end() and m.end > lead.start()}
        for member in members:
            drop.add(id(member))
            for template in templates:
                body = families[member.iri].get(template)
                if body:
                    add.append(Mention("body", body, member.start, member.end, member.surface, "enumeration",
                                       BodyRef()))
    if not add:
        return mentions
    return [m for m in mentions if id(m) not in drop] + add


def _place_patterns(lexicon: Lexicon) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    spec = lexicon.bodies.places
    return re.compile(spec["before"]), re.compile(spec["apposition"]), re.compile(spec["listed"])


def places(normal: NormalText, mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """``mentions`` with each province named as where something is or happens ("tại tỉnh Ninh
    Bình", "..., tỉnh Lào Cai") made a place mention, and the provinces listed right after it."""
    if not lexicon.bodies.places:
        return mentions
    before, apposition, listed = lexicon.compiled(_place_patterns)
    entries, units = lexicon.bodies.by_iri, lexicon.bodies.division_words
    key, out, last_place = normal.key, [], None
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        entry = entries.get(m.iri) if m.kind == "body" and m.rule != "enumeration" else None
        if entry is not None and entry.cls == "Polity":
            ahead = key[max(0, m.start - 60):m.start]
            place = (before.search(ahead) is not None
                     or (key.startswith(units, m.start) and apposition.search(ahead) is not None)
                     or (last_place is not None and listed.fullmatch(key, last_place, m.start) is not None))
            if place:
                out.append(Mention("place", iri("place", entry.name), m.start, m.end, m.surface, "place-context",
                                   PlaceRef(name=entry.name)))
                last_place = m.end
                continue
        last_place = None
        out.append(m)
    return out


def _collective_pattern(lexicon: Lexicon) -> tuple[re.Pattern, ...] | None:
    spec = lexicon.bodies.collectives
    if not spec:
        return None
    part = lambda key: "(?:%s)" % gz.trie(normalise_phrase(w) for w in spec[key])
    nouns, units = part("nouns"), part("heads")
    sep = spec["separator"]
    tail = r"(?:\s+(?P<level>%s))?(?:\s+(?P<qualifier>%s))?(?!\w)" % (part("levels"), part("qualifiers"))
    listed = r"%s\s+(?P<nouns>%s(?:%s%s)*)%s" % (part("leads"), nouns, sep, nouns, tail)
    # heads at a level ("Ủy ban nhân dân cấp xã") or over a group ("Ủy ban nhân dân các phường, xã")
    over = r"(?:%s|%s\s+%s(?:%s%s)*)" % (part("levels"), part("leads"), nouns, sep, nouns)
    levelled = r"%s(?:%s%s)*\s+%s(?:\s+%s)?(?!\w)" % (units, sep, units, over, part("qualifiers"))
    generic = r"(?:%s)(?:%s(?:%s))*" % (part("generic"), sep, part("generic"))
    # a list the nouns do not end (a lead-in, more names) or a noun that is part of a longer word
    more = r"(?:\s*:|%s(?!%s\s)\w| %s(?!\w))" % (sep, part("leads"), part("not_before"))
    people = r"(?<!\w)%s(?!\w)" % part("people") if spec.get("people") else "(?!)"
    return re.compile("%s|(?:%s)" % (listed, levelled)), re.compile(generic), re.compile(more), re.compile(people)


def collectives(normal: NormalText, i: int, j: int, lexicon: Lexicon) -> list[Mention]:
    """Collective groups the gazetteer does not list, named as written: "các bộ, ngành, địa
    phương", "các cơ quan, đơn vị có liên quan", "Ủy ban nhân dân cấp xã"."""
    compiled = lexicon.compiled(_collective_pattern)
    if compiled is None:
        return []
    pattern, generic, more, people = compiled
    out = []
    for m in gz.at_word_start(pattern, normal.key, i, j):
        if more.match(normal.key, m.end(), j) or people.search(m.group(0)):
            continue                                   # "các Bộ: Xây dựng, ...", "các cơ quan, tổ chức, [x]"
        if m.group("nouns") and not (m.group("level") or m.group("qualifier")) and generic.fullmatch(m.group("nouns")):
            continue                                   # "các cơ quan" alone names no group
        surface = normal.text[m.start():m.end()]
        name = " ".join(surface.split())
        for short, full in gz.expansions(lexicon):     # "UBND cấp xã" is "Ủy ban nhân dân cấp xã"
            name = short.sub(full, name)
        out.append(Mention("body", iri("body", name), m.start(), m.end(), surface, "collective",
                           BodyRef(name=name, cls="BodyGroup", body_kind="collective")))
    return out


def _member_separator(lexicon: Lexicon) -> re.Pattern:
    return re.compile((lexicon.bodies.collectives or {}).get("separator") or "(?!)")


def _member_lists(lexicon: Lexicon) -> PatternSet:
    """Per list lead: its regex, the listed names after the head (an alternation), name -> IRI;
    each lead tried only on a document holding its literal words (the lead's look-behind makes
    the regex engine try it at every character)."""
    out = []
    for spec in lexicon.bodies.member_lists:
        head = normalise_phrase(spec["head"]) + " "
        tails = {}
        for entry in lexicon.bodies.entries:
            for name in (entry.name, *entry.aliases):
                key = normalise_phrase(name)
                if key.startswith(head) and not entry.group:
                    tails.setdefault(key[len(head):], entry.iri)
        out.append((re.compile(spec["lead"]), gz.alternation(tails), tails))
    return PatternSet(out)


def members(normal: NormalText, i: int, j: int, lexicon: Lexicon) -> list[Mention]:
    """The bodies of a list under one head word: "các Bộ: Xây dựng, Ngoại giao và Tư pháp" names
    Bộ Xây dựng, Bộ Ngoại giao and Bộ Tư pháp."""
    out, separator = [], lexicon.compiled(_member_separator)
    for lead, names, tails in lexicon.compiled(_member_lists).possible(normal.key):
        for m in lead.finditer(normal.key, i, j):
            pos = m.end()
            while (name := names.match(normal.key, pos, j)) is not None:
                out.append(Mention("body", tails[name.group(1)], name.start(), name.end(),
                                   normal.text[name.start():name.end()], "enumeration", BodyRef()))
                sep = separator.match(normal.key, name.end(), j)
                if sep is None:
                    break
                pos = sep.end()
    return out


def _council_list(lexicon: Lexicon) -> re.Pattern | None:
    spec = lexicon.bodies.council_parts
    if not spec:
        return None
    part = r"(?P<part>%s)(?: %s)?" % (gz.trie(normalise_phrase(p) for p in spec["parts"]), spec["council"])
    sep = (lexicon.bodies.collectives or {}).get("separator") or r",\s*"
    # a committee named alone, with its council after it ("Ban Văn hóa - Xã hội Hội đồng nhân dân Thành phố")
    named = r"(?<!\w)(?P<part>%s) %s%s(?!\w)" % (gz.trie(normalise_phrase(p) for p in spec.get("committees") or ()) or "(?!)",
                                             spec.get("link") or "", spec["council"])
    return re.compile(r"%s(?:%s%s)+(?!\w)" % (part.replace("?P<part>", ""), sep, part.replace("?P<part>", ""))), \
        re.compile(part + r"(?!\w)"), re.compile(named)


def council_parts(normal: NormalText, mentions: list[Mention], lexicon: Lexicon,
                  blocks: list[tuple[int, int]]) -> list[Mention]:
    """``mentions`` with the parts of the document's People's Council a list names ("Thường trực Hội
    đồng nhân dân, các Ban của Hội đồng nhân dân, ... Thành phố") as bodies of that council."""
    compiled = lexicon.compiled(_council_list)
    entries = lexicon.bodies.by_iri
    councils = [m for m in mentions if m.kind == "body" and m.iri in entries
                and entries[m.iri].kind == "peoples-council" and not (m.ref and getattr(m.ref, "contextual", False))]
    if compiled is None or not councils:
        return mentions
    listing, one, named = compiled
    council = entries[councils[0].iri].name
    templates = {normalise_phrase(k): v for k, v in lexicon.bodies.council_parts["parts"].items()}
    council_key = re.compile(lexicon.bodies.council_parts["council"])
    add = []
    committees = {normalise_phrase(k): v for k, v in (lexicon.bodies.council_parts.get("committees") or {}).items()}
    for start, end in blocks:
        add += _council_parts_in(normal, listing, one, council_key, templates, councils[0].iri, council, start, end)
        for m in named.finditer(normal.key, start, end):    # "Ban Pháp chế Hội đồng nhân dân Thành phố"
            name = committees[m.group("part")].replace("{council}", council)
            add.append(Mention("body", iri("body", name), m.start(), m.end(), normal.text[m.start():m.end()],
                               "council-part", BodyRef(name=name, cls="StateBody", body_kind="peoples-council",
                                                       parent=councils[0].iri)))
    if not add:
        return mentions
    spans = [(a.start, a.end) for a in add]
    kept = [m for m in mentions if not any(s < m.end and m.start < e for s, e in spans)]
    return kept + add


def _council_parts_in(normal, listing, one, council_key, templates, council_iri, council, i, j) -> list[Mention]:
    add = []
    for m in listing.finditer(normal.key, i, j):
        if not council_key.search(m.group(0)):
            continue                                   # "đại biểu, ..." with no council named
        for p in one.finditer(normal.key, m.start(), m.end()):
            name = templates[p.group("part")].replace("{council}", council)
            add.append(Mention("body", iri("body", name), p.start(), p.end(), normal.text[p.start():p.end()],
                               "council-part", BodyRef(name=name, cls="StateBody", body_kind="peoples-council",
                                                       parent=council_iri)))
    return add


_LEAD_IN_REACH = 40     # characters before a block where the lead-in's "yêu cầu:" may end


def _post_groups(lexicon: Lexicon) -> list[tuple[re.Pattern, str | None]]:
    return [(re.compile(spec["pattern"]), spec.get("name")) for spec in lexicon.bodies.post_groups]


def post_groups(normal: NormalText, i: int, j: int, lexicon: Lexicon) -> list[Mention]:
    """The groups the Government's formula of posts names, each apart ("Bộ trưởng, Thủ trưởng cơ
    quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ": the ministries, the ministerial-level
    agencies, the Government agencies); bodies.yaml ``post_groups``: the group as written (the
    pattern's group ``n``), or the name given. The cue asking them to act may close the lead-in
    just before the block ("... yêu cầu:" above "(1) Các Bộ trưởng, Thủ trưởng ..."): the search
    starts a little before it, and keeps the groups inside the block."""
    out = []
    for pattern, given in lexicon.compiled(_post_groups):
        for m in pattern.finditer(normal.key, max(0, i - _LEAD_IN_REACH), j):
            s, e = m.span("n") if "n" in pattern.groupindex else m.span()
            if s < i:
                continue
            name = given or " ".join(normal.text[s:e].split())
            out.append(Mention("body", iri("body", name), s, e, normal.text[s:e], "post-group",
                               BodyRef(name=name, cls="BodyGroup", body_kind="collective")))
    return out
