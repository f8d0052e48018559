"""Render findings: full, concise, json, github and sarif.

The JSON and SARIF shapes are contracts other tools rely on (README "Output formats").
Every format escapes control characters from the files (their names, their text, and the
messages quoting it) through ``escape_controls``, so a seed or a file name carrying ANSI
escape sequences or bidirectional overrides cannot rewrite the terminal or the CI log that
shows the report.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any, TextIO

from .. import __version__
from ..core.document import Document
from ..core.model import Finding, Fix, Severity
from ..core.rule import Rule, summary
from ..engine.view import DocumentView
from ..text.regex.lazy import LazyPattern, char_class

FORMATS = ("full", "concise", "json", "github", "sarif", "junit", "gitlab")  # the last two: output_ci.py
_CONTROL = {c: f"\\x{c:02x}" for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]}
_CONTROL.update({c: f"\\u{c:04x}" for c in (0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))})
_CONTROL[0x09] = " "
_CONTROL[0x0A] = "\\n"
_CONTROL[0x0D] = "\\r"
# Bytes that were not UTF-8 (decoded with surrogateescape, from a file or a file name) are
# shown as the bytes they were; any other lone surrogate by its code point.
_CONTROL.update({c: f"\\u{c:04x}" for c in range(0xD800, 0xE000)})
_CONTROL.update({0xDC00 + b: f"\\x{b:02x}" for b in range(0x80, 0x100)})
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


# Every character ``_CONTROL`` maps: most texts have none, and one search for them is much
# faster than ``str.translate`` looking up each character.
_UNSAFE = LazyPattern(lambda: f"[{char_class(map(chr, _CONTROL))}]")


# The same characters as JSON escapes, for text already serialised as JSON: inside a JSON
# string they decode back to the very characters, so the values (file names, messages,
# source text) stay exact while the output holds none of them raw. (``json.dumps`` escapes
# the C0 controls itself, and its line breaks are the indentation's; lone surrogates are
# gone by then: ``valid_unicode``.)
_JSON_CONTROL = {c: f"\\u{c:04x}" for c in _CONTROL if 0x20 <= c < 0xD800 or c >= 0xE000}
_JSON_UNSAFE = LazyPattern(lambda: f"[{char_class(map(chr, _JSON_CONTROL))}]")


# For GitHub workflow commands: line breaks are left to the command's own encoding (%0A,
# %0D), which the annotation shows as line breaks, and undecodable bytes become U+FFFD as in
# the other machine formats (``valid_unicode``); every other character is escaped.
_GH_CONTROL = {c: e for c, e in _CONTROL.items() if c not in (0x0A, 0x0D) and not 0xD800 <= c < 0xE000}
_GH_UNSAFE = LazyPattern(lambda: f"[{char_class(map(chr, _GH_CONTROL))}]")


def escape_controls(text: str, table: dict[int, str] = _CONTROL, unsafe: LazyPattern = _UNSAFE) -> str:
    """Escape control and bidirectional-override characters, and undecodable bytes: the one
    escaping of every output format. By default (``terminal_safe``) as readable ``\\x1b``
    escapes, for the terminal formats, the GitHub annotations and the messages on stderr;
    with ``_JSON_CONTROL`` as JSON ``\\u`` escapes, for JSON and SARIF text."""
    if unsafe.search(text) is None:
        return text
    return text.translate(table)


# ``escape_controls`` with its defaults: readable escapes, for display (the name the
# terminal formats and the CLI's messages have always used; no extra call on the hot path)
terminal_safe = escape_controls


def json_safe(text: str) -> str:
    """JSON text with the characters ``escape_controls`` escapes as JSON escapes (the values
    it holds are unchanged)."""
    return escape_controls(text, _JSON_CONTROL, _JSON_UNSAFE)


_SURROGATES = re.compile("[\ud800-\udfff]")


def valid_unicode(text: str) -> str:
    """``text`` with undecodable bytes (lone surrogates) replaced by U+FFFD, so that machine
    formats (JSON, SARIF, GitHub annotations) are valid UTF-8 whatever the files held."""
    if _SURROGATES.search(text) is None:
        return text
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace").encode(
            "utf-8", "replace").decode("utf-8")
    except UnicodeEncodeError:  # a surrogate that is no undecodable byte (API callers' text)
        return _SURROGATES.sub("\ufffd", text)


class Palette:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.enabled else text


_SEVERITY_COLOUR = {Severity.ERROR: "1;31", Severity.WARNING: "1;33", Severity.INFO: "1;36"}


Entry = tuple[str, "Document | DocumentView", Sequence[Finding]]


def location(doc: Document | DocumentView, offset: int) -> dict[str, int]:
    row, column = doc.position(offset)
    return {"row": row, "column": column}


def fix_json(doc: Document | DocumentView, fix: Fix | None) -> dict[str, Any] | None:
    if fix is None:
        return None
    return {
        "applicability": fix.applicability.value,
        "message": fix.message,
        "edits": [
            {"content": e.content, "location": location(doc, e.start), "end_location": location(doc, e.end)}
            for e in fix.edits
        ],
    }


def finding_json(path: str, doc: Document | DocumentView, finding: Finding) -> dict[str, Any]:
    return {
        "filename": path,
        "code": finding.rule,
        "severity": finding.severity.label,
        "message": finding.message,
        "location": location(doc, finding.start),
        "end_location": location(doc, finding.end),
        "fix": fix_json(doc, finding.fix),
    }


def write_json(out: TextIO, entries: Iterable[Entry]) -> None:
    """A JSON array, written item by item as the entries arrive (same text as ``json.dump``
    with ``indent=2``), so a large run never holds every finding."""
    import json

    first = True
    for path, doc, findings in entries:
        for finding in findings:
            item = json_safe(valid_unicode(json.dumps(finding_json(path, doc, finding), ensure_ascii=False,
                                                      indent=2)))
            out.write(("[\n" if first else ",\n") + "\n".join("  " + line for line in item.split("\n")))
            first = False
    out.write("[]\n" if first else "\n]\n")


def write_concise(out: TextIO, entries: Iterable[Entry], colour: Palette, show_fixes: bool) -> None:
    """One line per finding. A file's lines are written at once, and the rule labels and
    messages (the same few thousand over a corpus) are escaped once per run: a warm-cache
    run over a corpus is mostly this."""
    labels: dict[tuple[str, Severity], str] = {}
    messages: dict[str, str] = {}
    for path, doc, findings in entries:
        if not findings:
            continue
        shown_path = colour(terminal_safe(path), "1")
        lines: list[str] = []
        for finding in findings:
            row, column = doc.position(finding.start)
            label = labels.get((finding.rule, finding.severity))
            if label is None:
                label = labels[finding.rule, finding.severity] = colour(
                    finding.rule, _SEVERITY_COLOUR[finding.severity])
            message = messages.get(finding.message)
            if message is None:
                message = messages[finding.message] = terminal_safe(finding.message)
            fixable = " [*]" if finding.fix else ""
            lines.append(f"{shown_path}:{row}:{column}: {label}{fixable} {message}\n")
            if show_fixes and finding.fix:
                how = finding.fix.applicability.value
                lines.append(f"    fix ({how}): {terminal_safe(finding.fix.message)}\n")
        out.write("".join(lines))


def write_full(out: TextIO, entries: Iterable[Entry], colour: Palette, show_fixes: bool) -> None:
    """Each finding with its source line and a caret under the span. A file's report is
    built as one string and written once, and rule labels and messages are escaped once per
    run (a warm-cache run over a corpus is mostly this)."""
    severities = {severity: colour(severity.label, _SEVERITY_COLOUR[severity]) for severity in Severity}
    rules: dict[str, str] = {}
    messages: dict[str, str] = {}
    for path, doc, findings in entries:
        if not findings:
            continue
        shown_path = colour(terminal_safe(path), "1")
        show_source = bool(doc.lines) and not doc.binary
        parts: list[str] = []
        for finding in findings:
            row, column = doc.position(finding.start)
            rule = rules.get(finding.rule)
            if rule is None:
                rule = rules[finding.rule] = colour(finding.rule, "1")
            message = messages.get(finding.message)
            if message is None:
                message = messages[finding.message] = terminal_safe(finding.message)
            parts.append(f"{shown_path}:{row}:{column}: {rule} [{severities[finding.severity]}] {message}\n")
            if show_source:
                end_row, end_column = doc.position(finding.end)
                line = doc.lines[row - 1]
                end_col = end_column if end_row == row else len(line.text) + 1
                snippet, caret_start, caret_len = _window(line.text, column - 1, max(end_col - column, 1))
                pad = " " * len(str(row))
                marker = colour("^" * caret_len, _SEVERITY_COLOUR[finding.severity])
                parts.append(f"{pad} |\n{colour(str(row), '34')} | {snippet}\n"
                             f"{pad} | {' ' * caret_start}{marker}\n")
            if finding.fix:
                tag = "fix" if finding.fix.applicability.value == "safe" else "unsafe fix"
                parts.append(f"  = {tag}: {terminal_safe(finding.fix.message)}\n")
                if show_fixes:
                    for edit in finding.fix.edits:
                        r, c = doc.position(edit.start)
                        old = doc.text[edit.start : edit.end]
                        parts.append(f"      at {r}:{c} replace {old!r} with {edit.content!r}\n")
            parts.append("\n")
        out.write("".join(parts))


def _window(text: str, start: int, length: int, width: int = 100) -> tuple[str, int, int]:
    """Cut a long line to about ``width`` characters around the span, escape control
    characters, and return (shown text, caret column, caret length) in display cells, so the
    caret stays under the span even when escapes or wide characters come before it."""
    left, right = 0, len(text)
    if len(text) > width:
        left = max(0, start - width // 3)
        right = min(len(text), max(start + length, left + width))
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(text) else ""
    before = prefix + terminal_safe(text[left:start])
    marked = terminal_safe(text[start:min(start + length, right)])
    shown = before + marked + terminal_safe(text[min(start + length, right):right]) + suffix
    return shown, _display_width(before), max(_display_width(marked), 1)


_NON_ASCII = LazyPattern("[^\x00-\x7f]")


def _display_width(text: str) -> int:
    """Terminal cells: 0 for a combining mark, 2 for a wide or full-width character, else 1.

    Every ASCII character takes one cell, so only the other characters are looked at (each
    once per run: ``_extra_cells`` is cached)."""
    if text.isascii():
        return len(text)
    return len(text) + sum(map(_extra_cells, _NON_ASCII.findall(text)))


@lru_cache(maxsize=4096)
def _extra_cells(char: str) -> int:
    """Cells ``char`` takes beyond one, as terminals count them (wcwidth: combining marks and
    zero-width characters 0, East Asian wide 2; a control character, escaped anyway, 1)."""
    from wcwidth import wcwidth

    return max(wcwidth(char), 0) - 1 if wcwidth(char) >= 0 else 0


def _gh_data(text: str) -> str:
    text = escape_controls(text, _GH_CONTROL, _GH_UNSAFE)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


_GH_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def write_github(out: TextIO, entries: Iterable[Entry]) -> None:
    """GitHub Actions workflow commands: one annotation per finding. The file name, title and
    message are escaped (``escape_controls``, line breaks by the workflow-command encoding):
    the log shows them as text, and a line break in a name cannot start a command of its own."""
    for path, doc, findings in entries:
        for finding in findings:
            row, column = doc.position(finding.start)
            end_row, end_column = doc.position(finding.end)
            props = f"file={_gh_property(path)},line={row},endLine={end_row}"
            if row == end_row:
                props += f",col={column},endColumn={end_column}"
            props += f",title={_gh_property('lint-news ' + finding.rule)}"
            line = f"::{_GH_LEVEL[finding.severity]} {props}::{_gh_data(finding.message)}\n"
            out.write(valid_unicode(line))


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def sarif_uri(path: str) -> str:
    """A path as a SARIF ``artifactLocation.uri`` (an RFC 3986 URI reference): forward slashes,
    and spaces, "#", "%", "?" and non-ASCII percent-encoded; Windows drive paths as file URIs."""
    from urllib.parse import quote

    path = path.replace("\\", "/")
    # the file name's own bytes, so that a name that is not UTF-8 is encoded exactly
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that is no undecodable byte (API callers' names)
        raw = valid_unicode(path).encode("utf-8")
    if len(path) > 2 and path[1] == ":" and path[0].isalpha() and path[2] == "/":
        return "file:///" + path[:2] + quote(raw[2:], safe="/")
    return quote(raw, safe="/")


def sarif_log(entries: Iterable[Entry], rules: Sequence[Rule]) -> dict[str, Any]:
    rule_index = {rule.id: index for index, rule in enumerate(rules)}
    results = []
    for path, doc, findings in entries:
        uri = sarif_uri(path)
        for finding in findings:
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
            results.append(result)
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
            "results": results,
        }],
    }


def _region(doc: Document | DocumentView, start: int, end: int) -> dict[str, int]:
    row, column = doc.position(start)
    end_row, end_column = doc.position(end)
    return {"startLine": row, "startColumn": column, "endLine": end_row, "endColumn": end_column}


def write_sarif(out: TextIO, entries: Iterable[Entry], rules: Sequence[Rule]) -> None:
    import json

    text = json.dumps(sarif_log(entries, rules), ensure_ascii=False, indent=2)
    out.write(json_safe(valid_unicode(text)) + "\n")


def rule_counts(entries: Iterable[Entry]) -> tuple[Counter[str], Counter[str]]:
    """Findings per rule, and how many of them have a fix (``--statistics``, text or JSON)."""
    counts: Counter[str] = Counter()
    fixable: Counter[str] = Counter()
    for _, _, findings in entries:
        for finding in findings:
            counts[finding.rule] += 1
            if finding.fix is not None:
                fixable[finding.rule] += 1
    return counts, fixable


def write_statistics(out: TextIO, entries: Iterable[Entry]) -> None:
    counts, fixable = rule_counts(entries)
    width = max((len(str(n)) for n in counts.values()), default=1)
    for rule, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        mark = f" [{fixable[rule]} fixable]" if fixable[rule] else ""
        out.write(f"{count:>{width}}\t{terminal_safe(rule)}{mark}\n")
