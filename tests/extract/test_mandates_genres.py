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


def test_a_topic_heading_is_no_task_and_the_paragraph_under_it_goes_to_the_lead_ins_actors():
    """A Government Steering Committee's letter: "... yêu cầu Chủ tịch Ủy ban nhân dân các tỉnh, thành
    phố trực thuộc Trung ương ... một số nội dung cụ thể sau: / 3. Về cơ sở vật chất, trụ sở và tài sản
    công / Tiếp tục rà soát ...": the topic is no task; the paragraph is the provinces' task."""
    provinces = B + "uy-ban-nhan-dan-cac-tinh-thanh-pho-truc-thuoc-trung-uong"
    text = ("Ban Chỉ đạo của Chính phủ yêu cầu Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương "
            "tập trung, khẩn trương chỉ đạo, giải quyết dứt điểm các khó khăn, một số nội dung cụ thể sau:\n"
            "3. Về cơ sở vật chất, trụ sở và tài sản công\n\n"
            "Tiếp tục rà soát, thống kê, sắp xếp, bố trí, xử lý trụ sở, tài sản công của các cơ quan.\n")
    n, ms = _extract(text, issuer=B + "chinh-phu")
    assert not any(n.text[m.start:m.end].startswith("Về") for m in ms)
    [m] = [m for m in ms if n.text[m.start:m.end].startswith("Tiếp tục")]
    assert m.assignees == (provinces,) and m.explicit


def test_the_addressees_list_is_no_task():
    """A Government Office letter (after a web page's summary of it): "Kính gửi: / - Bộ trưởng Bộ Tài chính - Phó Trưởng ban ...; / Đồng kính
    gửi: / - Thủ tướng Chính phủ (để báo cáo)." names whom it goes to; the numbered item after is a task."""
    text = ("Tóm tắt: Bộ trưởng Bộ Tài chính tập trung lãnh đạo, chỉ đạo các đơn vị liên quan khẩn trương thực hiện "
            "một số nhiệm vụ sau:\n- Hoàn thiện Kế hoạch cao điểm chống buôn lậu.\n|\n"
            "**Kính gửi:**\n- Bộ trưởng Bộ Tài chính;\n- Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.\n"
            "Đồng kính gửi:\n- Thủ tướng Chính phủ (để báo cáo).\n"
            "Phó Thủ tướng Chính phủ có ý kiến như sau:\n"
            "1. Bộ Tài chính chủ trì hoàn thiện Kế hoạch cao điểm chống buôn lậu.\n")
    n, ms = _extract(text, issuer=VPCP, addressees=(B + "bo-tai-chinh",))
    assert not any(n.text[m.start:m.end].startswith(("Bộ trưởng", "Chủ tịch", "Thủ tướng")) for m in ms)
    assert _opening(n, ms[-1]) == "Bộ Tài" and ms[-1].role == "lead"


def test_a_post_after_the_assigning_verb_names_the_assignee():
    """"..., chỉ đạo Bộ trưởng Bộ Tài chính tập trung lãnh đạo ...": the post stands for its body, which
    is the assignee (not the units it is told to direct later in the sentence)."""
    text = "Phó Thủ tướng yêu cầu Bộ trưởng Bộ Y tế khẩn trương chỉ đạo các đơn vị liên quan hoàn thiện hồ sơ.\n"
    n, ms = _extract(text, issuer=VPCP)
    assert ms[0].assignees == (BYT,)


def test_a_month_without_a_word_that_makes_it_due_names_a_meeting_not_a_deadline():
    """"các Nghị quyết phiên họp Chính phủ thường kỳ tháng 9 năm 2025" names a text; "hoàn thành
    trong tháng 12/2025" and a table's time cell "Tháng 12/2025" are due."""
    from graph.extract.deadlines import cell_deadline, find_deadlines
    lex = bundled_lexicon()
    assert find_deadlines("triển khai nghị quyết phiên họp chính phủ thường kỳ tháng 9 năm 2025", lex) == []
    [due] = find_deadlines("hoàn thành trong tháng 12/2025", lex)
    assert due.deadline.isoformat() == "2025-12-31"
    assert cell_deadline("tháng 12/2025", lex, 0, 13).deadline.isoformat() == "2025-12-31"


def test_an_enumerations_members_are_the_subject_and_genre_verbs_give_the_task():
    """A Government Office letter: "Ủy ban nhân dân các tỉnh: Ninh Bình, Bắc Ninh, Phú Thọ đẩy nhanh các thủ
    tục ...": the provinces listed are the subject, and "đẩy nhanh" (a task verb of the Government style)
    states their task."""
    text = ("Phó Thủ tướng Chính phủ Trần Hồng Hà có ý kiến như sau:\n"
            "Ủy ban nhân dân các tỉnh: Ninh Bình, Bắc Ninh, Phú Thọ đẩy nhanh các thủ tục theo quy định của pháp luật "
            "để hỗ trợ tỉnh Hưng Yên đảm bảo nguồn cung vật liệu xây dựng.\n")
    n, [m] = _extract(text, issuer=VPCP)
    assert m.assignees == tuple(B + "uy-ban-nhan-dan-tinh-" + p for p in ("ninh-binh", "bac-ninh", "phu-tho"))
    assert m.explicit and m.role == "implement"


