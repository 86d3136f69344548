"""One document through the stages: read -> normalise -> segment -> recognise -> extract."""
from __future__ import annotations

from .extract import extract
from .meta import document_meta
from .normalise import normalise
from .records import AnalysedDocument, SourceDocument
from .recognise import recognise
from .segment import segment


def analyse(source: SourceDocument) -> AnalysedDocument:
    normal = normalise(source.text, html=source.media == "html")
    segmented = segment(normal)
    mentions = recognise(normal, segmented)
    meta = document_meta(source, normal, segmented, mentions)
    return AnalysedDocument(source, normal, segmented, meta, mentions,
                            extract(normal, segmented, mentions, meta))
