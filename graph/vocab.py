"""Namespaces and stable identifiers: IRIs derive from canonical names, never from run order."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rdflib import Namespace

MG = Namespace("https://w3id.org/mandate-graph/ontology#")
MGID = Namespace("https://w3id.org/mandate-graph/id/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES = {
    "mg": MG, "mgid": MGID, "org": ORG, "prov": PROV, "dcterms": DCTERMS, "foaf": FOAF,
    "eli": ELI, "skos": Namespace("http://www.w3.org/2004/02/skos/core#"),
    "rdfs": Namespace("http://www.w3.org/2000/01/rdf-schema#"),
    "rdf": Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    "owl": Namespace("http://www.w3.org/2002/07/owl#"),
    "xsd": Namespace("http://www.w3.org/2001/XMLSchema#"),
    "void": Namespace("http://rdfs.org/ns/void#"), "dcat": Namespace("http://www.w3.org/ns/dcat#"),
}

class _Strokes(dict):
    """A letter with a stroke, which has no decomposition, as its plain letter (d for the stroked
    d of Vietnamese); any other character unchanged. Filled as characters are met."""

    def __missing__(self, code: int) -> int:
        name = unicodedata.name(chr(code), "")
        base = name.partition(" WITH STROKE")[0] if name.endswith(" WITH STROKE") else None
        try:
            value = ord(unicodedata.lookup(base)) if base else code
        except KeyError:
            value = code
        self[code] = value
        return value


_STRIP = _Strokes()


def ascii_fold(text: str) -> str:
    """Vietnamese without diacritics: 'Thành ủy Hà Nội' -> 'Thanh uy Ha Noi'."""
    decomposed = unicodedata.normalize("NFD", text.translate(_STRIP))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=16384)        # the same names recur in every document: fold each once
def slug(text: str) -> str:
    """ASCII slug: 'Thành ủy Hà Nội' -> 'thanh-uy-ha-noi'; '11-NQ/TW' -> '11-nq-tw'."""
    return _NOT_SLUG.sub("-", ascii_fold(text).lower()).strip("-") or "x"


def iri(kind: str, key: str) -> str:
    """Instance IRI: iri('body', 'Thành ủy Hà Nội') -> mgid:body/thanh-uy-ha-noi."""
    return f"{MGID}{kind}/{slug(key)}"


def search_key(text: str) -> str:
    """What mg:searchKey holds: lower case, no diacritics, one space between words."""
    return " ".join(ascii_fold(unicodedata.normalize("NFC", text)).lower().split())
