import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT / "corpus"
_BUNDLED = []


def bundled_lexicon():
    """The lexicon of the bundled data files, loaded once for the session."""
    if not _BUNDLED:
        from graph.lexicon import Lexicon
        _BUNDLED.append(Lexicon.load())
    return _BUNDLED[0]


def recognise_text(text: str):
    """The mentions the bundled lexicon recognises in a passage of plain text."""
    from graph.analyse.normalise import normalise
    from graph.analyse.recognise import recognise
    from graph.analyse.segment import segment
    lex = bundled_lexicon()
    n = normalise(text, lex)
    return recognise(n, segment(n, lex), lex)


def extract_text(text: str, **meta):
    """A passage of plain text through the analysis stages to extraction: its NormalText and its
    Extraction. ``meta``: fields of the document's metadata set as its header would state them
    (a telegram's enacting authority)."""
    from dataclasses import replace
    from graph.analyse.metadata import document_meta
    from graph.analyse.normalise import normalise
    from graph.analyse.recognise import recognise
    from graph.analyse.segment import segment
    from graph.extract.relations import extract
    from graph.records import SourceDocument
    lex = bundled_lexicon()
    src = SourceDocument(name="t.txt", path="t.txt", text=text, encoding="utf-8", media="text")
    n = normalise(text, lex)
    seg = segment(n, lex)
    return n, extract(n, seg, recognise(n, seg, lex), replace(document_meta(src, n, seg, lex), **meta), lex)


def copy_corpus(tmp_path, skip=()):
    """A copy of the bundled corpus under ``tmp_path``, without the files whose names start with ``skip``."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in CORPUS.iterdir():
        if not any(path.name.startswith(s) for s in skip):
            shutil.copyfile(path, corpus / path.name)
    return corpus


def ontology_with(tmp_path, name: str, turtle: str):
    """A copy of the ontology with one extension file added."""
    onto = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", onto)
    (onto / "extensions").mkdir(exist_ok=True)
    (onto / "extensions" / name).write_text(turtle, encoding="utf-8")
    return onto


@pytest.fixture(scope="session")
def lexicon():
    return bundled_lexicon()


@pytest.fixture(scope="session")
def analysed(lexicon):
    from graph.pipeline import analyse
    from graph.analyse.read import read_corpus
    docs, errors = read_corpus(CORPUS)
    assert not errors
    return {d.name[:3]: analyse(d, lexicon) for d in docs}


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    from build import build
    out = tmp_path_factory.mktemp("build") / "out"
    assert build(corpus=CORPUS, out=out, log=lambda m: None) == 0
    return out


@pytest.fixture(scope="session")
def mandate_count(built) -> int:
    """How many mandates the sample corpus's graph holds."""
    from rdflib import RDF, Graph
    from graph.vocab import MG
    g = Graph().parse(built / "graph.nt", format="nt")
    return len(set(g.subjects(RDF.type, MG.Mandate)))


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite the RDF golden files of tests/golden/ from what the code now gives")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


SNAPSHOTS = ROOT / "tests" / "golden" / "snapshots"


class Snapshot:
    """Golden outputs: RDF compared by isomorphism, text by bytes; ``--update-golden`` rewrites
    them from what the code now gives (read the diff before committing it)."""

    def __init__(self, update: bool):
        self.update = update

    def rdf(self, name: str, got, fmt: str = "turtle") -> None:
        from rdflib import Graph
        from rdflib.compare import graph_diff, isomorphic, to_isomorphic
        from graph.publish.rdf import turtle
        path = SNAPSHOTS / name
        if self.update or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(turtle(got), encoding="utf-8")
        want = Graph().parse(path, format="turtle")
        if not isomorphic(got, want):
            _, missing, extra = graph_diff(to_isomorphic(want), to_isomorphic(got))
            lines = [f"- {t}" for t in sorted(missing.serialize(format="nt").splitlines())[:10]]
            lines += [f"+ {t}" for t in sorted(extra.serialize(format="nt").splitlines())[:10]]
            raise AssertionError(f"{name}: {len(missing)} triples missing, {len(extra)} unexpected "
                                 "(regenerate with --update-golden if meant):\n" + "\n".join(lines))

    def text(self, name: str, got: str) -> None:
        import difflib
        path = SNAPSHOTS / name
        if self.update or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(got.encode("utf-8"))
        want = path.read_bytes().decode("utf-8")
        if got != want:
            diff = difflib.unified_diff(want.splitlines(), got.splitlines(), "golden", "now", lineterm="", n=1)
            raise AssertionError(f"{name} differs (regenerate with --update-golden if meant):\n"
                                 + "\n".join(list(diff)[:30]))


@pytest.fixture
def snapshot(update_golden) -> Snapshot:
    return Snapshot(update_golden)
