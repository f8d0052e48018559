"""missing-date's options: the date vocabulary of the YAML compiled into format patterns.

Long because the options, their validation and what is compiled from them (the format
patterns, each format's literal gate read from its text, the month names) are one piece:
both date rules share the compiled set, cached by the option values.
"""
from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Literal, NamedTuple

from ...core.document import BOM
from ...core.options import KindOptions, option_error, trusted_values
from ...core.rule import Rule
from ...text.regex.lazy import LazyPattern
from ...text.sentences import CLOSING_QUOTES, LINE_ENDS_SENTENCE

_MACROS = LazyPattern(r"\{(year|month|day|month-name|first|second)\}")
_SENTENCE_END = LINE_ENDS_SENTENCE  # (text.sentences: not after an initial, "FOR U.S.")
_CLOSING = CLOSING_QUOTES + "»"  # what may follow the stop of _SENTENCE_END, before spaces
_SEPARATORS = LazyPattern(r"[\s|,;:.\-–—/()\[\]!]+")
_DIGIT = LazyPattern(r"\d")
# every full date format holds a {year} (``__post_init__`` refuses one without), four digits
# in a row: a line without them holds no full date, whatever the formats
_YEAR_DIGITS = LazyPattern(r"\d\d\d\d")  # (not \d{4}: re skips ahead to a class, not a repeat)
# the same on an ASCII line, whose only digits are 0-9: a range is tested in a few
# instructions, where \d looks each character up in the Unicode database
_ASCII_YEAR_DIGITS = LazyPattern(r"[0-9][0-9][0-9][0-9]")
# room after a lead's dateline for the date itself, a time, a zone and "(Reuters) -"
_DATE_MAX_CHARS = 100
_NEWLINE_TAIL = LazyPattern(r"[\s|,;:\-–—]*")
# skipped after a dateline's date: spaces and an agency in brackets ("(Reuters)", "(VNA)")
# between a date and the time of its stamp: "2023 18:44", "2025 - 21:38", "2025 | 12:43 PM"
_STAMP_GAP = LazyPattern(r"[\s,|\-–—]*")
# lower-case words on a header line that make it a sentence (a caption), not a date line
_PROSE_WORDS = 3
_DATELINE_TAIL = LazyPattern(r"\s*(?:\([^()]{0,40}\)\s*)*")


def _blank(match: re.Match[str]) -> str:
    """Replace a match with as many spaces (offsets stay put)."""
    return " " * (match.end() - match.start())


class _Gate:
    """What a line must hold for a format to be worth trying on it (a necessary condition).

    (Plain classes, this and ``_Format``: made in microseconds, where a dataclass takes a
    third of a millisecond of start-up.)"""

    __slots__ = ("char", "pattern")

    def __init__(self, pattern: LazyPattern, char: str | None = None) -> None:
        self.pattern = pattern
        self.char = char  # a single uncased character: looked for with ``in`` (C speed)

    def found(self, text: str) -> bool:
        return self.char in text if self.char is not None else self.pattern.search(text) is not None


class _Format:
    """One date format, compiled on first use, and the text it was written as (for messages
    and debugging)."""

    __slots__ = ("gate", "regex", "source")

    def __init__(self, regex: LazyPattern, source: str, gate: _Gate | None = None) -> None:
        self.regex = regex
        self.source = source
        # a character every match holds ("/" of 31/03/2025), or a month name, searched before
        # the format's own pattern: a line without it holds no such date (``_gate``)
        self.gate = gate


class _Formats(tuple[_Format, ...]):
    """Formats in their order, and the distinct gates they search: each once a line."""

    gates: tuple[_Gate, ...]
    # each format with the index of its gate in ``gates`` (-1: none)
    steps: tuple[tuple[_Format, int], ...]

    def __new__(cls, formats: list[_Format]) -> _Formats:
        self = super().__new__(cls, formats)
        gates: list[_Gate] = []
        for fmt in formats:
            if fmt.gate is not None and all(fmt.gate is not gate for gate in gates):
                gates.append(fmt.gate)
        self.gates = tuple(gates)
        self.steps = tuple((fmt, -1 if fmt.gate is None else next(
            k for k, gate in enumerate(gates) if gate is fmt.gate)) for fmt in formats)
        return self


