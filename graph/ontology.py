"""The ontology as the build sees it: every .ttl of ontology/ (extensions included) and the
concept schemes the recogniser reads from it (document-type codes, roles, body kinds)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDFS, SKOS

from graph.resources import shared
from graph.vocab import MG

ONTOLOGY_DIR = shared("ontology")
SHAPES = "shapes.ttl"


def ontology_files(folder: Path = ONTOLOGY_DIR) -> list[Path]:
    """The ontology's modules: every .ttl below ``folder`` except the SHACL shapes, sorted."""
    return sorted(p for p in folder.rglob("*.ttl") if p.name != SHAPES)


def load_ontology(folder: Path = ONTOLOGY_DIR) -> Graph:
    g = Graph()
    for path in ontology_files(folder):
        try:
            g.parse(path, format="turtle")
        except Exception as exc:            # rdflib raises many types; the user needs the file and line
            raise ValueError(turtle_error(path, exc)) from None
    return g


_AT_LINE = re.compile(r"at line (\d+)")
_CAUSE = re.compile(r"Bad syntax \((.*?)\) at \^")


def turtle_error(path: Path, exc: Exception) -> str:
    """One line: the file, the line rdflib stopped at, and why (its first line alone says
    "at line 2 of <>:" and nothing of the cause)."""
    text = str(exc)
    line = _AT_LINE.search(text)
    cause = _CAUSE.search(text)
    place = f"{path}:{line.group(1)}" if line else str(path)
    reason = cause.group(1) if cause else next((t for t in text.splitlines() if t.strip()), type(exc).__name__)
    return f"{place}: not valid Turtle: {reason}"


@lru_cache(maxsize=None)
def body_classes() -> frozenset[str]:
    """Local names of the classes below mg:Body, the values bodies.yaml may give as ``class:``."""
    g = load_ontology()
    return frozenset(str(c)[len(str(MG)):] for c in g.transitive_subjects(RDFS.subClassOf, MG.Body)
                     if str(c).startswith(str(MG)) and c != MG.Body)


@dataclass(frozen=True)
class DocumentType:
    code: str          # "NQ", "QĐ"
    concept: str       # IRI of the scheme concept
    cls: str           # IRI of the document class
    word: str          # cue word, normalised: "nghị quyết"
    in_identifiers: bool = True   # written in identifiers such as 06-NQ/TW (mg:inIdentifiers)
    vi: str = ""                  # skos:prefLabel @vi, "Kết luận"
    en: str = ""                  # skos:prefLabel @en, "Conclusion"


@lru_cache(maxsize=None)
def document_types() -> dict[str, DocumentType]:
    g = load_ontology()
    out = {}
    for concept in g.subjects(SKOS.inScheme, MG.documentTypes):
        code = str(g.value(concept, SKOS.notation))
        flag = g.value(concept, MG.inIdentifiers)
        names = {label.language: str(label) for label in g.objects(concept, SKOS.prefLabel)}
        out[code] = DocumentType(code, str(concept), str(g.value(concept, MG.typeClass)),
                                 str(g.value(concept, MG.cue) or ""),
                                 in_identifiers=True if flag is None else bool(flag.toPython()),
                                 vi=names.get("vi", ""), en=names.get("en", ""))
    return out


@lru_cache(maxsize=None)
def scheme_members(scheme: str) -> dict[str, str]:
    """notation -> concept IRI for the scheme ``mg:<scheme>``."""
    g = load_ontology()
    return {str(g.value(c, SKOS.notation)): str(c) for c in g.subjects(SKOS.inScheme, MG[scheme])}



def ontology_version(onto: Graph) -> str:
    """owl:versionInfo of the ontology header (the dataset description carries it)."""
    from rdflib import OWL, RDF
    for node in onto.subjects(RDF.type, OWL.Ontology):
        version = onto.value(node, OWL.versionInfo)
        if version is not None:
            return str(version)
    return "unversioned"
