"""How a ``boilerplate`` finding shows the text it found, and the whole-line finding most
detectors make (delete the line with its line break, so no blank line is left behind)."""

from __future__ import annotations

from ...core.document import Document, Line
from ...core.model import Applicability, Finding, Fix
from ...core.rule import Rule

SAFE = Applicability.SAFE
UNSAFE = Applicability.UNSAFE


def show(text: str, width: int = 40) -> str:
    return repr(text if len(text) <= width else text[: width - 1] + "…")


def whole_line(doc: Document, rule: Rule, line: Line, what: str, applicability: Applicability,
                stripped: str) -> Finding:
    start, end = doc.deletion_span(line.index, line.index)
    return rule.finding(line.start, line.end, f"{what}: {show(stripped)}",
                        Fix.delete(start, end, f"Delete the {what.split(' (')[0]}", applicability))
