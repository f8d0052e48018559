"""Every rule file's examples run as tests: bad ones are reported, good ones are not,
fixed pairs round-trip, and fixing is idempotent (yamllint's PASS/FAIL, proselint examples)."""

from __future__ import annotations

import pytest

from lint_news.config import load_config
from lint_news.config.rules import builtin_rules_dir, read_rule_dir

from .conftest import fix, lint

RULES = read_rule_dir(builtin_rules_dir(), builtin=True)
CASES_BAD = [(r.id, text) for r in RULES for text in r.examples.bad]
CASES_GOOD = [(r.id, text) for r in RULES for text in r.examples.good]
CASES_FIXED = [(r.id, before, after) for r in RULES for before, after in r.examples.fixed]


def test_every_rule_has_examples() -> None:
    for rule in RULES:
        assert rule.examples.bad, f"{rule.id} has no bad example"
        assert rule.examples.good, f"{rule.id} has no good example"


@pytest.mark.parametrize(("rule_id", "text"), CASES_BAD)
def test_bad_example_is_reported(rule_id: str, text: str) -> None:
    findings = lint(text, rule_id)
    assert findings, f"{rule_id} did not report {text!r}"
    assert {f.rule for f in findings} == {rule_id}


@pytest.mark.parametrize(("rule_id", "text"), CASES_GOOD)
def test_good_example_is_silent(rule_id: str, text: str) -> None:
    assert lint(text, rule_id) == []


@pytest.mark.parametrize(("rule_id", "before", "after"), CASES_FIXED)
def test_fixed_example_round_trips(rule_id: str, before: str, after: str) -> None:
    fixed = fix(before, rule_id, unsafe=True)
    assert fixed == after
    assert fix(fixed, rule_id, unsafe=True) == fixed, "fixing is not idempotent"
    assert not [f for f in lint(fixed, rule_id) if f.fix is not None]


@pytest.mark.parametrize(("rule_id", "text"), CASES_BAD + CASES_GOOD)
def test_fix_is_idempotent(rule_id: str, text: str) -> None:
    once = fix(text, rule_id, unsafe=True)
    assert fix(once, rule_id, unsafe=True) == once


def test_builtin_rules_load() -> None:
    config = load_config(isolated=True)
    assert {rule.id for rule in config.rules} == {rule.id for rule in RULES}
