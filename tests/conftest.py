"""Shared fixtures: a config with only the rules under test, and lint/fix helpers."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from lint_news.app.cli import main
from lint_news.config import Config, load_config
from lint_news.core.document import Document
from lint_news.core.model import Finding
from lint_news.engine.fixer import fix_document
from lint_news.engine.linter import lint_document

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
RAW_SEEDS = FIXTURES / "raw-seeds"


@pytest.fixture(autouse=True)
def _own_user_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs outside any project keep their cache in the user's cache folder: the tests' in a
    folder of their own, never the real one."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "user-cache"))
    monkeypatch.delenv("LINT_NEWS_CACHE_DIR", raising=False)


def make_config(*rule_ids: str, tmp: Path | None = None, yaml_text: str | None = None) -> Config:
    """Built-in rules (optionally a config text), restricted to ``rule_ids``."""
    if yaml_text is not None:
        assert tmp is not None
        path = tmp / ".lint-news.yaml"
        path.write_text(yaml_text, encoding="utf-8")
        return load_config(path, select=list(rule_ids) or None)
    return load_config(isolated=True, select=list(rule_ids) or None)


def lint(text: str, *rule_ids: str, config: Config | None = None) -> list[Finding]:
    config = config or make_config(*rule_ids)
    return lint_document(Document("<test>", text, structure=config.structure), config)


def fix(text: str, *rule_ids: str, unsafe: bool = False, config: Config | None = None) -> str:
    config = config or make_config(*rule_ids)
    doc = Document("<test>", text, structure=config.structure)
    return fix_document(doc, config, unsafe=unsafe).document.text


def run(*argv: str) -> tuple[int, str, str]:
    """``lint-news ARGV`` in-process: (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def spans(text: str, findings: list[Finding]) -> list[str]:
    """The text each finding points at: readable assertions."""
    return [text[f.start : f.end] for f in findings]


@pytest.fixture
def lint_fn() -> Callable[..., list[Finding]]:
    return lint


@pytest.fixture
def fix_fn() -> Callable[..., str]:
    return fix


def make_read_only(path: Path) -> Callable[[], None]:
    """Make ``path`` unwritable for the current user for real; return the undo.

    lint-news writes what the operating system lets it write (like ``sed -i`` or ruff). For
    an ordinary user, mode 0444 is enough; root may write such a file, so as root the file is
    made immutable (``chattr +i``), which stops root too. Skips where neither is possible.
    """
    import shutil
    import subprocess

    if os.geteuid() != 0:
        path.chmod(0o444)
        return lambda: path.chmod(0o644)
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(path)], capture_output=True).returncode:
        pytest.skip("running as root and the file system cannot make a file immutable")
    return lambda: subprocess.run([chattr, "-i", str(path)], check=False)


@pytest.fixture
def read_only() -> Iterator[Callable[[Path], None]]:
    """``read_only(path)`` makes a file unwritable for this test; undone afterwards."""
    undo: list[Callable[[], None]] = []
    yield lambda path: undo.append(make_read_only(path))
    for step in undo:
        step()
