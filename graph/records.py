"""Typed records passed between the pipeline stages. All frozen: a stage never edits another's output."""
from __future__ import annotations

from bisect import bisect_right
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
    media: str                     # "text", "html", "pdf", "docx" or "doc"
    sidecar: Mapping = field(default_factory=dict)
    # Formats with pages (PDF): where each page starts in ``text`` (page 1 first); empty otherwise.
    pages: tuple[int, ...] = ()
    ocr_pages: tuple[int, ...] = ()     # pages (1-based) whose text is Tesseract's reading of a scan
    tables: tuple["Table", ...] = ()    # the tables of the document, offsets into ``text``
    warnings: tuple[str, ...] = ()      # what the reader did that a user should know (one line each)

    def page_of(self, offset: int) -> int | None:
        """The page (1-based) that ``offset`` of ``text`` falls on, or None for formats without pages."""
        return bisect_right(self.pages, offset) if self.pages else None


@dataclass(frozen=True, eq=False)
class OffsetMap:
    """Where each character of a step's output came from in its input, as runs rather than one
    entry per character (a long document has a few thousand runs, not a million integers).

    Run k covers output characters ``out[k]`` up to ``out[k + 1]``; if ``copied[k]``, they are
    input characters ``src[k]``, ``src[k] + 1``, ... one for one; otherwise each of them stands for
    the whole input span ``src[k]:src_end[k]`` (a collapsed space, a recomposed letter, an entity).
    """
    out: tuple[int, ...]
    src: tuple[int, ...]
    src_end: tuple[int, ...]
    copied: tuple[bool, ...]

    def start(self, i: int) -> int:
        """Input offset where output character ``i`` begins."""
        k = bisect_right(self.out, i) - 1
        return self.src[k] + (i - self.out[k]) if self.copied[k] else self.src[k]

    def end(self, i: int) -> int:
        """Input offset where output character ``i`` ends."""
        k = bisect_right(self.out, i) - 1
        return self.src[k] + (i - self.out[k]) + 1 if self.copied[k] else self.src_end[k]


@dataclass(frozen=True, eq=False)
class NormalText:
    """The matching form of a source text, with a map back to it.

    ``text`` keeps case (for headings and names); ``key`` is its lower-case twin, same length.
    ``maps`` are the steps' offset maps, first step first; character i of ``text`` comes from
    ``source[start:end]`` with ``source_span(i, i + 1) == (start, end)``. ``web``: the text is laid
    out as a web page's, a paragraph a line (normalise.web_page decides it once, for every stage).
    """
    source: str
    text: str
    key: str
    maps: tuple[OffsetMap, ...]
    web: bool = False

    def source_span(self, i: int, j: int) -> tuple[int, int]:
        """Source offsets of the normalised span [i, j) (j > i)."""
        start, last = i, j - 1
        for step in reversed(self.maps):
            start, last = step.start(start), step.end(last) - 1
        return start, last + 1


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
class BodyRef:
    """What a mention says of a body. A gazetteer body is described by the gazetteer, so only
    ``contextual`` is set (named by an alias that counts only where the document also names the
    body, its parent or its polity in full); a body found by pattern describes itself."""
    contextual: bool = False
    name: str | None = None        # a pattern body's full name: "Ban Tuyên giáo Thành ủy Hà Nội"
    cls: str | None = None         # its class, the local name of a subclass of mg:Body
    body_kind: str | None = None   # its notation in mg:bodyKinds
    parent: str | None = None      # body IRI
    valid_until: date | None = None


@dataclass(frozen=True)
class PersonRef:
    """A person named after a title ("Tổng Bí thư Tô Lâm"), or a bare title that stands for the
    person holding it in the document (then only ``name``)."""
    name: str
    title: str | None = None       # the title as the data gives it: "Bí thư"
    post: str | None = None        # the post held, matching form: "bí thư thành ủy hà nội"; None for a rank
    post_text: str | None = None   # the same post as written: "Bí thư Thành ủy Hà Nội"


