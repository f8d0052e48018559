"""Statistics by source: which sources are dirty, by rule (``--statistics --by-source``).

A file's source is, in this order:
1. the ``source`` group (else the first group, else the whole match) of ``source-pattern``,
   a regular expression in the config file, searched in the file's path relative to the
   folder named on the command line (``'^(?P<source>[a-z]+)_'`` for ``vnexpress_0001.txt``);
2. the domain of a ``Source:``/``URL:`` line (or a bare URL line) among the first lines of the
   file, without ``www.``: the file says where it came from;
3. the first folder under the path named on the command line (``corpus/tuoitre/a.txt`` with
   ``lint-news corpus/`` is ``tuoitre``);
4. ``(top)`` for files directly under that path, or named one by one.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from ...config.loader import _read_config_file
from ...text.sources import domain, source_line_domain

__all__ = ["TOP", "Sources", "by_source", "domain", "source_line_domain", "write_source_statistics"]

if TYPE_CHECKING:
    from ...config import Config
    from ...engine.result import FileResult

TOP = "(top)"
HEAD_BYTES = 4096
def source_pattern(config: Config) -> re.Pattern[str] | None:
    """The config file's ``source-pattern``, compiled (errors name the file and key)."""
    if config.path is None:
        return None
    doc = _read_config_file(config.path)
    value = doc.data.get("source-pattern")
    if value is None:
        return None
    if not isinstance(value, str):
        raise doc.error("must be a regular expression", "source-pattern")
    try:
        return re.compile(value)
    except re.error as exc:
        raise doc.error(f"invalid regular expression: {exc}", "source-pattern") from None


class Sources:
    """Names the source of each file of a run (see the module docstring for the order)."""

    def __init__(self, paths: Sequence[str], config: Config, *, read_head: bool = True) -> None:
        self.roots = [os.path.normpath(p) for p in paths if p != "-" and os.path.isdir(p)]
        self.pattern = source_pattern(config)
        self.read_head = read_head

    def relative(self, path: str) -> tuple[str, str | None]:
        """``path`` relative to the command-line folder it was found under, and that folder."""
        normal = os.path.normpath(path)
        for root in sorted(self.roots, key=len, reverse=True):
            if normal.startswith(root.rstrip(os.sep) + os.sep) or root == ".":
                return os.path.relpath(normal, root), root
        return os.path.basename(normal), None

    def of(self, path: str, head: str | None = None) -> str:
        relative, root = self.relative(path)
        if self.pattern is not None:
            match = self.pattern.search(relative.replace(os.sep, "/"))
            if match:
                named = match.groupdict().get("source")
                value = named if named is not None else (match.group(1) if match.groups() else match.group(0))
                if value:
                    return value
        if head is None and self.read_head:
            head = _head(path)
        if head:
            found = source_line_domain(head)
            if found:
                return found
        parts = relative.replace(os.sep, "/").split("/")
        return parts[0] if root is not None and len(parts) > 1 else TOP


def _head(path: str) -> str:
    try:
        with open(path, "rb") as handle:
            return handle.read(HEAD_BYTES).decode("utf-8", "replace")
    except OSError:
        return ""


Counts = tuple[Counter[tuple[str, str]], Counter[tuple[str, str]], Counter[str], Counter[str]]


def by_source(results: Iterable[FileResult], sources: Sources) -> Counts:
    """Finding counts per (rule, source) and fixable ones, and files and clean files per source."""
    counts: Counter[tuple[str, str]] = Counter()
    fixable: Counter[tuple[str, str]] = Counter()
    files: Counter[str] = Counter()
    clean: Counter[str] = Counter()
    for result in results:
        findings = result.findings
        source = sources.of(result.path)
        files[source] += 1
        if not findings:
            clean[source] += 1
        for finding in findings:
            counts[finding.rule, source] += 1
            if finding.fix is not None:
                fixable[finding.rule, source] += 1
    return counts, fixable, files, clean


def write_source_statistics(out: TextIO, results: Iterable[FileResult], sources: Sources, fmt: str) -> None:
    """Counts per rule, then per source under it (text), or one JSON document (``json``)."""
    counts, fixable, files, clean = by_source(results, sources)
    rules: Counter[str] = Counter()
    for (rule, _), n in counts.items():
        rules[rule] += n
    if fmt == "json":
        document: dict[str, Any] = {
            "sources": {s: {"files": files[s], "clean_files": clean[s]} for s in sorted(files)},
            "rules": [
                {
                    "rule": rule,
                    "count": total,
                    "by_source": {
                        s: {"count": n, "fixable": fixable[r, s]}
                        for (r, s), n in sorted(counts.items())
                        if r == rule
                    },
                }
                for rule, total in sorted(rules.items(), key=lambda item: (-item[1], item[0]))
            ],
        }
        out.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        return
    width = max((len(str(n)) for n in rules.values()), default=1)
    for rule, total in sorted(rules.items(), key=lambda item: (-item[1], item[0])):
        out.write(f"{total:>{width}}\t{rule}\n")
        rows = sorted(((s, n) for (r, s), n in counts.items() if r == rule), key=lambda i: (-i[1], i[0]))
        for source, n in rows:
            mark = f" [{fixable[rule, source]} fixable]" if fixable[rule, source] else ""
            out.write(f"{n:>{width}}\t  {source}{mark}\n")
    for source in sorted(files):
        out.write(f"{source}: {clean[source]} of {files[source]} file(s) clean\n")
