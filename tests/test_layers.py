"""The stages are layers: analyse -> extract -> assemble -> publish -> query. A module imports
only shared modules (records, ids, data, ontology) and its own or earlier stages; publish and
query never reach analyse or extract, even through another module (issue 12)."""
import ast

from conftest import ROOT

STAGES = ("analyse", "extract", "assemble", "publish", "query")
SHARED = {"graph.records", "graph.vocab", "graph.resources", "graph.data", "graph.lexicon", "graph.lexicon_reading", "graph.ontology"}
ORCHESTRATORS = {"graph.build", "graph.cli", "graph.pipeline", "graph.cache", "graph.parallel"}      # the flow: may import every stage


def _modules() -> dict[str, set[str]]:
    """Each module of graph/ with the graph modules it imports (anywhere in it)."""
    out = {}
    for path in sorted((ROOT / "graph").rglob("*.py")):
        if "share" in path.parts:
            continue
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
        out[name] = {m for m in found if m.startswith("graph")}
    return {k: {m for m in v if m in out} for k, v in out.items()}


def _stage(module: str) -> int | None:
    parts = module.split(".")
    return STAGES.index(parts[1]) if len(parts) > 2 and parts[1] in STAGES else None


def test_every_module_is_shared_an_orchestrator_or_in_a_stage():
    loose = [m for m in _modules() if m != "graph" and m not in SHARED | ORCHESTRATORS and _stage(m) is None
             and m.split(".")[-1] not in STAGES]
    assert loose == []


def test_shared_modules_import_no_stage_and_no_stage_imports_a_later_one():
    wrong = []
    for module, imports in _modules().items():
        if module in ORCHESTRATORS:
            continue
        own = _stage(module)
        for target in imports:
            stage = _stage(target)
            if stage is not None and (own is None or stage > own):
                wrong.append(f"{module} -> {target}")
            if target in ORCHESTRATORS:
                wrong.append(f"{module} -> {target}")
    assert wrong == []


def test_publish_and_query_never_reach_analyse_or_extract():
    graph = _modules()
    wrong = []
    for module in graph:
        if _stage(module) not in (STAGES.index("publish"), STAGES.index("query")):
            continue
        seen, todo = set(), [module]
        while todo:
            for target in graph[todo.pop()]:
                if target not in seen:
                    seen.add(target)
                    todo.append(target)
        wrong += [f"{module} -> {t}" for t in sorted(seen) if _stage(t) in (0, 1)]
    assert wrong == []
