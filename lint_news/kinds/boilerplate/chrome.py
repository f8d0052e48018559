"""Page chrome: separators, counters and empty images, alone on a line or glued to its end.

Runs of chrome items are walked in Python (``chain``), never matched with a nested quantifier,
and only a bounded window at the end of a line is searched, so a pathological line costs
linear time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...core.document import Line
from ...core.model import Finding, Fix
from ...core.rule import Rule
from ...text.regex.lazy import LazyPattern
from .findings import SAFE, show
from .options import WINDOW, Options


def glued_chrome(rule: Rule, options: Options, line: Line, cut: int) -> Iterator[Finding]:
    """Chrome at the end of a line with text (from ``cut``, what ``tail_chrome`` says), and
    empty images anywhere in a line."""
    text = line.text
    if cut < len(text):
        chrome = text[cut:].strip()
        what = "separator" if options.separator_regex.fullmatch(chrome) else "page chrome"
        yield rule.finding(line.start + cut, line.end,
                           f"{what} glued to the end of the line: {show(chrome)}",
                           Fix.delete(line.start + cut, line.end, f"Remove {show(chrome)}", SAFE))
    lead = _LEAD_SEPARATOR.match(text)
    if (lead is not None and lead.end() < cut
            and options.separator_regex.fullmatch(text[: lead.end()].strip())):
        yield rule.finding(line.start, line.start + lead.end(), "separator at the start of the line",
                           Fix.delete(line.start, line.start + lead.end(), "Remove the separator", SAFE))
    for match in options.image_regex.finditer(text, 0, cut):
        start, end = match.span()
        if end < len(text) and text[end] == " " and (start == 0 or text[start - 1] == " "):
            end += 1  # keep one space between the words around the image
        yield rule.finding(line.start + match.start(), line.start + match.end(),
                           f"empty image {show(match.group())}",
                           Fix.delete(line.start + start, line.start + end, "Remove the empty image", SAFE))


_LEAD_SEPARATOR = LazyPattern(r"\s*(?:[|¦]\s*)+")
# what a line stripped of its spaces starts with when ``_LEAD_SEPARATOR`` matches it
LEAD_SEPARATOR_CHARS = "|¦"


def may_have_glued(options: Options, text: str, cut: int) -> bool:
    """Whether ``glued_chrome`` can find anything but tail chrome (which the caller checks):
    a separator leading the line, or an empty image before ``cut``. Most lines have neither,
    and this asks without starting the generator. (The image pattern is searched, not
    prefiltered: a slow pattern of the user's must still meet its time limit on every line.)"""
    return (_LEAD_SEPARATOR.match(text) is not None
            or options.image_regex.search(text, 0, cut) is not None)


def chain(regex: re.Pattern[str], text: str, pos: int) -> bool:
    """Whether ``text[pos:]`` is nothing but chrome items and spaces."""
    length = len(text)
    while True:
        while pos < length and text[pos].isspace():
            pos += 1
        if pos == length:
            return True
        match = regex.match(text, pos)
        if match is None or match.end() == pos:
            return False
        pos = match.end()


def tail_chrome(options: Options, text: str) -> int:
    """Where chrome glued to the end of ``text`` starts (with the spaces before it), or
    ``len(text)``. Only the last ``WINDOW`` characters are looked at: chrome is short. Most
    lines end in a way no chrome item can (``Options.chrome_ends``) and are not searched, and
    most others (a date, a number) hold none of the items' words in the window
    (``chrome_words``: "view", "lượt xem", "|", not the digit or ":" of its prefilter)."""
    if not options.chrome_ends.ends(text.rstrip()):
        return len(text)
    window = max(0, len(text) - WINDOW)
    if not options.chrome_words.piece_may_match(text[window:]):
        return len(text)
    for match in options.chrome_regex.finditer(text, window):
        start = match.start()
        if match.end() > start and text[:start].strip() and chain(options.chrome_regex, text, start):
            while start > 0 and text[start - 1].isspace():
                start -= 1
            return start
    return len(text)


def search_end(regex: re.Pattern[str], prefilter: LazyPattern, text: str) -> re.Match[str] | None:
    """Search only the end of a line: credits and sign-offs are anchored there, and a bounded
    window keeps a pathological long line from costing quadratic time. ``prefilter``: the
    pattern's literal prefilter, searched first (cheap; most lines have none)."""
    window = max(0, len(text) - WINDOW)
    if prefilter.search(text, window) is None:
        return None
    return regex.search(text, window)


def without_tail_chrome(options: Options, text: str) -> str:
    return text[: tail_chrome(options, text)]
