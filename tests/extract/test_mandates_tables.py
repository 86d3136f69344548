"""Mandates from task tables (issue 14): one mandate per task row, lead, coordinators, deadline
and deliverable from the columns the header names; group rows are sections. The table is written
as the reader writes tables of HTML, DOCX and PDF documents: one row per line, cells joined by " | "."""

from conftest import extract_text

B = "https://w3id.org/mandate-graph/id/body/"
TTG = B + "thu-tuong-chinh-phu"

ANNEX = (
    "PHỤ LỤC II\nDANH MỤC CÁC NHIỆM VỤ TRỌNG TÂM\n"
    "TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Sản phẩm | Thời gian hoàn thành\n"
    "I | Hoàn thiện thể chế | | | |\n"
    "1 | Xây dựng Luật An ninh dữ liệu. | Bộ Công an | Bộ Tài chính, Bộ Nội vụ | Trình Quốc hội dự thảo Luật | Tháng 12/2026\n"
    "2 | Xây dựng Bộ chỉ số đánh giá Chính phủ số. | Bộ Khoa học và Công nghệ | Bộ Công an | Bộ chỉ số được ban hành | Năm 2026\n")


def _mandates(text: str):
    return extract_text(text, authority=TTG)[1].mandates


def test_one_mandate_per_task_row_with_the_columns_fields():
    ms = _mandates(ANNEX)
    assert [m.rule for m in ms] == ["table-row", "table-row"]
    law, index = ms
    assert law.assignees == law.leads == (B + "bo-cong-an",) and law.role == "lead" and law.assigner == TTG
    assert set(law.coordinators) == {B + "bo-tai-chinh", B + "bo-noi-vu"}
    assert law.deadline.deadline.isoformat() == "2026-12-31" and law.deliverable == "Trình Quốc hội dự thảo Luật"
    assert law.task.startswith("Xây dựng Luật An ninh dữ liệu")     # the task cell; the evidence is the row
    assert law.heading_path == ("I Hoàn thiện thể chế",)          # the group row is the section, not a task
    assert index.deadline.deadline.isoformat() == "2026-12-31"     # "Năm 2026" alone in the time column
