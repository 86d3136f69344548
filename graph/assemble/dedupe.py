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

A build decides it on the documents' digests (their content's hash, their metadata), never
holding the documents themselves (graph/build.py); ``one_node_per_file`` does it on documents.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from graph.records import AnalysedDocument, DocumentDigest
from graph.vocab import MGID, iri


def one_node_per_file(docs: list[AnalysedDocument]) -> tuple[list[AnalysedDocument], list[str]]:
    """The documents to populate, and a warning for each file skipped or given its own IRI."""
    kept, warnings = _nodes(docs, name=lambda d: d.source.name, path=lambda d: d.source.path, key=content)
    return [doc if meta is doc.meta else replace(doc, meta=meta) for doc, meta in kept], warnings


def one_node_per_digest(digests: list[DocumentDigest]) -> tuple[list[DocumentDigest], list[str]]:
    """``one_node_per_file`` on the documents' digests: the digests of the documents to populate,
    each with the metadata (its IRI) its document is to be populated with."""
    kept, warnings = _nodes(digests, name=lambda d: d.name, path=lambda d: d.path, key=lambda d: d.content)
    return [d if meta is d.meta else replace(d, meta=meta) for d, meta in kept], warnings


def _nodes(items, *, name, path, key):
    """(item, the metadata to populate it with) for every item kept, in file-name order; warnings."""
    by_iri: dict[str, object] = {}
    by_content: dict[str, object] = {}
    kept, warnings = [], []
    for item in sorted(items, key=name):
        text = key(item)
        same = by_content.get(text)
        if same is not None:
            warnings.append(f"{path(item)}: the same text as {name(same)}; skipped")
            continue
        by_content[text] = item
        meta = item.meta
        earlier = by_iri.get(meta.iri)
        if earlier is None:
            by_iri[meta.iri] = item
            kept.append((item, meta))
            continue
        known_as = meta.identifier or meta.iri.rsplit("/", 1)[-1]
        own = iri("doc", f"{meta.iri[len(MGID) + len('doc/'):]} file {Path(name(item)).stem}")
        warnings.append(f"{path(item)}: identified as {known_as}, as {name(earlier)} is, but its text "
                        f"differs; read as a document of its own, {own}")
        by_iri[own] = item
        kept.append((item, replace(meta, iri=own)))
    return kept, warnings


def content(doc: AnalysedDocument) -> str:
    """The matching key of everything but boilerplate (menus, sidebars, footers), blocks in order."""
    key = doc.normal.key
    return "\n".join(key[b.start:b.end] for b in doc.segmented.blocks if b.kind != "boilerplate")
