"""Stage recognise: a province's bodies written without the province are tied to the province of
the document (bodies.yaml ``home``), as the reader of a provincial decision reads them."""
from conftest import bundled_lexicon
from graph.analyse.normalise import normalise
from graph.analyse.recognise import recognise
from graph.analyse.segment import segment

HEADER = "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH\n\nQUYẾT ĐỊNH\n\n"


def _bodies(text: str) -> set[str]:
    lex = bundled_lexicon()
    n = normalise(text, lex)
    return {m.iri.rsplit("/", 1)[1] for m in recognise(n, segment(n, lex), lex) if m.kind == "body"}


def test_a_department_in_a_provincial_decision_is_the_provinces():
    found = _bodies(HEADER + "Điều 2. Sở Tài chính chủ trì, phối hợp với Sở Xây dựng tổ chức thực hiện.\n")
    assert {"so-tai-chinh-tinh-quang-ninh", "so-xay-dung-tinh-quang-ninh"} <= found
    assert "so-tai-chinh" not in found


def test_a_name_ending_on_the_bare_unit_word_takes_the_province():
    found = _bodies(HEADER + "Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc Trung tâm Phục vụ hành chính công "
                             "tỉnh, Giám đốc Công an tỉnh chịu trách nhiệm thi hành Quyết định này.\n")
    assert {"van-phong-uy-ban-nhan-dan-tinh-quang-ninh", "trung-tam-phuc-vu-hanh-chinh-cong-tinh-quang-ninh",
            "cong-an-tinh-quang-ninh"} <= found


def test_the_bare_committee_is_the_provinces_listed_committee():
    found = _bodies(HEADER + "Điều 2. Giao UBND tỉnh, chỉ đạo các sở thực hiện.\n")
    assert "uy-ban-nhan-dan-tinh-quang-ninh" in found


def test_no_tie_in_a_national_document_nor_to_another_unit():
    national = "CHÍNH PHỦ\n\nNGHỊ QUYẾT\n\n1. Sở Tài chính các địa phương chủ trì rà soát.\n2. Sở Y tế báo cáo.\n"
    found = _bodies(national)
    assert "so-y-te" in found and not any(b.startswith("so-y-te-") for b in found)
    hanoi = "HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI\n\nNGHỊ QUYẾT\n\nGiao Công an tỉnh phối hợp thực hiện.\n"
    assert "cong-an-tinh-ha-noi" not in _bodies(hanoi) and "cong-an-thanh-pho-ha-noi" not in _bodies(hanoi)


def test_a_department_named_after_a_ministry_keeps_its_commas():
    found = _bodies(HEADER + "Điều 3. Giám đốc Sở Văn hóa, Thể thao và Du lịch chịu trách nhiệm thi hành.\n")
    assert "so-van-hoa-the-thao-va-du-lich-tinh-quang-ninh" in found and "so-van-hoa-tinh-quang-ninh" not in found


def test_the_departments_of_every_province_are_one_group():
    found = _bodies("THỦ TƯỚNG CHÍNH PHỦ\n\nCÔNG ĐIỆN\n\n3. Bộ trưởng Bộ Xây dựng chỉ đạo Sở Xây dựng các địa "
                    "phương hỗ trợ người dân.\n")
    assert "so-xay-dung-cac-dia-phuong" in found and "so-xay-dung" not in found


def test_a_wards_name_is_no_province():
    found = _bodies(HEADER + "Địa điểm: Phường Bắc Giang, tỉnh Bắc Ninh; sân vận động Phường Bắc Giang.\n")
    assert "tinh-bac-giang" not in found


def _mentions(text: str) -> dict[str, object]:
    lex = bundled_lexicon()
    n = normalise(text, lex)
    return {m.iri.rsplit("/", 1)[1]: m.ref for m in recognise(n, segment(n, lex), lex) if m.kind == "body"}


