"""Deadlines: Vietnamese time expressions to the last day that satisfies them (and a start day)."""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from graph.lexicon import Lexicon
from graph.records import Deadline

_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def find_deadlines(key: str, lexicon: Lexicon, start: int = 0, end: int | None = None) -> list[Deadline]:
    """Every time expression in key[start:end], leftmost first; overlapping ones keep the first kind."""
    end = len(key) if end is None else end
    found: list[Deadline] = []
    for kind, pattern, span in lexicon.time.patterns:
        for m in pattern.finditer(key, start, end):
            if any(m.start() < d.end and d.start < m.end() for d in found):
                continue
            try:
                deadline, first = _interpret(kind, m)
            except ValueError:                      # 31-02-2025 and the like: not a date
                continue
            found.append(Deadline(m.group(0), m.start(), m.end(), deadline, first, kind == "recurring", kind, span))
    return sorted(found, key=lambda d: d.start)


def parse_deadline(phrase: str, lexicon: Lexicon) -> Deadline | None:
    """The first time expression in a phrase (for tests and the query layer)."""
    found = find_deadlines(phrase.lower(), lexicon)
    return found[0] if found else None


def _interpret(kind: str, m: re.Match) -> tuple[date | None, date | None]:
    g = {k: v for k, v in m.groupdict().items() if v}
    if "m2" in g:                                   # "15 tháng 12 năm 2026"
        g["m"] = g.pop("m2")
    if kind in ("recurring", "part_of_year"):     # how often, or which months: no due day
        return None, None
    if kind == "period":
        return date(int(g["y2"]), 12, 31), date(int(g["y1"]), 1, 1)
    year = int(g["y"])
    if kind == "by_year":
        return date(year, 12, 31), None
    if kind == "before_year":
        return date(year - 1, 12, 31), None
    if kind == "quarter":
        q = _QUARTERS[g["q"]]
        return date(year, 3 * q, calendar.monthrange(year, 3 * q)[1]), date(year, 3 * q - 2, 1)
    if kind == "before_month":                  # "trước tháng 6/2026": by 31/5/2026
        return date(year, int(g["m"]), 1) - timedelta(days=1), None
    if kind == "half_year":                     # group h1: the first half, h2: the second
        return (date(year, 6, 30), date(year, 1, 1)) if "h1" in g else (date(year, 12, 31), date(year, 7, 1))
    if kind == "month":
        month = int(g["m"])
        return date(year, month, calendar.monthrange(year, month)[1]), None
    day = date(year, int(g["m"]), int(g["d"]))
    if kind in ("before_date", "by_date"):      # "trước ngày 30/11/2025": by the stated day (issue 18)
        return day, None
    if kind == "from_date":
        return None, day
    if kind == "range_days":
        return day, date(year, int(g["m"]), int(g["d1"]))
    raise ValueError(kind)


def cell_deadline(key: str, lexicon: Lexicon, start: int, end: int) -> Deadline | None:
    """The due time a table's time cell states: its first due expression, else a cell expression
    matching the whole cell ("Năm 2026"); a cell that only says when work starts gives none."""
    found = [d for d in find_deadlines(key, lexicon, start, end) if d.deadline]
    if found:
        return next((d for d in found if not d.span or d.kind == "period"), found[0])
    for kind, pattern, span in lexicon.time.cell_patterns:
        m = pattern.fullmatch(key, start, end)
        if m:
            try:
                deadline, first = _interpret(kind, m)
            except ValueError:
                continue
            text = key[start:end].strip()
            return Deadline(text, start + len(key[start:end]) - len(key[start:end].lstrip()),
                            start + len(key[start:end].rstrip()), deadline, first, False, kind, span)
    return None
