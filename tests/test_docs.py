"""The README documents what the tool does: its commands and options, its queries, views and
published files, and its commands work as written."""
import re
import subprocess
import sys

import pytest

from conftest import ROOT


def test_readme_commands_work_end_to_end(tmp_path):
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, "build.py", "--out", str(out)], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert (out / "graph.ttl").exists() and (out / "viz" / "index.html").exists()
    page = (out / "viz" / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"<(?:script|link)[^>]+(?:src|href)=[\"']?https?:", page)
    q = subprocess.run([sys.executable, "build.py", "query", str(ROOT / "queries" / "qc" / "facts-without-evidence.rq"),
                        "--out", str(out), "--format", "csv"], cwd=ROOT, capture_output=True, text=True)
    assert q.returncode == 0 and q.stdout.strip() == "fact,type"
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?x WHERE { ?x ", encoding="utf-8")
    q = subprocess.run([sys.executable, "build.py", "query", str(bad), "--out", str(out)], cwd=ROOT, capture_output=True, text=True)
    assert q.returncode == 2 and q.stderr.count("\n") == 1 and "Traceback" not in q.stderr


def _readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def _options() -> list[tuple[str, str]]:
    """Every (command, --option) of the command line, read from graph.cli.parser()."""
    import argparse
    from graph.cli import parser
    sub = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    return [(name, opt) for name, p in sub.choices.items() for action in p._actions
            for opt in action.option_strings if opt.startswith("--") and opt != "--help"]


def test_the_command_line_has_options_to_document():
    assert ("build", "--corpus") in _options() and ("serve", "--allow-host") in _options()


@pytest.mark.parametrize("command,option", _options(), ids=lambda x: x)
def test_readme_documents_every_option(command, option):
    assert option in _readme(), f"{command} {option}"


def test_readme_documents_every_query_view_and_output():
    """Docs are tested: a query, a view kind or a published file missing from the README fails."""
    from graph.publish.outputs import OUTPUTS
    from graph.query.store import library
    readme = _readme()
    missing = [q.name for q in library() if f"`{q.name}`" not in readme]
    missing += [f"qc/{q.stem}" for q in (ROOT / "queries" / "qc").glob("*.rq") if f"`{q.stem}`" not in readme]
    missing += [v for v in ("who-assigns-what.html", "actor-*.html", "document-*.html", "dependencies.html",
                            "accountability.html") if v not in readme]
    missing += [f"output {o.name}" for o in OUTPUTS if f"`{o.name}`" not in readme]
    assert not missing, missing
