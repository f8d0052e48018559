"""What ``missing-date`` looks at when the header has no full publication date: a dated event
near the top (a photo caption, a standfirst) that dates the page after all, and an incomplete
date (a day and month, a month and year) to point at as the line to repair."""

from __future__ import annotations

import datetime
import re

from ...core.document import Document
from ...text.regex.lazy import LazyPattern
from .header import Zone, date_matches, evaluate, nfc, safe_date
from .options import _DIGIT, _YEAR_DIGITS, Options

# a year in running text: four digits that are not part of a longer number ("12.500", "2,000.5")
_YEAR = LazyPattern(r"(?<![\d.,])(?:1[89]|20)\d\d(?!\d|[.,]\d)")
# after a date that closes a standfirst: only the sentence's end
_CLOSING = LazyPattern(r"[\s.!?…\"'”’»)]*\Z")


def event_date(options: Options, doc: Document, zone: Zone) -> tuple[int, int] | None:
    """A full date of the story's own event near the top, where no publication date is:
    the page is dated, only not by a date line (rule option ``event-dates``).

    Two places carry it: a photo caption among the header lines or just under the lead (a
    line ending in a credit, "… on March 3, 2024. (Photo: VNA)"): news photos are captioned
    with the day they were taken, the day of the story; and a standfirst, a lead shorter than
    ``body-min-words`` that closes on the date ("X held talks with Y in Z on March 3, 2024."),
    the summary of the event the page reports. A dateline-less story whose first paragraph
    opens on a date ("On 3/3/2024, Mr X ...") or mentions one on the way is not a standfirst,
    and a date in a body paragraph is background, so neither counts: wire and Vietnamese
    bodies are full of such dates, and they must not hide a removed date line. A date older
    than a year the page mentions is background too (an archive photo, "since March 3,
    2015"), so the date must be of the latest year in the text.
    """
    reference = options.reference or datetime.datetime.now(datetime.timezone.utc).date()
    for line, role in zone.lines:
        if role == "title":
            continue
        text = line.text[: options.max_line_chars]
        if not _YEAR_DIGITS.search(text):
            continue  # no year, no full date
        caption = options.caption_regex.search(nfc(text)) is not None
        standfirst = role == "lead" and len(text.split()) < options.body_min_words
        if not caption and not standfirst:
            continue
        for match in date_matches(options.strict, text):
            if not caption and not _CLOSING.match(text, match.end()):
                continue
            date = evaluate(options, line, role, text, match, reference)
            if date.status == "ok" and date.value is not None and not _later_year(
                    doc, date.value.year, reference.year):
                return date.start, date.end
    return None


def _later_year(doc: Document, year: int, this_year: int) -> bool:
    """Whether the text mentions a year after ``year`` (up to the reference date's year)."""
    return any(year < int(m.group(0)) <= this_year for m in _YEAR.finditer(doc.text))


def partial_date(options: Options, zone: Zone) -> tuple[int, int, str, str] | None:
    """The first incomplete date (a day and month, a month and year, a two-digit year) near
    the top, with what it lacks: pointed at where it is, because that is the line to repair.

    Near the top means the title ("VIETNAM, November 22 -" alone on the first line, or a
    headline "... on May 4"), the header lines and the whole lead ("... granted the licence
    on May 16"); lines after the lead are the story. Only a day and month that exist count
    ("24/7" is a phrase, "31/4" no date).
    """
    for line, role in zone.lines:
        if role == "late":
            continue
        text = line.text[: options.max_line_chars]
        if not _DIGIT.search(text):
            continue
        full = date_matches(options.strict, text)
        for match in date_matches(options.partial, text):
            if not _possible_partial(options, match) or any(
                    m.start() < match.end() and match.start() < m.end() for m in full):
                continue  # "November 10" of "November 10, 2022": a full date, of the story
            groups = match.groupdict()
            lacks = ("a two-digit year does not say which century" if groups.get("yy")
                     else "month and year without a day" if groups.get("year")
                     else "day and month without a year")
            return line.start + match.start(), line.start + match.end(), match.group(0), lacks
    return None


def _possible_partial(options: Options, match: re.Match[str]) -> bool:
    """Whether the day and month of a partial date could be a day of some year."""
    groups = match.groupdict()
    if groups.get("mname"):
        months = [options.months.get(groups["mname"].lower().rstrip("."), 0)]
    elif groups.get("month"):
        months = [int(groups["month"])]
    else:
        months = []
    if groups.get("day"):
        pairs = [(int(groups["day"]), month) for month in months]
    elif groups.get("first") and groups.get("second"):
        first, second = int(groups["first"]), int(groups["second"])
        orders = {"day-first": [(first, second)], "month-first": [(second, first)]}
        pairs = orders.get(options.date_order, [(first, second), (second, first)])
    else:
        return all(1 <= month <= 12 for month in months)
    return any(safe_date(2000, month, day) is not None for day, month in pairs)  # a leap year
