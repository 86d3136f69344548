"""Checks on query text before it reaches pyoxigraph's parser, for the endpoint and the CLI alike.

The parser is recursive (deep nesting or a long chain of operators overflows the native stack and
kills the process) and it executes SERVICE itself over HTTP, so both are stopped here, on the text.
"""
from __future__ import annotations

import re

MAX_CHARS = 100_000      # characters in a query
MAX_DEPTH = 64           # brackets, braces and parentheses open at once (the parser dies near 3,000)
MAX_OPERATORS = 2_000    # operators and UNIONs; each nests the parse tree (the parser dies near 10,000)

_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_UPDATE = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*|BASE\s*<[^>]*>|PREFIX\s*[^\s:]*:\s*<[^>]*>)*", re.IGNORECASE)
_GAP = r"(?:[ \t\r\n]|#[^\n]*)*"       # what the parser skips between two tokens
_SERVICE_TARGET = re.compile(_GAP + r"(?:SILENT" + _GAP + r")?<([^>]*)>", re.IGNORECASE)
_UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


class Refused(ValueError):
    """A query the endpoint will not run; ``http`` is the status to answer with."""

    def __init__(self, message: str, http: int = 400):
        super().__init__(message)
        self.http = http


def position(text: str, offset: int) -> str:
    """``line:column`` (both from 1) of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return f"{line}:{offset - (text.rfind(chr(10), 0, offset) + 1) + 1}"


def check(text: str, *, allow_service=(), max_chars: int = MAX_CHARS) -> None:
    """Raise Refused unless the query is small, shallow, read-only and calls no other endpoint."""
    if len(text) > max_chars:
        raise Refused(f"query refused: {len(text):,} characters, at most {max_chars:,} allowed")
    first = re.match(r"[A-Za-z]+", text[_PROLOGUE.match(text).end():])
    if first and first.group().upper() in _UPDATE:
        raise Refused("read-only endpoint: SPARQL Update is refused", 403)
    _service(text, set(allow_service))
    code = mask(text)
    depth = 0
    for m in re.finditer(r"[\[({]|[\])}]", code):
        depth += 1 if m.group() in "[({" else -1
        if depth > MAX_DEPTH:            # stop at the first one too deep: that is the place to fix
            raise Refused(f"query refused: brackets nested more than {MAX_DEPTH} deep at "
                          f"{position(text, m.start())}")
    ops = len(re.findall(r"[-+*/|&=<>!^]", code)) + len(re.findall(r"union", code, re.IGNORECASE))
    if ops > MAX_OPERATORS:
        raise Refused(f"query refused: {ops:,} operators and UNIONs, at most {MAX_OPERATORS:,} allowed")


def _service(text: str, allowed: set[str]) -> None:
    """Refuse SERVICE unless it names an allowed endpoint.

    The parser matches a keyword as any seven letters spelling SERVICE, word boundary or not
    (``SERVICE:x`` is SERVICE then the prefixed name ``:x``), so every occurrence of the letters
    counts, in strings and comments too: a false alarm costs a refused query, a miss a request
    sent on someone's behalf. Escapes are undone too, in case a parser version honours them."""
    unescaped = _UCHAR.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)
    for variant in {text, unescaped}:
        for m in re.finditer("service", variant, re.IGNORECASE):
            target = _SERVICE_TARGET.match(variant, m.end())
            iri = target.group(1) if target else None
            if iri is not None and iri in allowed:
                continue
            where = position(variant, m.start())
            if not allowed:
                raise Refused(f"query refused: SERVICE (a request to another endpoint) is off on this "
                              f"endpoint; the word appears at {where}")
            raise Refused(f"query refused: SERVICE at {where} must name, as a full <IRI>, one of the "
                          f"allowed endpoints: {', '.join(sorted(allowed))}")


def mask(text: str) -> str:
    """The text with strings, comments and IRIs blanked out, positions kept; linear time."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        end = None
        if c == "#":
            end = text.find("\n", i)
            end = n if end < 0 else end
        elif c in "\"'":
            end = _string_end(text, i)
        elif c == "<":
            m = _IRI.match(text, i)
            end = m.end() if m else None
        if end is None:
            out.append(c)
            i += 1
        else:
            out.append(" " * (end - i))
            i = end
    return "".join(out)


def _string_end(text: str, i: int) -> int | None:
    """The offset just past the string literal opening at ``i``; None if it is not one."""
    q = text[i]
    long = text.startswith(q * 3, i)
    close = q * 3 if long else q
    k = i + len(close)
    while True:
        j = text.find(close, k)
        if not long:
            nl = text.find("\n", k)
            if 0 <= nl < j or j < 0:
                return None          # a short string cannot span lines: not a string
        if j < 0:
            return None
        b = j
        while b > k and text[b - 1] == "\\":
            b -= 1
        if (j - b) % 2 == 0:          # an even run of backslashes escapes none of the quotes
            return j + len(close)
        k = j + 1
