"""scripts/make_instance.py writes the instance `make start` serves."""

from configparser import ConfigParser

import importlib.util
import pytest


@pytest.fixture(scope="module")
def make_instance(repo_root):
    path = repo_root / "scripts/make_instance.py"
    spec = importlib.util.spec_from_file_location("make_instance", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_listens_where_asked(make_instance, tmp_path):
    make_instance.write_instance(tmp_path, "127.0.0.1", 8099)
    ini = ConfigParser(interpolation=None)
    ini.read(tmp_path / "etc/zope.ini")
    assert ini["server:main"]["listen"] == "127.0.0.1:8099"


def test_zope_conf_keeps_blobs_in_the_instance(make_instance, tmp_path):
    make_instance.write_instance(tmp_path, "127.0.0.1", 8080)
    conf = (tmp_path / "etc/zope.conf").read_text()
    assert f"%define INSTANCE {tmp_path.resolve()}" in conf
    assert "blob-dir $INSTANCE/var/blobstorage" in conf


def test_rewriting_keeps_the_database(make_instance, tmp_path):
    make_instance.write_instance(tmp_path, "127.0.0.1", 8080)
    data = tmp_path / "var/filestorage/Data.fs"
    data.write_bytes(b"FS21")
    make_instance.write_instance(tmp_path, "0.0.0.0", 9000)  # noqa: S104 (tests that 0.0.0.0 is written as asked)
    assert data.read_bytes() == b"FS21"


def test_zope_conf_parses(make_instance, tmp_path):
    from Zope2.Startup.options import ZopeWSGIOptions

    make_instance.write_instance(tmp_path, "127.0.0.1", 8080)
    options = ZopeWSGIOptions(configfile=str(tmp_path / "etc/zope.conf"))()
    assert options.configroot.instancehome == str(tmp_path.resolve())


def test_database_served_by_zeo(make_instance, tmp_path):
    """The default: the instance is a client of the ZEO server of etc/zeo.conf,
    which keeps the FileStorage where the earlier layout had it."""
    from ZEO.runzeo import ZEOOptions

    make_instance.write_instance(tmp_path, "127.0.0.1", 8080)
    conf = (tmp_path / "etc/zope.conf").read_text()
    assert "<zeoclient>" in conf
    assert "server $INSTANCE/var/zeo.sock" in conf
    assert "shared-blob-dir on" in conf
    assert "<filestorage>" not in conf
    options = ZEOOptions()
    options.realize(["-C", str(tmp_path / "etc/zeo.conf")])
    assert options.address == str(tmp_path.resolve() / "var/zeo.sock")
    (storage,) = options.storages
    assert storage.config.path == str(tmp_path.resolve() / "var/filestorage/Data.fs")
    assert storage.config.blob_dir == str(tmp_path.resolve() / "var/blobstorage")


def test_one_process_instance_without_zeo(make_instance, tmp_path):
    make_instance.write_instance(tmp_path, "127.0.0.1", 8080)
    make_instance.write_instance(tmp_path, "127.0.0.1", 8080, storage="file")
    conf = (tmp_path / "etc/zope.conf").read_text()
    assert "<filestorage>" in conf
    assert "<zeoclient>" not in conf
    assert not (tmp_path / "etc/zeo.conf").exists()


def test_path_too_long_for_the_zeo_socket_is_refused(make_instance, tmp_path):
    import pytest

    deep = tmp_path / ("x" * 120)
    with pytest.raises(SystemExit, match="too long for the ZEO socket"):
        make_instance.write_instance(deep, "127.0.0.1", 8080)
    assert not deep.exists()
