"""One pass over a corpus for the corpus-level commands: each file linted (through the
results cache and the worker pool, as a normal run), then read once more here for what only the
whole corpus can answer: its MinHash signature, its publication date and its source.

What is kept per file is a few numbers (``FileFacts``) and a signature, never the text, so
memory grows by about a kilobyte per document whatever their size.
"""

from __future__ import annotations

import datetime
import os
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...core.document import Document
from ...core.errors import FileProblem
from ..cache import Cache, cache_root
from ..files import discover, read_bytes
from ..parallel import RunOptions, run
from .dates import date_rule, publication_date
from .stats import Sources

if TYPE_CHECKING:
    from ...config import Config
    from .dedup import Deduplicator


MAX_DETAILS = 50


@dataclass
class FileFacts:
    path: str
    source: str
    date: datetime.date | None
    rules: Counter[str] = field(default_factory=Counter)
    # with scan(details=True): (rule, line, column, message) of the first findings (the report
    # keeps them for its worst files only)
    details: list[tuple[str, int, int, str]] = field(default_factory=list)

    @property
    def findings(self) -> int:
        return sum(self.rules.values())


def read_text(path: str) -> str:
    """A file's text as the rules saw it (for the exact comparison of candidate duplicates)."""
    try:
        with open(path, "rb") as handle:
            return handle.read().decode("utf-8", "surrogateescape")
    except OSError:
        return ""  # vanished since it was scanned: it matches nothing


def scan(
    paths: Sequence[str],
    config: Config,
    *,
    jobs: int | None = None,
    use_cache: bool = True,
    dedup: Deduplicator | None = None,
    problems: list[FileProblem] | None = None,
    details: bool = False,
    progress: Callable[[FileFacts], None] | None = None,
) -> Iterator[FileFacts]:
    """The facts of every file under ``paths``, in discovery order."""
    cache = None
    if use_cache and not os.environ.get("LINT_NEWS_NO_CACHE"):
        cache = Cache(cache_root(config), config)
    rule = date_rule(config)
    sources = Sources(paths, config, read_head=False)
    items = (item for item in discover(paths, config) if item != "-")
    for outcome in run(items, config, RunOptions(), jobs=jobs, cache=cache):
        if isinstance(outcome, (FileProblem, str)):
            if isinstance(outcome, FileProblem) and problems is not None:
                problems.append(outcome)
            continue
        if problems is not None:
            problems.extend(outcome.problems)
        if outcome.view is None:
            continue
        raw = read_bytes(outcome.path, config.max_file_size)
        if isinstance(raw, FileProblem):
            continue
        doc = Document.from_bytes(raw, outcome.path, config.structure)
        date = publication_date(doc, rule) if rule is not None and not doc.binary else None
        facts = FileFacts(outcome.path, sources.of(outcome.path, doc.text[:4096]), date)
        view = outcome.view
        for finding in outcome.findings:
            facts.rules[finding.rule] += 1
            if details and len(facts.details) < MAX_DETAILS:
                row, column = view.position(finding.start)
                facts.details.append((finding.rule, row, column, finding.message))
        if dedup is not None and not doc.binary:
            dedup.add(outcome.path, doc.text, date, facts.findings)
        if progress is not None:
            progress(facts)
        yield facts
