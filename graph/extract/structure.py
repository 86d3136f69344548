"""Where a sentence stands: its section (task, results or neither), the lead-in above it, and
whether it states a task without an actor."""
from __future__ import annotations

from functools import lru_cache

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


def _is_task_context(block: Block, cues: dict) -> bool:
    if block.kind not in ("item", "paragraph", "heading"):
        return False
    section = _section(block, cues)
    return section if section is not None else block.lead_in is not None


def _section(block: Block, cues: dict) -> bool | None:
    """True under a task heading, False under a results or context heading, None under neither."""
    return _section_of(block.heading_path, block.kind == "heading", cues["task_headings"], cues["non_task"],
                       cues["title_types"])


@lru_cache(maxsize=4096)        # every sentence of a block, every block under one heading asks again
def _section_of(heading_path: tuple[str, ...], heading: bool, task_headings: tuple[str, ...],
                non_task: tuple[str, ...], title_types) -> bool | None:
    path = [normalise_phrase(h) for h in heading_path]
    if heading and path:
        path = path[:-1]
    for h in reversed(path):                   # the deepest heading that says which it is decides
        if _starts_with(h, title_types):
            continue                           # the document's title ("CÔNG ĐIỆN VỀ ... KẾT QUẢ THANH TRA ...")
        if any(t in h for t in task_headings):
            return True
        if any(n in h for n in non_task):
            return False
    return None


def _section_title(heading: str, cues: dict) -> bool:
    """A heading that only names a task section ("TỔ CHỨC THỰC HIỆN") is no task, though it opens
    with a verb."""
    title = cues["heading_number"].sub("", heading).strip(" .:;-–\n")
    return title in cues["task_headings"]


def _topic_title(text: str, cues: dict) -> bool:
    """"1. Về kiện toàn tổ chức bộ máy và đội ngũ cán bộ, công chức ở cấp xã": a topic the items
    under it are about (cue topic_title), no task: none of its comma-parts opens with a verb."""
    title = cues["heading_number"].sub("", text).strip(" .:;*_\n")
    if not cues["topic_title"].fullmatch(title):
        return False
    verbs = {v: 1 for v in (*cues["imperative"], *cues["actor"], *cues["assign"])}
    return not any(_starts_with(part, verbs) for part in title.split(", ")[1:])


def _imperative(key: str, s: Sentence, cues: dict) -> bool:
    text = _unframed(key[s.start:s.end], cues)
    return bool(_starts_with(text, cues["imperative"]))          # longest first already


def _follow_on(key: str, s: Sentence, block: Block, cues: dict) -> bool:
    """"Đồng thời, tiếp tục ..." or a quoted paragraph of tasks ("“Tập trung ...”, X khẳng định")
    after a mandate carries on with the same actors."""
    text = key[s.start:s.end].lstrip("“\"")
    quoted = key.startswith(("“", '"'), block.start)
    framed = cues["follow_on"].match(text) is not None
    return (quoted or framed) and _imperative(key, Sentence(s.block, s.end - len(text), s.end), cues)




# ------------------------------------------------------------------ outline: actor headings
class Outline:
    """The lead-ins in force at each sentence: a stack of (rank, lead-in mandate or None). A
    sentence opening with an outline marker ("1.", "a)", "-", "Điều 3.") closes every lead-in of
    its rank or deeper; a sentence ending in ":" opens one; the items under an actor heading take
    its actors and role, at any depth, until the next heading of the same rank."""

    def __init__(self, cues: dict) -> None:
        self.cues = cues
        self.stack: list[tuple[float, MandateRecord | None]] = []
        self.current = -1.0                    # the rank of the innermost marker seen

    def enter(self, text: str, marker: str = "") -> float | None:
        """Move to a sentence (``marker``: its block's, where it opens the block); returns its
        marker's rank, None if it opens with no marker."""
        rank = outline_rank(marker + " " if marker else text, self.cues)
        if rank is not None:
            while self.stack and self.stack[-1][0] >= rank:
                self.stack.pop()
            self.current = rank
        return rank

    def governing(self) -> MandateRecord | None:
        """The innermost lead-in in force that names actors, else the innermost that names an assigner."""
        for _, rec in reversed(self.stack):
            if rec is not None and rec.assignees:
                return rec
        return next((rec for _, rec in reversed(self.stack) if rec is not None and rec.assigner), None)

    def open(self, rank: float | None, rec: MandateRecord | None) -> None:
        self.stack.append((rank if rank is not None else self.current + 0.01, rec))

    def close_all(self) -> None:
        self.stack.clear()
        self.current = -1.0


def split_items(normal: NormalText, seg: Segmented, cues: dict) -> tuple[Segmented, dict[int, str]]:
    """The sentences with every marked item run into a sentence ("sau: **1.** Bộ X:") split off,
    each starting after its marker; and the marker of each split-off sentence, by index."""
    out, markers = [], {}
    inline = cues["inline_item"] if cues["inline_item_gate"].open(normal.text) else None   # None: no marker anywhere
    for s in seg.sentences:
        start = s.start
        for m in inline.finditer(normal.text, s.start, s.end) if inline else ():
            if m.start() > start:
                out.append(Sentence(s.block, start, m.start()))
            number = cues["markup"].match(normal.text, m.end(), s.end)
            start = number.end() if number else m.end()
            markers[len(out)] = normal.text[m.end():start].replace("*", "").strip()
        out.append(Sentence(s.block, start, s.end))
    return Segmented(seg.blocks, tuple(out)), markers


def outline_rank(text: str, cues: dict) -> float | None:
    plain = text[:40].replace("*", "").lstrip(" #_>")
    if cues["outline_any"] is not None and not cues["outline_any"].match(plain):
        return None                            # no marker: one match, not one per marker pattern
    for pattern, rank in cues["outline"]:
        if pattern.match(plain):
            return rank
    return None


def opens_list(normal: NormalText, seg: Segmented, n: int, cues: dict) -> bool:
    """Sentence n ends in ":" and the next sentence begins a block or a marked item: a lead-in."""
    s = seg.sentences[n]
    if not normal.text[s.start:s.end].rstrip(" *_").endswith(":") or n + 1 >= len(seg.sentences):
        return False
    nxt = seg.sentences[n + 1]
    return nxt.block != s.block or outline_rank(normal.text[nxt.start:nxt.end], cues) is not None


def actor_heading(normal: NormalText, s: Sentence, inside, cues: dict, actor_run) -> MandateRecord | None:
    """"1. Bộ Tài chính:", "- Cục Đường bộ Việt Nam", "Giao Bộ X:", "Các bộ, ngành có trách nhiệm:"."""
    key = normal.key
    m = cues["markup"].match(key, s.start, s.end)
    pos = m.end() if m else s.start
    m = cues["heading_number_re"].match(key, pos, s.end)
    pos = m.end() if m else pos
    role = "implement"
    for verb, verb_role in cues["heading_verbs"]:
        if key.startswith(verb + " ", pos):
            pos, role = pos + len(verb), verb_role
            break
    run = actor_run(key, inside, pos, cues)
    if not run or not cues["heading_tail"].match(key[run[-1].end:s.end].replace("*", "")):
        return None
    return MandateRecord(start=s.start, end=s.end, assigner=None, assignees=tuple(dict.fromkeys(a.iri for a in run)),
                         leads=(), coordinators=(), role=role, task="", explicit=True, rule="actor-heading",
                         heading_path=())