def test_a_ministrys_office_and_departments_are_the_ministrys():
    found = _mentions("BỘ KHOA HỌC VÀ CÔNG NGHỆ\n\nTHÔNG TƯ\n\nĐiều 5. Chánh Văn phòng Bộ, Cục trưởng Cục "
                      "Công nghiệp công nghệ thông tin chịu trách nhiệm thi hành Thông tư này.\n")
    assert "van-phong-bo-khoa-hoc-va-cong-nghe" in found
    assert found["cuc-cong-nghiep-cong-nghe-thong-tin"].parent.endswith("/bo-khoa-hoc-va-cong-nghe")


def test_commands_belong_to_the_ministry_of_defence_not_the_government():
    found = _mentions("CHÍNH PHỦ\n\nNGHỊ QUYẾT\n\n2. Bộ Tư lệnh Vùng Cảnh sát biển 2 và Bộ Chỉ huy quân sự tỉnh "
                      "Quảng Ngãi sẵn sàng lực lượng, phương tiện.\n")
    assert found["bo-tu-lenh-vung-canh-sat-bien-2"].parent.endswith("/bo-quoc-phong")
    assert "bo-chi-huy-quan-su-tinh-quang-ngai" in found


def test_associations_departments_and_broadcasters_by_their_head_word():
    found = _bodies("BỘ TÀI CHÍNH\n\nCÔNG VĂN\n\nĐề nghị Hiệp hội Ngân hàng Việt Nam, Hội Luật gia "
                    "Việt Nam, Vụ Kế hoạch - Tài chính và Đài Phát thanh và Truyền hình Hà Nội phối hợp.\n")
    assert {"hiep-hoi-ngan-hang-viet-nam", "hoi-luat-gia-viet-nam", "vu-ke-hoach-tai-chinh",
            "dai-phat-thanh-va-truyen-hinh-ha-noi"} <= found


def test_a_name_stops_before_the_head_of_its_parent():
    found = _bodies("BỘ QUỐC PHÒNG\n\nTHÔNG TƯ\n\nĐiều 4. Cục Xe - Máy vận tải Tổng cục Hậu cần - Kỹ thuật chủ trì.\n")
    assert "cuc-xe-may-van-tai" in found


# -- names stop: no body found by pattern runs past its head's limits (bodies.yaml patterns) -------
from hypothesis import given, settings, strategies as st  # noqa: E402

_HEADS = [h.head for h in bundled_lexicon().bodies.heads]
# short words of names, the words that join or place them, and long hyphenated words (a run-on
# heading, a list without commas) that reach the character limit before the word limit
_WORDS = st.sampled_from(["Tài", "Chính", "Phát", "Triển", "Quốc", "Gia", "Việt", "Nam", "và", "tỉnh", "Bắc", "Ninh",
                          "Hà", "Nội", "-", "2", "số"] + ["Kinh-Tế-Xã-Hội-Môi-Trường-Số"] * 12)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_HEADS), st.lists(_WORDS, min_size=1, max_size=60), st.booleans())
def test_no_body_name_runs_past_its_heads_limit(head, words, provincial):
    lex = bundled_lexicon()
    text = (HEADER if provincial else "") + f"Giao {head} " + " ".join(words) + " thực hiện.\n"
    n = normalise(text, lex)
    heads = {h.head.lower(): h for h in lex.bodies.heads}
    for m in recognise(n, segment(n, lex), lex):
        if m.kind != "body" or m.rule not in ("body-pattern", "body-pattern-local", "home-province") \
                or not getattr(m.ref, "name", None):
            continue
        spec = max((h for k, h in heads.items() if n.key.startswith(k + " ", m.start)), key=lambda h: len(h.head))
        assert m.end - m.start <= (spec.max_chars or lex.bodies.max_chars) + len(" thành phố"), m.surface
        words = [w for w in m.surface.split()[len(spec.head.split()):] if w not in lex.bodies.joins]
        assert len(words) <= (spec.max_words or lex.bodies.max_words) + 2, m.surface   # + a province's name


