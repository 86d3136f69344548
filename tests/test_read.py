import unicodedata

from graph.pipeline import analyse
from graph.read import read_corpus

from conftest import CORPUS, ROOT

NAME = "000_abf47967dda61da9.txt"


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese files have it: vowels with hats precomposed, tones combining."""
    out = []
    for c in unicodedata.normalize("NFC", text):
        try:
            out.append(c.encode("cp1258"))
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", c)
            base = unicodedata.normalize("NFC", "".join(x for x in d if x not in _TONES))
            out.append((base + "".join(x for x in d if x in _TONES)).encode("cp1258"))
    return b"".join(out)


def _entities(folder):
    docs, errors = read_corpus(folder)
    return {d.name.split(".")[0]: {m.iri for m in analyse(d).mentions} for d in docs}, errors


def test_reencoded_copies_give_the_same_entities(tmp_path):
    text = (CORPUS / NAME).read_text(encoding="utf-8")
    (tmp_path / "a_cp1258.txt").write_bytes(to_cp1258(text))
    (tmp_path / "b_utf16.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "c_nfd.txt").write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    (tmp_path / "d_bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "e.html").write_text("<html><head><title>x</title><script>var a='Bộ Công an';</script></head><body><p>"
                                     + text.replace("&", "&amp;").replace("<", "&lt;").replace("\n", "<br>\n") + "</p></body></html>",
                                     encoding="utf-8")
    (tmp_path / "orig.txt").write_text(text, encoding="utf-8")
    found, errors = _entities(tmp_path)
    assert not errors
    for name in ("a_cp1258", "b_utf16", "c_nfd", "d_bom", "e"):
        assert found[name] == found["orig"], name


def test_bad_files_get_one_line_errors_and_the_rest_builds(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (tmp_path / "good.txt").write_text("Bộ Chính trị yêu cầu Thành ủy Hà Nội báo cáo.", encoding="utf-8")
    docs, errors = read_corpus(tmp_path)
    assert [d.name for d in docs] == ["good.txt"]
    reasons = {e.path.rsplit("/", 1)[1]: e.reason for e in errors}
    assert reasons == {"binary.txt": "binary file (contains NUL bytes)", "empty.txt": "empty file"}
    assert all("\n" not in str(e) for e in errors)


def test_golden_entities_per_document(built):
    """Bodies, persons, cited documents and projects each sample document names (tests/golden)."""
    import yaml
    from rdflib import Graph
    from graph.vocab import MG
    golden = yaml.safe_load((ROOT / "tests" / "golden" / "entities.yaml").read_text(encoding="utf-8"))
    g = Graph().parse(built / "graph.nt", format="nt")
    kinds = {"bodies": "body", "persons": "person", "documents": "doc", "projects": "project"}
    assert len(golden) == 4
    for file, expected in golden.items():
        doc = next(d for d in g.subjects(MG.sourceFile, None) if str(g.value(d, MG.sourceFile)) == file)
        found = {str(x).split("/id/", 1)[1] for x in g.objects(doc, MG.mentions) if x != doc}
        want = {f"{kinds[k]}/{t}" for k, tails in expected.items() if k in kinds for t in tails}
        wrong = set(expected.get("known_false", []))
        found = {f for f in found if f.split("/", 1)[0] in kinds.values()}
        assert found - wrong == want, (file, sorted(found - wrong - want), sorted(want - found))
        assert wrong <= found, (file, "a known false positive is gone: update tests/golden/entities.yaml")
