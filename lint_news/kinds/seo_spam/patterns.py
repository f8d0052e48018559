"""Character classes and small patterns the steps of ``seo-spam`` share."""

from __future__ import annotations

import re
from functools import lru_cache

from ...text.regex.lazy import LazyPattern

_SPACE_CLASS = " \u00a0"
_LETTERS = LazyPattern(r"[^\W\d_]+")
_ASCII_WORD = LazyPattern(r"(?<![^\W\d_])[A-Za-z]{2,}(?![^\W\d_])")  # whole words: not "Ng" of "Ngày"
_NUMBER = LazyPattern(r"(?<![\w/.,:-])\d+(?![\w/.,:-]\w)(?![\w])")
_QUOTES_OPEN = "(\"'“‘[«"
_WORD_CHARS = LazyPattern(r"[^\W_]+")
_LETTER_DIGIT = LazyPattern(r"[0-9](?:(?<=[a-z][0-9])|(?=[a-z]))")  # on folded lowercase text

_SEPARATORS = LazyPattern(r"[\s_\-]+")
_DIGIT_RUN = LazyPattern(r"\d+")
_DIGIT_EDGE = LazyPattern(r"\A\d{5}|\d{5}\Z")
_TRAILING_DIGITS = LazyPattern(r"[ \u00a0]*\d+\Z")


@lru_cache(maxsize=1)
def _letter_digit_bytes() -> re.Pattern[bytes]:
    """A digit next to a letter, on ``folding.folded_letters``: compiled on first use, since
    only a document whose keywords the keyword automaton cannot spell out asks for it (a
    pattern compiled at import is paid by every one-file run; ``LazyPattern`` is for ``str``)."""
    return re.compile(rb"[0-9](?:(?<=[a-z][0-9])|(?=[a-z]))")


def _without_separators(text: str) -> str:
    """``_SEPARATORS.sub("", text)``: white space (``str.split`` and the regex's ``\\s`` know the
    same characters), "_" and "-" removed, with C string methods (several times faster; asked
    for every listed word when the rule is built, and for every keyword found)."""
    if "_" in text or "-" in text:
        text = text.replace("_", " ").replace("-", " ")
    return "".join(text.split())
