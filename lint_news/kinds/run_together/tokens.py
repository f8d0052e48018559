"""Where a token may be reported, and the shape and language tests that need no dictionary.

The document's tokens are counted once, in the text layer (``text.words.letter_tokens``);
URLs, handles and paths are found once and skipped by every finder.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections.abc import Collection, Iterator

from ...text.regex.lazy import LazyPattern
from ...text.urls import url_spans
from ...text.vietnamese import MARKED_LETTER, MARKED_LETTERS
from ...text.words import LETTER, LETTERS

_TOKEN = LETTERS  # a letter token, as the document's counts (``letter_tokens``) see it
# Letters this rule judges (lower-cased): English and Vietnamese. Anything else in a token
# (mojibake "Ã©", "µ", other scripts) means the token is not ours.
_ALPHABET = frozenset("abcdefghijklmnopqrstuvwxyz" + MARKED_LETTERS)


# A comma or full stop before a letter; then two letters before it (checked in Python). One
# pattern per mark: a pattern that starts with one literal character is searched for in C
# far faster (6 ms against 35 ms on the 5 MB benchmark) than one that starts with a class.
_GLUED = (LazyPattern(r",(?=[^\W\d_])"), LazyPattern(r"\.(?=[^\W\d_])"))
# Where any of ``_GLUED``, ``_DOTTED_CAPITAL`` and ``punctuation._POSSESSIVES`` can match: a
# comma or full stop before a letter, an apostrophe and "s" before one. Each of their matches
# is non-space characters, so it lies in one chunk of the text, where this finds it too.
_MARKED_CHUNK = re.compile(r"[,.](?=[^\W\d_])|['’]s(?=[^\W\d_])")
# (The look-behind comes after the first capital, "not after a letter", so that the scan
# jumps from capital to capital instead of testing it at every offset.)
_INITIALS = LazyPattern(r"[A-Z](?<![^\W\d_.][A-Z])\.(?:[A-Z]\.)+(?=([A-Z][a-z]+))")
# In every _INITIALS match, after its first capital; cheap to look for (a literal first), and
# each one found (the look-ahead takes no capital that the next may start with).
_DOTTED_CAPITAL = LazyPattern(r"\.(?=[A-Z]\.)")
_BEFORE_SKIP = frozenset("@/\\#_.&+=<>|~$%")
_AFTER_SKIP = frozenset("@/\\_&+=<>|~")


def _vietnamese_doc(text: str, tokens: int) -> bool:
    """Most Vietnamese syllables carry a mark; an English text with names has few.

    The marks are counted only when the text has enough non-ASCII characters to pass: each
    takes two or more bytes in UTF-8, so the extra bytes bound their number (none in ASCII).
    """
    if text.isascii() or (len(text.encode("utf-8", "surrogatepass")) - len(text)) * 5 <= tokens * 2:
        return False
    # A Vietnamese text has marks on three tokens in four or more: its first half or so has
    # marks enough, and the rest is counted only when it does not.
    half = len(text) * 11 // 20
    marks = len(MARKED_LETTER.findall(text, 0, half))
    if marks * 5 > tokens * 2:
        return True
    return (marks + len(MARKED_LETTER.findall(text, half))) * 5 > tokens * 2


def _plainly_not_vietnamese(text: str, chunks: list[str]) -> bool:
    """A sufficient test for ``not _vietnamese_doc`` that counts no token: ASCII, or few
    bytes beyond one a character against the text's all-letter chunks (each one token, so
    their number bounds the token count from below; only as many are looked at as needed)."""
    return text.isascii() or _few_marks(len(text.encode("utf-8", "surrogatepass")) - len(text), chunks)


def _few_marks(extra: int, chunks: list[str]) -> bool:
    """``_plainly_not_vietnamese`` for a text with ``extra`` bytes beyond one a character in
    UTF-8 (each mark takes one or two of them)."""
    needed = -(-extra * 5 // 2)
    if needed > len(chunks):
        return False  # (the count decides)
    # (at least ``needed`` of them: the one at that index exists)
    letters = filter(str.isalpha, chunks)
    return needed <= 0 or next(itertools.islice(letters, needed - 1, None), None) is not None


# The characters whose UTF-8 form starts with the byte E1 (U+1000-U+1FFF) but the marked
# letters of Vietnamese's own block (U+1EA0-U+1EF9), all of which are marks.
_E1_NOT_MARKED = LazyPattern("[\u1000-\u1e9f\u1efa-\u1fff]")
# Marks the lower bound counts besides those of the block: the commonest others in
# Vietnamese (wordfreq's list, by frequency: with the block, two marks in three).
_COMMON_MARKS = ("đ", "à")


def _plainly_vietnamese(text: str, encoded: bytes, chunks: list[str], unusual: frozenset[str]) -> bool:
    """A sufficient test for ``_vietnamese_doc``, from a lower bound of the marks against an
    upper bound of the tokens, found in C without counting either.

    ``encoded``: the text in UTF-8 (``surrogatepass``); ``unusual``: its characters beyond
    printable ASCII (``Document.unusual_characters``). The byte E1 starts only the characters
    U+1000-U+1FFF: when the text has none of them but the block's marks, its count is theirs.
    An all-letter chunk is one token; another of n characters holds at most (n + 1) // 2 (a
    character not a letter between each two), so the tokens are at most the all-letter
    chunks plus half the other chunks' characters and number, rounded down. A looser bound
    is tried first, found in C without a pass over the chunks: the chunks plus the characters
    that are not letters (``_separators``).
    """
    if _E1_NOT_MARKED.search("".join(unusual)) is not None:
        return False
    marks = encoded.count(b"\xe1") + sum(map(text.count, _COMMON_MARKS))
    if marks * 5 > (len(chunks) + _separators(text, encoded, unusual)) * 2:
        return True  # (a looser bound, found without a pass over the chunks: often enough)
    others = list(itertools.filterfalse(str.isalpha, chunks))
    tokens = len(chunks) - len(others) + (sum(map(len, others)) + len(others)) // 2
    return marks * 5 > tokens * 2


# The bytes of a text in UTF-8 that are no character outside a letter token, or none alone:
# ASCII letters and whitespace, and every byte of a character beyond ASCII.
# (Spelt out: importing ``string`` for its letters cost a one-file run ~0.5 ms.)
_NOT_SEPARATOR_BYTES = (
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz \t\n\r\x0b\x0c" + bytes(range(0x80, 0x100))
)


def _separators(text: str, encoded: bytes, unusual: frozenset[str]) -> int:
    """At least the number of characters in the text's chunks that are not letters
    (``_TOKEN``), counted in C: its ASCII bytes but letters and whitespace, and each
    occurrence of a character beyond printable ASCII (``unusual``) that is not alphabetic.

    So the text's tokens are at most its chunks plus this: within a chunk, each token after
    the first follows a character that is not a letter. (A character that matches ``_TOKEN``
    but is not alphabetic, "²", and whitespace counted twice only make the bound looser;
    ``encoded``: the text in UTF-8, ``surrogatepass``, whose bytes beyond ASCII all belong
    to the characters of ``unusual``.)"""
    ascii_separators = len(encoded.translate(None, _NOT_SEPARATOR_BYTES))
    return ascii_separators + sum(text.count(character) for character in unusual if not character.isalpha())


def _shaped(token: str, allowed: frozenset[str]) -> bool:
    """Cheap prefilter, no dictionary: lower-case or Capitalised of 5+ letters (4 with a
    Vietnamese mark) or a case change inside; not all-caps (acronyms, titles), not allowed,
    and only letters this rule judges (not mojibake "Ã©", not other scripts)."""
    if len(token) < 4 or token.isupper():
        return False
    if len(token) < 5 and token[0].isupper() and token[1:].islower() and MARKED_LETTER.search(token) is None:
        return False  # (four lower-case letters may be two function words: "wasa")
    return token.casefold() not in allowed and _ALPHABET.issuperset(token.lower())


def _occurrences(text: str, tokens: Collection[str]) -> list[tuple[int, int, str]]:
    """Where each token occurs as a whole ``_TOKEN`` (letters on neither side), in text order.

    A few ``str.find`` calls instead of walking every token of the text again; but each
    token's calls read the whole text, so for many tokens (a base64 blob gives thousands, and
    1 MB of them took 2 s) the text's tokens are walked once instead.
    """
    if len(tokens) > _FINDS_BEFORE_WALKING:
        return [
            (match.start(), match.end(), token)
            for match in _TOKEN.finditer(text)
            if (token := match.group()) in tokens
        ]
    found = []
    letter = LETTER.match
    for token in tokens:
        size = len(token)
        at = text.find(token)
        while at >= 0:
            if not (at and letter(text, at - 1)) and not letter(text, at + size):
                found.append((at, at + size, token))
            at = text.find(token, at + 1)
    found.sort()
    return found


# Walking the tokens of an article costs about as much as 170 ``str.find`` over it.
_FINDS_BEFORE_WALKING = 128


def _free_standing(text: str, start: int, end: int) -> bool:
    """Not part of a number, handle, path, hashtag or dotted name ("vietnamplus.vn")."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before in _BEFORE_SKIP or before.isdigit() or after in _AFTER_SKIP or after.isdigit():
        return False
    return not (after == "." and text[end + 1 : end + 2].islower())


class _UrlSpans:
    """The text's URLs, handles and domains (``url_spans``), found on first use: most
    documents have no candidate to test against them."""

    __slots__ = ("_spans", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._spans: list[tuple[int, int]] | None = None

    def __contains__(self, offset: int) -> bool:
        spans = self._spans
        if spans is None:
            spans = self._spans = url_spans(self._text)
        return _in_spans(spans, offset)


def _initials(text: str) -> Iterator[re.Match[str]]:
    """``_INITIALS.finditer(text)``, tried only where a match can start: the capital before a
    full stop that a capital and a full stop follow (found from the stop, a literal)."""
    pattern = _INITIALS.compiled()
    end = 0
    for dot in _DOTTED_CAPITAL.finditer(text):
        start = dot.start() - 1
        if start < end:
            continue  # (before the end of the last match: ``finditer`` goes on from there)
        match = pattern.match(text, start)
        if match is not None:
            end = match.end()
            yield match


def _in_spans(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` is in one of ``spans`` (sorted, not overlapping: ``url_spans``)."""
    at = bisect.bisect_right(spans, offset, key=_FIRST) - 1
    return at >= 0 and offset < spans[at][1]


_FIRST = operator.itemgetter(0)
