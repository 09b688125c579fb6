"""A Zope instance with the demo site, as `make start` leaves it (its ZEO server
running, the instance itself not serving), and the `bk-plone` command run against
it in a subprocess, as a ZEO client."""

from tests.helpers.cli import run
from tests.helpers.zeo import make_instance
from tests.helpers.zeo import zeo_server

import pytest


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    home = tmp_path_factory.mktemp("instance")
    make_instance.write_instance(home, "127.0.0.1", 18099)
    with zeo_server(home):
        conf = home / "etc/zope.conf"
        run("create-site", "--zope-conf", str(conf), "--site", "Plone", check=True)
        yield home
