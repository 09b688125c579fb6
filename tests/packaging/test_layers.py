"""The package's layers: domain modules under thin views, services and a thin CLI.

Nothing outside browser/ imports browser/; the domain (content, letter, importer,
overview, notifications) imports none of the layers above it."""

from pathlib import Path

import ast
import bk.plone
import pytest


PACKAGE = Path(bk.plone.__file__).parent
DOMAIN = ("content", "letter", "importer", "overview", "notifications")
ABOVE_THE_DOMAIN = ("bk.plone.browser", "bk.plone.services", "bk.plone.cli")


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(absolute(path, node.module, node.level))
    return found


def absolute(path: Path, module: str, level: int) -> str:
    """`from ..x import y` in bk/plone/letter/model.py is bk.plone.x."""
    if not level:
        return module
    package = path.relative_to(PACKAGE.parent.parent).parent.parts
    return ".".join((*package[: len(package) - level + 1], module))


def modules_under(*folders):
    for folder in folders:
        yield from sorted((PACKAGE / folder).rglob("*.py"))


def uses(module: str, layers) -> bool:
    return any(module == layer or module.startswith(layer + ".") for layer in layers)


def test_nothing_outside_browser_imports_browser():
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(
            m for m in imports(path) if uses(m, ("bk.plone.browser",))
        )
        for path in PACKAGE.rglob("*.py")
        if "browser" not in path.relative_to(PACKAGE).parts
    }
    assert {path: found for path, found in offenders.items() if found} == {}


@pytest.mark.parametrize("folder", DOMAIN)
def test_domain_imports_no_layer_above_it(folder):
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(
            m for m in imports(path) if uses(m, ABOVE_THE_DOMAIN)
        )
        for path in modules_under(folder)
    }
    assert {path: found for path, found in offenders.items() if found} == {}


def test_the_letter_keeps_its_templates_and_stylesheet():
    letter = PACKAGE / "letter"
    assert (letter / "templates" / "letter_article.pt").is_file()
    assert (letter / "static" / "letter.css").is_file()
    assert not list((PACKAGE / "browser").rglob("letter.css"))
