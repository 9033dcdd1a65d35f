"""The package's shape: stages that import only earlier stages, and no import cycles (docs/architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "editions"
# Each folder is a stage; a module may import its own stage and earlier ones, never a later one.
STAGES = {"": 0, "read": 1, "check": 2, "plan": 3, "render": 4, "write": 5}
BASE = {"errors", "files", "libraries", "fonts", "cache", "__init__"}     # below every stage
TOP = {"build", "cli"}                                                    # above every stage


def dotted(path: Path) -> str:
    return ".".join(("editions", *path.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(".__init__")


def rank(name: str) -> int:
    parts = name.split(".")[1:]
    if not parts or (len(parts) == 1 and parts[0] in BASE):
        return 0
    if len(parts) == 1 and parts[0] in TOP:
        return len(STAGES)
    return STAGES[parts[0]]


def imports(path: Path) -> set[str]:
    """Every editions module ``path`` imports, at the top or inside a function (not for type checking alone)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = dotted(path).rsplit(".", 0 if path.name == "__init__.py" else 1)[0]
    skipped = {id(node) for block in ast.walk(tree) if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
               for node in ast.walk(block)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            names = [f"{module}.{alias.name}" for alias in node.names]
            found |= {name for name in [module, *names] if (PACKAGE.parent / name.replace(".", "/")).with_suffix(".py").is_file()
                      or (PACKAGE.parent / name.replace(".", "/") / "__init__.py").is_file()}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("editions")}
    return {name for name in found if name.startswith("editions.") and name != dotted(path)}


def graph() -> dict[str, set[str]]:
    return {dotted(path): imports(path) for path in sorted(PACKAGE.rglob("*.py"))}


def test_no_module_imports_a_later_stage() -> None:
    wrong = [f"{module} imports {imported}" for module, names in graph().items() for imported in sorted(names)
             if rank(imported) > rank(module) and not imported.endswith("__init__")]
    assert wrong == []


def test_there_are_no_import_cycles() -> None:
    edges = graph()
    cycles: list[list[str]] = []

    def visit(module: str, path: list[str]) -> None:
        for imported in sorted(edges.get(module, ())):
            if imported in path:
                cycles.append([*path[path.index(imported):], imported])
            elif imported not in done:
                visit(imported, [*path, imported])
        done.add(module)

    done: set[str] = set()
    for module in sorted(edges):
        if module not in done:
            visit(module, [module])
    assert cycles == []


def test_every_stage_is_a_folder_and_every_module_has_a_place() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == set(STAGES) - {""}
    top = {p.stem for p in PACKAGE.glob("*.py")}
    assert top == BASE | TOP
