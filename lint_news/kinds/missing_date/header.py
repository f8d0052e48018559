"""Where a header's dates are, and what each one is (prefix, title, header, lead, late).

Long because the reading is one piece: the zone, the date formats with their gates, and the
classification of each date share one per-document reading (``missing-date`` and
``conflicting-dates`` both ask for it), and ``app/corpus/dates.py`` reads it too.
"""
from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable
from typing import Literal, NamedTuple

from ...core.document import BOM, Document, Line
from .options import (
    _ASCII_YEAR_DIGITS,
    _CLOSING,
    _DATE_MAX_CHARS,
    _DATELINE_TAIL,
    _DIGIT,
    _SENTENCE_END,
    _SEPARATORS,
    _STAMP_GAP,
    _YEAR_DIGITS,
    Options,
    _blank,
    _Formats,
)

# ----- what was found ------------------------------------------------------------------------

# prefix: the corpus's own date metadata opening the file (" date 2025-03-31 ..."), whatever
# follows it on the line; title: the headline (a date counts only if the line is nothing but a
# date); header: the short lines after it; lead: the first paragraph (a dateline at its start);
# late: the next lines after the lead (a line holding nothing but a date, as some sites print it
# after the sapo)
Role = Literal["prefix", "title", "header", "lead", "late"]

# month: a year and month without a day, accepted only as the corpus prefix (" date 2024-04")
Status = Literal["ok", "month", "impossible", "ambiguous", "future", "early"]


class _Date(NamedTuple):
    """A full date found in the header, with where it is and what is wrong with it, if anything.

    (Named tuples, here and for ``Zone``: a class of them is made in a fifth of the time of a
    frozen dataclass (start-up), and one is built without a ``__setattr__`` per field.)"""

    start: int
    end: int
    line: Line
    role: Role
    status: Status
    value: datetime.date | None
    detail: str = ""
    updated: bool = False
    numeric: tuple[int, int, int] | None = None  # (first, second, year) of a numeric date

    @property
    def text(self) -> str:
        return self.line.text[self.start - self.line.start : self.end - self.line.start]


class Zone(NamedTuple):
    """The lines examined: the title, the short header lines after it, and the lead."""

    anchor: int
    lines: tuple[tuple[Line, Role], ...]


class _Reading:
    """One document's header read under one set of reading options: its zone, and its full
    dates for each reference date they were judged against (one, unless a run spans midnight)."""

    __slots__ = ("dates", "zone")

    def __init__(self, zone: Zone | None) -> None:
        self.zone = zone
        self.dates: dict[datetime.date, list[_Date]] = {}


def _readings(doc: Document) -> dict[str, _Reading]:
    """The header as read under each set of reading options (``Options.header_key``).

    Why: missing-date and conflicting-dates are two rules of one kind that read the same
    header with the same vocabulary; through ``Document.derived`` the second one finds the
    first one's reading instead of matching every format on every header line again.
    """
    return {}


def _reading(doc: Document, options: Options) -> _Reading:
    readings = doc.derived(_readings)
    reading = readings.get(options.header_key)
    if reading is None:
        reading = readings[options.header_key] = _Reading(_read_zone(doc, options))
    return reading


def _zone(doc: Document, options: Options) -> Zone | None:
    return _reading(doc, options).zone


def _read_zone(doc: Document, options: Options) -> Zone | None:
    lines = doc.lines
    title = doc.title_line
    picked: list[tuple[Line, Role]] = []
    if title is None:
        # the shared heuristic takes a headline ending "FOR U.S." for a sentence; a short
        # line that does not read like a sentence is still a title here
        first = 0
        while first < len(lines) and lines[first].is_blank:
            first += 1
        if first >= len(lines):
            return None
        if not _looks_like_body(lines[first].text, options) and first + 1 < len(lines):
            title = first
    if title is not None:
        picked.append((lines[title], "title"))
        first = title + 1
    anchor = lines[first].start if first < len(lines) else lines[-1].end
    seen = late = 0
    role: Role = "header"
    labels = doc.section_label_lines
    for index in range(first, len(lines)):
        line = lines[index]
        if line.is_blank or index in labels:
            continue
        if role == "late":
            picked.append((line, "late"))
            late += 1
            if late >= options.late_lines:
                break
            continue
        if _looks_like_body(line.text[: options.max_line_chars], options):
            picked.append((line, "lead"))
            role = "late"
            if options.late_lines == 0:
                break
            continue
        picked.append((line, "header"))
        seen += 1
        if seen >= options.header_lines:
            break
    return Zone(anchor, tuple(picked))


