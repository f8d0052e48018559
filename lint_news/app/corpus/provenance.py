"""Fix provenance: what ``--fix`` changed in each file, as JSON lines a dataset card can cite.

One line per file written: the SHA-256 of the bytes before and after, the lint-news version,
the configuration's fingerprint and every applied fix with the text it replaced. The fix loop
applies fixes in passes, each pass on the text the previous one produced, so the edits are
recorded per pass with offsets into that pass's text: replaying them in order (``replay``) on
the "before" bytes gives the "after" bytes exactly, which is what makes the log evidence
rather than a summary.

Offsets are code points of the text decoded as UTF-8 (``surrogateescape``: a byte that is not
UTF-8 counts as one code point), as everywhere in lint-news.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ...core.model import Edit, apply_edits

if TYPE_CHECKING:
    from ...engine.result import AppliedFix

FORMAT = "lint-news-provenance/1"


def _decode(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fix_record(path: str, before: bytes, after: bytes, applied: Sequence[AppliedFix]) -> dict[str, Any]:
    """The record of one written file (without the run's version and fingerprint, which the
    main process adds: workers build this, the main process appends it).

    Raises ``ValueError`` if the applied fixes do not lead from ``before`` to ``after``: a log
    that cannot be replayed must never be written.
    """
    text = _decode(before)
    fixes: list[dict[str, Any]] = []
    passes: dict[int, list[AppliedFix]] = {}
    for fix in applied:
        passes.setdefault(fix.pass_number, []).append(fix)
    for number in sorted(passes):
        edits: list[Edit] = []
        for fix in passes[number]:
            recorded = [
                {"start": e.start, "end": e.end, "replaced": text[e.start : e.end], "new": e.content}
                for e in fix.edits
            ]
            edits.extend(fix.edits)
            fixes.append(
                {
                    "rule": fix.rule,
                    "applicability": fix.applicability.value,
                    "message": fix.message,
                    "pass": number,
                    "span": [fix.edits[0].start, max(e.end for e in fix.edits)],
                    "edits": recorded,
                }
            )
        text = apply_edits(text, edits)
    if text.encode("utf-8", "surrogateescape") != after:
        raise ValueError(f"{path}: the applied fixes do not reproduce the written bytes")
    return {
        "format": FORMAT,
        "path": path,
        "before_sha256": sha256(before),
        "after_sha256": sha256(after),
        "offsets": "code points of the text as decoded before each pass",
        "fixes": fixes,
    }


def replay(before: bytes, record: dict[str, Any]) -> bytes:
    """The "after" bytes: ``record``'s edits applied pass by pass to ``before``.

    Checks the SHA-256 of both ends and the replaced text of every edit, so a log that does
    not belong to these bytes fails loudly instead of producing a plausible wrong file.
    """
    if sha256(before) != record["before_sha256"]:
        raise ValueError("these bytes are not the file the record starts from")
    text = _decode(before)
    by_pass: dict[int, list[dict[str, Any]]] = {}
    for fix in record["fixes"]:
        by_pass.setdefault(int(fix["pass"]), []).extend(fix["edits"])
    for number in sorted(by_pass):
        edits = []
        for edit in by_pass[number]:
            if text[edit["start"] : edit["end"]] != edit["replaced"]:
                raise ValueError(
                    f"pass {number}: the text at {edit['start']}..{edit['end']} is not "
                    "what the record says was replaced"
                )
            edits.append(Edit(edit["start"], edit["end"], edit["new"]))
        text = apply_edits(text, edits)
    after = text.encode("utf-8", "surrogateescape")
    if sha256(after) != record["after_sha256"]:
        raise ValueError("replaying the record does not give the recorded result")
    return after


class ProvenanceLog:
    """An append-only JSON Lines file, one line per file written, each appended (and closed)
    as its file is written, so an interrupted run keeps the records of the files it did write."""

    def __init__(self, path: str, version: str, fingerprint: str) -> None:
        self.path = path
        self.version = version
        self.fingerprint = fingerprint
        self.count = 0
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)

    def append(self, record: dict[str, Any]) -> None:
        line = {**record, "lint_news_version": self.version, "config_fingerprint": self.fingerprint}
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
        self.count += 1


def read_log(path: str) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
