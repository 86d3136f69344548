"""Mandate rules of Government Office letters conveying a leader's instructions, of provincial
letters conveying a chairman's, and of news reports of leaders' instructions (issue 14), each with
a passage in the style it serves."""

from conftest import extract_text

B = "https://w3id.org/mandate-graph/id/body/"
VPCP = B + "van-phong-chinh-phu"
BXD, BTC = B + "bo-xay-dung", B + "bo-tai-chinh"
UBT = B + "uy-ban-nhan-dan-cac-tinh-thanh-pho-truc-thuoc-trung-uong"


def _extract(text: str, **meta):
    n, extraction = extract_text(text, **meta)
    return n, sorted(extraction.mandates, key=lambda m: m.start)


def _by_opening(n, ms, words=2) -> dict:
    return {" ".join(n.text[m.start:m.end].split()[:words]): m for m in ms}


# A news report of a telegram: "Thủ tướng Chính phủ yêu cầu:", then actor headings numbered in
# parentheses, each with "-" items or plain paragraphs.
NEWS_OF_TELEGRAM = (
    "Thủ tướng yêu cầu tập trung xử lý việc thao túng giá bất động sản\n"
    "Để ổn định thị trường bất động sản, Thủ tướng Chính phủ yêu cầu:\n"
    "(1) Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân "
    "các tỉnh, thành phố trực thuộc Trung ương:\n"
    "- Đẩy mạnh truyền thông, công khai, minh bạch thông tin liên quan đến nhà ở.\n"
    "- Đồng thời, tăng cường kiểm soát chặt chẽ các kênh thông tin không chính thống.\n"
    "(2) Bộ trưởng Bộ Xây dựng:\n"
    "- Chủ trì phối hợp với Bộ Tư pháp nghiên cứu đề xuất Đề án thí điểm; báo cáo Thủ tướng Chính phủ "
    "trong Quý II năm 2025.\n"
    "- Chủ động theo dõi tình hình thị trường bất động sản.\n"
    "(3) Bộ trưởng Bộ Tài chính:\n"
    "- Nghiên cứu, đề xuất chính sách thuế nhằm hạn chế hoạt động đầu cơ bất động sản.\n")


def test_items_under_an_actor_heading_numbered_in_parentheses_are_its_tasks():
    """"(2) Bộ trưởng Bộ Xây dựng:" heads the "-" items after it, until "(3) Bộ trưởng Bộ Tài chính:"."""
    n, ms = _extract(NEWS_OF_TELEGRAM)
    by = _by_opening(n, ms)
    assert by["Chủ trì"].assignees == (BXD,) and by["Chủ trì"].role == "lead"
    assert by["Chủ trì"].deadline.deadline.isoformat() == "2025-06-30"
    assert by["Chủ động"].assignees == (BXD,)
    assert by["Nghiên cứu,"].assignees == (BTC,)


def test_the_governments_formula_of_posts_under_a_lead_in_names_its_groups():
    """"... yêu cầu:" then "(1) Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ,
    Chủ tịch ...:": the formula is asked to act though the verb closes the line above."""
    n, ms = _extract(NEWS_OF_TELEGRAM)
    by = _by_opening(n, ms)
    for opening in ("Đẩy mạnh", "Đồng thời,"):
        assert set(by[opening].assignees) == {B + "cac-bo", B + "co-quan-ngang-bo", B + "co-quan-thuoc-chinh-phu",
                                             UBT}, opening


def test_a_sites_summary_above_the_document_gives_no_task():
    """A legal-document site paraphrases a Government Office letter above the letter itself
    ("Trong đó, đơn cử chỉ đạo Bộ trưởng Bộ Tài chính ..."): the tasks are the letter's, once."""
    summary = ("Nâng cao hiệu quả công tác chống buôn lậu\n"
               "Trong đó, đơn cử chỉ đạo Bộ trưởng Bộ Tài chính tập trung thực hiện một số nhiệm vụ sau:\n"
               "- Hoàn thiện Kế hoạch cao điểm chống buôn lậu dịp Tết;\n"
               "+ Báo cáo Phó Thủ tướng Chính phủ trước ngày 30/11/2025.\n")
    letter = ("VĂN PHÒNG CHÍNH PHỦ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
              "Số: 11554/VPCP-V.I\n"
              "Kính gửi: Bộ trưởng Bộ Tài chính.\n"
              "Phó Thủ tướng Chính phủ có ý kiến như sau:\n"
              "1. Bộ Tài chính khẩn trương hoàn thiện Kế hoạch cao điểm chống buôn lậu dịp Tết; báo cáo "
              "Phó Thủ tướng Chính phủ trước ngày 30 tháng 11 năm 2025.\n")
    n, ms = _extract(summary + letter, issuer=VPCP, addressees=(BTC,), type_code="CV", identifier="11554/VPCP-V.I")
    assert ms and all(m.start >= len(summary) for m in ms)
    assert [m.assignees for m in ms] == [(BTC,)]


