"""Extraction against the golden files annotated by reading the sample texts (tests/golden), and
passages written in the style of other governance texts."""
import calendar
from datetime import date

from hypothesis import given, settings, strategies as st

import goldens
from conftest import bundled_lexicon, extract_text
from graph.analyse.read import SUFFIXES  # noqa: F401  (the reader is exercised in test_read)
from graph.records import SourceDocument
from graph.extract.targets import parse_number
from graph.extract.deadlines import parse_deadline

B = "https://w3id.org/mandate-graph/id/body/"
BCT, TUHN, HN = B + "bo-chinh-tri", B + "thanh-uy-ha-noi", B + "thanh-pho-ha-noi"
GROUP = B + "cac-ban-dang-ban-can-su-dang-dang-doan-dang-uy-truc-thuoc-trung-uong"
PROV = B + "cac-tinh-uy-thanh-uy-co-lien-quan"

def _check(doc, key):
    complete, expected = goldens.mandates()[key]
    if complete:
        assert len(doc.extraction.mandates) == len(expected), [doc.normal.text[m.start:m.start + 40]
                                                                for m in doc.extraction.mandates]
    for e, m in goldens.pair(doc, expected):
        assert m is not None, f"{key}: no mandate starts {e.text!r}"
        want = {"assigner": e.assigner, "assignees": e.assignees, "role": e.role, "deadline": e.deadline,
                "recurring": e.recurring, **e.known_error}
        assert goldens.observed(m) == want, e.text


def test_000_every_mandate(analysed):
    _check(analysed["000"], "000")
    assert [m.start for m in analysed["000"].extraction.mandates] == sorted(m.start for m in analysed["000"].extraction.mandates)


def test_003_every_mandate_and_nothing_from_the_sidebars(analysed):
    _check(analysed["003"], "003")


def test_004_every_mandate(analysed):
    _check(analysed["004"], "004")


def test_001_explicit_assignments_and_deadline_sentences(analysed):
    _check(analysed["001"], "001")


def test_003_sidebar_yields_nothing(analysed):
    doc = analysed["003"]
    sidebar = doc.normal.text.index("(0) Bình luận")
    assert all(m.start < sidebar for m in doc.mentions)
    assert all(m.end <= sidebar for m in doc.extraction.mandates)
    assert all(t.end <= sidebar for t in doc.extraction.targets)
    names = {m.iri for m in doc.mentions}
    assert not any("vinfast" in n or "ton-that" in n or "cua-nam" in n for n in names)


def test_001_targets_of_section_iii_2(analysed):
    doc = analysed["001"]
    sec = [t for t in doc.extraction.targets
           if any(s.start <= t.start < s.end and "Những chỉ tiêu chủ yếu đến năm 2030" in doc.segmented.blocks[s.block].heading_path
                  for s in doc.segmented.sentences)]
    assert [(t.value, t.value_max, t.comparator, t.unit) for t in sec] == goldens.targets()
    assert {t.year for t in sec} == {2030}


def _analyse_text(text: str):
    return extract_text(text)[1]


def test_government_style_lead_and_coordinators():
    x = _analyse_text("Giao Bộ Tài chính chủ trì, phối hợp với Bộ Xây dựng, Bộ Công an hoàn thành trong quý III năm 2026.")
    [m] = x.mandates
    assert m.role == "lead" and m.leads == (B + "bo-tai-chinh",)
    assert set(m.coordinators) == {B + "bo-xay-dung", B + "bo-cong-an"}
    assert m.deadline.deadline.isoformat() == "2026-09-30"


def test_politburo_notice_style():
    x = _analyse_text("Bộ Chính trị yêu cầu Ban cán sự đảng Chính phủ khẩn trương sửa đổi Nghị định trước ngày 20-6-2025.")
    [m] = x.mandates
    assert m.assigner == BCT and m.assignees == (B + "ban-can-su-dang-chinh-phu",)
    assert m.deadline.deadline.isoformat() == "2025-06-20"     # the stated day (issue 18)


def test_results_are_not_mandates():
    x = _analyse_text("Thành ủy Hà Nội đã ban hành nhiều văn bản để cụ thể hóa các nghị quyết.")
    assert x.mandates == ()


# Passages written in the style of other governance texts, annotated by reading them.
def test_prime_minister_telegram_style():
    x = _analyse_text("Thủ tướng Chính phủ yêu cầu Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương "
                      "khẩn trương kiểm tra, rà soát các công trình, báo cáo Thủ tướng Chính phủ trước ngày 15 tháng 12 năm 2026.")
    [m] = x.mandates
    assert m.assigner == B + "thu-tuong-chinh-phu" and m.role == "implement"
    assert m.assignees == (B + "uy-ban-nhan-dan-cac-tinh-thanh-pho-truc-thuoc-trung-uong",)
    assert m.deadline.deadline.isoformat() == "2026-12-15" and m.deliverable.startswith("báo cáo Thủ tướng")


