"""One document through the stages: read -> normalise -> segment -> recognise -> extract."""
from __future__ import annotations

from graph.extract.relations import extract
from graph.lexicon import Lexicon
from graph.analyse.metadata import document_meta
from graph.analyse.normalise import normalise
from graph.records import AnalysedDocument, SourceDocument
from graph.analyse.recognise import recognise
from graph.analyse.segment import segment


def analyse(source: SourceDocument, lexicon: Lexicon) -> AnalysedDocument:
    normal = normalise(source.text, lexicon, html=source.media == "html")
    segmented = segment(normal, lexicon)
    mentions = recognise(normal, segmented, lexicon)
    meta = document_meta(source, normal, segmented, lexicon)
    return AnalysedDocument(source, normal, segmented, meta, mentions,
                            extract(normal, segmented, mentions, meta, lexicon))
