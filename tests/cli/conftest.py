"""A Zope instance with the demo site, as `make start` leaves it (not serving), and
the `bk-plone` command run against it in a subprocess."""

from tests.helpers.cli import run

import importlib.util
import pytest


@pytest.fixture(scope="module")
def instance(repo_root, tmp_path_factory):
    """An instance with the demo site, as `make start` leaves it (not serving)."""
    path = repo_root / "scripts/make_instance.py"
    spec = importlib.util.spec_from_file_location("make_instance", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    home = tmp_path_factory.mktemp("instance")
    module.write_instance(home, "127.0.0.1", 18099)
    conf = home / "etc/zope.conf"
    run("create-site", "--zope-conf", str(conf), "--site", "Plone", check=True)
    return home
