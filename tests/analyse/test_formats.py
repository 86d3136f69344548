"""Issue 15: PDF, DOCX, DOC, HTML tables, legacy font encodings and scanned pages read as the text
they hold, with evidence that points at the exact words of each input's published text rendition.
Every fixture is made here (tests/formats_fixtures.py): no binary file of unknown origin."""
import shutil
import zipfile
from pathlib import Path

import pytest
from rdflib import Graph

from formats_fixtures import (CHROMIUM, RUNNING_HEAD, TABLE, image_only_pdf, legacy, make_docx, plain_text,
                              print_page, print_pdf, html_page)
from graph.analyse.read import read_corpus, read_document
from graph.assemble.populate import populate
from graph.pipeline import analyse
from graph.vocab import MG
from conftest import bundled_lexicon

needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium (Debian package chromium) prints the PDF fixtures")


def mandates(doc):
    """What a reader of the graph sees of each mandate: who, what role, by when, in which words."""
    a = analyse(doc, bundled_lexicon())
    return [(m.assigner, m.assignees, m.role, m.deadline.deadline if m.deadline else None,
             " ".join(a.normal.text[m.start:m.end].split())) for m in a.extraction.mandates]


def rows(doc):
    return [[c.text for c in row] for t in doc.tables for row in t.rows]


def evidence_holds(doc) -> Graph:
    """The document's graph, after checking every quote is its rendition's text at its offsets."""
    g = populate([analyse(doc, bundled_lexicon())], bundled_lexicon())
    quotes = list(g.subjects(MG.quote, None))
    assert quotes
    for ev in quotes:
        s, e = int(g.value(ev, MG.start)), int(g.value(ev, MG.end))
        assert doc.text[s:e] == str(g.value(ev, MG.quote))
    return g


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    folder = tmp_path_factory.mktemp("plain")
    (folder / "notice.txt").write_text(plain_text(), encoding="utf-8")
    return read_document(folder / "notice.txt")


@pytest.fixture(scope="module")
def notice_pdf(tmp_path_factory):
    if CHROMIUM is None:
        pytest.skip("Chromium (Debian package chromium) prints the PDF fixtures")
    return print_pdf(print_page(), tmp_path_factory.mktemp("pdf") / "notice.pdf")


def test_the_plain_text_notice_gives_its_mandates_and_table_rows(plain):
    found = mandates(plain)
    assert len(found) == 6 and sum(m[4].startswith(("1 |", "2 |", "3 |", "4 |")) for m in found) == 4


def test_pdf_reads_as_the_plain_text_with_pages_running_lines_dropped_and_the_table_across_the_break(
        notice_pdf, plain):
    doc = read_document(notice_pdf)
    assert doc.media == "pdf" and len(doc.pages) == 2
    assert RUNNING_HEAD not in doc.text and "Trang 1" not in doc.text and "Trang 2" not in doc.text
    assert rows(doc) == TABLE and len(doc.tables) == 1 and doc.tables[0].page == 1
    for table in doc.tables:
        assert all(doc.text[c.start:c.end] == c.text for row in table.rows for c in row)
    assert mandates(doc) == mandates(plain)
    g = evidence_holds(doc)
    pages = {int(g.value(ev, MG.page)) for ev in g.subjects(MG.quote, None)}
    assert pages == {1, 2}                               # rows 3 and 4 of the table are on page 2
    third = next(ev for ev in g.subjects(MG.quote, None) if str(g.value(ev, MG.quote)).startswith("3 | Giao"))
    assert int(g.value(third, MG.page)) == 2


def test_docx_numbered_items_and_table_read_as_the_plain_text(tmp_path, plain):
    doc = read_document(make_docx(tmp_path / "notice.docx"))
    assert doc.text == plain.text                       # list numbers drawn by Word, table rows piped
    assert rows(doc) == TABLE and mandates(doc) == mandates(plain)
    evidence_holds(doc)


