"""Issue 18: an analyst asks "what is X assigned, by whom, by when, with the words" in one step, by
name; parameters take names (or fail with the candidates); queries come from standard input, the
command line or .sparql files; CSV and SELECT * follow the SPARQL spec; README examples answer."""
import csv
import io
import json
import re
import shlex
import subprocess
import sys

import pytest

from conftest import ROOT
from graph.cli import main
from graph.query.report import assigned
from graph.query.run import run_query
from graph.query.store import QueryError, library

THANH_UY = "https://w3id.org/mandate-graph/id/body/thanh-uy-ha-noi"


def cli(capsys, *argv, out):
    status = main([*argv, "--out", str(out)])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# ------------------------------------------------------------------ 1. assigned
def test_assigned_lists_every_mandate_with_the_quote_file_and_offsets(built):
    rows = list(csv.DictReader(io.StringIO(assigned("Thành ủy Hà Nội", out=built, fmt="csv"))))
    assert len(rows) > 100 and all(r["mandate"].startswith("https://w3id.org/mandate-graph/id/mandate/") for r in rows)
    stated = {r["stated"] for r in rows}
    assert stated == {"explicit", "implicit"}
    assert sum(r["stated"] == "explicit" for r in rows) < sum(r["stated"] == "implicit" for r in rows)
    for r in rows:
        text = (ROOT / "corpus" / r["file"]).read_text(encoding="utf-8")
        assert r["assigner"] and r["document"] and r["role"] and r["holder"] == "Thành ủy Hà Nội"
        assert text[int(r["start"]):int(r["end"])] == r["quote"]      # the words, where they stand
    dated = [r for r in rows if r["deadline"]]
    assert dated and all(r["deadlineText"] for r in dated)            # a date is shown with its words
    assert any(r["number"] == "858-BC/TU" for r in rows) and all(r["issued"] for r in rows)


def test_assigned_explicit_only_and_sub_bodies(built):
    every = list(csv.DictReader(io.StringIO(assigned("Thành ủy Hà Nội", out=built, fmt="csv"))))
    explicit = list(csv.DictReader(io.StringIO(assigned("Thành ủy Hà Nội", out=built, fmt="csv", explicit_only=True))))
    subs = list(csv.DictReader(io.StringIO(assigned("Thành ủy Hà Nội", out=built, fmt="csv", sub_bodies=True))))
    assert explicit and {r["stated"] for r in explicit} == {"explicit"}
    assert len(explicit) == sum(r["stated"] == "explicit" for r in every)
    assert len(subs) > len(every) and len({r["holder"] for r in subs}) > 1


def test_assigned_in_every_format(built):
    data = json.loads(assigned("thanh uy ha noi", out=built, fmt="json"))
    assert "quote" in data["head"]["vars"] and data["results"]["bindings"]
    text = assigned("thanh uy ha noi", out=built, fmt="text", explicit_only=True)
    assert re.search(r"^\(\d+ mandates: \d+ explicit, 0 implicit\)$", text, re.M)
    assert "mandate:     mandate/" in text and "quote:" in text and "source:" in text
    table = assigned("thanh uy ha noi", out=built, fmt="table")
    assert table.splitlines()[0].startswith("mandate") and table.rstrip().endswith("rows)")
    page = assigned("thanh uy ha noi", out=built, fmt="html")
    assert page.startswith("<!doctype html>") and "Content-Security-Policy" in page and "<article" in page
    assert not re.search(r"(?:src|href)=[\"']?https?:", page) and "<script" not in page


def test_assigned_html_escapes_what_it_shows():
    from graph.query.report import page
    row = dict.fromkeys(("mandate", "stated", "as", "holder", "role", "assigner", "task", "deliverable",
                         "deadlineText", "deadline", "document", "number", "issued", "file", "start", "end"), "")
    row.update(quote='<script>alert("x")</script>', holder="A & B", stated="explicit")
    html = page("<b>", [row])
    assert "<script>" not in html and "&lt;script&gt;" in html and "A &amp; B" in html and "<b>" not in html


def test_assigned_command_line(built, capsys):
    status, out, err = cli(capsys, "assigned", "BTV Thành ủy Hà Nội", "--format", "csv", out=built)
    assert status == 0 and "Ban Thường vụ Thành ủy Hà Nội" in err and "ban-thuong-vu-thanh-uy-ha-noi" in err
    assert len(out.splitlines()) > 1
    status, out, err = cli(capsys, "assigned", "Thành ủy Hà Nội", out=built)
    assert status == 0 and "explicit" in out and "implicit" in out


# ------------------------------------------------------------------ 2. names
@pytest.mark.parametrize("name", ["Thành ủy Hà Nội", "thanh uy ha noi", "THÀNH ỦY HÀ NỘI", "Thành uỷ Hà Nội",
                                  "body/thanh-uy-ha-noi", THANH_UY, "mgid:body/thanh-uy-ha-noi"])
def test_an_actor_parameter_takes_a_label_an_alias_a_name_without_diacritics_or_an_iri(built, name):
    said = []
    got = run_query("mandates-of-actor", out=built, fmt="csv", params=[f"actor={name}"], log=said.append)
    want = run_query("mandates-of-actor", out=built, fmt="csv", params=[f"actor={THANH_UY}"])
    assert got == want and got.count("\n") > 100
    if not name.startswith(("http", "mgid:", "body/")):
        assert len(said) == 1 and THANH_UY in said[0]         # says which it picked


def test_a_document_parameter_takes_its_number(built):
    said = []
    rows = run_query("mandates-of-document", out=built, fmt="csv", params=["document=858-BC/TU"], log=said.append)
    assert rows.count("\n") > 100 and "858" in said[0]


