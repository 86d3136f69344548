"""Issue 13, items 1-2: markdown captures read as text and tables; an official document's header
and closing read into DocumentMeta. Each line below is in the style of the captures it serves."""
from graph.analyse.read import read_document
from graph.pipeline import analyse
from conftest import bundled_lexicon

TELEGRAM = """Đang tải văn bản...
**Số hiệu:**
|
229/CĐ-TTg
|
|
THỦ TƯỚNG CHÍNH PHỦ
-------
|
**CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
|
|
Số: 229/CĐ-TTg
|
*Hà Nội, ngày 26
tháng 11 năm 2025*
|
**CÔNG ĐIỆN**
VỀ KHẨN TRƯƠNG TRIỂN KHAI CÁC NHIỆM VỤ
**THỦ TƯỚNG CHÍNH PHỦ điện:**
- Bộ trưởng Bộ Tài chính;
- Chủ tịch Ủy ban nhân dân các tỉnh.
1. Bộ Tài chính khẩn trương rà soát, báo cáo Thủ tướng Chính phủ.
|
Nơi nhận:
- Như trên;
- Lưu: VT, TCCV.
|
**KT. THỦ TƯỚNG**
**PHÓ THỦ TƯỚNG**
**Nguyễn Chí Dũng**
|
"""

LETTER = """|
BỘ TÀI CHÍNH
**CỤC THUẾ**
|
**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
|
|
Số: 5348/CT-CS
*V/v hướng dẫn góp vốn điều lệ*
|
*Hà Nội, ngày 20 tháng 11 năm 2025*
|
**Kính gửi:** Thuế tỉnh Quảng Trị.
Cục Thuế có ý kiến để Thuế tỉnh Quảng Trị biết.
|
Nơi nhận:
- Như trên;
- Lưu: VT, CS.
|
**TL. CỤC TRƯỞNG**
PHÓ TRƯỞNG BAN
Phạm Thị Minh Hiền
|
"""

TABLE = """**PHỤ LỤC II**
DANH MỤC CÁC NHIỆM VỤ
*(Kèm theo Quyết định số 2629/QĐ-TTg)*
|
**TT**
|
**Nhiệm vụ**
|
**Cơ quan chủ trì**
|
|
**I**
|
**Hoàn thiện thể chế**
|
|
1
|
Xây dựng Luật Chuyển đổi số
|
Bộ Khoa học và
Công nghệ
|
|
"""


def _doc(tmp_path, text, name="doc.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_document(path)


def test_markdown_markup_is_stripped_and_flattened_cells_become_rows(tmp_path):
    doc = _doc(tmp_path, LETTER)
    assert doc.media == "markdown" and "**" not in doc.text and "*V/v" not in doc.text
    assert "BỘ TÀI CHÍNH CỤC THUẾ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in doc.text
    for table in doc.tables:
        for row in table.rows:
            for cell in row:
                assert doc.text[cell.start:cell.end] == cell.text


def test_flattened_table_rows_keep_their_columns_and_a_spanning_row(tmp_path):
    doc = _doc(tmp_path, TABLE)
    rows = [[c.text for c in row] for t in doc.tables for row in t.rows]
    assert rows == [["TT", "Nhiệm vụ", "Cơ quan chủ trì"], ["I", "Hoàn thiện thể chế"],
                    ["1", "Xây dựng Luật Chuyển đổi số", "Bộ Khoa học và Công nghệ"]]
    assert doc.text.startswith("PHỤ LỤC II\n")


def test_pipe_tables_are_tables(tmp_path):
    doc = _doc(tmp_path, "Bảng:\n\n| TT | Nhiệm vụ |\n|---|---|\n| 1 | Rà soát |\n")
    assert [[c.text for c in row] for t in doc.tables for row in t.rows] == [["TT", "Nhiệm vụ"], ["1", "Rà soát"]]


def test_telegram_header_and_signature(tmp_path):
    meta = analyse(_doc(tmp_path, TELEGRAM), bundled_lexicon()).meta
    assert (meta.identifier, meta.type_code, meta.issued.isoformat()) == ("229/CĐ-TTg", "CĐ", "2025-11-26")
    assert meta.issuer.endswith("/thu-tuong-chinh-phu") and meta.authority.endswith("/thu-tuong-chinh-phu")
    assert meta.place == "Hà Nội"                       # the date line's place: never an actor
    assert (meta.signer, meta.signer_post) == ("Nguyễn Chí Dũng", "Phó thủ tướng")
    assert meta.title.startswith("VỀ KHẨN TRƯƠNG")


def test_letter_subject_issuer_under_its_parent_and_addressee(tmp_path):
    meta = analyse(_doc(tmp_path, LETTER), bundled_lexicon()).meta
    assert (meta.identifier, meta.type_code, meta.issuer_code) == ("5348/CT-CS", "CV", "CT")
    assert meta.issuer.endswith("/cuc-thue")
    assert meta.title == "hướng dẫn góp vốn điều lệ"
    assert meta.signer == "Phạm Thị Minh Hiền" and meta.signer_post == "Phó trưởng ban"
