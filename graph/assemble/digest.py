"""What the corpus-level steps need of each analysed document (``DocumentDigest``): made once,
when the document is analysed or read from the cache, so that a build never holds more than one
analysed document at a time (graph/build.py)."""
from __future__ import annotations

import hashlib

from graph.analyse.segment import coverage_warning
from graph.assemble.dedupe import content
from graph.lexicon import Lexicon
from graph.records import AnalysedDocument, DocumentDigest, DocumentRef


def digest(doc: AnalysedDocument, lexicon: Lexicon, *, key: str) -> DocumentDigest:
    """``key``: the document's analysis cache key, by which it is read back."""
    coverage = coverage_warning(doc.segmented, lexicon)
    return DocumentDigest(
        name=doc.source.name, path=doc.source.path, key=key,
        content=hashlib.sha256(content(doc).encode("utf-8")).hexdigest(),
        characters=len(doc.source.text), meta=doc.meta,
        references=tuple(m for m in doc.mentions if isinstance(m.ref, DocumentRef)),
        warnings=(*doc.source.warnings, *((coverage,) if coverage else ())))
