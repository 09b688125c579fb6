"""A Zope instance with the demo site, as `make start` leaves it (not serving), and
the `bk-plone` command run against it in a subprocess."""

from notifications.conftest import smtp  # noqa: F401 (the SMTP server on loopback)
from pathlib import Path

import importlib.util
import os
import pytest
import subprocess
import sys


BK_PLONE = Path(sys.executable).parent / "bk-plone"


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


def run(*args, check=False):
    env = {**os.environ, "ADMIN_USER": "admin", "ADMIN_PASSWORD": "admin"}
    result = subprocess.run(
        [str(BK_PLONE), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result
