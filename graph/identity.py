"""Between extract and populate: one document node per corpus file.

Two files can resolve to the same document IRI: a document saved twice, a PDF and a web reprint of
it, two unnumbered notices of one body on one day. Evidence offsets count characters of one file,
so a document node must have exactly one file (mg:sourceFile), or a quote would be looked up in the
wrong text. Hence, in file-name order:
- a file whose normalised text is the same as an earlier one's is a duplicate, and is skipped;
- a file with a different text keeps a node of its own, its IRI qualified by its file name.
Either way the build says so, naming both files.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .records import AnalysedDocument
from .vocab import MGID, iri


def one_node_per_file(docs: list[AnalysedDocument]) -> tuple[list[AnalysedDocument], list[str]]:
    """The documents to populate, and a warning for each file skipped or given its own IRI."""
    first: dict[str, AnalysedDocument] = {}
    kept, warnings = [], []
    for doc in sorted(docs, key=lambda d: d.source.name):
        earlier = first.get(doc.meta.iri)
        if earlier is None:
            first[doc.meta.iri] = doc
            kept.append(doc)
            continue
        known_as = doc.meta.identifier or doc.meta.iri.rsplit("/", 1)[-1]
        if doc.normal.key == earlier.normal.key:
            warnings.append(f"{doc.source.path}: the same text as {earlier.source.name} ({known_as}); skipped")
            continue
        own = iri("doc", f"{doc.meta.iri[len(MGID) + len('doc/'):]} file {Path(doc.source.name).stem}")
        warnings.append(f"{doc.source.path}: identified as {known_as}, as {earlier.source.name} is, but its text "
                        f"differs; read as a document of its own, {own}")
        first[own] = doc
        kept.append(replace(doc, meta=replace(doc.meta, iri=own)))
    return kept, warnings
