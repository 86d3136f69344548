"""The query library: every .rq documented, answering what a hand-made fixture says it should,
running on the sample corpus, and the query command's parameters and formats."""
import csv
import io
import json
import re
import shlex
import shutil

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from conftest import ROOT
from graph.query.run import run_query
from graph.query.store import QueryError, bind, library

FIXTURE = ROOT / "tests" / "fixtures" / "query"
EXPECTED = yaml.safe_load((FIXTURE / "expected.yaml").read_text(encoding="utf-8"))
QUERIES = library()


@pytest.fixture(scope="module")
def mini(built, tmp_path_factory):
    """An output folder holding the fixture dataset and the ontology release."""
    out = tmp_path_factory.mktemp("mini")
    shutil.copy(FIXTURE / "mini.trig", out / "graph.trig")
    (out / "ontology").mkdir()
    shutil.copy(built / "ontology" / "mandate-graph.nt", out / "ontology")
    return out


def _normal(rows):
    """Rows as a sorted list; a GROUP_CONCAT cell compares as the set of its parts."""
    def cell(c):
        for sep in ("; ", ", "):
            c = sep.join(sorted(c.split(sep)))
        return c
    return sorted(tuple(cell(c) for c in row) for row in rows)


def test_library_has_at_least_twenty_questions():
    assert len(QUERIES) >= 20


@pytest.mark.parametrize("q", QUERIES, ids=lambda q: q.name)
def test_query_is_documented_in_english_and_vietnamese(q):
    assert q.question_en and q.question_vi and q.example, f"{q.path}: header needs Question, Câu hỏi, Example"
    head = next(line for line in q.text.splitlines() if line.startswith("# Parameters:"))
    declared = head.split(":", 1)[1].strip()
    if q.parameters:
        named = re.findall(r"(?:^|;\s+)(\w+)(?:,| \()", declared)
        assert sorted(q.parameters) == sorted(named), f"{q.path}: header names other parameters"
    else:
        assert declared == "none"
    assert f"query {q.name}" in q.example


@pytest.mark.parametrize("q", QUERIES, ids=lambda q: q.name)
def test_query_answers_what_the_fixture_says(q, mini):
    assert q.name in EXPECTED, f"{q.name}: add its expected rows on mini.trig to expected.yaml"
    case = EXPECTED[q.name]
    text = run_query(q.name, out=mini, fmt="csv", params=[f"{k}={v}" for k, v in case["params"].items()])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == case["columns"]
    assert _normal(rows[1:]) == _normal(case["rows"])


@pytest.mark.parametrize("q", QUERIES, ids=lambda q: q.name)
def test_query_example_runs_on_the_sample_corpus(q, built):
    args = shlex.split(q.example.split(">")[0])
    assert args[:4] == ["python", "build.py", "query", q.name]
    params = [args[i + 1] for i, a in enumerate(args) if a == "--param"]
    fmt = args[args.index("--format") + 1] if "--format" in args else "table"
    run_query(q.name, out=built, fmt=fmt, params=params)


def test_sample_corpus_answers(built):
    """A few answers on the real corpus, read off the texts."""
    due = run_query("mandates-due-before", out=built, fmt="csv", params=["before=2025-12-31"])
    assert "vào cuối năm 2020" in due and "Bộ Chính trị" in due            # 000: review Resolution 11 by end 2020
    defunct = run_query("mandates-of-defunct-bodies", out=built, fmt="csv", params=["asof=2025-07-01"])
    assert "Đảng đoàn Quốc hội" in defunct and "Ban cán sự đảng Chính phủ" in defunct
    rows = list(csv.DictReader(io.StringIO(defunct)))      # and who took over (bodies.yaml replaced_by)
    assert {r["successor"] for r in rows if r["body"] == "Ban cán sự đảng Chính phủ"} == {"Đảng ủy Chính phủ"}
    search = run_query("search-tasks", out=built, fmt="csv", params=["text=luat thu do"])
    assert "Luật Thủ đô" in search
    targets = list(csv.DictReader(io.StringIO(run_query("targets-for-year", out=built, fmt="csv"))))
    assert any(t["unit"] == "USD" and float(t["value"]) == 12000 for t in targets)


def test_params_are_typed_like_their_defaults():
    text = 'SELECT * { VALUES ?d { "2020-01-01"^^xsd:date } VALUES ?a { <http://x/y> } VALUES ?n { 3 } VALUES ?s { "x" } }'
    out = bind(text, ["d=2025-06-30", "a=body/bo-chinh-tri", "n=7", 's=a "quoted" word'])
    assert '"2025-06-30"^^xsd:date' in out and "<https://w3id.org/mandate-graph/id/body/bo-chinh-tri>" in out
    assert "{ 7 }" in out and r'"a \"quoted\" word"' in out
    for bad, msg in (("d=tomorrow", "expected a date"), ("n=x", "expected an integer"),
                     ("a=not an iri", "expected an IRI"), ("zz=1", "no parameter 'zz'"), ("d", "KEY=VALUE")):
        with pytest.raises(QueryError, match=msg):
            bind(text, [bad])


