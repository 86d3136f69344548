"""Deadlines dated from the document's own date (issue 14 item 7): a day or month written without
its year, and a term counted from the document's issue or signature, in the Government style."""
from datetime import date

from conftest import bundled_lexicon, extract_text
from graph.extract.deadlines import parse_deadline

ISSUED = date(2025, 11, 26)          # a Wednesday


def _due(phrase, issued=ISSUED):
    d = parse_deadline(phrase, bundled_lexicon(), issued)
    return d.deadline.isoformat() if d and d.deadline else None


def test_a_day_or_month_without_its_year_takes_the_documents_year():
    assert _due("Bộ Tài chính tổng hợp, báo cáo Thủ tướng Chính phủ trước ngày 15/12.") == "2025-12-15"
    assert _due("báo cáo Thủ tướng Chính phủ trước 16 giờ ngày 28/11") == "2025-11-28"
    assert _due("hoàn thành trong tháng 12") == "2025-12-31"
    assert _due("trình Chính phủ trong tháng 11") == "2025-11-30"      # the month of issue itself
    assert _due("gửi Bộ Nội vụ chậm nhất ngày 26 tháng 11") == "2025-11-26"


def test_a_day_or_month_before_the_issue_date_is_the_next_years():
    """A telegram of late November asking for a report "trước ngày 15/01" means the coming January."""
    assert _due("báo cáo kết quả trước ngày 15/01") == "2026-01-15"
    assert _due("hoàn thành trong tháng 3") == "2026-03-31"


def test_without_the_documents_date_the_phrase_is_kept_undated():
    d = parse_deadline("báo cáo kết quả trước ngày 15/12", bundled_lexicon())
    assert d.text == "trước ngày 15/12" and d.deadline is None
    assert _due("trước ngày 15/12/2024") == "2024-12-15"            # a full date stays as written
    assert parse_deadline("vào ngày 20/11, Thủ tướng đã chủ trì", bundled_lexicon(), ISSUED) is None


def test_a_term_counted_from_the_documents_own_issue():
    """Calendar days after the issue date (the first day not counted); working days Monday to
    Friday, public holidays not modelled: five working days from Wednesday 26/11 end on Wednesday 3/12."""
    assert _due("trong thời hạn 10 ngày kể từ ngày ký") == "2025-12-06"
    assert _due("chậm nhất 05 ngày làm việc kể từ ngày ban hành") == "2025-12-03"
    assert _due("báo cáo Thủ tướng Chính phủ chậm nhất 03 ngày làm việc kể từ ngày ký ban hành Công điện này") \
        == "2025-12-01"


def test_a_term_counted_from_anything_else_keeps_its_text_only():
    lex = bundled_lexicon()
    d = parse_deadline("giải quyết trong thời hạn 10 ngày kể từ ngày nhận được hồ sơ hợp lệ", lex, ISSUED)
    assert d.kind == "relative" and d.deadline is None and d.text.startswith("trong thời hạn 10 ngày")
    d = parse_deadline("trong 30 ngày kể từ ngày ban hành Nghị định số 15/2025/NĐ-CP", lex, ISSUED)
    assert d.deadline is None
    assert parse_deadline("Quyết định này có hiệu lực sau 10 ngày kể từ ngày ký.", lex, ISSUED) is None
    d = parse_deadline("báo cáo Thủ tướng Chính phủ trước ngày 30 tháng 01 của năm tiếp theo", lex, ISSUED)
    assert d.deadline is None and d.text.endswith("năm tiếp theo")


def test_a_mandate_takes_the_deadline_dated_from_its_telegram():
    text = ("THỦ TƯỚNG CHÍNH PHỦ điện:\n"
            "- Bộ trưởng Bộ Tài chính.\n"
            "1. Bộ Tài chính khẩn trương rà soát, tổng hợp nhu cầu kinh phí, báo cáo Thủ tướng Chính phủ "
            "trước ngày 15/12.\n"
            "2. Bộ Xây dựng chủ trì hướng dẫn các địa phương, báo cáo kết quả chậm nhất 05 ngày làm việc "
            "kể từ ngày ban hành Công điện này.\n"
            "3. Bộ Nội vụ giải quyết hồ sơ trong thời hạn 10 ngày kể từ ngày nhận được đề nghị của địa phương.\n")
    _, x = extract_text(text, issued=ISSUED)
    got = [(m.deadline.text, m.deadline.deadline) for m in sorted(x.mandates, key=lambda m: m.start)]
    assert got == [("trước ngày 15/12", date(2025, 12, 15)),
                   ("chậm nhất 05 ngày làm việc kể từ ngày ban hành công điện này", date(2025, 12, 3)),
                   ("trong thời hạn 10 ngày kể từ ngày nhận được đề nghị của địa phương", None)]


def test_a_yearly_day_is_no_date_of_the_documents_year():
    """A programme's "định kỳ hằng năm gửi báo cáo ... trước ngày 15 tháng 12": every year's 15
    December, recurring, not 15/12/2025."""
    text = ("Bộ Khoa học và Công nghệ chủ trì, định kỳ hằng năm tổng hợp tình hình triển khai Chương trình, "
            "báo cáo Thủ tướng Chính phủ trước ngày 15 tháng 12.\n")
    _, x = extract_text(text, issued=ISSUED)
    [m] = x.mandates
    assert m.deadline.recurring and m.deadline.deadline is None and m.deadline.text == "trước ngày 15 tháng 12"
