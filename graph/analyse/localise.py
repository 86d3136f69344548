"""Stage 4, recognise: a province's bodies written without the province, as a reader of the
province's own document reads them. In a decision of the People's Committee of Quảng Ninh, "Sở
Tài chính" is the Quảng Ninh Department of Finance, "Văn phòng UBND tỉnh" the office of its
committee and "Công an tỉnh" its police (bodies.yaml ``home``). Part of recognise, apart to keep
each module small."""
from __future__ import annotations

import re
from bisect import bisect_right

from graph.analyse import gazetteer as gz
from graph.analyse.normalise import normalise_phrase
from graph.lexicon import Lexicon
from graph.records import BodyRef, Mention, NormalText
from graph.vocab import iri

_NEXT_WORD = re.compile(r"[ \t]+(\w+)")
_TIED = ("body-pattern", "body-pattern-local", "sector-body")    # the rules of bodies a name may leave untied


def _provinces(lexicon: Lexicon) -> dict[str, str]:
    """Each body of a province's family (its committee, council, Party committee ...) -> the
    province's polity IRI; the polity itself is left out (a place names no issuer)."""
    return {body: polity for polity, family in lexicon.bodies.families.items()
            for body in family.values() if body != polity}


def home_province(mentions: list[Mention], lexicon: Lexicon) -> str | None:
    """The polity IRI of the document's province: that of its first body, when the first body
    the document names is one of a province's (its issuer, in the header); else None."""
    provinces = lexicon.compiled(_provinces)
    first = min((m for m in mentions if m.kind == "body"), key=lambda m: m.start, default=None)
    return provinces.get(first.iri) if first is not None else None


def _province_names(lexicon: Lexicon) -> tuple[str, ...]:
    """The provinces' names and aliases, as keys with a space before them (" hà nội")."""
    return tuple(" " + normalise_phrase(a) for e in lexicon.bodies.entries if e.cls == "Polity"
                 for a in (e.name, *e.aliases, *e.cased))


def ends_on_province(key: str, lexicon: Lexicon) -> bool:
    """Whether a name ends on a province's name ("Đài Phát thanh và Truyền hình Hà Nội"): the
    body of that province, whose whole name outranks the province's."""
    return key.endswith(lexicon.compiled(_province_names))


def _sector_pattern(lexicon: Lexicon) -> tuple[re.Pattern, dict[str, str]] | None:
    """"Sở" and the name of a ministry after "Bộ" ("Sở Văn hóa, Thể thao và Du lịch"): the names
    of a province's departments are those of the ministries, commas included."""
    sectors = (lexicon.bodies.home or {}).get("sectors") or {}
    names = {}
    for head, like in sectors.items():
        for entry in lexicon.bodies.entries:
            if entry.kind == "ministry" and entry.name.startswith(like + " "):
                tail = entry.name[len(like) + 1:]
                names.setdefault(f"{normalise_phrase(head)} {normalise_phrase(tail)}", (head, tail))
    if not names:
        return None
    return gz.alternation(names), names


def sector_bodies(normal: NormalText, i: int, j: int, lexicon: Lexicon) -> list[Mention]:
    """Departments named after a ministry's sector, whole: "Sở Văn hóa, Thể thao và Du lịch"."""
    compiled = lexicon.compiled(_sector_pattern)
    if compiled is None:
        return []
    pattern, names = compiled
    each = lexicon.compiled(_of_each)
    out = []
    for m in gz.at_word_start(pattern, normal.key, i, j):
        if not normal.text[m.start()].isupper():
            continue
        head, tail = names[m.group(1)]
        name, end, cls, kind = f"{head} {tail}", m.end(), "StateBody", "department"
        group = each.match(normal.key, end, j) if each is not None else None
        if group:                      # "Sở Xây dựng các địa phương": the department of each province
            end, cls, kind = group.end(), "BodyGroup", "collective"
            name = " ".join(normal.text[m.start():end].split())
        out.append(Mention("body", iri("body", name), m.start(), end, normal.text[m.start():end],
                           "sector-body", BodyRef(name=name, cls=cls, body_kind=kind)))
    return out


def _of_each(lexicon: Lexicon) -> re.Pattern | None:
    spec = (lexicon.bodies.home or {}).get("of_each")
    return re.compile(spec) if spec else None


