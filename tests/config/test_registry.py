"""Meta-tests: the rule files, the kinds table, the hooks and the README stay in step.

Hand-maintained registries drift (yamllint's rules/__init__.py, pre-commit-hooks'
readme_test.py); these tests make the drift a failure.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest
import yaml

from lint_news.app.commands import render_rule
from lint_news.config import Config, load_config
from lint_news.config.registry import KINDS
from lint_news.config.rules import RULE_ID, builtin_rules_dir, read_rule_dir, read_rule_file
from lint_news.core.document import Document
from lint_news.core.errors import ConfigError
from lint_news.core.rule import RuleFile, summary
from lint_news.engine.fixer import fix_document
from lint_news.engine.linter import lint_document

from ..conftest import FIXTURES, ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

RULE_FILES = sorted((ROOT / "rules").glob("*.yaml"))
USER_RULES_DIR = FIXTURES / "user-rules"
USER_RULE_FILES = sorted(USER_RULES_DIR.glob("*.yaml"))
KIND_MODULES = sorted(  # a kind is a module, or a package once it grows
    p.stem if p.suffix == ".py" else p.name for p in (ROOT / "lint_news" / "kinds").iterdir()
    if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").is_file())


def test_builtin_rules_are_read_from_the_checkout() -> None:
    assert builtin_rules_dir().resolve() == (ROOT / "rules").resolve()
    assert RULE_FILES, "no rule files found"


@pytest.mark.parametrize("path", RULE_FILES + USER_RULE_FILES, ids=lambda p: p.name)
def test_rule_file_loads_and_is_complete(path: Path) -> None:
    rule = read_rule_file(path, builtin=path.parent.name == "rules")
    assert rule.id == path.stem
    assert RULE_ID.match(rule.id)
    assert rule.kind in KINDS
    assert len(rule.description) >= 40, "say what the rule finds and why it matters"
    assert rule.examples.bad, "at least one bad example"
    assert rule.examples.good, "at least one good example"
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n") and "\t" not in text
    assert "\r" not in text


def test_rule_ids_are_unique() -> None:
    ids = [read_rule_file(p).id for p in RULE_FILES + USER_RULE_FILES]
    assert len(ids) == len(set(ids))


def test_every_builtin_rule_builds_with_its_defaults() -> None:
    config = load_config(isolated=True, validate_all=True)
    assert {rule.id for rule in config.all_rules} == {p.stem for p in RULE_FILES}


def test_kinds_table_matches_the_modules_on_disk() -> None:
    registered = {module.rsplit(".", 1)[1] for module in KINDS.values()}
    assert registered == set(KIND_MODULES)
    for name, module in KINDS.items():
        assert module == f"lint_news.kinds.{name.replace('-', '_')}", "kind name = module name, kebab-case"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_kind_module_has_the_interface(kind: str) -> None:
    import dataclasses

    module = importlib.import_module(KINDS[kind])
    assert dataclasses.is_dataclass(module.Options)
    assert module.Options.__dataclass_params__.frozen, "options are immutable"
    for option in dataclasses.fields(module.Options):
        if option.init:
            assert (option.default is not dataclasses.MISSING
                    or option.default_factory is not dataclasses.MISSING), f"{option.name} has no default"
    assert callable(module.check)
    assert module.__doc__, "the module docstring explains the kind"


def test_every_kind_is_used_by_a_rule() -> None:
    used = {read_rule_file(p).kind for p in RULE_FILES + USER_RULE_FILES}
    assert used == set(KINDS)


def test_every_builtin_rule_has_its_own_tests() -> None:
    missing = [p.stem for p in RULE_FILES
               if not (ROOT / "tests" / "rules" / f"test_{p.stem.replace('-', '_')}.py").is_file()]
    assert not missing, f"add tests/rules/test_<rule>.py for: {', '.join(missing)}"


# ----- the sample user rule: its examples run like the built-in ones -------------------------
def user_config(tmp_path: Path, rule: RuleFile) -> Config:
    (tmp_path / ".lint-news.yaml").write_text(
        f"rule-paths: ['{USER_RULES_DIR}']\nselect: [{rule.id}]\n", encoding="utf-8")
    return load_config(tmp_path / ".lint-news.yaml")


@pytest.mark.parametrize("rule", read_rule_dir(USER_RULES_DIR, builtin=False), ids=lambda r: r.id)
def test_user_rule_examples(tmp_path: Path, rule: RuleFile) -> None:
    config = user_config(tmp_path, rule)
    for text in rule.examples.bad:
        assert {f.rule for f in lint_document(Document("x", text), config)} == {rule.id}, text
    for text in rule.examples.good:
        assert lint_document(Document("x", text), config) == [], text
    for before, after in rule.examples.fixed:
        assert fix_document(Document("x", before), config, unsafe=True).document.text == after
        assert fix_document(Document("x", before), config, unsafe=False).document.text == before, \
            "an unsafe fix needs --unsafe-fixes"


# ----- hooks and README ---------------------------------------------------------------------
def hooks() -> list[dict[str, object]]:
    data = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def test_hook_entries_are_declared_console_scripts() -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    for hook in hooks():
        entry = str(hook["entry"]).split()
        assert entry[0] in scripts, f"hook {hook['id']}: {entry[0]} is not in [project.scripts]"
        assert hook["language"] == "python"
        assert "minimum_pre_commit_version" in hook


def test_hooks_are_check_and_fix() -> None:
    by_id = {hook["id"]: hook for hook in hooks()}
    assert set(by_id) == {"lint-news", "lint-news-fix"}
    assert by_id["lint-news"]["entry"] == "lint-news"
    assert by_id["lint-news-fix"]["entry"] == "lint-news --fix"
    for hook in by_id.values():
        assert hook["files"] == r"\.txt$"
        assert hook["types"] == ["file"], "seeds that look binary to pre-commit must still be checked"
        assert hook["require_serial"] is True, "one process, parallel inside (--jobs)"


def test_readme_mentions_each_hook_and_rule() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for hook in hooks():
        assert f"id: {hook['id']}" in readme, f"README.md does not show hook {hook['id']}"
    for path in RULE_FILES:
        assert f"`{path.stem}`" in readme, f"README.md's rules table lacks {path.stem}"


def test_rules_readme_documents_the_schema() -> None:
    import dataclasses

    from lint_news.config.rules import RULE_KEYS, SCOPES
    from lint_news.kinds import pattern

    schema = (ROOT / "rules" / "README.md").read_text(encoding="utf-8")
    for key in sorted(RULE_KEYS):
        assert f"| `{key}` |" in schema, f"rules/README.md does not document the key {key}"
    for kind in KINDS:
        assert f"`{kind}`" in schema
    for scope in SCOPES:
        assert f"`{scope}`" in schema
    for option in dataclasses.fields(pattern.Options):
        if option.init:
            assert f"| `{option.name.replace('_', '-')}` |" in schema, f"pattern option {option.name}"


def test_rule_docs_fields_are_read_and_rendered(tmp_path: Path) -> None:
    """``docs:`` holds ruff's sections as fields; ``lint-news rule`` prints them as headings."""
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "shouting.yaml").write_text(
        "id: shouting\nkind: pattern\nseverity: info\nmessage: 'shouting: {match}'\n"
        "docs:\n  what: Finds words in capitals.\n  why: Readers find it loud.\n"
        "  example: '\"VERY\" is reported.'\n  fix-safety: There is no fix.\n"
        "options:\n  patterns: ['\\b[A-Z]{4,}\\b']\n", encoding="utf-8")
    rule_file = read_rule_file(folder / "shouting.yaml")
    assert rule_file.docs.complete and rule_file.description == "Finds words in capitals."
    (tmp_path / ".lint-news.yaml").write_text("rule-paths: [rules]\n", encoding="utf-8")
    rule = load_config(tmp_path / ".lint-news.yaml", validate_all=True).rule("shouting")
    assert rule is not None
    text = render_rule(rule)
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Fix safety"):
        assert heading in text
    (folder / "shouting.yaml").write_text(
        "id: shouting\nkind: pattern\nseverity: info\nmessage: x\ndocs:\n  what: W\n  whyy: Y\n"
        "options:\n  patterns: ['x']\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"unknown key 'whyy' \(did you mean 'why'\?\)"):
        read_rule_file(folder / "shouting.yaml")


# ----- built-in rule docs -----------------------------------------------------------------------
# Rules whose free-text description other branches are still editing; each already has its
# docs block, and its description goes when those branches land (then this set is empty).
DESCRIPTION_PENDING: frozenset[str] = frozenset()


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.stem)
def test_builtin_rule_docs_are_complete(path: Path) -> None:
    """Ruff's sections are fields a test can check: a built-in rule says what it finds, why
    that matters, shows it, and says how safe its fixes are; ``what`` opens with a summary."""
    rule = read_rule_file(path, builtin=True)
    assert rule.docs.complete, f"{path.name}: docs needs what, why, example and fix-safety"
    first = summary(rule.docs.what)
    assert first.endswith((".", "!", "?")), f"{path.name}: docs.what opens with one sentence"
    assert len(first) < 150, f"{path.name}: docs.what's first sentence is the summary: shorten it"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if path.stem not in DESCRIPTION_PENDING:
        assert "description" not in raw, f"{path.name}: the description belongs in docs"
        assert rule.description == rule.docs.what, "SARIF's fullDescription is docs.what"
    built = load_config(isolated=True, validate_all=True).rule(rule.id)
    assert built is not None
    text = render_rule(built)
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Fix safety"):
        assert heading in text, f"lint-news rule {rule.id} lacks {heading!r}"


