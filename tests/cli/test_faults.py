"""Faults: the process killed (SIGKILL) in the middle of a bulk import leaves a
database that opens, with every resolution whole or absent; running the import
again completes it. Backup and restore with repozo (make backup / make restore)
bring the content back in a fresh instance."""

from pathlib import Path
from tests.helpers.cli import BK_PLONE
from tests.helpers.cli import run
from tests.helpers.content import content
from tests.helpers.zeo import zeo_server

import os
import pytest
import re
import signal
import subprocess
import sys
import time


pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from letters import generated_letter  # noqa: E402


LETTERS = 40


def generated(resolutions: dict) -> dict:
    return {p: r for p, r in resolutions.items() if p.startswith("B")}


def points_in(text: str) -> int:
    return len(re.findall(r"^\d+\. „", text, flags=re.MULTILINE))


@pytest.fixture
def bulk(tmp_path):
    paths = []
    for index in range(LETTERS):
        path = tmp_path / f"brief-{index:03d}.txt"
        path.write_text(generated_letter(index))
        paths.append(path)
    return paths


def test_killed_import_leaves_whole_resolutions_and_reruns(instance, bulk):
    conf = instance / "etc/zope.conf"
    data_fs = instance / "var/filestorage/Data.fs"
    args = [
        str(BK_PLONE),
        "import",
        "--zope-conf",
        str(conf),
        "--site",
        "Plone",
        "--folder",
        "beschluesse",
        *map(str, bulk),
    ]
    size = data_fs.stat().st_size
    process = subprocess.Popen(
        args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    commits = 0
    for _ in range(1200):  # at most two minutes
        time.sleep(0.1)
        if process.poll() is not None:
            break
        if data_fs.stat().st_size != size:
            size = data_fs.stat().st_size
            commits += 1
            if commits >= 4:
                os.kill(process.pid, signal.SIGKILL)
                break
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL, "the import ended before the kill"

    after_kill = generated(content(conf, "beschluesse"))
    assert 0 < len(after_kill) < LETTERS
    expected = {
        f"B{index:04d}/24": points_in(generated_letter(index))
        for index in range(LETTERS)
    }
    for paper, resolution in after_kill.items():
        # whole: every point of its letter and the letter's report, or not there
        assert len(resolution["points"]) == expected[paper], paper
        assert len(resolution["reports"]) == 1

    again = run(*args[1:])
    assert again.returncode == 0, again.stderr[-2000:]
    finished = generated(content(conf, "beschluesse"))
    assert {p: len(r["points"]) for p, r in finished.items()} == expected
    # the rerun rendered the PDFs the killed run had left pending too
    assert {pdf for r in finished.values() for _, pdf, _sha in r["reports"]} == {
        "%PDF-"
    }
    assert f"{len(after_kill)} unverändert" in again.stdout


def make(target: str, instance: Path, *extra) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "-s", "-C", str(ROOT), target, f"INSTANCE={instance}", *extra],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_backup_and_restore_into_a_fresh_instance(instance, tmp_path, repo_root):
    backups = tmp_path / "backups"
    before = content(instance / "etc/zope.conf", "beschluesse")
    assert before  # the demo's resolution

    done = make("backup", instance, f"BACKUP_DIR={backups}")
    assert done.returncode == 0, done.stdout + done.stderr
    assert list(backups.glob("filestorage/*.fs*"))
    assert list(backups.glob("blobstorage*"))

    fresh = tmp_path / "fresh"
    spec_path = repo_root / "scripts/make_instance.py"
    subprocess.run(
        [sys.executable, str(spec_path), "--dir", str(fresh), "--port", "18097"],
        check=True,
        timeout=60,
    )
    done = make("restore", fresh, f"BACKUP_DIR={backups}")
    assert done.returncode == 0, done.stdout + done.stderr
    with zeo_server(fresh):
        assert content(fresh / "etc/zope.conf", "beschluesse") == before
        # a restore over a database its ZEO server serves is refused
        refused = make("restore", fresh, f"BACKUP_DIR={backups}")
        assert refused.returncode != 0
        assert "ZEO" in refused.stdout + refused.stderr
    # blobs came along: the issued reports' PDFs are there
    assert all(
        magic == "%PDF-"
        for resolution in before.values()
        for _, magic, _sha in resolution["reports"]
    )
