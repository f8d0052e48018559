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
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from ..core.document import BOM, Document, Line
from ..core.model import Applicability, Finding, Fix
from ..core.options import option_error
from ..core.rule import Rule
from ..text.regex.lazy import LazyPattern

_MACROS = LazyPattern(r"\{(year|month|day|month-name|first|second)\}")
# a full stop after a lone capital is an abbreviation or an initial ("FOR U.S."), not a sentence end
_SENTENCE_END = LazyPattern(r"(?<!\s[A-Z])(?<!\.[A-Z])(?<!^[A-Z])[.!?…。][\"'”’»)]*\s*$")
_SEPARATORS = LazyPattern(r"[\s|,;:.\-–—/()\[\]!]+")
_DIGIT = LazyPattern(r"\d")
# room after a lead's dateline for the date itself, a time, a zone and "(Reuters) -"
_DATE_MAX_CHARS = 100
_NEWLINE_TAIL = LazyPattern(r"[\s|,;:\-–—]*")
# skipped after a dateline's date: spaces and an agency in brackets ("(Reuters)", "(VNA)")
_DATELINE_TAIL = LazyPattern(r"\s*(?:\([^()]{0,40}\)\s*)*")


def _blank(match: re.Match[str]) -> str:
    """Replace a match with as many spaces (offsets stay put)."""
    return " " * (match.end() - match.start())


@dataclass(frozen=True)
class _Format:
    """One compiled date format and the text it was written as (for messages and debugging)."""

    regex: re.Pattern[str]
    source: str


@dataclass(frozen=True)
class Options:
    """How dates are written and where they are looked for (defaults are in the YAML file)."""

    date_order: Literal["day-first", "month-first", "auto"] = "day-first"
    date_formats: tuple[str, ...] = ()
    loose_date_formats: tuple[str, ...] = ()
    partial_date_formats: tuple[str, ...] = ()
    month_names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    weekdays: dict[str, tuple[str, ...]] = field(default_factory=dict)
    published_labels: tuple[str, ...] = ()
    updated_labels: tuple[str, ...] = ()
    time_pattern: str = r"T?\d{1,2}[:h]\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?|Z(?![^\W\d_]))?"
    time_zones: tuple[str, ...] = ()
    header_lines: int = 8
    late_lines: int = 2
    lead_min_words: int = 6
    body_min_words: int = 25
    dateline_chars: int = 60
    max_line_chars: int = 400
    earliest_year: int = 1900
    reference_date: str = ""
    future_tolerance_days: int = 1
    normalise: bool = False
    normalised_line: str = "date: {date}"
    strict: tuple[_Format, ...] = field(init=False, repr=False, compare=False)
    loose: tuple[_Format, ...] = field(init=False, repr=False, compare=False)
    partial: tuple[_Format, ...] = field(init=False, repr=False, compare=False)
    months: dict[str, int] = field(init=False, repr=False, compare=False)
    days: dict[str, int] = field(init=False, repr=False, compare=False)
    # built from listed words (escaped) and the validated time pattern: compiled on first use
    weekday_regex: LazyPattern = field(init=False, repr=False, compare=False)
    label_regex: LazyPattern = field(init=False, repr=False, compare=False)
    residue_regex: LazyPattern = field(init=False, repr=False, compare=False)
    lead_prefix_regex: LazyPattern = field(init=False, repr=False, compare=False)
    reference: datetime.date | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        months: dict[str, int] = {}
        for key, names in self.month_names.items():
            if not str(key).isdigit() or not 1 <= int(key) <= 12:
                raise option_error(f"month-names.{key}", f"month-names keys are 1 to 12, not {key!r}")
            for name in names:
                months[name.lower().rstrip(".")] = int(key)
        days: dict[str, int] = {}
        for key, names in self.weekdays.items():
            if not str(key).isdigit() or not 1 <= int(key) <= 7:
                raise option_error(f"weekdays.{key}",
                                   f"weekdays keys are 1 (Monday) to 7 (Sunday), not {key!r}")
            for name in names:
                days[name.lower()] = int(key)
        for key, minimum in (("header-lines", 1), ("late-lines", 0), ("lead-min-words", 1),
                             ("body-min-words", 1), ("dateline-chars", 0), ("max-line-chars", 20)):
            if getattr(self, key.replace("-", "_")) < minimum:
                raise option_error(key, f"must be at least {minimum}")
        if "{date}" not in self.normalised_line:
            raise option_error("normalised-line", "must contain {date}")
        reference: datetime.date | None = None
        if self.reference_date:
            try:
                reference = datetime.date.fromisoformat(self.reference_date)
            except ValueError:
                raise option_error("reference-date", f"must be an ISO date (YYYY-MM-DD), not "
                             f"{self.reference_date!r}") from None
        set_ = object.__setattr__
        set_(self, "months", months)
        set_(self, "days", days)
        set_(self, "weekday_regex", _words(tuple(days)))
        set_(self, "reference", reference)
        spelled = sorted(months, key=len, reverse=True)
        month_name = (r"(?<![^\W\d_])(?P<mname>" + "|".join(re.escape(n) for n in spelled) + r")\.?"
                      if spelled else r"(?!)")
        macros = {
            "year": r"(?P<year>\d{4})(?!\d)",
            "month": r"(?P<month>\d{1,2})(?!\d)",
            "day": r"(?P<day>\d{1,2})(?!\d)",
            "first": r"(?P<first>\d{1,2})(?!\d)",
            "second": r"(?P<second>\d{1,2})(?!\d)",
            "month-name": month_name,
        }
        for key in ("date_formats", "loose_date_formats", "partial_date_formats"):
            compiled = []
            for index, source in enumerate(getattr(self, key)):
                used = set(_MACROS.findall(source))
                if key != "partial_date_formats" and not (
                        "year" in used and ({"first", "second"} <= used
                                            or ("day" in used and used & {"month", "month-name"}))):
                    raise option_error(f"{key.replace('_', '-')}.{index}",
                                 f"date format {source!r} needs {{year}} and either {{day}} with "
                                 "{month} or {month-name}, or {first} and {second}")
                expanded = _MACROS.sub(lambda m: macros[m.group(1)], source)
                try:
                    regex = re.compile(r"(?<!\d)(?:" + expanded + ")", re.IGNORECASE)
                except re.error as exc:
                    raise option_error(f"{key.replace('_', '-')}.{index}",
                                 f"invalid date format {source!r}: {exc}") from None
                compiled.append(_Format(regex, source))
            set_(self, {"date_formats": "strict", "loose_date_formats": "loose",
                        "partial_date_formats": "partial"}[key], tuple(compiled))
        try:
            re.compile(self.time_pattern)
        except re.error as exc:
            raise option_error("time-pattern", f"invalid regular expression: {exc}") from None
        set_(self, "label_regex", _labels(self.published_labels, self.updated_labels))
        noise = [*self.published_labels, *self.updated_labels, *days, *self.time_zones]
        words = "|".join(re.escape(w) for w in sorted(noise, key=len, reverse=True))
        parts = [f"(?:{self.time_pattern})", r"[+\-−]\d{1,2}(?::?\d{2})?"]
        if words:
            parts.insert(0, rf"(?<![^\W\d_])(?:{words})(?![^\W\d_])")
        set_(self, "residue_regex", LazyPattern("|".join(parts), re.IGNORECASE))
        published = "|".join(re.escape(w) for w in sorted(self.published_labels, key=len, reverse=True))
        set_(self, "lead_prefix_regex", LazyPattern(
            rf"\A[\s{BOM}]*(?:(?:{published})[\s:.\-–—|]*)?\Z" if published else rf"\A[\s{BOM}]*\Z",
            re.IGNORECASE))


