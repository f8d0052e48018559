"""Baselines: adopt lint-news on a corpus that is not clean yet, failing only on new findings.

``lint-news --generate-baseline FILE`` records today's findings; with ``baseline: FILE`` in the
config, findings recorded there are not reported and do not fail the run. A finding is
identified by a fingerprint that survives edits elsewhere in the file:

- the rule id,
- the file path relative to the config root (POSIX separators),
- the content of the line the finding starts on, normalised (Unicode NFC, whitespace runs
  collapsed to one space, ends stripped), hashed.

Line numbers are not part of it, so moving a paragraph or adding lines above keeps a
baselined finding suppressed. Duplicates are counted: a file with the same defect on three
identical lines needs three baselined occurrences, and a fourth copy is reported. A new copy
of the same defect in another file is reported too (the path is part of the fingerprint).

Re-running ``--generate-baseline`` replaces the entries of the files it checked with their
current findings (fixed findings drop out, so the baseline only shrinks as the corpus is
cleaned); entries of files not checked in that run are kept while the file still exists.
"""

from __future__ import annotations

import hashlib
import json
import os
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.document import Document
from ..core.errors import LintNewsError
from ..core.model import Finding
from .files import write_atomic

FORMAT_VERSION = 1
_EXCERPT = 80


class BaselineError(LintNewsError):
    """The baseline file is missing or malformed (exit status 2)."""


def normalise_line(text: str) -> str:
    """The line content a fingerprint hashes: NFC, whitespace collapsed, ends stripped."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def line_text(doc: Document, finding: Finding) -> str:
    line = doc.line_at(finding.start)
    return "" if line is None else line.text


def fingerprint(rule: str, line: str) -> str:
    """Stable id of a finding within one file: rule and normalised line content."""
    data = f"{rule}\0{normalise_line(line)}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:20]


Key = tuple[str, str]  # (rule, fingerprint)


@dataclass
class Baseline:
    """Recorded findings per relative path: a multiset of (rule, fingerprint)."""

    files: dict[str, Counter[Key]] = field(default_factory=dict)
    excerpts: dict[tuple[str, str, str], str] = field(default_factory=dict)

    def __len__(self) -> int:
        return sum(sum(counter.values()) for counter in self.files.values())

    # ----- building -----------------------------------------------------------------
    def record(self, relpath: str, doc: Document, findings: Iterable[Finding]) -> None:
        """Replace ``relpath``'s entries with these findings."""
        counter: Counter[Key] = Counter()
        for finding in findings:
            line = line_text(doc, finding)
            key = (finding.rule, fingerprint(finding.rule, line))
            counter[key] += 1
            excerpt = normalise_line(line)
            if len(excerpt) > _EXCERPT:
                excerpt = excerpt[: _EXCERPT - 1] + "…"
            self.excerpts.setdefault((relpath, *key), excerpt)
        if counter:
            self.files[relpath] = counter
        else:
            self.files.pop(relpath, None)

    # ----- filtering ----------------------------------------------------------------
    def filter(self, relpath: str, doc: Document, findings: Sequence[Finding]) -> tuple[list[Finding], int]:
        """The findings not covered by the baseline, and how many were suppressed."""
        budget = Counter(self.files.get(relpath, ()))
        if not budget:
            return list(findings), 0
        kept: list[Finding] = []
        suppressed = 0
        for finding in findings:
            key = (finding.rule, fingerprint(finding.rule, line_text(doc, finding)))
            if budget[key] > 0:
                budget[key] -= 1
                suppressed += 1
            else:
                kept.append(finding)
        return kept, suppressed

    # ----- files --------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        files: dict[str, list[dict[str, Any]]] = {}
        for relpath in sorted(self.files):
            entries = []
            for (rule, print_), count in sorted(self.files[relpath].items()):
                entry: dict[str, Any] = {"rule": rule, "fingerprint": print_, "count": count}
                excerpt = self.excerpts.get((relpath, rule, print_))
                if excerpt is not None:
                    entry["line"] = excerpt
                entries.append(entry)
            files[relpath] = entries
        return {
            "lint-news-baseline": FORMAT_VERSION,
            "comment": "Findings recorded by 'lint-news --generate-baseline'; only new ones are "
            "reported. 'line' is for reading only: matching uses rule and fingerprint.",
            "files": files,
        }

    def write(self, path: str) -> None:
        data = (json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        if not os.path.exists(path):
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            Path(path).write_bytes(b"")
        problem = write_atomic(path, data)
        if problem is not None:
            raise BaselineError(f"{path}: {problem.message}")


def load(path: str) -> Baseline:
    """Read a baseline file; BaselineError if it is missing or malformed."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise BaselineError(
            f"{path}: baseline file not found (create it with 'lint-news --generate-baseline {path} PATH...')"
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc}") from None
    if not isinstance(data, dict) or data.get("lint-news-baseline") != FORMAT_VERSION:
        raise BaselineError(f"{path}: not a lint-news baseline (version {FORMAT_VERSION})")
    files = data.get("files")
    if not isinstance(files, dict):
        raise BaselineError(f"{path}: 'files' must be a mapping")
    baseline = Baseline()
    for relpath, entries in files.items():
        counter: Counter[Key] = Counter()
        if not isinstance(entries, list):
            raise BaselineError(f"{path}: {relpath}: must be a list of findings")
        for entry in entries:
            try:
                rule, print_, count = entry["rule"], entry["fingerprint"], entry.get("count", 1)
            except (TypeError, KeyError):
                raise BaselineError(f"{path}: {relpath}: each entry needs 'rule' and 'fingerprint'") from None
            if not (isinstance(rule, str) and isinstance(print_, str)
                    and isinstance(count, int) and not isinstance(count, bool) and count > 0):
                raise BaselineError(f"{path}: {relpath}: malformed entry {entry!r}")
            counter[(rule, print_)] += count
            if isinstance(entry.get("line"), str):
                baseline.excerpts[(relpath, rule, print_)] = entry["line"]
        if counter:
            baseline.files[relpath] = counter
    return baseline


def regenerate(path: str, root: str, checked: Iterable[tuple[str, Document, Sequence[Finding]]]) -> Baseline:
    """A new baseline: the checked files' current findings, plus the old entries of files
    this run did not check that still exist (so running on a subset loses nothing)."""
    try:
        old = load(path)
    except BaselineError:
        old = Baseline()
    new = Baseline()
    seen: set[str] = set()
    for relpath, doc, findings in checked:
        seen.add(relpath)
        new.record(relpath, doc, findings)
    for relpath, counter in old.files.items():
        if relpath in seen or not os.path.isfile(os.path.join(root, relpath)):
            continue
        new.files[relpath] = counter
        for key, excerpt in old.excerpts.items():
            if key[0] == relpath:
                new.excerpts[key] = excerpt
    return new
