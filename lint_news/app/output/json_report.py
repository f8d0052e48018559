"""``--output-format json``: a JSON array of findings, one object per finding (ruff's shape).

Named ``json_report``, not ``json``, so that ``import json`` next to it means the standard
module to every reader. ``dumps`` is the serialiser of every JSON format here (json, sarif,
gitlab): orjson when it is installed (the ``fast`` extra; about 50 times faster on a large
report), else the standard library, giving the very same text (tests/app/test_output.py
checks both).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TextIO

from ...core.lazy import lazy_module
from ...core.model import Severity
from .base import Settings, reported
from .escape import has_surrogates, json_safe, valid_unicode

if TYPE_CHECKING:
    import json

    from ...core.document import Document
    from ...core.model import Finding, Fix
    from ...engine.result import FileResult
    from ...engine.view import DocumentView
else:
    json = lazy_module("json")

# the ``fast`` extra, imported at the first report that holds a finding (it loads datetime,
# uuid and platform: ~4 ms of start-up for a run that finds nothing); by name, so that the
# type checker does not need it installed. Without it the standard library writes the same text.
orjson: Any = lazy_module("orjson") if importlib.util.find_spec("orjson") is not None else None


def dumps(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, by orjson where it can.

    The two agree byte for byte on what the reports hold (str, int, bool, None, lists and
    dicts), except that orjson refuses a lone surrogate (an undecodable byte of a file or a
    file name): such a report goes through the standard library, as without orjson."""
    if orjson is not None:
        fast = _FAST or _fast()
        try:
            return str(fast[0](value, option=fast[1]).decode("utf-8"))
        except TypeError:  # orjson.JSONEncodeError: a lone surrogate
            pass
    return json.dumps(value, ensure_ascii=False, indent=2)


_FAST: list[Any] = []  # orjson's dumps and OPT_INDENT_2, once imported (not a lookup per finding)


def _fast() -> list[Any]:
    _FAST[:] = [orjson.dumps, orjson.OPT_INDENT_2]
    return _FAST


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
        "severity": _LABELS[finding.severity],
        "message": finding.message,
        "location": location(doc, finding.start),
        "end_location": location(doc, finding.end),
        "fix": fix_json(doc, finding.fix),
    }


# ``Severity.label`` of each severity (the enum's ``name`` property, looked up per finding,
# was a tenth of writing a report)
_LABELS = {severity: severity.label for severity in Severity}


def write(out: TextIO, results: Iterable[FileResult], settings: Settings | None = None) -> None:
    """A JSON array, written file by file as the results arrive (same text as ``json.dump``
    with ``indent=2``), so a large run never holds every finding.

    Each file's findings are serialised together, as a list, whose items are those of the
    whole array: one ``dumps`` and one search for characters to escape per file, not per
    finding (the searches were most of the time of a report). A file whose text holds a lone
    surrogate (an undecodable byte, which ``valid_unicode`` replaces by the bytes' U+FFFD per
    item) is written item by item, as before.
    """
    first = True
    for result, doc in reported(results):
        findings = result.findings
        if not findings:
            continue
        path = result.path
        items = [finding_json(path, doc, finding) for finding in findings]
        text = dumps(items)  # "[\n  {\n    ...\n  },\n  {\n ...\n  }\n]": the array's own items
        if has_surrogates(text):
            text = "[\n" + ",\n".join("  " + valid_unicode(dumps(item)).replace("\n", "\n  ")
                                       for item in items) + "\n]"
        out.write(("[\n" if first else ",\n") + json_safe(text[2:-2]))
        first = False
    out.write("[]\n" if first else "\n]\n")
