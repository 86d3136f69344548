"""Mandates: who is assigned what, by whom, in which role, from directive language.

Rules, tried in order on each sentence (names are recorded as mg:rule):
  assign      "X giao/yêu cầu/đề nghị Y ...": assigner X (else the context's), assignees Y
  actor-verb  "Y chủ trì/lãnh đạo/theo dõi/cần ...": assignee Y, role from the verb
  lead-in     a list item under "X yêu cầu Y ... sau:": the lead-in's assigner and assignees
  implicit    a task sentence or heading in a task section naming no actor: the issuer's
  follow-on   "Đồng thời, tiếp tục ..." after a mandate: the same actors, implied
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import replace

from graph.analyse.normalise import normalise_phrase
from graph.lexicon import Lexicon
from graph.records import Block, DocumentMeta, MandateRecord, Mention, NormalText, Segmented, Sentence
from graph.extract.deadlines import find_deadlines

_ACTOR_KINDS = ("body", "person")


def _compile_cues(lexicon: Lexicon) -> dict:
    """cues.yaml as the mandate rules use it: matching keys sorted longest first, regexes compiled."""
    c = lexicon.cues
    norm = lambda xs: tuple(sorted((normalise_phrase(x) for x in xs), key=len, reverse=True))
    return {
        "assign": {normalise_phrase(k): v for k, v in c.assign_verbs.items()},
        "actor": {normalise_phrase(k): v for k, v in c.actor_verbs.items()},
        "adverbs": norm(c.adverbs), "imperative": norm(c.imperative_verbs),
        "task_headings": norm(c.task_headings), "non_task": norm(c.non_task_headings),
        "past": norm(c.past_markers), "deliverables": norm(c.deliverables),
        "recurring": norm(c.recurring), "legal": norm(c.legal_basis), "dependency": norm(c.dependency),
        "modals": norm(c.modals),
        "verb_in_name": tuple(w + " " for w in norm(c.verb_in_name_after)),
        "qualifier": re.compile(r"(?:(?:%s)[ ,]*)+" % "|".join(c.actor_qualifiers)),
        "framing": re.compile(r"^(?:(?:%s), |(?:%s) )+" % ("|".join(c.framing), "|".join(c.openers))),
        "speech": re.compile(r" (?:%s)" % "|".join(map(re.escape, norm(c.speech_verbs)))),
        "future": c.future_marker + " ",
        "subject_gap": re.compile(c.subject_gap), "between": re.compile(c.actor_between),
        "run_before": re.compile(c.actor_before), "role_preamble": re.compile(c.role_preamble),
        "lead_verb": c.lead_verb, "coordinate_verb": c.coordinate_verb,
        "coordinate_with": re.compile(c.coordinate_with), "task_preamble": re.compile(c.task_preamble),
        "follow_on": re.compile(c.follow_on), "heading_number": re.compile(c.heading_number),
        "deliverable": [re.compile(r"(?<!\w)%s (?!%s)([^,;.]{3,80})" % (cue, "|".join(map(re.escape, c.deliverable_not))))
                        for cue in norm(c.deliverables)],
    }


def _unframed(text: str, cues: dict) -> str:
    """The clause without its framing words ("Trong đó, ", "Đồng thời, ")."""
    return cues["framing"].sub("", text)


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


class _Starts:
    """Mentions indexed by start offset, for range look-ups by bisection."""

    def __init__(self, mentions) -> None:
        self.mentions = list(mentions)
        self.order = sorted(range(len(self.mentions)), key=lambda n: self.mentions[n].start)
        self.starts = [self.mentions[n].start for n in self.order]

    def starting_in(self, start: int, end: int) -> list[Mention]:
        """The mentions with ``start <= m.start < end``, in the order they were given (text order)."""
        found = self.order[bisect_left(self.starts, start):bisect_left(self.starts, end)]
        return [self.mentions[n] for n in sorted(found)]


# ------------------------------------------------------------------ explicit rules
def _explicit(normal: NormalText, s: Sentence, actors: _Starts, cues: dict) -> MandateRecord | None:
    key = normal.key
    inside = [a for a in actors.starting_in(s.start, s.end) if a.end <= s.end]
    at_start = _actor_verb(normal, s, inside, cues, subject_only=True)
    if at_start:
        return at_start
    for verb, role in cues["assign"].items():
        for m in re.finditer(r"(?<!\w)%s(?!\w)" % re.escape(verb), key[s.start:s.end]):
            v_start, v_end = s.start + m.start(), s.start + m.end()
            if any(a.start <= v_start < a.end for a in inside) or key.endswith(cues["verb_in_name"], 0, v_start):
                continue                       # "Ban Chỉ đạo ...", "Phó Thủ tướng": a name, not the verb
            before = [a for a in inside if a.end <= v_start and cues["subject_gap"].fullmatch(key[a.end:v_start])]
            after = _actor_run(key, inside, v_end + (4 if key.startswith(" cho", v_end) else 0), s.end, cues)
            if role == "permit":
                after = _actor_run(key, inside, v_end, s.end, cues)
                if not after:
                    continue
            if not after and not before:
                if v_start == s.start or _unframed(key[s.start:v_start], cues) == "":
                    # "Quyết liệt chỉ đạo ...": no actor on either side, the issuer's own task
                    return _build(normal, s, None, (), role, v_end, "implicit", cues, explicit=False)
                continue
            subject = [a for a in inside if a.end <= v_start and _unframed(key[s.start:a.start], cues) == ""]
            assigner = subject[0].iri if subject else (before[-1].iri if before else None)
            if not after:
                return _build(normal, s, assigner, (), role, v_end, "assign", cues, explicit=False)
            return _actor_roles(normal, s, assigner, after, role, "assign", inside, cues)
    return _actor_verb(normal, s, inside, cues)


def _actor_verb(normal: NormalText, s: Sentence, inside: list[Mention], cues: dict, *,
                subject_only: bool = False) -> MandateRecord | None:
    """An actor (or list of actors) followed, after adverbs, by a verb that gives it a role."""
    key = normal.key
    future = cues["future"]
    for first in inside:
        run = _actor_run(key, inside, first.start, s.end, cues)
        if not run:
            continue
        prefix = key[s.start:first.start]
        if prefix and not cues["framing"].fullmatch(prefix) and (subject_only or not _speaker_before(key, inside, s.start, first.start, cues)):
            continue
        pos = run[-1].end
        rest = key[pos:s.end].lstrip(" ,")
        qualifier = cues["qualifier"].match(rest)
        rest = rest[qualifier.end():] if qualifier else rest
        if any(rest.startswith(p + " ") for p in cues["past"]) or rest.startswith(future) and not _starts_with(rest[len(future):], cues["actor"]):
            continue
        rest_pos = s.end - len(rest)
        skipped, modal = True, False
        while skipped:
            skipped = False
            for adv in cues["adverbs"]:
                if rest.startswith(adv + " ") or rest.startswith(adv + ", "):
                    rest = rest[len(adv):].lstrip(" ,")
                    skipped, modal = True, modal or adv in cues["modals"]
        if rest.startswith(future):
            rest = rest[len(future):]
        verb = _starts_with(rest, cues["actor"])
        if not verb and not modal:
            continue
        speaker = _speaker_before(key, inside, s.start, first.start, cues)
        return _actor_roles(normal, s, speaker, run, cues["actor"][verb] if verb else "implement", "actor-verb",
                            inside, cues)
    return None


def _actor_roles(normal, s, assigner, run, role, rule, inside, cues) -> MandateRecord:
    """Splits "Y chủ trì, phối hợp với Z" into lead Y and coordinator Z."""
    key = normal.key
    after = key[run[-1].end:s.end]
    leads: tuple[str, ...] = ()
    coordinators: tuple[str, ...] = ()
    plain = cues["role_preamble"].sub("", after)
    if plain.startswith(cues["lead_verb"]):
        role, leads = "lead", (run[0].iri,)
    elif plain.startswith(cues["coordinate_verb"]):
        return replace(_build(normal, s, assigner, tuple(dict.fromkeys(a.iri for a in run)), "coordinate",
                              run[-1].end, rule, cues, explicit=True))
    elif role == "lead":
        leads = tuple(a.iri for a in run)
    m = cues["coordinate_with"].search(after)
    if m and role != "coordinate":
        start = run[-1].end + m.end()
        coordinators = tuple(a.iri for a in _actor_run(key, inside, start, s.end, cues))
    rec = _build(normal, s, assigner, tuple(dict.fromkeys(a.iri for a in run)), role, run[-1].end, rule, cues,
                 explicit=True)
    return replace(rec, leads=leads, coordinators=coordinators)


def _actor_run(key: str, inside: list[Mention], start: int, end: int, cues: dict) -> list[Mention]:
    """Consecutive actor mentions from ``start`` ("A, B và C"), allowing "các", "cho" between them."""
    run, pos = [], start
    for a in sorted(inside, key=lambda m: m.start):
        if a.start < pos:
            continue
        gap = key[pos:a.start]
        if run and not cues["between"].fullmatch(gap):
            break
        if not run and not cues["run_before"].fullmatch(gap):
            break
        run.append(a)
        pos = a.end
    return run


def _speaker_before(key, inside, s_start, a_start, cues) -> str | None:
    """"Tổng Bí thư lưu ý ..., Hà Nội cần ...": the actor who speaks before the clause."""
    for a in inside:
        if s_start <= a.start and a.end <= a_start and cues["speech"].match(key[a.end:a.end + 12]):
            return a.iri
    return None


def _build(normal, s, assigner, assignees, role, task_from, rule, cues, *, explicit) -> MandateRecord:
    task = normal.text[task_from:s.end].strip(" ,:;.")
    task = cues["task_preamble"].sub("", task)
    return MandateRecord(start=s.start, end=s.end, assigner=assigner, assignees=assignees, leads=(),
                         coordinators=(), role=role, task=task or normal.text[s.start:s.end],
                         explicit=explicit, rule=rule, heading_path=())


def _record(normal, start, end, assigner, assignees, role, explicit, rule, block: Block) -> MandateRecord:
    text = normal.text[start:end]
    return MandateRecord(start=start, end=end, assigner=assigner, assignees=tuple(assignees), leads=(),
                         coordinators=(), role=role, task=text.strip(" .;:"), explicit=explicit, rule=rule,
                         heading_path=block.heading_path)


# ------------------------------------------------------------------ context
def _lead_in(seg: Segmented, block: Block, by_sentence, sentences_of: dict[int, list[int]]
             ) -> MandateRecord | None:
    """The mandate stated in the lead-in of ``block`` (or in the item that lead-in continues).
    ``sentences_of``: the indexes of each block's sentences, in order."""
    index = block.lead_in
    seen = set()
    while index is not None and index not in seen:
        seen.add(index)
        lead_block = seg.blocks[index]
        for n in sentences_of.get(index, ()):
            if n in by_sentence:
                return by_sentence[n]
        index = lead_block.continues if lead_block.continues is not None else lead_block.lead_in
    return None


