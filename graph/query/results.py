"""SPARQL results in the W3C formats (JSON, XML, CSV, TSV) and graphs in Turtle, N-Triples and
JSON-LD, cut at a row limit. Written here rather than by pyoxigraph's serializer because the
endpoint must stop at its result-size limit and say so."""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from graph.publish.outputs import OUTPUTS
from graph.query import guard

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

SELECT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
# CONSTRUCT/DESCRIBE answers: the syntaxes of the published files that offer them ("turtle", ...)
GRAPH_FORMATS = {o.answers: o for o in OUTPUTS if o.answers}


@dataclass(frozen=True)
class Table:
    """A SELECT result, materialised up to the limit."""
    variables: tuple[str, ...]
    rows: tuple[tuple, ...]        # pyoxigraph terms or None
    truncated: bool = False


def kind(result) -> str:
    """'select', 'ask' or 'graph' for a pyoxigraph query result."""
    if isinstance(result, ox.QueryBoolean):
        return "ask"
    if isinstance(result, ox.QuerySolutions):
        return "select"
    return "graph"


def table(result: ox.QuerySolutions, *, limit: int | None = None, query: str | None = None) -> Table:
    """The rows of a SELECT; given the ``query`` text, a ``SELECT *`` keeps the query's order of
    variables (pyoxigraph sorts them by name)."""
    names = tuple(v.value for v in result.variables)
    variables = star_order(query, names) if query else names
    by_name = {v.value: v for v in result.variables}
    rows, truncated = [], False
    for solution in result:
        if limit is not None and len(rows) >= limit:
            truncated = True
            break
        rows.append(tuple(solution[by_name[v]] for v in variables))
    return Table(variables, tuple(rows), truncated)


_STAR = re.compile(r"\bSELECT\s+(?:(?:DISTINCT|REDUCED)\s+)?\*", re.IGNORECASE)


def star_order(query: str, variables: tuple[str, ...]) -> tuple[str, ...]:
    """``variables`` in the order they first appear in the query, if it is a ``SELECT *``
    (in the order of the projection otherwise: as given)."""
    code = guard.mask(query)
    first = re.search(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", code, re.IGNORECASE)
    if not first or not _STAR.match(code, first.start()):
        return variables
    seen = []
    for m in re.finditer(r"[?$]([A-Za-z_0-9\u00B7-\uFFFF]+)", code[first.start():]):
        if m.group(1) in variables and m.group(1) not in seen:
            seen.append(m.group(1))
    return tuple(seen) + tuple(v for v in variables if v not in seen)


def triples(result, *, limit: int | None = None) -> tuple[list, bool]:
    out = []
    for t in result:
        if limit is not None and len(out) >= limit:
            return out, True
        out.append(t)
    return out, False


# ------------------------------------------------------------------ SELECT / ASK
def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def select_json(t: Table) -> bytes:
    bindings = [{v: _json_term(term) for v, term in zip(t.variables, row) if term is not None} for row in t.rows]
    return json.dumps({"head": {"vars": list(t.variables)}, "results": {"bindings": bindings}},
                      ensure_ascii=False, indent=1).encode("utf-8")


def select_xml(t: Table) -> bytes:
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    out += [f"<variable name={quoteattr(v)}/>" for v in t.variables]
    out += ["</head>", "<results>"]
    for row in t.rows:
        out.append("<result>")
        for v, term in zip(t.variables, row):
            if term is None:
                continue
            if isinstance(term, ox.NamedNode):
                value = f"<uri>{escape(term.value)}</uri>"
            elif isinstance(term, ox.BlankNode):
                value = f"<bnode>{escape(term.value)}</bnode>"
            elif term.language:
                value = f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
            elif term.datatype.value != XSD_STRING:
                value = f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
            else:
                value = f"<literal>{escape(term.value)}</literal>"
            out.append(f"<binding name={quoteattr(v)}>{value}</binding>")
        out.append("</result>")
    out += ["</results>", "</sparql>"]
    return ("\n".join(out) + "\n").encode("utf-8")


def csv_value(term) -> str:
    """A term as SPARQL 1.1 CSV writes it: IRIs and literals as their plain value, blank nodes
    as ``_:`` and a label, unbound as the empty string."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def select_csv(t: Table) -> bytes:
    """SPARQL 1.1 CSV: plain values, blank nodes as ``_:label``, CRLF line ends."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(t.variables)
    w.writerows([[csv_value(term) for term in row] for row in t.rows])
    return buf.getvalue().encode("utf-8")


def select_tsv(t: Table) -> bytes:
    """SPARQL 1.1 TSV: terms in their Turtle/N-Triples form, variables with '?'."""
    lines = ["\t".join(f"?{v}" for v in t.variables)]
    lines += ["\t".join("" if term is None else str(term) for term in row) for row in t.rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def ask(value: bool, fmt: str) -> bytes:
    if fmt == "xml":
        return (f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n").encode()
    if fmt in ("csv", "tsv"):
        return f"_askResult\n{'true' if value else 'false'}\n".encode()
    return json.dumps({"head": {}, "boolean": bool(value)}).encode()


SELECT_WRITERS = {"json": select_json, "xml": select_xml, "csv": select_csv, "tsv": select_tsv}


def graph(ts: list, fmt: str) -> bytes:
    from graph.vocab import PREFIXES
    prefixes = {k: str(v) for k, v in PREFIXES.items()} if fmt == "turtle" else None
    return ox.serialize(ts, format=GRAPH_FORMATS[fmt].syntax, prefixes=prefixes)


def select_text(t: Table, fmt: str) -> str | None:
    """A table in a text format of SPARQL results (json, csv with the terminal's line ends, tsv);
    None for any other format, which the caller renders itself."""
    if fmt == "json":
        return select_json(t).decode("utf-8") + "\n"
    if fmt == "csv":
        return select_csv(t).decode("utf-8").replace("\r\n", "\n")
    if fmt == "tsv":
        return select_tsv(t).decode("utf-8")
    return None
