"""Where a sentence ends: the stops, the closing quotes after them, and the words whose full
stop ends nothing, for every kind that asks.

Each caller asks a different question, so there are several tests, but they are built from
the same pieces here:

- ``core.document.SENTENCE_ENDINGS``: a line that *reads* as prose rather than a title (the
  document's own title and paragraph guess). It lives in ``core`` because ``Document`` needs
  it and ``core`` imports nothing above it; it is re-exported here. A question or an
  exclamation ends a headline as often as a sentence, so only declarative endings count.
- ``PROSE_ENDINGS``: a short line that closes a sentence, "?" and "…" included: furniture
  ("Share", "Read more") does not.
- ``LINE_ENDS_SENTENCE``: a header line that ends with a stop, not after an initial ("FOR U.S.").
- ``follows_sentence_end`` / ``starts_sentence``: text that ends with a word, a stop and a
  space (not an abbreviation or an initial), and text that starts a sentence after a space.
"""

from __future__ import annotations

from ..core.document import SENTENCE_ENDINGS
from .dates import MONTH_ABBREVIATIONS
from .regex.lazy import LazyPattern

__all__ = [
    "ABBREVIATIONS",
    "CLOSING_QUOTES",
    "LINE_ENDS_SENTENCE",
    "PROSE_ENDINGS",
    "SENTENCE_ENDINGS",
    "STOPS",
    "follows_sentence_end",
    "starts_sentence",
]

STOPS = ".!?"
# Stops of other scripts and the ellipsis character: a line may end with them.
_MORE_STOPS = "…。"
# Quotes and brackets that close after the stop: ’He left.”’
CLOSING_QUOTES = "\"'”’)"
PROSE_ENDINGS = (".", "!", "?", "…", ".”", ".\"", "?”", "!”")
# (a guillemet may close a header line; ``follows_sentence_end`` has never needed it)
LINE_ENDS_SENTENCE = LazyPattern(
    rf"(?<!\s[A-Z])(?<!\.[A-Z])(?<!^[A-Z])[{STOPS}{_MORE_STOPS}][{CLOSING_QUOTES}»]*\s*$"
)
# Words whose full stop ends no sentence (titles, company forms, "No. 5", month names).
ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "st", "jr", "sr", "inc", "corp", "co", "ltd", "no", "vs", "etc",
        "gen", "sen", "rep", "gov", "dept", *MONTH_ABBREVIATIONS, "mt", "ft", "est", "approx",
        "fig",
    }
)  # fmt: skip
_LONGEST_ABBREVIATION = max(map(len, ABBREVIATIONS))


def follows_sentence_end(before: str, start: int = 0, end: int | None = None) -> bool:
    """``before`` (or ``before[start:end]``) ends with a word of two letters or more, a stop
    and a space: what comes next starts a new sentence. Not after an abbreviation ("Mr.",
    "Sept."), a dotted name ("U.S.") or an initial.

    Read from the end, and no further back than the longest abbreviation: the pattern this
    replaces (``[^\\s.!?]{2,}[.!?]["')]?[ ]+\\Z``, searched) ran to the end of the text from
    every offset of a long token, and ``seo-spam`` asks once per phrase with the whole line
    before it, so one 10 KB line of hexadecimal took seconds. (With the bounds, it needs no
    copy of the line before each phrase either.)
    """
    stop = len(before) if end is None else end
    body_end = stop
    while body_end > start and before[body_end - 1] in " \u00a0":
        body_end -= 1
    if body_end == stop:
        return False  # no space after the stop
    word_end = body_end
    if word_end > start and before[word_end - 1] in CLOSING_QUOTES:
        word_end -= 1  # one quote or bracket may close after the stop: 'He left.” '
    if word_end == start or before[word_end - 1] not in STOPS:
        return False
    word_end -= 1
    word_start = word_end
    # (a word longer than every abbreviation is none: its start need not be found)
    limit = max(start, word_end - _LONGEST_ABBREVIATION - 1)
    while word_start > limit and not before[word_start - 1].isspace() and before[word_start - 1] not in STOPS:
        word_start -= 1
    word = before[word_start:word_end]
    return len(word) >= 2 and word.lower() not in ABBREVIATIONS


def starts_sentence(after: str, start: int = 0, end: int | None = None) -> bool:
    """``after`` (or ``after[start:end]``) starts with a space, then a capital or a digit."""
    stop = len(after) if end is None else end
    first = start
    while first < stop and after[first] in " \u00a0":
        first += 1
    return start < first < stop and (after[first].isupper() or after[first].isdigit())
