"""Mandates: who is assigned what, by whom, in which role, from directive language.

Rules, tried in order on each sentence (names are recorded as mg:rule):
  assign      "X giao/yêu cầu/đề nghị Y ...": assigner X (else the context's), assignees Y
  actor-verb  "Y chủ trì/lãnh đạo/theo dõi/cần ...": assignee Y, role from the verb
  lead-in     a list item under "X yêu cầu Y ... sau:": the lead-in's assigner and assignees
  implicit    a task sentence or heading in a task section naming no actor: the issuer's
  follow-on   "Đồng thời, tiếp tục ...", a news paragraph of tasks, "...; đồng thời ...": the same actors
  table-row   a task table's row (tables.py); execution  "... chịu trách nhiệm thi hành Quyết định này"
  approval    "Thống nhất với đề xuất của Bộ X": role approve; subject  "..., Bộ X làm việc với ..." in a
              task section; chain-lead / chained  "Bộ trưởng Bộ X chỉ đạo Y ...": X's mandate, Y's after it
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import replace
from datetime import date

from graph.extract.clauses import (Starts as _Starts, _actor_run as actor_run, execution as _execution,
                                   approval as _approval, explicit as _explicit, subject_clause as _subject_clause,
                                   task_role as _task_role)
from graph.extract.cues import compile_cues as _compile_cues
from graph.extract.deadlines import find_deadlines
from graph.extract.enrich import enrich as _enrich
from graph.extract.tables import table_mandates, task_key
from graph.extract.structure import (_follow_on, _topic_title, _imperative, _is_task_context, _lead_in,
                                     _record, _section, _section_title, Outline, actor_heading, opens_list, outline_rank,
                                     split_items)
from graph.lexicon import Lexicon
from graph.records import DocumentMeta, MandateRecord, Mention, NormalText, Segmented, Sentence

_ACTOR_KINDS = ("body", "person")


def find_mandates(normal: NormalText, seg: Segmented, mentions: tuple[Mention, ...],
                  meta: DocumentMeta, lexicon: Lexicon) -> list[MandateRecord]:
    cues = lexicon.compiled(_compile_cues)
    actors = [m for m in mentions if m.kind in _ACTOR_KINDS]
    # Sorted indexes, so that each sentence and mandate looks up its own mentions and each lead-in
    # its own sentences (bisect, dict) instead of scanning the whole document: linear time.
    seg, markers = split_items(normal, seg, cues)
    actor_index = _Starts(actors)
    mention_index = _Starts(mentions)
    sentences_of: dict[int, list[int]] = {}
    for n, s in enumerate(seg.sentences):
        sentences_of.setdefault(s.block, []).append(n)
    by_sentence: dict[int, MandateRecord] = {}
    first_pass: list[tuple[Sentence, MandateRecord]] = []
    for n, s in enumerate(seg.sentences):
        rec = _execution(normal, s, actor_index, cues) or _approval(normal, s, actor_index, cues)
        if rec:                                # the execution article, whatever heading it falls under
            first_pass.append((s, rec))
            by_sentence[n] = rec
            continue
        if _section(seg.blocks[s.block], cues) is False:
            continue                           # results and context report what was done, assign nothing
        rec = _explicit(normal, s, actor_index, cues)
        if rec:
            first_pass.append((s, rec))
            by_sentence[n] = rec
    speakers = Counter(r.assigner for _, r in first_pass if r.assigner)
    if meta.type_code in cues["publisher_types"] and not meta.identifier:   # a news page's issuer publishes:
        meta = replace(meta, issuer=None)               # it neither gives nor takes a task, the speaker gives
    default_assigner = (meta.authority or meta.issuer
                        or (speakers.most_common(1)[0][0] if speakers else None))
    default_assignees = _default_assignees(meta, actors, lexicon)
    out, table_spans, table_tasks = table_mandates(normal, actor_index, default_assigner, lexicon, meta.issued)
    in_table = lambda s: any(a <= s.start < b for a, b in table_spans)
    item_done: set[int] = set()
    previous: MandateRecord | None = None
    outline = Outline(cues)
    addressing = False
    for n, s in enumerate(seg.sentences):
        block = seg.blocks[s.block]
        if in_table(s):
            continue                           # a task table's rows are its mandates
        if block.kind in ("recipients", "signature"):
            outline.close_all()
            continue
        if out and _deadline_only(normal, s, out[-1], cues, lexicon, meta.issued):
            out[-1] = previous = _enrich(normal, replace(out[-1], end=s.end), mention_index, cues, lexicon, meta.issued)
            continue                           # "Hoàn thành trước ngày ...": when the task before is due
        marker = markers.get(n) or (block.marker if s.start <= block.start + len(block.marker) + 1 else "")
        if normal.web and block.kind == "heading" and not block.marker and meta.title \
                and " ".join(normal.text[block.start:block.end].split()) == " ".join(meta.title.split()):
            continue                           # a news page's headline ("Thủ tướng yêu cầu tập trung xử lý
                                               # ..."): the title of the report, its tasks come below
        if cues["document_start"].search(normal.key, s.start, s.end):
            outline.close_all()                # the header of the document itself, after a web page's
            previous = None                    # summary of it: no task, and nothing above governs on
            continue
        if cues["addressee_lead"].match(normal.key, s.start, s.end):
            addressing = True                  # "Kính gửi:", "THỦ TƯỚNG CHÍNH PHỦ điện:" and the "- Bộ trưởng
            continue                           # ...;" items after it name whom the text goes to: no tasks
        if addressing and (cues["addressee_item"].match(marker)
                           or block.continues is not None and s.start != block.start):
            continue
        addressing = False
        rank = outline.enter(normal.text[s.start:s.end], marker)
        if block.kind == "heading" and rank is None and s.start == block.start:
            outline.close_all()                # a heading without a marker ("CÔNG ĐIỆN") starts afresh
        rec = by_sentence.get(n)
        lead = outline.governing() or _lead_in(seg, block, by_sentence, sentences_of)
        lead_in = opens_list(normal, seg, n, cues) or (
            rank is not None and (_heads_deeper_items(normal, seg, n, rank, markers, cues)
                                  or _heads_paragraphs(seg, n, markers))
            and actor_heading(normal, s, actor_index.starting_in(s.start, s.end), cues, actor_run) is not None)
        if lead_in:
            inside = actor_index.starting_in(s.start, s.end)
            if rec is not None and rec.rule == "chained" and cues["list_opener"].search(normal.key, s.start, s.end):
                outline.open(rank, _directing(rec, (lead.assigner if lead else None) or default_assigner))
                continue                       # "Bộ trưởng Bộ X chỉ đạo các đơn vị ... một số nhiệm vụ sau:":
                                               # the items are the minister's, the lead-in no task
            heading = rec if rec is not None and rec.assignees else actor_heading(normal, s, inside, cues, actor_run)
            if heading is not None:
                outline.open(rank, replace(heading, assigner=heading.assigner or (lead.assigner if lead else None)
                                           or default_assigner))
                # what follows the names: "... :" (named only), "chủ trì, phối hợp với ...:" after the
                # run of actors (a lead heading), "... như sau:" (only opens the list)
                after_names = normal.key[max(x.end for x in inside):s.end].replace("*", "") if inside else ""
                run = actor_run(normal.key, inside, inside[0].start, cues) if inside else []
                named_only = bool(inside) and cues["heading_tail"].match(after_names) is not None \
                    or bool(run) and cues["lead_heading_tail"].match(normal.key[run[-1].end:s.end].replace("*", "")) is not None
                only_list = bool(inside) and cues["list_opener"].fullmatch(after_names.strip()) is not None
                if heading.rule != "assign" and (named_only or rec is None) or only_list \
                        or actor_heading(normal, s, inside, cues, actor_run) is not None:
                    continue                   # "1. Bộ Tài chính chủ trì, phối hợp với Bộ Công an:", "Giao Ủy ban
                                               # nhân dân Thành phố:" head their items and state no task of their
                                               # own, nor does "... yêu cầu Bộ trưởng Bộ Công Thương như sau:";
                                               # "- Chủ tịch ... tập trung chỉ đạo ...:" does both
            else:
                outline.open(rank, rec)
                if rec is not None and rec.rule == "assign" and not rec.assignees \
                        and cues["lead_in_only"].search(normal.key, s.start, s.end):
                    continue                   # "..., Thủ tướng Chính phủ yêu cầu:": heads its items, no task
        context_assigner = (lead.assigner if lead else None) or default_assigner
        if rec is not None and rec.rule == "chained" and rec.assigner is None:
            # "c) Chỉ đạo Ủy ban nhân dân cấp xã: ..." under "Giao Ủy ban nhân dân Thành phố:": the
            # heading's actor (else the addressees) directs; with neither, the issuer's own task
            subjects = lead.assignees if lead and lead.assignees else default_assignees
            rec = replace(rec, assigner=subjects[0], leads=subjects) if subjects else \
                replace(rec, assignees=(), leads=(), coordinators=(), rule="implicit", explicit=False)
        if rec is not None and rec.rule == "chained" and rec.assigner == context_assigner:
            rec = replace(rec, rule="assign")          # the document's own assigner directing: one mandate
        if rec is not None and rec.rule == "chained":     # "Bộ trưởng Bộ X chỉ đạo Y ...": X's mandate first
            directing = _directing(rec, context_assigner)
            out.append(_enrich(normal, directing, mention_index, cues, lexicon, meta.issued))
            rec = _directed(rec, directing, actor_index)
        if rec is not None:
            assigner = rec.assigner or (lead.assigner if lead else None) or default_assigner
            rec = replace(rec, assigner=assigner)
            if not rec.assignees and lead and lead.assignees:   # "Chỉ đạo các cơ quan ..." under "1. Bộ X:"
                rec = replace(rec, assignees=lead.assignees, leads=lead.leads, coordinators=lead.coordinators,
                              role=lead.role if rec.rule == "implicit" else rec.role, explicit=True)
            elif not rec.assignees and default_assignees:        # "Tổng Bí thư đề nghị triển khai ...": implied
                rec = replace(rec, assignees=default_assignees, explicit=False)
        elif _is_task_context(block, cues) \
                and not lead_in and not any(w in normal.key[s.start:s.end] for w in cues["statement"]) \
                and (rec := _subject_clause(normal, s, actor_index, cues)) is not None:
            rec = replace(rec, assigner=rec.assigner or context_assigner)
        elif _is_task_context(block, cues) or (lead is not None and (lead.assignees or lead.rule == "assign")):
            head = block.continues if block.continues is not None else block.index
            starts_item = rank is not None or (block.kind == "item" and block.continues is None
                                                and s.start == block.start)
            # a paragraph of its own that carries on an item with another task ("+ Chỉ đạo ...",
            # then "Hoàn thành việc công bố ..."): a mandate of its own under the same lead
            own_paragraph = (block.continues is not None and s.start == block.start
                             and _imperative(normal.key, s, cues))
            if lead and lead.assignees and (starts_item and head not in item_done or own_paragraph):
                item_done.add(head)
                head = block.index
                first = n == 0 or seg.sentences[n - 1].block != s.block
                end = block.end if first and n not in markers else s.end      # the item, all of it
                rec = _record(normal, s.start, end, lead.assigner or default_assigner, lead.assignees,
                              lead.role, True, "lead-in", block)
                rec = replace(rec, leads=lead.leads, coordinators=lead.coordinators)
            elif block.kind == "item" and head in item_done and rank is None:
                rec = None                                   # the item's mandate quotes all of it
            elif (_imperative(normal.key, s, cues) and not lead_in
                  and not (block.kind == "heading" and _section_title(normal.key[s.start:s.end], cues))):
                rule = "heading" if block.kind == "heading" else "implicit"
                if lead and lead.assignees:        # a paragraph of tasks under "... yêu cầu Chủ tịch Ủy ban
                    rec = _record(normal, s.start, s.end, lead.assigner or default_assigner, lead.assignees,
                                  lead.role, True, "lead-in", block)     # nhân dân các tỉnh ... sau:", below a topic
                    rec = replace(rec, leads=lead.leads, coordinators=lead.coordinators)
                elif default_assignees:
                    rec = _record(normal, s.start, s.end, default_assigner, default_assignees, "implement",
                                  False, rule, block)
        elif previous is not None and block.kind == "paragraph" and (
                _follow_on(normal.key, s, block, cues) or _imperative(normal.key, s, cues)
                and not any(w in normal.key[s.start:s.end] for w in cues["statement"])):
            # "Đồng thời, tiếp tục ...", or a news report's next paragraph of tasks ("Rà soát ...")
            rec = _record(normal, s.start, s.end, previous.assigner, previous.assignees, previous.role,
                          False, "follow-on", block)
        if rec is not None and (cues["closing"].search(normal.key, s.start, s.end)
                                or cues["restatement"].match(normal.key, s.start, s.end)):
            rec = None                         # "... xin thông báo để ... biết, thực hiện": passes the text on;
                                               # "Như vậy, Thủ tướng yêu cầu ...": sums up what was reported
        if rec is not None and rec.rule in ("lead-in", "implicit", "heading") \
                and _topic_title(normal.key[s.start:s.end], cues):
            rec = None                         # "1. Về tổ chức bộ máy ...": what the items under it are about
        if rec is not None and _enacting(normal, rec, meta, cues):
            rec = None                         # "Hội đồng nhân dân ban hành Nghị quyết ...": the text enacting itself
        if rec is not None and rec.rule in ("implicit", "heading") and table_tasks and \
                task_key(cues["heading_number"].sub("", normal.key[rec.start:rec.end])) in table_tasks:
            rec = None                         # a task (or group title) the annex's table states with its actors
        if rec is not None and (rec.rule in ("lead-in", "implicit", "heading", "follow-on")
                                or rec.rule == "assign" and rec.role == "implement"):
            rec = replace(rec, role=_task_role(rec.task, rec.role, cues))
        if rec is not None:
            for part in _split_clauses(normal, rec, cues):
                out.append(_enrich(normal, part, mention_index, cues, lexicon, meta.issued))
            rec = out[-1]
            previous = rec
        elif block.kind == "paragraph":
            previous = None if s.start == block.start else previous
    own = _own_text_start(normal, meta, cues)
    out = [m for m in out if m.start >= own]
    return _due_later_in_item(normal, seg, _once(sorted(out, key=lambda m: m.start)), lexicon, meta.issued)


def _own_text_start(normal: NormalText, meta: DocumentMeta, cues: dict) -> int:
    """Where the document itself starts: the first line of its header (the national motto, its own
    "Số: 11554/VPCP-V.I"). A legal-document site puts its summary of the document above it
    ("Trong đó, đơn cử chỉ đạo Bộ trưởng Bộ Tài chính ..."): a paraphrase, which gives no task of
    its own. A news page has no such header (its quoting the motto is no start)."""
    if meta.type_code in cues["publisher_types"]:
        return 0
    for m in cues["document_start"].finditer(normal.key):
        line = normal.key.rfind("\n", 0, m.start()) + 1
        if not normal.key[line:m.start()].strip(" *#_>|"):
            return line
    return 0


def _due_later_in_item(normal: NormalText, seg: Segmented, mandates: list[MandateRecord], lexicon: Lexicon,
                       issued: date | None = None) -> list[MandateRecord]:
    """A mandate with no deadline of its own takes the first due date stated after it in its item,
    before the next mandate ("1. Bộ X chủ trì xây dựng Đề án ... Báo cáo Thủ tướng Chính phủ trước ngày
    15/12/2025."): the item is one task, its deadline wherever the item states it."""
    starts = [b.start for b in seg.blocks]
    out = []
    for n, m in enumerate(mandates):
        if m.deadline is None and m.rule not in ("table-row", "execution"):
            block = seg.blocks[max(0, bisect_right(starts, m.start) - 1)]
            if block.kind in ("item", "heading", "paragraph"):
                until = min([block.end, *(x.start for x in mandates[n + 1:n + 2] if x.start >= m.end)])
                due = [d for d in find_deadlines(normal.key, lexicon, m.end, until, issued) if d.deadline and not d.span]
                if due:
                    m = replace(m, deadline=due[0])
        out.append(m)
    return out


def _once(mandates: list[MandateRecord]) -> list[MandateRecord]:
    """A task stated twice in the same words is one mandate, the later statement's: a web page's
    summary of the document ("Tóm tắt") repeats its items before the document itself."""
    kept = ("chain-lead", "chained", "table-row", "execution")     # stated once by construction
    by_task: dict[str, list[int]] = {}
    for i, m in enumerate(mandates):
        if m.rule not in kept:
            by_task.setdefault(m.task, []).append(i)
    # the same words under two actor headings ("Phối hợp với Bộ Xây dựng ... nghiên cứu" for Bộ Tài
    # nguyên và Môi trường, then for Bộ Tài chính) are two mandates: a restatement is one whose later
    # statement names the same actors, or either names none of its own
    again = lambda m, later: m.assignees == later.assignees or not (m.explicit and later.explicit)
    return [m for i, m in enumerate(mandates) if m.rule in kept
            or not any(again(m, mandates[k]) for k in by_task[m.task] if k > i)]


def _split_clauses(normal: NormalText, rec: MandateRecord, cues: dict) -> list[MandateRecord]:
    """"X chủ trì ...; đồng thời chịu trách nhiệm ...": the mandate, and each task after it
    (clause_split) as a mandate of the same actors (rule follow-on)."""
    if rec.rule == "table-row":
        return [rec]
    cuts = [m for m in cues["clause_split"].finditer(normal.key, rec.start, rec.end)]
    if not cuts:
        return [rec]
    bounds = [rec.start, *(x for m in cuts for x in (m.start(), m.end())), rec.end]
    parts = []
    for i in range(0, len(bounds), 2):
        start, end = bounds[i], bounds[i + 1]
        if i == 0:                             # the task as before, up to the cut
            t0 = normal.text.find(rec.task[:20], rec.start, end)
            parts.append(replace(rec, end=end, task=normal.text[t0 if t0 >= 0 else rec.start:end].strip(" .;")))
        else:
            parts.append(replace(rec, start=start, end=end, task=normal.text[start:end].strip(" .;"),
                                 rule="follow-on", explicit=False, after=None))
    return parts


def _deadline_only(normal: NormalText, s, before: MandateRecord, cues: dict, lexicon: Lexicon,
                   issued: date | None = None) -> bool:
    """Sentence s, right after the mandate ``before``, only says when a task is due (cue
    deadline_only once its time expressions are taken out): it is that mandate's deadline."""
    if normal.key[before.end:s.start].strip(" \n.;*_") or before.rule == "table-row":
        return False
    due = [d for d in find_deadlines(normal.key, lexicon, s.start, s.end, issued) if d.deadline]
    if not due:
        return False
    rest = "".join(normal.key[a:b] for a, b in zip([s.start, *(d.end for d in due)], [*(d.start for d in due), s.end]))
    return cues["deadline_only"].fullmatch(rest) is not None


def _enacting(normal: NormalText, rec: MandateRecord, meta: DocumentMeta, cues: dict) -> bool:
    """The enacting formula: the document's own issuer or authority "ban hành Thông tư ...", before
    the articles; any other body told to issue a text has a task."""
    own = {meta.issuer, meta.authority} - {None}
    return (rec.rule == "actor-verb" and bool(rec.assignees) and set(rec.assignees) <= own
            and cues["enacting"].search(normal.key, rec.start, rec.end) is not None)


def _directing(rec: MandateRecord, assigner: str | None) -> MandateRecord:
    """The directing half of a chained instruction: the subject's own mandate, from the document's
    assigner (rule chain-lead). ``rec.assigner``: the subject who directs (``rec.leads``: all the
    subjects, for an item directing under its heading's actors)."""
    subjects = rec.leads if rec.assigner in rec.leads else (rec.assigner,)
    return replace(rec, assigner=assigner, assignees=subjects, leads=(), coordinators=(), role="implement",
                   explicit=True, rule="chain-lead")


def _directed(rec: MandateRecord, directing: MandateRecord, actor_index) -> MandateRecord:
    """The directed half: the task of the bodies directed, from the subject, from where they are
    named, depending on the directing mandate (rule chained)."""
    at = next((a.start for a in actor_index.starting_in(rec.start, rec.end)
               if a.iri in rec.assignees and a.iri != directing.assignees[0]), rec.start)
    return replace(rec, start=at, after=(directing.start, directing.end))


def _heads_deeper_items(normal: NormalText, seg: Segmented, n: int, rank: float, markers: dict[int, str],
                        cues: dict) -> bool:
    """Sentence n, a marked line, is followed by an item of a deeper rank: "1. Bộ Khoa học và
    Công nghệ" above "- Làm đầu mối ...", a heading without its colon."""
    if n + 1 >= len(seg.sentences):
        return False
    nxt = seg.sentences[n + 1]
    block = seg.blocks[nxt.block]
    marker = markers.get(n + 1) or (block.marker if nxt.start <= block.start + len(block.marker) + 1 else "")
    deeper = outline_rank(marker + " ", cues) if marker else None
    return deeper is not None and deeper > rank


def _heads_paragraphs(seg: Segmented, n: int, markers: dict[int, str]) -> bool:
    """Sentence n, a marked line, is followed by a paragraph of its own without a marker: "(5)
    Thống đốc Ngân hàng Nhà nước Việt Nam" above "Chỉ đạo rà soát kỹ lưỡng ..." (a news report of
    a telegram), a heading without its colon over its text."""
    if n + 1 >= len(seg.sentences) or n + 1 in markers:
        return False
    nxt = seg.sentences[n + 1]
    block = seg.blocks[nxt.block]
    return nxt.block != seg.sentences[n].block and block.kind == "paragraph" and not block.marker


def _default_assignees(meta: DocumentMeta, actors: list[Mention], lexicon: Lexicon) -> tuple[str, ...]:
    """Whom a task without an actor falls to: the addressees ("Kính gửi"), else the enacting
    authority or the issuer (implied). A page with no number, issuer or addressees (a news report)
    falls back on the polity it is about: the sample news pages' tasks go to "Hà Nội" so."""
    if meta.addressees:
        return tuple(meta.addressees)
    if meta.authority or meta.issuer:
        return (meta.authority or meta.issuer,)
    if meta.identifier:
        return ()
    bodies = lexicon.bodies.by_iri
    polities = Counter(a.iri for a in actors if a.iri in bodies and bodies[a.iri].cls == "Polity")
    return (polities.most_common(1)[0][0],) if polities else ()
