"""A fresh machine works (issue 11, item 5): every run-time dependency is declared, and a
non-editable install ships the ontology, the query library and the corpus, so the installed
`mandate-graph` command builds and queries from any working directory."""
import os
import shutil
import subprocess
import sys
import tomllib

import pytest

from conftest import ROOT

SHIPPED = ("pyproject.toml", "README.md", "graph", "viz", "ontology", "queries", "corpus")


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The project as `pip install .` lays it out, in a folder of its own (its dependencies come
    from this environment)."""
    base = tmp_path_factory.mktemp("install")
    src = base / "src"
    src.mkdir()
    for name in SHIPPED:
        item = ROOT / name
        if item.is_dir():
            shutil.copytree(item, src / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(item, src / name)
    target = base / "site"
    r = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                        "--target", str(target), str(src)], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    return target


def _env(site):
    return {**os.environ, "PYTHONPATH": str(site)}


def test_installed_command_builds_and_queries_from_any_folder(installed, tmp_path):
    work = tmp_path / "elsewhere"
    work.mkdir()
    command = installed / "bin" / "mandate-graph"
    where = subprocess.run([sys.executable, "-c", "import graph; print(graph.__file__)"], cwd=work,
                           env=_env(installed), capture_output=True, text=True)
    assert where.stdout.startswith(str(installed)), where      # the installed copy, not the checkout
    r = subprocess.run([sys.executable, str(command)], cwd=work, env=_env(installed),
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    assert "read      4 documents" in r.stderr and (work / "out" / "graph.ttl").is_file()
    q = subprocess.run([sys.executable, str(command), "query", "corpus-documents", "--format", "csv"],
                       cwd=work, env=_env(installed), capture_output=True, text=True, timeout=300)
    assert q.returncode == 0, q.stderr
    assert len(q.stdout.strip().splitlines()) == 5           # a header and the four sample documents


def test_every_imported_distribution_is_declared():
    """numpy came in through networkx's layouts without being declared; CI's fresh venv would
    catch it too, this names the culprit."""
    declared = {d.split(">")[0].split("=")[0].split("[")[0].strip().lower()
                for d in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]}
    code = ("import sys, build, graph.cli, graph.query.serve, graph.query.validate, viz.views, viz.page;"
            "print('\\n'.join(sorted({m.split('.')[0] for m in sys.modules})))")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    third_party = {"rdflib", "networkx", "pyvis", "owlready2", "pyoxigraph", "pyshacl", "yaml", "numpy", "scipy"}
    names = {"yaml": "pyyaml"}
    used = {names.get(m, m) for m in r.stdout.split() if m in third_party}
    assert used <= declared, used - declared
    assert {"numpy", "scipy"} <= declared
