"""The lexicon's sections that reading a document uses: documents.yaml (identifiers, cited and
known documents, the header) and layout.yaml (items, headings, boilerplate), with the helpers
every section shares. Part of graph/lexicon.py, apart to keep each module small."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable, Mapping



def any_of(patterns: Iterable[str], *, anchored: bool = True) -> re.Pattern:
    """One compiled alternation of regular expressions."""
    body = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(("^(?:%s)" if anchored else "(?:%s)") % body)


def _t(items) -> tuple:
    return tuple(items or ())


@dataclass(frozen=True)
class NamedDocument:
    pattern: str
    name: str
    type: str
    identifier: str | None = None
    issuer: str | None = None
    year: int | None = None


@dataclass(frozen=True)
class KnownDocument:
    identifier: str
    year: int
    date: str | None = None
    title: str | None = None


@dataclass(frozen=True, eq=False)
class Documents:
    issuer_codes: Mapping[str, str]
    named: tuple[NamedDocument, ...]
    known: tuple[KnownDocument, ...]
    not_documents: tuple[str, ...]
    identifier_line: re.Pattern
    dateline: re.Pattern
    meeting_date: re.Pattern
    conclusion: re.Pattern
    not_titles: tuple[str, ...]
    date_after: re.Pattern
    type_prefix: str
    bare_reference: str
    party_identifier: str
    state_identifier: str
    cited_label: str
    described_label: str
    header: Mapping[str, str] = field(default_factory=dict)
    reference_start: str = ""
    site_fields: Mapping[str, str] = field(default_factory=dict)   # a site's label -> header field
    site_line: re.Pattern | None = None
    news_source: str = ""                   # a news page's "Theo ..." line: its issuer
    news_published: str = ""                # its "Giờ đăng: ..." line: its date

    @cached_property
    def head(self) -> dict[str, re.Pattern]:
        """The header and closing patterns (documents.yaml ``header``), compiled."""
        return {k: re.compile(v, re.M) for k, v in self.header.items()}

    @classmethod
    def of(cls, d: dict) -> "Documents":
        return cls(**{**d, "named": tuple(NamedDocument(**n) for n in d["named"]),
                      "known": tuple(KnownDocument(**k) for k in d["known"]),
                      "not_documents": _t(d.get("not_documents")), "not_titles": _t(d["not_titles"]),
                      **{k: re.compile(d[k]) for k in ("identifier_line", "dateline", "meeting_date",
                                                       "conclusion", "date_after")},
                      "site_line": re.compile(d["site_line"], re.M) if d.get("site_line") else None})



# ------------------------------------------------------------------ layout.yaml
_LAYOUT_REGEXES = ("split_id_end", "split_id_start", "numbered_line", "sentence_break")


@dataclass(frozen=True, eq=False)
class Layout:
    item_markers: tuple[str, ...]
    line_continues: tuple[str, ...]
    names_across_lines: tuple[str, ...]
    heading_levels: tuple[tuple[str, int], ...]
    item_levels: tuple[tuple[str, int], ...]
    recipients: tuple[str, ...]
    signature: tuple[str, ...]
    boilerplate_end: tuple[str, ...]
    boilerplate_line: tuple[str, ...]
    abbreviations: tuple[str, ...]
    web_heading_max: int
    split_id_end: re.Pattern                 # an identifier broken across lines: how the first ends
    split_id_start: re.Pattern               # and how the next starts
    numbered_line: re.Pattern
    sentence_break: re.Pattern
    coverage_min: float = 0.0                # sentences over a document's own text, below which a build warns
    annex: tuple[str, ...] = ()              # a paragraph opening an annex after the signature

    @classmethod
    def of(cls, d: dict) -> "Layout":
        return cls(**{k: (tuple(tuple(x) if isinstance(x, list) else x for x in v) if isinstance(v, list) else
                          re.compile(v) if k in _LAYOUT_REGEXES else v) for k, v in d.items()})

    @cached_property
    def starts_item(self) -> re.Pattern:
        return any_of(self.item_markers)

    @cached_property
    def continues_line(self) -> re.Pattern:
        return any_of(self.line_continues, anchored=False)

    @cached_property
    def starts_recipients(self) -> re.Pattern:
        return any_of(self.recipients)

    @cached_property
    def starts_annex(self) -> re.Pattern:
        return any_of(self.annex) if self.annex else re.compile("(?!)")

    @cached_property
    def starts_signature(self) -> re.Pattern:
        return any_of(self.signature)

    @cached_property
    def signature_mark(self) -> re.Pattern:
        """A signature mark anywhere ("KT. BỘ TRƯỞNG" in a table cell)."""
        return any_of(self.signature, anchored=False)

    @cached_property
    def signature_line(self) -> re.Pattern:
        """A signature line anywhere ("T/M BỘ CHÍNH TRỊ"), the rest of the line as group 1."""
        return re.compile(r"(?:%s)([^\n]+)" % "|".join(self.signature))

    @cached_property
    def ends_article(self) -> re.Pattern:
        return any_of(self.boilerplate_end)

    @cached_property
    def boilerplate(self) -> re.Pattern:
        return any_of(self.boilerplate_line)

    @cached_property
    def heading_ranks(self) -> tuple[tuple[re.Pattern, int], ...]:
        return tuple((re.compile("^(?:%s)" % p), level) for p, level in self.heading_levels)

    @cached_property
    def item_ranks(self) -> tuple[tuple[re.Pattern, int], ...]:
        return tuple((re.compile("^(?:%s)" % p), level) for p, level in self.item_levels)



# ------------------------------------------------------------------ persons.yaml