def test_the_documents_title_does_not_make_its_text_a_report_of_results():
    """A telegram titled "CÔNG ĐIỆN Về việc khẩn trương hoàn thành ... kết quả thanh tra ...": "kết quả"
    in the title makes no results section; its items under "Thủ tướng Chính phủ yêu cầu:" are tasks, an
    item without its own actor the addressees'."""
    text = ("CÔNG ĐIỆN\nVỀ VIỆC KHẨN TRƯƠNG HOÀN THÀNH CẬP NHẬT, RÀ SOÁT VÀ PHÂN LOẠI KẾT QUẢ THANH TRA\n\n"
            "Để tiếp tục phát huy những kết quả đạt được, Thủ tướng Chính phủ yêu cầu:\n"
            "1. Khẩn trương hoàn thành việc thanh tra và ban hành kết luận trước ngày 26/11/2025.\n"
            "2. Bộ Tài chính chủ trì, phối hợp với Bộ Công an hướng dẫn rà soát các dự án.\n")
    n, ms = _extract(text, authority=TTG, addressees=(B + "bo-tai-chinh",))
    assert [_opening(n, m) for m in ms] == ["Khẩn trương", "Bộ Tài"]
    assert ms[0].assignees == (B + "bo-tai-chinh",) and not ms[0].explicit
    assert ms[0].deadline.deadline.isoformat() == "2025-11-26"
    assert ms[1].role == "lead" and ms[1].coordinators == (BCA,)


def _targets(text: str, **meta):
    _, extraction = extract_text(text, **meta)
    return [(t.indicator, float(t.value), t.unit, t.comparator) for t in extraction.targets]


def test_a_share_a_task_is_to_reach_is_a_target_an_amount_or_a_count_it_is_about_is_not():
    """A notice: "Bộ Tài chính ..., bảo đảm giải ngân 100% kế hoạch vốn" sets a target though no target cue
    stands in it; "hoàn thành 02 công trình dự án" counts, "ngày 30/10/2025" dates, "chương trình cho
    vay 120.000 tỷ đồng" names: none is a target."""
    text = ("Phó Thủ tướng Chính phủ kết luận như sau:\n"
            "1. Bộ Tài chính tập trung tháo gỡ vướng mắc, bảo đảm giải ngân 100% kế hoạch vốn được giao.\n"
            "2. Bộ Y tế khẩn trương hoàn thành 02 công trình dự án theo Nghị quyết số 175/NQ-CP ngày 30/10/2025.\n"
            "3. Ngân hàng Nhà nước Việt Nam đôn đốc các ngân hàng tham gia chương trình cho vay 120.000 tỷ đồng.\n")
    assert _targets(text, issuer=VPCP) == [("giải ngân", 100.0, "%", "=")]


def test_a_circulars_criteria_are_no_targets():
    """A circular: "Doanh nghiệp phải có tối thiểu 30% nhân lực ..." is a criterion of the rule."""
    text = "Điều 5. Tiêu chí\n1. Doanh nghiệp phải có tối thiểu 30% nhân lực có trình độ đại học, phấn đấu đạt chuẩn.\n"
    assert _targets(text, type_code="TT") == []
    assert [t[1] for t in _targets(text, type_code="QĐ")] == [30.0]


def test_a_due_date_later_in_the_item_is_the_deadline_of_its_mandate():
    """A notice's item: "Bộ Y tế chủ trì hoàn thiện hồ sơ ... . Việc này cần xong, báo cáo kết quả trước
    ngày 15/12/2025." is one task due on 15/12/2025."""
    text = ("Phó Thủ tướng Chính phủ kết luận như sau:\n"
            "1. Bộ Y tế chủ trì, phối hợp với Bộ Tài chính hoàn thiện hồ sơ về cơ chế vận hành bệnh viện. "
            "Việc này cần xong, có kết quả trước ngày 15/12/2025.\n")
    _, ms = _extract(text, issuer=VPCP)
    assert ms[0].assignees == (BYT,) and ms[0].deadline.deadline.isoformat() == "2025-12-15"


