"""Extraction against the golden files annotated by reading the sample texts (tests/golden), and
passages written in the style of other governance texts."""
import goldens
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

def _check(doc, key):
    complete, expected = goldens.mandates()[key]
    if complete:
        assert len(doc.extraction.mandates) == len(expected), [doc.normal.text[m.start:m.start + 40]
                                                                for m in doc.extraction.mandates]
    for e, m in goldens.pair(doc, expected):
        assert m is not None, f"{key}: no mandate starts {e.text!r}"
        want = {"assigner": e.assigner, "assignees": e.assignees, "role": e.role, "deadline": e.deadline,
                "recurring": e.recurring, **e.known_error}
        assert goldens.observed(doc, m) == want, e.text


def test_000_every_mandate(analysed):
    _check(analysed["000"], "000")
    assert [m.start for m in analysed["000"].extraction.mandates] == sorted(m.start for m in analysed["000"].extraction.mandates)


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
