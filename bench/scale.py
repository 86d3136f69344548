"""Generated corpora and graphs N times the sample, for the benchmarks.

A scaled graph repeats the built graph N times; each copy gets its own documents, mandates,
targets, evidence and post holdings (IRIs suffixed -c1, -c2, ...) while bodies, persons, posts
and projects stay shared, as they would in a larger corpus about the same institutions.
A scaled corpus repeats the sample texts N times under new file names, each copy a document of its own.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

PER_COPY = re.compile(r"(https://w3id\.org/mandate-graph/id/(?:mandate|evidence|target|doc|holding|graph)/[^>]+)>")
READING_ORDER = re.compile(r'(#readingOrder> ")(\d+)(")')


def scaled_ntriples(nt: str, times: int) -> str:
    """The N-Triples text repeated ``times`` times with per-copy IRIs; each copy's documents come
    after the previous copy's in reading order (mg:readingOrder), as in a corpus N times larger."""
    from graph.assemble.populate import READING_ORDER_STRIDE
    orders = [int(m.group(2)) for m in READING_ORDER.finditer(nt)]
    shift = (max(orders, default=0) // READING_ORDER_STRIDE + 1) * READING_ORDER_STRIDE
    parts = [nt]
    for k in range(1, times):
        copy = PER_COPY.sub(lambda m: f"{m.group(1)}-c{k}>", nt)
        parts.append(READING_ORDER.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + k * shift}{m.group(3)}", copy))
    return "".join(parts)


def scaled_corpus(corpus: Path, target: Path, times: int) -> Path:
    """``times`` copies of every document of ``corpus`` in ``target``, each a document of its own:
    the build skips a text it has already read, so each copy after the first gets one more
    paragraph ("Bản sao số k.") after its last block of content, and a sidecar identifier
    (BS1/<name>, ...) so that it does not resolve to the original's IRI. The original sidecar, if
    any, comes along."""
    from graph.analyse.read import read_document
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(corpus.iterdir()):
        if path.suffix not in (".txt", ".html", ".htm"):
            continue
        sidecar = path.with_name(f"{path.stem}.meta.yaml")
        meta = yaml.safe_load(sidecar.read_text(encoding="utf-8")) if sidecar.exists() else {}
        source = read_document(path)
        cut = _content_end(source)
        for k in range(times):
            stem = f"{path.stem}-c{k}"
            if k == 0:
                shutil.copyfile(path, target / f"{stem}{path.suffix}")
            else:
                marker = f"<p>Bản sao số {k}.</p>" if path.suffix != ".txt" else f"Bản sao số {k}."
                (target / f"{stem}{path.suffix}").write_text(
                    f"{source.text[:cut]}\n\n{marker}\n\n{source.text[cut:]}", encoding="utf-8", newline="")
            copy = dict(meta, identifier=f"BS{k}/{path.stem}") if k else meta
            if copy:
                (target / f"{stem}.meta.yaml").write_text(yaml.safe_dump(copy, allow_unicode=True), encoding="utf-8")
    return target


def _content_end(source) -> int:
    """Source offset of the end of the last block that is not boilerplate."""
    from graph.analyse.normalise import normalise
    from graph.analyse.segment import segment
    from graph.lexicon import Lexicon
    lexicon = Lexicon.load()
    normal = normalise(source.text, lexicon, html=source.media == "html")
    last = max(b.end for b in segment(normal, lexicon).blocks if b.kind != "boilerplate")
    return normal.source_span(last - 1, last)[1]
