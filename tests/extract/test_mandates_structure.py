"""Mandates from structure (issue 14): an actor heading gives its actors and role to every item
under it, at any depth, until the next heading of its rank; defaults come from the document's
header (DocumentMeta.authority, addressees), never from a place. Sentences in the styles served:
a Prime Minister's telegram, a Government Office notice."""

from conftest import bundled_lexicon, extract_text

B = "https://w3id.org/mandate-graph/id/body/"
TTG, BTC, BQP = B + "thu-tuong-chinh-phu", B + "bo-tai-chinh", B + "bo-quoc-phong"


def _extract(text: str, **meta):
    n, extraction = extract_text(text, **meta)
    return n, extraction.mandates


TELEGRAM = (
    "Thủ tướng Chính phủ yêu cầu các Bộ trưởng tập trung thực hiện ngay các nhiệm vụ sau:\n"
    "**1.** Bộ Tài chính chủ trì, phối hợp với Bộ Công an:\n"
    "a) Rà soát các mặt hàng dự trữ quốc gia bảo đảm chủng loại, số lượng.\n"
    "b) Tổng hợp nhu cầu về hàng dự trữ quốc gia của địa phương.\n"
    "**2.** Bộ Quốc phòng:\n"
    "a) Huy động lực lượng, phương tiện tham gia công tác vận chuyển.\n")


def test_items_under_an_actor_heading_take_its_actor_role_and_coordinators():
    n, ms = _extract(TELEGRAM, authority=TTG)
    items = {n.text[m.start:m.end].split(" ")[0]: m for m in ms if m.rule == "lead-in"}
    assert items["Rà"].assignees == (BTC,) and items["Rà"].role == "lead" and items["Rà"].coordinators == (B + "bo-cong-an",)
    assert items["Tổng"].assignees == (BTC,)
    # the next heading of the same rank ("2.") closes "1." and opens its own actor
    assert items["Huy"].assignees == (BQP,) and items["Huy"].assigner == TTG
    # a heading naming only an actor and its role is no mandate of its own
    assert not any(n.text[m.start:m.end].startswith("Bộ Tài chính chủ trì") for m in ms)


def test_an_item_without_actor_goes_to_the_addressees_not_to_a_place():
    text = "Thực hiện Kết luận, đề nghị:\n- Khẩn trương rà soát các công trình tại thành phố Hà Nội.\n"
    _, ms = _extract(text, identifier="1/CĐ-TTg", issuer=TTG, addressees=(BQP,))
    [m] = [m for m in ms if m.task.startswith("Khẩn trương")]
    assert m.assignees == (BQP,) and not m.explicit and m.assigner == TTG


def test_a_marked_actor_line_without_colon_heads_the_deeper_items_under_it():
    """A Government decision's "IV. TỔ CHỨC THỰC HIỆN / 1. Bộ Khoa học và Công nghệ / - Làm đầu
    mối ...": the line names only the actor and no colon follows, yet the "-" items are its tasks."""
    text = ("IV. TỔ CHỨC THỰC HIỆN\n1. Bộ Khoa học và Công nghệ\n"
            "- Làm đầu mối tổng hợp tình hình thực hiện Chương trình.\n"
            "- Chủ trì tổ chức thực hiện Chương trình; định kỳ hằng năm báo cáo Thủ tướng Chính phủ.\n"
            "2. Bộ Tài chính\n- Bố trí kinh phí thực hiện Chương trình.\n")
    n, ms = _extract(text, authority=TTG)
    by_word = {n.text[m.start:m.end].split(" ")[0]: m for m in ms}
    assert by_word["Làm"].assignees == by_word["Chủ"].assignees == (B + "bo-khoa-hoc-va-cong-nghe",)
    assert by_word["Bố"].assignees == (BTC,) and by_word["Bố"].assigner == TTG
    assert not any(n.text[m.start:m.end].startswith("Bộ") for m in ms)      # the actor lines are no tasks


def test_the_execution_article_is_one_mandate_to_the_bodies_it_names():
    text = ("Điều 1. Công bố kèm theo Quyết định này Danh mục thủ tục hành chính.\n"
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n"
            "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Tài chính và các "
            "tổ chức, cá nhân liên quan chịu trách nhiệm thi hành Quyết định này./.\n")
    n, ms = _extract(text, authority=TTG)
    [m] = ms
    assert m.rule == "execution" and m.role == "implement" and m.assigner == TTG
    assert n.text[m.start:m.end].startswith("Chánh Văn phòng")
    assert any(a.endswith("so-tai-chinh") for a in m.assignees)


