"""Run the enabled rules over one document and collect their findings."""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

from ..config import Config
from ..config.registry import load_kind
from ..core import context
from ..core.document import Document
from ..core.model import Finding
from ..core.options import holds_user_regex
from ..core.rule import Rule


class RuleCrash(Exception):
    """A rule raised: a bug in lint-news or in a user's rule, reported with its name."""

    def __init__(self, rule: str, path: str, error: BaseException) -> None:
        super().__init__(f"rule {rule!r} failed on {path}: {type(error).__name__}: {error}")
        self.rule = rule


def lint_document(doc: Document, config: Config, rules: Iterable[Rule] | None = None) -> list[Finding]:
    """All findings of the enabled rules on ``doc``, sorted by position.

    Each rule gets a time budget on the file for the regular expressions the user supplied
    in its options (``userregex``); one that runs out raises a ``TimeoutError``, reported,
    like any failure of a rule, as a ``RuleCrash`` naming the rule and the file.
    """
    findings: list[Finding] = []
    budget_seconds = context.current().regex_budget
    plan = _plan(config.rules_for(doc.path) if rules is None else rules)
    binary, undecodable = doc.binary, doc.undecodable
    length = len(doc.text)
    every_rule_timed = doc.structure.user_labels  # any rule may be the first to match them
    for rule, module, handles_binary, handles_undecodable, timed in plan.steps:
        if (binary and not handles_binary) or (undecodable and not handles_undecodable):
            continue
        budget = (context.rule_deadline(time.monotonic() + budget_seconds)
                  if timed or every_rule_timed else None)
        try:
            for finding in module.check(doc, rule):
                if finding.severity != rule.severity or finding.rule != rule.id:
                    finding = Finding(rule.id, rule.severity, finding.message, finding.start,
                                      finding.end, finding.fix)
                if not 0 <= finding.start <= finding.end <= length or (
                    finding.fix is not None and finding.fix.end > length
                ):  # a bug in the kind: never show it at a wrong place, never apply it
                    raise ValueError(f"finding {finding.start}..{finding.end} (fix edits included) "
                                     f"lies outside the text (length {length})")
                findings.append(finding)
        except RecursionError as exc:  # pragma: no cover - defensive
            raise RuleCrash(rule.id, doc.path, exc) from exc
        except Exception as exc:
            raise RuleCrash(rule.id, doc.path, exc) from exc
        finally:
            if budget is not None:
                context.end_rule(budget)
    if plan.deferring and findings:
        findings = _without_deferred(findings, plan.deferring)
    findings.sort(key=Finding.sort_key)
    return findings


class _Plan:
    """What ``lint_document`` needs of each rule of one rule list, found once per list. (A
    plain class: defining a named tuple at import cost a one-file run more than it saves.)"""

    __slots__ = ("deferring", "rules", "steps")

    def __init__(self, rules: Iterable[Rule], steps: tuple[tuple[Rule, Any, bool, bool, bool], ...],
                 deferring: dict[str, frozenset[str]]) -> None:
        self.rules = rules  # the list it was made for (kept alive: its id is the key)
        # a rule, its kind's module, its two flags, and whether it holds a user regex
        self.steps = steps
        self.deferring = deferring


_PLANS: dict[int, _Plan] = {}


def _plan(rules: Iterable[Rule]) -> _Plan:
    """Each rule with its kind's module and whether it runs on binary and undecodable files,
    and the rules that defer to others.

    Why: a run lints every file with the same rules (``Config.rules_for`` returns the same
    tuple unless per-file ignores apply); looking up the kind and its two flags again for every
    rule of every file was a third of the linter's own time per file. Remembered by the
    identity of a tuple of rules (the plan keeps it alive, so its id is never reused), for the
    last few such tuples; other iterables are planned each time.
    """
    if isinstance(rules, tuple):
        known = _PLANS.get(id(rules))
        if known is not None and known.rules is rules:
            return known
    steps = []
    deferring: dict[str, frozenset[str]] = {}
    for rule in rules:
        if rule.defer_to:
            deferring[rule.id] = frozenset(rule.defer_to)
        module = load_kind(rule.kind)
        steps.append((rule, module, bool(getattr(module, "HANDLES_BINARY", False)),
                      bool(getattr(module, "HANDLES_UNDECODABLE", False)), holds_user_regex(rule.options)))
    plan = _Plan(rules, tuple(steps), deferring)
    if isinstance(rules, tuple):
        if len(_PLANS) >= _KEEP_PLANS:
            _PLANS.clear()
        _PLANS[id(rules)] = plan
    return plan


_KEEP_PLANS = 8


def _without_deferred(findings: list[Finding], deferring: dict[str, frozenset[str]]) -> list[Finding]:
    """Drop each finding of a rule that overlaps a finding of a rule it defers to.

    A rule file's ``defer-to`` says: where that other rule already reports these characters,
    it has the better explanation and the fix that rewrites them (run-together defers to
    seo-spam: "Thứxổ" is where spam was glued onto a date line, not two fused words). The
    second finding would only be noise, and its fix would rewrite what the first removes.
    Only rules that ran on this file count: with the other rule off, nothing is dropped.
    """
    targets = frozenset().union(*deferring.values())
    spans: dict[str, list[tuple[int, int]]] = {}
    for finding in findings:
        if finding.rule in targets:
            spans.setdefault(finding.rule, []).append(_extent(finding))
    if not spans:
        return findings
    kept = []
    for finding in findings:
        over = deferring.get(finding.rule)
        if over:
            start, end = _extent(finding)
            if any(s < end and start < e for rule in over for s, e in spans.get(rule, ())):
                continue
        kept.append(finding)
    return kept


def _extent(finding: Finding) -> tuple[int, int]:
    """The finding's span, an empty one counted as the character it points at."""
    return finding.start, max(finding.end, finding.start + 1)
