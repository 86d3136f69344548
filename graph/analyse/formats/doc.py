"""Word 97-2003 .doc through a Debian tool: antiword (tables as "|" rows) or else catdoc."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from graph.analyse.formats import FormatError, Rendition
from graph.analyse.formats.legacy import Converter, detect

INSTALL = "cannot read .doc: install the Debian package antiword (or catdoc)"
TIMEOUT = 120


def read_doc(path: Path, *, encoding: str | None, sidecar: dict):
    for tool, args in (("antiword", ["-m", "UTF-8.txt", "-w", "0"]), ("catdoc", ["-d", "utf-8", "-w"])):
        exe = shutil.which(tool)
        if not exe:
            continue
        try:
            done = subprocess.run([exe, *args, str(path)], capture_output=True, timeout=TIMEOUT)
        except (OSError, subprocess.SubprocessError) as exc:
            raise FormatError(f"{tool} failed ({exc})") from None
        if done.returncode or not done.stdout.strip():
            reason = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["no text"])[-1]
            raise FormatError(f"not a readable .doc ({tool}: {reason})")
        return _rendition(path, done.stdout.decode("utf-8", "replace"), tool, encoding, sidecar)
    raise FormatError(INSTALL)


def _rendition(path: Path, text: str, tool: str, encoding: str | None, sidecar: dict):
    legacy = Converter(encoding, None if encoding else detect(text))
    out = Rendition()
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            out.row([legacy.run(c.strip()) for c in stripped[1:-1].split("|")])   # antiword's table row
        else:
            out.line(legacy.run(stripped))
    if legacy.warning():
        out.warnings.append(legacy.warning())
    return out.document(path, media="doc", encoding=legacy.encoding or tool, sidecar=sidecar)
