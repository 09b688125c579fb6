"""The `bk-plone` command, run in a subprocess as a person or cron runs it."""

from pathlib import Path

import os
import subprocess
import sys


BK_PLONE = Path(sys.executable).parent / "bk-plone"


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