def test_a_minister_directing_units_to_do_the_tasks_below_holds_them():
    """"3. Bộ trưởng Bộ Tài chính chỉ đạo các đơn vị liên quan khẩn trương thực hiện một số nhiệm vụ
    sau:" then "3.1.", "3.2.": the minister the letter addresses answers for each item, not the
    units he directs; the lead-in, which only opens the list, is no task."""
    text = ("Phó Thủ tướng Chính phủ có ý kiến như sau:\n"
            "3. Bộ trưởng Bộ Tài chính chỉ đạo các đơn vị liên quan khẩn trương thực hiện một số nhiệm vụ sau:\n"
            "3.1. Hoàn thiện Kế hoạch cao điểm chống buôn lậu dịp Tết; báo cáo Phó Thủ tướng Chính phủ trước "
            "ngày 30 tháng 11 năm 2025.\n"
            "3.2. Khẩn trương tiến hành sơ kết 6 tháng việc thực hiện Chỉ thị số 13/CT-TTg.\n")
    n, ms = _extract(text, issuer=VPCP, addressees=(BTC,))
    assert [" ".join(n.text[m.start:m.end].split()[:2]) for m in ms] == ["Hoàn thiện", "Khẩn trương"]
    assert all(m.assignees == (BTC,) and m.explicit for m in ms)
    assert ms[0].deadline.deadline.isoformat() == "2025-11-30"


# The tail of a news report of a telegram: an actor heading without its colon over a paragraph.
TELEGRAM_TAIL = "\n".join((             # a web page: a paragraph a line
    "Thủ tướng yêu cầu chấn chỉnh thị trường bất động sản",
    "Ngày 15/01/2025 Thủ tướng Chính phủ ban hành Công điện 03/CĐ-TTg về việc tập trung chấn chỉnh, xử lý "
    "việc thao túng giá và đầu cơ bất động sản và thanh tra, kiểm tra các dự án đầu tư xây dựng bất động sản.",
    "Để tăng cường kiểm soát và ổn định thị trường bất động sản, giá nhà đất và chấn chỉnh, xử lý kịp thời "
    "việc thao túng, đẩy giá và đầu cơ bất động sản, Thủ tướng Chính phủ yêu cầu:",
    "(3) Bộ trưởng Bộ Xây dựng:",
    "- Phối hợp với Bộ Công an và các bộ liên quan nghiên cứu, thực hiện chuyển đổi số để liên thông các thủ "
    "tục từ giao dịch bất động sản, công chứng, thuế và đăng ký giao dịch đất đai trên môi trường điện tử.",
    "(4) Bộ trưởng Bộ Tài chính:",
    "- Phối hợp với Bộ Công an và các bộ liên quan nghiên cứu, thực hiện chuyển đổi số để liên thông các thủ "
    "tục từ giao dịch bất động sản, công chứng, thuế và đăng ký giao dịch đất đai trên môi trường điện tử.",
    "(5) Thống đốc Ngân hàng Nhà nước Việt Nam",
    "Chỉ đạo rà soát kỹ lưỡng, thanh tra các tổ chức tín dụng cho vay có tài sản bảo đảm là bất động sản cần "
    "được định giá khách quan, hợp lý, tuân thủ quy định và tập trung quản lý rủi ro tín dụng.",
    "(9) Văn phòng Chính phủ",
    "Theo chức năng nhiệm vụ đôn đốc các bộ, cơ quan, địa phương thực hiện nhiệm vụ được giao tại Công điện "
    "số 03/CĐ-TTg của Thủ tướng Chính phủ về chấn chỉnh thị trường bất động sản.")) + "\n"


