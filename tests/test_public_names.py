"""What crosses a module's border has a public name: no module of the package imports another's
`_private` name, nor reaches one through a module it imported (`plot._figure`)."""

import ast

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
