"""The "6 rõ" of a mandate: which accountability facets it meets.

The facets are the concepts of the ontology's scheme mg:facets (ontology/schemes.ttl), named by
their notation; each has one rule here, over what extraction found. A facet the scheme has and no
rule decides (or the reverse) stops the build, naming it.
"""
from __future__ import annotations

from typing import Callable

from graph.ontology import scheme_members
from graph.records import Facet, MandateRecord

_ANSWERABLE_ROLES = ("lead", "coordinate", "monitor")     # mg:roles whose holder answers for the task

_RULES: dict[str, Callable[[MandateRecord], bool]] = {
    # rõ người: the text names who is to act
    "who": lambda r: bool(r.assignees) and r.explicit,
    # rõ việc: it states what is to be done
    "what": lambda r: bool(r.task),
    # rõ thời gian: a date it is due by, or a recurrence ("hằng năm")
    "when": lambda r: r.deadline is not None and bool(r.deadline.deadline or r.deadline.recurring),
    # rõ trách nhiệm: who leads is clear (a lead, a role that says it, or one named assignee)
    "responsibility": lambda r: (bool(r.leads) or r.role in _ANSWERABLE_ROLES
                                 or len(r.assignees) == 1 and r.explicit),
    # rõ sản phẩm: the product expected
    "deliverable": lambda r: bool(r.deliverable),
    # rõ thẩm quyền: who gives the task, or on what legal basis
    "authority": lambda r: bool(r.assigner or r.legal_basis),
}


def facets(rec: MandateRecord) -> tuple[Facet, ...]:
    """Every facet of mg:facets, in the scheme's order, met by ``rec`` or not."""
    return tuple(Facet(name, _RULES[name](rec)) for name in facet_names())


def facet_names() -> tuple[str, ...]:
    """The notations of mg:facets; each must have its rule, and each rule its facet."""
    names = tuple(scheme_members("facets"))
    if set(names) != set(_RULES):
        unruled, unknown = sorted(set(names) - set(_RULES)), sorted(set(_RULES) - set(names))
        raise ValueError(f"mg:facets and graph/extract/facets.py disagree: no rule for {unruled or 'none'}, "
                         f"no facet in the scheme for {unknown or 'none'}")
    return names
