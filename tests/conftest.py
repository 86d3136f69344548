import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def analysed():
    from graph.pipeline import analyse
    from graph.read import read_corpus
    docs, errors = read_corpus(CORPUS)
    assert not errors
    return {d.name[:3]: analyse(d) for d in docs}


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    from build import build
    out = tmp_path_factory.mktemp("build") / "out"
    assert build(corpus=CORPUS, out=out, log=lambda m: None) == 0
    return out


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite the RDF golden files of tests/golden/ from what the code now gives")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")