def test_an_office_in_a_persons_title_is_no_body():
    found = _bodies("Phân công Phó Thủ tướng Thường trực Chính phủ Nguyễn Hòa Bình chỉ đạo Bộ Công an; "
                    "Thủ tướng Chính phủ Phạm Minh Chính đánh giá cao.")
    assert "thuong-truc-chinh-phu" not in found and "thu-tuong-chinh-phu" not in found
    assert "bo-cong-an" in found
    assert "thu-tuong-chinh-phu" in _bodies("Bộ Công an báo cáo Thủ tướng Chính phủ trước ngày 15/12.")
    assert "bo-cong-an" in _bodies("Bộ trưởng Bộ Công an Lương Tam Quang chỉ đạo.")


def test_the_governments_formula_of_posts_names_each_group():
    found = _bodies("Thủ tướng Chính phủ yêu cầu các Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, cơ quan thuộc Chính "
                    "phủ, cơ quan khác ở Trung ương, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố tập trung chỉ đạo.")
    assert {"cac-bo", "co-quan-ngang-bo", "co-quan-thuoc-chinh-phu", "co-quan-khac-o-trung-uong"} <= found
    # a list of those present is no assignment
    assert "cac-bo" not in _bodies("Cùng dự có các Phó Thủ tướng Chính phủ; các Bộ trưởng, Thủ trưởng cơ quan ngang bộ.")


def test_an_enumeration_whose_lead_opens_the_first_province():
    found = _bodies("Đối với các dự án LNG: UBND các tỉnh Thanh Hóa, Nghệ An, Ninh Thuận khẩn trương thực hiện.")
    assert {"uy-ban-nhan-dan-tinh-thanh-hoa", "uy-ban-nhan-dan-tinh-nghe-an", "uy-ban-nhan-dan-tinh-ninh-thuan"} <= found
    assert "tinh-thanh-hoa" not in found and "tinh-nghe-an" not in found


def test_a_province_ending_a_name_in_capitals_is_no_actor():
    found = _bodies("QUYẾT ĐỊNH VỀ CHỨC NĂNG CỦA SỞ TÀI CHÍNH TỈNH BẮC NINH\n\nĐiều 1. Ban hành quy định.\n")
    assert "tinh-bac-ninh" not in found
    assert "thanh-pho-da-nang" in _bodies("THÀNH PHỐ ĐÀ NẴNG\n\nThành phố Đà Nẵng và Bộ Tài chính báo cáo.")


def test_a_letters_contact_person_after_mr_or_ms():
    lex = bundled_lexicon()
    n = normalise("Mọi thông tin chi tiết xin liên hệ: Ông Nguyễn\nNgọc Hinh - Quyền Trưởng phòng; Bà Lê Thị Mai.", lex)
    persons = {m.ref.name for m in recognise(n, segment(n, lex), lex) if m.kind == "person"}
    assert persons == {"Nguyễn Ngọc Hinh", "Lê Thị Mai"}


def test_a_telegrams_numbered_item_opening_with_the_formula_of_posts():
    """"1. Bộ trưởng, Thủ trưởng các cơ quan ngang Bộ, cơ quan thuộc Chính phủ, ... khẩn trương chỉ
    đạo ...": the item addresses the groups as "yêu cầu" would; the "- Bộ trưởng, ...;" of the
    telegram's list of addressees does not."""
    found = _bodies("Thủ tướng Chính phủ yêu cầu:\n1. Bộ trưởng, Thủ trưởng các cơ quan ngang Bộ, cơ quan thuộc "
                    "Chính phủ, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố khẩn trương chỉ đạo.\n")
    assert {"cac-bo", "cac-co-quan-ngang-bo", "co-quan-thuoc-chinh-phu"} <= found
    assert "cac-bo" not in _bodies("THỦ TƯỚNG CHÍNH PHỦ điện:\n- Bộ trưởng, Thủ trưởng cơ quan ngang bộ;\n")


def test_the_groups_of_state_owned_corporations():
    found = _bodies("Tổng giám đốc các Tập đoàn, Tổng công ty, đơn vị liên quan khẩn trương báo cáo.")
    assert "cac-tap-doan-tong-cong-ty-don-vi-lien-quan" in found
