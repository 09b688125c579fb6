"""`make start` and `make test` install the Debian packages they need, or say the
one command to run: scripts/debian_packages.sh, with dpkg, id and sudo stood in
for by small scripts (nothing is installed here)."""

import os
import pytest
import subprocess


def fake_commands(folder, *, installed: bool, root: bool, sudo: bool):
    commands = {
        "dpkg-query": "echo 'install ok installed'"
        if installed
        else "echo 'unknown ok not-installed'",
        "id": "echo 0" if root else "echo 1000",
        "sudo": ('[ "$1" = "-n" ] && exit 0; exec "$@"' if sudo else "exit 1"),
        "apt-get": f'echo "apt-get $*" >> {folder}/apt.log',
    }
    for name, body in commands.items():
        path = folder / name
        path.write_text(f"#!/bin/sh\n{body}\n")
        path.chmod(0o755)


def run(repo_root, folder, purpose="test", **env):
    return subprocess.run(
        ["bash", str(repo_root / "scripts/debian_packages.sh"), purpose],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PATH": f"{folder}:{os.environ['PATH']}", **env},
        check=False,
    )


def test_nothing_missing_does_nothing(repo_root, tmp_path):
    fake_commands(tmp_path, installed=True, root=True, sudo=False)
    result = run(repo_root, tmp_path)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "apt.log").exists()


@pytest.mark.parametrize(("root", "sudo"), [(True, False), (False, True)])
def test_missing_packages_are_installed(repo_root, tmp_path, root, sudo):
    fake_commands(tmp_path, installed=False, root=root, sudo=sudo)
    result = run(repo_root, tmp_path)
    assert result.returncode == 0, result.stderr
    log = (tmp_path / "apt.log").read_text()
    assert "apt-get update" in log
    assert "libpango-1.0-0" in log
    assert "chromium" in log


def test_serving_needs_no_browser(repo_root, tmp_path):
    fake_commands(tmp_path, installed=False, root=True, sudo=False)
    assert run(repo_root, tmp_path, "serve").returncode == 0
    log = (tmp_path / "apt.log").read_text()
    assert "libpango-1.0-0" in log
    assert "chromium" not in log


def test_without_rights_it_says_the_command(repo_root, tmp_path):
    fake_commands(tmp_path, installed=False, root=False, sudo=False)
    result = run(repo_root, tmp_path)
    assert result.returncode == 1
    assert "sudo apt-get update && sudo apt-get install" in result.stderr
    assert "fonts-dejavu-core" in result.stderr
    assert not (tmp_path / "apt.log").exists()


def test_can_be_skipped_where_the_libraries_come_otherwise(repo_root, tmp_path):
    fake_commands(tmp_path, installed=False, root=False, sudo=False)
    assert run(repo_root, tmp_path, BK_SKIP_DEBIAN_PACKAGES="1").returncode == 0


def test_make_start_and_make_test_take_the_step(repo_root):
    makefile = (repo_root / "Makefile").read_text()
    assert "install: debian-packages " in makefile
    assert "test: debian-packages-test install" in makefile
    assert "scripts/debian_packages.sh test" in (repo_root / ".ci/run").read_text()
