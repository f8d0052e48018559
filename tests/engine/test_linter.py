"""The linter's per-rule-list plan (``engine.linter._plan``)."""

from __future__ import annotations

import importlib

import pytest

from lint_news.config import load_config
from lint_news.core.document import Document
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
