"""The benchmarks run (their figures are theirs to print; nothing here times anything)."""
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT


def _bench(*args: str) -> str:
    r = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout


def test_build_benchmark_runs_on_the_sample():
    out = _bench("bench/build.py", "--scales", "1")
    assert "   1x     4 " in out


def test_extraction_benchmark_runs():
    out = _bench("bench/extraction.py")
    assert "mandates, 003 (every mandate" in out and "targets, 001" in out


def test_linear_benchmark_runs_at_small_sizes():
    out = _bench("bench/linear.py", "--sizes", "0.05,0.1")
    assert out.count("s/MB") == 4 and out.count("per-MB ratio 0.1 MB / 0.05 MB") == 2
    assert "text: one document" in out and "html: one document" in out


def test_devset_benchmark_runs_on_two_documents():
    import devgold
    names = ",".join(d.name for d in devgold.documents()[:2])
    out = _bench("bench/devset.py", "--only", names, "--misses")
    assert "skipped:" in out or ("annotated documents analysed" in out and " all " in out)


def test_formats_benchmark_prints_pages_per_second():
    out = _bench("bench/formats.py", "--pages", "4")
    assert "pages/s" in out and "\ndocx " in out


@pytest.mark.browser
def test_views_benchmark_times_the_sample_views_and_writes_screenshots_outside_the_repo(built, tmp_path):
    if not Path("/usr/bin/chromium").exists():
        pytest.fail("/usr/bin/chromium is missing: install Debian's chromium package (.ci/run does)")
    out = _bench("bench/views.py", "--out", str(built), "--sample", "0", "--repeat", "1", "--shots", str(tmp_path))
    assert "stable ms" in out and "cpu ms" in out and "who-assigns-what.html" in out
    assert (tmp_path / "sample" / "who-assigns-what.png").exists() and (tmp_path / "sample" / "index.png").exists()
    r = subprocess.run([sys.executable, "bench/views.py", "--shots", str(ROOT / "shots")], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 1 and "inside the repository" in r.stderr


def test_crawl_checks_find_no_actor_at_a_date_lines_place_in_the_sample(built):
    out = _bench("bench/crawl_checks.py", str(built / ".cache"))
    assert "documents                               4" in out
    with_dateline = int(out.split("with a place-and-date line")[1].split()[0])
    assert with_dateline >= 1                      # the check has places to look at
    assert "actors named at a date line's place     0" in out
    assert "mandates assigned to such an actor      0" in out


def test_analysis_benchmark_prints_the_rate_on_a_crawl_sample_or_says_it_has_none(tmp_path):
    pages = tmp_path / "crawl"
    pages.mkdir()
    for name in ("000_abf47967dda61da9.txt", "003_cb99b14b31951c52.txt"):   # two sample texts as crawl pages
        (pages / name.replace(".txt", ".md")).write_text((ROOT / "corpus" / name).read_text(encoding="utf-8"),
                                                          encoding="utf-8")
    out = _bench("bench/analysis.py", "--corpus", str(pages), "--pages", "2", "--repeat", "1", "--profile", "3")
    assert "sample: 2 crawl pages" in out and "M chars/s per core" in out and "target (issue 16)" in out
    assert "function calls" in out
    empty = tmp_path / "none"
    empty.mkdir()
    assert _bench("bench/analysis.py", "--corpus", str(empty)).startswith("skipped: no crawl")


def test_queries_benchmark_measures_pyoxigraph_when_given_its_name(built):
    """Regression: --stores pyoxigraph fell through to rdflib, whose figures were read as the
    default store's on the crawl."""
    out = _bench("bench/queries.py", "--out", str(built), "--scales", "1", "--repeat", "1", "--stores", "pyoxigraph")
    assert "oxigraph  load" in out and "rdflib" not in out
    r = subprocess.run([sys.executable, "bench/queries.py", "--stores", "oxigrafe"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 2 and "unknown store 'oxigrafe'" in r.stderr