@pytest.mark.parametrize("name,expect", [
    ("ban", "ambiguous"),                          # the word of many bodies
    ("body/thanh-uy-ha-nio", "no actor of that name"),   # a misspelt slug: never a silent empty answer
    ("Ủy ban Không Tồn Tại", "no actor of that name"),
])
def test_an_ambiguous_or_unknown_name_lists_candidates_and_exits_2(built, capsys, name, expect):
    with pytest.raises(QueryError, match=expect) as exc:
        run_query("mandates-of-actor", out=built, params=[f"actor={name}"])
    assert exc.value.status == 2
    status, out, err = cli(capsys, "query", "mandates-of-actor", "--param", f"actor={name}", out=built)
    assert status == 2 and out == "" and "<https://w3id.org/mandate-graph/id/" in err
    if "nio" in name:
        assert "thanh-uy-ha-noi" in err                 # the nearest names are listed


def test_a_missing_mandate_iri_is_an_error_not_an_empty_answer(built):
    with pytest.raises(QueryError, match="no such IRI"):
        run_query("evidence-of", out=built, params=["fact=mandate/000-nothing"])


def test_actors_query_lists_iris_and_counts(built):
    rows = list(csv.DictReader(io.StringIO(run_query("actors", out=built, fmt="csv"))))
    top = rows[0]
    assert top["actor"] == "Thành ủy Hà Nội" and top["iri"] == THANH_UY and top["slug"] == "body/thanh-uy-ha-noi"
    assert int(top["assigned"]) > int(top["explicit"]) > 0
    assert len({r["iri"] for r in rows}) == len(rows) and any(r["class"] == "Person" for r in rows)


# ------------------------------------------------------------------ 3. query text from anywhere
def test_query_from_standard_input_the_command_line_or_a_sparql_file(built, tmp_path):
    q = "SELECT (COUNT(*) AS ?n) { ?m a <https://w3id.org/mandate-graph/ontology#Mandate> }"
    run = lambda *a, **kw: subprocess.run([sys.executable, "build.py", "query", *a, "--out", str(built),
                                           "--format", "csv"], cwd=ROOT, capture_output=True, text=True, **kw)
    piped = run("-", input=q)
    given = run("--query", q)
    f = tmp_path / "count.sparql"
    f.write_text(q, encoding="utf-8")
    from_file = run(str(f))
    assert piped.returncode == given.returncode == from_file.returncode == 0, piped.stderr + given.stderr
    assert piped.stdout == given.stdout == from_file.stdout and int(piped.stdout.split()[1]) > 100
    neither = run()
    assert neither.returncode == 2 and "--query" in neither.stderr


# ------------------------------------------------------------------ 5. small wrong answers
def test_csv_writes_blank_nodes_as_w3c_says(built):
    out = run_query(None, out=built, fmt="csv", text="SELECT ?b ?x { BIND(BNODE() AS ?b) BIND(1 AS ?x) }")
    assert re.fullmatch(r"b,x\n_:\w+,1\n", out)


def test_select_star_keeps_the_order_of_the_query(built):
    out = run_query(None, out=built, fmt="csv",
                    text="SELECT * { BIND(1 AS ?zeta) BIND(2 AS ?alpha) BIND(3 AS ?mid) }")
    assert out.splitlines()[0] == "zeta,alpha,mid"
    data = json.loads(run_query(None, out=built, fmt="json", text="SELECT ?zeta ?alpha { BIND(1 AS ?alpha) BIND(2 AS ?zeta) }"))
    assert data["head"]["vars"] == ["zeta", "alpha"]


EMPTY_ON_THE_SAMPLE = {"tasks-with-several-leads"}      # the sample has no task with several leads: a finding


def _readme_examples() -> list[str]:
    """Every `python build.py query|assigned ...` line of the README's code blocks."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", readme, re.S)
    lines = [re.split(r"\s+(?:#|>)\s", line)[0].strip() for b in blocks for line in b.splitlines()]
    return [line for line in lines if re.match(r"python build\.py (query|assigned) [^\[]*$", line)]


def test_the_readme_has_analyst_examples():
    examples = _readme_examples()
    assert any(" assigned " in e for e in examples) and len(examples) >= 5


@pytest.mark.parametrize("example", _readme_examples())
def test_every_readme_example_answers_with_rows(built, capsys, example):
    args = shlex.split(example)[2:]
    if args[0] == "query" and args[1] == "-":
        pytest.skip("reads standard input")
    status, out, err = cli(capsys, *args, out=built)
    assert status == 0, err
    assert out.strip() and not re.search(r"^\((0 rows|0 mandates)", out, re.M) and len(out.splitlines()) > 1


@pytest.mark.parametrize("q", library(), ids=lambda q: q.name)
def test_every_library_example_answers_with_rows(built, q):
    args = shlex.split(q.example.split(">")[0])
    params = [args[i + 1] for i, a in enumerate(args) if a == "--param"]
    rows = run_query(q.name, out=built, fmt="csv", params=params).splitlines()
    assert len(rows) > 1 or q.name in EMPTY_ON_THE_SAMPLE, f"{q.example}: no rows"


def test_a_table_keeps_iris_whole_so_that_queries_chain(built):
    table = run_query("mandates-of-actor", out=built, fmt="table", width=120)
    slugs = re.findall(r"\| (mandate/[\w-]+)$", table, re.M)
    assert slugs and "…" in table                           # long text is cut, the IRI is not
    evidence = run_query("evidence-of", out=built, fmt="csv", params=[f"fact={slugs[0]}"])
    assert len(evidence.splitlines()) > 1
