"""Modellers' mistakes in graph/data/*.yaml and ontology/*.ttl: one line naming the file, the
place and the problem, never a traceback nor silently wrong output (issue 11, item 4)."""
import shutil
import subprocess
import sys

import pytest

from conftest import CORPUS, ROOT

from graph.data import DATA, SCHEMA, DataError, check_bodies, load, parse


def _parse(tmp_path, name, text):
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return parse(path, SCHEMA[name], extra=check_bodies if name == "bodies" else None)


def _bodies(entry: str, tmp_path):
    text = (DATA / "bodies.yaml").read_text(encoding="utf-8").replace("bodies:\n", f"bodies:\n  {entry}\n", 1)
    return _parse(tmp_path, "bodies", text)


def test_every_bundled_data_file_fits_its_schema():
    for name in SCHEMA:
        assert load(name)


def test_a_yaml_syntax_error_gives_file_line_and_column(tmp_path):
    with pytest.raises(DataError) as err:
        _parse(tmp_path, "time", "expressions:\n  - {kind: by, pattern: 'x'\n  - oops\n")
    assert str(err.value).startswith(f"{tmp_path / 'time.yaml'}:3:") and "\n" not in str(err.value)


def test_a_name_with_a_comma_in_a_flow_mapping_is_caught(tmp_path):
    """The bug this found: "Bộ Văn hóa, Thể thao và Du lịch" was read as the body "Bộ Văn hóa"."""
    with pytest.raises(DataError, match=r"bodies.yaml:10:\d+: bodies\[0\] \(Bộ Y\)\.Tế: unknown key 'Tế'"):
        _bodies("- {name: Bộ Y, Tế, class: StateBody, kind: ministry}", tmp_path)
    assert "Bộ Văn hóa, Thể thao và Du lịch" in {b["name"] for b in load("bodies")["bodies"]}


def test_wrong_structure_names_the_key_and_entry(tmp_path):
    with pytest.raises(DataError, match=r"bodies\[0\] \(Bộ Y tế\): missing key 'class'"):
        _bodies("- {name: Bộ Y tế, kind: ministry}", tmp_path)
    with pytest.raises(DataError, match=r"layout.yaml:\d+:\d+: web_heading_max: str 'ninety' should be a whole number"):
        _parse(tmp_path, "layout", (DATA / "layout.yaml").read_text(encoding="utf-8")
               .replace("web_heading_max: 90", "web_heading_max: ninety"))
    with pytest.raises(DataError, match=r"targets.yaml:1:1: missing key 'result_headings'"):
        _parse(tmp_path, "targets", "target_headings: []\n")


def test_an_invalid_regex_names_the_file_and_pattern(tmp_path):
    with pytest.raises(DataError, match=r"time.yaml:2:\d+: expressions\[0\]\.pattern: invalid regular expression '\(trước'"):
        _parse(tmp_path, "time", "expressions:\n  - {kind: by, pattern: '(trước'}\n")


@pytest.mark.parametrize("entry, problem", [
    ("- {name: Bộ Y tế, class: StateBody, kind: ministery}", "unknown kind 'ministery'"),
    ("- {name: Bộ Y tế, class: StateBodies, kind: ministry}", "unknown class 'StateBodies'"),
    ("- {name: Bộ Y tế, class: StateBody, kind: ministry, parent: Chinh phu}", "unknown parent 'Chinh phu'"),
])
def test_unknown_kind_class_or_parent_in_bodies(tmp_path, entry, problem):
    with pytest.raises(DataError, match=r"bodies.yaml:10:\d+: bodies\[0\] \(Bộ Y tế\)\.\w+: " + problem):
        _bodies(entry, tmp_path)


def test_a_build_with_a_bad_data_folder_is_a_one_line_error(tmp_path):
    layer = tmp_path / "data"
    layer.mkdir()
    (layer / "time.yaml").write_text("expressions:\n  - {kind: by, pattern: '[đến'}\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "build.py", "--corpus", str(CORPUS), "--out", str(tmp_path / "out"),
                        "--data", str(layer)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.count("\n") == 1 and r.stderr.startswith(f"error: {layer / 'time.yaml'}:2:")
    assert not (tmp_path / "out").exists()


def test_a_turtle_error_keeps_its_cause_and_line(tmp_path):
    from graph.ontology import load_ontology
    shutil.copytree(ROOT / "ontology", tmp_path / "onto")
    (tmp_path / "onto" / "extensions" / "bad.ttl").write_text(
        '@prefix mg: <https://w3id.org/mandate-graph/ontology#> .\nmg:X mg:y "open ;\nmg:Z mg:y mg:W .\n')
    with pytest.raises(ValueError) as err:
        load_ontology(tmp_path / "onto")
    assert str(err.value) == f"{tmp_path / 'onto' / 'extensions' / 'bad.ttl'}:2: not valid Turtle: newline found in string literal"


def test_a_lexicon_layered_on_a_folder_uses_its_files_and_the_bundled_rest(tmp_path):
    """--data DIR: a file there replaces the bundled one of the same name; the others stay."""
    from graph.analyse.normalise import normalise
    from graph.analyse.recognise import recognise
    from graph.analyse.segment import segment
    from graph.lexicon import Lexicon
    (tmp_path / "projects.yaml").write_text(
        "projects:\n  - {pattern: '[Cc]ảng Hòa Lạc', kind: port, en: Port}\nsame_as: {}\n"
        "places: [Hòa Lạc]\n", encoding="utf-8")
    lex = Lexicon.load([tmp_path])
    assert [p.kind for p in lex.projects.projects] == ["port"]
    assert lex.bodies.entries == Lexicon.load().bodies.entries
    n = normalise("Xây dựng cảng Hòa Lạc.", lex)
    found = {(m.kind, m.iri.rsplit("/", 1)[1]) for m in recognise(n, segment(n, lex), lex)}
    assert ("project", "cang-hoa-lac") in found


def test_a_lexicon_layered_on_a_bad_file_is_a_one_line_error(tmp_path):
    from graph.lexicon import Lexicon
    (tmp_path / "persons.yaml").write_text("surnames: [Lê]\ntitles: []\nname_syllable: '[A-Z'\n"
                                           "clause_break: ';'\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"persons.yaml:3:\d+: name_syllable: invalid regular expression"):
        Lexicon.load([tmp_path])


def test_published_words_are_checked_data_read_by_void_and_the_query_library(tmp_path):
    """The dataset's title (void.ttl) and the header keys of a library query ("# Câu hỏi: ...")
    are published.yaml's, checked by its schema like every data file."""
    import pyoxigraph as ox
    from rdflib import Literal
    from rdflib.namespace import DCTERMS
    from graph.data import published_words
    from graph.publish.dataset import void
    from graph.query.store import library
    words = published_words()
    assert all(q.question_en and q.question_vi for q in library())
    described = void(ox.Store(), version="0", files=[])
    assert set(described.objects(None, DCTERMS.title)) == {Literal(t, lang=k) for k, t in words.dataset_title.items()}
    with pytest.raises(DataError, match=r"published.yaml:\d+:\d+: query_header: missing key 'question_vi'"):
        _parse(tmp_path, "published", (DATA / "published.yaml").read_text(encoding="utf-8")
               .replace("  question_vi: Câu hỏi\n", ""))
    layer = tmp_path / "layer"                  # bundled only: a --data copy would silently do nothing
    layer.mkdir()
    shutil.copyfile(DATA / "published.yaml", layer / "published.yaml")
    from graph.lexicon import Lexicon
    with pytest.raises(DataError, match=r"published.yaml: not a data file a build layers \(known: bodies.yaml"):
        Lexicon.load([layer])
