"""Stage extract, facets: the "6 rõ" a mandate meets, named as in the ontology's scheme mg:facets."""
from datetime import date

import pytest

from graph.extract.facets import facet_names, facets
from graph.records import Deadline, Facet, MandateRecord

BCT = "https://w3id.org/mandate-graph/id/body/bo-chinh-tri"
HN = "https://w3id.org/mandate-graph/id/body/thanh-pho-ha-noi"
TUHN = "https://w3id.org/mandate-graph/id/body/thanh-uy-ha-noi"


def _mandate(**fields) -> MandateRecord:
    base = dict(start=0, end=10, assigner=None, assignees=(), leads=(), coordinators=(), role="implement",
                task="Xây dựng đề án", explicit=False, rule="implicit", heading_path=())
    return MandateRecord(**{**base, **fields})


def _met(rec: MandateRecord) -> set[str]:
    return {f.name for f in facets(rec) if f.met}


def test_the_names_are_the_notations_of_the_scheme():
    from graph.ontology import scheme_members
    assert facet_names() == tuple(scheme_members("facets"))
    assert set(facet_names()) == {"who", "what", "when", "responsibility", "deliverable", "authority"}


def test_every_facet_is_decided_met_or_not():
    got = facets(_mandate())
    assert [f.name for f in got] == list(facet_names())
    assert got == tuple(Facet(name, name == "what") for name in facet_names())


def test_an_explicit_assignment_with_deadline_product_and_assigner_meets_all_six():
    due = Deadline("trước ngày 30-6-2025", 5, 9, date(2025, 6, 29), None, False, "before_date")
    rec = _mandate(assigner=BCT, assignees=(TUHN,), explicit=True, deadline=due, deliverable="báo cáo kết quả",
                   rule="assign")
    assert _met(rec) == set(facet_names())


def test_an_implied_assignee_is_no_clear_who_and_a_start_date_no_clear_when():
    starts = Deadline("từ ngày 1-7-2025", 5, 9, None, date(2025, 7, 1), False, "from_date")
    rec = _mandate(assigner=BCT, assignees=(HN,), explicit=False, deadline=starts)
    assert _met(rec) == {"what", "authority"}


def test_responsibility_from_a_lead_a_role_or_one_named_assignee():
    assert "responsibility" in _met(_mandate(assignees=(HN, TUHN), leads=(HN,), explicit=True))
    assert "responsibility" in _met(_mandate(assignees=(HN, TUHN), role="coordinate", explicit=True))
    assert "responsibility" in _met(_mandate(assignees=(HN,), explicit=True))
    assert "responsibility" not in _met(_mandate(assignees=(HN, TUHN), explicit=True))


def test_recurring_work_is_clear_when_and_a_legal_basis_is_authority():
    recurring = Deadline("hằng năm", 5, 9, None, None, True, "recurring")
    met = _met(_mandate(deadline=recurring, legal_basis=("https://w3id.org/mandate-graph/id/doc/15-nq-tw-2022",)))
    assert {"when", "authority"} <= met


def test_extraction_gives_every_mandate_its_facets(analysed):
    for doc in analysed.values():
        for rec in doc.extraction.mandates:
            assert rec.facets == facets(rec)


def test_a_facet_without_its_rule_is_named(monkeypatch):
    from graph.extract import facets as module
    monkeypatch.delitem(module._RULES, "when")
    with pytest.raises(ValueError, match=r"no rule for \['when'\]"):
        facet_names()
