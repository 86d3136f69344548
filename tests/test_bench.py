"""The benchmarks run (their figures are theirs to print; nothing here times anything)."""
import subprocess
import sys

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
