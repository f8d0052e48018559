"""The publication date of an article, read exactly as the missing-date rule reads it.

Corpus mode keeps the earliest copy of a story by it, and the HTML report counts defects by
its month: one reading of dates in the project, not two. The rule exposes no public reader
yet, so this calls its header parsing (``header._zone`` and ``header._full_dates``); when the
kind grows a public ``publication_date``, this module shrinks to an import of it.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from ...config import load_config
from ...kinds.missing_date import header

if TYPE_CHECKING:
    from ...config import Config
    from ...core.document import Document
    from ...core.rule import Rule


def date_rule(config: Config) -> Rule | None:
    """The missing-date rule as configured (its date formats and order), or the built-in one."""
    rule = config.rule("missing-date")
    if rule is None:
        rule = load_config(isolated=True, select=["missing-date"]).rule("missing-date")
    return rule


def publication_date(doc: Document, rule: Rule) -> datetime.date | None:
    """The first plausible full date in the header that is not an "updated" one, or None."""
    options = rule.options
    zone = header._zone(doc, options)
    if zone is None:
        return None
    dates = header._full_dates(options, doc, zone)
    for date in dates:
        if date.status == "ok" and date.value is not None and not date.updated:
            value: datetime.date = date.value
            return value
    return None
