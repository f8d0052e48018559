"""Where a run starts and ends: glue, host digits, syllables and overlaps.

A span that cut a word, a date or a number of the host text would make a wrong fix, so
every edge is checked against what the host text has on either side.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from itertools import accumulate, pairwise

from ...core.document import Line
from ...text.folding import fold_accents
from ...text.vietnamese import CODAS
from .options import _Entry
from .patterns import _DIGIT_EDGE, _DIGIT_RUN, _WORD_CHARS, _without_separators

_NUMBER_JOINERS = "/.,:-"


def _takes_host_digits(text: str, start: int, end: int, line: Line) -> bool:
    """True when a span would cut a digit off a date, time or number of the host text.

    "Ngày đăng<spam> 21/04/2021" must keep its day: a listed word with a number ("euro #",
    "top #") or a brand with digits ("2021win") may own its digits only when they are a whole
    number of their own, not "21" of "21/04/2021" nor "5" of "1.5".
    """
    if _DIGIT_EDGE.search(text, start, end) is not None:
        return True  # "euro 202420, 2025": a number fused with the host's day is not the spam's
    left = (
        text[start].isdigit()
        and start - 2 >= line.start
        and text[start - 1] in _NUMBER_JOINERS
        and text[start - 2].isdigit()
    )
    right = (
        text[end - 1].isdigit()
        and end + 1 < line.end
        and text[end] in _NUMBER_JOINERS
        and text[end + 1].isdigit()
    )
    return left or right


# What a folded Vietnamese syllable may end with after its vowels: a final consonant or a glide.
_FINALS = frozenset((*CODAS, "i", "y", "o", "u"))
_VOWELS = frozenset("aeiouy")


def _glued_syllable(text: str, line: Line, start: int) -> bool:
    """True when the letters before ``start`` are only consonants: the same word goes on
    ("c|anh", "b|link"), so nothing was glued there."""
    left = start
    while left > line.start and text[left - 1].isalpha():
        left -= 1
    if _acronym_before(text[left:start], text[start]):
        return False
    fragment = fold_accents(text[left:start]).lower()
    return bool(fragment) and not any(c in _VOWELS for c in fragment)


def _acronym_end(text: str, index: int) -> bool:
    """True when an upper-case run of two letters or more ends right before a lowercase
    ``text[index]``: "PMgo88" is "PM" and a brand, "Fb88" is one brand."""
    return (
        index >= 2
        and text[index].islower()
        and text[index - 1].isupper()
        and text[index - 2].isupper()
    )


def _acronym_before(fragment: str, first: str) -> bool:
    """An upper-case run before a lowercase keyword ("GMTsoi kèo", "PMnhà cái") ends a word of
    its own: consonants only, yet no syllable goes on into the keyword."""
    return len(fragment) >= 2 and fragment.isupper() and first.islower()


def _same_syllable(text: str, line: Line, start: int, end: int) -> bool:
    """True when the letters glued to a match complete a Vietnamese syllable with it.

    "cầu lô|ng" is "cầu lông" (badminton) and "n|ghi đề" is "nghi": a glue that only adds
    a final ("ng", "nh", "c", ...) or only initial consonants is a word, not an injection.
    """
    left = start
    while left > line.start and text[left - 1].isalpha():
        left -= 1
    fragment = fold_accents(text[left:start]).lower()
    consonants = bool(fragment) and not any(c in _VOWELS for c in fragment)
    if consonants and not _acronym_before(text[left:start], text[start]):
        return True
    right = end
    while right < line.end and text[right].isalpha():
        right += 1
    glued = text[end:right].lower()
    return glued in _FINALS


def _same_word(original: str, written: str) -> bool:
    return " ".join(original.lower().split()) == " ".join(written.lower().split())


def _marks(char: str) -> frozenset[str]:
    if char in "đĐ":
        return frozenset("\u0335")
    return frozenset(unicodedata.normalize("NFD", char)[1:])


def _fewer_marks(original: str, written: str) -> bool:
    """True when ``original`` is ``written`` with the same or fewer diacritics.

    Spam is often typed with tones dropped ("sô xô" for "sổ xố", "soi keo" for "soi kèo");
    a different or extra mark makes another word ("nghĩ đến" is not "ghi đề").
    """
    a = _without_separators(original.lower())
    b = _without_separators(written.lower().replace("#", ""))
    if "#" in written:
        a = _DIGIT_RUN.sub("", a)
    if len(a) != len(b):
        return False
    return all(
        x == y or (_marks(x) <= _marks(y) and fold_accents(x) == fold_accents(y))
        for x, y in zip(a, b, strict=True)
    )


def _squeezed(original: str, entry: _Entry | None) -> bool:
    """A multi-word keyword written as one token ("soicau", "keo_nha_cai"): a domain-style
    spam form that prose never uses, so it counts as glued."""
    if entry is None or not any(" " in w for w in entry.written):
        return False
    return original.count(" ") < min(w.count(" ") for w in entry.written if " " in w)


class _Fragments:
    """The letters glued before a position when they are an injector's spun debris: after a
    comma ("20,ôLâsoi kèo") or with a case change inside ("chàomừNhiệt…"). Debris is a word
    cut in the middle, so it starts lowercase: "PetroVietnam", "VinFast" or "iPhone" glued to
    spam are the host's names. A lost space ("theolịch") is one lowercase word, and digits
    are always the host's ("20,15nhà cái"). For the positions of one line, from counts over
    its characters made once (tests/rules/test_seo_spam_stuffing.py keeps the direct reading
    as the reference these counts must agree with).

    A keyword glued into a long token ("…tinkubettinkubet…") has the whole token before it
    as its fragment: read again for each of thousands of keywords, the line was read
    quadratically often. The same tests, each a difference of two running counts."""

    def __init__(self, text: str, line: Line) -> None:
        self._text = text
        self._line = line
        chars = text[line.start : line.end]
        # (``_WORD_CHARS`` is ``str.isalnum``: ``\w`` without "_")
        self._token_starts = [m.start() for m in _WORD_CHARS.finditer(text, line.start, line.end)]
        self._digits = [0, *accumulate(c.isdigit() for c in chars)]
        self._capitals = [0, *accumulate(c.istitle() for c in chars)]  # (one letter: upper or title case)
        self._lower = [0, *accumulate(c.islower() for c in chars)]
        self._turns = [0, *accumulate(a.islower() and b.isupper() for a, b in pairwise(chars))]

    def debris(self, start: int) -> str:
        """``_debris(text, line, start)``."""
        text, line = self._text, self._line
        if start <= line.start or not text[start - 1].isalnum():
            return ""
        frag_start = self._token_starts[bisect_right(self._token_starts, start - 1) - 1]
        a, b = frag_start - line.start, start - line.start
        if self._digits[b] > self._digits[a] or not text[frag_start].islower():
            return ""
        if (
            b - a >= 4
            and text[frag_start + 1].isupper()
            # ``fragment[2:].islower()``: no capital, and a lowercase letter
            and self._capitals[b] == self._capitals[a + 2]
            and self._lower[b] > self._lower[a + 2]
        ):
            return ""  # "iPhone", "eSports": a brand written with one inner capital
        before = text[frag_start - 1] if frag_start > line.start else ""
        mixed = self._turns[b - 1] > self._turns[a]  # (a lowercase letter, then a capital)
        return text[frag_start:start] if (before != "" and before in ",;") or mixed else ""
