"""Pages without a text layer (scans), read by Tesseract with its Vietnamese model when installed
(Debian packages tesseract-ocr and tesseract-ocr-vie); otherwise a one-line warning per page."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

DPI = 300
LANGUAGE = "vie"
TIMEOUT = 120
INSTALL = "install the Debian packages tesseract-ocr and tesseract-ocr-vie to read scanned pages"


@lru_cache(maxsize=None)
def tesseract() -> tuple[str | None, str | None]:
    """The tesseract program, and why it cannot be used (None when it can)."""
    exe = shutil.which("tesseract")
    if not exe:
        return None, f"no text layer and no OCR: {INSTALL}"
    try:
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        return None, f"no text layer and tesseract does not run ({exc})"
    if LANGUAGE not in langs.split():
        return None, "no text layer and no Vietnamese OCR model: install the Debian package tesseract-ocr-vie"
    return exe, None


def ocr_page(page, number: int) -> tuple[list[tuple[str, float, float]], str | None]:
    """The lines Tesseract reads on a rendered PDF page (text, left and right edge in points), or
    no lines and the reason why not."""
    exe, missing = tesseract()
    if missing:
        return [], missing
    bitmap = page.render(scale=DPI / 72, grayscale=True)
    pixels = bitmap.to_numpy()
    if pixels.ndim == 3:
        pixels = pixels[..., 0]
    with tempfile.TemporaryDirectory() as tmp:
        image = Path(tmp) / f"page{number}.pgm"          # PGM: a format Tesseract reads, no imaging library
        h, w = pixels.shape
        image.write_bytes(b"P5\n%d %d\n255\n" % (w, h) + pixels.astype("uint8").tobytes())
        try:
            done = subprocess.run([exe, str(image), "stdout", "-l", LANGUAGE, "--dpi", str(DPI), "tsv"],
                                  capture_output=True, text=True, timeout=TIMEOUT)
        except (OSError, subprocess.SubprocessError) as exc:
            return [], f"OCR failed ({exc})"
    if done.returncode:
        reason = (done.stderr.strip().splitlines() or ["no reason given"])[-1]
        return [], f"OCR failed ({reason})"
    return _lines(done.stdout, DPI / 72), None


def _lines(tsv: str, scale: float) -> list[tuple[str, float, float]]:
    """Tesseract's TSV words as lines, in its reading order: (text, left, right) in PDF points."""
    lines: dict[tuple[str, ...], list] = {}
    for row in tsv.splitlines()[1:]:
        f = row.split("\t")
        if len(f) < 12 or f[0] != "5" or not f[11].strip():
            continue
        key = tuple(f[1:5])                       # page, block, paragraph, line
        left, width = int(f[6]) / scale, int(f[8]) / scale
        words = lines.setdefault(key, [[], left, left + width])
        words[0].append(f[11].strip())
        words[1], words[2] = min(words[1], left), max(words[2], left + width)
    return [(" ".join(w), left, right) for w, left, right in lines.values()]