@dataclass(frozen=True, eq=False, repr=False)  # compared and shown by KindOptions
class Options(KindOptions):
    """How dates are written and where they are looked for (defaults are in the YAML file)."""

    check: Literal["missing", "conflicting"] = "missing"
    date_order: Literal["day-first", "month-first", "auto"] = "day-first"
    prefix_formats: tuple[str, ...] = ()
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
    conflict_tolerance_days: int = 1
    normalise: bool = False
    normalised_line: str = "date: {date}"
    event_dates: bool = True
    caption_credits: tuple[str, ...] = ()
    strict: _Formats = field(init=False, repr=False, compare=False)
    loose: _Formats = field(init=False, repr=False, compare=False)
    partial: _Formats = field(init=False, repr=False, compare=False)
    prefix: _Formats = field(init=False, repr=False, compare=False)
    months: dict[str, int] = field(init=False, repr=False, compare=False)
    days: dict[str, int] = field(init=False, repr=False, compare=False)
    # built from listed words (escaped) and the validated time pattern: compiled on first use
    weekday_regex: LazyPattern = field(init=False, repr=False, compare=False)
    label_regex: LazyPattern = field(init=False, repr=False, compare=False)
    residue_regex: LazyPattern = field(init=False, repr=False, compare=False)
    lead_prefix_regex: LazyPattern = field(init=False, repr=False, compare=False)
    caption_regex: LazyPattern = field(init=False, repr=False, compare=False)
    reference: datetime.date | None = field(init=False, repr=False, compare=False)
    # the options that decide how the header is read (``header_key``): two rules of this kind
    # with equal keys read the same dates, so a document's header is read once for both
    header_key: str = field(init=False, repr=False, compare=False)

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
                             ("body-min-words", 1), ("dateline-chars", 0), ("max-line-chars", 20),
                             ("conflict-tolerance-days", 0)):
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
        set_(self, "header_key", repr(tuple((f.name, _frozen(getattr(self, f.name)))
                                            for f in fields(self)
                                            if f.init and f.name not in _NOT_READING_THE_HEADER)))
        month_name = _month_name(tuple(sorted(months, key=len, reverse=True)))
        for key in ("date_formats", "loose_date_formats", "partial_date_formats", "prefix_formats"):
            name = key.replace("_", "-")
            trusted = trusted_values(name)
            sources: tuple[str, ...] = tuple(getattr(self, key))
            for index, source in enumerate(sources):
                used = set(_MACROS.findall(source))
                if key == "prefix_formats":
                    if not {"year", "month"} <= used or used & {"first", "second", "month-name"}:
                        raise option_error(f"prefix-formats.{index}",
                                           f"prefix format {source!r} needs {{year}} and {{month}} "
                                           "(and {day} for a full date)")
                elif key != "partial_date_formats" and not (
                        "year" in used and ({"first", "second"} <= used
                                            or ("day" in used and used & {"month", "month-name"}))):
                    raise option_error(f"{name}.{index}",
                                 f"date format {source!r} needs {{year}} and either {{day}} with "
                                 "{month} or {month-name}, or {first} and {second}")
                if source not in trusted:  # a user's format is compiled now, to validate it
                    try:
                        re.compile(_pattern(key, source, month_name), re.IGNORECASE)
                    except re.error as exc:
                        raise option_error(f"{name}.{index}",
                                           f"invalid date format {source!r}: {exc}") from None
            set_(self, {"date_formats": "strict", "loose_date_formats": "loose",
                        "partial_date_formats": "partial", "prefix_formats": "prefix"}[key],
                 _formats(key, sources, month_name))
        if self.time_pattern not in trusted_values("time-pattern"):
            try:
                re.compile(self.time_pattern)
            except re.error as exc:
                raise option_error("time-pattern", f"invalid regular expression: {exc}") from None
        set_(self, "label_regex", _labels(tuple(self.published_labels), tuple(self.updated_labels)))
        trusted = trusted_values("caption-credits")
        for index, source in enumerate(self.caption_credits):
            if source in trusted:
                continue
            try:
                re.compile(source)
            except re.error as exc:
                raise option_error(f"caption-credits.{index}",
                                   f"invalid regular expression {source!r}: {exc}") from None
        set_(self, "caption_regex", _captions(tuple(self.caption_credits)))
        noise = (*self.published_labels, *self.updated_labels, *days, *self.time_zones)
        set_(self, "residue_regex", _residue(noise, self.time_pattern))
        set_(self, "lead_prefix_regex", _lead_prefix(tuple(self.published_labels)))