def _is_task_context(normal: NormalText, seg: Segmented, block: Block, cues: dict) -> bool:
    if block.kind not in ("item", "paragraph", "heading"):
        return False
    section = _section(block, cues)
    return section if section is not None else block.lead_in is not None


def _section(block: Block, cues: dict) -> bool | None:
    """True under a task heading, False under a results or context heading, None under neither."""
    path = [normalise_phrase(h) for h in block.heading_path]
    if block.kind == "heading" and path:
        path = path[:-1]
    for h in reversed(path):                   # the deepest heading that says which it is decides
        if any(t in h for t in cues["task_headings"]):
            return True
        if any(n in h for n in cues["non_task"]):
            return False
    return None


def _section_title(heading: str, cues: dict) -> bool:
    """A heading that only names a task section ("TỔ CHỨC THỰC HIỆN") is no task, though it opens
    with a verb."""
    title = cues["heading_number"].sub("", heading).strip(" .:;-–\n")
    return title in cues["task_headings"]


def _imperative(key: str, s: Sentence, cues: dict) -> bool:
    text = _unframed(key[s.start:s.end], cues)
    return bool(_starts_with(text, {v: 1 for v in cues["imperative"]}))


def _lead_in_sentence(normal, s) -> bool:
    return normal.text[s.start:s.end].rstrip().endswith(":") and len(normal.text[s.start:s.end]) < 90


