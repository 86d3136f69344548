"""The query side: the built dataset in pyoxigraph, the library of named queries, and their
parameters.

A library query declares a parameter as a one-variable VALUES clause holding its default,
``VALUES ?asof { "2026-01-01"^^xsd:date }``, so every .rq file is plain SPARQL that runs as it is
in any client; ``--param asof=2025-06-30`` replaces the value, typed like the default.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyoxigraph as ox

from graph.data import published_words
from graph.query import guard
from graph.resources import shared
from graph.vocab import MGID, PREFIXES

ONTOLOGY_GRAPH = ox.NamedNode("https://w3id.org/mandate-graph/ontology")
QUERIES = shared("queries")
_VALUES = re.compile(r"VALUES\s+\?(\w+)\s*\{\s*([^{}]*?)\s*\}", re.IGNORECASE)
_PREFIXED = re.compile(r"^([A-Za-z][\w-]*)?:[^\s<>\"]*$")


class QueryError(Exception):
    """A problem the analyst can fix; ``status`` is the exit status of the command."""

    def __init__(self, message: str, status: int = 2):
        super().__init__(message)
        self.status = status


def load_store(out: Path) -> ox.Store:
    """An in-memory store of ``out``/graph.trig: one named graph per document; queries see the union."""
    path = Path(out) / "graph.trig"
    if not path.exists():
        raise QueryError(f"{path}: no built graph; run `python build.py` first", 1)
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.TRIG)
    onto = Path(out) / "ontology" / "mandate-graph.nt"
    if onto.exists():       # labels of roles, kinds and facets; the class hierarchy
        store.bulk_load(path=str(onto), format=ox.RdfFormat.N_TRIPLES, to_graph=ONTOLOGY_GRAPH)
    return store


def execute(store: ox.Store, text: str, *, allow_service=()):
    """Run a SPARQL query with the default graph as the union of the named graphs, after the
    checks of graph.query.guard (size, nesting, no update, no SERVICE outside ``allow_service``)."""
    try:
        guard.check(text, allow_service=allow_service)
    except guard.Refused as exc:
        raise QueryError(str(exc)) from None
    try:
        return store.query(text, use_default_graph_as_union=True)
    except SyntaxError:
        raise QueryError(f"malformed query: {syntax_error(store, text)}") from None


_PAD = " " * 32      # longer than any keyword, so that no keyword probe runs into the end


def syntax_error(store: ox.Store, text: str) -> str:
    """``error at LINE:COLUMN: ...`` for a query pyoxigraph cannot parse, at the place it went wrong.

    pyoxigraph reports the furthest place any rule looked at. Its keyword rule first takes as many
    characters as the keyword has and then compares them, so the place reported is the start of the
    wrong token plus the length of the shortest keyword tried there (or the end of the query, when
    that runs past it). Parsing again with trailing spaces keeps every probe inside the text, and
    the keyword lengths are then taken back off."""
    try:
        store.query(text + _PAD)
        return "error at end of query"           # cannot happen: it failed without the padding
    except SyntaxError as exc:
        message = str(exc)
    m = re.match(r"error at (\d+):(\d+): expected (.*)", message, re.S)
    if not m:
        return message.splitlines()[0]
    padded = text + _PAD
    line, col = int(m.group(1)), int(m.group(2))
    starts = [0] + [i + 1 for i, c in enumerate(padded) if c == "\n"]
    offset = starts[min(line, len(starts)) - 1] + col - 1
    expected = [e.strip() for e in re.split(r",\s*", m.group(3).removeprefix("one of "))]
    keywords = [len(e) for e in expected if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", e)]
    if keywords:
        offset -= min(keywords)
    end = len(text.rstrip())
    if offset >= end:
        return f"error at {guard.position(text, end)}: unexpected end of query"
    offset = max(offset, 0)
    token = re.match(r"\S{1,20}", text[offset:])
    near = f"unexpected {token.group()!r}" if token else "unexpected text"
    return f"error at {guard.position(text, offset)}: {near}"


# ------------------------------------------------------------------ the library
@dataclass(frozen=True)
class LibraryQuery:
    name: str
    path: Path
    text: str
    question_en: str
    question_vi: str
    parameters: dict[str, str]     # name -> default, as written in the VALUES clause
    example: str


SUFFIXES = (".rq", ".sparql")


def resolve_query(name: str) -> Path:
    """A library query by name, or a .rq or .sparql file."""
    path = Path(name)
    if path.suffix in SUFFIXES and path.is_file():
        return path
    candidate = QUERIES / f"{name}.rq"
    if candidate.exists():
        return candidate
    raise QueryError(f"{name}: no such query in {QUERIES} and no such .rq or .sparql file")


def read_query(path: Path) -> LibraryQuery:
    text = path.read_text(encoding="utf-8")
    keys = published_words().query_header
    head = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, sep, value = line.lstrip("# ").partition(":")
        if sep and key.strip() in keys.values():
            head[key.strip()] = value.strip()
    params = {k: m.group(2) for k, m in _parameters(text).items()}
    return LibraryQuery(path.stem, path, text, head.get(keys["question_en"], ""), head.get(keys["question_vi"], ""),
                        params, head.get(keys["example"], ""))


def _parameters(text: str) -> dict[str, re.Match]:
    """The one-variable, one-value VALUES clauses: the query's parameters."""
    return {m.group(1): m for m in _VALUES.finditer(text)
            if m.group(2).startswith('"') or not re.search(r"\s", m.group(2))}