def test_telegram_hours_and_a_day_to_act_on_are_due_dates():
    """"báo cáo Thủ tướng Chính phủ trước 16 giờ ngày 25/11/2025"; "phát động ... vào ngày 01/12/2025"."""
    from graph.extract.deadlines import parse_deadline
    lex = bundled_lexicon()
    assert parse_deadline("báo cáo thủ tướng chính phủ trước 16 giờ ngày 25/11/2025", lex).deadline.isoformat() == "2025-11-25"
    assert parse_deadline("chậm nhất 15h00 ngày 20/11/2025", lex).deadline.isoformat() == "2025-11-20"
    assert parse_deadline("phát động chiến dịch vào ngày 01/12/2025", lex).deadline.isoformat() == "2025-12-01"


def test_the_documents_header_after_a_pages_summary_is_no_task_and_ends_the_summarys_lead_in():
    """A legal database page: a summary ("Theo đó, giao Bộ Công an chủ trì ... bảo đảm các yêu cầu sau:
    (1) ...") then the document's own header ("CHÍNH PHỦ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM ...",
    "Số: 377/NQ-CP | Hà Nội, ...") which states no task of Bộ Công an's."""
    text = ("Theo đó, Chính phủ giao Bộ Công an chủ trì hoàn thiện hồ sơ dự án Pháp lệnh, bảo đảm các yêu cầu sau:\n"
            "**(1)** Rà soát kỹ nội dung dự thảo Pháp lệnh.\n"
            "Xem chi tiết thêm tại Nghị quyết 377/NQ-CP ban hành ngày 21/11/2025.\n|\n**CHÍNH PHỦ**\n**-------**\n|\n"
            "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n"
            "Số: 377/NQ-CP | Hà Nội, ngày 21 tháng 11 năm 2025\n")
    n, ms = _extract(text, authority=B + "chinh-phu")
    assert not any("CỘNG HÒA" in n.text[m.start:m.end] or "Số:" in n.text[m.start:m.end] for m in ms)
    from graph.analyse.normalise import normalise_phrase
    from graph.extract.cues import compile_cues
    start = bundled_lexicon().compiled(compile_cues)["document_start"]
    for line in ("CHÍNH PHỦ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc",
                 "Số: 377/NQ-CP | Hà Nội, ngày 21 tháng 11 năm 2025"):
        assert start.search(normalise_phrase(line))
    assert not start.search(normalise_phrase("Bộ Công an báo cáo số lượng 377 hồ sơ, bảo đảm độc lập, tự do."))


def test_a_news_pages_publisher_neither_gives_nor_takes_the_tasks_it_reports():
    """A Government portal report: "Thủ tướng yêu cầu ...: / Rà soát, làm rõ ngay ...": the portal
    (the page's issuer) is not the assignee of the tasks, the Prime Minister their assigner."""
    portal = B + "cong-thong-tin-dien-tu-chinh-phu"
    text = ("Thủ tướng Chính phủ yêu cầu khẩn trương tháo gỡ vướng mắc cho các dự án nhà ở.\n\n"
            "Rà soát, làm rõ ngay các nguyên nhân làm tăng giá bất động sản.\n")
    _, ms = _extract(text, type_code="TIN", issuer=portal)
    assert len(ms) == 2 and all(portal not in m.assignees and m.assigner == TTG for m in ms)


def test_a_telegram_item_addressed_to_posts_of_several_groups():
    """A PM telegram's item names its actors by posts, chairmen of the corporations' boards among
    them: one mandate to every group, due by the date it states."""
    text = ("Thủ tướng Chính phủ yêu cầu:\n"
            "1. Bộ trưởng, Thủ trưởng các cơ quan ngang Bộ, cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân "
            "các tỉnh, thành phố trực thuộc Trung ương, Chủ tịch Hội đồng thành viên, Tổng giám đốc các Tập đoàn, "
            "Tổng công ty, đơn vị liên quan tiếp tục nâng cao tinh thần trách nhiệm, khẩn trương hoàn thành các dự án; gửi báo cáo "
            "về Bộ Xây dựng chậm nhất ngày 10 tháng 12 năm 2025.\n")
    _, [m] = _extract(text, issuer=TTG)
    assert {B + "cac-bo", B + "co-quan-thuoc-chinh-phu", B + "cac-tap-doan-tong-cong-ty-don-vi-lien-quan",
            B + "uy-ban-nhan-dan-cac-tinh-thanh-pho-truc-thuoc-trung-uong"} <= set(m.assignees)
    assert m.deadline.deadline.isoformat() == "2025-12-10"


def test_a_minister_directing_his_own_lead():
    """"Bộ trưởng Bộ Nội vụ chỉ đạo chủ trì, phối hợp với ...": no body is directed, the ministry
    leads, with its coordinators."""
    text = ("Thủ tướng Chính phủ yêu cầu:\n"
            "6. Bộ trưởng Bộ Nội vụ chỉ đạo chủ trì, phối hợp với Bộ Xây dựng, Văn phòng Chính phủ khẩn trương "
            "hướng dẫn, khen thưởng các tổ chức, cá nhân có thành tích cao.\n")
    _, [m] = _extract(text, issuer=TTG)
    assert m.assignees == (B + "bo-noi-vu",) and m.role == "lead"
    assert m.coordinators == (BXD, VPCP)


