"""Where the shipped files are: the ontology, the query library and the bundled corpus.

In a source checkout (or an editable install) they are the top-level folders of the project; a
wheel ships them as package data under ``graph/share/`` (see pyproject.toml), read through
``importlib.resources`` so an installed command works from any working directory.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

SHARED = ("ontology", "queries", "corpus")


def shared(name: str) -> Path:
    """The folder ``name`` (one of ``SHARED``) as installed, or else of the source checkout."""
    if name not in SHARED:
        raise KeyError(name)
    installed = resources.files("graph") / "share" / name
    if installed.is_dir():
        return Path(str(installed))
    return Path(__file__).resolve().parent.parent / name
