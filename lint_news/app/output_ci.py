"""CI report formats beside ``output.py``'s: JUnit XML, GitLab Code Quality, and statistics
as JSON. Each is the shape the consuming tool documents (ruff emits the same two).

- ``junit``: one ``<testsuite>`` per file, one failing ``<testcase>`` per finding (a file
  without findings gets one passing test case), as Jenkins, GitLab and Azure read it.
- ``gitlab``: GitLab's Code Quality report (a Code Climate subset): a JSON array of issues
  with ``description``, ``check_name``, ``fingerprint``, ``severity`` and
  ``location.path``/``location.lines.begin``. The fingerprint names the finding without its
  line, so a finding that only moves is not reported as fixed plus new in a merge request.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any, TextIO

from ..core.model import Severity
from .output import Entry, escape_controls, json_safe, rule_counts, valid_unicode

# characters XML 1.0 cannot hold at all (not even escaped)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_text(text: str) -> str:
    """Escaped for XML content and attributes: control characters first by the escaping every
    format shares (``output.escape_controls``: readable ``\\x1b``), then what XML cannot hold."""
    from xml.sax.saxutils import escape

    text = _NOT_XML.sub(lambda m: f"\\x{ord(m.group()) & 0xFF:02x}" if ord(m.group()) < 0xD800
                        else "\ufffd", escape_controls(valid_unicode(text)))
    return escape(text, {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def write_junit(out: TextIO, entries: Iterable[Entry]) -> None:
    suites: list[str] = []
    total = failures = 0
    for path, doc, findings in entries:
        name = _xml_text(path)
        cases = []
        for finding in findings:
            row, column = doc.position(finding.start)
            message = _xml_text(finding.message)
            cases.append(
                f'    <testcase name="org.lint-news.{_xml_text(finding.rule)}" classname="{name}" '
                f'file="{name}" line="{row}">\n'
                f'      <failure message="{message}" type="{finding.severity.label}">'
                f"line {row}, col {column}, {message}</failure>\n"
                f"    </testcase>\n")
        count = len(cases)
        if not cases:
            cases.append(f'    <testcase name="No findings" classname="{name}" file="{name}"/>\n')
        total += len(cases)
        failures += count
        suites.append(f'  <testsuite name="{name}" tests="{len(cases)}" failures="{count}" errors="0" '
                      f'skipped="0">\n{"".join(cases)}  </testsuite>\n')
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
              f'<testsuites name="lint-news" tests="{total}" failures="{failures}" errors="0">\n'
              f'{"".join(suites)}</testsuites>\n')


_GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def gitlab_issues(entries: Iterable[Entry]) -> list[dict[str, Any]]:
    from hashlib import blake2b

    issues = []
    for path, doc, findings in entries:
        seen: Counter[tuple[str, str]] = Counter()
        for finding in findings:
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


def write_gitlab(out: TextIO, entries: Iterable[Entry]) -> None:
    import json

    text = json.dumps(gitlab_issues(entries), ensure_ascii=False, indent=2)
    out.write(json_safe(valid_unicode(text)) + "\n")


def write_statistics_json(out: TextIO, entries: Iterable[Entry]) -> None:
    """``--statistics --output-format json``: counts per rule, as ruff prints them."""
    import json

    counts, fixable = rule_counts(entries)
    rows = [{"code": rule, "count": count, "fixable": fixable[rule] > 0, "fixable_count": fixable[rule]}
            for rule, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
    out.write(json.dumps(rows, indent=2) + "\n")