def _keys_table() -> dict[str, tuple[str, str]]:
    """rules/README.md's keys table: key -> (required, meaning)."""
    table: dict[str, tuple[str, str]] = {}
    schema = (ROOT / "rules" / "README.md").read_text(encoding="utf-8")
    section = schema.split("## Keys", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")]
        if len(cells) == 4 and cells[0].startswith("`"):
            table[cells[0].strip("`")] = (cells[1], cells[3])
    return table


def test_rules_readme_keys_table_is_true_for_docs() -> None:
    """The table's claims about ``docs`` and ``description`` hold for the rule files."""
    from lint_news.config.rules import DOCS_KEYS, RULE_KEYS

    table = _keys_table()
    assert set(table) == set(RULE_KEYS), "one row per rule-file key, no more"
    docs_required, docs_meaning = table["docs"]
    assert docs_required == "built-in rules: yes"
    for key in DOCS_KEYS:
        assert f"`{key}`" in docs_meaning, f"the docs row does not name {key}"
    assert "first sentence is the summary" in docs_meaning
    assert table["description"][0] == "without `docs`: yes"
    assert table["examples"][0] == "built-in rules: yes"
    for path in RULE_FILES:
        rule = read_rule_file(path, builtin=True)
        assert rule.docs.complete and rule.examples.bad and rule.examples.good, path.name
    for path in USER_RULE_FILES:  # user rules may keep a description instead of docs
        rule = read_rule_file(path)
        assert rule.docs.what or rule.description, path.name
