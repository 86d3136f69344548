"""Deadlines: Vietnamese time expressions to the last day that satisfies them (and a start day)."""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from graph.lexicon import Lexicon
from graph.records import Deadline

_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def find_deadlines(key: str, lexicon: Lexicon, start: int = 0, end: int | None = None,
                   issued: date | None = None) -> list[Deadline]:
    """Every time expression in key[start:end], leftmost first; overlapping ones keep the first kind.
    ``issued``: the document's date of issue (its signature), which dates a day or month written
    without its year ("trước ngày 15/12") and a term counted from the document's own issue ("chậm
    nhất 05 ngày làm việc kể từ ngày ban hành"); without it those keep their text and no date."""
    end = len(key) if end is None else end
    found: list[Deadline] = []
    for kind, pattern, span in lexicon.time.patterns:
        for m in pattern.finditer(key, start, end):
            if any(m.start() < d.end and d.start < m.end() for d in found):
                continue
            try:
                deadline, first = _interpret(kind, m, issued)
            except ValueError:                      # 31-02-2025 and the like: not a date
                continue
            from_issue = kind == "relative" or kind not in ("recurring", "period") and not m.groupdict().get("y")
            found.append(Deadline(m.group(0), m.start(), m.end(), deadline, first, kind == "recurring", kind, span,
                                  from_issue and deadline is not None))
    return sorted(found, key=lambda d: d.start)


def parse_deadline(phrase: str, lexicon: Lexicon, issued: date | None = None) -> Deadline | None:
    """The first time expression in a phrase (for tests and the query layer)."""
    found = find_deadlines(phrase.lower(), lexicon, issued=issued)
    return found[0] if found else None


def _interpret(kind: str, m: re.Match, issued: date | None = None) -> tuple[date | None, date | None]:
    g = {k: v for k, v in m.groupdict().items() if v}
    if "m2" in g:                                   # "15 tháng 12 năm 2026"
        g["m"] = g.pop("m2")
    if kind in ("recurring", "part_of_year"):     # how often, or which months: no due day
        return None, None
    if kind == "relative":
        return _counted_from_issue(g, issued), None
    if kind == "period":
        return date(int(g["y2"]), 12, 31), date(int(g["y1"]), 1, 1)
    if "y" not in g:                                # "trước ngày 15/12", "trong tháng 12"
        if issued is None:
            return None, None
        g["y"] = str(_year_from_issue(g, issued))
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


def _year_from_issue(g: dict, issued: date) -> int:
    """The year of a day or month written without one: the document's, or the next when the day
    (the month) lies before the document's date: a text due "trước ngày 15/01" issued in December
    means the coming January."""
    month = int(g["m"])
    if "d" in g:
        return issued.year + ((month, int(g["d"])) < (issued.month, issued.day))
    return issued.year + (month < issued.month)


def _counted_from_issue(g: dict, issued: date | None) -> date | None:
    """A term counted from the document's own issue or signature (group ``own``): the day ``n``
    days after it, the first day not counted (as the Civil Code counts a term in days). Working
    days (group ``work``) are Monday to Friday; public holidays are not modelled, so a term across
    Tết or 30/4 falls a few days early. A term counted from anything else (the day a file is
    received) has no date here: its text is kept."""
    if issued is None or "own" not in g:
        return None
    n = int(g["n"])
    if "work" not in g:
        return issued + timedelta(days=n)
    day = issued
    while n > 0:
        day += timedelta(days=1)
        n -= day.weekday() < 5
    return day


def cell_deadline(key: str, lexicon: Lexicon, start: int, end: int, issued: date | None = None) -> Deadline | None:
    """The due time a table's time cell states: its first due expression, else a cell expression
    matching the whole cell ("Năm 2026"); a cell that only says when work starts gives none."""
    found = [d for d in find_deadlines(key, lexicon, start, end, issued) if d.deadline]
    if found:
        return next((d for d in found if not d.span or d.kind == "period"), found[0])
    for kind, pattern, span in lexicon.time.cell_patterns:
        m = pattern.fullmatch(key, start, end)
        if m:
            try:
                deadline, first = _interpret(kind, m, issued)
            except ValueError:
                continue
            text = key[start:end].strip()
            return Deadline(text, start + len(key[start:end]) - len(key[start:end].lstrip()),
                            start + len(key[start:end].rstrip()), deadline, first, False, kind, span)
    return None
