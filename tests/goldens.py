"""The hand-annotated golden files of tests/golden, and matching extracted records against them
(shared by the extraction tests and bench/extraction.py)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

GOLDEN = Path(__file__).resolve().parent / "golden"
ID = "https://w3id.org/mandate-graph/id/"


@dataclass(frozen=True)
class Expected:
    text: str
    assigner: str
    assignees: frozenset
    role: str
    deadline: str | None
    recurring: bool
    explicit: bool
    known_error: dict


def mandates() -> dict[str, tuple[bool, list[Expected]]]:
    """Per document (first three characters of its file name): (complete, expected mandates)."""
    data = yaml.safe_load((GOLDEN / "mandates.yaml").read_text(encoding="utf-8"))
    return {doc: (bool(spec.get("complete")), [
        Expected(text=m["text"], assigner=_iri(m["assigner"]), assignees=frozenset(map(_iri, m["assignees"])),
                 role=m["role"], deadline=m.get("deadline"), recurring=bool(m.get("recurring")), explicit=bool(m.get("explicit")),
                 known_error=m.get("known_error", {}))
        for m in spec["mandates"]]) for doc, spec in data.items()}


def targets() -> list[tuple]:
    data = yaml.safe_load((GOLDEN / "targets.yaml").read_text(encoding="utf-8"))
    return [(t["value"], t.get("value_max"), t["comparator"], t["unit"]) for t in data["001"]["targets"]]


def _iri(tail: str) -> str:
    return ID + (tail if "/" in tail else f"body/{tail}")


def observed(m) -> dict:
    """The fields of an extracted mandate that the golden files state."""
    return {"assigner": m.assigner, "assignees": frozenset(m.assignees), "role": m.role,
            "deadline": m.deadline.deadline.isoformat() if m.deadline and m.deadline.deadline else None,
            "recurring": bool(m.deadline and m.deadline.recurring)}


def pair(doc, expected: list[Expected]) -> list[tuple[Expected, object | None]]:
    """Each expected mandate with the extracted one whose words start the same way (or None)."""
    found = list(doc.extraction.mandates)
    used: set[int] = set()
    out = []
    for e in expected:
        hit = next((i for i, m in enumerate(found) if i not in used
                    and doc.normal.text[m.start:m.end].startswith(e.text)), None)
        if hit is not None:
            used.add(hit)
        out.append((e, found[hit] if hit is not None else None))
    return out
