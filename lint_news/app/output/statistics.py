"""``--statistics``: findings per rule and how many have a fix, as text or (with
``--output-format json``) as JSON; ``--by-source`` is app/corpus/stats.py."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from ...core.lazy import lazy_module
from .base import reported
from .escape import terminal_safe

if TYPE_CHECKING:
    import json

    from ...engine.result import FileResult
else:
    json = lazy_module("json")


def rule_counts(results: Iterable[FileResult]) -> tuple[Counter[str], Counter[str]]:
    """Findings per rule, and how many of them have a fix (``--statistics``, text or JSON)."""
    counts: Counter[str] = Counter()
    fixable: Counter[str] = Counter()
    for result, _ in reported(results):
        for finding in result.findings:
            counts[finding.rule] += 1
            if finding.fix is not None:
                fixable[finding.rule] += 1
    return counts, fixable


def write(out: TextIO, results: Iterable[FileResult]) -> None:
    counts, fixable = rule_counts(results)
    width = max((len(str(n)) for n in counts.values()), default=1)
    for rule, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        mark = f" [{fixable[rule]} fixable]" if fixable[rule] else ""
        out.write(f"{count:>{width}}\t{terminal_safe(rule)}{mark}\n")


def write_json(out: TextIO, results: Iterable[FileResult]) -> None:
    """``--statistics --output-format json``: counts per rule, as ruff prints them."""
    counts, fixable = rule_counts(results)
    rows = [{"code": rule, "count": count, "fixable": fixable[rule] > 0, "fixable_count": fixable[rule]}
            for rule, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
    out.write(json.dumps(rows, indent=2) + "\n")
