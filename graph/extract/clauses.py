"""Explicit mandates in one sentence: "X giao/yêu cầu Y ..." (rule assign) and "Y chủ trì/cần ..."
(rule actor-verb), with the lead and coordinators of "Y chủ trì, phối hợp với Z"."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

from graph.analyse.normalise import normalise_phrase
from graph.extract.cues import starts_with as _starts_with, unframed as _unframed
from graph.records import MandateRecord, Mention, NormalText, Sentence


class Starts:
    """Mentions indexed by start offset, for range look-ups by bisection."""

    def __init__(self, mentions) -> None:
        self.mentions = list(mentions)
        self.order = sorted(range(len(self.mentions)), key=lambda n: self.mentions[n].start)
        self.starts = [self.mentions[n].start for n in self.order]

    def starting_in(self, start: int, end: int) -> list[Mention]:
        """The mentions with ``start <= m.start < end``, in the order they were given (text order)."""
        found = self.order[bisect_left(self.starts, start):bisect_left(self.starts, end)]
        return [self.mentions[n] for n in sorted(found)]


def explicit(normal: NormalText, s: Sentence, actors: Starts, cues: dict) -> MandateRecord | None:
    key = normal.key
    inside = [a for a in actors.starting_in(s.start, s.end) if a.end <= s.end]
    at_start = _actor_verb(normal, s, inside, cues, subject_only=True)
    if at_start:
        return at_start
    sentence = key[s.start:s.end]
    for verb, role, verb_re in cues["assign_words"]:
        if verb not in sentence:
            continue                           # a substring test first: most sentences hold no such verb
        for m in verb_re.finditer(sentence):
            v_start, v_end = s.start + m.start(), s.start + m.end()
            if any(a.start <= v_start < a.end for a in inside) or key.endswith(cues["verb_in_name"], 0, v_start):
                continue                       # "Ban Chỉ đạo ...", "Phó Thủ tướng": a name, not the verb
            before = [a for a in inside if a.end <= v_start and cues["subject_gap"].fullmatch(key[a.end:v_start])]
            after = _actor_run(key, inside, v_end + (4 if key.startswith(" cho", v_end) else 0), cues)
            if role == "permit":
                after = _actor_run(key, inside, v_end, cues)
                if not after:
                    continue
            if not after and not before:
                if not any(ch.isalnum() for ch in key[v_end:s.end]):
                    continue                   # "**2. Yêu cầu**": a section's heading, the verb with no task
                if v_start == s.start or _unframed(key[s.start:v_start], cues) == "":
                    # "Quyết liệt chỉ đạo ...": no actor on either side, the issuer's own task
                    return _build(normal, s, None, (), role, v_end, "implicit", cues, explicit=False)
                continue
            subject = [a for a in inside if a.end <= v_start and (_unframed(key[s.start:a.start], cues) == ""
                                                                  or cues["post"].fullmatch(_unframed(key[s.start:a.start], cues)))]
            assigner = subject[0].iri if subject else (before[-1].iri if before else None)
            if assigner is None and verb in cues["chain"] and _unframed(key[s.start:v_start], cues) == "":
                # "+ Chỉ đạo các cơ quan ... chuẩn bị ...": no subject, so directing is the task of the
                # actor the item falls under (heading, addressees), not of those it directs; those it
                # directs, when named, have the task directed (rule chained, subject unknown here);
                # a group named only by its nouns ("các đơn vị liên quan") just says how it is done
                if any(a.rule != "collective" for a in after):
                    return _actor_roles(normal, s, None, after, role, "chained", inside, cues)
                return _build(normal, s, None, (), role, v_end, "implicit", cues, explicit=False)
            if not after:
                return _build(normal, s, assigner, (), role, v_end, "assign", cues, explicit=False)
            chained = verb in cues["chain"] and assigner is not None and assigner not in {x.iri for x in after}
            return _actor_roles(normal, s, assigner, after, role, "chained" if chained else "assign", inside, cues)
    return _actor_verb(normal, s, inside, cues)


def execution(normal: NormalText, s: Sentence, actors: Starts, cues: dict) -> MandateRecord | None:
    """"Chánh Văn phòng ..., Giám đốc Sở ... chịu trách nhiệm thi hành Quyết định này": the
    execution article, one mandate to every body named before the cue (rule execution)."""
    if not cues["execution_gate"].open(normal.key):
        return None                            # the cue's words are nowhere in the document
    m = cues["execution"].search(normal.key, s.start, s.end)
    if m is None:
        return None
    named = tuple(dict.fromkeys(a.iri for a in actors.starting_in(s.start, m.start())))
    return _build(normal, s, None, named, "implement", s.start, "execution", cues, explicit=bool(named))


def approval(normal: NormalText, s: Sentence, actors: Starts, cues: dict) -> MandateRecord | None:
    """"Thống nhất với đề xuất, kiến nghị của Bộ Tài chính, ...": the approval of the bodies' proposal
    (role approve, rule approval), from the cue on."""
    if not cues["approval_gate"].open(normal.key):
        return None                            # the cue's words are nowhere in the document
    m = cues["approval"].search(normal.key[s.start:s.end])
    if m is None:
        return None
    start = s.start + m.start(1)
    inside = [a for a in actors.starting_in(start, s.end) if a.end <= s.end]
    run = _actor_run(normal.key, inside, inside[0].start, cues) if inside else []
    named = tuple(dict.fromkeys(a.iri for a in run))     # the proposers: the first run of bodies
    rec = _build(normal, Sentence(s.block, start, s.end), None, named, "approve", start, "approval", cues,
                 explicit=bool(named))
    return replace(rec, task=normal.text[start:s.end].strip(" .;"))


def task_role(task: str, role: str, cues: dict) -> str:
    """The role a task's own opening verbs give ("Chủ trì tổ chức ...", "Làm đầu mối ...": lead;
    "Theo dõi, đôn đốc ...", "Chỉ đạo, kiểm tra, giám sát ...": monitor), after its framing ("Theo
    chức năng nhiệm vụ đôn đốc ..."); else ``role`` (the heading's or the assigning verb's)."""
    text = cues["task_preamble"].sub("", _unframed(cues["heading_number"].sub("", normalise_phrase(task)), cues))
    verbs = [_starts_with(chunk, cues["actor"]) for chunk in text.split(", ")[:2]]
    roles = [cues["actor"][v] if v else None for v in verbs]
    if roles and roles[0] in ("lead", "monitor"):
        return roles[0]
    if len(roles) == 2 and roles[0] == "implement" and roles[1] == "monitor" and verbs[0] in cues["chain"]:
        return "monitor"                       # "Chỉ đạo, đôn đốc ...": directing is the monitoring
    return role


def subject_clause(normal: NormalText, s: Sentence, actors: Starts, cues: dict) -> MandateRecord | None:
    """In a task section or under a lead-in ("Phó Thủ tướng ... có ý kiến như sau:"), a clause whose
    subject is an actor states that actor's task whatever its verb ("Bộ Xây dựng làm việc với ...")."""
    inside = [a for a in actors.starting_in(s.start, s.end) if a.end <= s.end]
    rec = _actor_verb(normal, s, inside, cues, subject_only=True, any_verb=True)
    return replace(rec, rule="subject") if rec else None


def _actor_verb(normal: NormalText, s: Sentence, inside: list[Mention], cues: dict, *,
                subject_only: bool = False, any_verb: bool = False) -> MandateRecord | None:
    """An actor (or list of actors) followed, after adverbs, by a verb that gives it a role."""
    key = normal.key
    future = cues["future"]
    for first in inside:
        run = _actor_run(key, inside, first.start, cues)
        if not run:
            continue
        prefix = key[s.start:first.start]
        if prefix and not cues["framing"].fullmatch(prefix) and not cues["post"].fullmatch(_unframed(prefix, cues)) \
                and (subject_only or not _speaker_before(key, inside, s.start, first.start, cues)):
            continue
        pos = run[-1].end
        rest = key[pos:s.end].lstrip(" ,:")      # "3. Bộ Xây dựng: chỉ đạo ...": the actor labels its task
        qualifier = cues["qualifier"].match(rest)
        rest = rest[qualifier.end():] if qualifier else rest
        if any(rest.startswith(p + " ") for p in cues["past"]) or rest.startswith(future) and not _starts_with(rest[len(future):], cues["actor"]):
            continue
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
        task_verb = verb or _starts_with(rest, cues["imperative_set"])    # "UBND các tỉnh ... đẩy nhanh ..."
        if not task_verb and not modal and not (any_verb and rest[:1].isalpha()):
            continue
        if verb in cues["chain"] and _actor_run(key, inside, s.end - len(rest) + len(verb), cues):
            return None                        # "Bộ X chỉ đạo Y ...": a chained instruction (explicit's assign loop)
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
        # "Y phối hợp chặt chẽ với Z thực hiện ...": Y does the task with Z (implement, coordinators Z);
        # "Y phối hợp với Z." alone: Y's task is to coordinate
        m = cues["coordinate_with"].search(after)
        partners = _actor_run(key, inside, run[-1].end + m.end(), cues) if m else []
        rest = key[partners[-1].end:s.end].strip(" ,.;") if partners else ""
        own_task = len(rest.split()) >= 2 and rest not in cues["coordinate_only"]
        rec = _build(normal, s, assigner, tuple(dict.fromkeys(a.iri for a in run)),
                     "implement" if own_task else "coordinate", run[-1].end, rule, cues, explicit=True)
        return replace(rec, coordinators=tuple(a.iri for a in partners) if own_task else ())
    elif role == "lead":
        leads = tuple(a.iri for a in run)
    m = cues["coordinate_with"].search(after)
    if m and role != "coordinate":
        start = run[-1].end + m.end()
        coordinators = tuple(a.iri for a in _actor_run(key, inside, start, cues))
    rec = _build(normal, s, assigner, tuple(dict.fromkeys(a.iri for a in run)), role, run[-1].end, rule, cues,
                 explicit=True)
    return replace(rec, leads=leads, coordinators=coordinators)


def _actor_run(key: str, inside: list[Mention], start: int, cues: dict) -> list[Mention]:
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


