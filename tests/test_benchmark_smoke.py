"""The benchmark runs end to end (``benchmarks/run.py --smoke``: 1 MB, seconds).

Only the machinery is checked (every measurement present, the table printed, the JSON written,
a reproducible corpus); the speed targets are judged on the full run, not in CI.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

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


def dev_eval_present() -> bool:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from run import dev_eval_set
    finally:
        sys.path.pop(0)
    return dev_eval_set(None)[0] is not None


def check_real(data: dict[str, Any], builds: tuple[str, ...]) -> None:
    """The real-text rows when the dev-eval set is beside the repository, else the skip."""
    real = data["real"]
    if not dev_eval_present():
        assert "no dev-eval set" in real["skipped"]
        return
    assert real["copies"] == 1 and real["corpus"]["clean"]["files"] == 20
    for build in builds:
        for kind in ("clean", "corrupted"):
            assert real[build][kind]["mb_per_s"] > 0 and real[build][kind]["mb_per_s_per_core"] > 0
    datatrove = real["datatrove"]
    if "error" not in datatrove:  # installed (the datatrove extra); a filter may lack its tokenizer
        row = datatrove["filters"]["all four, chained"]
        assert row["documents"] == 20 and set(row["ran"]) | set(row["errors"]) == {
            "gopher-repetition", "gopher-quality", "c4", "fineweb"}
    assert not list((ROOT / "benchmarks" / "out").glob("real-*")), "the copied texts are removed"


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
                                    "startup_clean", "startup_no_cache", "rss_growth", "real_clean_per_core",
                                    "real_clean_vs_against", "real_corrupted_per_core"}
    for key in ("j1", "j2", "cold_cache", "warm_cache", "regex_pass"):
        assert data["seconds"][key] > 0
    assert data["peak_rss_kb"]["j1"] > 0
    assert data["load"]["throughput"] and data["comparison"] == [] and data["against"] is None
    alone = data["rules_alone"]["cpu_seconds"]
    assert {"(all)", "whitespace", "run-together", "mojibake"} <= set(alone)
    assert all(seconds > 0 for seconds in alone.values())
    assert "| rule, alone, -j 1 on the quarter corpus" in done.stdout
    check_real(data, ("new",))
    assert data["targets"]["real_clean_vs_against"]["met"] is None


def test_smoke_run_against_another_build(tmp_path: Path) -> None:
    """Some parts only, with a second build: a git worktree of HEAD, removed afterwards (or
    this folder as it is, outside a git checkout)."""
    git = subprocess.run(["git", "rev-parse", "--is-inside-work-tree"], cwd=ROOT, capture_output=True,
                         text=True)
    against = ["--against", "HEAD"] if git.stdout.strip() == "true" else ["--against-path", str(ROOT)]
    results = tmp_path / "results.json"
    command = [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--smoke", "--only", "real,startup",
               "--startup-runs", "1", *against, "--json", str(results)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    data = json.loads(results.read_text(encoding="utf-8"))
    assert data["parts"] == ["real", "startup"] and data["corpus"] is None
    assert data["seconds"]["j1"] is None and data["targets"]["vs_codespell"]["met"] is None
    assert "| lint-news -j 1 (no cache) |" not in done.stdout
    for rows in (data["startup_seconds"], data["old"]["startup_seconds"]):
        assert rows["clean"] > 0 and rows["clean_no_cache"] > 0 and rows["import"] > 0
    assert data["targets"]["startup_clean"]["value"] > 0 and data["targets"]["startup_no_cache"]["value"] > 0
    compared = {row["what"]: row for row in data["comparison"]}
    assert compared["start-up: clean seed, --no-cache"]["new_over_old"] > 0
    assert "| measured for both builds, same run | new | old | new ÷ old |" in done.stdout
    check_real(data, ("new", "old"))
    if dev_eval_present():
        assert data["targets"]["real_clean_vs_against"]["value"] > 0
    if against[0] == "--against":
        assert data["against"]["ref"] == "HEAD" and len(data["against"]["commit"]) == 12
        listed = subprocess.run(["git", "worktree", "list", "--porcelain"], cwd=ROOT, capture_output=True,
                                text=True, check=True).stdout
        # its own temporary worktree is removed (another run may hold one of its own meanwhile)
        own = data["against"]["worktree"]
        assert "lint-news-against-" in own and not Path(own).exists()
        ours = {f"worktree {own}", f"worktree {Path(own).resolve()}"}
        assert ours.isdisjoint(listed.splitlines()), "the temporary worktree is removed"


def test_real_part_skips_without_the_dev_eval_set(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from run import main
    finally:
        sys.path.pop(0)
    results = tmp_path / "results.json"
    absent = tmp_path / "absent"
    assert main(["--smoke", "--only", "real", "--dev-eval", str(absent), "--json", str(results)]) == 0
    data = json.loads(results.read_text(encoding="utf-8"))
    assert "no docs/clean folder" in data["real"]["skipped"]
    captured = capsys.readouterr()
    assert "real: skipped: --dev-eval" in captured.err and "real text: skipped:" in captured.out


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
