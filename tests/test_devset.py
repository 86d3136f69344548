"""The development annotations (tests/golden/dev/) are usable measures: well formed, every quoted
task found in its capture, a validation third kept aside, the kinds of issues 13 and 14 covered."""
import unicodedata
from collections import Counter

import pytest

import devgold

ROLES = {"implement", "lead", "coordinate", "monitor", "approve", "permit", "request"}
needs_corpus = pytest.mark.skipif(not devgold.DEV_CORPUS.is_dir(), reason="../shared/corpus-dev is absent")


def test_annotations_are_well_formed():
    docs = devgold.documents()
    assert len(docs) >= 27
    for doc in docs:
        spec = doc.spec
        assert doc.split in ("tune", "validation"), doc.name
        assert set(spec) >= {"file", "kind", "split", "header", "bodies", "persons", "projects", "mandates"}, doc.name
        for m in spec["mandates"] or []:
            assert m["role"] in ROLES, (doc.name, m["text"])
            assert isinstance(m["assignees"], list) and m["text"], (doc.name, m)
        for name in (spec["bodies"] or []) + (spec["persons"] or []):
            assert name == unicodedata.normalize("NFC", name), (doc.name, name)


def test_a_validation_third_spans_the_kinds():
    docs = devgold.documents()
    split = Counter(d.split for d in docs)
    assert 0.25 <= split["validation"] / len(docs) <= 0.4
    kinds = {d.kind for d in docs}
    assert len(kinds) >= 8
    assert {d.kind for d in docs if d.split == "validation"} >= kinds - {"government-decision-with-table"}


@needs_corpus
def test_every_annotated_task_is_quoted_from_its_capture():
    for doc in devgold.documents():
        text = doc.path.read_text(encoding="utf-8")
        starts = devgold._source_starts(text, doc.spec["mandates"] or [], doc.spec["header"].get("identifier") if doc.spec["header"] else None)
        missing = [m["text"] for m, at in zip(doc.spec["mandates"] or [], starts) if at is None]
        assert missing == [], doc.name


@needs_corpus
def test_scoring_pairs_a_mandate_with_itself():
    """The scorer, fed an analysis of a capture, counts what it matched; at least the dates of
    issue are read on most documents today, so the tally is not empty."""
    from devgold import analyse_file
    doc = devgold.documents()[0]
    tally = devgold.Tally()
    devgold.score(doc, analyse_file(doc.path), devgold.Names(), tally)
    rows = {(k, f): (e, fo, r) for s, k, f, e, fo, r, _, _ in tally.rows() if k == "all"}
    assert rows[("all", "mandate")][0] == len(doc.spec["mandates"])


def test_a_task_is_looked_for_in_the_document_before_the_sites_summary():
    """An official capture's site summary may quote a task in the document's words before the
    document itself (from its national motto on): the annotation means the document's."""
    task = {"text": "Khẩn trương thực hiện quyết liệt"}
    text = ("Tóm tắt: - Khẩn trương thực hiện quyết liệt các giải pháp.\n"
            "THỦ TƯỚNG CHÍNH PHỦ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "1. Khẩn trương thực hiện quyết liệt các giải pháp.\n")
    assert devgold._source_starts(text, [task], None, official=True) == [text.rindex("Khẩn")]
    assert devgold._source_starts(text, [task]) == [text.index("Khẩn")]


def test_a_quote_is_located_in_the_document_not_in_the_pages_summary():
    """A legal-database page summarises a telegram's tasks before the telegram itself: the quote
    is placed in the telegram (after its number line), where the tool's mandates are scored."""
    page = ("Số hiệu: | 229/CĐ-TTg\n"
            "Theo đó, tại Công điện 229/CĐ-TTg, Thủ tướng Chính phủ yêu cầu:\n"
            "- Khẩn trương thực hiện quyết liệt, đồng bộ các nhiệm vụ, giải pháp.\n"
            "- Tiếp tục phát huy truyền thống tốt đẹp tương thân tương ái.\n"
            "Số: 229/CĐ-TTg\n"
            "1. Khẩn trương thực hiện quyết liệt, đồng bộ các\nnhiệm vụ, giải pháp.\n"
            "2. Tiếp tục phát huy truyền thống tốt đẹp tương\nthân tương ái.\n")
    wants = [{"text": "Khẩn trương thực hiện quyết liệt, đồng bộ các"},
             {"text": "Tiếp tục phát huy truyền thống tốt đẹp tương"}]
    document = page.index("Số: 229")
    starts = devgold._source_starts(page, wants, "229/CĐ-TTg")
    assert all(at is not None and at > document for at in starts)
    assert page[starts[1]:].startswith("Tiếp tục")
    # without a number line (news), the first occurrence, as before
    assert devgold._source_starts(page, wants[:1], None)[0] == page.index("Khẩn trương")
    assert devgold.document_start(page, "229 / CĐ-TTg") == document


def test_an_assignee_who_is_a_person_is_matched_as_a_person():
    """'Phân công Phó Thủ tướng Thường trực Chính phủ Nguyễn Hòa Bình ...' annotated with the
    person as assignee, and 'Giao Phó Thủ tướng Chính phủ Trần Hồng Hà ...' with the post tied to
    him: the tool's person IRI is right for both, a body of the same words is not."""
    names = devgold.Names()
    persons = {"Nguyễn Hòa Bình", "Trần Hồng Hà"}
    binh = names.person("Nguyễn Hòa Bình")
    want = {"assignees": ["Nguyễn Hòa Bình"], "posts": ["Phó Thủ tướng Thường trực Chính phủ"]}
    assert devgold.assignee_iris(want, persons, names, {binh}) == {binh}
    assert binh != names.body("Nguyễn Hòa Bình")
    ha = names.person("Trần Hồng Hà")
    want = {"assignees": ["Phó Thủ tướng Chính phủ"], "posts": ["Phó Thủ tướng Chính phủ Trần Hồng Hà"]}
    assert devgold.assignee_iris(want, persons, names, {ha}) == {ha}
    post = names.body("Phó Thủ tướng Chính phủ")
    assert devgold.assignee_iris(want, persons, names, {post}) == {post}
    # a body stays a body, and another person is not the holder
    want = {"assignees": ["Bộ Tài chính"], "posts": []}
    assert devgold.assignee_iris(want, persons, names, {binh}) == {names.body("Bộ Tài chính")}
    want = {"assignees": ["Phó Thủ tướng Chính phủ"], "posts": ["Phó Thủ tướng Chính phủ Trần Hồng Hà"]}
    assert devgold.assignee_iris(want, persons, names, {binh}) == {post}
