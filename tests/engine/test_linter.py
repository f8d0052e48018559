"""The linter's per-rule-list plan (``engine.linter._plan``)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from lint_news.config import load_config
from lint_news.core import context
from lint_news.core.document import Document
from lint_news.core.model import Finding
from lint_news.core.rule import Rule
from lint_news.engine import linter


def test_a_rule_tuple_is_planned_once_and_the_plan_follows_its_identity() -> None:
    config = load_config(isolated=True)
    rules = config.rules_for("a.txt")
    plan = linter._plan(rules)
    assert linter._plan(config.rules_for("b.txt")) is plan  # the same tuple: the same plan
    assert [step[0] for step in plan.steps] == list(rules)
    copy = tuple([*rules])  # equal, not the same object
    assert linter._plan(copy) is not plan and linter._plan(copy).steps == plan.steps
    assert linter._plan(list(rules)).steps == plan.steps  # other iterables: planned each time


def test_the_plan_keeps_the_kind_module_so_a_patched_check_is_seen(monkeypatch: pytest.MonkeyPatch) -> None:
    config = load_config(isolated=True, select=["whitespace"])
    doc = Document.from_bytes(b"Title  \n\nBody text here.\n", "x.txt")
    assert [f.rule for f in linter.lint_document(doc, config)] == ["whitespace"]
    module = importlib.import_module("lint_news.kinds.whitespace")
    monkeypatch.setattr(module, "check", lambda doc, rule: iter(()))
    assert linter.lint_document(Document.from_bytes(doc.raw or b"", "x.txt"), config) == []


def test_only_a_rule_holding_a_user_regex_runs_under_a_deadline(tmp_path: Path) -> None:
    """The deadline is read only by a ``TimedPattern``: the rule whose options hold one (a
    user value) gets it, the built-in rules do not; user section labels time every rule."""
    config_file = tmp_path / ".lint-news.yaml"
    config_file.write_text("rules:\n  boilerplate:\n    extend-empty-images: ['\\w*\\d']\n", encoding="utf-8")
    config = load_config(str(config_file))
    timed = {step[0].id: step[4] for step in linter._plan(config.rules_for("a.txt")).steps}
    assert timed["boilerplate"] is True
    assert not any(flag for rule, flag in timed.items() if rule != "boilerplate")
    assert not load_config(isolated=True).structure.user_labels

    seen: dict[str, float | None] = {}

    def spy(doc: Document, rule: Rule) -> Iterator[Finding]:
        seen[rule.id] = context.current().deadline
        return iter(())

    labels = tmp_path / "labels.yaml"
    labels.write_text("document:\n  section-labels: ['NEWS']\n", encoding="utf-8")
    for path, every in ((str(config_file), False), (str(labels), True)):
        config = load_config(path, select=["boilerplate", "whitespace"])
        assert config.structure.user_labels is every
        plan = linter._plan(config.rules_for("a.txt"))
        spied = tuple((rule, _Spy(spy), binary, undecodable, flag)
                      for rule, _, binary, undecodable, flag in plan.steps)
        linter._PLANS[id(plan.rules)] = linter._Plan(plan.rules, spied, plan.deferring)
        seen.clear()
        linter.lint_document(Document.from_bytes(b"Title\n\nBody.\n", "a.txt", config.structure), config)
        assert (seen["boilerplate"] is not None) is (every or path == str(config_file))
        assert (seen["whitespace"] is not None) is every


class _Spy:
    """A stand-in kind module: its ``check``."""

    def __init__(self, check: Callable[[Document, Rule], Iterator[Finding]]) -> None:
        self.check = check
