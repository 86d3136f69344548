"""Stage 1, read: decode every document of a corpus folder, or say in one line why not."""
from __future__ import annotations

import codecs
from dataclasses import replace
from datetime import date
from pathlib import Path

import yaml

from graph.analyse.formats.legacy import convert_lines, detect
from graph.analyse.formats.tables import html_tables
from graph.records import ReadError, SourceDocument

SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx", ".doc": "doc",
            ".md": "markdown", ".markdown": "markdown"}
LEGACY = ("tcvn3", "vni")           # --encoding values that name a legacy font encoding
SIDECAR = ".meta.yaml"
NOT_DOCUMENTS = ("readme",)          # a corpus folder's own description (README.md): never a document
_SIDECAR_KEYS = {"identifier", "type", "issued", "issuer", "signer", "title"}


def corpus_files(folder: str | Path) -> list[Path]:
    """The files of ``folder`` a build reads as documents, sorted by name."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: not a folder")
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file()
                  and p.stem.lower() not in NOT_DOCUMENTS)


def read_corpus(folder: str | Path, *, encoding: str | None = None
                ) -> tuple[list[SourceDocument], list[ReadError]]:
    """Every readable document of ``folder``, sorted by name, and an error for each unreadable one."""
    docs, errors = [], []
    for path in corpus_files(folder):
        try:
            docs.append(read_document(path, encoding=encoding))
        except DocumentError as exc:
            errors.append(ReadError(str(path), str(exc)))
        except (OSError, MemoryError, RecursionError) as exc:     # a file that breaks a reader library
            errors.append(ReadError(str(path), f"cannot read: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"))
    return docs, errors


class DocumentError(ValueError):
    """A document that cannot be read; the message is the reason, without the path."""


def read_document(path: str | Path, *, encoding: str | None = None) -> SourceDocument:
    path = Path(path)
    data = path.read_bytes()
    if not data.strip():
        raise DocumentError("empty file")
    media = SUFFIXES.get(path.suffix.lower(), "text")
    if media in ("pdf", "docx", "doc"):
        return _read_format(path, media, encoding)
    legacy = encoding.lower() if encoding and encoding.lower() in LEGACY else None
    if legacy:
        text, used = data.decode("cp1252", errors="replace"), legacy
    else:
        text, used = decode(data, encoding=encoding)
    text, warning, found = convert_lines(text, legacy)
    used = found or used
    if media == "text" and text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        media = "html"
    if media == "markdown":
        from graph.analyse.formats import FormatError
        from graph.analyse.formats.markdown import read_markdown
        try:
            doc = read_markdown(path, text=text, encoding=used, sidecar=_read_sidecar(path))
        except FormatError as exc:
            raise DocumentError(str(exc)) from None
        return replace(doc, warnings=((warning,) if warning else ()) + doc.warnings)
    tables = html_tables(text) if media == "html" else ()
    return SourceDocument(name=path.name, path=str(path), text=text, encoding=used, media=media,
                          sidecar=_read_sidecar(path), tables=tables,
                          warnings=(warning,) if warning else ())


def _read_format(path: Path, media: str, encoding: str | None) -> SourceDocument:
    """PDF, DOCX and DOC, through graph/analyse/formats/."""
    from graph.analyse.formats import FormatError
    legacy = encoding.lower() if encoding and encoding.lower() in LEGACY else None
    sidecar = _read_sidecar(path)
    try:
        if media == "pdf":
            from graph.analyse.formats.pdf import read_pdf
            return read_pdf(path, encoding=legacy, sidecar=sidecar)
        if media == "docx":
            from graph.analyse.formats.docx import read_docx
            return read_docx(path, encoding=legacy, sidecar=sidecar)
        from graph.analyse.formats.doc import read_doc
        return read_doc(path, encoding=legacy, sidecar=sidecar)
    except FormatError as exc:
        raise DocumentError(str(exc)) from None


def decode(data: bytes, *, encoding: str | None = None) -> tuple[str, str]:
    """Decode bytes as UTF-8 (BOM or not), UTF-16 (BOM, or NUL-patterned) or Windows-1258."""
    if encoding:
        try:
            return data.decode(encoding), codecs.lookup(encoding).name
        except (UnicodeDecodeError, LookupError) as exc:
            raise DocumentError(f"cannot decode as {encoding}: {exc}") from None
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16"), "utf-16"
    nul_even, nul_odd = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 2 or 1
    if nul_odd > 0.3 * half and nul_even < 0.05 * half:
        return _strict(data, "utf-16-le"), "utf-16-le"
    if nul_even > 0.3 * half and nul_odd < 0.05 * half:
        return _strict(data, "utf-16-be"), "utf-16-be"
    if b"\x00" in data:
        raise DocumentError("binary file (contains NUL bytes)")
    try:
        text, used = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        western = data.decode("cp1252", errors="replace")
        if detect(western):           # TCVN3 or VNI bytes, as their fonts read them: converted later
            return western, "cp1252"
        try:
            text, used = data.decode("cp1258"), "cp1258"
        except UnicodeDecodeError:
            raise DocumentError("cannot decode as UTF-8, UTF-16 or Windows-1258") from None
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
    if controls > 0.01 * len(text):
        raise DocumentError("binary file (control characters)")
    return text, used


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DocumentError(f"cannot decode as {encoding}: {exc.reason} at byte {exc.start}") from None


def _read_sidecar(path: Path) -> dict:
    """``NAME.meta.yaml`` beside ``NAME.txt`` supplies or overrides document metadata."""
    side = path.with_name(path.stem + SIDECAR)
    if not side.exists():
        return {}
    try:
        data = yaml.safe_load(side.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise DocumentError(f"sidecar {side.name} is not valid YAML: {str(exc).splitlines()[0]}") from None
    if not isinstance(data, dict) or not set(data) <= _SIDECAR_KEYS:
        raise DocumentError(f"sidecar {side.name}: expected a mapping with keys {sorted(_SIDECAR_KEYS)}")
    out = {k: str(v) for k, v in data.items()}
    if "issued" in out:
        try:
            date.fromisoformat(out["issued"])
        except ValueError:
            raise DocumentError(f"sidecar {side.name}: issued {out['issued']!r} is not a date (YYYY-MM-DD)") from None
    return out