def test_a_chained_instruction_gives_the_directing_mandate_and_the_directed_task_depending_on_it():
    """A telegram's "Bộ trưởng Bộ Công Thương chỉ đạo EVN tập trung ...": the ministry's
    own mandate (to direct), and the directed body's task, from the ministry, depending on it."""
    text = "3. Bộ trưởng Bộ Công Thương chỉ đạo Tập đoàn Điện lực Việt Nam tập trung hỗ trợ khôi phục lưới điện.\n"
    n, ms = _extract(text, authority=TTG)
    directing, directed = sorted(ms, key=lambda m: m.start)
    assert directing.rule == "chain-lead" and directing.assignees == (B + "bo-cong-thuong",)
    assert directing.assigner == TTG and directing.role == "implement"
    assert directed.rule == "chained" and directed.assigner == B + "bo-cong-thuong"
    assert B + "bo-cong-thuong" not in directed.assignees and directed.assignees
    assert directed.after == (directing.start, directing.end)
    assert n.text[directed.start:].startswith("Tập đoàn Điện lực")


def test_the_issuers_own_directing_stays_one_mandate():
    text = "Thủ tướng Chính phủ chỉ đạo Bộ Tài chính khẩn trương bố trí kinh phí.\n"
    _, ms = _extract(text, authority=TTG)
    [m] = ms
    assert m.rule == "assign" and m.assignees == (BTC,) and m.assigner == TTG


def test_a_post_before_its_body_is_the_subject_and_genre_verbs_give_the_task():
    """"Bộ trưởng Bộ Nông nghiệp và Môi trường hướng dẫn ...", "Bộ trưởng Bộ Quốc phòng, Bộ trưởng
    Bộ Công an tiếp tục ...": the post stands for its body; hướng dẫn, tiếp tục are the genre's cues."""
    text = ("4. Bộ trưởng Bộ Nông nghiệp và Môi trường hướng dẫn các địa phương bố trí đất tái định cư.\n"
            "5. Bộ trưởng Bộ Quốc phòng, Bộ trưởng Bộ Công an tiếp tục huy động lực lượng hỗ trợ người dân.\n")
    _, ms = _extract(text, authority=TTG)
    guide, support = sorted(ms, key=lambda m: m.start)
    assert guide.assignees == (B + "bo-nong-nghiep-va-moi-truong",) and guide.rule == "actor-verb"
    assert set(support.assignees) == {BQP, B + "bo-cong-an"}


def test_a_task_a_page_summary_repeats_is_one_mandate_the_documents():
    """A legal-database page summarises a telegram's items before the document itself: the same
    task in the same words is one mandate, at the document's statement (the later)."""
    item = "Tập trung khắc phục hậu quả thiên tai, bảo đảm an toàn cho người dân."
    text = f"I. NHIỆM VỤ\n- {item}\nCÔNG ĐIỆN\nII. NHIỆM VỤ\n- {item}\n"
    n, ms = _extract(text, authority=TTG, addressees=(BQP,))
    assert len([m for m in ms if m.task.startswith("Tập trung khắc phục")]) == 1
    [m] = [m for m in ms if m.task.startswith("Tập trung khắc phục")]
    assert m.start > n.text.index("CÔNG ĐIỆN")


NEWS = ("# Thủ tướng yêu cầu chuẩn bị tốt tuyển sinh\n\n"
        "Thủ tướng Chính phủ yêu cầu các bộ, ngành, địa phương thực hiện một số nội dung sau:\n\n"
        "- Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương tập trung chỉ đạo thực hiện "
        "các nhiệm vụ sau:\n\n"
        "+ Chỉ đạo các cơ quan, đơn vị liên quan chuẩn bị tốt các điều kiện tổ chức tuyển sinh.\n\n"
        "Hoàn thành việc công bố phương án tuyển sinh trong tháng 02 năm 2026.\n\n"
        "+ Bố trí nguồn ngân sách của địa phương xây dựng đủ trường, lớp.\n\n"
        "- Bộ Giáo dục và Đào tạo hướng dẫn các địa phương tổ chức tuyển sinh.\n\n"
        "Rà soát các quy định về dạy thêm, học thêm.\n\n"
        "Phát triển giáo dục không thể chỉ trông chờ vào ngân sách nhà nước.\n")


