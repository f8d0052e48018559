"""``--output-format junit``: JUnit XML, as Jenkins, GitLab and Azure read it (ruff emits
the same): one ``<testsuite>`` per file, one failing ``<testcase>`` per finding (a file
without findings gets one passing test case)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from ...core.lazy import lazy_module
from .base import Settings, reported
from .escape import escape_controls, valid_unicode

if TYPE_CHECKING:
    from xml.sax import saxutils

    from ...engine.result import FileResult
else:
    saxutils = lazy_module("xml.sax.saxutils")

# characters XML 1.0 cannot hold at all (not even escaped)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_text(text: str) -> str:
    """Escaped for XML content and attributes: control characters first by the escaping every
    format shares (``output.escape_controls``: readable ``\\x1b``), then what XML cannot hold."""
    text = _NOT_XML.sub(lambda m: f"\\x{ord(m.group()) & 0xFF:02x}" if ord(m.group()) < 0xD800
                        else "\ufffd", escape_controls(valid_unicode(text)))
    return saxutils.escape(text, {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def write(out: TextIO, results: Iterable[FileResult], settings: Settings | None = None) -> None:
    suites: list[str] = []
    total = failures = 0
    for result, doc in reported(results):
        name = _xml_text(result.path)
        cases = []
        for finding in result.findings:
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
