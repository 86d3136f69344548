"""Loads the language data of graph/data/*.yaml, checked against its schema on load.

A modeller's mistake (YAML syntax, a missing or unknown key, a value of the wrong type, a regular
expression that does not compile, a body of an unknown kind, class or parent) is reported as one
line naming the file, the place and the problem (``DataError``) when the file is first loaded,
not when some rule happens to read the bad key.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import yaml

DATA = Path(__file__).parent / "data"


class DataError(ValueError):
    """A data file that cannot be used; the message is one line: file, place, problem."""


# -- the schema: each file's keys and the type of each value ---------------------------------
# A spec is a type (str, int, bool), REGEX or DATE (strings that must compile or parse), a list
# [spec], a closed mapping {key: spec} (a key ending in "?" is optional), or OPEN(spec), a mapping
# from any string key (a cue word) to spec.
REGEX, DATE = "regex", "date"


class OPEN:
    def __init__(self, spec):
        self.spec = spec


_BODY = {"name": str, "en?": str, "class": str, "kind": str, "aliases?": [str], "contextual?": [str],
         "cased?": [str], "parent?": str, "valid_from?": DATE, "valid_until?": DATE, "replaced_by?": str}
_TEMPLATE = {"name": str, "en": str, "class": str, "kind": str, "parent?": str, "aliases?": [str], "cased?": [str]}
_GROUP = {"name": str, "en?": str, "parent?": str, "aliases?": [str], "contextual?": [str]}
_HEAD = {"head": str, "class": str, "kind": str, "parent?": str, "requires?": str, "expands?": str,
         "valid_until?": DATE, "max_words?": int, "max_chars?": int, "whole?": bool,
         "opens?": REGEX}

SCHEMA = {
    "bodies": {"bodies": [_BODY], "groups": [_GROUP],
               "member_lists?": [{"lead": REGEX, "head": str}],
               "post_groups?": [{"pattern": REGEX, "name?": str}],
               "council_parts?": {"council": REGEX, "parts": OPEN(str), "committees?": OPEN(str), "link?": REGEX},
               "collectives?": {"leads": [str], "nouns": [str], "heads": [str], "levels": [str],
                                "generic": [str], "people?": [str], "not_before": [str], "qualifiers": [str],
                                "separator": REGEX},
               "patterns": {"max_words": int, "max_chars?": int, "heads": [_HEAD], "district_words": [str],
                            "district_valid_until": DATE, "division_words": [str],
                            "joins?": [str], "name_ends?": [str]},
               "home?": {"heads": [str], "ministries?": [str], "sectors": OPEN(str), "of_each?": REGEX, "within": [str]}},
    "provinces": {"reorganised": DATE, "places?": {"before": REGEX, "apposition": REGEX, "listed": REGEX}, "enumeration": {"lead": REGEX, "window": int, "separator": REGEX, "heads": OPEN(str)}, "units": OPEN({"committee": str, "abbr": [str]}), "templates": [_TEMPLATE],
                  "provinces": [{"name": str, "unit": str, "bare?": bool, "merged_from?": [str], "aliases?": [str]}]},
    "cues": {"stop_words": [str], "assign_verbs": OPEN(str), "actor_verbs": OPEN(str),
             "verb_in_name_after": [str], "chain_verbs": [str], "adverbs": [str], "imperative_verbs": [str], "statement_markers": [str],
             "task_headings": [str], "non_task_headings": [str], "past_markers": [str],
             "deliverables": [REGEX], "legal_basis": [str], "dependency": [str], "recurring": [str],
             "relations": OPEN([str]), "modals": [str], "framing": [REGEX], "actor_qualifiers": [REGEX],
             "openers": [REGEX], "post_before_body": REGEX, "speech_verbs": [str],
             "future_marker": str, "subject_gap": REGEX, "actor_between": REGEX, "actor_before": REGEX,
             "role_preamble": REGEX, "lead_verb": str, "coordinate_verb": str, "coordinate_with": REGEX, "coordinate_only": [str],
             "task_preamble": REGEX, "follow_on": REGEX, "deliverable_not": [str], "heading_number": REGEX,
             "outline_ranks": [[REGEX, float]], "markup": REGEX, "actor_heading_tail": REGEX, "lead_heading_tail": REGEX,
             "heading_verbs": OPEN(str), "inline_item": REGEX, "execution": REGEX, "enacting": REGEX, "lead_in_only": REGEX, "closing": REGEX, "approval": REGEX, "clause_split": REGEX, "deadline_only": REGEX, "topic_title": REGEX, "addressee_lead": REGEX, "addressee_item": REGEX, "title_types": [str], "document_start": REGEX, "publisher_types": [str],
             "list_opener": REGEX, "restatement": REGEX,
             "table_columns": OPEN([str]), "table_lead_roles": OPEN(str), "table_separator": REGEX},
    "documents": {"issuer_codes": OPEN(str),
                  "named": [{"pattern": REGEX, "name": str, "type": str, "identifier?": str, "issuer?": str,
                             "year?": int}],
                  "known": [{"identifier": str, "year": int, "date?": DATE, "title?": str}],
                  "not_documents?": [str], "identifier_line": REGEX, "dateline": REGEX,
                  "meeting_date": REGEX, "conclusion": REGEX, "not_titles": [str], "date_after": REGEX,
                  "type_prefix": str, "bare_reference": str, "party_identifier": str,
                  "state_identifier": str, "cited_label": str, "described_label": str, "reference_start?": str,
                  "site_fields?": OPEN(str), "site_line?": REGEX, "news_source?": REGEX, "news_published?": REGEX,
                  "header?": {"motto": REGEX, "number": REGEX, "dateline": REGEX, "letter_subject": REGEX,
                              "addressees": REGEX, "addressee_item": REGEX, "basis": REGEX,
                              "authority_line": REGEX, "post_words": REGEX,
                              "place_date?": REGEX}},
    "layout": {"item_markers": [REGEX], "line_continues": [REGEX], "names_across_lines": [str],
               "heading_levels": [[REGEX, int]], "item_levels": [[REGEX, int]], "recipients": [REGEX],
               "signature": [REGEX], "boilerplate_end": [REGEX], "boilerplate_line": [REGEX],
               "abbreviations": [str], "web_heading_max": int, "split_id_end": REGEX,
               "split_id_start": REGEX, "numbered_line": REGEX, "sentence_break": REGEX,
               "coverage_min?": float, "annex?": [REGEX]},
    "persons": {"surnames": [str], "titles": [{"title": str, "en?": str, "body?": str, "rank?": bool}],
                "name_syllable": REGEX, "clause_break": REGEX, "byline?": REGEX},
    "projects": {"projects": [{"pattern": REGEX, "kind": str, "en?": str, "not_in_name?": [str],
                               "members?": REGEX, "separator?": REGEX}],
                 "same_as": OPEN(str), "places": [str], "not_name?": REGEX},
    "targets": {"target_headings": [str], "result_headings": [str], "target_cues": [str],
                "result_markers": [str], "before": OPEN(str), "after": OPEN(str), "units": [str],
                "year": REGEX, "clause_breaks": REGEX, "indicator_lead": REGEX, "indicator_tail": REGEX,
                "reach_verb": str, "rule_types": [str], "count": REGEX, "share_unit": str,
                "worded_values?": [{"pattern": REGEX, "value": str, "comparator": str, "unit": str}]},
    "time": {"expressions": [{"kind": str, "pattern": REGEX, "span?": bool}],
             "cell_expressions?": [{"kind": str, "pattern": REGEX, "span?": bool}]},
    "legacy_encodings": {"tcvn3": OPEN(str), "vni": OPEN(str), "vowels": str, "vowel_clusters": [str]},
    "published": {"dataset_title": {"en": str, "vi": str},
                  "query_header": {"question_en": str, "question_vi": str, "example": str, "parameters": str}},
}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class _Misfit(Exception):
    """Where (keys and indexes from the top) and how a value does not fit its spec."""
    def __init__(self, at: tuple, problem: str):
        super().__init__(problem)
        self.at, self.problem = at, problem


def check(value, spec, at: tuple = ()) -> None:
    """Raise _Misfit at the first place ``value`` does not fit ``spec``."""
    if spec is REGEX:
        check(value, str, at)
        try:
            re.compile(value)
        except re.error as exc:
            raise _Misfit(at, f"invalid regular expression {value!r}: {exc}") from None
    elif spec is DATE:
        if not (isinstance(value, str) and _DATE.match(value)):
            raise _Misfit(at, f"{value!r} is not a date written YYYY-MM-DD (quote it)")
    elif isinstance(spec, type):
        if not isinstance(value, spec) or (spec is int and isinstance(value, bool)):
            raise _Misfit(at, f"{_shown(value)} should be {_TYPE_NAMES[spec]}")
    elif isinstance(spec, OPEN):
        if not isinstance(value, dict):
            raise _Misfit(at, "should be a mapping")
        for key, item in value.items():
            check(key, str, (*at, key))
            check(item, spec.spec, (*at, key))
    elif isinstance(spec, list):
        if not isinstance(value, list):
            raise _Misfit(at, "should be a list")
        if len(spec) != 1 and len(value) != len(spec):          # a fixed row, as [pattern, level]
            raise _Misfit(at, f"should be a list of {len(spec)} values")
        for i, item in enumerate(value):
            check(item, spec[0] if len(spec) == 1 else spec[i], (*at, i))
    else:
        if not isinstance(value, dict):
            raise _Misfit(at, f"should be a mapping, not {_shown(value)}")
        keys = {k.rstrip("?"): k.endswith("?") for k in spec}
        for key in value:
            if key not in keys:
                raise _Misfit((*at, key), f"unknown key {key!r} (known: {', '.join(keys)}); "
                                          f"a name with a comma needs quotes in a {{flow}} mapping")
        for key, optional in keys.items():
            if key not in value:
                if not optional:
                    raise _Misfit(at, f"missing key {key!r}")
                continue
            check(value[key], spec[key + "?" if optional else key], (*at, key))


def _where(path: Path, text: str, value, at: tuple) -> str:
    """``file:line:column: entry`` for the place ``at`` (the line from YAML's node marks)."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    mark, entry, cur = node.start_mark if node else None, [], value
    for step in at:
        if isinstance(step, int):
            name = cur[step].get("name") or cur[step].get("head") if isinstance(cur[step], dict) else None
            entry.append(f"[{step}]" + (f" ({name})" if isinstance(name, str) else ""))
            node = node.value[step] if node is not None and step < len(node.value) else None
        else:
            entry.append(("." if entry else "") + str(step))
            pair = next(((k, v) for k, v in node.value if k.value == step), None) if node is not None else None
            node = pair[1] if pair else None
            if pair:
                mark = pair[0].start_mark
        cur = cur[step] if isinstance(cur, (dict, list)) and (isinstance(cur, list) or step in cur) else None
        if node is not None:
            mark = node.start_mark if isinstance(step, int) else mark
    place = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
    return f"{place}: {''.join(entry)}" if entry else place


_TYPE_NAMES = {str: "text", int: "a whole number", float: "a number with a point (2.5)", bool: "true or false"}


def _shown(value) -> str:
    return "nothing" if value is None else f"{type(value).__name__} {value!r}"[:80]


def parse(path: Path, spec, *, extra=None) -> dict:
    """One data file, parsed and checked."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot be read: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        value = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        place = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise DataError(f"{place}: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise DataError(f"{path}: {exc}") from None
    try:
        check(value, spec)
        if extra is not None:
            extra(value)
    except _Misfit as exc:
        raise DataError(f"{_where(path, text, value, exc.at)}: {exc.problem}") from None
    return value


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """One bundled data file, checked (the stages read the data through graph/lexicon.py)."""
    if name not in SCHEMA:
        raise DataError(f"{DATA / name}.yaml: no such data file")
    return parse(DATA / f"{name}.yaml", SCHEMA[name], extra=check_bodies if name == "bodies" else None)


def province_bodies(data: dict, listed: set[str]) -> tuple[list[dict], dict[str, dict[str, str]]]:
    """provinces.yaml as body items of bodies.yaml's form: each template filled in for each
    province and each of its names; a body ``listed`` already (by bodies.yaml) is left to it. A
    province merged into another ends the day before the reorganisation and is replaced by it.
    Also each province's family: its polity's name -> {template's name: the body's name}."""
    from datetime import date, timedelta
    ends = (date.fromisoformat(data["reorganised"]) - timedelta(days=1)).isoformat()
    into = {old: p for p in data["provinces"] for old in p.get("merged_from", ())}

    def fill(form: str, p: dict, name: str | None = None, abbr: str = "") -> str:
        committee = data["units"][p["unit"]]["committee"]
        return " ".join(form.format(unit=p["unit"], name=name or p["name"], committee=committee, abbr=abbr).split())

    out, families = [], {}
    for p in data["provinces"]:
        families[fill(data["templates"][0]["name"], p)] = {t["name"]: fill(t["name"], p) for t in data["templates"]}
        names, abbrs = [p["name"], *p.get("aliases", ())], data["units"][p["unit"]]["abbr"]
        for t in data["templates"]:
            name = fill(t["name"], p)
            if name in listed:
                continue
            def forms(key: str) -> list[str]:
                return [fill(f, p, n, a) for f in t.get(key, ()) for n in names for a in abbrs]
            aliases = forms("aliases") + [fill(t["name"], p, n) for n in names[1:]]
            item = {"name": name, "en": fill(t["en"], p), "class": t["class"], "kind": t["kind"],
                    "aliases": [f for f in dict.fromkeys(aliases) if f != name],
                    "cased": list(dict.fromkeys(forms("cased"))) if p.get("bare", True) else []}
            if t.get("parent"):
                item["parent"] = t["parent"]
            if p["name"] in into:
                item["valid_until"], item["replaced_by"] = ends, fill(t["name"], into[p["name"]])
            out.append(item)
    return out, families


def check_bodies(data: dict) -> None:
    """Every kind is a body kind of the ontology, every class one of its classes, every parent a
    listed body or group (an unknown parent would become an unlabelled IRI)."""
    from graph.ontology import body_classes, scheme_members
    kinds, classes = set(scheme_members("bodyKinds")), body_classes()
    names = {item["name"] for item in data["bodies"] + data["groups"]}
    sections = [(("bodies",), data["bodies"]), (("groups",), data["groups"]),
                (("patterns", "heads"), data["patterns"]["heads"])]
    for section, items in sections:
        for i, item in enumerate(items):
            if "kind" in item and item["kind"] not in kinds:
                raise _Misfit((*section, i, "kind"), f"unknown kind {item['kind']!r} (a skos:notation of "
                                                     f"mg:bodyKinds in ontology/schemes.ttl)")
            if "class" in item and item["class"] not in classes:
                raise _Misfit((*section, i, "class"), f"unknown class {item['class']!r} "
                                                      f"(known: {', '.join(sorted(classes))})")
            if item.get("parent") and item["parent"] not in names:
                raise _Misfit((*section, i, "parent"), f"unknown parent {item['parent']!r} "
                                                       f"(not a name in bodies or groups)")


@dataclass(frozen=True)
class PublishedWords:
    """published.yaml: the words of what the build publishes and reads back."""
    dataset_title: Mapping[str, str]     # language -> the dataset's title (VoID)
    query_header: Mapping[str, str]      # LibraryQuery field -> the key of its header line


@lru_cache(maxsize=1)
def published_words() -> PublishedWords:
    data = load("published")
    return PublishedWords(MappingProxyType(data["dataset_title"]), MappingProxyType(data["query_header"]))
