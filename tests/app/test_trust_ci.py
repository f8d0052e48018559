"""The CI gate in docs/ci/: the files parse, refer to what exists, and the workflow's shell
steps work on a temporary git repository with a pull-request branch."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from lint_news.app.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
CI = ROOT / "docs" / "ci"
BIN = Path(sys.executable).parent
needs_git = pytest.mark.skipif(shutil.which("git") is None or shutil.which("bash") is None,
                               reason="needs git and bash")

CLEAN = "Tiêu đề\n\nHà Nội, ngày 12/3/2024 – Giá lúa tăng mạnh trong tuần qua.\n"
DIRTY = "Tiêu đề\n\nHà Nội, ngày 12/3/2024 – Giá lúa tăng mạnh trong tuần qua. \n"


def workflow() -> dict[Any, Any]:
    data = yaml.safe_load((CI / "lint-news.yml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def steps() -> dict[str, dict[str, Any]]:
    job = workflow()["jobs"]["lint-news"]
    return {step.get("id") or step.get("uses", "").split("@")[0]: step for step in job["steps"]}


def test_workflow_shape() -> None:
    data = workflow()
    trigger = data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` key as true
    assert "pull_request" in trigger
    assert data["permissions"]["security-events"] == "write"
    found = steps()
    assert {"install", "check-config", "changed", "lint", "github/codeql-action/upload-sarif"} <= set(found)
    assert found["github/codeql-action/upload-sarif"]["with"]["sarif_file"] == "lint-news.sarif"
    for step in found.values():  # no ${{ }} expression is pasted into a shell script
        assert "${{" not in step.get("run", ""), step


def test_workflow_uses_only_real_flags() -> None:
    options = {opt for action in build_parser()._actions for opt in action.option_strings}
    commands = [line.strip() for step in steps().values() for line in step.get("run", "").splitlines()
                if line.strip().startswith("lint-news ")]
    assert len(commands) >= 2
    linting = [c for c in commands if "--output-format" in c]
    assert len(linting) == 1 and "--output-file sarif:lint-news.sarif" in linting[0], \
        "one run gives the annotations and the SARIF"
    for command in commands:
        for word in command.split():
            if word.startswith("--") and word != "--":
                assert word in options, (word, command)


def test_pre_commit_config_uses_the_hooks_this_repository_offers() -> None:
    config = yaml.safe_load((CI / "pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    offered = {hook["id"] for hook in hooks}
    used = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    assert used and used <= offered
    if (BIN / "pre-commit").exists():
        command = [str(BIN / "pre-commit"), "validate-config", str(CI / "pre-commit-config.yaml")]
        proc = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stdout + proc.stderr


def test_docs_page_names_the_files() -> None:
    text = (CI / "README.md").read_text(encoding="utf-8")
    for name in ("pre-commit-config.yaml", "lint-news.yml", "--generate-baseline", "upload-sarif",
                 "links are followed", "max-file-size"):
        assert name in text


# ----- the workflow's shell steps on a temporary repository ------------------------------------
def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture
def pull_request(tmp_path: Path) -> Path:
    """A clone whose origin has `main`; HEAD is a branch that changes and adds seeds."""
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    work = tmp_path / "work"
    git(tmp_path, "clone", "-q", str(origin), str(work))
    git(work, "checkout", "-q", "-b", "main")
    (work / ".lint-news.yaml").write_text("select: [whitespace]\n", encoding="utf-8")
    (work / "seeds").mkdir()
    (work / "seeds" / "a.txt").write_text(CLEAN, encoding="utf-8")
    (work / "seeds" / "old-dirty.txt").write_text(DIRTY, encoding="utf-8")  # not touched by the PR
    (work / "seeds" / "gone.txt").write_text(CLEAN, encoding="utf-8")
    git(work, "add", ".")
    git(work, "commit", "-q", "-m", "base")
    git(work, "push", "-q", "origin", "main")
    git(work, "checkout", "-q", "-b", "pull-request")
    (work / "seeds" / "a.txt").write_text(DIRTY, encoding="utf-8")
    (work / "seeds" / "new seed.txt").write_text(DIRTY, encoding="utf-8")
    (work / "seeds" / "gone.txt").unlink()
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "change seeds")
    return work


def run_step(step: dict[str, Any], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    script = step["run"]
    full_env = {**os.environ, **{k: str(v) for k, v in workflow().get("env", {}).items()},
                **{k: "main" for k in step.get("env", {}) if k == "BASE_REF"}, **env}
    full_env["PATH"] = f"{BIN}{os.pathsep}{full_env['PATH']}"
    # GitHub runs `run:` steps with `bash --noprofile --norc -eo pipefail`
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=cwd,
                          env=full_env, capture_output=True, text=True, timeout=300)


def outputs(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines() if "=" in line)


Results = dict[str, subprocess.CompletedProcess[str]]


def run_workflow(work: Path, tmp_path: Path) -> tuple[dict[str, str], Results]:
    found = steps()
    runner_temp = tmp_path / "runner-temp"
    runner_temp.mkdir(exist_ok=True)
    results: Results = {}
    state: dict[str, str] = {}
    for name in ("check-config", "changed", "lint"):
        if name == "lint" and state.get("count") == "0":
            break
        output_file = tmp_path / f"output-{name}"
        output_file.write_text("", encoding="utf-8")
        env = {"RUNNER_TEMP": str(runner_temp), "GITHUB_OUTPUT": str(output_file)}
        proc = run_step(found[name], work, env)
        assert proc.returncode == 0, (name, proc.stdout, proc.stderr)
        results[name] = proc
        state.update(outputs(output_file))
    return state, results


@needs_git
def test_workflow_lints_only_the_changed_seeds(pull_request: Path, tmp_path: Path) -> None:
    state, results = run_workflow(pull_request, tmp_path)
    assert state["count"] == "2"
    assert state["status"] == "1"  # the gate step then fails the check
    annotations = [line for line in results["lint"].stdout.splitlines() if line.startswith("::")]
    files = {line.split("file=")[1].split(",")[0] for line in annotations}
    assert files == {"seeds/a.txt", "seeds/new seed.txt"}
    assert all(line.startswith("::warning ") for line in annotations)
    log = json.loads((pull_request / "lint-news.sarif").read_text(encoding="utf-8"))
    results_ = log["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results_}
    assert uris == {"seeds/a.txt", "seeds/new%20seed.txt"}
    assert log["runs"][0]["tool"]["driver"]["rules"]


@needs_git
def test_workflow_checks_everything_when_the_config_changes(pull_request: Path, tmp_path: Path) -> None:
    config = "select: [whitespace]\nfail-on: warning\n"
    (pull_request / ".lint-news.yaml").write_text(config, encoding="utf-8")
    git(pull_request, "commit", "-q", "-am", "config")
    state, results = run_workflow(pull_request, tmp_path)
    assert state["count"] == "1"
    assert "seeds/old-dirty.txt" in results["lint"].stdout


@needs_git
def test_workflow_passes_a_clean_pull_request(pull_request: Path, tmp_path: Path) -> None:
    (pull_request / "seeds" / "a.txt").write_text(CLEAN, encoding="utf-8")
    (pull_request / "seeds" / "new seed.txt").write_text(CLEAN, encoding="utf-8")
    git(pull_request, "commit", "-q", "-am", "fix")
    state, results = run_workflow(pull_request, tmp_path)
    assert state["count"] == "1" and state["status"] == "0"  # a.txt is back to its base content
    assert "::" not in results["lint"].stdout


@needs_git
def test_workflow_with_no_seed_changed_skips_the_lint(pull_request: Path, tmp_path: Path) -> None:
    git(pull_request, "checkout", "-q", "main")
    git(pull_request, "checkout", "-q", "-b", "docs-only")
    (pull_request / "README.md").write_text("docs\n", encoding="utf-8")
    git(pull_request, "add", ".")
    git(pull_request, "commit", "-q", "-m", "docs")
    state, results = run_workflow(pull_request, tmp_path)
    assert state["count"] == "0"
    assert "lint" not in results