def _words(words: tuple[str, ...]) -> LazyPattern:
    joined = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"
    return LazyPattern(rf"(?<![^\W\d_])(?:{joined})(?![^\W\d_])", re.IGNORECASE)


def _labels(published: tuple[str, ...], updated: tuple[str, ...]) -> LazyPattern:
    """Both kinds of label, longest first, as groups ``published`` and ``updated``."""

    def group(name: str, words: tuple[str, ...]) -> str:
        joined = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"
        return f"(?P<{name}>{joined})"

    # updated labels are tried first, so "cập nhật ngày" is not read as the published "ngày"
    return LazyPattern(rf"(?<![^\W\d_])(?:{group('updated', updated)}|{group('published', published)})"
                      r"(?![^\W\d_])", re.IGNORECASE)


def validate(rule: Rule) -> None:
    options: Options = rule.options
    if not options.date_formats:
        raise ValueError("missing-date needs at least one entry in 'date-formats'")


# ----- what was found ------------------------------------------------------------------------

# title: the headline (a date counts only if the line is nothing but a date); header: the short
# lines after it; lead: the first paragraph (a dateline at its start); late: the next lines
# after the lead (a line holding nothing but a date, as some sites print it after the sapo)
Role = Literal["title", "header", "lead", "late"]

Status = Literal["ok", "impossible", "ambiguous", "future", "early"]


@dataclass(frozen=True)
class _Date:
    """A full date found in the header, with where it is and what is wrong with it, if anything."""

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


@dataclass(frozen=True)
class _Zone:
    """The lines examined: the title, the short header lines after it, and the lead."""

    anchor: int
    lines: tuple[tuple[Line, Role], ...]


def _zone(doc: Document, options: Options) -> _Zone | None:
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
    return _Zone(anchor, tuple(picked))


def _looks_like_body(text: str, options: Options) -> bool:
    """A sentence or a long line: the lead paragraph, where the header zone ends.

    Short lines without a full stop (bylines, captions ending "Photo |", spam lines glued
    after the title) are still header lines.
    """
    words = len(text.split())
    if words >= options.body_min_words:
        return True
    return words >= options.lead_min_words and _SENTENCE_END.search(text) is not None


def _searchable(options: Options, line: Line, role: Role) -> str:
    """The part of a line worth matching; empty when no date can count there.

    Every date format needs a digit, a lead's dateline sits in its first characters, and a
    line after the lead counts only if it is a short date line: skipping the rest keeps the
    rule's cost per file small and flat.
    """
    text = line.text[: options.max_line_chars]
    if role == "lead":
        text = text[: options.dateline_chars + _DATE_MAX_CHARS]
    elif role == "late" and _looks_like_body(text, options):
        return ""
    return text if _DIGIT.search(text) else ""


