"""Numeric targets: value(s), comparator, unit and year, with Vietnamese number formats."""
from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal

from graph.lexicon import Lexicon, Targets
from graph.records import NormalText, Segmented, TargetRecord

# "12.000" is twelve thousand, "11,0" eleven; "65-70" and "350 - 400" are ranges.
_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"


def parse_number(text: str) -> Decimal:
    """Vietnamese number format: dots group thousands, a comma marks decimals."""
    return Decimal(text.replace(".", "").replace(",", "."))


def _value_re(lexicon: Lexicon) -> re.Pattern:
    data = lexicon.targets
    before = "|".join(re.escape(w) for w in sorted(data.before, key=len, reverse=True))
    after = "|".join(re.escape(w) for w in sorted(data.after, key=len, reverse=True))
    units = "|".join(re.escape(u) for u in sorted(data.units, key=len, reverse=True))
    return re.compile(
        rf"(?:(?P<before>{before}) )?(?P<value>{_NUMBER})(?: ?- ?(?P<max>{_NUMBER}))?"
        rf"(?: ?(?P<unit>{units}))?(?: (?P<after>{after}))?(?![\w.,/]\d)")


def find_targets(normal: NormalText, segmented: Segmented, lexicon: Lexicon,
                 type_code: str | None = None, tasks: tuple[tuple[int, int], ...] = ()) -> list[TargetRecord]:
    """``type_code``: the document's type (DocumentMeta.type_code); a text of rules sets none.
    ``tasks``: the mandates' spans, sorted: a number a task is to reach ("bảo đảm giải ngân 100% kế
    hoạch vốn") is a target, as one under a targets heading or after a target cue is."""
    data = lexicon.targets
    if type_code in data.rule_types:
        return []
    task_starts = [a for a, _ in tasks]
    in_task = lambda s: any(a < s.end and s.start < b for a, b in tasks[max(0, bisect_right(task_starts, s.start) - 8):
                                                                       bisect_right(task_starts, s.end)])
    value_re = lexicon.compiled(_value_re)
    heads = data.target_headings
    out = []
    for s in segmented.sentences:
        block = segmented.blocks[s.block]
        path = " › ".join(block.heading_path).lower()
        in_section = any(h in path for h in heads)
        if any(h in path for h in data.result_headings):
            continue
        key = normal.key[s.start:s.end]
        cued = in_section or any(c in key for c in data.target_cues)
        if not cued and not in_task(s):
            continue
        section_year = _year(path, data)
        for c_start, c_end in _clauses(key, s.start, data):
            out += _clause_targets(normal, c_start, c_end, section_year, data, value_re, strict=not cued)
    return _once(out)


def _once(targets: list[TargetRecord]) -> list[TargetRecord]:
    """A target stated again in the same words (a news page's headline, sapo and body; a legal
    database's summary) is one target, its first statement; a statement without a year (a summary
    out of the heading that gives it) is the same as one with."""
    seen: dict[tuple, set] = {}
    out = []
    for t in targets:
        key = (t.value, t.value_max, t.unit, t.comparator, " ".join(t.indicator.lower().split()[:8]))
        years = seen.setdefault(key, set())
        if years and (t.year is None or None in years or t.year in years):
            continue
        years.add(t.year)
        out.append(t)
    return out


def _clauses(key: str, offset: int, data: Targets):
    """Clauses split on ';', ', trong đó', ':' lists and 'và' between targets."""
    pos = 0
    for m in data.clause_breaks.finditer(key):
        yield offset + pos, offset + m.start()
        pos = m.end()
    yield offset + pos, offset + len(key)


def _clause_targets(normal, start, end, section_year, data: Targets, value_re, strict=False) -> list[TargetRecord]:
    """``strict``: a task's clause without a target cue: only a share ("100%") or a value with a
    comparator or reached ("đạt") is a target there, not an amount the task is about."""
    key = normal.key[start:end]
    if any(r in key for r in data.result_markers):
        return []
    reach = data.reach_verb
    candidates = [m for m in value_re.finditer(key)
                  if not _is_year(m) and (m.group("unit") or m.group("before") or m.group("after") or reach in key[:m.start()])
                  and not (re.fullmatch(data.count, m.group("value")) and not m.group("before") and not m.group("after"))]
    if strict:
        candidates = [m for m in candidates if m.group("before") or m.group("after") or reach in key[:m.start()]
                      or (m.group("unit") or "").startswith(data.share_unit)]
    if not candidates:
        return [] if strict else _worded_targets(normal, start, end, section_year, data)
    if strict and (cut := key.rfind(", ", 0, candidates[-1].start())) >= 0:
        # "tích cực tháo gỡ ..., bảo đảm tăng trưởng từ 8%": the indicator is the task's last phrase
        return _clause_targets(normal, start + cut + 2, end, section_year, data, value_re, strict)
    m = candidates[-1]                  # the number the clause reaches: after "đạt", ":" or last
    lead = re.sub(data.indicator_lead, "", key[:candidates[0].start()]).strip(" :,-+*")
    value_first = not lead and candidates[0].group("unit")
    if value_first:                     # "+ 100% dịch vụ công trực tuyến ...": the value, then what it counts
        m = candidates[0]
    comparator = data.after.get(m.group("after")) or data.before.get(m.group("before"))
    if comparator is None:                  # "tối thiểu đạt 11.000": the comparator before the verb
        near = key[max(0, m.start() - 16):m.start()]
        comparator = next((c for w, c in data.before.items()
                           if re.search(rf"(?<!\w){re.escape(w)} {re.escape(reach)} $", near)), "=")
    if value_first:
        indicator = normal.text[start + m.end():end].strip(" .:,;")
    else:
        indicator = re.sub(data.indicator_lead, "", normal.text[start:start + m.start()], flags=re.I).strip(" :,")
        indicator = re.sub(data.indicator_tail, "", indicator).strip()
    if not indicator:
        return []
    year = _year(key, data) or section_year
    s, e = start + m.start(), start + m.end()
    return [TargetRecord(start=start + (len(normal.key[start:start + m.start()]) - len(normal.key[start:start + m.start()].lstrip(" -"))),
                         end=e, indicator=indicator, value=str(parse_number(m.group("value"))),
                         value_max=str(parse_number(m.group("max"))) if m.group("max") else None,
                         comparator=comparator, unit=normal.text[s:e][m.start("unit") - m.start():m.end("unit") - m.start()] if m.group("unit") else "",
                         year=year, rule="target-clause")]


def _worded_targets(normal, start, end, section_year, data: Targets) -> list[TargetRecord]:
    """A value written in words ("tăng trưởng hai con số": 10% or more), the clause's words before
    it its indicator."""
    key = normal.key[start:end]
    for spec in data.worded_values:
        m = re.search(spec["pattern"], key)
        if m is None:
            continue
        indicator = re.sub(data.indicator_lead, "", normal.text[start:start + m.start()], flags=re.I).strip(" :,")
        indicator = re.sub(data.indicator_tail, "", indicator).strip()
        if indicator:
            return [TargetRecord(start=start + m.start(), end=start + m.end(), indicator=indicator, value=spec["value"],
                                 value_max=None, comparator=spec["comparator"], unit=spec["unit"],
                                 year=_year(key, data) or section_year, rule="target-worded")]
    return []


def _is_year(m: re.Match) -> bool:
    v = m.group("value")
    return bool(re.fullmatch(r"(19|20)\d{2}", v)) and not m.group("unit")


def _year(text: str, data: Targets) -> int | None:
    years = data.year.findall(text)
    return int(years[-1]) if years else None
