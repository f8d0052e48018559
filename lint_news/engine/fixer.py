"""Apply fixes to a fixed point: collect, apply the non-overlapping ones, re-lint, repeat.

As in ruff, a pass applies every fix that does not overlap an earlier one; the next pass
sees the new text. A rule whose fixes keep changing the text past ``MAX_PASSES`` is reported
as not converging and the file is left as it was (never half-fixed). Likewise a result with
more findings of an error-severity rule than the original had is rolled back: a fix must never
make a file worse in a way that fails the gate.
"""

from __future__ import annotations

import bisect

from ..config import Config
from ..core.document import Document
from ..core.model import Applicability, Finding, Fix, Severity, apply_edits
from .linter import lint_document
from .result import AppliedFix, FileResult

MAX_PASSES = 10


def allowed(fix: Fix | None, unsafe: bool) -> bool:
    return fix is not None and (unsafe or fix.applicability is Applicability.SAFE)


def select_fixes(findings: list[Finding], unsafe: bool) -> list[Finding]:
    """The fixable findings whose edits do not overlap an earlier chosen one."""
    chosen: list[Finding] = []
    taken = _Taken()
    candidates = [f for f in findings if allowed(f.fix, unsafe)]
    candidates.sort(key=lambda f: (f.fix.start, f.fix.end) if f.fix else (0, 0))
    for finding in candidates:
        assert finding.fix is not None
        spans = [(e.start, e.end) for e in finding.fix.edits]
        if any(taken.overlaps(span) for span in spans):
            continue
        chosen.append(finding)
        for span in spans:
            taken.add(span)
    return chosen


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Spans conflict if they share text, or are two insertions at the same point."""
    if a[0] < b[1] and b[0] < a[1]:
        return True
    return a[0] == a[1] == b[0] == b[1]


class _Taken:
    """The chosen edit spans, kept sorted: an overlap query costs O(log n), not O(n).

    Chosen spans never overlap, so sorted by start their ends never decrease; the only span
    that can overlap ``[start, end)`` among those starting before ``end`` is the last one.
    (A quadratic scan here made fixing a file with many findings take minutes; issue 9.)
    """

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []
        self.starts: list[int] = []
        self.points: set[int] = set()

    def overlaps(self, span: tuple[int, int]) -> bool:
        start, end = span
        if start == end and start in self.points:
            return True
        index = bisect.bisect_left(self.starts, end)
        return index > 0 and _overlaps(span, self.spans[index - 1])

    def add(self, span: tuple[int, int]) -> None:
        index = bisect.bisect_right(self.spans, span)
        self.spans.insert(index, span)
        self.starts.insert(index, span[0])
        if span[0] == span[1]:
            self.points.add(span[0])


def fix_document(doc: Document, config: Config, unsafe: bool = False) -> FileResult:
    """Fix ``doc`` to a fixed point: the result's ``document`` is the fixed text, its
    ``findings`` those that remain, ``applied`` the fixes made (``changed`` when any were)."""
    current = doc
    applied: list[AppliedFix] = []
    findings = lint_document(current, config)
    seen = {current.text}
    original_findings = findings
    for pass_number in range(1, MAX_PASSES + 1):
        chosen = select_fixes(findings, unsafe)
        if not chosen:
            return _checked(doc, original_findings, _fixed(current, findings, applied))
        edits = [edit for f in chosen for edit in f.fix.edits]  # type: ignore[union-attr]
        text = apply_edits(current.text, edits)
        if text == current.text:
            return _checked(doc, original_findings, _fixed(current, findings, applied))
        for finding in chosen:
            assert finding.fix is not None
            applied.append(AppliedFix(finding.rule, finding.fix.message,
                                      finding.fix.applicability, finding.fix.edits, pass_number))
        current = current.with_text(text)
        findings = lint_document(current, config)
        if text in seen:  # oscillation: the same text came back
            break
        seen.add(text)
    else:
        if not select_fixes(findings, unsafe):  # the last allowed pass finished the job
            return _checked(doc, original_findings, _fixed(current, findings, applied))
    last = applied[-1].pass_number
    culprits = tuple(sorted({a.rule for a in applied if a.pass_number >= last - 1}
                            | {f.rule for f in select_fixes(findings, unsafe)}))
    return FileResult(doc.path, doc, findings=lint_document(doc, config), non_converging=culprits)


def _fixed(doc: Document, findings: list[Finding], applied: list[AppliedFix]) -> FileResult:
    return FileResult(doc.path, doc, findings=findings, applied=applied, changed=bool(applied))


def new_error_rules(before: list[Finding], after: list[Finding]) -> tuple[str, ...]:
    """Error-severity rules with more findings in ``after`` than in ``before``."""
    counts: dict[str, int] = {}
    for finding in before:
        if finding.severity >= Severity.ERROR:
            counts[finding.rule] = counts.get(finding.rule, 0) + 1
    worse: dict[str, int] = {}
    for finding in after:
        if finding.severity >= Severity.ERROR:
            worse[finding.rule] = worse.get(finding.rule, 0) + 1
    return tuple(sorted(rule for rule, n in worse.items() if n > counts.get(rule, 0)))


def _checked(doc: Document, original: list[Finding], result: FileResult) -> FileResult:
    """Roll the whole file back if the fixes introduced findings of an error rule."""
    if not result.applied:
        return result
    worse = new_error_rules(original, result.findings)
    if not worse:
        return result
    return FileResult(doc.path, doc, findings=original, rolled_back=worse)
