"""`build.py validate`: HermiT on the ontology, SHACL shapes on the built graph, QC queries."""
from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from graph.ontology import ONTOLOGY_DIR, SHAPES, load_ontology
from graph.publish.rdf import sorted_ntriples
from graph.resources import shared

QC_DIR = shared("queries") / "qc"


@dataclass
class Report:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def validate(*, out: Path, ontology_dir: Path = ONTOLOGY_DIR, qc_dir: Path = QC_DIR,
             reasoner: bool = True) -> Report:
    out = Path(out)
    if not out.is_dir():        # checked first: "valid" about a graph that is not there misleads
        raise FileNotFoundError(f"{out}: no such output folder; run `python build.py` first")
    if not (out / "graph.nt").is_file():
        raise FileNotFoundError(f"{out / 'graph.nt'}: no built graph; run `python build.py` first")
    report = Report()
    try:
        onto = load_ontology(ontology_dir)
    except ValueError as exc:
        report.errors.append(str(exc))
        return report
    if reasoner:
        _hermit(onto, report)
    data = Graph()
    data.parse(out / "graph.nt", format="nt")
    _shacl(data, onto, ontology_dir / SHAPES, report)
    _qc(onto, data, qc_dir, report)
    return report


def _hermit(onto: Graph, report: Report) -> None:
    import owlready2
    tmp = Path(tempfile.mkdtemp(prefix="mg-hermit-"))
    try:
        path = tmp / "ontology.nt"
        path.write_text(sorted_ntriples(onto), encoding="utf-8")
        world = owlready2.World()
        ontology = world.get_ontology(path.as_uri()).load()
        try:
            with ontology:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0,
                                               ignore_unsupported_datatypes=True)
        except owlready2.OwlReadyInconsistentOntologyError:
            report.errors.append("HermiT: the ontology is inconsistent")
            return
        unsat = sorted(c.iri for c in world.inconsistent_classes() if c.iri != "http://www.w3.org/2002/07/owl#Nothing")
        for iri in unsat:
            report.errors.append(f"HermiT: unsatisfiable class {iri}")
        if not unsat:
            report.notes.append(f"HermiT: consistent, no unsatisfiable classes ({len(list(world.classes()))} classes)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _shacl(data: Graph, onto: Graph, shapes_path: Path, report: Report) -> None:
    import pyshacl
    shapes = Graph().parse(shapes_path, format="turtle")
    conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes, ont_graph=onto, inference="rdfs",
                                            abort_on_first=False, allow_warnings=True)
    from rdflib.namespace import SH
    for r in sorted(results.subjects(SH.resultSeverity, None), key=str):
        sev = results.value(r, SH.resultSeverity)
        msg = f"SHACL: {results.value(r, SH.focusNode)} {results.value(r, SH.resultPath)}: {results.value(r, SH.resultMessage)}"
        (report.warnings if sev == SH.Warning else report.errors).append(msg)
    report.notes.append(f"SHACL: {'conforms' if conforms else 'violations found'} ({len(data)} triples)")


def _qc(onto: Graph, data: Graph, qc_dir: Path, report: Report) -> None:
    store = ox.Store()
    store.load(sorted_ntriples(onto) + sorted_ntriples(data), format=ox.RdfFormat.N_TRIPLES)
    for path in sorted(qc_dir.glob("*.rq")):
        try:
            rows = list(store.query(path.read_text(encoding="utf-8")))
        except SyntaxError as exc:
            report.errors.append(f"{path}: malformed query: {exc}")
            continue
        for row in rows[:20]:
            report.errors.append(f"QC {path.stem}: " + " ".join(str(v.value if hasattr(v, 'value') else v) for v in row))
        if len(rows) > 20:
            report.errors.append(f"QC {path.stem}: ... and {len(rows) - 20} more")
    report.notes.append(f"QC: {len(list(qc_dir.glob('*.rq')))} queries run")
