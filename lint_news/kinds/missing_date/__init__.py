"""Kind ``missing-date``: every article carries a full, plausible publication date near the top.

A news item without a date cannot be ordered, deduplicated against later versions or read in
its time, so a corpus needs one per file. The date belongs in the header: the short lines
between the title and the first body paragraph (bylines, "Ngày đăng 23/09/2024 | 12:43 PM",
"March 20, 2025 - 21:38") or the very start of the lead ("date 2025-03-31 HÀ NỘI —",
"WASHINGTON, March 20, 2025 -"), or a line holding nothing but a date just under the lead.
Dates further down are what the story is *about* ("since 2020", "on June 19"), and
Reuters-style bodies mention the year everywhere, so neither a bare year nor a date deep in
the text may stand in for a missing publication date.

Everything about how dates are written is data in ``rules/missing-date.yaml``: regular
expressions with a few macros (``{year}``, ``{month}``, ``{day}``, ``{month-name}``, and
``{first}``/``{second}`` for numeric dates whose order the ``date-order`` option decides),
month names, weekday names and labels. Users add their own with ``extend-<option>``.

Findings, each with its own message, because each needs a different repair:

- no date at all (pointed at the line after the title, where the date line is expected);
- only a partial date: a day and month without a year, or a month and year without a day
  (pointed at it);
- an impossible date (31/02/2025, month 13);
- an implausible one: in the future of ``reference-date`` or before ``earliest-year``;
- a numeric date whose day/month order cannot be decided (``date-order: auto``, and neither
  the numbers, a weekday before it, nor another date in the header settle it);
- conflicting publication dates on different header lines (an "updated" label is not one).

No fix can invent a date. With ``normalise: true`` a recognised date line (or a labelled date
at the very start of the lead) is rewritten as ``date: YYYY-MM-DD``: unsafe, because the
time, zone and label on that line are dropped.

Only a handful of header lines are examined, each capped in length, with regular expressions
compiled once per configuration, so the cost does not grow with the file.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from ...core.document import BOM, Document
from ...core.model import Applicability, Finding, Fix
from ...core.rule import Rule
from .fallback import event_date, partial_date
from .header import (
    _Date,
    _residue,
    _stamp_ends_line,
    _zone_and_dates,
    nfc,
)
from .options import _NEWLINE_TAIL, _PROSE_WORDS, Options, validate

__all__ = ["Options", "check", "validate"]

# ----- the check -----------------------------------------------------------------------------


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    options: Options = rule.options
    zone, dates = _zone_and_dates(options, doc)
    if zone is None:
        return  # an empty file is not an article; other rules report it
    if options.check == "conflicting":
        yield from _conflicts(doc, rule, options, dates)
        return
    for date in dates:
        if date.status == "impossible":
            yield rule.finding(date.start, date.end,
                               f"impossible date {date.text!r}: {date.detail}")
        elif date.status == "ambiguous":
            yield rule.finding(
                date.start, date.end,
                f"ambiguous numeric date {date.text!r}: day/month order cannot be decided; "
                "set the rule's 'date-order' option to day-first or month-first")
        elif date.status == "future":
            assert date.value is not None
            yield rule.finding(date.start, date.end,
                               f"implausible date {date.text!r} ({date.value.isoformat()}): "
                               f"in the future, {date.detail}")
        elif date.status == "early":
            assert date.value is not None
            yield rule.finding(date.start, date.end,
                               f"implausible date {date.text!r} ({date.value.isoformat()}): "
                               f"{date.detail}, the rule's earliest year")
    if not dates:
        if options.event_dates and event_date(options, doc, zone) is not None:
            return  # dated by its own event, in a caption or the standfirst
        partial = partial_date(options, zone)
        if partial is not None:
            start, end, text, lacks = partial
            yield rule.finding(start, end,
                               f"partial date {text.strip()!r}: {lacks}; "
                               "the article has no full publication date near the top")
        else:
            yield rule.finding(zone.anchor, zone.anchor,
                               "no publication date near the top: expected a date line after "
                               "the title (or a dateline at the start of the first paragraph)")
        return
    if options.normalise:
        yield from _normalise(doc, rule, options, dates)


def _conflicts(doc: Document, rule: Rule, options: Options, dates: list[_Date]) -> Iterator[Finding]:
    """Two publication dates on two header lines that cannot both be right (rule
    ``conflicting-dates``, ``check: conflicting``).

    The article has a date either way, so this is a warning of its own, not a missing date.
    Dates up to ``conflict-tolerance-days`` apart are one moment in two time zones (a site
    stamping its pages in US Pacific time beside a caption dated in Hà Nội). A date after an
    update or repost label ("Cập nhật", "Updated", "Originally published", "Đăng lại") may
    differ; a dateline in the lead is part of the story and is left out, and so is a date
    inside prose on a header line (a photo caption "... in Hà Nội on March 18, 2025"): the day
    of the event, not of the page. Two dates on one line are a range ("10/10/2020 -
    11/10/2020") or a pair of published and updated dates.
    """
    candidates = [date for date in dates if date.status == "ok" and not date.updated
                  and date.role != "lead" and date.value is not None]
    values = [date.value for date in candidates if date.value is not None]
    if not values or (max(values) - min(values)).days <= options.conflict_tolerance_days:
        return  # no two dates are further apart than the tolerance (most headers: one date)
    first: tuple[_Date, datetime.date] | None = None
    for date in candidates:
        assert date.value is not None
        if date.role != "prefix" and _in_prose(options, date):  # (the costly test, last)
            continue
        if first is None:
            first = date, date.value
        elif (abs((date.value - first[1]).days) > options.conflict_tolerance_days
              and date.line.index != first[0].line.index):
            row, _ = doc.position(first[0].start)
            where = "the date prefix" if first[0].role == "prefix" else f"line {row}"
            yield rule.finding(
                date.start, date.end,
                f"conflicting dates in the header: {date.text!r} ({date.value.isoformat()}) "
                f"but {where} has {first[0].text!r} ({first[1].isoformat()})")
            return


def _in_prose(options: Options, date: _Date) -> bool:
    """Whether the date sits in a sentence: besides labels, weekdays and times its line holds
    several words in lower case (a caption, a standfirst), not a date line, a byline or a
    time stamp closing the line."""
    line = date.line.text[: options.max_line_chars]
    start, end = date.start - date.line.start, date.end - date.line.start
    rest = options.residue_regex.sub(" ", nfc(line[:start] + " " + line[end:]))
    lower = sum(1 for word in rest.split() if word[:1].isalpha() and word[:1].islower())
    return lower >= _PROSE_WORDS and not _stamp_ends_line(options, line, end)


def _normalise(doc: Document, rule: Rule, options: Options, dates: list[_Date]) -> Iterator[Finding]:
    """Rewrite the publication date's line as ``date: YYYY-MM-DD`` (opt-in, unsafe).

    Only where nothing but the date, labels, weekday, time and zone sit on the line (so no
    other content is lost), or where a labelled date opens the lead ("date 2025-03-31 HÀ NỘI
    —"): then the date moves to a line of its own above the lead.
    """
    chosen = next((d for d in dates if d.status == "ok" and not d.updated), None)
    if chosen is None or chosen.value is None:
        return
    wanted = options.normalised_line.replace("{date}", chosen.value.isoformat())
    line = chosen.line
    if line.text.strip().lstrip(BOM) == wanted:
        return
    text = line.text[: options.max_line_chars]
    local_start, local_end = chosen.start - line.start, chosen.end - line.start
    message = f"publication date {chosen.text!r} is not on a normalised line ({wanted!r})"
    if chosen.role in ("header", "title", "late"):
        if _residue(options, text, local_start, local_end) or len(line.text) > options.max_line_chars:
            return
        start = line.start + (1 if line.text.startswith(BOM) else 0)
        fix = Fix.replace(start, line.end, wanted, f"Rewrite the date line as {wanted!r}",
                          Applicability.UNSAFE)
        yield rule.finding(chosen.start, chosen.end, message, fix)
        return
    if chosen.role in ("lead", "prefix") and options.lead_prefix_regex.match(text[:local_start]):
        tail = _NEWLINE_TAIL.match(text, local_end)
        cut = local_end if tail is None else tail.end()
        start = line.start + (1 if line.text.startswith(BOM) else 0)
        if cut >= len(line.text):  # nothing else on the line: rewrite it
            fix = Fix.replace(start, line.end, wanted, f"Rewrite the date line as {wanted!r}",
                              Applicability.UNSAFE)
            yield rule.finding(chosen.start, chosen.end, message, fix)
            return
        fix = Fix.replace(start, line.start + cut, wanted + doc.newline,
                          f"Move the date to its own line {wanted!r}", Applicability.UNSAFE)
        yield rule.finding(chosen.start, chosen.end, message, fix)
