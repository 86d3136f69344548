"""Fixtures made by the tests themselves (issue 15): a Government-style notice with a task table,
as plain text, an HTML page, a PDF printed from that page by headless Chromium (the table across a
page break, a header and a footer on every page), a DOCX made with python-docx, TCVN3 and VNI
renditions made with graph/data/legacy_encodings.yaml, and an image-only PDF for OCR."""
from __future__ import annotations

import html
import shutil
import subprocess
from pathlib import Path

import yaml

from conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

HEAD = ["VĂN PHÒNG CHÍNH PHỦ", "Số: 123/TB-VPCP", "THÔNG BÁO",
        "Kết luận của Thủ tướng Chính phủ tại cuộc họp về chuyển đổi số quốc gia"]
BODY = [
    "Ngày 10 tháng 3 năm 2025, Thủ tướng Chính phủ chủ trì cuộc họp về chuyển đổi số quốc gia. "
    "Sau khi nghe báo cáo, Thủ tướng Chính phủ kết luận như sau:",
    "1. Giao Bộ Công an chủ trì, phối hợp với Bộ Tư pháp hoàn thiện cơ sở dữ liệu quốc gia về dân cư, "
    "hoàn thành trước ngày 30 tháng 6 năm 2025.",
    "2. Giao Bộ Tài chính bố trí kinh phí cho các dự án chuyển đổi số, báo cáo Thủ tướng Chính phủ "
    "trước ngày 31 tháng 12 năm 2025.",
    "3. Các bộ, cơ quan thực hiện các nhiệm vụ tại bảng sau:",
]
TABLE = [
    ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn"],
    ["1", "Giao Bộ Nội vụ xây dựng Đề án sắp xếp tổ chức bộ máy", "Bộ Nội vụ", "Tháng 6 năm 2025"],
    ["2", "Giao Bộ Tư pháp rà soát văn bản quy phạm pháp luật về dữ liệu", "Bộ Tư pháp", "Quý III năm 2025"],
    ["3", "Giao Bộ Y tế triển khai hồ sơ sức khỏe điện tử", "Bộ Y tế", "Tháng 9 năm 2025"],
    ["4", "Giao Bộ Giáo dục và Đào tạo số hóa học bạ", "Bộ Giáo dục và Đào tạo", "Năm 2025"],
]
TAIL = ["Văn phòng Chính phủ thông báo để các bộ, cơ quan liên quan biết, thực hiện.",
        "KT. BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", "Trần Văn Sơn"]
RUNNING_HEAD = "Thông báo số 123/TB-VPCP của Văn phòng Chính phủ"


def plain_text() -> str:
    """The notice as a text file, its table written as a pipe table, one row a line."""
    rows = [" | ".join(r) for r in TABLE]
    return "\n".join(HEAD + BODY + rows + TAIL) + "\n"


def _table_html(rows: list[list[str]]) -> str:
    e = html.escape
    head = "".join(f"<th>{e(c)}</th>" for c in rows[0])
    body = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in rows[1:])
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


STYLE = ("body{font-family:'DejaVu Serif',serif;font-size:13pt;margin:0}@page{size:A4;margin:20mm}"
         "table{border-collapse:collapse;width:100%}td,th{border:1px solid #000;padding:4px;vertical-align:top}"
         ".page{break-after:page}.run{font-size:9pt;margin:0 0 12pt 0}p{margin:0 0 6pt 0}")


def html_page() -> str:
    """The notice as a web page (one table)."""
    e = html.escape
    return ("<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>Thông báo</title></head><body>"
            + "".join(f"<p>{e(p)}</p>" for p in HEAD + BODY) + _table_html(TABLE)
            + "".join(f"<p>{e(p)}</p>" for p in TAIL) + "</body></html>")


def print_page() -> str:
    """The notice laid out for print on two pages, as a portal's PDF is: the same header line and
    a numbered footer on each page, the task table broken after its second row, its header row
    repeated on the second page."""
    e = html.escape
    def page(number: int, content: str) -> str:
        return (f'<div class="page"><p class="run">{e(RUNNING_HEAD)}</p>{content}'
                f'<p class="run">Cổng Thông tin điện tử Chính phủ - Trang {number}</p></div>')
    first = "".join(f"<p>{e(p)}</p>" for p in HEAD + BODY) + _table_html(TABLE[:3])
    second = _table_html([TABLE[0]] + TABLE[3:]) + "".join(f"<p>{e(p)}</p>" for p in TAIL)
    return (f"<!doctype html><html lang='vi'><head><meta charset='utf-8'><style>{STYLE}</style></head><body>"
            + page(1, first) + page(2, second) + "</body></html>")


def print_pdf(html_text: str, target: Path) -> Path:
    """``html_text`` printed to ``target`` by headless Chromium (no header or footer of its own)."""
    page = target.with_suffix(".print.html")
    page.write_text(html_text, encoding="utf-8")
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={target}", page.as_uri()], check=True, capture_output=True, timeout=120)
    page.unlink()
    return target


def image_only_pdf(source_pdf: Path, target: Path, *, scale: float = 300 / 72, pages: int | None = None) -> Path:
    """Each page of ``source_pdf`` (the first ``pages``) rendered to a picture, the pictures as a
    PDF with no text layer, as a scanner makes."""
    import pypdfium2 as pdfium
    src, out = pdfium.PdfDocument(str(source_pdf)), pdfium.PdfDocument.new()
    for k, page in enumerate(src):
        if pages is not None and k >= pages:
            break
        w, h = page.get_size()
        bitmap = page.render(scale=scale, grayscale=True)
        new = out.new_page(w, h)
        image = pdfium.PdfImage.new(out)
        image.set_bitmap(bitmap)
        image.set_matrix(pdfium.PdfMatrix().scale(w, h))
        new.insert_obj(image)
        new.gen_content()
    out.save(str(target))
    return target


def legacy(text: str, encoding: str) -> str:
    """``text`` in a legacy font encoding, by the conversion table (as a .VnTime or VNI-Times font
    document shows it when read as Windows-1252 characters)."""
    table = yaml.safe_load((ROOT / "graph/data/legacy_encodings.yaml").read_text(encoding="utf-8"))[encoding]
    if encoding == "tcvn3":        # toned capitals: the lower-case code in a capitals font
        return "".join(table.get(c, table.get(c.lower(), c)) for c in text)
    return "".join(table.get(c, c) for c in text)


def make_docx(target: Path, *, encoding: str | None = None) -> Path:
    """The notice as a Word document made with python-docx: its numbered items a numbered list
    (Word draws "1.", "2.", the text holds no number), the task table a Word table. ``encoding``
    (tcvn3, vni): every run written in that legacy encoding with the font such documents use."""
    import docx
    font = {"tcvn3": ".VnTime", "vni": "VNI-Times"}.get(encoding or "")
    def put(paragraph, text):
        run = paragraph.add_run(legacy(text, encoding) if encoding else text)
        if font:
            run.font.name = font
    d = docx.Document()
    for line in HEAD + BODY[:1]:
        put(d.add_paragraph(), line)
    for line in BODY[1:]:
        put(d.add_paragraph(style="List Number"), line.split(". ", 1)[1])
    table = d.add_table(rows=len(TABLE), cols=len(TABLE[0]))
    for r, row in enumerate(TABLE):
        for c, cell in enumerate(row):
            put(table.cell(r, c).paragraphs[0], cell)
    for line in TAIL:
        put(d.add_paragraph(), line)
    d.save(str(target))
    return target
