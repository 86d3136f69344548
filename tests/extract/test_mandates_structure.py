"""Mandates from structure (issue 14): an actor heading gives its actors and role to every item
under it, at any depth, until the next heading of its rank; defaults come from the document's
header (DocumentMeta.authority, addressees), never from a place. Sentences in the styles served:
a Prime Minister's telegram, a Government Office notice."""

from conftest import extract_text

B = "https://w3id.org/mandate-graph/id/body/"
TTG, BTC, BQP = B + "thu-tuong-chinh-phu", B + "bo-tai-chinh", B + "bo-quoc-phong"


def _extract(text: str, **meta):
    n, extraction = extract_text(text, **meta)
    return n, extraction.mandates


TELEGRAM = (
    "Thủ tướng Chính phủ yêu cầu các Bộ trưởng tập trung thực hiện ngay các nhiệm vụ sau:\n"
    "**1.** Bộ Tài chính chủ trì, phối hợp với Bộ Công an:\n"
    "a) Rà soát các mặt hàng dự trữ quốc gia bảo đảm chủng loại, số lượng.\n"
    "b) Tổng hợp nhu cầu về hàng dự trữ quốc gia của địa phương.\n"
    "**2.** Bộ Quốc phòng:\n"
    "a) Huy động lực lượng, phương tiện tham gia công tác vận chuyển.\n")


def test_items_under_an_actor_heading_take_its_actor_role_and_coordinators():
    n, ms = _extract(TELEGRAM, authority=TTG)
    items = {n.text[m.start:m.end].split(" ")[0]: m for m in ms if m.rule == "lead-in"}
    assert items["Rà"].assignees == (BTC,) and items["Rà"].role == "lead" and items["Rà"].coordinators == (B + "bo-cong-an",)
    assert items["Tổng"].assignees == (BTC,)
    # the next heading of the same rank ("2.") closes "1." and opens its own actor
    assert items["Huy"].assignees == (BQP,) and items["Huy"].assigner == TTG
    # a heading naming only an actor and its role is no mandate of its own
    assert not any(n.text[m.start:m.end].startswith("Bộ Tài chính chủ trì") for m in ms)


def test_an_item_without_actor_goes_to_the_addressees_not_to_a_place():
    text = "Thực hiện Kết luận, đề nghị:\n- Khẩn trương rà soát các công trình tại thành phố Hà Nội.\n"
    _, ms = _extract(text, identifier="1/CĐ-TTg", issuer=TTG, addressees=(BQP,))
    [m] = [m for m in ms if m.task.startswith("Khẩn trương")]
    assert m.assignees == (BQP,) and not m.explicit and m.assigner == TTG