def test_html_tables_become_table_records_and_rows_of_text(tmp_path, plain):
    (tmp_path / "notice.html").write_text(html_page(), encoding="utf-8")
    doc = read_document(tmp_path / "notice.html")
    assert rows(doc) == TABLE
    assert all(c.text in doc.text[c.start:c.end] for t in doc.tables for row in t.rows for c in row)
    assert mandates(doc) == mandates(plain)
    evidence_holds(doc)


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_legacy_text_files_are_detected_converted_and_named_in_a_warning(tmp_path, plain, encoding):
    data = legacy(plain_text(), encoding).encode("cp1252")
    assert "Thủ tướng".encode() not in data
    (tmp_path / f"{encoding}.txt").write_bytes(data)
    (tmp_path / f"{encoding}_utf8.txt").write_text(legacy(plain_text(), encoding), encoding="utf-8")
    for name in (f"{encoding}.txt", f"{encoding}_utf8.txt"):
        doc = read_document(tmp_path / name)
        assert doc.encoding == encoding and any(encoding.upper() in w for w in doc.warnings)
        assert mandates(doc) == mandates(plain)
        evidence_holds(doc)
    forced = read_document(tmp_path / f"{encoding}.txt", encoding=encoding)
    assert mandates(forced) == mandates(plain) and "forces" in forced.warnings[0]


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_legacy_docx_runs_are_converted(tmp_path, plain, encoding):
    doc = read_document(make_docx(tmp_path / f"{encoding}.docx", encoding=encoding))
    assert doc.encoding == encoding and doc.warnings
    assert [[c.lower() for c in r] for r in rows(doc)] == [[c.lower() for c in r] for r in TABLE]
    assert mandates(doc) == mandates(plain)


def test_unicode_text_is_never_taken_for_a_legacy_encoding():
    from graph.analyse.formats.legacy import detect
    from conftest import CORPUS
    for path in sorted(CORPUS.glob("*.txt")):
        assert detect(path.read_text(encoding="utf-8")) is None, path.name
    assert detect(plain_text()) is None


def test_scanned_pdf_is_read_by_ocr_and_its_evidence_marked(notice_pdf, tmp_path, plain):
    from graph.analyse.formats.ocr import tesseract
    exe, missing = tesseract()
    if missing:
        pytest.skip(f"Tesseract with its Vietnamese model is not installed here ({missing})")
    scan = image_only_pdf(notice_pdf, tmp_path / "scan.pdf", pages=1)
    doc = read_document(scan)
    assert doc.ocr_pages == (1,) and not doc.warnings
    # the numbered items of page 1 read as from the text (a table on a scan is read as lines, not rows)
    assert mandates(doc)[:2] == mandates(plain)[:2]
    g = evidence_holds(doc)
    assert all(g.value(ev, MG.ocr).toPython() is True for ev in g.subjects(MG.quote, None))


def test_scanned_page_without_tesseract_gives_a_one_line_warning(notice_pdf, tmp_path, monkeypatch):
    from graph.analyse.formats import ocr
    monkeypatch.setattr(ocr, "tesseract", lambda: (None, f"no text layer and no OCR: {ocr.INSTALL}"))
    (tmp_path / "c").mkdir()
    image_only_pdf(notice_pdf, tmp_path / "c" / "scan.pdf", pages=1, scale=0.5)
    shutil.copy(notice_pdf, tmp_path / "c" / "text.pdf")
    docs, errors = read_corpus(tmp_path / "c")
    assert [str(e) for e in errors] == [f"{tmp_path / 'c' / 'scan.pdf'}: no text in the document"]
    two = tmp_path / "two.pdf"
    import pypdfium2 as pdfium
    merged = pdfium.PdfDocument.new()
    merged.import_pages(pdfium.PdfDocument(str(notice_pdf)))
    merged.import_pages(pdfium.PdfDocument(str(tmp_path / "c" / "scan.pdf")))
    merged.save(str(two))
    doc = read_document(two)
    assert doc.warnings == ("page 3: no text layer and no OCR: install the Debian packages tesseract-ocr "
                            "and tesseract-ocr-vie to read scanned pages",)


