"""Accent folding that keeps offsets aligned: "Việt Nam" -> "Viet Nam", same length.

Kinds match keyword lists against the folded text and report spans in the original, so a
fold must never change a string's length.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import lru_cache
from typing import Any

from ..core.document import Document
from .regex.lazy import LazyPattern, char_class
from .vietnamese import MARKED_LETTERS

# (compiled on first use: only ``fold_accents_loose`` needs it, and most runs never call it)
_COMBINING = LazyPattern(r"[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
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


def lower_same_length(text: str) -> str:
    """``text.lower()``, except that a letter whose lower case is longer ("İ") stays as it is,
    so that offsets stay aligned."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def fold_lower(text: str) -> str:
    """``text`` accent-folded, then lower-cased, same length: "Soi Kèo" -> "soi keo"."""
    return text.lower() if text.isascii() else lower_same_length(fold_accents(text))


def lower_case(doc: Document) -> str:
    """The document's text lower-cased, accents kept (``doc.derived`` view): literal gates
    ask it whether a case-insensitive pattern's words occur at all."""
    return doc.text.lower()


def folded_lower(doc: Document) -> str:
    """The document's text accent-folded and lower-cased, same length (``doc.derived`` view).

    Why a view: keyword lists are matched case- and accent-insensitively on this text and
    reported at the same offsets in the original; every kind that asks shares one fold.
    """
    return fold_lower(doc.text)


# ----- the letters of the folded text, in one byte each ---------------------------------------
LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789 _-"
_OTHER = 0  # the byte that stands for every character outside ``LETTERS``


def folded_letters(doc: Document) -> bytes:
    """``folded_lower(doc)`` reduced to ASCII letters, digits, " ", "_" and "-", one byte per
    code point: byte ``i`` is the folded character ``i`` when that is one of ``LETTERS``, and
    ``\x00`` otherwise (``doc.derived`` view).

    Why: a keyword automaton or a letter/digit scan needs only these characters, and on
    Vietnamese text the full fold is the slow part (``str.translate`` looks every character up
    in Python, about 30 ns each). Here the text is encoded as UTF-16 and each character's two
    bytes are mapped by ``bytes.translate`` and added as big integers, all in C: about six times
    faster. The mapping is exact for ASCII, Latin-1 and the Vietnamese letters; a document
    holding another character that folds to a letter ("ğ", "ş", the Kelvin sign) or could be
    mistaken for one, or a character outside the Basic Multilingual Plane, has each such
    character replaced by one of the same letter first (``_stand_in``), or when there are
    many of them is folded in full.

    Before both, the text of English and Vietnamese news is tried in one charmap encode
    (``_news_codec``): about twice as fast again, and it needs no ``doc.unusual_characters``.
    """
    text = doc.text
    if text.isascii():
        return text.lower().encode("ascii").translate(_ascii_letters())
    encoding_map, news_letters = _news_codec()
    try:
        codes, _ = codecs.charmap_encode(text, "strict", encoding_map)
    except UnicodeEncodeError:  # a character the codec does not hold
        pass
    else:
        return codes.translate(news_letters)
    unusual = doc.unusual_characters
    if not unusual <= _BY_BYTES:
        # A character the tables get wrong, or one that slows the encoding down (a lone
        # surrogate, which "surrogatepass" hands to an error handler one at a time; an
        # astral character, two UTF-16 units), is replaced first by a character of its own
        # letter: one ``str.replace`` pass each (one regex pass for all the surrogates costs
        # more: it stops at each), far cheaper than the full fold while there are few.
        swaps = [c for c in unusual - _BY_BYTES if not _by_bytes(c)]
        if len(swaps) > _MAX_SWAPS:
            return _letters_of(doc.derived(folded_lower))
        for char in swaps:
            text = text.replace(char, _stand_in(char))
    tables = _utf16_tables()
    encoded = text.encode("utf-16-le", "surrogatepass")
    low = encoded[0::2].translate(tables.low)
    high = encoded[1::2].translate(tables.high)
    # no carry between bytes: a low class plus a page offset stays below 256
    code = int.from_bytes(low, "little") + int.from_bytes(high, "little")
    return code.to_bytes(len(low), "little").translate(tables.out)


# The characters of English and Vietnamese news, in ``_news_codec``'s code order (code 0 is
# U+0000, which a charmap requires): tab, line feed, carriage return, printable ASCII, the
# Vietnamese marked letters, the no-break space and the common quotes, dashes and symbols.
NEWS_CHARACTERS = ("\x00\t\n\r" + "".join(map(chr, range(0x20, 0x7F))) + MARKED_LETTERS
                   + MARKED_LETTERS.upper() + "\u00a0‘’“”–—…•·«»°©®€×")


