"""The wheel ships ZCML, profiles, templates and compiled translations."""

import pytest
import shutil
import subprocess
import sys
import zipfile


@pytest.fixture(scope="module")
def wheel(repo_root, tmp_path_factory):
    """Built from a copy of the sources: a build in the working tree shares its
    build/ and egg-info folders with any other build running there."""
    tree = tmp_path_factory.mktemp("tree")
    for name in (
        "setup.py",
        "pyproject.toml",
        "MANIFEST.in",
        "README.md",
        "CHANGES.md",
    ):
        shutil.copy(repo_root / name, tree / name)
    shutil.copy(repo_root / "LICENSE", tree / "LICENSE")
    shutil.copytree(
        repo_root / "src",
        tree / "src",
        ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"),
    )
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
        ],
        cwd=tree,
        check=False,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    (path,) = out.glob("bk_plone-*.whl")
    with zipfile.ZipFile(path) as archive:
        yield archive


@pytest.fixture(scope="module")
def wheel_names(wheel):
    return set(wheel.namelist())


@pytest.mark.slow
@pytest.mark.parametrize(
    "name",
    [
        "bk/plone/configure.zcml",
        "bk/plone/profiles.zcml",
        "bk/plone/profiles/default/metadata.xml",
        "bk/plone/profiles/uninstall/browserlayer.xml",
        "bk/plone/profiles/demo/metadata.xml",
        "bk/plone/profiles/demo/letters/V0220-14_2021-01-25.txt",
        "bk/plone/controlpanel/templates/controlpanel.pt",
        "bk/plone/letter/templates/letter_article.pt",
        "bk/plone/letter/static/letter.css",
        "bk/plone/letter/configure.zcml",
        "bk/plone/locales/de/LC_MESSAGES/bk.plone.mo",
        "bk/plone/locales/en/LC_MESSAGES/bk.plone.mo",
    ],
)
def test_wheel_contains(wheel_names, name):
    assert name in wheel_names


@pytest.mark.slow
def test_wheel_has_no_namespace_init(wheel_names):
    # `bk` is a native namespace: a bk/__init__.py would shadow other bk.* packages.
    assert "bk/__init__.py" not in wheel_names


@pytest.mark.slow
def test_wheel_declares_autoinclude_entry_point(wheel, wheel_names):
    (name,) = [n for n in wheel_names if n.endswith(".dist-info/entry_points.txt")]
    entry_points = wheel.read(name).decode()
    assert "[plone.autoinclude.plugin]\ntarget = plone" in entry_points
    assert "bk-plone = bk.plone.cli:main" in entry_points