def _looks_like_body(text: str, options: Options) -> bool:
    """A sentence or a long line: the lead paragraph, where the header zone ends.

    Short lines without a full stop (bylines, captions ending "Photo |", spam lines glued
    after the title) are still header lines.
    """
    # the words up to body_min_words: a long line is not split to its end to count them
    words = len(text.split(None, options.body_min_words - 1))
    if words >= options.body_min_words:
        return True
    return words >= options.lead_min_words and _ends_sentence(text)


def _ends_sentence(text: str) -> bool:
    """``_SENTENCE_END.search(text)``, searched only where a match can start.

    A match is a stop followed by nothing but closing quotes and whitespace to the end of the
    line, so it can only start at the last character left when those are stripped: searching
    from there (the lookbehinds still see what precedes) spares ``re`` trying every position
    of the line. tests/rules/test_missing_date.py checks the two agree."""
    tail = text.rstrip().rstrip(_CLOSING)
    return bool(tail) and _SENTENCE_END.search(text, len(tail) - 1) is not None


def _searchable(options: Options, line: Line, role: Role) -> str:
    """The part of a line worth matching; empty when no date can count there.

    Every full date format needs a year (four digits in a row), a lead's dateline sits in its
    first characters, and a line after the lead counts only if it is a short date line:
    skipping the rest keeps the rule's cost per file small and flat (most header lines of a
    news page are bylines, captions and leads without a year: no format is tried on them).
    """
    text = line.text[: options.max_line_chars]
    if role == "lead":
        text = text[: options.dateline_chars + _DATE_MAX_CHARS]
    if role == "late" and _looks_like_body(text, options):
        # (asked first: most lines after the lead are body sentences, told by their first
        # few words, where the search for a year would read the whole line)
        return ""
    # (an ASCII line's only digits are 0-9: its year is looked for with a range, not \d)
    if not (_ASCII_YEAR_DIGITS if text.isascii() else _YEAR_DIGITS).search(text):
        return ""
    return text


def _full_dates(options: Options, doc: Document, zone: Zone) -> list[_Date]:
    """The full dates of the header zone (the one ``_zone`` gave for these options), read once
    per document for every rule with the same reading options."""
    reference = options.reference or datetime.datetime.now(datetime.timezone.utc).date()
    reading = _reading(doc, options)
    if reading.zone is not zone:  # a zone of the caller's own: read it, remember nothing
        return _read_dates(options, doc, zone, reference)
    dates = reading.dates.get(reference)
    if dates is None:
        dates = reading.dates[reference] = _read_dates(options, doc, zone, reference)
    return list(dates)  # the caller's own list: the shared one stays as read


def _zone_and_dates(options: Options, doc: Document) -> tuple[Zone | None, list[_Date]]:
    """``_zone`` and then ``_full_dates`` of that zone (no dates without one), with one
    lookup of the document's reading: what every check asks, once per rule and file."""
    reading = _reading(doc, options)
    zone = reading.zone
    if zone is None:
        return None, []
    reference = options.reference or datetime.datetime.now(datetime.timezone.utc).date()
    dates = reading.dates.get(reference)
    if dates is None:
        dates = reading.dates[reference] = _read_dates(options, doc, zone, reference)
    return zone, list(dates)  # the caller's own list: the shared one stays as read


def _read_dates(options: Options, doc: Document, zone: Zone, reference: datetime.date) -> list[_Date]:
    prefix = _prefix_date(options, doc, reference)
    found: list[_Date] = [prefix] if prefix is not None else []
    for line, role in zone.lines:
        text = _searchable(options, line, role)
        if not text:
            continue
        matches = date_matches(options.strict, text)
        if not matches and role == "header":
            matches = date_matches(options.loose, text)
        for match in matches:
            if (prefix is not None and line.index == prefix.line.index
                    and line.start + match.start() < prefix.end):
                continue  # the prefix itself, already read
            if role == "lead" and not _at_lead_start(options, text, match):
                continue
            if (role in ("title", "late") and _residue(options, text, match.start(), match.end())
                    and not _stamp_ends_line(options, text, match.end())):
                continue  # a date inside a headline or a body sentence is news, not metadata
            found.append(evaluate(options, line, role, text, match, reference))
    if options.date_order == "auto":
        found = _resolve_auto(options, found, reference)
    return found


