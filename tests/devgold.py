"""Annotations of development documents (tests/golden/dev/*.yaml), read from the real captures in
../shared/corpus-dev, and the scoring of what the pipeline extracts against them. Shared by
bench/devset.py (the figures) and tests/test_devset.py (that the scoring itself is right).

Each annotation was written by reading the document, before any rule was changed for it; its
``split`` says whether rules may be tuned on it (``tune``) or never (``validation``): the
validation figures are the ones that predict how the tool does on documents nobody here read.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEV_GOLDEN = ROOT / "tests" / "golden" / "dev"
DEV_CORPUS = ROOT.parent / "shared" / "corpus-dev"
HEADER_FIELDS = ("type", "identifier", "issuer", "issued", "signer")
NEAR = 40          # a found mandate pairs with an expected one starting this close (characters)


@dataclass(frozen=True)
class DevDoc:
    name: str                      # file stem
    path: Path                     # the capture under ../shared/corpus-dev
    kind: str
    split: str
    spec: dict = field(hash=False)


def documents(split: str | None = None) -> list[DevDoc]:
    docs = []
    for path in sorted(DEV_GOLDEN.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        doc = DevDoc(path.stem, DEV_CORPUS / spec["file"], spec["kind"], spec["split"], spec)
        if split in (None, doc.split):
            docs.append(doc)
    return docs


class Tally:
    """Counts per (split, kind, field): expected, found, right."""

    def __init__(self):
        self.counts = defaultdict(lambda: [0, 0, 0])

    def add(self, split: str, kind: str, name: str, expected: int, found: int, right: int) -> None:
        for k in (kind, "all"):
            c = self.counts[(split, k, name)]
            c[0] += expected
            c[1] += found
            c[2] += right

    def rows(self):
        for (split, kind, name), (exp, found, right) in sorted(self.counts.items()):
            recall = right / exp if exp else None
            precision = right / found if found else None
            yield split, kind, name, exp, found, right, recall, precision


_LEXICON: list = []


def lexicon():
    """The bundled lexicon, loaded once."""
    if not _LEXICON:
        from graph.lexicon import Lexicon
        _LEXICON.append(Lexicon.load())
    return _LEXICON[0]


def analyse_file(path: Path):
    """One capture through the pipeline, as a build would analyse it."""
    from graph.analyse.read import read_document
    from graph.pipeline import analyse
    return analyse(read_document(path), lexicon())


# -- names to IRIs, as the pipeline would name them ---------------------------------------------

def _nfc(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


class Names:
    """Annotated names to the IRIs the graph uses: a gazetteer name or alias resolves to its
    entry, any other name to the IRI its own words give."""

    def __init__(self):
        from graph.analyse import gazetteer as gz
        from graph.analyse.normalise import normalise_phrase
        self._norm = normalise_phrase
        self._bodies = gz.body_matcher(lexicon()).table

    def body(self, name: str) -> str:
        from graph.vocab import iri
        hit = self._bodies.get(self._norm(_nfc(name)))
        return hit[0] if hit else iri("body", self._norm(_nfc(name)))

    def person(self, name: str) -> str:
        from graph.vocab import iri
        return iri("person", _nfc(name))

    @staticmethod
    def project(name: str) -> str:
        """The slug of the name the pipeline gives the project ("Dự án đường cao tốc X - Y" and
        "cao tốc X-Y" are one expressway)."""
        from graph.analyse.projects import project_name
        from graph.vocab import slug
        return slug(project_name(_nfc(name), lexicon()))


# -- scoring one document ------------------------------------------------------------------------

def score(doc: DevDoc, analysed, names: Names, tally: Tally) -> list[str]:
    """Add one document's counts to ``tally``; returns the misses, one line each, for reading."""
    spec, misses = doc.spec, []
    _header(doc, analysed, names, tally, misses)
    found_bodies = {m.iri for m in analysed.mentions if m.kind == "body"}
    _sets(doc, tally, misses, "bodies", {names.body(b) for b in spec.get("bodies") or []}, found_bodies)
    found_persons = {m.iri for m in analysed.mentions if m.kind == "person"}
    _sets(doc, tally, misses, "persons", {names.person(p) for p in spec.get("persons") or []}, found_persons)
    found_projects = {m.iri.rsplit("/", 1)[-1] for m in analysed.mentions if m.kind == "project"}
    _sets(doc, tally, misses, "projects", {names.project(p) for p in spec.get("projects") or []}, found_projects)
    _mandates(doc, analysed, names, tally, misses)
    _targets(doc, analysed, tally, misses)
    return misses


