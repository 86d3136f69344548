"""Names for IRI parameters: `--param actor="Thành ủy Hà Nội"` (or "thanh uy ha noi", "UBND TP Hà
Nội", a document number such as "858-BC/TU", or an IRI, mgid:..., kind/slug) resolves to one IRI of
the graph, or fails with the candidates: never a silent empty answer.

Tiers, first that matches wins: the IRI itself (it must occur in the graph); a label, alias or
identifier written exactly (case aside); the same without diacritics and punctuation; the words of
the name inside a label. A tier that matches several entities is ambiguous (QueryError, status 2,
listing them); so is a name matching nothing, listed with the nearest labels.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

import pyoxigraph as ox

from graph.vocab import MG, MGID, PREFIXES, search_key

# the class a parameter's value must belong to, by the parameter's name (others: any labelled entity)
KINDS = {"actor": "Actor", "assignee": "Actor", "assigner": "Actor", "body": "Actor", "person": "Actor",
         "document": "Document", "doc": "Document"}
SHOWN = 12          # candidates listed at most


@dataclass(frozen=True)
class Name:
    iri: str
    label: str          # the entity's display label
    text: str           # the label, alias or identifier matched
    how: str            # label | alias | identifier | number


def _key(text: str) -> str:
    """Diacritics, case and punctuation aside: "858 - BC/TU" and "858-bc/tu" are one key."""
    return " ".join(re.sub(r"[^\w]+", " ", search_key(text)).split())


def iri_form(value: str) -> str | None:
    """The IRI a value writes directly (a full IRI, prefix:local or kind/slug), else None."""
    v = value.strip()
    if re.fullmatch(r"<?https?://[^\s<>]+>?", v):
        return v.strip("<>")
    prefix, sep, local = v.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//") and not re.search(r"\s", v):
        return f"{PREFIXES[prefix]}{local}"
    if re.fullmatch(r"[a-z]+/[\w\-./]+", v):
        return f"{MGID}{v}"
    return None


def names(store: ox.Store, kind: str | None) -> list[Name]:
    """Every label, alias and identifier of the entities of a class (all labelled entities if None)."""
    typed = (f"?x a ?c . ?c <http://www.w3.org/2000/01/rdf-schema#subClassOf>* <{MG}{kind}> ."
             if kind else "")
    skos = "http://www.w3.org/2004/02/skos/core#"
    text = f"""SELECT DISTINCT ?x ?label ?text ?how WHERE {{
      ?x <{skos}prefLabel> ?label . FILTER(isIRI(?x)) {typed}
      {{ ?x <{skos}prefLabel> ?text BIND("label" AS ?how) }}
      UNION {{ ?x <http://www.w3.org/2000/01/rdf-schema#label> ?text BIND("label" AS ?how) }}
      UNION {{ ?x <{skos}altLabel> ?text BIND("alias" AS ?how) }}
      UNION {{ ?x <{MG}identifier> ?text BIND("identifier" AS ?how) }}
      UNION {{ ?x <{MG}documentNumber> ?text BIND("number" AS ?how) }}
    }}"""
    return [Name(s["x"].value, s["label"].value, s["text"].value, s["how"].value)
            for s in store.query(text, use_default_graph_as_union=True)]


def _pick(found: list[Name]) -> dict[str, Name]:
    """One entry per entity, labels before aliases."""
    order = {"label": 0, "identifier": 1, "number": 2, "alias": 3}
    out: dict[str, Name] = {}
    for n in sorted(found, key=lambda n: (order.get(n.how, 9), n.text)):
        out.setdefault(n.iri, n)
    return out


def _listing(entities, more: int = 0) -> str:
    lines = [f"  {n.label}  <{n.iri}>" + (f"  (as {n.how} {n.text!r})" if n.text != n.label else "")
             for n in list(entities)[:SHOWN]]
    if more > SHOWN:
        lines.append(f"  ... and {more - SHOWN} more")
    return "\n".join(lines)


def resolve(store: ox.Store, value: str, param: str, log=None) -> str:
    """The IRI a parameter's value names; QueryError (status 2) with the candidates otherwise.
    ``log`` receives one line saying what a name was resolved to."""
    from graph.query.store import QueryError
    kind = KINDS.get(param)
    what = (kind or "entity").lower()
    iri = iri_form(value)
    if iri is not None:
        if store.query(f"ASK {{ <{iri}> ?p ?o }}", use_default_graph_as_union=True):
            return f"<{iri}>"
        if kind is None or not re.fullmatch(r"[a-z]+/[\w\-./]+", value.strip()):
            raise QueryError(f"--param {param}={value}: no such IRI in the graph")
        value = value.strip().split("/", 1)[1].replace("-", " ")      # a misspelt slug: search its words
    all_names = names(store, kind)
    wanted = unicodedata.normalize("NFC", value).strip().casefold()
    key = _key(value)
    tiers = [
        ("written exactly", [n for n in all_names if n.text.casefold() == wanted]),
        ("without diacritics", [n for n in all_names if _key(n.text) == key]),
        ("by its words", [n for n in all_names if key and re.search(rf"(?:^| ){re.escape(key)}(?: |$)", _key(n.text))]),
    ]
    for how, found in tiers:
        entities = _pick(found)
        if len(entities) == 1:
            n = next(iter(entities.values()))
            if log:
                log(f"{param}: {value!r} is {n.label} <{n.iri}> ({n.how} {n.text!r}, {how})")
            return f"<{n.iri}>"
        if len(entities) > 1:
            raise QueryError(f"--param {param}={value}: ambiguous, {len(entities)} match ({how}); "
                             f"give one of their IRIs or a longer name:\n"
                             + _listing(entities.values(), len(entities)))
    by_key = {}
    for n in all_names:
        by_key.setdefault(_key(n.text), n)
    near = difflib.get_close_matches(key, list(by_key), n=SHOWN, cutoff=0.5)
    listing = _listing(_pick([by_key[k] for k in near]).values()) if near else "  (no close name)"
    raise QueryError(f"--param {param}={value}: no {what} of that name in the graph; "
                     f"nearest:\n{listing}\n(`query actors` lists every actor with its IRI)")
