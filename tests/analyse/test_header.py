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


# A legal-document site's capture (the style of ../shared/corpus-dev/official): its banner and its
# record of the document above the text, its related-documents list below; here the capture lost
# the document's own "Số:" line, so the header comes from the site's record.
SITE_CAPTURE = """Bản dịch này thuộc quyền sở hữu của **
THƯ VIỆN PHÁP LUẬT**. Mọi hành vi sao chép, đăng tải lại là vi phạm pháp luật.
Đang tải văn bản...
**Số hiệu:**
|
17899/BTC-VP
|
|
**Loại văn bản:**
|
Công văn
|
**Nơi ban hành:**
|
Bộ Tài chính
|
|
**Người ký:**
|
Phạm Chí Thanh
|
**Ngày ban hành:**
|
18/11/2025
|
|
|
|
Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.
Bộ Tài chính đề nghị Ủy ban nhân dân các tỉnh, thành phố chỉ đạo các xã cử cán bộ tham dự.
## Văn bản liên quan
Thông tư 80/2021/TT-BTC của Bộ Tài chính
TP. HCM, ngày 31/05/2021
"""


def test_site_record_gives_the_header_a_capture_lost_and_the_site_chrome_is_boilerplate(tmp_path):
    analysed = analyse(_doc(tmp_path, SITE_CAPTURE), bundled_lexicon())
    meta = analysed.meta
    assert (meta.identifier, meta.type_code, meta.issued.isoformat()) == ("17899/BTC-VP", "CV", "2025-11-18")
    assert meta.issuer.endswith("/bo-tai-chinh") and meta.signer == "Phạm Chí Thanh"
    kinds = {analysed.normal.text[b.start:b.end].split(":")[0]: b.kind for b in analysed.segmented.blocks}
    assert kinds["Loại văn bản"] == kinds["Bản dịch này thuộc quyền sở hữu của THƯ VIỆN PHÁP LUẬT. Mọi hành vi sao chép, đăng tải lại là vi phạm pháp luật."] == "boilerplate"
    # the related-documents list and the site's footer ("TP. HCM, ngày ...") name no actor
    bodies = {m.iri.rsplit("/", 1)[1] for m in analysed.mentions if m.kind == "body"}
    assert "thanh-pho-ha-noi" not in bodies and "thanh-pho-ho-chi-minh" not in bodies
    assert not any(m.kind == "document" and "80-2021" in m.iri for m in analysed.mentions)


def test_news_pages_are_typed_tin_as_the_annotation_guide_writes_it():
    from graph.ontology import document_types
    from graph.analyse.metadata import _news_code
    assert document_types()[_news_code()].vi == "Tin"


def test_regression_signer_name_ends_before_the_sites_title_line(tmp_path):
    """A capture glues the site's title of the document after the signer: "Thượng tướng Lê Huy
    Vịnh" / "Thông tư 130/2025/TT-BQP sửa đổi ..." was read as the signer "Lê Huy Vịnh Thông"."""
    text = ("BỘ QUỐC PHÒNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 130/2025/TT-BQP | Hà Nội, ngày 25 tháng 11 năm 2025\nTHÔNG TƯ\nSỬA ĐỔI THÔNG TƯ 67\n"
            "Điều 1. Cục Xe máy - Vận tải thực hiện thủ tục.\nNơi nhận:\n- Lưu: VT.\n"
            "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nThượng tướng Lê Huy Vịnh Thông tư 130/2025/TT-BQP sửa đổi Thông tư 67/2024/TT-BQP\n")
    analysed = analyse(_doc(tmp_path, text, "tt.txt"), bundled_lexicon())
    assert analysed.meta.signer == "Lê Huy Vịnh"
    assert {m.surface for m in analysed.mentions if m.kind == "person"} == {"Lê Huy Vịnh"}


def test_a_news_pages_source_and_publication_line(tmp_path):
    text = ("# Khẩn trương có phương án giảm giá bất động sản\n\n"
            "Ngày 9/6/2025, Văn phòng Chính phủ thông báo kết luận của Thường trực Chính phủ.\n\n"
            "Thường trực Chính phủ yêu cầu Bộ Xây dựng rà soát các quy chuẩn.\n\n"
            "Theo Cổng thông tin điện tử Chính phủ\n\n"
            "Giờ đăng: 11:28 ngày 10/06/2025\n")
    meta = analyse(_doc(tmp_path, text, "news.md"), bundled_lexicon()).meta
    assert meta.issued.isoformat() == "2025-06-10"              # published, not the meeting's date
    assert meta.issuer.endswith("/cong-thong-tin-dien-tu-chinh-phu")


