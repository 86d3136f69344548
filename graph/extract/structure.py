"""Where a sentence stands: its section (task, results or neither), the lead-in above it, and
whether it states a task without an actor."""
from __future__ import annotations

from graph.analyse.normalise import normalise_phrase
from graph.extract.cues import starts_with as _starts_with, unframed as _unframed
from graph.records import Block, MandateRecord, NormalText, Segmented, Sentence


def _record(normal, start, end, assigner, assignees, role, explicit, rule, block: Block) -> MandateRecord:
    text = normal.text[start:end]
    return MandateRecord(start=start, end=end, assigner=assigner, assignees=tuple(assignees), leads=(),
                         coordinators=(), role=role, task=text.strip(" .;:"), explicit=explicit, rule=rule,
                         heading_path=block.heading_path)


def _lead_in(seg: Segmented, block: Block, by_sentence, sentences_of: dict[int, list[int]]
             ) -> MandateRecord | None:
    """The mandate stated in the lead-in of ``block`` (or in the item that lead-in continues).
    ``sentences_of``: the indexes of each block's sentences, in order."""
    index = block.lead_in
    seen = set()
    while index is not None and index not in seen:
        seen.add(index)
        lead_block = seg.blocks[index]
        for n in sentences_of.get(index, ()):
            if n in by_sentence:
                return by_sentence[n]
        index = lead_block.continues if lead_block.continues is not None else lead_block.lead_in
    return None


def _is_task_context(normal: NormalText, seg: Segmented, block: Block, cues: dict) -> bool:
    if block.kind not in ("item", "paragraph", "heading"):
        return False
    section = _section(block, cues)
    return section if section is not None else block.lead_in is not None


def _section(block: Block, cues: dict) -> bool | None:
    """True under a task heading, False under a results or context heading, None under neither."""
    path = [normalise_phrase(h) for h in block.heading_path]
    if block.kind == "heading" and path:
        path = path[:-1]
    for h in reversed(path):                   # the deepest heading that says which it is decides
        if any(t in h for t in cues["task_headings"]):
            return True
        if any(n in h for n in cues["non_task"]):
            return False
    return None


def _section_title(heading: str, cues: dict) -> bool:
    """A heading that only names a task section ("TỔ CHỨC THỰC HIỆN") is no task, though it opens
    with a verb."""
    title = cues["heading_number"].sub("", heading).strip(" .:;-–\n")
    return title in cues["task_headings"]


def _imperative(key: str, s: Sentence, cues: dict) -> bool:
    text = _unframed(key[s.start:s.end], cues)
    return bool(_starts_with(text, {v: 1 for v in cues["imperative"]}))


def _lead_in_sentence(normal, s) -> bool:
    return normal.text[s.start:s.end].rstrip().endswith(":") and len(normal.text[s.start:s.end]) < 90


def _follow_on(key: str, s: Sentence, block: Block, cues: dict) -> bool:
    """"Đồng thời, tiếp tục ..." or a quoted paragraph of tasks ("“Tập trung ...”, X khẳng định")
    after a mandate carries on with the same actors."""
    text = key[s.start:s.end].lstrip("“\"")
    quoted = key.startswith(("“", '"'), block.start)
    framed = cues["follow_on"].match(text) is not None
    return (quoted or framed) and _imperative(key, Sentence(s.block, s.end - len(text), s.end), cues)