def _sets(doc, tally, misses, name, want: set, got: set) -> None:
    tally.add(doc.split, doc.kind, name, len(want), len(got), len(want & got))
    misses += [f"{doc.name} {name} missed {x.rsplit('/', 1)[-1]}" for x in sorted(want - got)]
    misses += [f"{doc.name} {name} extra {x.rsplit('/', 1)[-1]}" for x in sorted(got - want)]


def _header(doc, analysed, names, tally, misses) -> None:
    from graph.ontology import document_types
    want = doc.spec.get("header") or {}
    meta = analysed.meta
    types = document_types()
    got = {
        "type": _nfc(types[meta.type_code].vi).lower() if meta.type_code in types else None,
        "identifier": (meta.identifier or "").upper().replace(" ", "") or None,
        "issuer": meta.issuer,
        "issued": meta.issued.isoformat() if isinstance(meta.issued, date) else None,
        "signer": names.person(meta.signer) if meta.signer else None,
    }
    expected = {
        "type": _nfc(want["type"]).lower() if want.get("type") else None,
        "identifier": want["identifier"].upper().replace(" ", "") if want.get("identifier") else None,
        "issuer": names.body(want["issuer"]) if want.get("issuer") else None,
        "issued": str(want["issued"]) if want.get("issued") else None,
        "signer": names.person(want["signer"]) if want.get("signer") else None,
    }
    for key in HEADER_FIELDS:
        if expected[key] is None:
            continue
        right = int(got[key] == expected[key])
        tally.add(doc.split, doc.kind, f"header.{key}", 1, int(got[key] is not None), right)
        if not right:
            misses.append(f"{doc.name} header.{key} want {expected[key]} got {got[key]}")


# The national motto's line, where an official document's own text starts in a capture: above it
# a legal-document site may summarise the document in the same words (GUIDE: annotate only the
# document itself, never the chrome).
# The motto is printed in capitals, at a line's start or in the header's second cell ("THỦ TƯỚNG
# CHÍNH PHỦ | CỘNG HÒA XÃ HỘI ...").
_MOTTO = re.compile(r"CỘNG H(?:ÒA|OÀ) XÃ HỘI")


def _source_starts(text: str, wants: list[dict], identifier: str | None = None,
                   official: bool = False) -> list[int | None]:
    """Where each expected mandate starts in the file (its `text` is copied from it): in order, from
    the previous mandate on, and within the document's own text (from its national motto or its
    number line, whichever comes first): a legal-database page may quote the tasks in its summary
    before the document, where a first occurrence would land."""
    out = []
    starts = [document_start(text, identifier)] if identifier else []
    motto = _MOTTO.search(text) if official else None
    if motto:
        starts.append(text.rfind("\n", 0, motto.start()) + 1)
    starts = [x for x in starts if x > 0]
    pos = floor = min(starts) if starts else 0
    flat = " ".join(text.split())
    for w in wants:
        probe = w["text"]
        i = text.find(probe, pos)
        if i < 0:
            i = text.find(probe, floor)
        if i < 0:
            i = text.find(probe)
        if i < 0:            # copied across a line break or with other spacing: match on words,
            words = " ".join(probe.split())      # with the same preferences as above
            flat_at = lambda k: max(0, len(" ".join(text[:k].split())) - 1)
            j = -1
            for k in (pos, floor, 0):
                j = flat.find(words, flat_at(k))
                if j >= 0:
                    break
            i = _unflatten(text, j) if j >= 0 else None
        out.append(i)
        if i is not None:
            pos = i
    return out


def document_start(text: str, identifier: str | None) -> int:
    """Where the document itself begins in a capture: its number line ("Số: 229/CĐ-TTg", the
    identifier spaced or broken as the page writes it); 0 when there is none (news, or a page
    that prints the number otherwise). A database's "Số hiệu:" field is not the number line."""
    if not identifier:
        return 0
    chars = [re.escape(c) for c in identifier if not c.isspace()]
    hit = re.search(r"Số\W{0,6}" + r"\s*".join(chars), text)
    return hit.start() if hit else 0


