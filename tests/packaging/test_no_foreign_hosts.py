"""Everything installs with only the package index reachable: no file names another
host to fetch from."""

import re
import subprocess


FORBIDDEN = re.compile(
    r"dist\.plone\.org|zopefoundation\.github\.io|raw\.githubusercontent"
)
URL = re.compile(r"https?://([A-Za-z0-9.-]+)")
# Hosts a file may name without anything fetching from them: the package index,
# the local site, and namespace/identifier URIs inside XML and licences.
ALLOWED_HOSTS = {
    "pypi.org",
    "localhost",
    "127.0.0.1",
    "www.w3.org",
    "xml.zope.org",
    "namespaces.zope.org",
    "namespaces.plone.org",
    "example.org",
}


def tracked_files(repo_root):
    listing = subprocess.run(
        ["git", "ls-files"], cwd=repo_root, capture_output=True, text=True, check=True
    ).stdout.split()
    return [repo_root / name for name in listing if (repo_root / name).is_file()]


def test_no_file_names_a_forbidden_host(repo_root):
    offenders = [
        str(path.relative_to(repo_root))
        for path in tracked_files(repo_root)
        if path.name != "test_no_foreign_hosts.py"
        and FORBIDDEN.search(path.read_text(errors="ignore"))
    ]
    assert offenders == []


def test_build_files_name_only_allowed_hosts(repo_root):
    build_files = [
        "setup.py",
        "pyproject.toml",
        "Makefile",
        "buildout.cfg",
        "versions.cfg",
        "constraints.txt",
        ".ci/run",
    ]
    named = {
        (name, host)
        for name in build_files
        for host in URL.findall((repo_root / name).read_text())
        if host not in ALLOWED_HOSTS
    }
    assert named == set()
