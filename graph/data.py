"""Loads the language data of graph/data/*.yaml (cached): gazetteers, cue words, layout."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data"


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    with open(DATA / f"{name}.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@lru_cache(maxsize=None)
def any_of(name: str, key: str, *, anchored: bool = True) -> re.Pattern:
    """One compiled alternation of the patterns listed under ``key`` in ``name``.yaml."""
    body = "|".join(f"(?:{p})" for p in load(name)[key])
    return re.compile(("^(?:%s)" if anchored else "(?:%s)") % body)


@lru_cache(maxsize=None)
def ranked(name: str, key: str) -> tuple[tuple[re.Pattern, int], ...]:
    return tuple((re.compile("^(?:%s)" % p), level) for p, level in load(name)[key])
