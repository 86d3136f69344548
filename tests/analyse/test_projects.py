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