def _unflatten(text: str, j: int) -> int:
    """Offset in ``text`` of character ``j`` of its whitespace-collapsed form."""
    k, seen, space = 0, 0, False
    while k < len(text) and text[k].isspace():
        k += 1
    while k < len(text) and seen < j:
        if text[k].isspace():
            if not space:
                seen += 1
            space = True
        else:
            seen += 1
            space = False
        k += 1
    while k < len(text) and text[k].isspace():
        k += 1
    return k


def assignee_iris(want: dict, persons: set[str], names: Names, got: set[str]) -> set[str]:
    """The IRIs of an annotated mandate's assignees, each read as the tool may rightly name it.
    A person (a name of the document's `persons`) is a person, not a body; a post the annotation
    ties to a named holder ("Phó Thủ tướng Chính phủ" with posts "Phó Thủ tướng Chính phủ Trần Hồng
    Hà") is that body or that person, whichever the tool gave (``got``)."""
    out = set()
    for name in want.get("assignees") or []:
        name = _nfc(name)
        if name in persons:
            out.add(names.person(name))
            continue
        holders = {names.person(p) for post in want.get("posts") or [] for p in persons
                   if _nfc(post) == f"{name} {p}"}
        out.add(min(holders & got) if holders & got else names.body(name))
    return out


def _mandates(doc, analysed, names, tally, misses) -> None:
    wants = doc.spec.get("mandates") or []
    found = []
    for m in analysed.extraction.mandates:
        s, e = analysed.normal.source_span(m.start, m.end)
        found.append((s, e, m))
    starts = _source_starts(analysed.source.text, wants, (doc.spec.get("header") or {}).get("identifier"),
                            doc.spec["file"].startswith("official/"))
    used: set[int] = set()
    pairs = []
    for w, at in zip(wants, starts):
        hit = None
        if at is not None:
            best = None
            for i, (s, e, _) in enumerate(found):
                if i in used:
                    continue
                gap = 0 if s <= at < e else min(abs(s - at), abs(e - at))
                if gap <= NEAR and (best is None or gap < best[0]):
                    best = (gap, i)
            hit = best[1] if best else None
        if hit is not None:
            used.add(hit)
        pairs.append((w, found[hit][2] if hit is not None else None))
    matched = [(w, m) for w, m in pairs if m is not None]
    tally.add(doc.split, doc.kind, "mandate", len(wants), len(found), len(matched))
    for w, m in pairs:
        if m is None:
            misses.append(f"{doc.name} mandate missed: {w['text'][:60]!r}")
    for i, (s, e, m) in enumerate(found):
        if i not in used:
            misses.append(f"{doc.name} mandate extra: {analysed.normal.text[m.start:m.end][:60]!r}")
    right_assignee = right_role = 0
    with_deadline = right_deadline = 0
    persons = {_nfc(p) for p in doc.spec.get("persons") or []}
    for w, m in matched:
        want_assignees = assignee_iris(w, persons, names, set(m.assignees))
        if want_assignees == set(m.assignees):
            right_assignee += 1
        else:
            misses.append(f"{doc.name} assignee {w['text'][:40]!r}: want "
                          f"{sorted(x.rsplit('/', 1)[-1] for x in want_assignees)} got "
                          f"{sorted(x.rsplit('/', 1)[-1] for x in m.assignees)}")
        if w.get("role") == m.role:
            right_role += 1
        if w.get("deadline"):
            with_deadline += 1
            got = m.deadline.deadline.isoformat() if m.deadline and m.deadline.deadline else None
            if got == str(w["deadline"]):
                right_deadline += 1
            else:
                misses.append(f"{doc.name} deadline {w['text'][:40]!r}: want {w['deadline']} got {got}")
    tally.add(doc.split, doc.kind, "mandate.assignee", len(matched), len(matched), right_assignee)
    tally.add(doc.split, doc.kind, "mandate.role", len(matched), len(matched), right_role)
    found_deadlines = sum(1 for _, m in matched if m.deadline and m.deadline.deadline)
    tally.add(doc.split, doc.kind, "mandate.deadline", with_deadline, found_deadlines, right_deadline)


def _targets(doc, analysed, tally, misses) -> None:
    wants = doc.spec.get("targets") or []
    got = [(float(t.value), t.unit) for t in analysed.extraction.targets]
    right, pool = 0, list(got)
    for w in wants:
        key = (float(w["value"]), w.get("unit"))
        if key in pool:
            pool.remove(key)
            right += 1
        else:
            misses.append(f"{doc.name} target missed: {w.get('text', '')[:50]!r} {key}")
    tally.add(doc.split, doc.kind, "targets", len(wants), len(got), right)