def _full_dates(options: Options, zone: _Zone) -> list[_Date]:
    found: list[_Date] = []
    reference = options.reference or datetime.datetime.now(datetime.timezone.utc).date()
    for line, role in zone.lines:
        text = _searchable(options, line, role)
        if not text:
            continue
        matches = _matches(options.strict, text)
        if not matches and role == "header":
            matches = _matches(options.loose, text)
        for match in matches:
            if role == "lead" and not _at_lead_start(options, text, match):
                continue
            if role in ("title", "late") and _residue(options, text, match.start(), match.end()):
                continue  # a date inside a headline or a body sentence is news, not metadata
            found.append(_evaluate(options, line, role, text, match, reference))
    if options.date_order == "auto":
        found = _resolve_auto(options, found, reference)
    return found


def _matches(formats: tuple[_Format, ...], text: str) -> list[re.Match[str]]:
    """Matches of all formats, earliest first, dropping any that overlap an earlier one."""
    candidates = [m for fmt in formats for m in fmt.regex.finditer(text)]
    candidates.sort(key=lambda m: (m.start(), -(m.end() - m.start())))
    kept: list[re.Match[str]] = []
    for match in candidates:
        if kept and match.start() < kept[-1].end():
            continue
        kept.append(match)
    return kept


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


def _nfc(text: str) -> str:
    """Labels and weekdays in decomposed Vietnamese ("Ngày đăng" typed as base letters plus
    combining marks) still match; only used where no offsets are needed."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def _residue(options: Options, text: str, start: int, end: int) -> str:
    """What is left on the line besides the date, labels, weekdays, times and separators."""
    rest = _nfc(text[:start] + " " + text[end:])
    rest = options.residue_regex.sub(" ", rest)
    return _SEPARATORS.sub("", rest)


def _evaluate(options: Options, line: Line, role: Role, text: str,
              match: re.Match[str], reference: datetime.date) -> _Date:
    groups = match.groupdict()
    start, end = line.start + match.start(), line.start + match.end()
    before = _nfc(text[max(0, match.start() - 40) : match.start()])
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
                if (value := _safe_date(year, month, day)) and value.isoweekday() == weekday]
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
            if _safe_date(year, second, first) in named:
                order = "day-first"
            elif _safe_date(year, first, second) in named:
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


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _partial(options: Options, zone: _Zone) -> tuple[int, int, str, str] | None:
    """The first incomplete date (a day and month, a month and year, a two-digit year) on a
    header line or at the start of the lead, with what it lacks."""
    for line, role in zone.lines:
        if role in ("title", "late"):
            continue
        text = _searchable(options, line, role)
        for match in _matches(options.partial, text) if text else ():
            if role == "lead" and not _at_lead_start(options, text, match):
                continue
            groups = match.groupdict()
            lacks = ("a two-digit year does not say which century" if groups.get("yy")
                     else "month and year without a day" if groups.get("year")
                     else "day and month without a year")
            return line.start + match.start(), line.start + match.end(), match.group(0), lacks
    return None


# ----- the check -----------------------------------------------------------------------------


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    options: Options = rule.options
    zone = _zone(doc, options)
    if zone is None:
        return  # an empty file is not an article; other rules report it
    dates = _full_dates(options, zone)
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
        partial = _partial(options, zone)
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
    yield from _conflicts(doc, rule, dates)
    if options.normalise:
        yield from _normalise(doc, rule, options, dates)


def _conflicts(doc: Document, rule: Rule, dates: list[_Date]) -> Iterator[Finding]:
    """Two different publication dates on two header lines: at most one of them is right.

    A date labelled as an update ("Cập nhật", "Updated") may differ; a dateline in the lead
    is part of the story and is left out; two dates on one line are a range ("10/10/2020 -
    11/10/2020") or a pair of published and updated dates, not a conflict.
    """
    first: tuple[_Date, datetime.date] | None = None
    for date in dates:
        if date.status != "ok" or date.updated or date.role == "lead" or date.value is None:
            continue
        if first is None:
            first = date, date.value
        elif date.value != first[1] and date.line.index != first[0].line.index:
            row, _ = doc.position(first[0].start)
            yield rule.finding(
                date.start, date.end,
                f"conflicting dates in the header: {date.text!r} ({date.value.isoformat()}) "
                f"but line {row} has {first[0].text!r} ({first[1].isoformat()})")
            return


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
    if chosen.role == "lead" and options.lead_prefix_regex.match(text[:local_start]):
        tail = _NEWLINE_TAIL.match(text, local_end)
        cut = local_end if tail is None else tail.end()
        start = line.start + (1 if line.text.startswith(BOM) else 0)
        fix = Fix.replace(start, line.start + cut, wanted + doc.newline,
                          f"Move the date to its own line {wanted!r}", Applicability.UNSAFE)
        yield rule.finding(chosen.start, chosen.end, message, fix)
