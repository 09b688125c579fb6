"""make loadtest runs end to end: instance on 127.0.0.1, concurrent clients, no
errors, every acknowledged write found in the database afterwards."""

from pathlib import Path

import json
import pytest
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


@pytest.mark.slow
@pytest.mark.xdist_group("cluster")
def test_short_loadtest_on_the_cluster(tmp_path):
    """make loadtest-cluster: one instance, then two behind HAProxy, on one
    cluster; no errors, no acknowledged write missing, the CPU of each part."""
    out = tmp_path / "loadtest-cluster.json"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks/loadtest.py"),
            "--cluster",
            "--clients",
            "4",
            "--seconds",
            "6",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    result = json.loads(out.read_text())
    assert list(result["phases"]) == ["one instance", "two instances behind HAProxy"]
    for phase in result["phases"].values():
        assert phase["errors"] == 0
        assert phase["requests"] > 0
        assert set(phase["cpu_s"]) == {
            "load generator",
            "instance1",
            "instance2",
            "haproxy",
            "postgresql",
        }
    # alone, instance 1 served everything; behind HAProxy both did
    alone, shared = result["phases"].values()
    assert alone["cpu_s"]["instance2"] < alone["cpu_s"]["instance1"] / 4
    assert shared["cpu_s"]["instance2"] > 0.5
    assert result["missing_writes"] == []
    assert result["ratio_requests_per_s"] > 0
