"""The output folder: written beside the old one, checked, and swapped in atomically.

A build never deletes what it did not write. The folder it publishes carries a manifest
(``MANIFEST_NAME``, written last: every file with its size and SHA-256), and a build replaces only
a folder that carries one, an empty or absent folder, or a folder of an older release holding
nothing but the names a build publishes. The new output is staged in a sibling temp folder and
exchanged with the old one in one step (Linux ``renameat2(RENAME_EXCHANGE)``), so at every instant
``out`` is either the old or the new complete output; temp folders of builds that were killed are
removed by the next build.
"""
from __future__ import annotations

import ctypes
import errno
import hashlib
import json
import os
import shutil
import sys
from contextlib import contextmanager
from pathlib import Path

MANIFEST_NAME = ".mandate-graph-manifest.json"
MANIFEST_FORMAT = "mandate-graph output 1"
# What releases before the manifest published: a folder holding only these is ours too.
LEGACY_NAMES = frozenset({"graph.ttl", "graph.nt", "graph.trig", "graph.jsonld", "void.ttl",
                          "ontology", "docs", "viz"})
_TMP_MARK = ".mandate-graph-tmp-"
# Kept in the output folder but not part of the output: the analysis cache (graph/cache.py) and
# what was pushed to a graph store (graph/publish/push.py). The manifest does not list them.
PRIVATE = frozenset({".cache", ".push-state.json"})


class OutputError(Exception):
    """The output folder cannot be used or written; the message is one line for the user."""


def check_target(out: Path, *, corpus: Path | None = None) -> None:
    """Refuse, before any work, an ``out`` the build may not replace."""
    out = Path(out)
    where = out.resolve()
    if corpus is not None:
        src = Path(corpus).resolve()
        if where == src or src in where.parents or where in src.parents:
            raise OutputError(f"{out}: the output folder must not be, contain or lie inside the corpus folder {corpus}")
    if out.is_symlink() and not out.exists():
        raise OutputError(f"{out}: a broken symbolic link; remove it or choose another --out")
    if not out.exists():
        ancestor = out.absolute().parent
        while not ancestor.exists():
            ancestor = ancestor.parent
        if not ancestor.is_dir():
            raise OutputError(f"{out}: cannot be created, {ancestor} is not a folder")
        if not os.access(ancestor, os.W_OK | os.X_OK):
            raise OutputError(f"{out}: cannot be created, {ancestor} is not writable")
        return
    if not out.is_dir():
        raise OutputError(f"{out}: exists and is not a folder; choose another --out")
    try:
        names = {p.name for p in out.iterdir()}
    except OSError as exc:
        raise OutputError(f"{out}: cannot be read ({exc.strerror})") from None
    if not names or MANIFEST_NAME in names or (names <= LEGACY_NAMES and {"graph.ttl", "void.ttl"} <= names):
        return
    raise OutputError(f"{out}: holds files a build did not write (no {MANIFEST_NAME}); "
                      f"choose an empty or new folder for --out")


@contextmanager
def staged_output(out: Path, *, corpus: Path | None = None):
    """Yields a fresh folder; on success it replaces ``out`` atomically, on failure it is removed."""
    out = Path(out)
    check_target(out, corpus=corpus)
    parent = out.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        remove_stale(parent, out.name)
        tmp = parent / f".{out.name}{_TMP_MARK}{os.getpid()}-{os.urandom(4).hex()}"
        tmp.mkdir()
        tmp.chmod(0o777 & ~_umask())        # mkdtemp's 0700 would not follow the user's umask
    except OSError as exc:
        raise OutputError(f"{out}: cannot create the output folder ({exc.strerror})") from None
    try:
        yield tmp
        write_manifest(tmp)
        _swap_in(tmp, out)
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, OSError):
            raise OutputError(f"{out}: cannot write the output ({exc.strerror or exc}); "
                              f"the previous output is unchanged") from None
        raise


def _swap_in(tmp: Path, out: Path) -> None:
    if out.is_dir() and not out.is_symlink():
        if _exchange(tmp, out):
            shutil.rmtree(tmp, ignore_errors=True)        # tmp now holds the old output
            return
        # No atomic exchange here (another OS or file system): two renames, the old kept aside
        # under a temp name so that a kill between them loses nothing the next build cannot see.
        old = tmp.with_name(tmp.name + "-old")
        out.rename(old)
        tmp.rename(out)
        shutil.rmtree(old, ignore_errors=True)
        return
    if out.is_symlink():
        out.unlink()
    tmp.rename(out)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step; False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def remove_stale(parent: Path, name: str, *, mark: str = _TMP_MARK, keep_own: bool = False) -> None:
    """Remove the folders ``.NAME<mark><pid>-...`` left by builds that were killed (their process
    is gone); this process's own count as stale too unless ``keep_own``."""
    prefix = f".{name}{mark}"
    for path in parent.glob(f"{prefix}*"):
        pid = path.name[len(prefix):].split("-", 1)[0]
        if not pid.isdigit():
            continue
        own = int(pid) == os.getpid()
        if (own and not keep_own) or (not own and not _alive(int(pid))):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_manifest(folder: Path) -> None:
    """Every file of ``folder`` with its size and SHA-256; written last, so it marks a complete output."""
    files = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        if rel == MANIFEST_NAME or rel.split("/", 1)[0] in PRIVATE:
            continue
        digest = hashlib.sha256()
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        files[rel] = {"bytes": path.stat().st_size, "sha256": digest.hexdigest()}
    text = json.dumps({"format": MANIFEST_FORMAT, "files": files}, indent=1, sort_keys=True) + "\n"
    (folder / MANIFEST_NAME).write_text(text, encoding="utf-8")


def check_complete(folder: Path) -> list[str]:
    """What is wrong with a published output (missing manifest, missing or altered files)."""
    folder = Path(folder)
    if not folder.is_dir():
        return [f"{folder}: no output folder (run the build first)"]
    manifest = folder / MANIFEST_NAME
    if not manifest.is_file():
        return [f"{folder}: no {MANIFEST_NAME}: not a complete build output"]
    try:
        files = json.loads(manifest.read_text(encoding="utf-8"))["files"]
    except (ValueError, KeyError, TypeError):
        return [f"{manifest}: not a manifest this release can read"]
    problems = []
    for rel, meta in sorted(files.items()):
        path = folder / rel
        if not path.is_file():
            problems.append(f"{path}: listed in the manifest, missing")
        elif path.stat().st_size != meta.get("bytes"):
            problems.append(f"{path}: {path.stat().st_size} bytes, the manifest says {meta.get('bytes')}")
    return problems
