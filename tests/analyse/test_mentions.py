"""Stage analyse, recognise: what each mention says of its entity, one typed record per kind."""
from conftest import recognise_text
from datetime import date

import pytest

from graph.records import BodyRef, DocumentRef, PersonRef, PlaceRef, ProjectRef


_mentions = recognise_text


def _by_rule(text: str, rule: str):
    return [m.ref for m in _mentions(text) if m.rule == rule]


def test_every_kind_has_its_record(analysed):
    records = {"body": BodyRef, "person": PersonRef, "document": DocumentRef, "project": ProjectRef,
               "place": PlaceRef}
    seen = set()
    for doc in analysed.values():
        for m in doc.mentions:
            assert isinstance(m.ref, records[m.kind]), m
            seen.add(m.kind)
    assert seen >= {"body", "person", "document", "project"}


def test_a_document_identifier_with_its_date():
    [ref] = _by_rule("Thực hiện Nghị quyết số 15-NQ/TW ngày 05/5/2022 của Bộ Chính trị.\n", "document-identifier")
    assert ref == DocumentRef(type_code="NQ", number="15", identifier="15-NQ/TW", issuer_code="TW",
                              year=2022, issued=date(2022, 5, 5))


def test_a_state_identifier_and_a_bare_reference():
    refs = _by_rule("Căn cứ Nghị định số 15/2024/NĐ-CP, triển khai Kết luận 150 trong năm.\n", "document-identifier")
    assert refs == [DocumentRef(type_code="NĐ", number="15", identifier="15/2024/NĐ-CP", issuer_code="CP", year=2024)]
    [bare] = _by_rule("Căn cứ Nghị định số 15/2024/NĐ-CP, triển khai Kết luận 150 trong năm.\n", "document-bare")
    assert bare == DocumentRef(type_code="KL", number="150", partial=True)


def test_a_named_document():
    [ref] = _by_rule("Triển khai Luật Thủ đô năm 2024.\n", "document-named")
    assert (ref.name, ref.type_code, ref.identifier, ref.year) == ("Luật Thủ đô năm 2024", "L", "39/2024/QH15", 2024)
    assert ref.issuer.endswith("/body/quoc-hoi")


def test_a_person_with_the_post_held_and_the_bare_title_that_stands_for_them():
    mentions = _mentions("Bí thư Thành ủy Hà Nội Bùi Thị Minh Hoài chủ trì. Bí thư Thành ủy Hà Nội yêu cầu các cấp ủy thực hiện.\n")
    people = [m for m in mentions if m.kind == "person"]
    named = next(m.ref for m in people if m.rule == "title-name")
    assert named == PersonRef(name="Bùi Thị Minh Hoài", title=named.title, post="bí thư thành ủy hà nội",
                              post_text="Bí thư Thành ủy Hà Nội")
    assert [m.ref for m in people if m.rule == "bare-title"] == [PersonRef(name="Bùi Thị Minh Hoài")]


def test_a_body_by_pattern_describes_itself_and_a_gazetteer_body_does_not():
    mentions = _mentions("Bộ Chính trị giao Quận ủy Ba Đình thực hiện.\n")
    bodies = {m.rule: m.ref for m in mentions if m.kind == "body"}
    assert bodies["gazetteer"] == BodyRef()
    found = bodies["body-pattern"]
    assert found.name == "Quận ủy Ba Đình" and found.cls == "PartyBody" and found.body_kind == "party-committee"
    assert found.valid_until == date(2025, 6, 30)


def test_records_are_frozen():
    with pytest.raises(AttributeError):
        DocumentRef(type_code="NQ").number = "1"
