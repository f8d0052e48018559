"""The publication date of an article, read exactly as the missing-date rule reads it.

Corpus mode keeps the earliest copy of a story by it, and the HTML report counts defects by
its month: one reading of dates in the project, not two. The rule exposes no public reader
yet, so this calls its header parsing (``_zone`` and ``_full_dates``), in the rule's module or,
once the kind is a package, its ``header`` module; when the kind grows a public
``publication_date``, this module shrinks to an import of it.
"""

from __future__ import annotations

import contextlib
import datetime
import importlib
import inspect
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ...config import Config
    from ...core.document import Document
    from ...core.rule import Rule

_PARSER: list[tuple[Any, Any, bool]] = []


def _parser() -> tuple[Any, Any, bool]:
    if not _PARSER:
        module: Any = importlib.import_module("lint_news.kinds.missing_date")
        with contextlib.suppress(ImportError):
            module = importlib.import_module("lint_news.kinds.missing_date.header")
        full_dates = module._full_dates
        takes_doc = len(inspect.signature(full_dates).parameters) == 3  # (options, doc, zone)
        _PARSER.append((module._zone, full_dates, takes_doc))
    return _PARSER[0]


def date_rule(config: Config) -> Rule | None:
    """The missing-date rule as configured (its date formats and order), or the built-in one."""
    rule = config.rule("missing-date")
    if rule is None:
        from ...config import load_config

        rule = load_config(isolated=True, select=["missing-date"]).rule("missing-date")
    return rule


def publication_date(doc: Document, rule: Rule) -> datetime.date | None:
    """The first plausible full date in the header that is not an "updated" one, or None."""
    zone_of, full_dates, takes_doc = _parser()
    options = rule.options
    zone = zone_of(doc, options)
    if zone is None:
        return None
    dates = full_dates(options, doc, zone) if takes_doc else full_dates(options, zone)
    for date in dates:
        if date.status == "ok" and date.value is not None and not date.updated:
            value: datetime.date = date.value
            return value
    return None
