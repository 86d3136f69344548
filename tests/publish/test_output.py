"""The output folder: a build never destroys what it did not write, and a kill at any stage leaves
the previous output complete (issue 11, item 1)."""
import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap

import pytest

from conftest import CORPUS, ROOT

from graph.publish.output import MANIFEST_NAME, OutputError, check_complete, check_target, staged_output


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):
    """One sample document: the kill tests run the build eight times."""
    folder = tmp_path_factory.mktemp("small") / "corpus"
    folder.mkdir()
    for name in ("004_c595a17db9558f09.txt", "004_c595a17db9558f09.meta.yaml"):
        shutil.copy(CORPUS / name, folder / name)
    return folder


def _cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def test_build_refuses_a_folder_holding_an_unrelated_file(tmp_path, small_corpus):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_text("years of work")
    r = _cli("--corpus", small_corpus, "--out", out)
    assert r.returncode == 1
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr and str(out) in r.stderr
    assert (out / "thesis.docx").read_text() == "years of work"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]


def test_build_refuses_a_file_and_the_corpus_folder(tmp_path, small_corpus):
    target = tmp_path / "notes.txt"
    target.write_text("keep me")
    for out in (target, small_corpus, small_corpus / "out", small_corpus.parent):
        r = _cli("--corpus", small_corpus, "--out", out)
        assert r.returncode == 1 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr, (out, r.stderr)
    assert target.read_text() == "keep me"
    assert sorted(p.name for p in small_corpus.iterdir()) == ["004_c595a17db9558f09.meta.yaml",
                                                              "004_c595a17db9558f09.txt"]


def test_an_output_of_a_release_before_the_manifest_is_replaced(tmp_path):
    legacy = tmp_path / "out"
    (legacy / "viz").mkdir(parents=True)
    for name in ("graph.ttl", "void.ttl"):
        (legacy / name).write_text("")
    check_target(legacy)
    (legacy / "docs").mkdir()                 # a user's own "docs" beside nothing of ours is not ours
    only_docs = tmp_path / "other"
    (only_docs / "docs").mkdir(parents=True)
    with pytest.raises(OutputError):
        check_target(only_docs)


def test_output_follows_the_umask_and_carries_a_manifest_of_every_file(tmp_path):
    old = os.umask(0o022)
    try:
        with staged_output(tmp_path / "out") as folder:
            (folder / "a.txt").write_text("x")
    finally:
        os.umask(old)
    out = tmp_path / "out"
    assert stat.S_IMODE(out.stat().st_mode) == 0o755
    manifest = json.loads((out / MANIFEST_NAME).read_text())
    assert manifest["files"] == {"a.txt": {"bytes": 1, "sha256": manifest["files"]["a.txt"]["sha256"]}}
    assert check_complete(out) == []
    (out / "a.txt").unlink()
    assert check_complete(out) == [f"{out / 'a.txt'}: listed in the manifest, missing"]


def test_an_unwritable_output_is_a_one_line_error_and_the_old_output_stays(tmp_path):
    with staged_output(tmp_path / "out") as folder:
        (folder / "a.txt").write_text("old")
    with pytest.raises(OutputError, match="No space left on device"):
        with staged_output(tmp_path / "out") as folder:
            raise OSError(28, "No space left on device")
    assert (tmp_path / "out" / "a.txt").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_parent_is_a_one_line_error(tmp_path, small_corpus):
    parent = tmp_path / "ro"
    parent.mkdir()
    parent.chmod(0o555)
    try:
        r = _cli("--corpus", small_corpus, "--out", parent / "out")
    finally:
        parent.chmod(0o755)
    assert r.returncode == 1 and r.stderr.strip().startswith("error:") and "Traceback" not in r.stderr


# Each stage's entry point, replaced by a SIGKILL of the build's own process: the kill a user or
# the OOM killer would deal, at that point of the flow.
STAGES = [
    ("graph.build", "analyse_corpus"),         # reading the corpus and the analysis cache
    ("graph.parallel", "run_tasks"),           # the per-document analysis (none left: all cached)
    ("graph.assemble.populate", "populate_store"),
    ("graph.publish.outputs", "write_outputs"),
    ("graph.publish.termdocs", "write_docs"),
    ("graph.build", "start_views"),            # the views, written beside publish (--jobs 2, the default here)
    ("graph.publish.output", "write_manifest"),
    ("graph.publish.output", "_exchange"),
]

_KILLER = textwrap.dedent("""
    import importlib, os, signal, sys
    sys.path.insert(0, {root!r})
    module = importlib.import_module({module!r})
    setattr(module, {name!r}, lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL))
    from graph.cli import main
    sys.exit(main(["--corpus", {corpus!r}, "--out", {out!r}]))
""")


def test_a_build_killed_at_any_stage_leaves_the_previous_output_complete(tmp_path, small_corpus):
    out = tmp_path / "out"
    assert _cli("--corpus", small_corpus, "--out", out).returncode == 0
    before = (out / MANIFEST_NAME).read_bytes()
    for module, name in STAGES:
        code = _KILLER.format(root=str(ROOT), module=module, name=name, corpus=str(small_corpus), out=str(out))
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
        assert r.returncode == -9, (module, name, r.stderr)
        assert check_complete(out) == [], (module, name)
        assert (out / MANIFEST_NAME).read_bytes() == before, (module, name)
    # the killed builds left temp folders; the next build removes them
    assert any(p.name != "out" for p in tmp_path.iterdir())
    assert _cli("--corpus", small_corpus, "--out", out).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert (out / MANIFEST_NAME).read_bytes() == before


def test_a_build_killed_after_the_swap_leaves_the_new_output(tmp_path, small_corpus):
    out = tmp_path / "out"
    with staged_output(out) as folder:
        (folder / "graph.ttl").write_text("old")
    code = textwrap.dedent(f"""
        import os, signal, sys
        sys.path.insert(0, {str(ROOT)!r})
        import graph.publish.output as o
        real = o._exchange
        def exchange_then_die(a, b):
            real(a, b)
            os.kill(os.getpid(), signal.SIGKILL)
        o._exchange = exchange_then_die
        from graph.cli import main
        sys.exit(main(["--corpus", {str(small_corpus)!r}, "--out", {str(out)!r}]))
    """)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert r.returncode == -9, r.stderr
    assert check_complete(out) == [] and (out / "graph.ttl").read_text() != "old"


def test_an_output_under_a_file_is_a_one_line_error(tmp_path, small_corpus):
    (tmp_path / "plain.txt").write_text("x")
    r = _cli("--corpus", small_corpus, "--out", tmp_path / "plain.txt" / "out")
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and r.stderr.startswith("error:"), r.stderr
