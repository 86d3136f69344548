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


def test_a_group_row_of_two_cells_keeps_the_table_going():
    """The reader drops a group row's empty trailing cells ("I | Hoàn thiện thể chế"): the rows
    after it are still rows of the same table."""
    text = ANNEX.replace("I | Hoàn thiện thể chế | | | |\n", "I | Hoàn thiện thể chế\n")
    ms = _mandates(text)
    assert [m.rule for m in ms] == ["table-row", "table-row"]
    assert ms[0].heading_path == ("I Hoàn thiện thể chế",)


INDICATORS = (
    "PHỤ LỤC I\nDANH MỤC CÁC CHỈ TIÊU CỤ THỂ\n"
    "TT | Chỉ tiêu | Đơn vị | Kết quả | Cơ quan chủ trì theo dõi, đánh giá\n"
    "I | Giai đoạn 2025-2027 | | |\n"
    "I.1 | Cung cấp dịch vụ số bao trùm, thông minh | | |\n"
    "1 | Tỉ lệ dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính. | % | 100% | Văn phòng Chính phủ\n"
    "II | Giai đoạn 2028-2030 | | |\n"
    "1 | Tỉ lệ người dân đánh giá hài lòng khi sử dụng dịch vụ công trực tuyến. | % | 99% | Bộ Khoa học và Công nghệ\n")


def test_an_indicator_table_gives_monitoring_mandates_due_by_the_end_of_their_period():
    ms = _mandates(INDICATORS)
    assert [m.rule for m in ms] == ["table-row", "table-row"]
    first, second = ms
    assert first.role == second.role == "monitor" and first.leads == ()     # "chủ trì theo dõi, đánh giá"
    assert first.assignees == (B + "van-phong-chinh-phu",)
    assert first.deadline.deadline.isoformat() == "2027-12-31"     # "Giai đoạn 2025-2027" group row
    assert second.deadline.deadline.isoformat() == "2030-12-31"


def test_a_task_the_section_lists_again_without_actors_is_the_table_rows_mandate():
    """Điều 1 lists the tasks without actors and refers to the annex ("Chi tiết tại các Phụ lục"),
    whose table gives them with their lead: one mandate per task, the table row's."""
    section = ("III. NHIỆM VỤ, GIẢI PHÁP\n1. Hoàn thiện thể chế\n- Xây dựng Luật An ninh dữ liệu.\n"
               "- Tăng cường hợp tác quốc tế về dữ liệu.\n")
    ms = _mandates(section + ANNEX)
    assert [m.rule for m in ms] == ["implicit", "table-row", "table-row"]
    assert ms[0].task.startswith("Tăng cường hợp tác")
