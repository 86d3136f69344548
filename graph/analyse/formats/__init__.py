"""Readers of the formats other than plain text: each writes the document's text rendition (the
text that offsets, quotes and the published out/text/NAME.txt refer to) with a Rendition."""
from __future__ import annotations

from graph.records import SourceDocument, Table, TableCell


class FormatError(ValueError):
    """A document of a known format that cannot be read; the message is the reason, one line."""


CELL_SEPARATOR = " | "


def cell_text(text: str) -> str:
    """A cell's text on one line: its lines and runs of white space as one space, "|" as "/"."""
    return " ".join(text.replace("|", "/").split())


class Rendition:
    """The text rendition of one document, written line by line, with page starts and tables."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.pages: list[int] = []
        self.tables: list[Table] = []
        self.ocr_pages: list[int] = []
        self.warnings: list[str] = []
        self._open_table: list[tuple[TableCell, ...]] | None = None
        self._table_start = 0
        self._table_page: int | None = None

    def _write(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)

    def new_page(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self._write("\n")
        self.pages.append(self.size)

    def line(self, text: str) -> None:
        """One line (a paragraph of a DOCX); a line ends an open table."""
        self.end_table()
        text = " ".join(text.split("\n")).rstrip()
        if text:
            self._write(text + "\n")

    def row(self, cells: list[str]) -> None:
        """One table row, written "cell | cell | cell". Rows after a page break without a line in
        between continue the table (a table across a page break)."""
        if self._open_table is None:
            self._open_table, self._table_start = [], self.size
            self._table_page = len(self.pages) or None
        written = []
        for k, cell in enumerate(cell_text(c) for c in cells):
            if k:
                self._write(CELL_SEPARATOR)
            written.append(TableCell(cell, self.size, self.size + len(cell)))
            self._write(cell)
        self._write("\n")
        self._open_table.append(tuple(written))

    def open_table_header(self) -> list[str] | None:
        """The first row of the table being written, if one is."""
        return [c.text for c in self._open_table[0]] if self._open_table else None

    def end_table(self) -> None:
        if self._open_table:
            self.tables.append(Table(tuple(self._open_table), self._table_start, self.size - 1,
                                     self._table_page))
        self._open_table = None

    def document(self, path, *, media: str, encoding: str, sidecar: dict) -> SourceDocument:
        self.end_table()
        text = "".join(self.parts)
        if not text.strip():
            raise FormatError("no text in the document")
        return SourceDocument(name=path.name, path=str(path), text=text, encoding=encoding, media=media,
                              sidecar=sidecar, pages=tuple(self.pages), ocr_pages=tuple(self.ocr_pages),
                              tables=tuple(self.tables), warnings=tuple(self.warnings))
