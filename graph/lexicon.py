"""The language data of graph/data/*.yaml as one typed, frozen object: the lexicon.

``Lexicon.load(folders)`` reads every data file once (a file in one of ``folders`` replaces the
bundled one of the same name, as ``--data DIR`` does), checks it against graph/data.py's schema
(a mistake is one line naming the file, the place and the key) and builds one frozen section per
file. The stages take the lexicon as an argument (``analyse(source, lexicon)``); nothing reads
the data files behind their back, so a test builds a small lexicon instead of patching caches.

Compiled matchers that need only the data are cached properties of the sections; the ones a
stage compiles with its own functions (the normaliser's matching key) are cached on the lexicon
by :meth:`Lexicon.compiled`, one per lexicon object.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterable, Mapping, TypeVar

from graph.data import DATA, SCHEMA, DataError, check_bodies, parse, province_bodies
from graph.lexicon_reading import Documents, KnownDocument, Layout, NamedDocument, _t, any_of  # noqa: F401
from graph.vocab import iri

T = TypeVar("T")


# ------------------------------------------------------------------ bodies.yaml
@dataclass(frozen=True)
class BodyEntry:
    """A body or group of the gazetteer, with its IRI and its parent's."""
    name: str
    en: str
    cls: str
    kind: str
    iri: str
    parent: str | None = None                 # IRI
    valid_from: str | None = None
    valid_until: str | None = None
    aliases: tuple[str, ...] = ()
    contextual: tuple[str, ...] = ()
    group: bool = False
    cased: tuple[str, ...] = ()               # aliases that count only written with capitals
    replaced_by: str | None = None            # IRI of the body that took over (a merged province's)


@dataclass(frozen=True)
class BodyHead:
    """A head word of bodies the gazetteer does not list ("Sở ...")."""
    head: str
    cls: str
    kind: str
    parent: str | None = None
    requires: str | None = None
    expands: str | None = None
    valid_until: str | None = None
    max_words: int | None = None             # the name's words after the head, where not the default
    max_chars: int | None = None             # the name's characters, head included, where not the default
    whole: bool = False                      # its name outranks a listed body inside it ("Bộ Tư lệnh Vùng Cảnh sát biển 2")
    opens: str | None = None                 # what else may open the name after the head, besides a capital (regex, on the key)


@dataclass(frozen=True, eq=False)
class Bodies:
    entries: tuple[BodyEntry, ...]           # bodies, then groups, in file order
    max_words: int
    heads: tuple[BodyHead, ...]
    district_words: tuple[str, ...]
    district_valid_until: str
    division_words: tuple[str, ...]
    joins: tuple[str, ...] = ()              # words that join two capitalised parts of one name ("và")
    name_ends: tuple[str, ...] = ()          # words that end a pattern body's name (with cues' stop words)
    families: Mapping[str, Mapping[str, str]] = field(default_factory=dict)   # polity IRI -> template -> IRI
    enumeration: Mapping = field(default_factory=dict)     # provinces.yaml's enumeration: lead, window, heads
    places: Mapping = field(default_factory=dict)          # provinces.yaml's places: before, apposition
    collectives: Mapping = field(default_factory=dict)     # leads, nouns, heads, levels, qualifiers
    member_lists: tuple = ()                               # ({lead, head}, ...)
    council_parts: Mapping = field(default_factory=dict)   # council (regex), parts: part -> name template
    home: Mapping = field(default_factory=dict)            # heads tied to the document's province, sectors, within
    max_chars: int = 120                                   # a pattern body's name at most, head included
    post_groups: tuple = ()                                # ({pattern, name?}, ...)

    @classmethod
    def of(cls, d: dict) -> "Bodies":
        def entry(item, kind_cls, kind, group):
            parent = item.get("parent")
            return BodyEntry(item["name"], item.get("en", ""), kind_cls, kind, iri("body", item["name"]),
                             iri("body", parent) if parent else None, item.get("valid_from"),
                             item.get("valid_until"), _t(item.get("aliases")), _t(item.get("contextual")), group,
                             _t(item.get("cased")), iri("body", item["replaced_by"]) if item.get("replaced_by") else None)
        p = d["patterns"]
        return cls(tuple(entry(i, i["class"], i["kind"], False) for i in d["bodies"])
                   + tuple(entry(i, "BodyGroup", "collective", True) for i in d["groups"]),
                   p["max_words"],
                   tuple(BodyHead(h["head"], h["class"], h["kind"], h.get("parent"), h.get("requires"),
                                  h.get("expands"), h.get("valid_until"), h.get("max_words"), h.get("max_chars"), h.get("whole", False),
                                  h.get("opens"))
                         for h in p["heads"]),
                   _t(p["district_words"]), p["district_valid_until"], _t(p["division_words"]), _t(p.get("joins")), _t(p.get("name_ends")),
                   {iri("body", k): {t: iri("body", n) for t, n in v.items()} for k, v in d.get("families", {}).items()},
                   d.get("enumeration") or {}, d.get("places") or {}, d.get("collectives") or {},
                   tuple(d.get("member_lists") or ()), d.get("council_parts") or {}, d.get("home") or {}, p.get("max_chars", 120),
                   tuple(d.get("post_groups") or ()))

    @cached_property
    def by_iri(self) -> dict[str, BodyEntry]:
        """Every gazetteer body and group by IRI."""
        return {e.iri: e for e in self.entries}


