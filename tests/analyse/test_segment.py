"""Stage segment: headings, items, lead-ins and sentences of a sample text."""
from conftest import bundled_lexicon


def test_structure_keeps_heading_paths_and_lead_ins(analysed):
    a = analysed["000"]
    text = a.normal.text
    def block(opening):
        return next(b for b in a.segmented.blocks if text.startswith(opening, b.start))
    lead = block("Bộ Chính trị yêu cầu Thành ủy Hà Nội, các")
    item = block("- Nâng cao hiệu lực, hiệu quả quản lý của")
    assert item.kind == "item" and item.marker == "-" and item.lead_in == lead.index
    assert item.heading_path == ("Về đẩy mạnh thực hiện Nghị quyết số 11 của Bộ Chính trị",)
    sub = block("+ Đảng đoàn Quốc hội lãnh đạo việc sửa đổi")
    assert sub.marker == "+" and sub.level > item.level and text[a.segmented.blocks[sub.lead_in].start:].startswith("Trước hết")
    assert block("1- Về kết quả đạt được").heading_path[-1] == "Về kết quả đạt được"
    assert [b.kind for b in a.segmented.blocks[-8:]] == ["recipients"] * 7 + ["signature"]
    sentences = [text[s.start:s.end] for s in a.segmented.sentences if s.block == lead.index]
    assert sentences and all(s.strip() == s for s in sentences)


# A news page as a site lays it out: its title, then a paragraph a line.
NEWS = [
    "Thủ tướng chỉ đạo khắc phục hậu quả mưa lũ tại các tỉnh miền Trung",
    "Chiều 20/11, Thủ tướng Chính phủ đã chủ trì cuộc họp trực tuyến với các bộ, ngành và các tỉnh miền Trung về "
    "công tác ứng phó, khắc phục hậu quả mưa lũ trong những ngày qua.",
    "Thủ tướng yêu cầu Bộ Nông nghiệp và Môi trường chủ trì, phối hợp với các địa phương khẩn trương rà soát, "
    "thống kê thiệt hại, đề xuất hỗ trợ người dân ổn định đời sống",
    "Bộ Xây dựng khẩn trương khắc phục các tuyến giao thông bị sạt lở, bảo đảm thông suốt trước ngày 30/11/2025, "
    "báo cáo Thủ tướng Chính phủ kết quả thực hiện.",
]


def _analysed(source: str, name: str):
    from graph.pipeline import analyse
    from graph.records import SourceDocument
    media = "html" if name.endswith(".html") else "text"
    return analyse(SourceDocument(name=name, path=name, text=source, encoding="utf-8", media=media), bundled_lexicon())


def test_one_rule_says_a_text_is_a_web_page_and_every_stage_reads_it():
    """normalise decides it once (a paragraph a line); segment's short unpunctuated line is then a
    title and metadata types a page without signature as news. A page's HTML source, one tag a
    line, is judged on its text, not on its markup (segment read the raw lines before)."""
    for source, name in (("\n".join(NEWS), "news.txt"),
                         ("<html>\n<body>\n" + "\n".join(f"<p>\n{p}\n</p>" for p in NEWS) + "\n</body>\n</html>\n",
                          "news.html")):
        doc = _analysed(source, name)
        assert doc.normal.web, name
        first = doc.segmented.blocks[0]
        assert first.kind == "heading" and doc.normal.text[first.start:first.end] == NEWS[0], name
        assert doc.meta.type_code == "TIN" and doc.meta.title == NEWS[0], name


def test_a_text_broken_into_short_lines_is_no_web_page():
    """A PDF's text breaks a paragraph's lines at ~90 characters: the lines are joined back."""
    words = " ".join(NEWS[1:]).split()
    lines, line = [], []
    for w in words:
        if len(" ".join(line + [w])) > 85:
            lines.append(" ".join(line))
            line = []
        line.append(w)
    doc = _analysed("\n".join(lines + [" ".join(line)]), "scan.txt")
    assert not doc.normal.web
    assert [b.kind for b in doc.segmented.blocks].count("paragraph") + \
        [b.kind for b in doc.segmented.blocks].count("item") < len(lines)
