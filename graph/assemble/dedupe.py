"""Between extract and populate: one document node per corpus file.

A corpus can hold one text twice (a document saved twice, a web page saved on two days with
different sidebars), and two files can resolve to the same document IRI (a PDF and a web reprint,
two unnumbered notices of one body on one day). Counting a text twice doubles its mandates;
evidence offsets count characters of one file, so a document node must have exactly one file
(mg:sourceFile). Hence, in file-name order:
- a file whose content (its normalised text outside boilerplate) is an earlier file's is a
  duplicate, and is skipped;
- a file with other content that resolves to an earlier file's IRI keeps a node of its own, its
  IRI qualified by its file name.
Either way the build says so, naming both files.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from graph.records import AnalysedDocument
from graph.vocab import MGID, iri


def one_node_per_file(docs: list[AnalysedDocument]) -> tuple[list[AnalysedDocument], list[str]]:
    """The documents to populate, and a warning for each file skipped or given its own IRI."""
    by_iri: dict[str, AnalysedDocument] = {}
    by_content: dict[str, AnalysedDocument] = {}
    kept, warnings = [], []
    for doc in sorted(docs, key=lambda d: d.source.name):
        text = content(doc)
        same = by_content.get(text)
        if same is not None:
            warnings.append(f"{doc.source.path}: the same text as {same.source.name}; skipped")
            continue
        by_content[text] = doc
        earlier = by_iri.get(doc.meta.iri)
        if earlier is None:
            by_iri[doc.meta.iri] = doc
            kept.append(doc)
            continue
        known_as = doc.meta.identifier or doc.meta.iri.rsplit("/", 1)[-1]
        own = iri("doc", f"{doc.meta.iri[len(MGID) + len('doc/'):]} file {Path(doc.source.name).stem}")
        warnings.append(f"{doc.source.path}: identified as {known_as}, as {earlier.source.name} is, but its text "
                        f"differs; read as a document of its own, {own}")
        by_iri[own] = doc
        kept.append(replace(doc, meta=replace(doc.meta, iri=own)))
    return kept, warnings


def content(doc: AnalysedDocument) -> str:
    """The matching key of everything but boilerplate (menus, sidebars, footers), blocks in order."""
    key = doc.normal.key
    return "\n".join(key[b.start:b.end] for b in doc.segmented.blocks if b.kind != "boilerplate")