# ------------------------------------------------------------------ cues.yaml
@dataclass(frozen=True, eq=False)
class Cues:
    stop_words: tuple[str, ...]
    assign_verbs: Mapping[str, str]
    actor_verbs: Mapping[str, str]
    verb_in_name_after: tuple[str, ...]
    chain_verbs: tuple[str, ...]
    adverbs: tuple[str, ...]
    imperative_verbs: tuple[str, ...]
    statement_markers: tuple[str, ...]
    task_headings: tuple[str, ...]
    non_task_headings: tuple[str, ...]
    past_markers: tuple[str, ...]
    deliverables: tuple[str, ...]
    legal_basis: tuple[str, ...]
    dependency: tuple[str, ...]
    recurring: tuple[str, ...]
    relations: Mapping[str, tuple[str, ...]]
    modals: tuple[str, ...]
    framing: tuple[str, ...]
    actor_qualifiers: tuple[str, ...]
    openers: tuple[str, ...]
    post_before_body: str
    speech_verbs: tuple[str, ...]
    future_marker: str
    subject_gap: str
    actor_between: str
    actor_before: str
    role_preamble: str
    lead_verb: str
    coordinate_verb: str
    coordinate_with: str
    coordinate_only: tuple[str, ...]
    task_preamble: str
    follow_on: str
    deliverable_not: tuple[str, ...]
    heading_number: str
    outline_ranks: tuple[tuple[str, float], ...]
    markup: str
    actor_heading_tail: str
    lead_heading_tail: str
    heading_verbs: Mapping[str, str]
    inline_item: str
    execution: str
    enacting: str
    lead_in_only: str
    closing: str
    approval: str
    clause_split: str
    deadline_only: str
    topic_title: str
    addressee_lead: str
    addressee_item: str
    title_types: tuple[str, ...]
    document_start: str
    publisher_types: tuple[str, ...]
    list_opener: str
    restatement: str
    table_columns: Mapping[str, tuple[str, ...]]
    table_lead_roles: Mapping[str, str]
    table_separator: str

    @classmethod
    def of(cls, d: dict) -> "Cues":
        d = {**d, "outline_ranks": [tuple(x) for x in d["outline_ranks"]]}
        return cls(**{k: (_t(v) if isinstance(v, list) else
                          {a: _t(b) for a, b in v.items()} if k in ("relations", "table_columns") else v) for k, v in d.items()})


# ------------------------------------------------------------------ documents.yaml
@dataclass(frozen=True)
class Title:
    title: str
    en: str | None = None
    body: str | None = None
    rank: bool | None = None


@dataclass(frozen=True, eq=False)
class Persons:
    surnames: tuple[str, ...]
    titles: tuple[Title, ...]
    name_syllable: str
    clause_break: re.Pattern
    byline: re.Pattern | None = None         # a news report's author line, the name as group "name"

    @classmethod
    def of(cls, d: dict) -> "Persons":
        return cls(_t(d["surnames"]), tuple(Title(**t) for t in d["titles"]), d["name_syllable"],
                   re.compile(d["clause_break"]), re.compile(d["byline"]) if d.get("byline") else None)

    @cached_property
    def name(self) -> re.Pattern:
        """A surname, then one to three capitalised syllables (scan it with at_word_start)."""
        surnames = "|".join(sorted(self.surnames, key=len, reverse=True))
        return re.compile(rf"(?:{surnames})(?: {self.name_syllable}){{1,3}}(?!\w)")



# ------------------------------------------------------------------ projects.yaml
@dataclass(frozen=True)
class ProjectPattern:
    pattern: str
    kind: str
    en: str | None = None
    not_in_name: tuple[str, ...] = ()
    members: str | None = None          # a list of several under the head: head, items and shared tail (regex)
    separator: str | None = None        # between the items of such a list (regex)


@dataclass(frozen=True, eq=False)
class Projects:
    projects: tuple[ProjectPattern, ...]
    same_as: Mapping[str, str]
    places: tuple[str, ...]
    not_name: str | None = None     # words that introduce a project, not part of its name (regex)

    @classmethod
    def of(cls, d: dict) -> "Projects":
        return cls(tuple(ProjectPattern(p["pattern"], p["kind"], p.get("en"), _t(p.get("not_in_name")),
                                        p.get("members"), p.get("separator"))
                         for p in d["projects"]), dict(d.get("same_as") or {}), _t(d["places"]),
                   d.get("not_name"))

    @cached_property
    def not_name_pattern(self) -> re.Pattern:
        return re.compile(self.not_name or "(?!)")

    @cached_property
    def patterns(self) -> tuple[tuple[re.Pattern, ProjectPattern], ...]:
        return tuple((re.compile(r"(?:%s)(?!\w)" % p.pattern), p) for p in self.projects)


