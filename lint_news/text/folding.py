"""Accent folding that keeps offsets aligned: "Việt Nam" -> "Viet Nam", same length.

Kinds match keyword lists against the folded text and report spans in the original, so a
fold must never change a string's length.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .regex.lazy import char_class

_COMBINING = re.compile(r"[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_LATIN_RANGES = ((0x00C0, 0x024F), (0x1E00, 0x1EFF))
_SPECIAL = {"đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "s", "æ": "a", "Æ": "A"}


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for low, high in _LATIN_RANGES:
        for code in range(low, high + 1):
            char = chr(code)
            base = unicodedata.normalize("NFD", char)[0]
            if base != char and base.isascii():
                table[code] = base
    for char, base in _SPECIAL.items():
        table[ord(char)] = base
    return table


# Code points below this are looked up in a tuple; the others are left as they are.
_DENSE_END = 0x2100


@lru_cache(maxsize=1)
def _dense_fold_table() -> tuple[int, ...]:
    """``_fold_table`` as a tuple indexed by code point, identity where nothing is folded.

    ``str.translate`` looks each character up in its table; a tuple index is about twice as
    fast as a dict lookup on Vietnamese text. A code point past the end of the tuple raises
    ``IndexError``, which ``str.translate`` takes as "leave it unchanged", as the dict did:
    every folded letter is far below the end, and so are the common punctuation marks.
    """
    table = list(range(_DENSE_END))
    for code, base in _fold_table().items():
        table[code] = ord(base)
    return tuple(table)


def fold_accents(text: str) -> str:
    """Strip diacritics from precomposed Latin letters, one character for one.

    The result has the same length as ``text``, so a match in the folded text is a match
    at the same offsets in the original. Combining marks that stand alone (decomposed
    text) are kept, so offsets stay aligned; normalise such text to NFC first.
    """
    if text.isascii():
        return text
    if len(text) < _SHORT:  # a word or a phrase: one translate costs less than deciding
        return text.translate(_dense_fold_table())
    foldable, _ = _sparse_fold()
    sample = min(len(text), _SAMPLE)
    if len(foldable.findall(text, 0, sample)) * _SPARSE > sample:
        return text.translate(_dense_fold_table())
    return foldable.sub(_fold_match, text)


# Most news text, English with a few accented names, has few letters to fold: then replacing
# just those (one regex pass in C, a call per letter) is about four times faster than
# ``str.translate``, which looks up every character. Dense text (Vietnamese) is translated.
_SHORT = 64  # characters: shorter texts are translated without looking
_SAMPLE = 2000  # characters looked at to tell sparse from dense
_SPARSE = 15  # sparse: fewer than one letter to fold in this many characters


@lru_cache(maxsize=1)
def _sparse_fold() -> tuple[re.Pattern[str], dict[str, str]]:
    """A class of exactly the characters ``_fold_table`` folds, and the table by character."""
    by_char = {chr(code): base for code, base in _fold_table().items()}
    return re.compile(f"[{char_class(by_char)}]"), by_char


def _fold_match(match: re.Match[str]) -> str:
    return _sparse_fold()[1][match.group()]


def fold_accents_loose(text: str) -> str:
    """Like fold_accents, but also drops combining marks (length may change)."""
    return _COMBINING.sub("", unicodedata.normalize("NFD", text)).translate(_fold_table())


# ----- prefilters for regular expressions ---------------------------------------------------
