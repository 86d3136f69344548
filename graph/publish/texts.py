"""out/text/: the text rendition of every input, the text that evidence offsets refer to
(``text[start:end] == quote``): a text file or web page as decoded (legacy font encodings
converted), a PDF, DOCX or DOC as its reader wrote it (one line a PDF line or paragraph, table rows
"cell | cell")."""
from __future__ import annotations

from pathlib import Path

from graph.records import SourceDocument


def rendition_name(name: str) -> str:
    """``notice.pdf`` -> ``notice.pdf.txt``; a ``.txt`` file keeps its name."""
    return name if name.lower().endswith(".txt") else f"{name}.txt"


def write_texts(docs: list[SourceDocument], folder: Path) -> int:
    """Write each document's text rendition as UTF-8, newlines untranslated; the number written."""
    folder.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        write_text(doc, folder)
    return len(docs)


def write_text(doc: SourceDocument, folder: Path) -> None:
    """One document's text rendition into ``folder`` (a build writes each as it reads it back)."""
    with open(folder / rendition_name(doc.name), "w", encoding="utf-8", newline="") as f:
        f.write(doc.text)