def test_telegram_monitoring_is_recurring():
    x = _analyse_text("Giao Bộ Xây dựng chủ trì, phối hợp với Bộ Tài chính, Ủy ban nhân dân thành phố Hà Nội theo dõi, "
                      "đôn đốc việc thực hiện Công điện này, báo cáo Thủ tướng Chính phủ hằng tháng.")
    [m] = x.mandates
    assert m.leads == (B + "bo-xay-dung",) and set(m.coordinators) == {B + "bo-tai-chinh", B + "uy-ban-nhan-dan-thanh-pho-ha-noi"}
    assert m.deadline.recurring and m.deadline.deadline is None


def test_government_resolution_legal_basis_deliverable_and_month():
    x = _analyse_text("Căn cứ Nghị quyết số 15/2022/NQ-CP, Bộ Nội vụ chủ trì xây dựng Đề án sắp xếp đơn vị hành chính, "
                      "trình Chính phủ trong tháng 12/2025.")
    [m] = x.mandates
    doc = "https://w3id.org/mandate-graph/id/doc/15-2022-nq-cp"
    assert m.role == "lead" and m.assignees == (B + "bo-noi-vu",) and m.legal_basis == (doc,)
    assert m.deliverable.startswith("xây dựng Đề án sắp xếp") and m.deadline.deadline.isoformat() == "2025-12-31"
    assert [(r.kind, r.target) for r in x.relations] == [("basedOn", doc)]


def test_start_date_is_no_deadline():
    x = _analyse_text("Bộ Tài chính có trách nhiệm bố trí kinh phí để Bộ Y tế triển khai Chương trình từ ngày 1-7-2025.")
    [m] = x.mandates
    assert m.assignees == (B + "bo-tai-chinh",) and m.deadline.deadline is None
    assert m.deadline.start_date.isoformat() == "2025-07-01"


def test_reviews_and_amends_relations():
    x = _analyse_text("Ủy ban nhân dân thành phố Hà Nội tổ chức sơ kết việc thực hiện Nghị quyết số 06-NQ/TW vào cuối năm 2026.")
    assert [r.kind for r in x.relations] == ["reviews"] and x.mandates[0].deadline.deadline.isoformat() == "2026-12-31"
    x = _analyse_text("Giao Ủy ban nhân dân thành phố Hà Nội sửa đổi, bổ sung Quyết định số 1234/QĐ-TTg trước năm 2028.")
    assert [r.kind for r in x.relations] == ["amends"] and x.mandates[0].deadline.deadline.isoformat() == "2027-12-31"


def test_politburo_permission_and_secretariat_quarter():
    x = _analyse_text("Đồng ý để Ủy ban nhân dân thành phố Hà Nội được thí điểm tổ chức chính quyền đô thị giai đoạn 2026 - 2030.")
    [m] = x.mandates
    assert m.role == "permit" and m.assignees == (B + "uy-ban-nhan-dan-thanh-pho-ha-noi",)
    x = _analyse_text("Ban Bí thư giao Ban Tổ chức Trung ương phối hợp với Thành ủy Hà Nội hướng dẫn thực hiện trong quý IV/2027.")
    [m] = x.mandates
    assert m.assigner == B + "ban-bi-thu" and m.deadline.deadline.isoformat() == "2027-12-31"


def test_targets_formats_and_results():
    x = _analyse_text("Phấn đấu đến năm 2030 tỷ lệ đô thị hóa đạt khoảng 65%; thu ngân sách đạt 350 - 400 nghìn tỷ đồng; "
                      "tỷ lệ hộ nghèo dưới 1%.")
    assert [(t.value, t.value_max, t.comparator, t.unit) for t in x.targets] == [
        ("65", None, "~", "%"), ("350", "400", "=", "nghìn tỷ đồng"), ("1", None, "<", "%")]
    assert _analyse_text("Năm 2024, tăng trưởng GRDP đã đạt 6,52%.").targets == ()


def test_targets_in_the_government_style_value_first_and_stated_twice():
    """A Government programme's "Mục tiêu cụ thể" lists "+ 100% dịch vụ công ...": the value comes
    first and what it counts after it; "100% ... cấp độ 4 và 90% đạt cấp độ 5" are two targets; a
    news page that repeats "cắt giảm ít nhất 50% ..." in its headline and body sets it once."""
    x = _analyse_text("2. Mục tiêu cụ thể\n- Giai đoạn 2025-2027\n"
                      "+ 100% dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính.\n"
                      "+ 100% bộ, ngành, địa phương đạt cấp độ 4 và 90% đạt cấp độ 5 về quản trị dữ liệu.\n")
    assert [(t.value, t.unit) for t in x.targets] == [("100", "%"), ("100", "%"), ("90", "%")]
    assert x.targets[0].indicator.startswith("dịch vụ công trực tuyến toàn trình")
    x = _analyse_text("Sẽ cắt giảm ít nhất 50% thủ tục đầu tư xây dựng nhà ở xã hội.\n"
                      "Sẽ cắt giảm ít nhất 50% thủ tục đầu tư xây dựng nhà ở xã hội.\n")
    assert [(t.value, t.comparator, t.unit) for t in x.targets] == [("50", ">=", "%")]


