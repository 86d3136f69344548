"""Stage 5, extract: mandates, targets and document relations of one analysed document."""
from __future__ import annotations

import re
from dataclasses import replace

from graph.extract.facets import facets
from graph.extract.mandates import find_mandates
from graph.analyse.normalise import normalise_phrase
from graph.lexicon import Lexicon
from graph.records import DocRelation, DocumentMeta, Extraction, Mention, NormalText, Segmented
from graph.extract.targets import find_targets


def extract(normal: NormalText, segmented: Segmented, mentions: tuple[Mention, ...],
            meta: DocumentMeta, lexicon: Lexicon) -> Extraction:
    mandates = find_mandates(normal, segmented, mentions, meta, lexicon)
    tasks = tuple(sorted((m.start, m.end) for m in mandates if m.rule not in ("table-row", "execution")))
    return Extraction(mandates=tuple(replace(m, facets=facets(m)) for m in mandates),
                      targets=tuple(find_targets(normal, segmented, lexicon, meta.type_code, tasks)),
                      relations=tuple(find_relations(normal, mentions, lexicon)))


def _relation_cues(lexicon: Lexicon) -> dict[str, list[str]]:
    return {kind: [normalise_phrase(w) for w in words] for kind, words in lexicon.cues.relations.items()}


def find_relations(normal: NormalText, mentions: tuple[Mention, ...], lexicon: Lexicon) -> list[DocRelation]:
    """"sơ kết 5 năm thực hiện Nghị quyết số 11" -> reviews; "căn cứ Nghị quyết ..." -> basedOn."""
    cues = lexicon.compiled(_relation_cues)
    out = []
    for m in mentions:
        if m.kind != "document":
            continue
        before = normal.key[max(0, m.start - 40):m.start]
        clause = re.split(r"[.;:]", before)[-1]
        for kind in ("reviews", "amends", "basedOn", "implements"):
            if any(re.search(r"(?<!\w)%s(?!\w)" % re.escape(w), clause) for w in cues[kind]):
                out.append(DocRelation(kind, m.iri, m.start, m.end))
                break
    return out
