"""What crosses a module's border has a public name: no module of the package imports another's
`_private` name, nor reaches one through a module it imported (`plot._figure`); and every name is
taken from the module that defines it, never through another that imported it (a re-export shim),
in the package, the tests and the benchmarks alike. Only `incident/__init__.py`, the public face,
re-exports (the API, and the version)."""

import ast

from conftest import ROOT
from test_layout import PACKAGE, modules


def package_of(name: str, path) -> list[str]:
    return name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]


def resolved(name: str, path, node: ast.ImportFrom) -> str:
    """The dotted name (within the package) an `from … import` reads from."""
    if not node.level:
        return (node.module or "").removeprefix("incident").lstrip(".")
    base = package_of(name, path)
    base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
    return ".".join([*base, *((node.module or "").split(".") if node.module else [])])


def private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def crossings() -> list[str]:
    found = []
    for name, path in modules().items():
        tree = ast.parse(path.read_text())
        package_modules = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("incident")):
                source = resolved(name, path, node)
                for alias in node.names:
                    if private(alias.name) and source != name:
                        found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: from {source} import {alias.name}")
                    package_modules.add(alias.asname or alias.name)
            elif isinstance(node, ast.Import):
                package_modules.update(a.asname or a.name for a in node.names if a.name.startswith("incident"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in package_modules \
                    and private(node.attr):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {node.value.id}.{node.attr}")
    return found


def test_no_module_imports_a_private_name_of_another():
    assert crossings() == []


def test_the_walk_sees_a_private_import_and_a_private_attribute(tmp_path, monkeypatch):
    import test_public_names as me

    folder = tmp_path / "incident"
    (folder / "render").mkdir(parents=True)
    (folder / "render" / "plot.py").write_text("def _figure():\n    pass\n")
    (folder / "render" / "chart.py").write_text("from .plot import _figure\nfrom . import plot\nplot._ink\n")
    monkeypatch.setattr(me, "modules", lambda: {"render.plot": folder / "render" / "plot.py", "render.chart": folder / "render" / "chart.py"})
    monkeypatch.setattr(me, "PACKAGE", folder)
    assert me.crossings() == ["incident/render/chart.py:1: from render.plot import _figure", "incident/render/chart.py:3: plot._ink"]


def top_level(body):
    for node in body:
        if isinstance(node, ast.If):
            yield from top_level(node.body)
            yield from top_level(node.orelse)
        elif isinstance(node, ast.Try):
            for part in (node.body, *(h.body for h in node.handlers), node.orelse, node.finalbody):
                yield from top_level(part)
        else:
            yield node


def names_bound(target):
    if isinstance(target, ast.Name):
        yield target.id
    elif isinstance(target, (ast.Tuple, ast.List)):
        for element in target.elts:
            yield from names_bound(element)


def defined_in(path) -> set[str]:
    """The names a module defines itself: functions, classes, assignments (not what it imports)."""
    found = set()
    for node in top_level(ast.parse(path.read_text()).body):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.add(node.name)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                found.update(names_bound(target))
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.For)):
            found.update(names_bound(node.target))
    return found


def modules_imported(path) -> set[str]:
    """The modules a module imports whole (`import os`): reached through it by a test's monkeypatch."""
    return {alias.asname or alias.name.split(".")[0] for node in ast.walk(ast.parse(path.read_text()))
            if isinstance(node, ast.Import) for alias in node.names}


def borrowed_names(files) -> list[str]:
    """Every `from incident.M import N` (and `M.N` through an imported module) where M does not
    define N and N is no module: N is read through M, a re-export."""
    known = modules()
    defines = {name: defined_in(path) for name, path in known.items()}
    whole = {name: modules_imported(path) for name, path in known.items()}
    found = []
    for path in files:
        name = ".".join(path.relative_to(PACKAGE).with_suffix("").parts).removesuffix(".__init__") \
            if path.is_relative_to(PACKAGE) else None
        tree = ast.parse(path.read_text())
        bound = {}
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom):
                continue
            if name is not None and node.level:
                source = resolved(name, path, node)
            elif (node.module or "").startswith("incident") and not node.level:
                source = node.module.removeprefix("incident").lstrip(".")
            else:
                continue
            for alias in node.names:
                inner = f"{source}.{alias.name}" if source else alias.name
                if inner in known:
                    bound[alias.asname or alias.name] = inner
                elif source and source in known and alias.name not in defines[source]:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {alias.name} from {source}")
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in bound:
                module = bound[node.value.id]
                if node.attr not in defines[module] | whole[module] and f"{module}.{node.attr}" not in known \
                        and not node.attr.startswith("__"):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value.id}.{node.attr} of {module}")
    return found


def test_every_name_is_taken_from_the_module_that_defines_it():
    files = [*sorted(p for p in PACKAGE.rglob("*.py") if p != PACKAGE / "__init__.py"), *sorted((ROOT / "tests").glob("*.py")), *sorted((ROOT / "benchmarks").glob("*.py"))]
    assert borrowed_names(files) == []


def test_the_walk_sees_a_re_export(tmp_path, monkeypatch):
    import test_public_names as me

    folder = tmp_path / "incident"
    (folder / "render").mkdir(parents=True)
    (folder / "render" / "plot.py").write_text("from ..words import counted\nINK = 1\n")
    (folder / "render" / "chart.py").write_text("from .plot import INK, counted\nfrom . import plot\nplot.counted\n")
    (folder / "words.py").write_text("def counted():\n    pass\n")
    known = {"render.plot": folder / "render" / "plot.py", "render.chart": folder / "render" / "chart.py", "words": folder / "words.py"}
    monkeypatch.setattr(me, "modules", lambda: known)
    monkeypatch.setattr(me, "PACKAGE", folder)
    monkeypatch.setattr(me, "ROOT", tmp_path)
    assert me.borrowed_names([folder / "render" / "chart.py"]) == [
        "incident/render/chart.py:1: counted from render.plot", "incident/render/chart.py:3: plot.counted of render.plot"]
