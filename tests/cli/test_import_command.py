"""`bk-plone import` against a real Zope instance (a subprocess per run, as cron or
an administrator would call it)."""

from tests.helpers.cli import run
from tests.helpers.letters import letter
from tests.helpers.letters import TWO_POINTS
from tests.helpers.seed import later_letter
from tests.helpers.seed import SEED_TEXT

import pytest


pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def letters(tmp_path_factory):
    folder = tmp_path_factory.mktemp("letters")
    files = {
        "seed.txt": SEED_TEXT.encode(),
        "june.txt": later_letter(),
        "bibliothek.txt": letter(TWO_POINTS).encode(),
        "broken.txt": SEED_TEXT.replace("25. JAN. 2021", "35. JAN. 2021").encode(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def import_(instance, *files, folder="beschluesse", extra=()):
    return run(
        "import",
        "--zope-conf",
        str(instance / "etc/zope.conf"),
        "--site",
        "Plone",
        "--folder",
        folder,
        *extra,
        *map(str, files),
    )


def test_import_sequence(instance, letters):
    # The demo imported the seed already: the same letter again changes nothing,
    # the dry run writes nothing, a broken file fails alone and is named.
    dry = import_(
        instance,
        letters / "seed.txt",
        letters / "june.txt",
        letters / "broken.txt",
        extra=("--dry-run",),
    )
    assert dry.returncode == 1
    assert dry.stdout.strip() == (
        "Der Import ergäbe: 0 angelegt, 1 aktualisiert, 1 unverändert, "
        "1 fehlgeschlagen."
    )
    assert "broken.txt, Zeile 16:" in dry.stderr

    real = import_(instance, letters / "june.txt", letters / "bibliothek.txt")
    assert real.returncode == 0, real.stderr
    # "updated", not "unchanged": the dry run had written nothing
    assert real.stdout.strip() == (
        "Import abgeschlossen: 1 angelegt, 1 aktualisiert, 0 unverändert, "
        "0 fehlgeschlagen."
    )

    again = import_(
        instance,
        letters / "june.txt",
        letters / "bibliothek.txt",
        extra=("--language", "en"),
    )
    assert again.returncode == 0
    assert again.stdout.strip() == (
        "Import finished: 0 created, 0 updated, 2 unchanged, 0 failed."
    )


def test_missing_folder(instance, letters):
    result = import_(instance, letters / "seed.txt", folder="nirgends")
    assert result.returncode == 2
    assert "Es gibt keinen Ordner nirgends in der Website." in result.stderr


def test_missing_file(instance, letters):
    result = import_(instance, letters / "seed.txt", letters / "missing.txt")
    assert result.returncode == 1
    assert "missing.txt" in result.stderr


def test_process_of_the_earlier_layout_is_refused(instance, letters):
    """A process that opens the FileStorage itself (the layout before ZEO, or an
    instance built by buildout) while the ZEO server holds it: refused with a
    message that says why, nothing touched."""
    from tests.helpers.zeo import make_instance

    conf = instance / "etc/zope-file.conf"
    conf.write_text(
        make_instance.ZOPE_CONF.format(
            home=instance.resolve(), storage=make_instance.FILE_STORAGE, imports=""
        )
    )
    result = run(
        "import",
        "--zope-conf",
        str(conf),
        "--site",
        "Plone",
        str(letters / "bibliothek.txt"),
    )
    assert result.returncode == 2
    assert "von einer laufenden Zope-Instanz benutzt" in result.stderr
    assert "in use by a running Zope instance" in result.stderr
    assert "ZEO" in result.stderr
    assert "Traceback" not in result.stderr