def library() -> list[LibraryQuery]:
    """Every analyst query of queries/ (QC queries live in queries/qc/)."""
    return [read_query(p) for p in sorted(QUERIES.glob("*.rq"))]


def bind(text: str, params: dict[str, str] | list[str], *, source: str = "query", store=None, log=None) -> str:
    """The query with each parameter's VALUES clause holding the given value, typed as its default.
    Given the ``store``, an IRI parameter may be a name, resolved by graph.query.names (``log``
    hears what it was resolved to); without, it must be written as an IRI."""
    if isinstance(params, (list, tuple)):
        pairs = {}
        for p in params:
            key, sep, value = p.partition("=")
            if not sep:
                raise QueryError(f"--param {p!r}: expected KEY=VALUE")
            pairs[key.strip()] = value
        params = pairs
    declared = _parameters(text)
    for key, value in params.items():
        if key not in declared:
            raise QueryError(f"{source}: no parameter {key!r} (has: {', '.join(sorted(declared)) or 'none'})")
        m = declared[key]
        term = _typed(value, like=m.group(2), key=key, store=store, log=log)
        text = text[:m.start(2)] + term + text[m.end(2):]
        declared = _parameters(text)
    return text


def _typed(value: str, *, like: str, key: str, store=None, log=None) -> str:
    like = like.strip()
    if (like.startswith("<") or _PREFIXED.match(like)) and like not in ("true", "false"):
        if store is not None:
            from graph.query.names import resolve
            return resolve(store, value, key, log)
        v = value.strip()
        if re.match(r"^https?://\S+$", v):
            return f"<{v}>"
        prefix, sep, local = v.partition(":")
        if sep and prefix in PREFIXES and not local.startswith("//"):
            return f"<{PREFIXES[prefix]}{local}>"
        if re.match(r"^[a-z]+/[\w\-./]+$", v):
            return f"<{MGID}{v}>"           # "body/thanh-uy-ha-noi"
        raise QueryError(f"--param {key}={value}: expected an IRI, mgid:..., or kind/slug such as body/bo-chinh-tri")
    if "xsd:date" in like or "XMLSchema#date" in like:
        try:
            return f'"{date.fromisoformat(value.strip()).isoformat()}"^^xsd:date'
        except ValueError:
            raise QueryError(f"--param {key}={value}: expected a date YYYY-MM-DD") from None
    if like in ("true", "false"):
        v = value.strip().lower()
        if v not in ("true", "false", "yes", "no", "1", "0"):
            raise QueryError(f"--param {key}={value}: expected true or false")
        return "true" if v in ("true", "yes", "1") else "false"
    if re.fullmatch(r"[+-]?\d+", like):
        if not re.fullmatch(r"\s*[+-]?\d+\s*", value):
            raise QueryError(f"--param {key}={value}: expected an integer")
        return value.strip()
    lang = re.search(r'"@([\w-]+)$', like)
    return json.dumps(unicodedata.normalize("NFC", value), ensure_ascii=False) + (f"@{lang.group(1)}" if lang else "")
