"""Mandates from task tables: one mandate per task row, its fields from the columns the header
row names (task, lead, coordinators, deadline, level of submission, deliverable); group rows
("I | Hoàn thiện thể chế") are the section of the rows under them, not tasks.

A table reaches the extraction as lines of the normalised text, one row per line, cells joined
by " | " (how the reader writes the tables of HTML, DOCX and PDF documents, and how a pipe table
is written in a text file)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from graph.analyse.normalise import normalise_phrase
from graph.analyse.prefilter import Gate
from graph.extract.deadlines import cell_deadline, find_deadlines
from graph.lexicon import Lexicon
from graph.records import MandateRecord, NormalText


@dataclass(frozen=True)
class Row:
    start: int
    end: int
    cells: tuple[tuple[int, int], ...]      # normalised (start, end) of each cell, stripped


def table_rows(normal: NormalText, lexicon: Lexicon) -> list[list[Row]]:
    """Runs of consecutive lines with cell separators: the tables of the text. A table opens with
    a line of at least two separators; inside it a group row of two cells ("I | Hoàn thiện thể
    chế", the reader drops a row's empty trailing cells) carries it on."""
    separator = lexicon.compiled(_separator)
    if not separator.open(normal.text):
        return []                              # no cell separator anywhere: no table
    sep = separator.pattern
    tables, current, pos = [], [], 0
    for line in normal.text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        bounds = [m.span() for m in sep.finditer(normal.text, start, end)]
        if len(bounds) < (1 if current else 2):
            if current:
                tables.append(current)
            current = []
            continue
        edges = [start, *(x for b in bounds for x in b), end]
        cells = tuple(_strip(normal.text, edges[i], edges[i + 1]) for i in range(0, len(edges), 2))
        current.append(Row(start, end, cells))
    if current:
        tables.append(current)
    return tables


def _separator(lexicon: Lexicon) -> Gate:
    return Gate(re.compile(lexicon.cues.table_separator))


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " *|":
        start += 1
    while end > start and text[end - 1] in " *|":
        end -= 1
    return start, end


def _columns(normal: NormalText, row: Row, lexicon: Lexicon) -> tuple[dict[str, int], str]:
    """The field of each column a header row names, by column index; and the role the lead
    column's header gives ("Cơ quan chủ trì theo dõi, đánh giá": monitor, else lead)."""
    fields: dict[str, int] = {}
    role = "lead"
    columns, lead_roles = lexicon.compiled(_column_words)
    for i, (s, e) in enumerate(row.cells):
        cell = normalise_phrase(normal.text[s:e])
        for field, words in columns:
            if field not in fields and any(w in cell for w in words):
                fields[field] = i
                if field == "lead":
                    role = next((r for w, r in lead_roles if w in cell), role)
                break
    return (fields, role) if "task" in fields and "lead" in fields else ({}, role)


def _column_words(lexicon: Lexicon) -> tuple[tuple, tuple]:
    """cues.yaml's table_columns (field, its header words) and table_lead_roles (word, role),
    the words normalised once, in the file's order."""
    cues = lexicon.cues
    return (tuple((field, tuple(normalise_phrase(w) for w in words)) for field, words in cues.table_columns.items()),
            tuple((normalise_phrase(w), r) for w, r in cues.table_lead_roles.items()))


def task_key(text: str) -> str:
    """How a task is compared with the same task stated elsewhere (a table row and the section
    that lists it again): its first words, normalised."""
    return " ".join(normalise_phrase(text).strip(" .;:").split()[:8])


def table_mandates(normal: NormalText, actors, assigner: str | None, lexicon: Lexicon,
                   issued: date | None = None) -> tuple[list[MandateRecord], list[tuple[int, int]], set[str]]:
    """The mandates of every task table (each quoting its whole row), the spans of the tables
    (their sentences state no other mandate), and the keys (task_key) of the tables' tasks and
    group titles. ``actors``: the actor mentions, indexed (clauses.Starts)."""
    out, spans, keys = [], [], set()
    for rows in table_rows(normal, lexicon):
        columns: dict[str, int] = {}
        section, role, period = None, "lead", None
        for row in rows:
            found, found_role = _columns(normal, row, lexicon)
            if found:
                columns, section, role, period = found, None, found_role, None
                spans.append((rows[0].start, rows[-1].end))
                continue
            if not columns:
                continue
            text = {f: normal.text[slice(*row.cells[i])] if i < len(row.cells) else "" for f, i in columns.items()}
            if not text["lead"].strip() and not text.get("deadline", "").strip():
                title = " ".join(t for t in (normal.text[slice(*c)] for c in row.cells) if t).strip()
                section = title or section
                keys.add(task_key(" ".join(normal.text[slice(*c)] for c in row.cells[1:]) or title))
                # "I | Giai đoạn 2025-2027": the rows under a group row that names a period are due by its end
                period = next((d for d in find_deadlines(normal.key, lexicon, row.start, row.end, issued) if d.deadline), period)
                continue
            if not text["task"].strip():
                continue
            cell = lambda f: row.cells[columns[f]] if f in columns and columns[f] < len(row.cells) else (0, 0)
            leads = tuple(dict.fromkeys(a.iri for a in actors.starting_in(*cell("lead"))))
            coordinators = tuple(dict.fromkeys(a.iri for a in actors.starting_in(*cell("coordinator"))))
            if not leads:
                continue
            t_start, t_end = cell("task")
            keys.add(task_key(normal.text[t_start:t_end]))
            deadline = cell_deadline(normal.key, lexicon, *cell("deadline"), issued) if "deadline" in columns else period
            deliverable = text.get("deliverable", "").strip() or None
            r_start, r_end = _strip(normal.text, row.start, row.end)    # the row is the evidence
            out.append(MandateRecord(start=r_start, end=r_end, assigner=assigner, assignees=leads,
                                     leads=leads if role == "lead" else (), coordinators=coordinators, role=role,
                                     task=normal.text[t_start:t_end].strip(" .;"),
                                     explicit=True, rule="table-row", heading_path=(section,) if section else (),
                                     deadline=deadline, deliverable=deliverable))
    return out, spans, keys
