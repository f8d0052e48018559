"""The built wheel carries the rule files, and a plain (non-editable) install finds them.

This is what pre-commit does with the hook repository: ``pip install .`` into a fresh
virtual environment. The top-level ``rules/`` folder is mapped to ``lint_news/rules`` in
the wheel (pyproject.toml, hatch ``force-include``); this test proves it end to end.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    command = [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    (built,) = out.glob("lint_news-*.whl")
    return built


def test_wheel_contains_every_rule_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    rule_files = sorted(p.name for p in (ROOT / "rules").glob("*.yaml"))
    assert rule_files
    for name in rule_files:
        assert f"lint_news/rules/{name}" in names
    kinds = sorted(p.name for p in (ROOT / "lint_news" / "kinds").glob("*.py"))
    for name in kinds:
        assert f"lint_news/kinds/{name}" in names
    assert not [n for n in names if n.startswith(("tests/", "seeds/", "rules/"))], "only the package ships"


def test_wheel_declares_the_console_script(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    (entry_points,) = [n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt")]
    assert "lint-news = lint_news.app.launch:main" in archive.read(entry_points).decode()


def test_fresh_virtualenv_install_finds_the_builtin_rules(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    pip = [str(bindir / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, str(wheel)], check=True, capture_output=True, timeout=600)
    work = tmp_path / "work"  # outside the checkout: nothing can be imported from the source tree
    work.mkdir()
    (work / "seed.txt").write_text("Title\nMarch 20, 2025\n\nTwo  spaces. \n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "LINT_NEWS_OUTPUT_FORMAT")}

    where = subprocess.run(
        [str(bindir / "python"), "-c",
         "import json, lint_news, lint_news.config.rules as r; "
         "print(json.dumps([lint_news.__file__, str(r.builtin_rules_dir())]))"],
        cwd=work, env=env, capture_output=True, text=True, check=True, timeout=60)
    module_file, rules_dir = json.loads(where.stdout)
    assert Path(module_file).is_relative_to(venv), "imported from the install, not the checkout"
    assert Path(rules_dir).is_relative_to(venv)
    assert Path(rules_dir).parts[-2:] == ("lint_news", "rules")

    listed = subprocess.run([str(bindir / "lint-news"), "--list-rules"], cwd=work, env=env,
                            capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0, listed.stderr
    listed_ids = {line.split()[0] for line in listed.stdout.splitlines()}
    assert listed_ids == {p.stem for p in (ROOT / "rules").glob("*.yaml")}

    done = subprocess.run([str(bindir / "lint-news"), "--isolated", "--select", "whitespace",
                           "--output-format", "json", "seed.txt"],
                          cwd=work, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert [item["message"] for item in json.loads(done.stdout)] == ["run of 2 spaces", "trailing whitespace"]

    everything = subprocess.run([str(bindir / "lint-news"), "--isolated", "seed.txt"],
                                cwd=work, env=env, capture_output=True, text=True, timeout=300)
    assert everything.returncode in (0, 1), everything.stderr  # every built-in rule runs from the wheel