def test_an_actor_heading_without_colon_gives_the_paragraph_under_it_its_actor():
    n, ms = _extract(TELEGRAM_TAIL)
    by = _by_opening(n, ms)
    assert by["Chỉ đạo"].assignees == (B + "ngan-hang-nha-nuoc-viet-nam",)
    assert by["Theo chức"].assignees == (VPCP,)


def test_a_framed_task_takes_the_role_of_its_verb():
    """"Theo chức năng nhiệm vụ đôn đốc ...": to urge on is to monitor, whatever frames it."""
    n, ms = _extract(TELEGRAM_TAIL)
    assert _by_opening(n, ms)["Theo chức"].role == "monitor"


def test_the_same_words_under_two_actor_headings_are_two_mandates():
    """Bộ Xây dựng and Bộ Tài chính are each told "Phối hợp với Bộ Công an ... nghiên cứu, thực hiện
    chuyển đổi số": one task each, not a page's summary repeating the document."""
    n, ms = _extract(TELEGRAM_TAIL)
    same = [m for m in ms if n.text[m.start:m.end].startswith("Phối hợp với Bộ Công an")]
    assert [m.assignees for m in same] == [(BXD,), (BTC,)]


def test_a_news_pages_headline_is_no_task():
    """"Thủ tướng yêu cầu chấn chỉnh thị trường bất động sản" titles the report; the tasks are the
    ones it reports below."""
    n, ms = _extract(TELEGRAM_TAIL)
    assert ms and not any(n.text[m.start:m.end].startswith("Thủ tướng yêu cầu chấn chỉnh") for m in ms)


def test_a_news_pages_summing_up_is_no_task():
    """"Như vậy, Thủ tướng yêu cầu xử lý nghiêm ..." and "Trên đây là thông tin về “Thủ tướng yêu cầu
    ...”" restate what the page reported; the reported task is counted where it is reported."""
    text = TELEGRAM_TAIL + "\n".join((
        "Như vậy, Thủ tướng yêu cầu Bộ Xây dựng xử lý nghiêm vi phạm và công khai các trường hợp sai phạm "
        "theo quy định, bảo đảm thị trường bất động sản phát triển an toàn, lành mạnh, bền vững.",
        "*Trên đây là thông tin về “Thủ tướng yêu cầu Bộ Tài chính cắt giảm ít nhất 50% thủ tục đầu tư "
        "xây dựng nhà ở xã hội (Thông báo 596/TB-VPCP năm 2025)”.*")) + "\n"
    n, ms = _extract(text)
    assert ms and not any(n.key[m.start:m.end].startswith(("như vậy", "trên đây", "*trên đây")) for m in ms)


def test_a_lead_in_naming_its_actor_then_as_follows_is_no_task():
    """"Theo Chỉ thị 01/CT-TTg ..., Thủ tướng Chính phủ yêu cầu Bộ trưởng Bộ Công Thương như sau:"
    names who takes the items below; it states no task of its own."""
    text = "\n".join((
        "Tuyệt đối không để thiếu điện trong bất cứ trường hợp nào",
        "Theo Chỉ thị 01/CT-TTg năm 2025, để chủ động các giải pháp từ sớm, từ xa, bảo đảm tuyệt đối không để "
        "thiếu điện trong bất cứ trường hợp nào, Thủ tướng Chính phủ yêu cầu Bộ trưởng Bộ Công Thương như sau:",
        "- Chịu trách nhiệm trước Chính phủ, Thủ tướng Chính phủ về bảo đảm cung ứng đủ điện năm 2025 và các "
        "năm tiếp theo, không để thiếu điện cho sản xuất, kinh doanh và tiêu dùng của Nhân dân trong mọi tình huống;",
        "- Tập trung rà soát, nghiên cứu điều chỉnh Quy hoạch điện VIII để kịp thời cập nhật các yêu cầu, mục tiêu "
        "chiến lược mới về phát triển kinh tế - xã hội, hoàn thành trước ngày 28 tháng 02 năm 2025.")) + "\n"
    n, ms = _extract(text)
    assert [" ".join(n.text[m.start:m.end].split()[:2]) for m in ms] == ["Chịu trách", "Tập trung"]
    assert all(m.assignees == (B + "bo-cong-thuong",) for m in ms)
