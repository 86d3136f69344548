"""Golden expectations annotated by reading the sample texts."""
from graph.extract import extract
from graph.normalise import normalise
from graph.recognise import recognise
from graph.meta import document_meta
from graph.read import SUFFIXES  # noqa: F401  (the reader is exercised in test_read)
from graph.records import SourceDocument
from graph.segment import segment

B = "https://w3id.org/mandate-graph/id/body/"
BCT, TUHN, HN = B + "bo-chinh-tri", B + "thanh-uy-ha-noi", B + "thanh-pho-ha-noi"
GROUP = B + "cac-ban-dang-ban-can-su-dang-dang-doan-dang-uy-truc-thuoc-trung-uong"
PROV = B + "cac-tinh-uy-thanh-uy-co-lien-quan"

# 000, section II: (first words of the task, assigner, assignees, role, deadline)
GOLDEN_000 = [
    ("Bộ Chính trị yêu cầu Thành", BCT, {TUHN, GROUP, PROV}, "implement", None),
    ("Đảng bộ, chính quyền", BCT, {TUHN, GROUP, PROV}, "implement", None),
    ("Nâng cao hiệu lực", BCT, {TUHN, GROUP, PROV}, "implement", None),
    ("Tập trung xây dựng nền", BCT, {TUHN, GROUP, PROV}, "implement", None),
    ("Thủ đô là địa bàn", BCT, {TUHN, GROUP, PROV}, "implement", None),
    ("Thủ đô là biểu tượng", BCT, {TUHN, GROUP, PROV}, "implement", None),
    ("Đặc biệt chú trọng", BCT, {TUHN, GROUP, PROV}, "implement", None),
    ("Bộ Chính trị đồng ý", BCT, {GROUP}, "coordinate", None),
    ("Đảng đoàn Quốc hội lãnh đạo", BCT, {B + "dang-doan-quoc-hoi"}, "lead", None),
    ("Ban cán sự đảng Chính phủ", BCT, {B + "ban-can-su-dang-chinh-phu"}, "lead", None),
    ("Đồng ý để thành phố", BCT, {HN}, "permit", None),
    ("Văn phòng Trung ương Đảng", BCT, {B + "van-phong-trung-uong-dang"}, "monitor", None),
    ("Bộ Chính trị tiến hành", BCT, {BCT}, "implement", "2020-12-31"),
]


def _mandates(doc):
    out = []
    for m in doc.extraction.mandates:
        text = doc.normal.text[m.start:m.end]
        out.append((text, m.assigner, set(m.assignees), m.role,
                    m.deadline.deadline.isoformat() if m.deadline and m.deadline.deadline else None))
    return out


def test_000_every_mandate(analysed):
    got = _mandates(analysed["000"])
    assert len(got) == len(GOLDEN_000)
    for (text, assigner, assignees, role, deadline), exp in zip(got, GOLDEN_000):
        assert text.startswith(exp[0]), (text[:40], exp[0])
        assert (assigner, assignees, role, deadline) == exp[1:], text[:60]


def test_004_mandates_name_the_general_secretary_and_hanoi(analysed):
    got = _mandates(analysed["004"])
    to_lam = "https://w3id.org/mandate-graph/id/person/to-lam"
    from_gs = [g for g in got if g[1] == to_lam]
    assert len(from_gs) == 20
    assert all(g[2] == {HN} or g[2] == {TUHN} for g in from_gs)
    requests = [g[0][:30] for g in got if g[3] == "request"]
    assert requests == ["Tổng Bí thư đề nghị Hà Nội cần", "Tổng Bí thư đề nghị triển khai", "Tổng Bí thư đề nghị cần biến q"]
    last = got[-1]
    assert last[1] != to_lam and last[2] == {B + "ban-thuong-vu-thanh-uy-ha-noi"} and last[4] == "2025-06-26"


def test_003_sidebar_yields_nothing(analysed):
    doc = analysed["003"]
    sidebar = doc.normal.text.index("(0) Bình luận")
    assert all(m.start < sidebar for m in doc.mentions)
    assert all(m.end <= sidebar for m in doc.extraction.mandates)
    assert all(t.end <= sidebar for t in doc.extraction.targets)
    names = {m.iri for m in doc.mentions}
    assert not any("vinfast" in n or "ton-that" in n or "cua-nam" in n for n in names)


# 001 section III.2: (value, valueMax, comparator, unit) in order; year 2030 for all.
GOLDEN_TARGETS_2030 = [
    ("11.0", None, ">=", "%/năm"), ("12000", None, ">", "USD"), ("40", None, "=", "%"), ("8", None, "~", "%"),
    ("5.0", None, "=", "triệu tỷ đồng"), ("0.88", None, "~", ""), ("9", None, "=", "/10"), ("80", None, ">=", "%"),
    ("60", None, "=", "%"), ("644.5", None, "=", "triệu đồng/lao động"), ("19", None, "=", "bác sỹ"),
    ("85", None, ">=", "%"), ("65", "70", "=", "%"), ("30", None, ">=", "%"), ("120000", None, "~", "căn"),
    ("10", None, ">=", "m2/người"), ("100", None, "=", "%"), ("10", None, "<", "%"), ("70", None, "=", "%"),
    ("100", None, "=", "%"), ("40", None, "=", "%"), ("50", None, "=", "%"), ("80", None, ">=", "%"),
    ("11000", None, ">=", "đảng viên"), ("3", None, "=", "%"), ("90", None, ">", "%"), ("90", None, ">", "%"),
]


def test_001_targets_of_section_iii_2(analysed):
    doc = analysed["001"]
    sec = [t for t in doc.extraction.targets
           if any(s.start <= t.start < s.end and "Những chỉ tiêu chủ yếu đến năm 2030" in doc.segmented.blocks[s.block].heading_path
                  for s in doc.segmented.sentences)]
    assert [(t.value, t.value_max, t.comparator, t.unit) for t in sec] == GOLDEN_TARGETS_2030
    assert {t.year for t in sec} == {2030}


def test_001_deadline_sentences(analysed):
    doc = analysed["001"]
    dated = {doc.normal.text[m.deadline.start:m.deadline.end]: m.deadline.deadline.isoformat()
             for m in doc.extraction.mandates if m.deadline and m.deadline.deadline}
    assert dated.get("giai đoạn 2026 - 2030") == "2030-12-31"


def _analyse_text(text: str):
    src = SourceDocument(name="t.txt", path="t.txt", text=text, encoding="utf-8", media="text")
    n = normalise(text)
    seg = segment(n)
    mentions = recognise(n, seg)
    return extract(n, seg, mentions, document_meta(src, n, seg, mentions))


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
    assert m.deadline.deadline.isoformat() == "2025-06-19"


def test_results_are_not_mandates():
    x = _analyse_text("Thành ủy Hà Nội đã ban hành nhiều văn bản để cụ thể hóa các nghị quyết.")
    assert x.mandates == ()
