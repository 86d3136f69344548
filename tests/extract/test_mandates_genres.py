"""Mandate rules of the genres (issue 14), each with a sentence in the style it serves: Government
Office notices of a leader's conclusions and letters conveying a leader's opinion, telegrams,
provincial decisions."""

from conftest import bundled_lexicon, extract_text

B = "https://w3id.org/mandate-graph/id/body/"
TTG, VPCP = B + "thu-tuong-chinh-phu", B + "van-phong-chinh-phu"
BXD, BCA, BYT = B + "bo-xay-dung", B + "bo-cong-an", B + "bo-y-te"


def _extract(text: str, **meta):
    n, extraction = extract_text(text, **meta)
    return n, sorted(extraction.mandates, key=lambda m: m.start)


def _opening(n, m, words=2) -> str:
    return " ".join(n.text[m.start:m.end].split()[:words])


def test_an_item_numbered_in_parentheses_opens_with_its_actor():
    """A notice's "(3) Bộ Công an tiếp tục chủ động phối hợp, hướng dẫn ...": the "(3)" is the item's
    number, Bộ Công an its subject (not the "các đơn vị liên quan" it directs later on)."""
    text = ("Phó Thủ tướng Chính phủ kết luận như sau:\n"
            "(3) Bộ Công an tiếp tục chủ động phối hợp, hướng dẫn Bộ Y tế và các nhà thầu giải quyết dứt điểm "
            "các vướng mắc; chỉ đạo các đơn vị liên quan thẩm định thiết kế phòng cháy, chữa cháy.\n")
    _, [m] = _extract(text, issuer=VPCP)
    assert m.assignees == (BCA,) and m.role == "coordinate"


def test_an_actor_labelling_its_task_with_a_colon():
    """A Government Office letter: "3. Bộ Xây dựng: chỉ đạo Ban Quản lý dự án ..." is the ministry's
    task; "- Về thi công: chỉ đạo ..." under "1. Ủy ban nhân dân tỉnh Đồng Nai:" the province's."""
    text = ("Phó Thủ tướng Chính phủ Hồ Đức Phớc có ý kiến như sau:\n"
            "1. Ủy ban nhân dân tỉnh Đồng Nai:\n"
            "- Về thi công: chỉ đạo chủ đầu tư, các nhà thầu tập trung nguồn lực tài chính.\n"
            "2. Bộ Xây dựng: chỉ đạo chủ đầu tư, các nhà thầu tăng cường nhân lực, máy móc thiết bị thi công.\n")
    n, ms = _extract(text, issuer=VPCP, addressees=(BXD,))
    by_word = {_opening(n, m): m for m in ms}
    assert by_word["Về thi"].assignees == (B + "uy-ban-nhan-dan-tinh-dong-nai",) and by_word["Về thi"].explicit
    assert by_word["Bộ Xây"].assignees == (BXD,)


def test_a_sentence_that_only_says_when_is_the_deadline_of_the_task_before():
    """A provincial decision: "Sở ... có trách nhiệm ... . Hoàn thành trước ngày 30/11/2025." is one
    mandate due on 30/11/2025, not a second one."""
    text = ("Điều 2. Sở Nông nghiệp và Môi trường có trách nhiệm tổ chức xây dựng và trình Ủy ban nhân dân tỉnh "
            "phê duyệt các quy trình giải quyết thủ tục hành chính. Hoàn thành trước ngày 30/11/2025.\n")
    n, [m] = _extract(text)
    assert m.deadline.deadline.isoformat() == "2025-11-30"
    assert n.text[m.start:m.end].rstrip(".").endswith("30/11/2025")


def test_the_month_of_a_cited_documents_date_is_no_deadline():
    """"... theo đúng chỉ đạo tại Thông báo số 591/TB-VPCP ngày 31 tháng 10 năm 2025": the date
    says when the notice was issued; "trong tháng 12 năm 2025" is a deadline."""
    from graph.extract.deadlines import find_deadlines
    lex = bundled_lexicon()
    cited = "khẩn trương báo cáo chính phủ theo đúng chỉ đạo tại thông báo số 591/tb-vpcp ngày 31 tháng 10 năm 2025"
    assert [d.kind for d in find_deadlines(cited, lex) if d.deadline] == []
    [due] = find_deadlines("hoàn thành trong tháng 12 năm 2025", lex)
    assert due.deadline.isoformat() == "2025-12-31"


def test_an_indicators_section_sets_targets_not_tasks():
    """A Party report's "2. Những chỉ tiêu chủ yếu đến năm 2030 / - Về kinh tế: Phấn đấu tốc độ tăng
    trưởng GRDP ... đạt từ 11,0%/năm trở lên": a target, no mandate, though it opens with a verb."""
    text = ("III. NHIỆM VỤ VÀ GIẢI PHÁP\n2. Những chỉ tiêu chủ yếu đến năm 2030\n"
            "- Về kinh tế: Phấn đấu tốc độ tăng trưởng GRDP bình quân giai đoạn 2026 - 2030 đạt từ 11,0%/năm trở lên.\n")
    n, extraction = extract_text(text, issuer=B + "thanh-uy-ha-noi")
    assert extraction.mandates == () or list(extraction.mandates) == []
    assert [float(t.value) for t in extraction.targets] == [11.0]
