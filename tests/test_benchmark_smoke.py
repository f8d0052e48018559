"""The benchmark runs end to end (``benchmarks/run.py --smoke``: 1 MB, seconds).

Only the machinery is checked (every measurement present, the table printed, the JSON written,
a reproducible corpus); the speed targets are judged on the full run, not in CI.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_generator_is_reproducible(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import generate
    finally:
        sys.path.pop(0)
    one = generate(0.05, 0.5, 7, out=tmp_path / "one")
    two = generate(0.05, 0.5, 7, out=tmp_path / "two")
    files = sorted(p.relative_to(one) for p in one.rglob("*.txt"))
    assert files and files == sorted(p.relative_to(two) for p in two.rglob("*.txt"))
    assert all((one / f).read_bytes() == (two / f).read_bytes() for f in files)
    manifest = json.loads((one / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["bytes"] >= 50_000 and sum(manifest["defects"].values()) > 0


def test_smoke_run(tmp_path: Path) -> None:
    results = tmp_path / "results.json"
    command = [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--smoke", "--json", str(results)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "| lint-news -j 1 (no cache) |" in done.stdout
    data = json.loads(results.read_text(encoding="utf-8"))
    assert data["smoke"] is True
    assert data["corpus"]["bytes"] >= 1_000_000
    assert set(data["targets"]) == {"vs_codespell", "vs_regex_pass", "jobs2_speedup", "warm_fraction",
                                    "startup_clean", "rss_growth"}
    for key in ("j1", "j2", "cold_cache", "warm_cache", "regex_pass"):
        assert data["seconds"][key] > 0
    assert data["peak_rss_kb"]["j1"] > 0
    alone = data["rules_alone"]["cpu_seconds"]
    assert {"(all)", "whitespace", "run-together", "mojibake"} <= set(alone)
    assert all(seconds > 0 for seconds in alone.values())
    assert "| rule, alone, -j 1 on the quarter corpus" in done.stdout


def test_smoke_run_of_some_parts(tmp_path: Path) -> None:
    results = tmp_path / "results.json"
    command = [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--smoke", "--only", "cache,startup",
               "--json", str(results)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    data = json.loads(results.read_text(encoding="utf-8"))
    assert data["parts"] == ["cache", "startup"]
    assert data["seconds"]["j1"] is None and data["targets"]["vs_codespell"]["met"] is None
    assert data["seconds"]["warm_cache"] > 0 and data["targets"]["warm_fraction"]["value"] > 0
    assert data["startup_seconds"]["clean"] > 0 and data["targets"]["startup_clean"]["value"] > 0
    assert "| lint-news -j 1 (no cache) | n/a | n/a | n/a |" in done.stdout


def test_smoke_run_of_corpus_mode(tmp_path: Path) -> None:
    pytest.importorskip("datasketch")
    results = tmp_path / "results.json"
    command = [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--smoke", "--only", "corpus",
               "--corpus-sizes", "200,400", "--json", str(results)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    rows = json.loads(results.read_text(encoding="utf-8"))["corpus_mode"]["rows"]
    assert [row["documents"] for row in rows] == [200, 400]
    assert [row["clusters"] for row in rows] == [2, 4]  # exactly the reposted copies
    assert "| corpus mode (`lint-news corpus" in done.stdout
