"""constraints.txt pins the whole environment; versions.cfg says the same for buildout."""

from importlib import metadata
from packaging.utils import canonicalize_name
from packaging.version import Version
from pathlib import Path

import importlib.util
import pytest
import sys


def load_pins_module(repo_root):
    spec = importlib.util.spec_from_file_location("pins", repo_root / "scripts/pins.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def pins(repo_root):
    return load_pins_module(repo_root)


@pytest.fixture(scope="module")
def constraints(pins):
    return {canonicalize_name(k): v for k, v in pins.read_constraints().items()}


def test_versions_cfg_is_generated_from_constraints(pins, repo_root):
    expected = pins.render_versions(pins.read_constraints())
    assert (repo_root / "versions.cfg").read_text() == expected, (
        "versions.cfg disagrees with constraints.txt: run `make versions.cfg`"
    )


def test_versions_cfg_and_constraints_agree_pin_by_pin(pins):
    assert pins.read_versions() == pins.read_constraints()


def own_environment(repo_root) -> bool:
    """The .venv `make install` builds (as `make test` and CI use it)."""
    return Path(sys.prefix).resolve() == (repo_root / ".venv").resolve()


def test_every_installed_distribution_is_pinned(constraints, repo_root):
    if not own_environment(repo_root):
        pytest.skip(
            "checks this repository's own .venv only; an integrator's environment "
            "keeps its own pins"
        )
    unpinned = {}
    for dist in metadata.distributions():
        name = canonicalize_name(dist.metadata["Name"])
        if name == "bk-plone":
            continue
        if constraints.get(name) != dist.version:
            unpinned[name] = (dist.version, constraints.get(name))
    assert unpinned == {}, (
        f"installed (version, pin) differ from constraints.txt: {unpinned}. "
        "Run `make install` to install the pinned versions again; to move a pin, "
        "change constraints.txt, then run `make versions.cfg` and `make install`."
    )


@pytest.mark.parametrize(
    ("name", "low", "high"),
    [
        ("products-cmfplone", "6.2.2", "6.3"),
        ("plone-app-layout", "6.0.0", "6.1"),
        ("zope", "5.13", "6.0"),
        ("pytest-plone", "1.1", "2.0"),
        ("zodb", "6.0", "6.3"),
    ],
)
def test_pinned_release_lines(constraints, name, low, high):
    version = Version(constraints[name])
    assert Version(low) <= version < Version(high)
    assert not version.is_prerelease


def test_no_prereleases_pinned(constraints):
    assert [n for n, v in constraints.items() if Version(v).is_prerelease] == []
