"""The national gazetteer (bodies.yaml, provinces.yaml) and the rules of issue 13's items 4-7,
each with a sentence in the style it serves."""
from conftest import bundled_lexicon, recognise_text


_mentions = recognise_text


def _of(text: str, kind: str) -> set[str]:
    return {m.iri.rsplit("/", 1)[1] for m in _mentions(text) if m.kind == kind}


def test_provinces_before_and_after_2025_with_what_replaced_what():
    by_name = {e.name: e for e in bundled_lexicon().bodies.entries}
    assert by_name["tỉnh Hà Giang"].valid_until == "2025-06-30"
    assert by_name["tỉnh Hà Giang"].replaced_by.endswith("/tinh-tuyen-quang")
    assert by_name["Tỉnh ủy Hải Dương"].replaced_by.endswith("/thanh-uy-hai-phong")
    assert by_name["Ủy ban nhân dân tỉnh Gia Lai"].valid_until is None
    polities = [e for e in bundled_lexicon().bodies.entries if e.cls == "Polity"]
    assert len(polities) == 63 and sum(e.valid_until is None for e in polities) == 34


def test_a_provinces_bodies_are_recognised_not_hanoi():
    """A Government Office notice: 'Ủy ban nhân dân tỉnh Sơn La' became the Hanoi People's Committee."""
    found = _of("Giao Ủy ban nhân dân tỉnh Sơn La chủ trì, phối hợp với Tỉnh ủy Điện Biên.", "body")
    assert {"uy-ban-nhan-dan-tinh-son-la", "tinh-uy-dien-bien"} <= found
    assert "uy-ban-nhan-dan-thanh-pho-ha-noi" not in found


def test_a_bare_province_name_needs_capitals_and_yields_to_a_person():
    assert "tinh-hoa-binh" not in _of("Giữ vững môi trường hòa bình, ổn định.", "body")
    assert "tinh-hoa-binh" in _of("Giao tỉnh Hòa Bình báo cáo.", "body")
    assert "nguyen-hoa-binh" in _of("Phó Thủ tướng Thường trực Chính phủ Nguyễn Hòa Bình đã chủ trì.", "person")


def test_an_enumeration_of_provinces_expands_to_each_provinces_body():
    text = ("Đồng chí Bí thư tỉnh ủy và Chủ tịch Ủy ban nhân dân các tỉnh, thành phố: Hà Tĩnh, Huế, "
            "Gia Lai và Lâm Đồng tổ chức thực hiện.")
    found = _of(text, "body")
    assert {"tinh-uy-ha-tinh", "thanh-uy-hue", "tinh-uy-gia-lai", "tinh-uy-lam-dong", "uy-ban-nhan-dan-tinh-ha-tinh",
            "uy-ban-nhan-dan-thanh-pho-hue", "uy-ban-nhan-dan-tinh-lam-dong"} <= found
    assert "tinh-gia-lai" not in found
    # without a head word the provinces stay places of the sentence (polities)
    assert "tinh-gia-lai" in _of("Bộ Tài chính đề xuất hỗ trợ cho các tỉnh: Đắk Lắk, Gia Lai.", "body")


def test_national_bodies_and_short_names():
    found = _of("Văn phòng Chính phủ theo dõi; EVN, Viettel và Ngân hàng Nhà nước Việt Nam phối hợp với "
                "Bộ Tư lệnh Quân khu 5, Ủy ban Thường vụ Quốc hội và Tòa án nhân dân tối cao.", "body")
    assert {"van-phong-chinh-phu", "tap-doan-dien-luc-viet-nam", "tap-doan-cong-nghiep-vien-thong-quan-doi",
            "ngan-hang-nha-nuoc-viet-nam", "quan-khu-5", "uy-ban-thuong-vu-quoc-hoi", "toa-an-nhan-dan-toi-cao"} <= found


def test_names_stop_before_a_following_verb():
    """'Trần Hồng Hà đã', 'Lê Minh Khái đề' were persons of their own."""
    found = _of("Phó Thủ tướng Trần Hồng Hà đã chỉ đạo; Phó Thủ tướng Lê Minh Khái đề nghị.", "person")
    assert found == {"tran-hong-ha", "le-minh-khai"}


def test_the_recipients_list_names_no_actor():
    text = "Bộ Xây dựng chủ trì thực hiện.\n\nNơi nhận:\n- Văn phòng Quốc hội;\n- Lưu: VT."
    assert "van-phong-quoc-hoi" not in _of(text, "body")


def test_projects_by_pattern():
    found = _of("Vận hành Cổng Dịch vụ công quốc gia, Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP) và "
                "cửa khẩu cảng Cửa Lò - Bến Thủy; triển khai Chương trình mục tiêu quốc gia giảm nghèo bền vững "
                "giai đoạn 2021 - 2025 và tuyến cao tốc Bắc - Nam.", "project")
    assert {"cong-dich-vu-cong-quoc-gia", "nen-tang-tich-hop-chia-se-du-lieu-quoc-gia-ndxp",
            "cua-khau-cang-cua-lo-ben-thuy", "chuong-trinh-muc-tieu-quoc-gia-giam-ngheo-ben-vung-giai-doan-2021-2025",
            "cao-toc-bac-nam"} <= found