def test_actors_acting_within_their_remit_head_their_items():
    """"2. Bộ Quốc phòng, Bộ Công an theo chức năng, nhiệm vụ, thẩm quyền chủ trì, phối hợp với ...:"
    heads the lettered items under it, which are the two ministries' tasks."""
    text = ("Thủ tướng Chính phủ yêu cầu:\n"
            "2. Bộ Quốc phòng, Bộ Công an theo chức năng, nhiệm vụ, thẩm quyền chủ trì, phối hợp với các "
            "địa phương:\n"
            "a) Rà soát các mặt hàng dự trữ quốc gia thuộc lĩnh vực quản lý.\n"
            "b) Huy động lực lượng, phương tiện tham gia công tác vận chuyển hàng cứu trợ.\n")
    n, ms = _extract(text, issuer=TTG)
    assert [_opening(n, m) for m in ms] == ["Rà soát", "Huy động"]
    assert all(m.assignees == (B + "bo-quoc-phong", BCA) for m in ms)


def test_a_telegrams_closing_request_to_the_comrades_in_post():
    """The closing paragraph: "Đây là nhiệm vụ rất quan trọng, ..., Thủ tướng Chính phủ đề nghị các
    đồng chí Bộ trưởng, Thủ trưởng các cơ quan ngang Bộ, Chủ tịch Ủy ban nhân dân ... chỉ đạo ...":
    a request to the groups the posts head."""
    text = ("3. Đây là nhiệm vụ rất quan trọng, cấp bách, Thủ tướng Chính phủ đề nghị các đồng chí Bộ trưởng, "
            "Thủ trưởng các cơ quan ngang Bộ, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố chỉ đạo quyết liệt, "
            "khẩn trương tháo gỡ vướng mắc cho các dự án.\n")
    n, [m] = _extract(text, issuer=TTG)
    assert m.role == "request"
    assert {B + "cac-bo", B + "cac-co-quan-ngang-bo", B + "uy-ban-nhan-dan-cac-tinh-thanh-pho-truc-thuoc-trung-uong"} \
        == set(m.assignees)


def test_an_item_directing_a_named_body_under_its_headings_actor():
    """A People's Council resolution: under "Giao Ủy ban nhân dân Thành phố:", "d) Chỉ đạo Sở Xây
    dựng hướng dẫn ..." is the committee's directing and the department's task after it (chained,
    depending on it); "e) Chỉ đạo các đơn vị liên quan ..." names no body, only how it is done."""
    text = ("Điều 3. Tổ chức thực hiện\n"
            "1. Giao Ủy ban nhân dân thành phố Hà Nội:\n"
            "d) Chỉ đạo Sở Xây dựng hướng dẫn Ủy ban nhân dân cấp xã tổ chức rà soát tổng thể số lượng nhà.\n"
            "e) Chỉ đạo các đơn vị liên quan tổ chức tuyên truyền, vận động nhân dân.\n")
    n, ms = _extract(text, issuer=B + "hoi-dong-nhan-dan-thanh-pho-ha-noi")
    ubnd, sxd = B + "uy-ban-nhan-dan-thanh-pho-ha-noi", B + "so-xay-dung-thanh-pho-ha-noi"
    directing, directed, plain = ms
    assert directing.assignees == (ubnd,) and directing.rule == "chain-lead"
    assert directed.rule == "chained" and directed.assigner == ubnd and directed.after == (directing.start, directing.end)
    assert len(directed.assignees) == 1 and directed.assignees[0].startswith(B + "so-xay-dung")
    assert plain.assignees == (ubnd,) and plain.rule != "chained"


def test_a_task_given_to_a_deputy_prime_minister_by_name():
    """"7. Giao Phó Thủ tướng Chính phủ Trần Hồng Hà trực tiếp chỉ đạo ...": the Deputy Prime
    Minister named is the assignee, not the Prime Minister who issues the telegram."""
    text = ("Thủ tướng Chính phủ yêu cầu:\n"
            "7. Giao Phó Thủ tướng Chính phủ Trần Hồng Hà trực tiếp chỉ đạo công tác chuẩn bị, kiểm tra, "
            "đôn đốc và tổ chức buổi Lễ khánh thành.\n")
    _, [m] = _extract(text, issuer=TTG, authority=TTG)
    assert m.assignees and m.assignees[0].endswith("/tran-hong-ha") and TTG not in m.assignees