def test_corrupt_pdf_docx_and_doc_get_one_line_errors(tmp_path, monkeypatch):
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF garbage")
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip" * 20)
    with zipfile.ZipFile(tmp_path / "empty.docx", "w") as z:
        z.writestr("hello.txt", "no document here")
    (tmp_path / "broken.doc").write_bytes(b"\xd0\xcf\x11\xe0 not an OLE file" * 20)
    (tmp_path / "good.txt").write_text("Bộ Chính trị yêu cầu Thành ủy Hà Nội báo cáo.", encoding="utf-8")
    docs, errors = read_corpus(tmp_path)
    assert [d.name for d in docs] == ["good.txt"]
    reasons = {Path(e.path).name: e.reason for e in errors}
    assert set(reasons) == {"broken.pdf", "broken.docx", "empty.docx", "broken.doc"}
    assert all("\n" not in str(e) and "Traceback" not in str(e) for e in errors)
    assert reasons["broken.pdf"].startswith("not a readable PDF")
    assert "DOCX" in reasons["broken.docx"] and "DOCX" in reasons["empty.docx"]
    from graph.analyse.formats import doc as docreader
    monkeypatch.setattr(docreader.shutil, "which", lambda name: None)
    _, errors = read_corpus(tmp_path)
    assert {Path(e.path).name: e.reason for e in errors}["broken.doc"] == \
        "cannot read .doc: install the Debian package antiword (or catdoc)"


@pytest.mark.slow
def test_build_publishes_each_rendition_and_pdf_evidence_carries_its_page(notice_pdf, tmp_path):
    from graph.build import build
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(notice_pdf, corpus / "notice.pdf")
    make_docx(corpus / "notice.docx")
    (corpus / "old.txt").write_bytes(legacy(plain_text().replace("123/TB", "124/TB"), "tcvn3").encode("cp1252"))
    log = []
    assert build(corpus=corpus, out=tmp_path / "out", log=log.append) == 0
    texts = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "out" / "text").iterdir()}
    assert set(texts) == {"notice.pdf.txt", "notice.docx.txt", "old.txt"}
    assert f"warning: {corpus / 'old.txt'}: legacy font encoding converted to Unicode" in "\n".join(log)
    g = Graph().parse(tmp_path / "out" / "graph.nt", format="nt")
    files = {str(d): str(f) for d, f in g.subject_objects(MG.sourceFile)}
    checked = 0
    for ev in g.subjects(MG.quote, None):
        name = files[str(g.value(ev, MG.source))]
        text = texts[name if name.endswith(".txt") else name + ".txt"]
        s, e = int(g.value(ev, MG.start)), int(g.value(ev, MG.end))
        assert text[s:e] == str(g.value(ev, MG.quote))
        assert (g.value(ev, MG.page) is not None) == name.endswith(".pdf")
        checked += 1
    assert checked > 20


def test_doc_is_read_through_antiword_its_table_rows_piped(tmp_path, monkeypatch, plain):
    """antiword's output for a .doc (a stand-in program prints it here: no .doc writer is at hand
    to make a fixture): paragraphs, and table rows between "|"."""
    from graph.analyse.formats import doc as docreader
    shown = "\n".join(["", *plain_text().splitlines()[:8]] + [f"|{'|'.join(r)}|" for r in TABLE]
                      + plain_text().splitlines()[8 + len(TABLE):]) + "\n"
    (tmp_path / "shown.txt").write_text(shown, encoding="utf-8")
    stub = tmp_path / "antiword"
    stub.write_text(f"#!/bin/sh\ncat '{tmp_path / 'shown.txt'}'\n")
    stub.chmod(0o755)
    monkeypatch.setattr(docreader.shutil, "which", lambda name: str(stub) if name == "antiword" else None)
    (tmp_path / "notice.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    doc = read_document(tmp_path / "notice.doc")
    assert doc.media == "doc" and doc.text == plain.text and rows(doc) == TABLE
    assert mandates(doc) == mandates(plain)


def test_legacy_detection_is_per_line_in_a_mixed_file(tmp_path, plain):
    lines = plain_text().splitlines()
    mixed = [legacy(line, "tcvn3") if k % 2 else line for k, line in enumerate(lines)]
    (tmp_path / "mixed.txt").write_text("\n".join(mixed) + "\n", encoding="utf-8")
    doc = read_document(tmp_path / "mixed.txt")
    assert doc.encoding == "tcvn3" and mandates(doc) == mandates(plain)
    got = doc.text.splitlines()
    assert [got[k] for k in range(0, len(lines), 2)] == lines[::2]          # Unicode lines untouched
    legacy_lines = range(1, len(lines), 2)
    same = sum(got[k].lower() == lines[k].lower() for k in legacy_lines)
    # a line of one word that reads as Vietnamese either way ("Sè:" for "Số:") may stay as it is
    assert same >= len(legacy_lines) - 1
