"""`build.py assigned NAME`: what an actor is assigned, by whom, by when, with the words: the
library query queries/assigned.rq with the actor named as an analyst would name it, printed as a
readable report (text), a table, CSV, TSV, SPARQL JSON or a small self-contained HTML page."""
from __future__ import annotations

import html
import re
from pathlib import Path

from graph.query import results
from graph.query.run import _table, select

FORMATS = ("text", "table", "csv", "tsv", "json", "html")


def assigned(actor: str, *, out: Path, fmt: str = "text", sub_bodies: bool = False,
             explicit_only: bool = False, width: int | None = None, log=None) -> str:
    result, text = select("assigned", out=out, params={"actor": actor, "subBodies": str(sub_bodies).lower()},
                          log=log)
    t = results.table(result, query=text)
    if explicit_only:
        i = t.variables.index("stated")
        t = results.Table(t.variables, tuple(r for r in t.rows if r[i] is not None and r[i].value == "explicit"))
    text = results.select_text(t, fmt)
    if text is not None:
        return text
    rows = [{v: results.csv_value(c) for v, c in zip(t.variables, r)} for r in t.rows]
    if fmt == "table":
        return _table(list(t.variables), [list(r.values()) for r in rows], width=width)
    if fmt == "html":
        return page(actor, rows)
    return _text(rows)


def _short(iri: str) -> str:
    return iri.split("/id/", 1)[-1]


def _deadline(r: dict) -> str:
    if not r["deadlineText"] and not r["deadline"]:
        return "none stated"
    return " ".join(x for x in (f"“{r['deadlineText']}”" if r["deadlineText"] else "",
                                f"({r['deadline']})" if r["deadline"] else "") if x)


def _text(rows: list[dict]) -> str:
    """One block per mandate; the mandate's short IRI is whole, ready for `query evidence-of --param fact=...`."""
    out = []
    for n, r in enumerate(rows, 1):
        doc = ", ".join(x for x in (r["number"], r["issued"]) if x)
        out += [f"{n}. [{r['stated']}] {r['holder']}, {r['as']} ({r['role']}), assigned by {r['assigner'] or '?'}",
                f"   task:        {_one_line(r['task'])}",
                f"   deadline:    {_deadline(r)}"]
        if r["deliverable"]:
            out.append(f"   deliverable: {_one_line(r['deliverable'])}")
        out += [f"   document:    {_one_line(r['document'])}" + (f" ({doc})" if doc else ""),
                f"   quote:       “{_one_line(r['quote'])}”",
                f"   source:      {r['file']} [{r['start']}:{r['end']}]",
                f"   mandate:     {_short(r['mandate'])}", ""]
    explicit = sum(r["stated"] == "explicit" for r in rows)
    out.append(f"({len(rows)} mandates: {explicit} explicit, {len(rows) - explicit} implicit)")
    return "\n".join(out) + "\n"


def _one_line(s: str) -> str:
    return re.sub(r"\s+", " ", s or "").strip()


_STYLE = ("body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;max-width:70em}"
          "article{border-top:1px solid #ccc;padding:.5em 0}.implicit{color:#555}"
          "blockquote{margin:.3em 0 .3em 1em;padding-left:.6em;border-left:3px solid #99c}"
          "dt{font-weight:600;float:left;width:7em}dd{margin-left:7.5em}.tag{font-size:85%;padding:0 .4em;"
          "border:1px solid #888;border-radius:3px}")


def page(actor: str, rows: list[dict]) -> str:
    """A self-contained HTML report: no script, no request (a CSP says so), every value escaped."""
    e = lambda s: html.escape(_one_line(s))
    explicit = sum(r["stated"] == "explicit" for r in rows)
    parts = ['<!doctype html><html lang="vi"><meta charset="utf-8">',
             "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
             f"<title>Assigned: {e(actor)}</title><style>{_STYLE}</style>",
             f"<h1>What is {e(actor)} assigned?</h1>"
             + (f"<p>Holders: {e(', '.join(sorted({r['holder'] for r in rows})))}</p>" if len({r['holder'] for r in rows}) > 1 else ""),
             f"<p>{len(rows)} mandates: {explicit} explicit (the text names the actor), "
             f"{len(rows) - explicit} implicit (the actor is only implied, e.g. the issuer of its own report).</p>"]
    for n, r in enumerate(rows, 1):
        doc = ", ".join(x for x in (r["number"], r["issued"]) if x)
        parts.append(
            f'<article class="{e(r["stated"])}"><h3>{n}. <span class="tag">{e(r["stated"])}</span> '
            f'{e(r["holder"])}: {e(r["as"])} ({e(r["role"])})</h3><dl>'
            f'<dt>assigned by</dt><dd>{e(r["assigner"] or "?")}</dd>'
            f'<dt>task</dt><dd>{e(r["task"])}</dd>'
            f'<dt>deadline</dt><dd>{e(_deadline(r))}</dd>'
            + (f'<dt>deliverable</dt><dd>{e(r["deliverable"])}</dd>' if r["deliverable"] else "")
            + f'<dt>document</dt><dd>{e(r["document"])}{" (" + e(doc) + ")" if doc else ""}</dd>'
            f'<dt>source</dt><dd>{e(r["file"])} [{e(r["start"])}:{e(r["end"])}]</dd>'
            f'<dt>mandate</dt><dd><code>{e(r["mandate"])}</code></dd></dl>'
            f'<blockquote>{e(r["quote"])}</blockquote></article>')
    parts.append("</html>\n")
    return "\n".join(parts)
