"""Mandates: who is assigned what, by whom, in which role, from directive language.

Rules, tried in order on each sentence (names are recorded as mg:rule):
  assign      "X giao/yêu cầu/đề nghị Y ...": assigner X (else the context's), assignees Y
  actor-verb  "Y chủ trì/lãnh đạo/theo dõi/cần ...": assignee Y, role from the verb
  lead-in     a list item under "X yêu cầu Y ... sau:": the lead-in's assigner and assignees
  implicit    a task sentence or heading in a task section naming no actor: the issuer's
  follow-on   "Đồng thời, tiếp tục ..." after a mandate: the same actors, implied
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from graph.extract.clauses import Starts as _Starts, explicit as _explicit
from graph.extract.cues import compile_cues as _compile_cues
from graph.extract.enrich import enrich as _enrich
from graph.extract.structure import (_follow_on, _imperative, _is_task_context, _lead_in, _lead_in_sentence,
                                     _record, _section, _section_title)
from graph.lexicon import Lexicon
from graph.records import DocumentMeta, MandateRecord, Mention, NormalText, Segmented, Sentence

_ACTOR_KINDS = ("body", "person")


def find_mandates(normal: NormalText, seg: Segmented, mentions: tuple[Mention, ...],
                  meta: DocumentMeta, lexicon: Lexicon) -> list[MandateRecord]:
    cues = lexicon.compiled(_compile_cues)
    actors = [m for m in mentions if m.kind in _ACTOR_KINDS]
    # Sorted indexes, so that each sentence and mandate looks up its own mentions and each lead-in
    # its own sentences (bisect, dict) instead of scanning the whole document: linear time.
    actor_index = _Starts(actors)
    mention_index = _Starts(mentions)
    sentences_of: dict[int, list[int]] = {}
    for n, s in enumerate(seg.sentences):
        sentences_of.setdefault(s.block, []).append(n)
    by_sentence: dict[int, MandateRecord] = {}
    first_pass: list[tuple[Sentence, MandateRecord]] = []
    for n, s in enumerate(seg.sentences):
        if _section(seg.blocks[s.block], cues) is False:
            continue                           # results and context report what was done, assign nothing
        rec = _explicit(normal, s, actor_index, cues)
        if rec:
            first_pass.append((s, rec))
            by_sentence[n] = rec
    speakers = Counter(r.assigner for _, r in first_pass if r.assigner)
    default_assigner = meta.issuer or (speakers.most_common(1)[0][0] if speakers else None)
    default_assignee = _default_assignee(meta, actors, lexicon)
    out: list[MandateRecord] = []
    item_done: set[int] = set()
    previous: MandateRecord | None = None
    for n, s in enumerate(seg.sentences):
        block = seg.blocks[s.block]
        rec = by_sentence.get(n)
        if rec is not None:
            lead = _lead_in(seg, block, by_sentence, sentences_of)
            assigner = rec.assigner or (lead.assigner if lead else None) or default_assigner
            rec = replace(rec, assigner=assigner)
            if not rec.assignees and default_assignee:    # "Tổng Bí thư đề nghị triển khai ...": implied
                rec = replace(rec, assignees=(default_assignee,), explicit=False)
        elif _is_task_context(normal, seg, block, cues):
            head = block.continues if block.continues is not None else block.index
            lead = _lead_in(seg, block, by_sentence, sentences_of)
            if block.kind == "item" and lead and lead.assignees and head not in item_done and block.continues is None:
                item_done.add(head)
                rec = _record(normal, s.start, block.end, lead.assigner or default_assigner, lead.assignees,
                              "implement", True, "lead-in", block)
            elif block.kind == "item" and head in item_done:
                rec = None                                   # the item's mandate quotes all of it
            elif (_imperative(normal.key, s, cues) and default_assignee and not _lead_in_sentence(normal, s)
                  and not (block.kind == "heading" and _section_title(normal.key[s.start:s.end], cues))):
                rule = "heading" if block.kind == "heading" else "implicit"
                rec = _record(normal, s.start, s.end, default_assigner, (default_assignee,), "implement",
                              False, rule, block)
        elif previous is not None and _follow_on(normal.key, s, block, cues) and block.kind == "paragraph":
            rec = _record(normal, s.start, s.end, previous.assigner, previous.assignees, previous.role,
                          False, "follow-on", block)
        if rec is not None:
            rec = _enrich(normal, rec, mention_index, cues, lexicon)
            out.append(rec)
            previous = rec
        elif block.kind == "paragraph":
            previous = None if s.start == block.start else previous
    return out


def _default_assignee(meta: DocumentMeta, actors: list[Mention], lexicon: Lexicon) -> str | None:
    """Whom a task without an actor falls to: the issuer, or the polity a news page is about."""
    if meta.issuer:
        return meta.issuer
    bodies = lexicon.bodies.by_iri
    polities = Counter(a.iri for a in actors if a.iri in bodies and bodies[a.iri].cls == "Polity")
    return polities.most_common(1)[0][0] if polities else None

