"""Stage recognise: bodies nobody listed, by head word and collective (bodies.yaml patterns and
collectives), in sentences of the genres they come from; and an annex after the signature, whose
names count though it follows the list of recipients."""
from conftest import bundled_lexicon, recognise_text
from graph.analyse.normalise import normalise
from graph.analyse.segment import segment


def _bodies(text: str) -> set[str]:
    return {m.iri.rsplit("/", 1)[1] for m in recognise_text(text) if m.kind == "body"}


def test_the_closing_formula_of_a_decision_names_a_group_with_individuals_in_it():
    found = _bodies("Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các sở và các tổ chức, cá nhân có liên "
                    "quan chịu trách nhiệm thi hành Quyết định này./.")
    assert "cac-to-chuc-ca-nhan-co-lien-quan" in found


def test_schools_by_level_with_a_lower_case_kind_or_a_number_and_a_place_holding_a_stop_word():
    found = _bodies("1 | Trường Mầm non đô thị Sài Đồng |\n2 | Trường Mầm non 20-10 |\n"
                    "3 | Trường Tiểu học Nam Từ Liêm |\n4 | Trường Trung học phổ thông chuyên Đại học Sư phạm |")
    assert found >= {"truong-mam-non-do-thi-sai-dong", "truong-mam-non-20-10", "truong-tieu-hoc-nam-tu-liem",
                     "truong-trung-hoc-pho-thong-chuyen-dai-hoc-su-pham"}


def test_a_school_head_needs_a_name_after_it():
    assert not any(b.startswith("truong") for b in _bodies("Trường Mầm non phải bảo đảm điều kiện dạy học."))


def test_an_annex_after_the_signature_and_the_recipients_is_the_documents_text_again():
    lex = bundled_lexicon()
    text = ("Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.\nCHỦ TỊCH Phùng Thị Hồng Hà | PHỤ LỤC MỨC HỌC PHÍ (Kèm theo Nghị "
            "quyết số 58/2025/NQ-HĐND)\n1 | Trường Mầm non Mai Dịch |\n")
    n = normalise(text, lex)
    kinds = [b.kind for b in segment(n, lex).blocks]
    assert kinds[:3] == ["recipients"] * 3 and kinds[3:] == ["annex", "annex"]
    assert "truong-mam-non-mai-dich" in _bodies(text)
    assert "nhu-dieu-3" not in _bodies(text)


def test_a_council_committee_named_alone_is_a_body_of_the_council():
    found = _bodies("HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI\nXét Báo cáo thẩm tra số 97/BC-BVHXH của Ban Văn hóa - Xã hội "
                    "Hội đồng nhân dân Thành phố; Báo cáo thẩm tra của Ban Pháp chế Hội đồng nhân dân Thành phố.")
    assert {"ban-van-hoa-xa-hoi-hoi-dong-nhan-dan-thanh-pho-ha-noi",
            "ban-phap-che-hoi-dong-nhan-dan-thanh-pho-ha-noi"} <= found


def test_a_bare_unit_inside_a_name_by_pattern_is_part_of_it_and_ties_it_to_the_province():
    assert "van-phong-uy-ban-nhan-dan-tinh-nghe-an" in _bodies(
        "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN\nĐiều 2. Sở Nông nghiệp và Môi trường chủ trì, phối hợp với Văn phòng Ủy ban "
        "nhân dân tỉnh (Trung tâm Phục vụ hành chính công tỉnh) để thiết lập quy trình điện tử.")
    assert "cong-an-thanh-pho-ha-noi" in _bodies(
        "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI\ng) Chỉ đạo Công an Thành phố, Sở Xây dựng chủ trì, tham mưu.")


def test_a_province_a_road_passes_through_is_a_place():
    found = _bodies("Bàn giao mặt bằng cao tốc Bắc – Nam đoạn qua Đà Nẵng, Quảng Ngãi trước ngày 15/7/2025.")
    assert not found & {"thanh-pho-da-nang", "tinh-quang-ngai"}


def test_a_news_reports_author_line_names_a_person_without_a_surname():
    persons = {m.iri.rsplit("/", 1)[1] for m in recognise_text(
        "Bộ Xây dựng tăng cường kiểm tra, giám sát.\n\nTheo Báo Điện tử Chính phủ\n\nTác giả: Tuyết Thư\n")
        if m.kind == "person"}
    assert persons == {"tuyet-thu"}


def test_a_collective_written_short_is_named_in_full_and_the_departments_are_a_group():
    assert "uy-ban-nhan-dan-cap-xa" in _bodies("Bước 5 | Lãnh đạo UBND cấp xã | Ký phê duyệt văn bản xác nhận |")
    assert "uy-ban-nhan-dan-cac-xa-phuong" in _bodies("Chủ tịch UBND các xã, phường thực hiện Quyết định này.")
    assert "cac-so" in _bodies("Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các sở chịu trách nhiệm thi hành.")


def test_a_project_board_by_its_work_and_an_inspection_team_by_its_number():
    found = _bodies("Yêu cầu Ban Quản lý dự án khẩn trương bàn giao mặt bằng thuộc nhiệm vụ của Đoàn kiểm tra số 06 "
                    "của Thủ tướng Chính phủ.")
    assert {"ban-quan-ly-du-an", "doan-kiem-tra-so-06"} <= found
    assert not any(b.startswith("doan-kiem-tra") for b in _bodies("Đoàn kiểm tra làm việc với tỉnh."))