@lru_cache(maxsize=1)
def _news_codec() -> tuple[Any, bytes]:
    """The encoding map of ``NEWS_CHARACTERS`` and the table from their codes to their letters.

    Why it is exact: the codec (``codecs.charmap_build`` / ``charmap_encode``, the fast
    three-level map the standard library's single-byte codecs use) gives each character its
    own code, or refuses the text at once; the table gives each code the letter of that
    character alone. Folding is one character for one, and lower-casing these characters is
    too (none has a longer lower case or one that depends on its neighbours, as the Greek
    capital sigma does), so a character's letter alone is its letter in any text."""
    unmapped = "\ufffe"  # a decoding table's "no character here"
    encoding_map = codecs.charmap_build(NEWS_CHARACTERS + unmapped * (256 - len(NEWS_CHARACTERS)))
    letters = bytes(map(_letter_byte, NEWS_CHARACTERS)) + bytes(256 - len(NEWS_CHARACTERS))
    return encoding_map, letters


def _letters_of(folded: str) -> bytes:
    return folded.encode("ascii", "replace").translate(_ascii_letters())


@lru_cache(maxsize=1)
def _ascii_letters() -> bytes:
    """A ``bytes.translate`` table keeping ``LETTERS`` and mapping every other byte to ``_OTHER``."""
    keep = LETTERS.encode("ascii")
    return bytes(byte if byte in keep else _OTHER for byte in range(256))


class _Utf16Tables:
    """``low`` maps a UTF-16 low byte to its class, ``high`` a high byte (the page) to an
    offset, and ``out`` a class plus an offset to the folded letter or ``_OTHER``.

    A class groups the low bytes whose folded letter is the same on each handled page (Basic
    Latin and Latin-1, Latin Extended-A, Latin Extended Additional: 69 classes). Pages 0x01 and
    0x1E map only the Vietnamese letters; every other page is read as page 0x00, which can be
    wrong; ``_by_bytes`` tells which characters come out right.
    """

    PAGES = (0x00, 0x01, 0x1E)
    VIETNAMESE = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"

    def __init__(self) -> None:
        vietnamese = set(self.VIETNAMESE + self.VIETNAMESE.upper())
        classes: dict[tuple[int, ...], int] = {}
        low = bytearray(256)
        for byte in range(256):
            signature = tuple(
                _letter_byte(chr(page << 8 | byte)) if page == 0 or chr(page << 8 | byte) in vietnamese
                else _OTHER
                for page in self.PAGES
            )
            low[byte] = classes.setdefault(signature, len(classes))
        count = len(classes)
        assert count * len(self.PAGES) <= 256
        high = bytearray(256)
        for index, page in enumerate(self.PAGES):
            high[page] = index * count
        out = bytearray(256)
        for signature, klass in classes.items():
            for index, letter in enumerate(signature):
                out[index * count + klass] = letter
        self.low, self.high, self.out = bytes(low), bytes(high), bytes(out)


@lru_cache(maxsize=1)
def _utf16_tables() -> _Utf16Tables:
    return _Utf16Tables()


def _letter_byte(char: str) -> int:
    """The folded ``char`` as a byte of ``LETTERS``, or ``_OTHER``."""
    folded = lower_same_length(fold_accents(char))
    return ord(folded) if len(folded) == 1 and folded in LETTERS else _OTHER


_BY_BYTES: set[str] = set()  # the characters ``_by_bytes`` found right so far
# Distinct characters replaced before the UTF-16 tables at most: each costs a pass over the
# text (about 2 ns a character), and beyond about this many passes the full fold (45 ns) is
# cheaper.
_MAX_SWAPS = 24


def _stand_in(char: str) -> str:
    """The character of ``NEWS_CHARACTERS`` with ``char``'s letter: the letter itself, or
    U+0000 for a character that folds to none (the tables give both their letter)."""
    return chr(_letter_byte(char))


def _by_bytes(char: str) -> bool:
    """True when the UTF-16 tables give ``char`` its folded letter (or ``_OTHER`` for a
    character that folds to none), and the text encodes it fast."""
    code = ord(char)
    if code > 0xFFFF:
        return False  # two UTF-16 units: the bytes would no longer line up with the text
    if 0xD800 <= code <= 0xDFFF:
        return False  # a lone surrogate: "surrogatepass" encodes each in a call of its own
    tables = _utf16_tables()
    if tables.out[tables.low[code & 0xFF] + tables.high[code >> 8]] != _letter_byte(char):
        return False
    _BY_BYTES.add(char)
    return True


# ----- prefilters for regular expressions ---------------------------------------------------
