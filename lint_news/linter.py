"""Run the enabled rules over one document and collect their findings."""

from __future__ import annotations

import time
from collections.abc import Iterable

from . import userregex
from .config import Config
from .document import Document
from .model import Finding
from .rules import Rule


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
    deadline = userregex.DEADLINE
    for rule in config.rules_for(doc.path) if rules is None else rules:
        module = rule.kind_module
        if doc.binary and not getattr(module, "HANDLES_BINARY", False):
            continue
        if doc.undecodable and not getattr(module, "HANDLES_UNDECODABLE", False):
            continue
        length = len(doc.text)
        budget = deadline.set(time.monotonic() + userregex.OPTION_TIMEOUT)
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
            deadline.reset(budget)
    findings.sort(key=Finding.sort_key)
    return findings