def _prefix_date(options: Options, doc: Document, reference: datetime.date) -> _Date | None:
    """The corpus's date metadata at the very start of the file, if there is one.

    Scraped corpora print the page's date metadata before the text (" date 2025-03-31 "),
    and what follows on the same line is whatever the page began with: a dateline, the
    title, a photo caption, a section label, a site banner, or nothing. The prefix is the
    publication date in every case, so it is read on its own, before the header is split
    into title and lead. A year and month without a day (" date 2024-04") is what the
    corpus had: accepted as a date, too coarse to compare with another.
    """
    if not options.prefix:
        return None
    line = next((candidate for candidate in doc.lines if not candidate.is_blank), None)
    if line is None:
        return None
    text = line.text[: options.max_line_chars]
    if not _DIGIT.search(text[:_DATE_MAX_CHARS]):
        return None
    for fmt in options.prefix:
        match = fmt.regex.match(text)
        if match is None:
            continue
        groups = {k: v for k, v in match.groupdict().items() if v is not None}
        first = min(match.start(name) for name in groups if name in ("year", "month", "day"))
        start, end = line.start + first, line.start + match.end()
        year, month = int(groups["year"]), int(groups["month"])

        def make(status: Status, value: datetime.date | None, detail: str = "",
                 start: int = start, end: int = end, line: Line = line) -> _Date:
            return _Date(start, end, line, "prefix", status, value, detail)

        if "day" in groups:
            return _checked(options, make, year, month, int(groups["day"]), reference)
        if not 1 <= month <= 12:
            return make("impossible", None, f"there is no month {month}")
        return make("month", None)
    return None


def date_matches(formats: _Formats, text: str) -> list[re.Match[str]]:
    """Matches of all formats, earliest first, dropping any that overlap an earlier one."""
    opened = [gate.found(text) for gate in formats.gates]  # each gate searched once
    candidates: list[re.Match[str]] = []
    for fmt, slot in formats.steps:
        if slot < 0 or opened[slot]:
            candidates.extend(fmt.regex.finditer(text))
    if len(candidates) < 2:  # (most lines: one date or none)
        return candidates
    candidates.sort(key=_earliest_longest)
    kept: list[re.Match[str]] = []
    for match in candidates:
        if kept and match.start() < kept[-1].end():
            continue
        kept.append(match)
    return kept


def _earliest_longest(match: re.Match[str]) -> tuple[int, int]:
    return match.start(), match.start() - match.end()


def _at_lead_start(options: Options, text: str, match: re.Match[str]) -> bool:
    """In the lead only a dateline counts: a date opening it, before the story starts.

    Before the date there may be only labels and capitalised words (a place, an agency), and
    after it (and any time, zone or "(Reuters)") a dash, a bar, a colon or a capitalised word:
    "HÀ NỘI, March 31, 2025 —", "EDMONTON, Alberta, March 20 -", "date 2025-03-31 HÀ NỘI —"
    count. "Exports rose on March 31, 2024" and "Ngày 31/12/2020, ông ..." ("On 31/12/2020,
    Mr ...") are the story's first sentence: what happened then, not when it was published.
    """
    if match.start() > options.dateline_chars:
        return False
    after = options.residue_regex.sub(_blank, text[match.end() : match.end() + 80])
    tail = _DATELINE_TAIL.match(after)
    following = after[tail.end() if tail else 0 :][:1]
    if following and following not in "-–—|:" and not following.isupper():
        return False  # ", the ministry said" / ", ông ...": the first sentence goes on
    prefix = options.residue_regex.sub(" ", text[: match.start()])
    for word in prefix.split():
        word = word.strip(BOM + "([{\"'“‘«,;:.-–—|")
        if word and word[0].isalpha() and not word[0].isupper():
            return False  # "... rose in 2024 and on March 31": a sentence is under way
    return True


def _stamp_ends_line(options: Options, text: str, end: int) -> bool:
    """Whether a clock time follows the date and nothing but a zone follows that: a page's
    time stamp glued to a byline or a headline ("Nikkei staff writerOctober 11, 2023 18:44
    JST", "<headline> 06/12/2025 17:07"). Stories write the day of an event, not a stamp
    with minutes closing a line."""
    tail = _STAMP_GAP.match(text, end)
    time = re.match(options.time_pattern, text[tail.end() if tail else end :])
    if time is None or not time.group(0).strip():
        return False
    rest = text[(tail.end() if tail else end) + time.end() :]
    return not _SEPARATORS.sub("", options.residue_regex.sub(" ", nfc(rest)))


