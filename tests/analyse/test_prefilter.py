"""The literal prefilter (graph/analyse/prefilter.py): the strings read from a regex are ones
that every text it matches in holds, so skipping a pattern on a text without them changes no
match; and they are specific enough to skip most texts."""
import random
import re

from graph.analyse.prefilter import PatternSet, could_match, required_strings


def strings(pattern: str, flags: int = 0):
    return required_strings(re.compile(pattern, flags))


def test_a_literal_run_a_choice_and_an_optional_part():
    assert strings(r"(?:[Ss]ân bay|[Cc]ảng hàng không)(?: quốc tế)? [A-Z]\w+") == (
        "Cảng hàng không ", "Sân bay ", "cảng hàng không ", "sân bay ")
    assert strings(r"luật thủ đô(?: năm 2024| số 39)?(?!\w)") == ("luật thủ đô",)     # the shortest of the set
    assert strings(r"(?:chịu|có) trách nhiệm (?:thi hành|tổ chức)") == (" trách nhiệm t",)   # the run inside


def test_a_repeat_counts_only_when_it_must_occur():
    assert strings(r"Đề án \d+") == ("Đề án ",)
    assert strings(r"\w+ (?:ban hành )+quyết định") == ("quyết định",)       # the longer of two
    assert strings(r"(?:ban hành )*\d+") is None                 # may be absent: nothing required


def test_look_arounds_add_what_the_text_holds_and_do_not_cut_a_run():
    assert strings(r";\s+(?=đồng thời\s)") == ("đồng thời",)
    assert strings(r"(?<!\w)sở (?<!x)kế hoạch\b") == ("sở kế hoạch",)
    assert strings(r"(?!đồng thời)\w+") is None                  # a negative look-ahead holds nothing


def test_no_strings_where_none_is_sure_or_useful():
    assert strings(r"\d{1,4}/\d{4}") is None                     # no literal at all
    assert strings(r"ab\d") is None                               # too short to tell texts apart
    assert strings(r"quyết định", re.IGNORECASE) is None           # letters of either case
    assert strings(r"(?i:quyết định) số") == (" số",)              # not the part of either case
    assert strings(r"(a+)x\1yz") is None


def test_could_match_and_a_pattern_set_keep_every_match():
    assert could_match(None, "anything") and could_match(("bay",), "sân bay") and not could_match(("bay",), "sân")
    items = [(re.compile(r"[Kk]hu công nghiệp \w+"), "kcn"), (re.compile(r"\d+"), "number")]
    patterns = PatternSet(items)
    text = "Khu công nghiệp Yên Phong, 12"
    assert [s for _, s in patterns.possible(text)] == ["kcn", "number"]
    assert patterns.possible(text) is patterns.possible(text)       # one test per text
    assert [s for _, s in patterns.possible("không có gì")] == ["number"]


def test_random_texts_never_lose_a_match():
    """Texts made of the patterns' own pieces: wherever a pattern matches, its strings are there."""
    patterns = [r"(?:[Ss]ân bay|[Cc]ảng hàng không)(?: quốc tế)? [A-Z]\w+", r"(?<!\w)các bộ(?:, cơ quan)?\s*:",
                r"(?:chịu|có) trách nhiệm (?:thi hành|tổ chức) (?:quyết định|nghị quyết)", r"Đề án \d+\b",
                r"thông báo (?:để|cho) .{0,20}?biết", r";\s+(?=đồng thời\s)", r"ab(?:cd|ce)+f?g"]
    pieces = ["Sân bay", "sân", " bay", "cảng hàng", " không", " quốc tế", " Long", " Thành", "các bộ", ", cơ quan",
              ":", " chịu", "có", " trách nhiệm", " thi hành", " tổ chức", " quyết định", "Đề án", " 12", "x",
              "thông báo", " để", " cho", " biết", ";", " đồng thời", " ", "ab", "cd", "ce", "f", "g"]
    rng = random.Random(7)
    compiled = [(re.compile(p), required_strings(re.compile(p))) for p in patterns]
    matched = 0
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        for pattern, needed in compiled:
            if pattern.search(text):
                matched += 1
                assert could_match(needed, text), (pattern.pattern, text)
    assert matched > 200


def test_a_union_matches_where_one_of_its_patterns_does_and_refuses_back_references():
    from graph.analyse.prefilter import union
    markers = [re.compile(p) for p in (r"(?:(Phần|Chương)\s+[IVX\d]+\s)", r"\d{1,2}[.)]\s", r"[-+]\s")]
    joined = union(markers)
    for text in ("Chương II Tổ chức", "3. Bộ Xây dựng", "- Rà soát", "Bộ Xây dựng", "a) Rà soát", ""):
        assert (joined.match(text) is not None) == any(p.match(text) for p in markers), text
    assert union([re.compile(r"(a)\1"), re.compile("b")]) is None          # \1 would name another group
    assert union([re.compile("a", re.IGNORECASE), re.compile("b")]) is None  # a flag for the whole pattern
    assert union([]) is None