# ----- patterns built from the options ---------------------------------------------------------
# Each is a function of option values, cached: missing-date and conflicting-dates hold the same
# vocabulary, so the second rule's options share the first one's patterns, built (and later
# compiled) once (start-up).


@lru_cache(maxsize=16)
def _month_name(spelled: tuple[str, ...]) -> str:
    """The {month-name} macro for month names ``spelled`` (longest first).

    A month name starts a word, or is a capitalised name glued to a lower-case word by a lost
    space ("staff writerOctober 11, 2023"); "remay" or "Smarch" are not months."""
    if not spelled:
        return r"(?!)"
    return (_starts(spelled) + r"(?:(?<![^\W\d_])|(?-i:(?<=[a-z])(?=[A-Z])))(?P<mname>"
            + "|".join(re.escape(n) for n in spelled) + r")\.?")


def _pattern(key: str, source: str, month_name: str) -> str:
    """The regular expression of date format ``source`` (an option ``key``): its macros
    expanded; a prefix sits at the very start of the file and is not the start of a longer
    number."""
    macros = {
        "year": r"(?P<year>\d{4})(?!\d)",
        "month": r"(?P<month>\d{1,2})(?!\d)",
        "day": r"(?P<day>\d{1,2})(?!\d)",
        "first": r"(?P<first>\d{1,2})(?!\d)",
        "second": r"(?P<second>\d{1,2})(?!\d)",
        "month-name": month_name,
    }
    expanded = _MACROS.sub(lambda m: macros[m.group(1)], source)
    if key == "prefix_formats":
        return rf"\A[\s{BOM}]*(?:{expanded})(?![\d])(?![-/.]\d)"
    return r"(?<!\d)(?:" + expanded + ")"


@lru_cache(maxsize=32)
def _formats(key: str, sources: tuple[str, ...], month_name: str) -> _Formats:
    """The formats of option ``key``, compiled on first use, each with its gate."""
    month_gate = _month_gate(month_name)  # one search for a month name answers for all
    return _Formats([_Format(LazyPattern(_pattern(key, source, month_name), re.IGNORECASE), source,
                             _gate(source, month_gate)) for source in sources])


@lru_cache(maxsize=16)
def _month_gate(month_name: str) -> _Gate:
    return _Gate(LazyPattern(month_name, re.IGNORECASE))


@lru_cache(maxsize=64)
def _char_gate(char: str) -> _Gate:
    return _Gate(LazyPattern(re.escape(char)), char)


@lru_cache(maxsize=16)
def _captions(sources: tuple[str, ...]) -> LazyPattern:
    return LazyPattern("|".join(f"(?:{source})" for source in sources) or "(?!)", re.IGNORECASE)


@lru_cache(maxsize=16)
def _residue(noise: tuple[str, ...], time_pattern: str) -> LazyPattern:
    """Labels, weekdays, zones, times and offsets: what a date line holds besides its date."""
    words = "|".join(re.escape(w) for w in sorted(noise, key=len, reverse=True))
    parts = [f"(?:{time_pattern})", r"[+\-−]\d{1,2}(?::?\d{2})?"]
    if words:
        parts.insert(0, rf"{_starts(noise)}(?<![^\W\d_])(?:{words})(?![^\W\d_])")
    return LazyPattern("|".join(parts), re.IGNORECASE)


@lru_cache(maxsize=16)
def _lead_prefix(published: tuple[str, ...]) -> LazyPattern:
    """What may stand before a date that opens the lead: nothing, or a published label."""
    joined = "|".join(re.escape(w) for w in sorted(published, key=len, reverse=True))
    return LazyPattern(rf"\A[\s{BOM}]*(?:(?:{joined})[\s:.\-–—|]*)?\Z" if joined else rf"\A[\s{BOM}]*\Z",
                       re.IGNORECASE)