def test_a_news_capture_keeps_its_plus_items_under_the_dash_actor(tmp_path):
    """A markdown capture of a news report: "+ " is the document's own sub-item mark (not markdown's
    bullet), so the "+" items stay under "- Chủ tịch Ủy ban nhân dân các tỉnh ...:"; an unmarked
    paragraph between them with another task is a mandate of its own under the same actor."""
    from graph.analyse.read import read_document
    from graph.pipeline import analyse
    path = tmp_path / "news.md"
    path.write_text(NEWS, encoding="utf-8")
    doc = analyse(read_document(path), bundled_lexicon())
    text, ms = doc.normal.text, doc.extraction.mandates
    by_word = {text[m.start:m.end].split(" ")[0]: m for m in ms}
    provinces = B + "uy-ban-nhan-dan-cac-tinh-thanh-pho-truc-thuoc-trung-uong"
    for word in ("Chỉ", "Hoàn", "Bố"):
        assert by_word[word].assignees == (provinces,), word
    assert by_word["Hoàn"].deadline.deadline.isoformat() == "2026-02-28"


def test_a_news_paragraph_of_tasks_carries_on_the_mandate_above_but_a_statement_does_not(tmp_path):
    """A news report of conclusions: the paragraphs of tasks after "Thường trực Chính phủ giao Bộ X
    ..." are Bộ X's (implied); a paragraph that opens with a verb but states a view is none."""
    from graph.analyse.read import read_document
    from graph.pipeline import analyse
    path = tmp_path / "news.md"
    path.write_text("Thường trực Chính phủ giao Bộ Xây dựng chủ trì hoàn thiện thể chế về nhà ở.\n\n"
                    "Rà soát tổng thể các Nghị định, Thông tư về nhà ở xã hội.\n\n"
                    "Phát triển nhà ở không thể chỉ trông chờ vào ngân sách nhà nước.\n", encoding="utf-8")
    doc = analyse(read_document(path), bundled_lexicon())
    text, ms = doc.normal.text, doc.extraction.mandates
    [review] = [m for m in ms if text[m.start:m.end].startswith("Rà soát")]
    assert review.assignees == (B + "bo-xay-dung",) and not review.explicit and review.rule == "follow-on"
    assert not any(text[m.start:m.end].startswith("Phát triển nhà ở") for m in ms)


def test_the_enacting_formula_and_a_bare_giao_heading_are_no_mandates():
    """A council resolution: "Hội đồng nhân dân ban hành Nghị quyết ..." enacts the text itself;
    "Giao Ủy ban nhân dân Thành phố:" only heads the items under it."""
    council = B + "hoi-dong-nhan-dan-thanh-pho-ha-noi"
    text = ("Hội đồng nhân dân thành phố Hà Nội ban hành Nghị quyết quy định nội dung chi, mức chi.\n"
            "Điều 3. Tổ chức thực hiện\n1. Giao Ủy ban nhân dân thành phố Hà Nội:\n"
            "a) Tổ chức triển khai thực hiện Nghị quyết này.\n")
    n, ms = _extract(text, issuer=council, authority=council)
    assert [n.text[m.start:m.end].split(" ")[0] for m in ms] == ["Tổ"]
    assert ms[0].assignees == (B + "uy-ban-nhan-dan-thanh-pho-ha-noi",) and ms[0].assigner == council
    # a body other than the issuer told to issue a text has a task
    _, ms = _extract("Bộ Tài chính ban hành Thông tư hướng dẫn trước ngày 31/12/2026.\n", issuer=TTG, authority=TTG)
    assert len(ms) == 1 and ms[0].assignees == (BTC,)


def test_an_items_own_opening_verbs_give_its_role():
    """Under "1. Bộ Khoa học và Công nghệ": "Chủ trì tổ chức ..." is its lead task, "Theo dõi, đôn
    đốc ..." and "Chỉ đạo, kiểm tra, giám sát ..." its monitoring; other items keep the heading's role."""
    text = ("IV. TỔ CHỨC THỰC HIỆN\n1. Bộ Khoa học và Công nghệ:\n"
            "- Chủ trì tổ chức thực hiện Chương trình.\n- Theo dõi, đôn đốc việc thực hiện Chương trình.\n"
            "- Chỉ đạo, kiểm tra, giám sát các địa phương đẩy nhanh tiến độ.\n- Bố trí nhân lực chuyên trách.\n")
    n, ms = _extract(text, authority=TTG)
    roles = {n.text[m.start:m.end].split(" ")[0]: m.role for m in ms}
    assert roles == {"Chủ": "lead", "Theo": "monitor", "Chỉ": "monitor", "Bố": "implement"}


