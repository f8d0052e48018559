"""The README stays true: every ```console block is run and must print what the README shows.

A block holds ``$ command`` lines, each followed by its expected output (stdout and stderr
together, as a terminal shows them). Commands run with bash in a scratch folder holding a
copy of ``tests/fixtures/raw-seeds`` (and the project's ``.lint-news.yaml``, if any), with
the virtual environment's ``lint-news`` first on PATH and no colour.

After changing a rule or a message, refresh the README's outputs and review the diff:

    .venv/bin/python -m tests.test_readme --update
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(r"^```console\n(.*?)^```\n", re.MULTILINE | re.DOTALL)


def _scratch() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="lint-news-readme-"))
    shutil.copytree(ROOT / "tests" / "fixtures" / "raw-seeds", folder / "tests" / "fixtures" / "raw-seeds")
    if (ROOT / ".lint-news.yaml").is_file():
        shutil.copy(ROOT / ".lint-news.yaml", folder / ".lint-news.yaml")
    return folder


def _run(command: str, cwd: Path) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LINT_NEWS")}
    env.update(PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}", NO_COLOR="1",
               PYTHONUNBUFFERED="1", LINT_NEWS_NO_CACHE="1")
    done = subprocess.run(["bash", "-c", command], cwd=cwd, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=300)
    return done.stdout


def render(readme: str) -> str:
    """The README with every console block's outputs replaced by what the commands print now."""
    scratch = _scratch()
    try:
        def block(match: re.Match[str]) -> str:
            commands = [line[2:] for line in match.group(1).splitlines() if line.startswith("$ ")]
            parts = [f"$ {command}\n{_run(command, scratch)}" for command in commands]
            return "```console\n" + "".join(parts) + "```\n"

        return BLOCK.sub(block, readme)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def test_readme_console_blocks_print_what_they_show() -> None:
    readme = README.read_text(encoding="utf-8")
    assert BLOCK.search(readme), "the README shows no real output"
    assert render(readme) == readme, "README output is stale: run python -m tests.test_readme --update"


def test_ci_runs_the_readme_test_command() -> None:
    readme = README.read_text(encoding="utf-8")
    setup = readme.split("\n## ", 2)[1]  # the first section: the two commands
    commands = re.findall(r"^```sh\n(.*?)\n```", setup, re.MULTILINE | re.DOTALL)
    assert len(commands) == 2, "the first section gives exactly two commands"
    install_and_gate, tests = commands
    assert "lint-news seeds/" in install_and_gate
    test_command = tests.rsplit("&&", 1)[1].strip().removeprefix(".venv/bin/")
    assert test_command.startswith("python -m pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert f"\n{test_command}\n" in ci, f".ci/run must run the README's test command: {test_command}"
    assert "\nlint-news seeds/\n" in ci


def test_readme_config_example_loads(tmp_path: Path) -> None:
    """The configuration example in the README is a working configuration."""
    from lint_news.config import load_config

    readme = README.read_text(encoding="utf-8")
    section = readme.split("\n## Configuration\n", 1)[1]
    example = re.search(r"^```yaml\n(.*?)^```", section, re.MULTILINE | re.DOTALL)
    assert example is not None
    config_file = tmp_path / ".lint-news.yaml"
    config_file.write_text(example.group(1), encoding="utf-8")
    (tmp_path / "lint-rules").mkdir()
    config = load_config(config_file)
    assert config.fail_on.label == "warning"
    assert "run-together" not in {rule.id for rule in config.rules}


def test_readme_rule_example_is_the_pattern_contract(tmp_path: Path) -> None:
    """The rule shown under "Writing a rule" loads as a user rule and its examples hold."""
    from lint_news.config import load_config
    from lint_news.engine.runner import lint_text

    readme = README.read_text(encoding="utf-8")
    section = readme.split("\n## Writing a rule\n", 1)[1]
    example = re.search(r"^```yaml\n(.*?)^```", section, re.MULTILINE | re.DOTALL)
    assert example is not None
    (tmp_path / "lint-rules").mkdir()
    (tmp_path / "lint-rules" / "no-lorem.yaml").write_text(example.group(1), encoding="utf-8")
    config_text = "rule-paths: [lint-rules]\nselect: [no-lorem]\n"
    (tmp_path / ".lint-news.yaml").write_text(config_text, encoding="utf-8")
    config = load_config(tmp_path / ".lint-news.yaml")
    assert [f.rule for f in lint_text("Some lorem ipsum here.", config)] == ["no-lorem"]
    assert lint_text("lorem", config) == []


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python -m tests.test_readme --update")
    README.write_text(render(README.read_text(encoding="utf-8")), encoding="utf-8")
