"""Keep the project's pins in one place.

`python scripts/pins.py freeze` writes constraints.txt from the current environment;
`python scripts/pins.py versions` writes versions.cfg (buildout) from constraints.txt.
"""

from pathlib import Path

import argparse
import subprocess
import sys


ROOT = Path(__file__).resolve().parent.parent
CONSTRAINTS = ROOT / "constraints.txt"
VERSIONS = ROOT / "versions.cfg"

CONSTRAINTS_HEADER = """\
# Every distribution of the resolved bk.plone environment (Plone 6.2.2 line), pinned.
# Plone's published constraints live on a host this project may not reach, so the
# pins are kept here. Regenerate with `make constraints` after changing setup.py,
# never by hand; versions.cfg is generated from this file (`make versions.cfg`).
"""

VERSIONS_HEADER = """\
# Generated from constraints.txt by `make versions.cfg`; do not edit by hand.
[versions]
"""


def read_constraints(path: Path = CONSTRAINTS) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, _, version = line.partition("==")
        pins[name.strip()] = version.strip()
    return pins


def read_versions(path: Path = VERSIONS) -> dict[str, str]:
    pins = {}
    in_versions = False
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("["):
            in_versions = line == "[versions]"
            continue
        if in_versions:
            name, _, version = line.partition("=")
            pins[name.strip()] = version.strip()
    return pins


def render_versions(pins: dict[str, str]) -> str:
    lines = [f"{name} = {version}" for name, version in sorted(pins.items(), key=_key)]
    return VERSIONS_HEADER + "\n".join(lines) + "\n"


def _key(item):
    return item[0].lower()


def freeze() -> None:
    frozen = subprocess.run(
        [sys.executable, "-m", "pip", "freeze", "--all", "--exclude-editable"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pins = dict(
        line.split("==", 1)
        for line in frozen.splitlines()
        if "==" in line and not line.startswith("bk.plone")
    )
    body = "\n".join(
        f"{name}=={version}" for name, version in sorted(pins.items(), key=_key)
    )
    CONSTRAINTS.write_text(CONSTRAINTS_HEADER + body + "\n")


def versions() -> None:
    VERSIONS.write_text(render_versions(read_constraints()))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=["freeze", "versions"])
    args = parser.parse_args(argv)
    {"freeze": freeze, "versions": versions}[args.command]()


if __name__ == "__main__":
    main()
