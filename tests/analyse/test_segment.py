"""Stage segment: headings, items, lead-ins and sentences of a sample text."""


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