# What is done with the dates once read, not how they are read: rules differing only in these
# share one reading of the header (missing-date and conflicting-dates do).
_NOT_READING_THE_HEADER = frozenset({"check", "conflict_tolerance_days", "normalise",
                                     "normalised_line", "event_dates", "caption_credits",
                                     "partial_date_formats"})


def _frozen(value: object) -> object:
    """An option value in a canonical form for the key (mappings sorted, lists as tuples)."""
    if isinstance(value, dict):
        return tuple(sorted((str(k), _frozen(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    return value


def _gate(source: str, month_gate: _Gate) -> _Gate | None:
    """What to search for before a format (``source``, the text with macros): the month name
    when every match has one, else a character every match holds that is neither a letter
    nor a digit ("/" of 31/03/2025), else nothing. Equal gates are one object, so
    ``date_matches`` searches each once a line.

    Read from the format's text (``_required``), not from its parsed pattern: a format is
    then compiled only when a line passes its gate (start-up)."""
    required = _required(source)
    if "{month-name}" in required:
        return month_gate
    char = next((c for c in required if len(c) == 1 and not c.isalnum() and not c.isspace()
                 and c.lower() == c.upper()), None)  # (no letter: another case could match)
    if char is not None:
        return _char_gate(char)
    word = max(_literal_runs(source), key=len, default="")
    return _word_gate(word) if len(word) >= _WORD_GATE_MIN else None


# the shortest run of letters worth a search of its own before a format ("tháng")
_WORD_GATE_MIN = 3


@lru_cache(maxsize=64)
def _word_gate(word: str) -> _Gate:
    """A word every match holds, searched case-insensitively as the format matches it (an
    escaped literal matches under ``re.IGNORECASE`` exactly the texts its characters match in
    the format): one search for a literal, where the format's own pattern tries every
    position of the line."""
    return _Gate(LazyPattern(re.escape(word), re.IGNORECASE))


def _literal_runs(source: str) -> list[str]:
    """Runs of plain characters that every match of the date format ``source`` holds in a
    row: outside any group, none repeated nor made optional by a quantifier, when nothing
    outside a group is an alternative (``|``). A run ends at anything else (a class, a
    group, an escape, a macro, an anchor, a quantified character), so its characters are
    next to each other in every match. Cautious as ``_required`` is: nothing in verbose mode.
    """
    items = _top_level(source)
    if items is None:
        return []
    runs: list[str] = []
    run = ""
    for at, item in enumerate(items):
        if item.kind == "plain" and item.depth == 0 and not _quantified(items, at + 1):
            run += item.text
        else:
            runs.append(run)
            run = ""
    runs.append(run)
    return [run for run in runs if run]


_MACRO_NAMES = ("{year}", "{month}", "{day}", "{month-name}", "{first}", "{second}")


def _quantified(items: list[_Item], at: int) -> bool:
    """Whether item ``at`` is a quantifier (so the item before it may repeat or be absent)."""
    return at < len(items) and items[at].kind == "quantifier"


def _optional(items: list[_Item], at: int) -> bool:
    """Whether item ``at`` is a quantifier that allows no repeat: "?", "*", "{0,3}", "{,3}"."""
    if not _quantified(items, at):
        return False
    text = items[at].text
    return text in ("?", "*") or (text[:1] == "{" and text[1:].lstrip("0")[:1] in (",", "}"))


def _quantifier_end(source: str, index: int) -> int:
    """The end of a counted quantifier ("{2}", "{0,40}", "{,3}") starting at ``index``, or
    ``index`` when there is none (a "{" that ``re`` reads as itself)."""
    end = index + 1
    while source[end : end + 1].isdigit():
        end += 1
    if source[end : end + 1] == ",":
        end += 1
        while source[end : end + 1].isdigit():
            end += 1
    return end + 1 if source[end : end + 1] == "}" and end > index + 1 else index


def _verbose(source: str) -> bool:
    """Whether ``source`` turns on verbose mode ("(?x)", "(?ix)", "(?x:"): spaces and "#"
    mean something else there."""
    start = source.find("(?")
    while start >= 0:
        end = start + 2
        while source[end : end + 1] in tuple("aiLmsux-"):
            if source[end] == "x":
                return True
            end += 1
        start = source.find("(?", end)
    return False


class _Item(NamedTuple):
    """One piece of a date format's text as ``re`` reads it. Both scanners of a format's
    text (``_required``, ``_literal_runs``) read these, so escapes, named characters,
    classes, comments and groups are told apart in one place."""

    # "plain": a character standing for itself; "escape": an escaped character standing for
    # itself (neither a letter nor a digit: "\\."); "macro": "{year}" and the others;
    # "quantifier": "?", "*", "+" or a counted one ("{0,3}"), as written; "open", "close": a
    # group's brackets ("(?:", "(?P<name>", "(?=" open one too); "alternative": "|"; "other":
    # what stands for no one known character (a class, "\\d", a named, hexadecimal or octal
    # escape, a back-reference, a comment, flags, ".", "^", "$")
    kind: Literal["plain", "escape", "macro", "quantifier", "open", "close", "alternative", "other"]
    text: str  # the character, macro, quantifier or group opening as written; else ""
    depth: int  # the groups open around it (around a bracket: those outside its group)


_HEX_DIGITS = {"x": 2, "u": 4, "U": 8}
_OCTAL = "01234567"
_DECIMAL = tuple("0123456789")  # (a tuple of characters: the empty string is not in it)


def _items(source: str) -> list[_Item]:
    """The pieces of the date format ``source``, in order (see ``_Item``)."""
    items: list[_Item] = []
    append = items.append
    depth = index = 0
    while index < len(source):
        char = source[index]
        if char == "\\":
            escaped = source[index + 1 : index + 2]
            index += 2
            if escaped and not escaped.isalnum():
                append(_Item("escape", escaped, depth))
                continue
            if escaped == "N" and source[index : index + 1] == "{":  # a named character
                index = source.find("}", index) + 1 or len(source)
            elif escaped in _HEX_DIGITS:  # its hexadecimal digits
                index += _HEX_DIGITS[escaped]
            elif escaped == "0":  # an octal escape: up to two more octal digits
                index += len(source[index : index + 2]) - len(source[index : index + 2].lstrip(_OCTAL))
            elif escaped in _DECIMAL and source[index : index + 1] in _DECIMAL:
                # as re reads it: three octal digits are a character, else one or two
                # digits are a back-reference (what the group matched)
                index += 2 if (escaped in _OCTAL and source[index] in _OCTAL
                                   and source[index + 1 : index + 2] in tuple(_OCTAL)) else 1
            append(_Item("other", "", depth))
        elif char == "[":  # a class: skip to its end ("[]..." and "[^]..." hold a "]")
            index += 2 if source[index + 1 : index + 2] == "^" else 1
            index += 1 if source[index : index + 1] == "]" else 0
            while index < len(source) and source[index] != "]":
                index += 2 if source[index] == "\\" else 1
            index += 1
            append(_Item("other", "", depth))
        elif source.startswith("(?#", index):  # a comment: up to its ")"
            end = source.find(")", index)
            index = len(source) if end < 0 else end + 1
            append(_Item("other", "", depth))
        elif char == "(":
            end = _group_start(source, index)
            if end < 0:  # "(?P=name)", "(?i)": a whole item, no group
                end = source.find(")", index) + 1 or len(source)
                append(_Item("other", "", depth))
            else:
                append(_Item("open", source[index:end], depth))
                depth += 1
            index = end
        elif char == ")":
            depth -= 1
            append(_Item("close", "", depth))
            index += 1
        elif char == "|":
            append(_Item("alternative", "", depth))
            index += 1
        elif char == "{" and source.startswith(_MACRO_NAMES, index):
            end = source.index("}", index) + 1
            append(_Item("macro", source[index:end], depth))
            index = end
        elif char == "{" and _quantifier_end(source, index) > index:  # "{2}", "{0,40}"
            end = _quantifier_end(source, index)
            append(_Item("quantifier", source[index:end], depth))
            index = end
        elif char in "?*+":
            append(_Item("quantifier", char, depth))
            index += 1
        else:
            # "{" and "}" that are neither a macro nor a quantifier, like "]" outside a
            # class, stand for themselves in re
            append(_Item("other" if char in ".^$" else "plain", "" if char in ".^$" else char, depth))
            index += 1
    return items


def _group_start(source: str, index: int) -> int:
    """Where the inside of the group opened at ``index`` starts ("(", "(?:", "(?P<name>",
    "(?=", "(?<!", "(?i:", "(?(1)"), or -1 when the brackets hold a whole item instead: a
    named back-reference ("(?P=name)") or flags for the whole pattern ("(?i)")."""
    if source[index + 1 : index + 2] != "?":
        return index + 1
    if source.startswith("(?P<", index):
        return source.find(">", index) + 1 or len(source)
    if source.startswith("(?P=", index):
        return -1
    if source.startswith(("(?<=", "(?<!"), index):
        return index + 4
    if source.startswith("(?(", index):  # a conditional: its condition is "(1)" or "(name)"
        return source.find(")", index + 3) + 1 or len(source)
    if source[index + 2 : index + 3] in (":", "=", "!"):
        return index + 3
    end = index + 2
    while source[end : end + 1] in tuple("aiLmsux-"):
        end += 1
    return -1 if source[end : end + 1] == ")" else end + 1  # "(?i)" or "(?i:"


def _top_level(source: str) -> list[_Item] | None:
    """``_items(source)``, or None when no piece is in every match for sure: in verbose
    mode (spaces and "#" mean something else there), or with an alternative (``|``)
    outside any group."""
    if _verbose(source):
        return None
    items = _items(source)
    if any(item.kind == "alternative" and item.depth <= 0 for item in items):
        return None
    return items


def _required(source: str) -> list[str]:
    """Characters and macros that every match of the date format ``source`` consumes: those
    outside any group, each not made optional by the quantifier after it, when nothing
    outside a group is an alternative (``|``).

    A necessary condition read from the text, so cautious: an escape stands for its
    character only when that is neither a letter nor a digit (``\\.``, not ``\\d`` nor
    ``\\x2d``); a class, a group and a back-reference stand for nothing (a back-reference
    consumes what its group matched, not its digits); a pattern in verbose mode, or with an
    alternative outside a group, gives nothing."""
    items = _top_level(source)
    if items is None:
        return []
    return [item.text for at, item in enumerate(items)
            if item.kind in ("plain", "escape", "macro") and item.depth == 0
            and not _optional(items, at + 1)]


def _starts(words: Iterable[str]) -> str:
    """A lookahead for the first characters of ``words``, put before an alternation of them.

    Why: ``re`` tries every alternative of a list of words at every position of a line (its
    quick test of an alternative's first character does not work case-insensitively), which
    made the month names, labels and weekdays the bulk of the rule's cost. The lookahead is a
    necessary condition (every word starts with one of these characters, and a class matches
    a character case-insensitively exactly as the literal does), so the matches are the
    same; most positions now fail on one class test. Empty when a word is empty (it would
    match anywhere)."""
    words = tuple(words)
    if not words or not all(words):
        return ""
    return "(?=[" + "".join(re.escape(c) for c in sorted({w[0] for w in words})) + "])"


@lru_cache(maxsize=16)
def _words(words: tuple[str, ...]) -> LazyPattern:
    joined = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"
    return LazyPattern(rf"{_starts(words)}(?<![^\W\d_])(?:{joined})(?![^\W\d_])", re.IGNORECASE)


@lru_cache(maxsize=16)
def _labels(published: tuple[str, ...], updated: tuple[str, ...]) -> LazyPattern:
    """Both kinds of label, longest first, as groups ``published`` and ``updated``."""

    def group(name: str, words: tuple[str, ...]) -> str:
        joined = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"
        return f"(?P<{name}>{joined})"

    # updated labels are tried first, so "cập nhật ngày" is not read as the published "ngày"
    return LazyPattern(rf"{_starts((*updated, *published))}(?<![^\W\d_])"
                       rf"(?:{group('updated', updated)}|{group('published', published)})"
                      r"(?![^\W\d_])", re.IGNORECASE)


def validate(rule: Rule) -> None:
    options: Options = rule.options
    if not options.date_formats:
        raise ValueError("missing-date needs at least one entry in 'date-formats'")