# Property tests of the parsers: any date, quarter, year and number written the Vietnamese way.
DATES = st.dates(min_value=date(1990, 1, 2), max_value=date(2099, 12, 31))


@settings(max_examples=200, deadline=None)
@given(DATES, st.sampled_from(["{d}-{m}-{y}", "{d}/{m}/{y}", "{d:02d}/{m:02d}/{y}", "{d} tháng {m} năm {y}"]))
def test_dates_in_every_written_form(day, form):
    written = form.format(d=day.day, m=day.month, y=day.year)
    assert parse_deadline(f"hoàn thành trước ngày {written}.", bundled_lexicon()).deadline == day
    assert parse_deadline(f"chậm nhất ngày {written}", bundled_lexicon()).deadline == day
    assert parse_deadline(f"thực hiện từ ngày {written}", bundled_lexicon()).start_date == day


def test_a_part_of_a_year_is_no_deadline():
    """"những tháng cuối năm 2025" (a cited resolution's title), "6 tháng đầu năm 2025" (a review
    meeting's name) say which months, not by when: no date, and no "cuối năm 2025" inside them."""
    lex = bundled_lexicon()
    for phrase in ("theo nghị quyết số 86/nq-cp về nhiệm vụ trọng tâm những tháng cuối năm 2025",
                   "kết luận tại hội nghị sơ kết công tác 6 tháng đầu năm 2025"):
        assert parse_deadline(phrase, lex).deadline is None, phrase
    assert parse_deadline("hoàn thành vào cuối năm 2025", lex).deadline == date(2025, 12, 31)


@settings(max_examples=100, deadline=None)
@given(st.integers(1990, 2099), st.integers(1, 4), st.booleans())
def test_quarters_and_years(year, quarter, roman):
    q = ["I", "II", "III", "IV"][quarter - 1] if roman else str(quarter)
    last = date(year, 3 * quarter, calendar.monthrange(year, 3 * quarter)[1])
    assert parse_deadline(f"trong quý {q}/{year}", bundled_lexicon()).deadline == last
    assert parse_deadline(f"trong quý {q} năm {year}", bundled_lexicon()).deadline == last
    assert parse_deadline(f"đến năm {year}", bundled_lexicon()).deadline == date(year, 12, 31)
    assert parse_deadline(f"trước năm {year}", bundled_lexicon()).deadline == date(year - 1, 12, 31)
    assert parse_deadline(f"giai đoạn {year} - {year + 5}", bundled_lexicon()).deadline == date(year + 5, 12, 31)


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_vietnamese_numbers_round_trip(value):
    whole, _, frac = f"{value:,.2f}".partition(".")
    written = whole.replace(",", ".") + "," + frac           # 1.234.567,89
    assert parse_number(written) == value
    assert parse_number(whole.replace(",", ".")) == int(value)


def test_regression_section_title_is_no_task(analysed):
    """001's closing heading "TỔ CHỨC THỰC HIỆN" opens with a verb ("tổ chức") and sits in a task
    section, so it was read as the implicit task "organise implementation"."""
    doc = analysed["001"]
    headings = [doc.normal.text[m.start:m.end] for m in doc.extraction.mandates if m.rule == "heading"]
    assert "TỔ CHỨC THỰC HIỆN" not in headings and len(headings) == 18
    from graph.extract.cues import compile_cues as _compile_cues
    from graph.extract.structure import _section_title
    cues = bundled_lexicon().compiled(_compile_cues)
    assert _section_title("vi. tổ chức thực hiện", cues) and not _section_title("tổ chức thực hiện tốt nghị quyết", cues)



def test_regression_section_named_by_a_verb_is_no_task():
    """A plan's section heading "**2. Yêu cầu**" (read from a .txt that keeps markdown's bold) is the
    verb "yêu cầu" with nothing after it: it gave a task "**" to the plan's issuer. The task under
    it is still read."""
    text = ("KẾ HOẠCH\n\n**1. Mục đích**\n\n- Bảo đảm khai thác hiệu quả dữ liệu quy hoạch.\n\n"
            "**2. Yêu cầu**\n\n- Chỉ đạo triển khai đồng bộ các nhiệm vụ tại Quyết định số 06/QĐ-TTg.\n")
    normal, ex = extract_text(text)
    tasks = [m.task for m in ex.mandates]
    assert all(any(ch.isalnum() for ch in t) for t in tasks), tasks
    assert not any(normal.text[m.start:m.end].strip("* ").endswith("Yêu cầu") for m in ex.mandates)

