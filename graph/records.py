"""Typed records passed between the pipeline stages. All frozen: a stage never edits another's output."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Mapping


@dataclass(frozen=True)
class ReadError:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class SourceDocument:
    """A corpus file, decoded. Offsets everywhere count code points of ``text``."""
    name: str                      # file name, e.g. 000_abf47967dda61da9.txt
    path: str
    text: str
    encoding: str
    media: str                     # "text" or "html"
    sidecar: Mapping = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class NormalText:
    """The matching form of a source text, with a map back to it.

    ``text`` keeps case (for headings and names); ``key`` is its lower-case twin, same length.
    Character i of both comes from ``source[starts[i]:ends[i]]``.
    """
    source: str
    text: str
    key: str
    starts: list[int]
    ends: list[int]

    def source_span(self, i: int, j: int) -> tuple[int, int]:
        """Source offsets of the normalised span [i, j)."""
        return self.starts[i], self.ends[j - 1]


@dataclass(frozen=True)
class Block:
    """A paragraph, heading or list item (normalised offsets)."""
    index: int
    kind: str                      # heading | item | paragraph | boilerplate | recipients | signature
    marker: str                    # "-", "+", "a)", "1.", "II.", "PHẦN" or ""
    level: int                     # nesting depth: headings by their rank, items by marker
    start: int
    end: int
    heading_path: tuple[str, ...]
    lead_in: int | None            # index of the block whose trailing ":" introduces this item
    continues: int | None = None   # for an item's later paragraphs: the block the item starts with


@dataclass(frozen=True)
class Sentence:
    block: int
    start: int
    end: int


@dataclass(frozen=True)
class Segmented:
    blocks: tuple[Block, ...]
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Mention:
    """A recognised entity mention. ``start``/``end`` are normalised offsets."""
    kind: str                      # body | person | document | project | place
    iri: str                       # stable instance IRI
    start: int
    end: int
    surface: str                   # the normalised text matched
    rule: str
    attrs: Mapping = field(default_factory=dict)


@dataclass(frozen=True)
class DocumentMeta:
    identifier: str | None
    number: str | None
    type_code: str | None
    issuer: str | None             # body IRI
    issuer_code: str | None
    issued: date | None
    signer: str | None             # person name
    title: str | None
    iri: str


@dataclass(frozen=True)
class Deadline:
    text: str
    start: int
    end: int
    deadline: date | None
    start_date: date | None
    recurring: bool


@dataclass(frozen=True)
class MandateRecord:
    start: int                     # normalised span of the words that state the task
    end: int
    assigner: str | None
    assignees: tuple[str, ...]
    leads: tuple[str, ...]
    coordinators: tuple[str, ...]
    role: str
    task: str
    explicit: bool
    rule: str
    heading_path: tuple[str, ...]
    deadline: Deadline | None = None
    deliverable: str | None = None
    legal_basis: tuple[str, ...] = ()
    depends_on: tuple[str, ...] = ()
    concerns: tuple[str, ...] = ()


@dataclass(frozen=True)
class TargetRecord:
    start: int
    end: int
    indicator: str
    value: str                     # decimal as text, exact
    value_max: str | None
    comparator: str
    unit: str
    year: int | None
    rule: str


@dataclass(frozen=True)
class DocRelation:
    kind: str                      # cites | implements | reviews | basedOn | amends
    target: str                    # document IRI
    start: int
    end: int


@dataclass(frozen=True)
class Extraction:
    mandates: tuple[MandateRecord, ...]
    targets: tuple[TargetRecord, ...]
    relations: tuple[DocRelation, ...]


@dataclass(frozen=True, eq=False)
class AnalysedDocument:
    """Everything the pipeline learnt about one corpus document."""
    source: SourceDocument
    normal: NormalText
    segmented: Segmented
    meta: DocumentMeta
    mentions: tuple[Mention, ...]
    extraction: Extraction