@dataclass(frozen=True)
class DocumentRef:
    """A document cited by identifier ("11-NQ/TW", "15/2024/NĐ-CP"), by type and number alone
    ("Nghị quyết số 11": ``partial``), or by name ("Luật Thủ đô năm 2024")."""
    type_code: str                 # notation in mg:documentTypes: "NQ", "KL", "L"
    number: str | None = None
    identifier: str | None = None  # as written in identifiers: "11-NQ/TW"
    issuer_code: str | None = None # the identifier's issuer part: "TW", "CP"
    issuer: str | None = None      # body IRI, where the data names the issuer
    year: int | None = None
    issued: date | None = None
    name: str | None = None        # a named document's canonical name
    partial: bool = False          # type and number only: resolved against the corpus (assemble.resolve)


@dataclass(frozen=True)
class ProjectRef:
    name: str                      # canonical name: "Sân bay Nội Bài"
    kind: str                      # projects.yaml's kind of project
    en: str                        # its English kind, for the English label


@dataclass(frozen=True)
class PlaceRef:
    name: str


EntityRef = BodyRef | PersonRef | DocumentRef | ProjectRef | PlaceRef


@dataclass(frozen=True)
class Mention:
    """A recognised entity mention. ``start``/``end`` are normalised offsets; ``ref`` holds what
    the mention says of its entity, one record type per kind."""
    kind: str                      # body | person | document | project | place
    iri: str                       # stable instance IRI
    start: int
    end: int
    surface: str                   # the normalised text matched
    rule: str
    ref: EntityRef


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
    # What the header and closing say beyond the number (issue 13); the extraction's defaults
    # (issue 14) read them: the assigner is the enacting authority, else the issuer; an item with
    # no actor goes to the addressees.
    authority: str | None = None           # actor IRI of the enacting authority ("THỦ TƯỚNG CHÍNH PHỦ")
    addressees: tuple[str, ...] = ()       # actor IRIs of "Kính gửi:" (a post stands for its body)
    signer_post: str | None = None         # the post signed for ("Phó Thủ tướng")
    place: str | None = None               # the place of the date line: never an actor
    named: tuple[tuple[str, BodyRef], ...] = ()   # issuer, authority the gazetteer lacks: (IRI, what the header says)


@dataclass(frozen=True)
class Deadline:
    text: str
    start: int
    end: int
    deadline: date | None
    start_date: date | None
    recurring: bool
    kind: str = ""                 # the time.yaml kind: before_date, period, ...
    span: bool = False             # states when work runs ("từ ngày 20 đến 26-6"), not when it is due
    from_issue: bool = False       # dated from the document's date: "trước ngày 15/12" (no year), "trong 10 ngày kể từ ngày ký"


@dataclass(frozen=True)
class Facet:
    """One of the "6 rõ" accountability facets, and whether a mandate meets it."""
    name: str                      # its notation in mg:facets: who, what, when, responsibility, ...
    met: bool


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
    facets: tuple[Facet, ...] = ()   # every facet of mg:facets, met or not (extract.facets)
    after: tuple[int, int] | None = None   # span of the mandate of this text it depends on (a chained instruction)


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


@dataclass(frozen=True)
class TableCell:
    """One cell of a table: its text as it appears in the document's ``text`` at ``start:end``."""
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Table:
    """A table of a document (HTML ``<table>``, DOCX table, ruled PDF table), rows of cells in
    reading order. Offsets are into ``SourceDocument.text``, where a table read from DOCX or PDF is
    written one row per line, cells joined by " | " (as a pipe table is written in a text file)."""
    rows: tuple[tuple[TableCell, ...], ...]
    start: int
    end: int
    page: int | None = None            # the page the table starts on (PDF)


@dataclass(frozen=True)
class DocumentDigest:
    """What the corpus-level steps (one node per file, the resolution of references, the log) need
    of an analysed document, without the document: a few hundred bytes, so a build holds the
    whole corpus's digests and reads each document itself back from the analysis cache once,
    when populate writes it (graph/cache.py). Made by graph/assemble/digest.py."""
    name: str                          # the file name, e.g. 000_abf47967dda61da9.txt
    path: str
    key: str                           # the analysis cache's key of the document
    content: str                       # SHA-256 of its content outside boilerplate (assemble.dedupe)
    characters: int                    # of its text
    meta: DocumentMeta
    references: tuple[Mention, ...]    # its document mentions: all the resolution reads
    warnings: tuple[str, ...] = ()     # the reader's and the segmentation's, one line each

    @property
    def mentions(self) -> tuple[Mention, ...]:
        """The mentions the resolution reads (assemble.resolve), as of an ``AnalysedDocument``."""
        return self.references