def test_regression_the_states_name_in_a_pages_references_is_no_header(tmp_path):
    """An encyclopedia page cites "BÁO ĐIỆN TỬ CỦA CHÍNH PHỦ NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    among its references: the State's name was read as the motto and "NƯỚC" before it as the
    issuer, an unnamed body "nuoc" that 160 crawl pages said had issued them."""
    text = ("# Kinh tế Việt Nam\n\nKinh tế Việt Nam là một nền kinh tế thị trường.\n\n"
            "^Nhìn lại 30 năm Đổi mới và hội nhập, 02/01/2017, BÁO ĐIỆN TỬ CỦA CHÍNH PHỦ NƯỚC CỘNG HÒA XÃ "
            "HỘI CHỦ NGHĨA VIỆT NAM^Việt Nam đạt nhiều thành tựu, Báo Nhân dân\n")
    meta = analyse(_doc(tmp_path, text, "wiki.md"), bundled_lexicon()).meta
    assert meta.issuer is None or not meta.issuer.endswith("/nuoc")


def test_regression_markdown_bold_left_of_the_motto_names_no_issuer(tmp_path):
    """A capture saved as .txt keeps markdown's bold: "**ỦY BAN NHÂN DÂN **" / "TỈNH HÀ TĨNH" /
    "** | **CỘNG HÒA ...": the "**" before the motto was taken for the issuer's name, whose slug is
    "x", a body "X" drawn in the views."""
    from graph.analyse.metadata import read_header
    text = ("**ỦY BAN NHÂN DÂN **\nTỈNH HÀ TĨNH\n-----\n**\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n"
            "Độc lập - Tự do - Hạnh phúc\nSố: 3005/QĐ-UBND | Hà Tĩnh, ngày 01 tháng 12 năm 2025\n")
    issuer = read_header(text, bundled_lexicon()).get("issuer")
    assert issuer is None or not issuer.endswith("/x")


def test_regression_a_titles_markdown_bold_is_not_kept(tmp_path):
    """Crawl pages saved as .txt keep markdown's bold, and their titles came out as
    "**BAN CHẤP HÀNH TRUNG ƯƠNG**", shown so in every view and output."""
    text = ("**KẾ HOẠCH TRIỂN KHAI CÔNG TÁC CHUYỂN ĐỔI SỐ NĂM 2025**\n\n"
            "Ủy ban nhân dân tỉnh ban hành kế hoạch triển khai như sau.\n")
    title = analyse(_doc(tmp_path, text, "plan.txt"), bundled_lexicon()).meta.title
    assert title == "KẾ HOẠCH TRIỂN KHAI CÔNG TÁC CHUYỂN ĐỔI SỐ NĂM 2025"
    from graph.analyse.normalise import without_emphasis
    assert without_emphasis("# TPHCM chủ động phòng chống Covid-19") == "TPHCM chủ động phòng chống Covid-19"
    assert without_emphasis("**ỦY BAN NHÂN DÂN ** TỈNH QUẢNG TRỊ") == "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ"


def test_regression_a_title_over_lines_is_no_enacting_authority(tmp_path):
    """A normative resolution enacts in a sentence ("Chính phủ ban hành Nghị quyết ...") after its
    basis: the line above "Căn cứ" is the end of its title ("DOANH CASINO"), no body, so no authority
    (it was read as the body "Doanh casino", the assigner of every task)."""
    text = ("CHÍNH PHỦ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 08/2025/NQ-CP | Hà Nội, ngày 26 tháng 11 năm 2025\nNGHỊ QUYẾT\n"
            "VỀ VIỆC CHO PHÉP NGƯỜI VIỆT NAM VÀO CHƠI CASINO TẠI MỘT SỐ DỰ ÁN KINH\nDOANH CASINO\n"
            "Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;\n"
            "Chính phủ ban hành Nghị quyết về việc cho phép người Việt Nam vào chơi casino.\n"
            "Điều 1. Bộ Tài chính chịu trách nhiệm hướng dẫn thi hành.\n")
    meta = analyse(_doc(tmp_path, text, "nq.txt"), bundled_lexicon()).meta
    assert meta.authority is None and meta.issuer.endswith("/chinh-phu")


