"""The endpoint's HTML page at /sparql: a form, the library queries to pick from, the answer shown
in the page as a table (or the graph as Turtle) with links to download it in every format, and a
link to the term documentation. Plain HTML, no script, no request elsewhere (a CSP says so); every
value from the graph or the query is escaped."""
from __future__ import annotations

import json
from html import escape
from urllib.parse import urlencode

from graph.query.store import library

CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'"
SELECT_DOWNLOADS = ("json", "xml", "csv", "tsv")
GRAPH_DOWNLOADS = ("turtle", "ntriples", "jsonld")
DEFAULT_QUERY = "SELECT * WHERE { ?s ?p ?o } LIMIT 10"
_STYLE = ("body{font:14px/1.4 system-ui,sans-serif;margin:1.5em}textarea{width:100%;font:13px monospace}"
          "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:2px 6px;"
          "vertical-align:top;text-align:left}th{background:#eee}nav li{margin:.15em 0}.error{color:#a00}"
          "pre{background:#f6f6f6;padding:.5em;overflow:auto}.muted{color:#666}")


def page(query: str = "", *, picked: str | None = None, answer: str = "") -> bytes:
    """The whole page: the form holding ``query`` (or the library query ``picked``) and ``answer``,
    an HTML fragment made by ``table``, ``graph`` or ``error``."""
    queries = library()
    chosen = next((q for q in queries if q.name == picked), None)
    text = chosen.text if chosen else (query or DEFAULT_QUERY)
    items = "".join(f'<li><a href="/sparql?{urlencode({"library": q.name})}">{escape(q.name)}</a> '
                    f'<span class="muted">{escape(q.question_en)}</span></li>' for q in queries)
    question = f"<p><b>{escape(chosen.name)}</b>: {escape(chosen.question_en)}</p>" if chosen else ""
    body = f"""<!doctype html><html lang="en"><meta charset="utf-8"><title>mandate-graph SPARQL</title>
<style>{_STYLE}</style>
<h1>mandate-graph SPARQL endpoint</h1><p>Read-only SPARQL 1.1 Protocol: GET or POST a <code>query</code>.
The default graph is the union of the documents' named graphs.
<a href="/docs/index.html">Term documentation</a> · <a href="/">Network views</a> · <a href="/void.ttl">void.ttl</a></p>
{question}<form method="get" action="/sparql"><textarea name="query" rows="16">{escape(text)}</textarea>
<input type="hidden" name="view" value="page"><br><button>Run</button></form>
{answer}
<h2>Library queries</h2><nav><ul>{items}</ul></nav></html>
"""
    return body.encode("utf-8")


def downloads(query: str, formats) -> str:
    links = " ".join(f'<a href="/sparql?{escape(urlencode({"query": query, "download": f}))}">{f}</a>'
                     for f in formats)
    return f"<p>Download: {links}</p>"


def _cell(term: dict | None) -> str:
    if term is None:
        return "<td></td>"
    value = term["value"]
    if term["type"] == "uri":
        return f'<td><a href="{escape(value)}">{escape(value)}</a></td>' if value.startswith(("http://", "https://")) \
            else f"<td>{escape(value)}</td>"
    if term["type"] == "bnode":
        return f"<td>_:{escape(value)}</td>"
    return f"<td>{escape(value)}</td>"


def table(query: str, body: bytes, truncated: str | None = None) -> str:
    """An HTML table of a SPARQL JSON answer (SELECT or ASK)."""
    data = json.loads(body)
    if "boolean" in data:
        return f"<h2>Answer</h2><p>{'true' if data['boolean'] else 'false'}</p>" + downloads(query, SELECT_DOWNLOADS)
    names = data["head"]["vars"]
    rows = data["results"]["bindings"]
    head = "".join(f"<th>{escape(v)}</th>" for v in names)
    lines = "".join("<tr>" + "".join(_cell(b.get(v)) for v in names) + "</tr>" for b in rows)
    cut = f' <span class="error">(cut at {escape(truncated)})</span>' if truncated else ""
    return (f"<h2>Answer: {len(rows)} rows{cut}</h2>" + downloads(query, SELECT_DOWNLOADS)
            + f"<table><tr>{head}</tr>{lines}</table>")


def graph(query: str, body: bytes) -> str:
    return ("<h2>Answer (Turtle)</h2>" + downloads(query, GRAPH_DOWNLOADS)
            + f"<pre>{escape(body.decode('utf-8', 'replace'))}</pre>")


def error(status: int, body: bytes) -> str:
    return f'<h2 class="error">Error {status}</h2><pre>{escape(body.decode("utf-8", "replace"))}</pre>'
