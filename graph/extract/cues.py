"""The cues of cues.yaml as the mandate rules use them: matching keys sorted longest first,
regular expressions compiled (cached on the lexicon)."""
from __future__ import annotations

import re

from graph.analyse.normalise import normalise_phrase
from graph.analyse.prefilter import Gate, union
from graph.lexicon import Lexicon


def compile_cues(lexicon: Lexicon) -> dict:
    """cues.yaml as the mandate rules use it: matching keys sorted longest first, regexes compiled."""
    c = lexicon.cues
    norm = lambda xs: tuple(sorted((normalise_phrase(x) for x in xs), key=len, reverse=True))
    assign = {normalise_phrase(k): v for k, v in c.assign_verbs.items()}
    outline = tuple((re.compile(r"(?:%s)" % p), float(r)) for p, r in
                    (*c.outline_ranks, *lexicon.layout.heading_levels, *lexicon.layout.item_levels))
    return {
        "assign": assign,
        # each assigning verb as a whole word, compiled once (not per sentence), in the file's order
        "assign_words": tuple((verb, role, re.compile(r"(?<!\w)%s(?!\w)" % re.escape(verb)))
                              for verb, role in assign.items()),
        "actor": {normalise_phrase(k): v for k, v in c.actor_verbs.items()},
        "adverbs": norm(c.adverbs), "imperative": norm(c.imperative_verbs),
        "imperative_set": {v: 1 for v in norm(c.imperative_verbs)},
        "statement": norm(c.statement_markers),
        "task_headings": norm(c.task_headings), "non_task": norm(c.non_task_headings),
        "past": norm(c.past_markers), "deliverables": norm(c.deliverables),
        "recurring": norm(c.recurring), "legal": norm(c.legal_basis), "dependency": norm(c.dependency),
        "modals": norm(c.modals), "chain": norm(c.chain_verbs),
        "verb_in_name": tuple(w + " " for w in norm(c.verb_in_name_after)),
        "qualifier": re.compile(r"(?:(?:%s)[ ,]*)+" % "|".join(c.actor_qualifiers)),
        "framing": re.compile(r"^(?:(?:%s), |(?:%s) )+" % ("|".join(c.framing), "|".join(c.openers))),
        "speech": re.compile(r" (?:%s)" % "|".join(map(re.escape, norm(c.speech_verbs)))),
        "future": c.future_marker + " ", "post": re.compile(c.post_before_body),
        "subject_gap": re.compile(c.subject_gap), "between": re.compile(r"(?:%s)(?:%s)?" % (c.actor_between, c.post_before_body)),
        "run_before": re.compile(r"(?:%s)(?:%s)?" % (c.actor_before, c.post_before_body)), "role_preamble": re.compile(c.role_preamble),
        "lead_verb": c.lead_verb, "coordinate_verb": c.coordinate_verb,
        "coordinate_with": re.compile(c.coordinate_with),
        "coordinate_only": norm(c.coordinate_only), "task_preamble": re.compile(c.task_preamble),
        "follow_on": re.compile(c.follow_on), "heading_number": re.compile(c.heading_number),
        "outline": outline,
        "outline_any": union(p for p, _ in outline),     # one match says whether a text opens with a marker
        "markup": re.compile(c.markup), "heading_number_re": re.compile(c.heading_number, re.I),
        "heading_tail": re.compile(c.actor_heading_tail), "lead_heading_tail": re.compile(c.lead_heading_tail), "inline_item": re.compile(c.inline_item),
        "inline_item_gate": Gate(re.compile(c.inline_item), min_length=2),   # its "**": absent from most texts
        "execution": re.compile(c.execution), "enacting": re.compile(c.enacting), "lead_in_only": re.compile(c.lead_in_only),
        "closing": re.compile(c.closing), "approval": re.compile(c.approval),
        # whether a document can hold the cue at all (its literal words), tested once per document
        "execution_gate": Gate(re.compile(c.execution)), "approval_gate": Gate(re.compile(c.approval)),
        "clause_split": re.compile(c.clause_split), "deadline_only": re.compile(c.deadline_only),
        "topic_title": re.compile(c.topic_title), "addressee_lead": re.compile(c.addressee_lead),
        "addressee_item": re.compile(c.addressee_item), "title_types": norm(c.title_types),
        "document_start": re.compile(c.document_start, re.M), "publisher_types": tuple(c.publisher_types),
        "list_opener": re.compile(c.list_opener), "restatement": re.compile(c.restatement),
        "heading_verbs": tuple(sorted(((normalise_phrase(k), v) for k, v in c.heading_verbs.items()),
                                      key=lambda kv: len(kv[0]), reverse=True)),
        "deliverable": [re.compile(r"(?<!\w)%s (?!%s)([^,;.]{3,80})" % (cue, "|".join(map(re.escape, c.deliverable_not))))
                        for cue in norm(c.deliverables)],
    }


def unframed(text: str, cues: dict) -> str:
    """The clause without its framing words ("Trong đó, ", "Đồng thời, ")."""
    return cues["framing"].sub("", text)


def starts_with(text: str, words) -> str | None:
    if not text.startswith(tuple(words)):
        return None                            # one test in C: most texts start with none of them
    for w in sorted(words, key=len, reverse=True):
        if text.startswith(w) and not text[len(w):len(w) + 1].isalnum():
            return w
    return None