def _follow_on(key: str, s: Sentence, block: Block, cues: dict) -> bool:
    """"Đồng thời, tiếp tục ..." or a quoted paragraph of tasks ("“Tập trung ...”, X khẳng định")
    after a mandate carries on with the same actors."""
    text = key[s.start:s.end].lstrip("“\"")
    quoted = key.startswith(("“", '"'), block.start)
    framed = cues["follow_on"].match(text) is not None
    return (quoted or framed) and _imperative(key, Sentence(s.block, s.end - len(text), s.end), cues)


def _default_assignee(meta: DocumentMeta, actors: list[Mention], lexicon: Lexicon) -> str | None:
    """Whom a task without an actor falls to: the issuer, or the polity a news page is about."""
    if meta.issuer:
        return meta.issuer
    bodies = lexicon.bodies.by_iri
    polities = Counter(a.iri for a in actors if a.iri in bodies and bodies[a.iri].cls == "Polity")
    return polities.most_common(1)[0][0] if polities else None


def _starts_with(text: str, words) -> str | None:
    for w in sorted(words, key=len, reverse=True):
        if text.startswith(w) and not text[len(w):len(w) + 1].isalnum():
            return w
    return None


# ------------------------------------------------------------------ deadline, deliverable, basis
def _enrich(normal: NormalText, rec: MandateRecord, mentions: _Starts, cues: dict, lexicon: Lexicon
            ) -> MandateRecord:
    key = normal.key
    here = mentions.starting_in(rec.start, rec.end)
    docs = [m for m in here if m.kind == "document"]
    in_doc = lambda d: any(m.start <= d.start < m.end for m in docs)
    deadlines = [d for d in find_deadlines(key, lexicon, rec.start, rec.end) if not in_doc(d)]
    dated = [d for d in deadlines if d.deadline or d.start_date]
    due = [d for d in dated if not d.span]        # "hoàn thành ... trước ngày 20-6-2025" beats a run
    deadline = (due or dated or [None])[0]
    if deadline is None and any(d.recurring for d in deadlines):
        deadline = next(d for d in deadlines if d.recurring)
    elif deadline is not None and any(d.recurring for d in deadlines):
        deadline = replace(deadline, recurring=True)
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