def nfc(text: str) -> str:
    """Labels and weekdays in decomposed Vietnamese ("Ngày đăng" typed as base letters plus
    combining marks) still match; only used where no offsets are needed."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def _residue(options: Options, text: str, start: int, end: int) -> str:
    """What is left on the line besides the date, labels, weekdays, times and separators."""
    rest = nfc(text[:start] + " " + text[end:])
    rest = options.residue_regex.sub(" ", rest)
    return _SEPARATORS.sub("", rest)


def evaluate(options: Options, line: Line, role: Role, text: str,
              match: re.Match[str], reference: datetime.date) -> _Date:
    groups = match.groupdict()
    start, end = line.start + match.start(), line.start + match.end()
    before = nfc(text[max(0, match.start() - 40) : match.start()])
    updated = False
    for label in options.label_regex.finditer(before):
        updated = label.lastgroup == "updated"  # the nearest label before the date decides
    year = int(groups["year"])
    numeric = None
    if groups.get("first") and groups.get("second"):
        numeric = int(groups["first"]), int(groups["second"]), year

    def make(status: Status, value: datetime.date | None, detail: str = "") -> _Date:
        return _Date(start, end, line, role, status, value, detail, updated, numeric)

    if numeric is None:
        if groups.get("mname"):
            month = options.months.get(groups["mname"].lower().rstrip("."), 0)
        else:
            month = int(groups["month"])
        return _checked(options, make, year, month, int(groups["day"]), reference)
    first, second, _ = numeric
    order: str = options.date_order
    if order == "auto":
        weekdays = [options.days[w.group(0).lower()] for w in options.weekday_regex.finditer(before)]
        order = _decide(first, second, year, weekdays[-1] if weekdays else None) or "auto"
    if order == "auto":
        return make("ambiguous", None)
    day, month = (first, second) if order == "day-first" else (second, first)
    return _checked(options, make, year, month, day, reference)


def _decide(first: int, second: int, year: int, weekday: int | None) -> str | None:
    """The order of one numeric date, if the numbers (or the weekday before it) tell."""
    if first == second or first > 12 >= second:
        return "day-first"
    if second > 12 >= first:
        return "month-first"
    if first > 12 and second > 12:
        return "day-first"  # impossible either way; reported as such
    if weekday is not None:
        fits = [order for order, (day, month) in (("day-first", (first, second)),
                                                   ("month-first", (second, first)))
                if (value := safe_date(year, month, day)) and value.isoweekday() == weekday]
        if len(fits) == 1:
            return fits[0]
    return None


def _checked(options: Options, make: Callable[..., _Date], year: int, month: int, day: int,
             reference: datetime.date) -> _Date:
    try:
        value = datetime.date(year, month, day)
    except ValueError:
        if not 1 <= month <= 12:
            return make("impossible", None, f"there is no month {month}")
        return make("impossible", None, f"{_MONTHS[month - 1]} has no day {day} in {year}")
    if year < options.earliest_year:
        return make("early", value, f"before {options.earliest_year}")
    if (value - reference).days > options.future_tolerance_days:
        return make("future", value, f"after the reference date {reference.isoformat()}")
    return make("ok", value)


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def _resolve_auto(options: Options, found: list[_Date], reference: datetime.date) -> list[_Date]:
    """With ``date-order: auto``, the document's other numeric dates may decide the order.

    "13/04/2021" on one line shows that "03/04/2021" on another is day-first too, and so does
    "April 3, 2021" beside it.
    """
    if not any(d.status == "ambiguous" for d in found):
        return found
    order: str | None = None
    named = {d.value for d in found if d.status == "ok" and d.value is not None and d.numeric is None}
    for date in found:
        if date.numeric is None:
            continue
        first, second, year = date.numeric
        if date.status == "ambiguous":
            if safe_date(year, second, first) in named:
                order = "day-first"
            elif safe_date(year, first, second) in named:
                order = "month-first"
        else:
            order = _decide(first, second, year, None) or order
    if order is None:
        return found
    resolved = []
    for date in found:
        if date.status != "ambiguous" or date.numeric is None:
            resolved.append(date)
            continue
        first, second, year = date.numeric
        day, month = (first, second) if order == "day-first" else (second, first)

        def make(status: Status, value: datetime.date | None, detail: str = "",
                 base: _Date = date) -> _Date:
            return _Date(base.start, base.end, base.line, base.role, status, value, detail,
                         base.updated, base.numeric)

        resolved.append(_checked(options, make, year, month, day, reference))
    return resolved


def safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None
