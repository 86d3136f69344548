"""Stage 4, recognise: named projects, works, zones, programmes and platforms, by pattern
(projects.yaml). Part of recognise, apart to keep each module small.

A project has one name however a text introduces it: "Dự án đầu tư xây dựng đường cao tốc Bến Lức
- Long Thành", "đường cao tốc Bến Lức-Long Thành" and "cao tốc Bến Lức - Long Thành" are one
expressway (``project_name``; the annotations' names go through it too)."""
from __future__ import annotations

import re

from graph.analyse import gazetteer as gz
from graph.analyse.normalise import normalise_phrase
from graph.analyse.prefilter import PatternSet
from graph.lexicon import Lexicon
from graph.records import Mention, NormalText, ProjectRef
from graph.vocab import iri

_DASH = re.compile(r"(?<=[^\W\d])\s*[-–]\s*(?=[^\W\d])")   # between words, not numbers ("2021-2025")


def projects(normal: NormalText, i: int, j: int, lexicon: Lexicon) -> list[Mention]:
    """The projects named in ``normal.text[i:j]``."""
    out = []
    for pattern, spec in lexicon.compiled(_project_patterns).possible(normal.text):
        for m in gz.at_word_start(pattern, normal.text, i, j):
            members = listed_projects(normal, m, spec, lexicon)
            if members:                        # "các Chương trình ...: A, B, C giai đoạn ...": each one
                out += members
                continue
            if spec.members and "(?P<head>" not in spec.members:
                continue                       # a list with no head of its own: its lead names nothing
            name = project_name(m.group(0), lexicon, spec.not_in_name)
            out.append(Mention("project", iri("project", name), m.start(), m.end(), m.group(0), "project-pattern",
                               ProjectRef(name=name, kind=spec.kind, en=spec.en)))
    return out


def project_name(text: str, lexicon: Lexicon, not_in_name: tuple[str, ...] = ()) -> str:
    """The name a project goes by: less the words that only introduce it ("Dự án đầu tư xây dựng",
    "đường" before "cao tốc"), less ``not_in_name`` ("Sân bay quốc tế Nội Bài" is "Sân bay Nội
    Bài"), one spacing around a dash, a capital first letter, then projects.yaml's same_as."""
    name = " ".join(text.split())
    if lexicon.projects.not_name:
        name = lexicon.projects.not_name_pattern.sub("", name) or name
    for words in not_in_name:
        name = name.replace(f" {words} ", " ")
    name = _DASH.sub(" - ", name)
    name = name[:1].upper() + name[1:]
    return lexicon.compiled(_project_names).get(normalise_phrase(name), name)


def listed_projects(normal: NormalText, m: re.Match, spec, lexicon: Lexicon) -> list[Mention]:
    """The projects a list under one head names: with a head and a tail ("Các Chương trình mục tiêu
    quốc gia: Xây dựng nông thôn mới, Giảm nghèo bền vững, Phát triển ... giai đoạn 2021-2025"), each
    item between them (its first letter small, as inside a name); without ("các dự án chưa có nhà đầu
    tư như: LNG Nghi Sơn, LNG Quỳnh Lập"), each item as written; projects.yaml ``members``."""
    if not spec.members:
        return []
    whole = re.fullmatch(spec.members, m.group(0), re.S)
    if whole is None:
        return []
    groups = whole.groupdict()
    out, at = [], m.start() + whole.start("items")
    for item in re.split(spec.separator or ",", whole.group("items")):
        start = normal.text.find(item, at)
        if not item.strip() or start < 0:
            continue
        at = start + len(item)
        words = " ".join(item.split())
        if groups.get("head"):
            name = " ".join(f"{groups['head']} {words[:1].lower()}{words[1:]} {groups.get('tail') or ''}".split())
        else:
            name = project_name(f"{groups.get('kind') or ''} {words}", lexicon, spec.not_in_name)
        out.append(Mention("project", iri("project", name), start, at, item, "project-list",
                           ProjectRef(name=name, kind=spec.kind, en=spec.en)))
    return out


def _project_patterns(lexicon: Lexicon) -> PatternSet:
    """The project patterns, each tried only on a document holding one of its literal strings."""
    return PatternSet(lexicon.projects.patterns)


def _project_names(lexicon: Lexicon) -> dict[str, str]:
    """projects.yaml's same_as, keyed by the matching form of the other name."""
    return {normalise_phrase(k): v for k, v in lexicon.projects.same_as.items()}
