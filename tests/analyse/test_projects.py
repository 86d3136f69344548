"""Stage recognise: projects and programmes by pattern (projects.yaml), where their names end."""
from conftest import bundled_lexicon
from graph.analyse.normalise import normalise
from graph.analyse.recognise import recognise
from graph.analyse.segment import segment


def _projects(text: str) -> set[str]:
    lex = bundled_lexicon()
    n = normalise(text, lex)
    return {m.iri.rsplit("/", 1)[1] for m in recognise(n, segment(n, lex), lex) if m.kind == "project"}


def test_a_national_programme_runs_to_its_period_across_a_hyphenated_phrase():
    found = _projects("Báo cáo đề xuất chủ trương đầu tư Chương trình mục tiêu quốc gia xây dựng nông thôn\nmới, "
                      "giảm nghèo bền vững và phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền "
                      "núi giai đoạn 2026-2035 (Báo cáo).")
    assert found == {"chuong-trinh-muc-tieu-quoc-gia-xay-dung-nong-thon-moi-giam-ngheo-ben-vung-va-phat-trien-kinh-"
                     "te-xa-hoi-vung-dong-bao-dan-toc-thieu-so-va-mien-nui-giai-doan-2026-2035"}


def test_a_list_of_programmes_under_one_head_names_each():
    found = _projects("Các Chương trình mục tiêu quốc gia: Xây dựng nông thôn mới, Giảm nghèo bền vững, Phát triển "
                      "kinh tế xã hội vùng đồng bào dân tộc thiểu số và miền núi giai đoạn 2021-2025 còn trùng lặp.")
    assert found == {"chuong-trinh-muc-tieu-quoc-gia-xay-dung-nong-thon-moi-giai-doan-2021-2025",
                     "chuong-trinh-muc-tieu-quoc-gia-giam-ngheo-ben-vung-giai-doan-2021-2025",
                     "chuong-trinh-muc-tieu-quoc-gia-phat-trien-kinh-te-xa-hoi-vung-dong-bao-dan-toc-thieu-so-va-"
                     "mien-nui-giai-doan-2021-2025"}


def test_an_expressway_has_one_name_however_the_text_introduces_it():
    found = _projects("Đẩy nhanh tiến độ Dự án đường cao tốc Bến Lức - Long Thành; thông xe cao tốc Bến Lức-Long "
                      "Thành trong năm 2025 và Dự án đường cao tốc Biên Hòa - Vũng Tàu giai đoạn 1.")
    assert found == {"cao-toc-ben-luc-long-thanh", "cao-toc-bien-hoa-vung-tau-giai-doan-1"}


def test_sections_of_an_expressway_listed_under_one_head_are_each_an_expressway():
    found = _projects("4 dự án cao tốc đoạn Hòa Liên-Túy Loan, Quảng Ngãi-Hoài Nhơn, Hoài Nhơn-Quy Nhơn và "
                      "Quy Nhơn -Chí Thạnh có tổng chiều dài 231,27km.")
    assert found == {"cao-toc-hoa-lien-tuy-loan", "cao-toc-quang-ngai-hoai-nhon", "cao-toc-hoai-nhon-quy-nhon",
                     "cao-toc-quy-nhon-chi-thanh"}


def test_works_given_as_examples_after_a_lead_are_each_a_project_and_a_bare_numeral_is_none():
    found = _projects("+ Đối với các dự án đã lựa chọn được nhà đầu tư (như: LNG Quảng Ninh, Hải Lăng giai đoạn 1, "
                      "An Khánh - Bắc Giang, Ô Môn II, III, IV...): phấn đấu khởi công trong năm 2025.")
    assert found == {"lng-quang-ninh", "hai-lang-giai-doan-1", "an-khanh-bac-giang", "o-mon-ii"}


def test_power_plants_and_lines_by_their_head():
    found = _projects("Hoàn thành Nhà máy điện hạt nhân Ninh Thuận và dự án đường dây 500 kV Lào Cai - Vĩnh Yên.")
    assert found == {"nha-may-dien-hat-nhan-ninh-thuan", "duong-day-500-kv-lao-cai-vinh-yen"}


def test_the_provinces_procedure_system_however_abbreviated():
    found = _projects("Thiết lập quy trình điện tử trên Hệ thống thông tin giải quyết TTHC của tỉnh; "
                      "cập nhật dữ liệu trên Hệ thống 751.")
    assert found == {"he-thong-thong-tin-giai-quyet-thu-tuc-hanh-chinh-tinh", "he-thong-751"}


def test_no_project_in_a_conference_point_or_a_project_of_someone():
    found = _projects("- Điểm cầu Bộ Tài chính: Đại diện các đơn vị. Phân loại các dự án theo hướng dẫn của Bộ Tài "
                      "chính; Dự án sản xuất thiết bị điện tử tại Việt Nam được hưởng ưu đãi.")
    assert found == set()


def test_a_platform_whose_name_ends_on_its_acronym():
    found = _projects("+ Phát triển Hệ thống giám sát, đo lường mức độ cung cấp và sử dụng dịch vụ Chính phủ số (EMC). "
                      "+ Kết nối với Nền tảng tích hợp, chia sẻ dữ liệu của các bộ, ngành, địa phương (LGSP).")
    assert found == {"he-thong-giam-sat-do-luong-muc-do-cung-cap-va-su-dung-dich-vu-chinh-phu-so-emc",
                     "nen-tang-tich-hop-chia-se-du-lieu-cua-cac-bo-nganh-dia-phuong-lgsp"}
