"""Where each node goes, as columns and an order within each column; the page measures the label
boxes (with the browser's fonts, which Python cannot know) and stacks each column so that no two
boxes meet, before the network is drawn once (assets/layout.js).

Columns: documents, then assigners, then tasks and targets, then assignees and coordinators, then
projects. In an actor network (tasks folded into weighted edges) actors that only assign come first,
those that assign and are assigned next, those only assigned last. Tasks keep the order of the text;
the other columns follow the mean position of their neighbours, so that edges cross little."""
from __future__ import annotations

from collections import defaultdict

GIVES = {"assigns"}                   # an actor at the source of one of these assigns


def columns(view) -> dict[str, tuple[int, int]]:
    """(column, rank) of every node of the view; columns are numbered without gaps."""
    out_kinds, in_kinds, nbrs = defaultdict(set), defaultdict(set), defaultdict(set)
    for e in view.edges:
        out_kinds[e.source].add(e.kind)
        in_kinds[e.target].add(e.kind)
        nbrs[e.source].add(e.target)
        nbrs[e.target].add(e.source)
    has_tasks = any(n.cls in ("Mandate", "Target") for n in view.nodes)
    col = {}
    for n in view.nodes:
        if n.cls == "Document":
            col[n.iri] = 0
        elif n.cls in ("Mandate", "Target"):
            col[n.iri] = 2
        elif n.cls == "Project":
            col[n.iri] = 4
        elif has_tasks:
            col[n.iri] = 1 if out_kinds[n.iri] & GIVES else 3
        else:                          # actor network: edges "mandates" go from assigner to assignee
            gives, takes = "mandates" in out_kinds[n.iri], "mandates" in in_kinds[n.iri]
            col[n.iri] = 1 if gives and not takes else 2 if gives else 3
    used = sorted(set(col.values()))
    col = {k: used.index(c) for k, c in col.items()}
    # order: tasks by their place in the text; others by the mean rank of their neighbours
    by = {n.iri: n for n in view.nodes}
    weight = defaultdict(int)
    for e in view.edges:
        weight[e.source] += e.weight
        weight[e.target] += e.weight

    def text_key(n):
        ev = n.evidence[0] if n.evidence else {"file": "", "start": 0}
        return (ev["file"], ev["start"], n.iri)

    rank: dict[str, int] = {}
    groups = defaultdict(list)
    for k, c in col.items():
        groups[c].append(k)
    if not groups:
        return {}
    anchor = max(groups, key=lambda c: (sum(by[k].cls in ("Mandate", "Target") for k in groups[c]), len(groups[c]), -c))
    first = sorted(groups[anchor], key=lambda k: (by[k].cls not in ("Mandate", "Target"),) + text_key(by[k])
                   if by[k].cls in ("Mandate", "Target") else (True, -weight[k], by[k].vi, k))
    rank.update({k: i for i, k in enumerate(first)})
    for c in sorted(groups, key=lambda c: abs(c - anchor)):
        if c == anchor:
            continue
        def bary(k):
            known = [rank[x] for x in nbrs[k] if x in rank]
            return sum(known) / len(known) if known else float("inf")
        order = sorted(groups[c], key=lambda k: (bary(k), -weight[k], by[k].vi, k))
        rank.update({k: i for i, k in enumerate(order)})
    return {k: (col[k], rank[k]) for k in col}


def main_labels(view, keep: int) -> set[str]:
    """The ``keep`` nodes with the most mandates (edge weight), whose labels an actor network draws."""
    weight = defaultdict(int)
    for e in view.edges:
        weight[e.source] += e.weight
        weight[e.target] += e.weight
    ranked = sorted(view.nodes, key=lambda n: (-weight[n.iri], n.iri))
    return {n.iri for n in ranked[:keep]} | ({view.subject} if view.subject else set())


def wrap(text: str, width: int, lines: int) -> str:
    """Text broken at spaces into at most ``lines`` lines of about ``width`` characters, cut with '…'."""
    words, out, line = text.split(), [], ""
    for w in words:
        if len(w) > width:
            w = w[:width - 1] + "…"
        if line and len(line) + 1 + len(w) > width:
            out.append(line)
            line = w
            if len(out) == lines:
                break
        else:
            line = f"{line} {w}" if line else w
    else:
        if line:
            out.append(line)
        return "\n".join(out)
    last = out[-1]
    out[-1] = (last if len(last) < width else last[:width - 1].rstrip()) + "…"
    return "\n".join(out)
