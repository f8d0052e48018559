"""``--output-format gitlab``: GitLab's Code Quality report (a Code Climate subset), as
ruff emits it: a JSON array of issues with ``description``, ``check_name``, ``fingerprint``,
``severity`` and ``location.path``/``location.lines.begin``. The fingerprint names the
finding without its line, so a finding that only moves is not reported as fixed plus new in
a merge request."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from hashlib import blake2b
from typing import TYPE_CHECKING, Any, TextIO

from ...core.model import Severity
from .base import Settings, reported
from .escape import json_safe, valid_unicode
from .json_report import dumps

if TYPE_CHECKING:
    from ...engine.result import FileResult


_GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def gitlab_issues(results: Iterable[FileResult]) -> list[dict[str, Any]]:
    issues = []
    for result, doc in reported(results):
        path = result.path
        seen: Counter[tuple[str, str]] = Counter()
        for finding in result.findings:
            row, _ = doc.position(finding.start)
            end_row, _ = doc.position(finding.end)
            what = (finding.rule, finding.message)
            seen[what] += 1
            # the same finding twice in one file: the occurrence number keeps them apart
            identity = "\0".join((path, *what, str(seen[what]))).encode("utf-8", "surrogatepass")
            issues.append({
                "type": "issue",
                "description": valid_unicode(finding.message),
                "check_name": finding.rule,
                "categories": ["Style"],
                "fingerprint": blake2b(identity, digest_size=16).hexdigest(),
                "severity": _GITLAB_SEVERITY[finding.severity],
                "location": {"path": valid_unicode(path), "lines": {"begin": row, "end": end_row}},
            })
    return issues


def write(out: TextIO, results: Iterable[FileResult], settings: Settings | None = None) -> None:
    text = dumps(gitlab_issues(results))
    out.write(json_safe(valid_unicode(text)) + "\n")
