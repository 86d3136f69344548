import unicodedata

from graph.pipeline import analyse
from graph.analyse.read import read_corpus

from conftest import CORPUS
from conftest import bundled_lexicon

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
    return {d.name.split(".")[0]: {m.iri for m in analyse(d, bundled_lexicon()).mentions} for d in docs}, errors


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


def test_forced_encoding_and_undecodable_file(tmp_path):
    text = "Bộ Chính trị yêu cầu Thành ủy Hà Nội báo cáo."
    (tmp_path / "a.txt").write_bytes(to_cp1258(text))
    docs, errors = read_corpus(tmp_path, encoding="cp1258")
    assert not errors and unicodedata.normalize("NFC", docs[0].text) == text and docs[0].encoding == "cp1258"
    docs, errors = read_corpus(tmp_path, encoding="utf-8")       # forced, and wrong
    assert not docs and len(errors) == 1 and "a.txt" in str(errors[0]) and "cannot decode as utf-8" in errors[0].reason
    (tmp_path / "a.txt").write_bytes(b"\xff\xfe\x00\xd8")        # UTF-16 with a lone surrogate
    assert "cannot decode as utf-16" in read_corpus(tmp_path)[1][0].reason


def test_sidecar_supplies_and_overrides_metadata(tmp_path):
    (tmp_path / "t.txt").write_text("Bộ Chính trị yêu cầu Thành ủy Hà Nội báo cáo.", encoding="utf-8")
    (tmp_path / "t.meta.yaml").write_text("identifier: 12-TB/TW\nissued: 2026-03-02\nissuer: Ban Bí thư\n"
                                          "signer: Trần Cẩm Tú\ntitle: Thông báo kết luận\n", encoding="utf-8")
    meta = analyse(read_corpus(tmp_path)[0][0], bundled_lexicon()).meta
    assert (meta.identifier, meta.type_code, meta.issuer_code, str(meta.issued), meta.signer, meta.title) == (
        "12-TB/TW", "TB", "TW", "2026-03-02", "Trần Cẩm Tú", "Thông báo kết luận")
    assert meta.issuer.endswith("/body/ban-bi-thu")
    (tmp_path / "t.meta.yaml").write_text("issued: 2 March\n", encoding="utf-8")
    docs, errors = read_corpus(tmp_path)
    assert not docs and str(errors[0]).endswith("sidecar t.meta.yaml: issued '2 March' is not a date (YYYY-MM-DD)")
    (tmp_path / "t.meta.yaml").write_text("author: me\n", encoding="utf-8")
    assert "expected a mapping with keys" in read_corpus(tmp_path)[1][0].reason