# ------------------------------------------------------------------ linear time in document size
def _python_lines(fn) -> int:
    """The number of lines of graph/ code that ``fn()`` executes (a count of work, not a time)."""
    import sys
    from conftest import ROOT
    package, count = str(ROOT / "graph"), 0
    def local(frame, event, arg):
        nonlocal count
        count += event == "line"
        return local
    sys.settrace(lambda frame, event, arg: local if frame.f_code.co_filename.startswith(package) else None)
    try:
        fn()
    finally:
        sys.settrace(None)
    return count


def _repeated_sample(copies: int) -> SourceDocument:
    """One document: the contents of the three short sample texts, repeated, each copy after a
    marker paragraph of its own (as bench/linear.py builds its documents)."""
    import importlib.util
    from conftest import ROOT
    spec = importlib.util.spec_from_file_location("bench_linear", ROOT / "bench" / "linear.py")
    linear = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(linear)
    pieces = [p for p in linear._pieces() if len(p) < 50_000]
    text = "".join(f"{pieces[k % len(pieces)]}\n\nBản sao số {k + 1}.\n\n" for k in range(copies))
    return SourceDocument(name="big.txt", path="", text=text, encoding="utf-8", media="text", sidecar={})


def test_regression_analysis_work_grows_linearly_with_the_document():
    """Twice the document, about twice the work: extraction scanned every mention for every sentence
    and mandate, every sentence for every lead-in, every mention for every bare title (3.2 times
    the lines of code for twice the text; now 2.0)."""
    from graph.pipeline import analyse
    small, large = _repeated_sample(6), _repeated_sample(12)
    lex = bundled_lexicon()
    analyse(small, lex)                                 # matchers compiled, caches warm
    ratio = _python_lines(lambda: analyse(large, lex)) / _python_lines(lambda: analyse(small, lex))
    assert ratio < 2.5, ratio


def test_deadlines_in_the_government_style():
    """Due phrases of telegrams, resolutions and their task tables: "đến hết ngày 31/12/2025" and
    "đến 31/12/2025" (no "ngày"); "hoàn thành trước tháng 6/2026" by the end of May, as "trước năm
    2030" is by the end of 2029; "trong 6 tháng đầu năm 2026"; "hoàn thành năm 2026"."""
    lex = bundled_lexicon()
    due = lambda phrase: parse_deadline(phrase, lex).deadline.isoformat()
    assert due("Bộ Tài chính báo cáo kết quả đến hết ngày 31/12/2025.") == "2025-12-31"
    assert due("duy trì hoạt động đến 31/12/2025") == "2025-12-31"
    assert due("trình Chính phủ ban hành Nghị định, hoàn thành trước tháng 6/2026") == "2026-05-31"
    assert due("hoàn thành trước tháng 1 năm 2026") == "2025-12-31"
    assert due("hoàn thành năm 2026") == "2026-12-31"
    assert due("tổ chức thực hiện trong 6 tháng đầu năm 2026") == "2026-06-30"
    assert due("triển khai trong 6 tháng cuối năm 2025") == "2025-12-31"
    assert parse_deadline("trong 6 tháng đầu năm 2026", lex).start_date.isoformat() == "2026-01-01"


def test_targets_worded_and_listed_after_one_comparator():
    """"mục tiêu tăng trưởng hai con số" is growth of 10% or more; "cắt giảm ít nhất 30% thời gian
    ..., 30% chi phí ..." sets two shares; a telegram's summary restating a target without the
    heading that gives its year is the same target."""
    x = _analyse_text("Phấn đấu tăng trưởng cả nước năm 2025 trên 8%; tạo đà để thực hiện mục tiêu tăng trưởng "
                      "hai con số trong những năm tiếp theo.")
    assert [(t.value, t.comparator, t.unit) for t in x.targets] == [("8", ">", "%"), ("10", ">=", "%")]
    assert x.targets[1].indicator.endswith("mục tiêu tăng trưởng")
    x = _analyse_text("Bộ Tài chính bảo đảm cắt giảm ít nhất 30% thời gian giải quyết các thủ tục hành chính, "
                      "30% chi phí tuân thủ thủ tục hành chính.")
    assert [(t.value, t.unit) for t in x.targets] == [("30", "%"), ("30", "%")]
    assert _analyse_text("Năm 2024, tăng trưởng GRDP đã đạt hai con số.").targets == ()
