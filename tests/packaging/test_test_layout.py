"""The test suite's own layout: one package per folder, fixtures in conftest.py
files up the tree, helpers in tests/helpers/; test modules never import each other
or a conftest (pytest imports those itself, and imported twice they run twice)."""

from pathlib import Path

import ast


TESTS = Path(__file__).resolve().parents[1]


def imported_modules(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            yield "." * node.level + (node.module or "")
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def test_every_test_folder_is_a_package():
    folders = {path.parent for path in TESTS.rglob("*.py")}
    assert sorted(str(f) for f in folders if not (f / "__init__.py").exists()) == []


def test_no_module_imports_a_test_module_or_a_conftest():
    offenders = {
        str(path.relative_to(TESTS)): module
        for path in TESTS.rglob("*.py")
        for module in imported_modules(path)
        if module.rsplit(".", 1)[-1].startswith(("test_", "conftest"))
    }
    assert offenders == {}
