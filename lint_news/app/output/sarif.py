"""``--output-format sarif``: SARIF 2.1.0 (GitHub code scanning and other SARIF viewers)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from ... import __version__
from ...core.model import Severity
from ...core.rule import summary
from .base import Settings, reported
from .escape import json_safe, valid_unicode
from .json_report import dumps

if TYPE_CHECKING:
    from ...core.document import Document
    from ...core.rule import Rule
    from ...engine.result import FileResult
    from ...engine.view import DocumentView

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def sarif_uri(path: str) -> str:
    """A path as a SARIF ``artifactLocation.uri`` (an RFC 3986 URI reference): forward slashes,
    and spaces, "#", "%", "?" and non-ASCII percent-encoded; Windows drive paths as file URIs."""
    path = path.replace("\\", "/")
    # the file name's own bytes, so that a name that is not UTF-8 is encoded exactly
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that is no undecodable byte (API callers' names)
        raw = valid_unicode(path).encode("utf-8")
    if len(path) > 2 and path[1] == ":" and path[0].isalpha() and path[2] == "/":
        return "file:///" + path[:2] + quote(raw[2:], safe="/")
    return quote(raw, safe="/")


def sarif_log(results: Iterable[FileResult], rules: Sequence[Rule]) -> dict[str, Any]:
    rule_index = {rule.id: index for index, rule in enumerate(rules)}
    found = []
    for file_result, doc in reported(results):
        uri = sarif_uri(file_result.path)
        for finding in file_result.findings:
            row, column = doc.position(finding.start)
            end_row, end_column = doc.position(finding.end)
            result: dict[str, Any] = {
                "ruleId": finding.rule,
                "level": _SARIF_LEVEL[finding.severity],
                "message": {"text": finding.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": {"startLine": row, "startColumn": column,
                                   "endLine": end_row, "endColumn": end_column},
                    }
                }],
            }
            if finding.rule in rule_index:
                result["ruleIndex"] = rule_index[finding.rule]
            if finding.fix is not None:
                result["fixes"] = [{
                    "description": {"text": f"{finding.fix.message} ({finding.fix.applicability.value})"},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": uri},
                        "replacements": [{
                            "deletedRegion": _region(doc, e.start, e.end),
                            "insertedContent": {"text": e.content},
                        } for e in finding.fix.edits],
                    }],
                }]
            found.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "lint-news",
                "version": __version__,
                "informationUri": "https://pypi.org/project/lint-news/",
                "rules": [{
                    "id": rule.id,
                    "name": rule.id,
                    "shortDescription": {"text": summary(rule.description)},
                    "fullDescription": {"text": rule.description},
                    "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
                } for rule in rules],
            }},
            "columnKind": "unicodeCodePoints",
            "results": found,
        }],
    }


def _region(doc: Document | DocumentView, start: int, end: int) -> dict[str, int]:
    row, column = doc.position(start)
    end_row, end_column = doc.position(end)
    return {"startLine": row, "startColumn": column, "endLine": end_row, "endColumn": end_column}


def write(out: TextIO, results: Iterable[FileResult], settings: Settings) -> None:
    rules = settings.config.rules if settings.config is not None else ()
    text = dumps(sarif_log(results, rules))
    out.write(json_safe(valid_unicode(text)) + "\n")
