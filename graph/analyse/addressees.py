"""The addressees of a document's header: the "Kính gửi:" list or a telegram's "THỦ TƯỚNG CHÍNH PHỦ
điện:" block, item by item over the page's line breaks, each item read as the document's text is
(enumerations expanded, a post standing for its body)."""
from __future__ import annotations

from graph.analyse.normalise import normalise
from graph.analyse.recognise import recognise
from graph.analyse.segment import segment
from graph.lexicon import Lexicon


def addressees(rest: str, pat: dict, lexicon: Lexicon) -> tuple[str, ...]:
    """The bodies the text is addressed to ("Kính gửi:", a telegram's "THỦ TƯỚNG CHÍNH PHỦ điện:"):
    every body each item names, an enumeration expanded ("Chủ tịch Ủy ban nhân dân các tỉnh: Hà
    Tĩnh, Quảng Trị"), a post standing for its body; the lead itself names no addressee."""
    m = pat["addressees"].search(rest[:2500])
    if m is None:
        return ()
    out: list[str] = []
    for item in _addressee_items(rest[m.end():m.end() + 3000], pat):
        for body in _item_bodies(item, lexicon):
            if body not in out:
                out.append(body)
    return tuple(out)


def _addressee_items(tail: str, pat: dict) -> list[str]:
    """The items of an addressee block, each joined over its lines: the block runs over the page's
    noise lines ("|", "** **") and ends at the first line after an item that starts no item (the
    first paragraph); "Kính gửi: X" on the lead's line is one item."""
    lines = [" ".join(c.strip(" *_#>\t") for c in ln.split("|") if c.strip(" *_#>\t")) for ln in tail.split("\n")]
    items: list[str] = []
    k = 0
    while k < len(lines):
        if not lines[k]:
            k += 1
            continue
        opens = bool(pat["addressee_item"].match(lines[k]))
        if items and not opens:
            break
        item, k = _addressee_item(lines, k, pat)
        items.append(item)
        if not opens and not item.endswith(";"):
            break
    return items


def _addressee_item(lines: list[str], k: int, pat: dict, most: int = 4) -> tuple[str, int]:
    """One item from line k, over the lines that continue it ("- Bộ trưởng, Thủ trưởng cơ quan
    thuộc / Chính phủ;"): at most ``most`` of them, taken when they close the item (";", ".") or
    the next item follows; else the lines are the paragraph after the block, not the item's."""
    first = pat["addressee_item"].sub("", lines[k], count=1)
    parts, j = [first], k + 1
    while not parts[-1].endswith((";", ".")) and len(parts) <= most:
        while j < len(lines) and not lines[j]:
            j += 1
        if j == len(lines) or pat["addressee_item"].match(lines[j]):
            break
        parts.append(lines[j])
        j += 1
    nxt = next((x for x in lines[j:] if x), None)
    if len(parts) > 1 and (parts[-1].endswith((";", ".")) or nxt is None or pat["addressee_item"].match(nxt)):
        return " ".join(parts), j
    return first, k + 1


def _item_bodies(item: str, lexicon: Lexicon) -> list[str]:
    """The bodies one addressee item names, read as the document's text is (enumerations, posts)."""
    normal = normalise(item, lexicon)
    return [x.iri for x in recognise(normal, segment(normal, lexicon), lexicon) if x.kind == "body"]
