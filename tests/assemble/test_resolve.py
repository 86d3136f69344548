"""Stage assemble, resolve: which document each document reference of the corpus stands for."""
from conftest import bundled_lexicon
from graph.records import SourceDocument

D = "https://w3id.org/mandate-graph/id/doc/"


def _analysed(name: str, text: str):
    from graph.pipeline import analyse
    return analyse(SourceDocument(name=name, path=name, text=text, encoding="utf-8", media="text"), bundled_lexicon())


def _two_documents():
    cites_in_full = _analysed("a.txt", (
        "Thành ủy Hà Nội tổ chức thực hiện Nghị quyết số 33-NQ/TW ngày 09/6/2014 của Bộ Chính trị. "
        "Nghị quyết số 20-NQ/TW ngày 01/11/2012 và Nghị quyết số 20-NQ/TW ngày 25/10/2017 đã được sơ kết.\n"))
    cites_in_short = _analysed("b.txt", (
        "Ủy ban nhân dân Thành phố sơ kết Nghị quyết số 33 và Nghị quyết 20 và Kết luận 150 trong năm; "
        "thực hiện Nghị quyết 57-NQ/TW và Nghị quyết 33-NQ/TW.\n"))
    return cites_in_full, cites_in_short


def test_a_reference_without_year_is_the_one_document_of_its_type_and_number_the_corpus_dates():
    from graph.assemble.resolve import resolve_documents
    resolution = resolve_documents(_two_documents(), bundled_lexicon())
    assert resolution[D + "33-nq"] == D + "33-nq-tw-2014"          # bare, settled by the other text
    assert resolution[D + "33-nq-tw"] == D + "33-nq-tw-2014"       # identifier without its year
    assert resolution[D + "33-nq-tw-2014"] == D + "33-nq-tw-2014"  # cited in full: itself


def test_two_dated_candidates_leave_a_bare_reference_as_it_is():
    from graph.assemble.resolve import resolve_documents
    resolution = resolve_documents(_two_documents(), bundled_lexicon())
    assert resolution[D + "20-nq"] == D + "20-nq"
    assert {resolution[D + "20-nq-tw-2012"], resolution[D + "20-nq-tw-2017"]} == {D + "20-nq-tw-2012", D + "20-nq-tw-2017"}


def test_documents_the_data_knows_settle_what_the_corpus_does_not():
    from graph.assemble.resolve import resolve_documents
    resolution = resolve_documents(_two_documents(), bundled_lexicon())
    assert resolution[D + "150-kl"] == D + "150-kl-tw-2025"        # documents.yaml: known
    assert resolution[D + "57-nq-tw"] == D + "57-nq-tw-2024"


def test_one_text_alone_cannot_settle_what_another_dates():
    from graph.assemble.resolve import resolve_documents
    _, cites_in_short = _two_documents()
    assert resolve_documents([cites_in_short], bundled_lexicon())[D + "33-nq"] == D + "33-nq"


def test_facts_about_references_are_written_as_the_resolved_document():
    """Relations hold the mention's IRI; populate writes the document the resolution names."""
    from rdflib import URIRef
    from graph.assemble.populate import populate
    from graph.vocab import MG
    cites_in_full, cites_in_short = _two_documents()
    assert {r.target for r in cites_in_short.extraction.relations} >= {D + "33-nq", D + "33-nq-tw"}
    g = populate([cites_in_full, cites_in_short], bundled_lexicon())
    node = URIRef(cites_in_short.meta.iri)
    assert (node, MG.reviews, URIRef(D + "33-nq-tw-2014")) in g
    assert (node, MG.implements, URIRef(D + "33-nq-tw-2014")) in g
    assert (None, None, URIRef(D + "33-nq")) not in g


def test_regression_a_reference_whose_type_code_has_a_d_with_stroke_resolves_in_facts_too():
    """Facts once resolved their IRI taken apart ("123-qd" -> type "QD"), which no type code with
    "Đ" matched: the mention was the dated document, the relation a node of its own."""
    from rdflib import URIRef
    from graph.assemble.populate import populate
    from graph.vocab import MG
    full = _analysed("a.txt", "Thực hiện Quyết định số 123-QĐ/TW ngày 01/02/2024 của Bộ Chính trị.\n")
    short = _analysed("b.txt", "Ủy ban nhân dân Thành phố sơ kết Quyết định 123 trong năm.\n")
    g = populate([full, short], bundled_lexicon())
    assert (URIRef(short.meta.iri), MG.reviews, URIRef(D + "123-qd-tw-2024")) in g


def test_regression_a_reference_never_resolves_to_a_later_document(analysed):
    """The 2017 conclusion "cited" the 2024 Law on the Capital: its "Luật Thủ đô" is the law of its
    own time, which the graph does not hold, so it stays an unresolved reference with its words."""
    from rdflib import Literal, URIRef
    from graph.assemble.populate import populate
    from graph.vocab import MG, MGID
    g = populate([analysed["000"], analysed["001"]], bundled_lexicon())
    conclusion = next(g.subjects(MG.sourceFile, Literal("000_abf47967dda61da9.txt")))
    cited = set(g.objects(conclusion, MG.cites))
    assert URIRef(f"{MGID}doc/39-2024-qh15") not in cited
    unresolved = URIRef(f"{MGID}doc/unresolved-luat-thu-do")
    assert unresolved in cited and g.value(unresolved, MG.unresolved).toPython() is True
    report_2025 = next(g.subjects(MG.sourceFile, Literal("001_6220ac92dd984a97.txt")))
    assert URIRef(f"{MGID}doc/39-2024-qh15") in set(g.objects(report_2025, MG.cites))
