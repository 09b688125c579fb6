"""Everything the package imports at run time is installed with it, not only with its
test extra (the buildout instance, which installs plain bk.plone, found docx missing)."""

from importlib import metadata
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from pathlib import Path

import ast
import bk.plone
import sys


PACKAGE = Path(bk.plone.__file__).parent
TEST_ONLY = {"testing.py"}


def imported_top_level_modules():
    modules = set()
    for path in PACKAGE.rglob("*.py"):
        if path.name in TEST_ONLY:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                modules.add(node.module.split(".")[0])
    return {m for m in modules if m not in sys.stdlib_module_names and m != "bk"}


def install_closure(name, seen=None):
    seen = set() if seen is None else seen
    name = canonicalize_name(name)
    if name in seen:
        return seen
    seen.add(name)
    try:
        requirements = metadata.requires(name) or []
    except metadata.PackageNotFoundError:
        return seen
    for line in requirements:
        requirement = Requirement(line)
        if requirement.marker and "extra" in str(requirement.marker):
            continue
        install_closure(requirement.name, seen)
    return seen


def test_runtime_imports_are_install_requirements():
    closure = install_closure("bk.plone")
    providers = metadata.packages_distributions()
    missing = {
        module: providers.get(module)
        for module in imported_top_level_modules()
        if not any(canonicalize_name(d) in closure for d in providers.get(module, []))
    }
    assert missing == {}