def test_regression_a_telegrams_authority_broken_after_its_first_word(tmp_path):
    """A capture broke "THỦ TƯỚNG CHÍNH PHỦ điện:" after "THỦ": the authority was read as the body
    "Tướng Chính phủ"; the word above joins the line when together they name a body."""
    text = ("THỦ TƯỚNG CHÍNH PHỦ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 232/CĐ-TTg | Hà Nội, ngày 28 tháng 11 năm 2025\nCÔNG ĐIỆN\n"
            "VỀ VIỆC TĂNG CƯỜNG CÔNG TÁC QUẢN LÝ HÀNG DỰ TRỮ QUỐC GIA\nTHỦ\nTƯỚNG CHÍNH PHỦ điện:\n"
            "- Bộ trưởng Bộ Tài chính;\n1. Bộ Tài chính khẩn trương xuất cấp hàng dự trữ quốc gia.\n")
    meta = analyse(_doc(tmp_path, text, "cd.txt"), bundled_lexicon()).meta
    assert meta.authority.endswith("/thu-tuong-chinh-phu")


def test_a_telegrams_addressees_run_to_the_end_of_their_block(tmp_path):
    """Issue 14: the list after "THỦ TƯỚNG CHÍNH PHỦ điện:" broke at an item's line break and kept
    one body per item, so the telegram had no addressees. Each item runs over its lines ("cơ quan
    thuộc / Chính phủ;"), a cell's "|" and the page's noise lines; an enumeration gives each body;
    the formula of posts names its groups, never "Chính phủ" (nor the lead's); the first paragraph
    ends the block."""
    text = TELEGRAM.replace(
        "- Bộ trưởng Bộ Tài chính;\n- Chủ tịch Ủy ban nhân dân các tỉnh.\n",
        "|\n** **\n|\n- Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc\nChính phủ;\n"
        "- Bộ trưởng các Bộ: | Quốc phòng, Công an,\nTài chính;\n"
        "- Chủ tịch Ủy ban nhân dân các tỉnh: Hà Tĩnh,\nQuảng Trị.\n|\n"
        "Thiết thực lập thành tích chào mừng Đại hội, Bộ Xây dựng và Bộ Y tế đã\nchủ động triển khai.\n")
    meta = analyse(_doc(tmp_path, text), bundled_lexicon()).meta
    assert [a.rsplit("/", 1)[-1] for a in meta.addressees] == [
        "cac-bo", "co-quan-ngang-bo", "co-quan-thuoc-chinh-phu", "bo-quoc-phong", "bo-cong-an", "bo-tai-chinh",
        "uy-ban-nhan-dan-tinh-ha-tinh", "uy-ban-nhan-dan-tinh-quang-tri"]


def test_a_letters_addressee_on_the_lead_line_stops_before_the_paragraph(tmp_path):
    """"Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung / ương" then the letter's
    first paragraph, which never closes within the block: the addressee is the first line's."""
    text = TELEGRAM.replace(
        "**THỦ TƯỚNG CHÍNH PHỦ điện:**\n- Bộ trưởng Bộ Tài chính;\n- Chủ tịch Ủy ban nhân dân các tỉnh.\n",
        "Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc\nTrung ương\nTriển khai Thông tư của Bộ trưởng\n"
        "Bộ Tài chính sửa đổi, bổ sung một số điều của Thông tư số 44/2022/TT-BTC,\nBộ Nội vụ hướng dẫn như\n"
        "sau:\n")
    meta = analyse(_doc(tmp_path, text), bundled_lexicon()).meta
    assert [a.rsplit("/", 1)[-1] for a in meta.addressees] == ["uy-ban-nhan-dan-cac-tinh-thanh-pho-truc-thuoc-trung-uong"]


def _header(issuer_lines: str):
    from graph.analyse.metadata import read_header
    named: dict = {}
    text = (issuer_lines + " | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n| Độc lập - Tự do - Hạnh phúc\n"
            "Số: 12/QĐ-UBND | Đồng Tháp, ngày 3 tháng 2 năm 2026\nQUYẾT ĐỊNH\nVỀ VIỆC GIAO NHIỆM VỤ\n")
    return read_header(text, bundled_lexicon(), named), named


def test_regression_a_fragment_left_of_the_motto_is_no_issuer():
    """126 actors of the crawl had no name at all: issuers read from the words left of the motto,
    some of them fragments of a line ("trên địa bàn tỉnh Đồng Tháp", "giai đoạn 2026 2030")."""
    head, named = _header("trên địa bàn tỉnh Đồng Tháp")
    assert head.get("issuer") is None and not named


def test_an_issuer_the_gazetteer_lacks_is_described_under_its_parent():
    head, named = _header("BỘ TÀI CHÍNH CỤC THUẾ")
    ref = named[head["issuer"]]
    assert head["issuer"].endswith("/cuc-thue") and ref.name == "CỤC THUẾ" and ref.cls == "StateBody"
    assert ref.parent.endswith("/bo-tai-chinh")
