"""The analysis cache: each corpus file's ``AnalysedDocument``, pickled after its digest (the few
fields the corpus-level steps need, ``DocumentDigest``), kept by a key made of
the SHA-256 of its bytes (and of its ``.meta.yaml`` sidecar), its name, ``--encoding``, the hash
of the code that analyses it and the hash of the lexicon's data files. A build analyses only the
files whose key it has not seen; editing the code or a data file changes every key.

The cache lives in the output folder (``out/.cache/``), or in ``--cache DIR``. In the output
folder it follows the output: a build reads the old ``out/.cache``, hard-links every entry it uses
into a pending folder beside ``out`` and writes its new entries there, and the pending folder
becomes the new output's ``.cache`` when that output is swapped in. So entries of removed files
drop out, and a build that is killed leaves the old cache as it was. Every entry is written to a
temp file and renamed into place, so a reader never sees half an entry, whatever runs beside it.

A build reads only the digests (``get``) while it looks at the corpus, and each document itself
(``load``) once, when populate writes it: it never holds more than one analysed document.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from graph.data import DATA
from graph.publish.output import remove_stale
from graph.records import AnalysedDocument, DocumentDigest, ReadError
from graph.resources import shared

CACHE_NAME = ".cache"              # inside the output folder
FORMAT = "mandate-graph analysis cache 2"        # 2: a digest, then the document
_PENDING_MARK = ".mandate-graph-cache-"
_GRAPH = Path(__file__).resolve().parent
# The code a document's analysis depends on: its key changes when any of it does.
CODE = ("analyse", "extract", "pipeline.py", "records.py", "lexicon.py", "data.py", "vocab.py",
        "ontology.py", "cache.py", "assemble/digest.py", "assemble/dedupe.py")


@lru_cache(maxsize=1)
def code_hash() -> str:
    """SHA-256 of the analysing code (graph/analyse/**, graph/extract/**, the shared modules) and
    of the ontology's Turtle files."""
    digest = hashlib.sha256()
    files = []
    for name in CODE:
        path = _GRAPH / name
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    onto = Path(shared("ontology"))
    files += sorted(onto.glob("*.ttl"))
    for path in files:
        rel = path.relative_to(_GRAPH if path.is_relative_to(_GRAPH) else onto.parent).as_posix()
        digest.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def data_hash(folders: tuple[Path, ...] = ()) -> str:
    """SHA-256 of the data files the lexicon is read from: the bundled ones, then each ``--data``
    folder's in order (a file there replaces the bundled one)."""
    digest = hashlib.sha256()
    for label, folder in [("bundled", DATA), *((f"data{i}", Path(f)) for i, f in enumerate(folders))]:
        for path in sorted(Path(folder).glob("*.yaml")) + sorted(Path(folder).glob("*.jsonld")):
            digest.update(f"{label}/{path.name}".encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@dataclass(frozen=True)
class Task:
    """One corpus file to analyse, carried with its bytes, so a worker needs no shared disk. A build
    keeps the tasks it has to do without their bytes (``unloaded``) and reads them again just
    before each is analysed (``loaded``), so that it never holds the whole corpus's bytes."""
    path: str
    data: bytes | None
    sidecar: bytes | None
    encoding: str | None
    key: str
    salt: str = ""

    @property
    def name(self) -> str:
        return Path(self.path).name

    def unloaded(self) -> "Task":
        return replace(self, data=None, sidecar=None)

    def loaded(self) -> "Task":
        """The task made again from the file (its key is that of the bytes read now)."""
        return self if self.data is not None else make_task(Path(self.path), encoding=self.encoding, salt=self.salt)


def sidecar_path(path: Path) -> Path:
    from graph.analyse.read import SIDECAR
    return path.with_name(f"{path.stem}{SIDECAR}")


def make_task(path: Path, *, encoding: str | None, salt: str) -> Task:
    """The file's bytes and its key; ``salt`` is the code and data hash (see :func:`salt`)."""
    data = path.read_bytes()
    side = sidecar_path(path)
    sidecar = side.read_bytes() if side.is_file() else None
    key = hashlib.sha256(json.dumps([FORMAT, path.name, hashlib.sha256(data).hexdigest(),
                                     hashlib.sha256(sidecar).hexdigest() if sidecar is not None else None,
                                     encoding, salt]).encode()).hexdigest()
    return Task(str(path), data, sidecar, encoding, key, salt)


def salt(folders: tuple[Path, ...] = ()) -> str:
    return f"{code_hash()}:{data_hash(folders)}"


def analyse_task(task: Task, lexicon) -> AnalysedDocument | ReadError:
    """Read and analyse one file from its bytes (in this process, a worker or a Dask worker)."""
    from graph.analyse.read import DocumentError, read_document
    from graph.pipeline import analyse
    with tempfile.TemporaryDirectory(prefix="mandate-graph-") as tmp:
        path = Path(tmp) / task.name
        path.write_bytes(task.data)
        if task.sidecar is not None:
            sidecar_path(path).write_bytes(task.sidecar)
        try:
            source = read_document(path, encoding=task.encoding)
        except DocumentError as exc:
            return ReadError(task.path, str(exc))
        except (OSError, MemoryError, RecursionError) as exc:     # a file that breaks a reader library
            first = str(exc).splitlines()[0] if str(exc) else ""
            return ReadError(task.path, f"cannot read: {type(exc).__name__}: {first}")
    return analyse(replace(source, path=task.path), lexicon)


class Cache:
    """Entries by key: ``get`` from the old folder (or ``--cache DIR``), ``put`` into the new one."""

    def __init__(self, *, out: Path, folder: Path | None = None):
        self.out = Path(out)
        if folder is not None:               # --cache DIR: one folder, read and written in place
            self.old = self.new = Path(folder)
            self.new.mkdir(parents=True, exist_ok=True)
            self.pending = None
        else:
            self.old = self.out / CACHE_NAME
            parent = self.out.absolute().parent
            parent.mkdir(parents=True, exist_ok=True)
            remove_stale(parent, self.out.name, mark=_PENDING_MARK, keep_own=True)
            self.pending = self.new = Path(tempfile.mkdtemp(
                prefix=f".{self.out.name}{_PENDING_MARK}{os.getpid()}-", dir=parent))
        self.hits = self.misses = 0
        self.seconds = {"read": 0.0, "analyse": 0.0}      # reading and hashing the files; analysing the new ones

    def _entry(self, root: Path, key: str) -> Path:
        return root / key[:2] / f"{key}.pickle"

    def get(self, task: Task) -> DocumentDigest | None:
        """The digest of the task's entry, if the cache has it (the document stays on disk)."""
        old = self._entry(self.old, task.key)
        try:
            with open(old, "rb") as fh:
                digest = pickle.load(fh)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            return None
        if not isinstance(digest, DocumentDigest) or digest.key != task.key:
            return None
        if self.pending is not None:
            self._link(old, self._entry(self.new, task.key))
        self.hits += 1
        return digest if digest.path == task.path else replace(digest, path=task.path)

    def put(self, task: Task, doc: AnalysedDocument, digest: DocumentDigest) -> None:
        self.misses += 1
        target = self._entry(self.new, task.key)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(digest, fh, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump(doc, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def load(self, digest: DocumentDigest) -> AnalysedDocument:
        """The analysed document of a digest that ``get`` or ``put`` gave, as the digest says it is
        (its path; its metadata, which may carry the IRI of its own node: assemble.dedupe)."""
        with open(self._entry(self.new, digest.key), "rb") as fh:
            pickle.load(fh)                                  # the digest
            doc = pickle.load(fh)
        source = doc.source if doc.source.path == digest.path else replace(doc.source, path=digest.path)
        return replace(doc, source=source, meta=digest.meta)

    @staticmethod
    def _link(src: Path, dst: Path) -> None:
        dst.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(src, dst)
        except FileExistsError:
            pass
        except OSError:                     # another file system, or no hard links there
            shutil.copyfile(src, dst)

    def commit(self, folder: Path) -> None:
        """Make the pending entries the ``.cache`` of the staged output ``folder``."""
        if self.pending is not None:
            os.replace(self.pending, Path(folder) / CACHE_NAME)
            self.pending = None

    def discard(self) -> None:
        if self.pending is not None:
            shutil.rmtree(self.pending, ignore_errors=True)
            self.pending = None


def documents(folder: Path) -> Iterator[AnalysedDocument]:
    """Every analysed document a cache folder holds, in key order, as the analysis left it (for
    checks over a build's analyses: bench/crawl_checks.py); an entry is its digest, then it."""
    for path in sorted(Path(folder).glob("*/*.pickle")):
        with open(path, "rb") as fh:
            if isinstance(pickle.load(fh), DocumentDigest):
                yield pickle.load(fh)
