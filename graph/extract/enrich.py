"""A mandate's deadline, deliverable, legal basis, dependencies and the projects it concerns."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from graph.extract.clauses import Starts
from graph.extract.deadlines import find_deadlines
from graph.lexicon import Lexicon
from graph.records import MandateRecord, NormalText


def enrich(normal: NormalText, rec: MandateRecord, mentions: Starts, cues: dict, lexicon: Lexicon,
           issued: date | None = None) -> MandateRecord:
    """``issued``: the document's date, which dates a deadline written without its year or counted
    from the document's own issue (deadlines.find_deadlines)."""
    key = normal.key
    here = mentions.starting_in(rec.start, rec.end)
    docs = [m for m in here if m.kind == "document"]
    in_doc = lambda d: any(m.start <= d.start < m.end for m in docs)
    deadlines = [d for d in find_deadlines(key, lexicon, rec.start, rec.end, issued) if not in_doc(d)]
    dated = [d for d in deadlines if d.deadline or d.start_date]
    due = [d for d in dated if not d.span]        # "hoàn thành ... trước ngày 20-6-2025" beats a run
    # a term that cannot be dated ("trong 10 ngày kể từ ngày nhận được") is the deadline as written
    undated = [d for d in deadlines if not (d.deadline or d.start_date or d.recurring or d.span)]
    deadline = (due or dated or undated or [None])[0]
    if deadline is None and any(d.recurring for d in deadlines):
        deadline = next(d for d in deadlines if d.recurring)
    elif deadline is not None and any(d.recurring for d in deadlines):
        # "định kỳ hằng năm gửi báo cáo trước ngày 15 tháng 12": a day of every year, not of the document's
        deadline = replace(deadline, recurring=True, deadline=None if deadline.from_issue else deadline.deadline)
    text = key[rec.start:rec.end]
    found = [m for cue in cues["deliverable"] for m in cue.finditer(text)]
    first = min(found, key=lambda m: m.start(), default=None)    # the product named first
    deliverable = normal.text[rec.start + first.start():rec.start + first.end()] if first else None
    basis, depends = [], []
    for d in docs:
        lead = key[max(rec.start, d.start - 40):d.start]
        if any(lead.rstrip().endswith(c) or f"{c} " in lead[-25:] for c in cues["legal"]):
            basis.append(d.iri)
        if any(f"{c} " in lead[-30:] for c in cues["dependency"]):
            depends.append(d.iri)
    concerns = [m.iri for m in here if m.kind in ("project", "document")]
    return replace(rec, deadline=deadline, deliverable=deliverable, legal_basis=tuple(dict.fromkeys(basis)),
                   depends_on=tuple(dict.fromkeys(depends)), concerns=tuple(dict.fromkeys(concerns)),
                   heading_path=rec.heading_path)
