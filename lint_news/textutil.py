"""Small text helpers shared by kinds: accent folding that keeps offsets aligned."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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


def fold_accents(text: str) -> str:
    """Strip diacritics from precomposed Latin letters, one character for one.

    The result has the same length as ``text``, so a match in the folded text is a match
    at the same offsets in the original. Combining marks that stand alone (decomposed
    text) are kept, so offsets stay aligned; normalise such text to NFC first.
    """
    return text.translate(_fold_table())


def fold_accents_loose(text: str) -> str:
    """Like fold_accents, but also drops combining marks (length may change)."""
    return _COMBINING.sub("", unicodedata.normalize("NFD", text)).translate(_fold_table())
