"""The table beside every network: one row per mandate, with the fields a reviewer reads (assigner,
assignees, role, task, deadline, document, quote) and the actors it links, so the page can select
the row's nodes and find a node's rows."""
from __future__ import annotations

from graph.vocab import MG

from .styles import WORDS


def mandate_row(r, m) -> dict:
    """A mandate as a table row; ``r`` is the model's Reader (labels, evidence)."""
    g = r.g
    role = str(g.value(m, MG.role) or "").rsplit("-", 1)[-1] or "implement"
    leads = set(g.objects(m, MG.lead))
    assigners = sorted(g.objects(m, MG.assigner))
    assignees = sorted(g.objects(m, MG.assignee))
    coordinators = sorted(g.objects(m, MG.coordinator))
    evidence, _ = r.evidence(m)
    first = evidence[0] if evidence else {"quote": "", "file": "", "start": 0}
    doc = g.value(m, MG.statedIn)

    def names(actors, mark=()):
        return "; ".join(r.label(a) + (WORDS["lead_mark"] if a in mark and len(actors) > 1 else "") for a in actors)

    return {"iri": str(m), "task": r.label(m), "role": role,
            "assigner": names(assigners), "assignee": names(assignees, leads), "coordinator": names(coordinators),
            "deadline": str(g.value(m, MG.deadline) or g.value(m, MG.deadlineText) or ""),
            "document": r.label(doc) if doc is not None else "", "facets": int(g.value(m, MG.facetCount) or 0),
            "quote": first["quote"], "file": first["file"], "start": first["start"],
            "actors": sorted({str(a) for a in assigners + assignees + coordinators})}
