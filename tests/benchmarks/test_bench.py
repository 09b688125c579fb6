"""make bench runs end to end on small sizes: every figure it promises is in
benchmarks/results.json with its median, min, max, unit and runs."""

from pathlib import Path

import json
import pytest
import subprocess
import sys


pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def test_small_bench_writes_every_figure(tmp_path):
    out = tmp_path / "results.json"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks/bench.py"),
            "--letter-points=2,3",
            "--pdf-points=2",
            "--letters=3",
            "--warmup=1",
            "--resolutions=2,4",
            "--points=2",
            "--runs=3",
            "--oparl-papers=12",
            f"--out={out}",
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    results = {figure["name"]: figure for figure in json.loads(out.read_text())}
    for figure in results.values():
        assert set(figure) >= {"name", "median", "min", "max", "unit", "runs"}
        assert figure["median"] > 0, figure
    for name in (
        "@@letter, 3 points",
        "Document view, same text as 3 points",
        "@@letter / Document view, 3 points",
        "REST @letter / plain GET, 2 points",
        "@@letter.pdf, 2 points, first render",
        "@@letter.pdf, 2 points, cached download",
        "@@letter.pdf, 2 points, 304 with ETag",
        "@@letter.pdf, seed letter, first render",
        "WeasyPrint alone, seed text as plain A4 HTML",
        "@@letter.pdf seed first render / WeasyPrint alone",
        "@@letter growth 2 -> 3 points (x1)",
        "import: seconds per letter",
        "import: letters per second",
        "overview (all), 4 resolutions",
        "REST @control-overview, 4 resolutions",
        "@@control-overview page, 4 resolutions",
        "overview growth 2 -> 4 (x2)",
        "control list (build), 4 resolutions",
        "OParl first sync (creates): seconds per paper, 12 papers",
        "OParl later sync (nothing changed): seconds per paper, 12 papers",
        "OParl later sync / first sync",
        "peak memory of the process",
    ):
        assert name in results, sorted(results)
    assert "@@letter.pdf, 3 points, first render" not in results
    paired = results["@@letter / Document view, 3 points"]
    assert paired["runs"] == 3
    assert paired["min"] <= paired["median"] <= paired["max"]
    assert "peak memory of the process" in done.stdout
    # 12 papers of the tests' OParl system; the 9th is adjourned
    assert results["OParl later sync / first sync"]["papers_taken"] == 11