def test_cooperating_with_a_partner_on_a_task_is_the_task_with_a_coordinator():
    """"Bộ Nông nghiệp và Môi trường phối hợp chặt chẽ với Bộ Xây dựng rà soát ...": its own task,
    Bộ Xây dựng coordinating; "... phối hợp với Bộ Xây dựng tổ chức thực hiện." is to coordinate."""
    _, [m] = _extract("Bộ Nông nghiệp và Môi trường phối hợp chặt chẽ với Bộ Xây dựng rà soát quỹ đất "
                      "phát triển nhà ở xã hội.\n", authority=TTG)
    assert m.role == "implement" and m.coordinators == (B + "bo-xay-dung",)
    _, [m] = _extract("Bộ Nông nghiệp và Môi trường phối hợp với Bộ Xây dựng tổ chức thực hiện.\n", authority=TTG)
    assert m.role == "coordinate" and m.coordinators == ()


def test_a_lead_in_ending_on_its_verb_is_no_mandate_but_an_actor_item_with_a_task_is():
    """"..., Thủ tướng Chính phủ yêu cầu:" only heads; "- Chủ tịch Ủy ban nhân dân các tỉnh ... tập
    trung chỉ đạo thực hiện ... và chịu trách nhiệm ...:" states its own task and heads the "+" items."""
    text = ("Để bảo đảm công tác chuẩn bị tốt nhất, Thủ tướng Chính phủ yêu cầu:\n"
            "- Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương tập trung chỉ đạo thực hiện "
            "đồng bộ các giải pháp và chịu trách nhiệm trước Thủ tướng Chính phủ, trong đó:\n"
            "+ Bố trí nguồn ngân sách của địa phương xây dựng đủ trường, lớp.\n")
    n, ms = _extract(text, authority=TTG)
    provinces = B + "uy-ban-nhan-dan-cac-tinh-thanh-pho-truc-thuoc-trung-uong"
    assert [n.text[m.start:m.end].split(" ")[0] for m in ms] == ["Chủ", "Bố"]
    assert all(m.assignees == (provinces,) and m.assigner == TTG for m in ms)


def test_under_a_leaders_opinion_a_body_as_subject_has_a_task_and_the_closing_line_none():
    """A Government Office letter: "Phó Thủ tướng ... có ý kiến như sau: / Trên cơ sở ..., Bộ Xây dựng
    làm việc với ..." is Bộ Xây dựng's task whatever the verb; "Văn phòng Chính phủ xin thông báo để
    Bộ Xây dựng ... biết, thực hiện" passes the letter on; "... trân trọng cảm ơn" thanks."""
    vpcp = B + "van-phong-chinh-phu"
    text = ("Xét đề nghị của Bộ Xây dựng, Phó Thủ tướng Trần Hồng Hà có ý kiến như sau:\n"
            "Trên cơ sở Báo cáo số 1052/BC-CP của Chính phủ, Bộ Xây dựng làm việc với các cơ quan của Quốc hội "
            "để bổ sung các văn bản cần thiết.\n"
            "Văn phòng Chính phủ xin thông báo để Bộ Xây dựng và các cơ quan liên quan biết, thực hiện./.\n")
    n, ms = _extract(text, issuer=vpcp, addressees=(B + "bo-xay-dung",))
    [m] = ms
    assert m.rule == "subject" and m.assignees == (B + "bo-xay-dung",) and m.role == "implement"
    assert "Trên cơ sở" in n.text[m.start:m.end]


def test_an_approval_and_a_second_task_after_dong_thoi():
    """A notice of conclusions: "(3) Về nguồn lực ...: Thống nhất với đề xuất, kiến nghị của Bộ Tài
    chính ..." approves the ministry's proposal; "Bộ Tài chính chủ trì ...; đồng thời chịu trách nhiệm
    ..." gives it a second task."""
    text = ("(3) Về nguồn lực thực hiện Chương trình: Thống nhất với đề xuất, kiến nghị của Bộ Tài chính, "
            "bao gồm việc báo cáo Quốc hội.\n"
            "Bộ Tài chính chủ trì xây dựng nguyên tắc phân bổ vốn; đồng thời chịu trách nhiệm tổng hợp chung, "
            "báo cáo cơ quan có thẩm quyền.\n")
    n, ms = _extract(text, authority=TTG)
    approve, lead, second = sorted(ms, key=lambda m: m.start)
    assert approve.rule == "approval" and approve.role == "approve" and approve.assignees == (BTC,)
    assert n.text[approve.start:].startswith("Thống nhất với đề xuất")
    assert lead.role == "lead" and lead.task.endswith("phân bổ vốn")
    assert second.rule == "follow-on" and second.assignees == (BTC,) and n.text[second.start:].startswith("đồng thời")