# ------------------------------------------------------------------ targets.yaml
@dataclass(frozen=True, eq=False)
class Targets:
    target_headings: tuple[str, ...]
    result_headings: tuple[str, ...]
    target_cues: tuple[str, ...]
    result_markers: tuple[str, ...]
    before: Mapping[str, str]
    after: Mapping[str, str]
    units: tuple[str, ...]
    year: re.Pattern
    clause_breaks: re.Pattern
    indicator_lead: str
    indicator_tail: str
    reach_verb: str
    rule_types: tuple[str, ...]
    count: str
    share_unit: str
    worded_values: tuple = ()                              # ({pattern, value, comparator, unit}, ...)

    @classmethod
    def of(cls, d: dict) -> "Targets":
        return cls(**{k: _t(v) if isinstance(v, list) else re.compile(v) if k in ("year", "clause_breaks") else v
                      for k, v in d.items()})


# ------------------------------------------------------------------ time.yaml
@dataclass(frozen=True)
class TimeExpression:
    kind: str
    pattern: str
    span: bool = False


@dataclass(frozen=True, eq=False)
class Time:
    expressions: tuple[TimeExpression, ...]
    cell_expressions: tuple[TimeExpression, ...] = ()    # a table's time cell, matched whole

    @classmethod
    def of(cls, d: dict) -> "Time":
        def exprs(key):
            return tuple(TimeExpression(e["kind"], e["pattern"], bool(e.get("span"))) for e in d.get(key) or ())
        return cls(exprs("expressions"), exprs("cell_expressions"))

    @cached_property
    def patterns(self) -> tuple[tuple[str, re.Pattern, bool], ...]:
        """(kind, whole-word pattern, span) per expression, in file order."""
        return tuple((e.kind, re.compile(r"(?<!\w)(?:%s)(?!\w)" % e.pattern), e.span) for e in self.expressions)

    @cached_property
    def cell_patterns(self) -> tuple[tuple[str, re.Pattern, bool], ...]:
        """(kind, pattern matching a whole cell, span) per cell expression."""
        return tuple((e.kind, re.compile(r"\s*(?:%s)\s*[.;]?\s*" % e.pattern), e.span) for e in self.cell_expressions)


# ------------------------------------------------------------------ the lexicon
_SECTIONS = {"bodies": Bodies, "cues": Cues, "documents": Documents, "layout": Layout, "persons": Persons,
             "projects": Projects, "targets": Targets, "time": Time}


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Every data file, typed: one section per file of graph/data/."""
    bodies: Bodies
    cues: Cues
    documents: Documents
    layout: Layout
    persons: Persons
    projects: Projects
    targets: Targets
    time: Time
    folders: tuple[Path, ...] = ()
    _compiled: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def load(cls, folders: Iterable[Path] = ()) -> "Lexicon":
        """The bundled data with ``folders`` layered over it (the first folder wins): each data
        file is read from the first folder that has it, else from graph/data/."""
        folders = tuple(Path(f) for f in folders)
        for folder in folders:
            check_folder(folder)
        def read(name: str, extra=None) -> dict:
            path = next((f / f"{name}.yaml" for f in folders if (f / f"{name}.yaml").is_file()), DATA / f"{name}.yaml")
            return parse(path, SCHEMA[name], extra=extra)
        sections = {}
        for name, section in _SECTIONS.items():
            data = read(name, check_bodies if name == "bodies" else None)
            if name == "bodies":      # the provinces' bodies join the gazetteer, after the listed ones
                provinces = read("provinces")
                more, families = province_bodies(provinces, {b["name"] for b in data["bodies"]})
                data = {**data, "bodies": data["bodies"] + more, "families": families,
                        "enumeration": provinces["enumeration"], "places": provinces.get("places") or {}}
            sections[name] = section.of(data)
        return cls(**sections, folders=folders)

    def compiled(self, build: Callable[["Lexicon"], T]) -> T:
        """``build(self)``, computed once per lexicon: the matchers a stage compiles from the data."""
        try:
            return self._compiled[build]
        except KeyError:
            value = self._compiled[build] = build(self)
            return value


def check_folder(folder: Path) -> None:
    """A folder given with --data: it exists, and holds only data files of this release."""
    if not folder.is_dir():
        raise DataError(f"{folder}: not a folder (--data)")
    layered = [*_SECTIONS, "provinces"]       # legacy_encodings and published are the bundled ones only
    unknown = sorted(p.name for p in folder.glob("*.yaml") if p.stem not in layered)
    if unknown:
        raise DataError(f"{folder / unknown[0]}: not a data file a build layers (known: "
                        f"{', '.join(n + '.yaml' for n in layered)})")