def test_formats(built):
    as_json = json.loads(run_query("corpus-documents", out=built, fmt="json"))
    assert len(as_json["results"]["bindings"]) == 4
    tsv = run_query("corpus-documents", out=built, fmt="tsv").splitlines()
    assert tsv[0].startswith("?file\t") and len(tsv) == 5
    table = run_query("corpus-documents", out=built, fmt="table").splitlines()
    assert table[-1] == "(4 rows)"


def test_table_stays_aligned_with_decomposed_vietnamese(mini, tmp_path):
    import unicodedata
    from graph.query.run import _table, _width
    rows = [[unicodedata.normalize("NFD", "Thành ủy Hà Nội"), "1"], ["Bộ Chính trị", "22"]]
    lines = _table(["actor", "n"], rows).splitlines()
    assert len({_width(line.split(" | ")[0]) for line in lines[:1] + lines[2:4]}) == 1


def test_malformed_query_reports_line_and_column(built, tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?x WHERE {\n  ?x ?y ?z .\n  FILTER(?x = )\n  ?a ?b ?c .\n}\nLIMIT 5\n", encoding="utf-8")
    with pytest.raises(QueryError, match=r"bad\.rq: malformed query: error at 3:15: unexpected '\)'") as exc:
        run_query(str(bad), out=built)
    assert exc.value.status == 2


@pytest.mark.parametrize("text, where", [
    ("SELECT * WHERE { ?s ?p \"Thành ủy Hà Nội\" . FILTER(?s = ) ?a ?b ?c }", "1:56: unexpected ')'"),
    ("SELECT * WHERE { ?s ?p ?o } LIMT 10", "1:29: unexpected 'LIMT'"),
    ("SELCT ?x WHERE { ?s ?p ?o }", "1:1: unexpected 'SELCT'"),
    ("PREFIX ex: <http://x/>\nSELECT ?x WHERE {\n  ?x ex:p \"a\" \"b\" .\n}\n", "3:15: unexpected '\"b\"'"),
    ("SELECT ?x WHERE {", "1:18: unexpected end of query"),
])
def test_syntax_errors_point_at_the_wrong_token_not_the_end(text, where):
    """pyoxigraph reports the furthest place a keyword probe read to, often the end of the query."""
    import pyoxigraph as ox
    from graph.query.store import execute
    with pytest.raises(QueryError) as exc:
        execute(ox.Store(), text)
    assert str(exc.value) == f"malformed query: error at {where}"


_CELL = st.lists(st.sampled_from(list("aăâđêôơư HàNộiThủđô,") + ["\u0301", "\u0323", "ủy", "Bộ Chính trị"]),
                 max_size=30).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_CELL, min_size=3, max_size=3), min_size=1, max_size=6), st.integers(20, 120))
def test_table_fits_the_width_asked_for(rows, width):
    from graph.query.run import MIN_COLUMN, _table, _width
    lines = _table(["actor", "task", "n"], rows, width=width).splitlines()[:-1]
    widest = max(_width(line) for line in lines)
    natural = max(_width(line) for line in _table(["actor", "task", "n"], rows).splitlines()[:-1])
    # fits, unless even the narrowest columns (MIN_COLUMN each) cannot; never wider than unfitted
    assert widest <= max(width, 3 * MIN_COLUMN + 6) and widest <= natural
    ruled = lines[1].split("-+-")
    for line in lines[2:]:             # every row keeps the columns of the rule line
        cells = line.split(" | ")
        if len(cells) == len(ruled):  # (a row ending in empty cells loses its trailing separators)
            assert [_width(c) for c in cells[:-1]] == [len(r) for r in ruled[:-1]]
        assert _width(line) <= _width(lines[1])


def test_query_width_option_cuts_long_cells(built):
    import subprocess, sys
    r = subprocess.run([sys.executable, "build.py", "query", "body-hierarchy", "--width", "50", "--out", str(built)],
                       cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    rows = r.stdout.splitlines()[2:-1]
    assert rows and all(len(line) <= 50 for line in rows) and any("…" in line for line in rows)


def test_regression_persons_and_posts_lists_a_holding_once(built):
    """A holding read twice in one document (two evidences) gave two identical rows."""
    out = run_query("persons-and-posts", out=built, fmt="tsv")
    rows = out.splitlines()[1:]
    assert rows and len(rows) == len(set(rows))


@pytest.mark.parametrize("name,actor,retyped", [("mandates-of-actor", "body/dd", "bct"),
                                                ("mandates-given-by-actor", "body/bct", "dd")])
def test_regression_an_actor_of_two_classes_gives_its_mandates_once(name, actor, retyped, mini, tmp_path):
    """The Politburo is typed both PartyBody and StateBody on the crawl: the table of actors and
    their classes these queries joined gave each of its mandates once per class."""
    shutil.copytree(mini, tmp_path / "out")
    with (tmp_path / "out" / "graph.trig").open("a", encoding="utf-8") as trig:
        trig.write("\n<https://w3id.org/mandate-graph/id/graph/entities> { b:%s a mg:StateBody, mg:PartyBody . }\n" % retyped)
    once = run_query(name, out=mini, fmt="tsv", params=[f"actor={actor}"]).splitlines()
    twice_typed = run_query(name, out=tmp_path / "out", fmt="tsv", params=[f"actor={actor}"]).splitlines()
    assert len(once) > 1 and twice_typed == once