def tie_to_home(normal: NormalText, mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """``mentions`` with the bodies found by pattern that name no province tied to the
    document's: a name ending on a bare unit word ("Văn phòng UBND tỉnh", "Công an Thành phố"),
    or starting with a head of bodies.yaml ``home`` ("Sở Tài chính"); and a province's bare
    name after a commune's unit word ("Phường Bắc Giang": a ward) dropped."""
    spec = lexicon.bodies.home or {}
    if not spec:
        return mentions
    entries = lexicon.bodies.by_iri
    within = tuple(normalise_phrase(w) + " " for w in spec.get("within", ()))
    out = [m for m in mentions if not _inside_commune(normal, m, entries, within) and not _in_caps_name(normal, m, entries)]
    home = _home(out, lexicon)
    if home is None:
        return out
    home_name, unit, heads, parent, adopts = home
    table = gz.body_matcher(lexicon).table
    divisions = tuple(f" {d} " for d in lexicon.bodies.division_words + lexicon.bodies.district_words)
    tied = []
    for m in out:
        if m.kind != "body" or m.rule not in _TIED or not isinstance(m.ref, BodyRef) or not m.ref.name \
                or m.ref.cls == "BodyGroup":
            tied.append(m)
            continue
        name, end = m.ref.name, m.end
        bare = _bare_unit_after(normal, end, unit)
        if name.lower().endswith(" " + unit):
            name = name[:len(name) - len(unit)] + home_name
        elif bare:
            name, end = f"{name} {home_name}", bare
        elif name.startswith(heads) and not any(d in f" {name.lower()} " for d in divisions):
            name = f"{name} {home_name}"
        elif adopts and not m.ref.parent and m.ref.body_kind == "department":
            pass                       # "Cục Thuế" in a letter of the Ministry of Finance: the ministry's
        else:
            tied.append(m)
            continue
        hit = table.get(normalise_phrase(name))
        if hit and not hit[1]:
            tied.append(Mention("body", hit[0], m.start, end, normal.text[m.start:end], "home-province", BodyRef()))
        else:
            ref = BodyRef(name=name, cls=m.ref.cls, body_kind=m.ref.body_kind,
                          parent=m.ref.parent or parent, valid_until=m.ref.valid_until)
            tied.append(Mention("body", iri("body", name), m.start, end, normal.text[m.start:end], "home-province", ref))
    return tied


def _home(mentions: list[Mention], lexicon: Lexicon) -> tuple[str, str, tuple[str, ...], str | None, bool] | None:
    """What the document's first body makes of bodies named without their polity or ministry:
    (the name to add, the bare unit word that stands for it, the heads tied with no unit word,
    the parent of the bodies tied, whether it adopts departments named whole). A province's body: its polity ("tỉnh Quảng Ninh"), "tỉnh", the
    heads of bodies.yaml ``home``, its People's Committee. A ministry (bodies.yaml ``ministries``):
    the ministry ("Bộ Khoa học và Công nghệ"), "bộ" ("Văn phòng Bộ"), no heads, the ministry, which
    is the parent of its departments ("Cục Thuế")."""
    spec, entries = lexicon.bodies.home, lexicon.bodies.by_iri
    first = min((m for m in mentions if m.kind == "body"), key=lambda m: m.start, default=None)
    if first is None or first.iri not in entries:
        return None
    entry = entries[first.iri]
    word = entry.name.split(" ")[0]
    if entry.kind == "ministry" and word in spec.get("ministries", ()):
        return entry.name, word.lower(), (), entry.iri, True
    home = home_province(mentions, lexicon)
    if home is None or home not in entries:
        return None
    polity = entries[home].name
    unit = next((u for u in lexicon.bodies.division_words if polity.lower().startswith(u + " ")), None)
    committee = next((b for b in lexicon.bodies.families[home].values()
                      if b in entries and entries[b].kind == "peoples-committee"), None)
    return (polity, unit, tuple(spec.get("heads", ())), committee, False) if unit else None


def held_offices(normal: NormalText, mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """``mentions`` less the bodies that are part of a person's title: inside a longer title, not
    the body it is a post of ("Phó Thủ tướng Thường trực Chính phủ" holds no mention of Thường trực
    Chính phủ; "Phó Chủ tịch Quốc hội" names Quốc hội), or an office
    that is a title right before its holder's name ("Thủ tướng Chính phủ Phạm Minh Chính")."""
    title_re, titles = gz.titles(lexicon)
    key = normal.key
    # each title's span and the body it is a post of ("Phó Chủ tịch Quốc hội": Quốc hội stays named)
    spans = [(t.start(), t.end(), titles[t.group(1)].body) for t in gz.at_word_start(title_re, key)]
    starts = [s for s, _, _ in spans]
    persons = {m.start for m in mentions if m.kind == "person"}
    names = {e.iri: e.name for e in lexicon.bodies.entries}
    out = []
    for m in mentions:
        if m.kind == "body":
            k = bisect_right(starts, m.start)
            inside = any(s < m.start and m.end <= e and names.get(m.iri) != body for s, e, body in spans[max(0, k - 3):k])
            holder = key[m.start:m.end] in titles and (m.end + 1 in persons)
            if inside or holder:
                continue
        out.append(m)
    return out


def _bare_unit_after(normal: NormalText, end: int, unit: str) -> int | None:
    """Where a bare unit word right after a name ends ("Văn phòng UBND tỉnh, ..."): the unit of
    the document's province, not followed by a name ("tỉnh Bắc Ninh" names its own)."""
    words = unit.split(" ")
    pos = end
    for w in words:
        m = _NEXT_WORD.match(normal.key, pos)
        if m is None or m.group(1) != w:
            return None
        pos = m.end()
    nxt = _NEXT_WORD.match(normal.text, pos)
    if nxt is not None and nxt.group(1)[:1].isupper():
        return None
    return pos


def _inside_commune(normal: NormalText, m: Mention, entries, within: tuple[str, ...]) -> bool:
    """A province's bare name that names a commune or a ward ("Phường Bắc Giang", "xã Hòa Bình")."""
    if m.kind != "body" or not within:
        return False
    entry = entries.get(m.iri)
    return entry is not None and entry.cls == "Polity" and normal.key[max(0, m.start - 12):m.start].endswith(within)


def _in_caps_name(normal: NormalText, m: Mention, entries) -> bool:
    """A province in capitals right after a word in capitals: the end of a name in a heading or a
    title ("SỞ TÀI CHÍNH TỈNH BẮC NINH", "... PHÁT TRIỂN THÀNH PHỐ ĐÀ NẴNG"), no actor of its own."""
    entry = entries.get(m.iri) if m.kind == "body" else None
    if entry is None or entry.cls != "Polity" or not m.surface.isupper():
        return False
    before = normal.text[max(0, m.start - 20):m.start].rstrip(" ").rsplit(" ", 1)[-1]
    return before.isalpha() and before.isupper()
