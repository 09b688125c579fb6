"""make loadtest runs end to end: instance on 127.0.0.1, concurrent clients, no
errors, every acknowledged write found in the database afterwards."""

from pathlib import Path

import json
import subprocess
import sys


ROOT = Path(__file__).resolve().parents[2]


def test_short_loadtest(tmp_path):
    out = tmp_path / "loadtest.json"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks/loadtest.py"),
            "--clients",
            "6",
            "--seconds",
            "8",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    result = json.loads(out.read_text())
    assert result["errors"] == 0
    assert result["missing_writes"] == []
    assert result["acknowledged_writes"] > 0
    assert set(result["kinds"]) == {
        "letter",
        "rest read",
        "overview",
        "report write",
        "proposal",
        "approval",
    }


def test_bounds_refused():
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks/loadtest.py"), "--seconds", "100000"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "seconds" in done.stderr
