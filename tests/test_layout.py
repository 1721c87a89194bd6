"""The package's layout as a rule: data flows one way (model → events_csv, importers → timeline →
render → commands), no module imports a layer above its own, and there is no import cycle —
counting the imports inside functions too, which a cycle hides behind (imports under
TYPE_CHECKING, for annotations only, are no dependency at run time)."""

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "incident"

# The layers, lowest first: a module may import its own layer and those below.
LAYERS = {
    "collecting": 0, "diagnostics": 0, "options": 0, "version": 0, "files": 0, "progress": 0, "terminal": 0, "words": 0,
    "model": 1,
    "events_csv": 2, "importers": 2, "timetext": 2,
    "timeline": 3, "display": 3, "postmortem": 3, "postmortem_tables": 3,
    "buildrecord": 4, "render": 4, "intake": 4, "extract": 4, "many": 4,
    "api": 5, "cli": 6, "commands": 6, "__main__": 7, "__init__": 7,
}


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package modules `name` imports (absolute names within the package, e.g. 'model.claim')."""
    package = name.split(".")[:-1] if path.name != "__init__.py" else name.split(".")
    found = set()
    tree = ast.parse(path.read_text())
    for guard in [n for n in ast.walk(tree) if isinstance(n, ast.If) and getattr(n.test, "id", "") == "TYPE_CHECKING"]:
        guard.body = []  # imports for annotations only: no dependency at run time
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
            target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            for alias in node.names:
                deeper = f"{target}.{alias.name}" if target else alias.name
                found.add(deeper if deeper in known else target)
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("incident"):
            found.add(node.module.removeprefix("incident").lstrip("."))
    return {m for m in found if m in known and m != name}


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports(name, path, set(found)) for name, path in found.items()}


def layer(module: str) -> int:
    return LAYERS[module.split(".")[0]]


def test_every_module_has_a_layer():
    assert all(module.split(".")[0] in LAYERS for module in modules())


def test_no_module_imports_a_layer_above_its_own():
    upward = [(module, target) for module, targets in graph().items() for target in targets if layer(target) > layer(module)]
    assert upward == []


def test_the_imports_have_no_cycle():
    edges = graph()
    state: dict[str, int] = {}
    cycles = []

    def visit(node, trail):
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycles.append(trail[trail.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_the_walk_sees_imports_inside_functions():
    edges = graph()
    assert "render.chart" in edges["render.report"]  # imported lazily, where a chart is drawn
    assert "events_csv.columnar" in edges["events_csv.reader"]


def test_no_module_over_500_lines_and_no_function_over_80():
    long_modules = [(name, n) for name, path in modules().items() if (n := len(path.read_text().splitlines())) > 500]
    long_functions = []
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno + 1 > 80:
                long_functions.append((name, node.name, node.end_lineno - node.lineno + 1))
    assert long_modules == [] and long_functions == []


def test_only_the_command_line_knows_argparse():
    """The commands take plain values or a frozen options object (options.py): no module but
    cli.py imports argparse, so none can be handed a namespace to read or change."""
    users = sorted(name for name, path in modules().items()
                   if any(isinstance(node, (ast.Import, ast.ImportFrom)) and "argparse" in
                          ([a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""])
                          for node in ast.walk(ast.parse(path.read_text()))))
    assert users == ["cli"]
