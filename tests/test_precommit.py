"""The real `pre-commit try-repo` against a corpus repository with a dirty seed.

try-repo installs this checkout (its working tree, uncommitted changes included, through a
shadow commit) into a fresh pre-commit environment, exactly as a corpus repository's
.pre-commit-config.yaml would: so this also proves the hooks, the console script and the
packaged rule files work together. The check hook fails on the dirty seed; the fix hook
repairs it (and fails, because it changed a file); then the check hook passes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT


def test_an_unreachable_index_skips_with_the_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    offline = subprocess.CompletedProcess([], 3, "An unexpected error has occurred: CalledProcessError",
                                          "ERROR: No matching distribution found for hatchling>=1.18")
    with pytest.raises(pytest.skip.Exception, match="package index is unreachable"):
        skip_when_offline(offline)
    monkeypatch.setenv("CI", "true")
    skip_when_offline(offline)  # CI must reach it: the test goes on (and fails)
    skip_when_offline(subprocess.CompletedProcess([], 1, "Failed\n", ""))  # a real failure: no skip

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git"),
    pytest.mark.skipif(not (ROOT / ".git").exists(), reason="try-repo needs a git checkout of lint-news"),
]

DIRTY = "Title\nMarch 20, 2025\n\nTwo  spaces and a trailing one. \n"
FIXED = "Title\nMarch 20, 2025\n\nTwo spaces and a trailing one.\n"


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    repo = tmp_path / "corpus"
    (repo / "articles").mkdir(parents=True)
    (repo / "articles" / "dirty.txt").write_text(DIRTY, encoding="utf-8")
    (repo / "articles" / "notes.md").write_text("Not  an article: not linted.\n", encoding="utf-8")
    (repo / ".lint-news.yaml").write_text("select: [whitespace]\n", encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    return repo


# What pip prints when it cannot reach a package index (pre-commit installs the checkout and
# its build backend into a fresh environment, from the index)
_OFFLINE = ("Failed to establish a new connection", "Temporary failure in name resolution",
            "Network is unreachable", "No matching distribution found",
            "Could not find a version that satisfies",
            "ConnectionError", "Max retries exceeded", "ReadTimeoutError")


def skip_when_offline(done: subprocess.CompletedProcess[str]) -> None:
    """Skip, with the reason, when the install failed because the package index is unreachable
    (an offline developer machine); CI (``CI`` set) must reach it, so there the test fails."""
    text = done.stdout + done.stderr
    if done.returncode != 0 and not os.environ.get("CI") and any(sign in text for sign in _OFFLINE):
        sign = next(sign for sign in _OFFLINE if sign in text)
        pytest.skip(f"pre-commit could not install lint-news: the package index is unreachable ({sign!r})")


def try_repo(corpus: Path, home: Path, *hook: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(PRE_COMMIT_HOME=str(home), GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org", NO_COLOR="1")
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), *hook, "--all-files", "--color", "never"],
        cwd=corpus, env=env, capture_output=True, text=True, timeout=900)
    skip_when_offline(done)
    return done


def test_try_repo_hooks_fail_on_a_dirty_seed_and_pass_once_fixed(corpus: Path, tmp_path: Path) -> None:
    """Two try-repo runs (each installs the checkout, about 25 s): both hooks, then the check."""
    home = tmp_path / "pre-commit-home"
    seed = corpus / "articles" / "dirty.txt"

    both = try_repo(corpus, home)  # every hook of the repository, in order: check, then fix
    output = both.stdout
    assert both.returncode == 1, output + both.stderr
    check_part, fix_part = output.split("lint-news (fix)", 1)
    assert "lint-news" in check_part and "Failed" in check_part
    assert "articles/dirty.txt:4:4: whitespace [warning] run of 2 spaces" in check_part
    assert "notes.md" not in output, "only .txt files reach the hooks"
    assert "Failed" in fix_part, "pre-commit stops the commit: the fix hook changed a file"
    assert "files were modified by this hook" in fix_part
    assert "Fixing articles/dirty.txt" in fix_part
    assert seed.read_text(encoding="utf-8") == FIXED

    git(corpus, "add", ".")
    again = try_repo(corpus, home, "lint-news")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Passed" in again.stdout
