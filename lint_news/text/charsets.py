"""Bytes that are not UTF-8: which codec they were written in, and whether a reading is plausible.

A guessed codec is only as good as the text it gives: the readings charset-normalizer proposes
are judged as words of the corpus languages (wordfreq; Vietnamese by its syllables) and scored
down for traces of a wrong guess (stray apostrophe letters, mixed scripts, mojibake). The
``encoding`` kind reports and fixes with it.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from ..core.document import unusual_characters
from ..core.lazy import lazy_module
from .regex.lazy import LazyPattern, char_class

if TYPE_CHECKING:  # the type checker sees the real modules; they load on first use
    import charset_normalizer

    from ..core.document import Document
    from . import mojibake, vietnamese, wordlist
else:
    charset_normalizer = lazy_module("charset_normalizer")
    mojibake = lazy_module("lint_news.text.mojibake")
    vietnamese = lazy_module("lint_news.text.vietnamese")
    wordlist = lazy_module("lint_news.text.wordlist")

_SURROGATE_RUN = LazyPattern("[\udc80-\udcff]+")
# C0 controls but tab, LF and CR, DEL and the C1 controls: the characters (for a document's
# gate on its ``unusual_characters``) and the pattern (for the text)
CONTROL_CHARACTERS = frozenset(map(chr, (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20),
                                         *range(0x7F, 0xA0))))
_CONTROL = LazyPattern(lambda: f"[{char_class(CONTROL_CHARACTERS)}]")


# ----- Unicode normalisation ----------------------------------------------------------------
# Blocks of the scripts and symbols news is written in, where no character that NFC leaves as
# it is and that combines with nothing before it (canonical combining class 0) can compose
# with a character before it either: Latin, Greek, Cyrillic, punctuation and symbols, CJK,
# Hangul syllables, full-width forms, emoji. (The characters that do, "Maybe" in Unicode's
# NFC quick check, are combining marks, Hangul vowel and final jamo and a few vowel signs of
# Brahmic scripts, none of them in these blocks: the tests check it against the whole table.)
_NFC_INERT_BLOCKS = ((0x80, 0x52F), (0x1E00, 0x1FFF), (0x2000, 0x2BFF), (0x3000, 0x9FFF),
                     (0xAC00, 0xD7A3), (0xFF00, 0xFFEF), (0x1F000, 0x1FAFF))


@lru_cache(maxsize=8192)
def nfc_inert(char: str) -> bool:
    """Whether ``char`` never makes a text not NFC, wherever it stands: its NFC quick check is
    Yes and its combining class 0 (then the quick check of a text of such characters says
    Yes)."""
    code = ord(char)
    return (any(low <= code <= high for low, high in _NFC_INERT_BLOCKS)
            and unicodedata.combining(char) == 0 and unicodedata.normalize("NFC", char) == char)


def is_nfc(text: str, present: frozenset[str]) -> bool:
    """``unicodedata.is_normalized("NFC", text)`` for ``text`` whose unusual characters are
    ``present``: most news holds only characters that cannot break NFC (accented Latin
    letters precomposed, punctuation), and then the text is not read again."""
    if not present <= _INERT:  # (a subset test in C: the same few hundred characters recur)
        new = present - _INERT
        if not all(map(nfc_inert, new)):
            return unicodedata.is_normalized("NFC", text)
        _INERT.update(new)
    return True


_INERT: set[str] = set()  # characters ``nfc_inert`` said yes to


def document_is_nfc(doc: Document) -> bool:
    """Whether the document's text is in NFC (``Document.derived``: ``encoding`` reports it,
    ``mojibake`` judges the text as it will be once composed)."""
    return is_nfc(doc.text, doc.unusual_characters)


# (no __eq__/__repr__: nothing compares, hashes or prints one, and Python compiles each
# generated method from source when the class is made)
@dataclass(frozen=True, eq=False, repr=False)
class Candidate:
    """One codec's reading of the undecodable lines."""

    codec: str
    lines: tuple[str, ...]
    penalty: int
    vietnamese: int
    order: int
    known: int = 0
    unknown: int = 0

    @property
    def plausible(self) -> bool:
        """Its accented words are words of the corpus languages (one unknown in six at most:
        names); "naďve" for "naïve" is no English word."""
        return self.unknown * 5 <= self.known

    @property
    def sure(self) -> bool:
        """Plausible beyond doubt: odd characters nowhere, and one accented word in twenty at
        most unknown (the names and loanwords of a real article)."""
        return self.penalty == 0 and self.unknown * 20 <= self.known

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.implausibility, -self.vietnamese, self.order)

    @property
    def implausibility(self) -> int:
        return self.penalty + 3 * self.unknown


def _decode_line(text: str, codec: str, whole: bool) -> str | None:
    """The line's bytes decoded as ``codec`` (None if it cannot), in NFC.

    ``whole``: decode every byte of the line (a file in that codec, where a few byte pairs
    may happen to be valid UTF-8); otherwise only the undecodable runs (a paragraph in
    another codec inside a UTF-8 file: the valid UTF-8 around it stays as it is).
    """
    def decode(raw: bytes) -> str:
        decoded = raw.decode(codec)
        if decoded.encode(codec) != raw:
            raise UnicodeError("does not round-trip")
        return decoded

    try:
        if whole:
            decoded = decode(text.encode("utf-8", "surrogateescape"))
        else:
            decoded = _SURROGATE_RUN.sub(
                lambda m: decode(m.group(0).encode("utf-8", "surrogateescape")), text)
    except (UnicodeError, LookupError):
        return None
    return unicodedata.normalize("NFC", decoded)


@lru_cache(maxsize=4096)  # (copies of a file, and lines repeated across files, read once)
def _best_line(text: str, codec: str, whole: bool) -> str | None:
    """Decode a bad line; one that also holds valid UTF-8 is decoded both ways.

    A UTF-8 line with a stray byte must keep its UTF-8 ("Hà Nội" must not become mojibake);
    a Windows-1258 line where two bytes happen to form valid UTF-8 must be decoded entirely.
    The reading with no mojibake and the lower penalty wins; on a tie, the file's mode does.
    """
    preferred = _decode_line(text, codec, whole)
    if _SURROGATE_RUN.sub("", text).isascii():
        return preferred
    other = _decode_line(text, codec, not whole)
    if preferred is None or other is None:
        return preferred or other
    def key(reading: str) -> tuple[bool, int, int]:
        return (line_is_mojibake(reading), _line_penalty(reading), -_line_vietnamese(reading))

    return other if key(other) < key(preferred) else preferred


def _vietnamese(text: str) -> int:
    valid, invalid = vietnamese.vietnamese_score(text)
    return valid - invalid


# ----- one reading of the undecodable lines, judged line by line ---------------------------
# Every candidate codec reads the same lines, most of them the same way (the ASCII around the
# bad bytes, punctuation every Windows code page agrees on), and ``_best_line`` has already
# judged most of the readings: so a reading is judged line by line, each line once. The
# measures are sums over the words and character pairs of the text, none of which spans a
# line break, so the sum over the lines is the measure of the lines joined by "\n".
@lru_cache(maxsize=4096)
def _line_penalty(line: str) -> int:
    return _penalty(line)


@lru_cache(maxsize=4096)
def _line_vietnamese(line: str) -> int:
    return _vietnamese(line)


@lru_cache(maxsize=4096)
def _line_words(line: str, languages: tuple[str, ...]) -> tuple[int, int]:
    return _words(line, languages)


@lru_cache(maxsize=4096)
def line_is_mojibake(line: str) -> bool:
    """``mojibake.is_mojibake``, once per distinct line (it reads with ftfy)."""
    return mojibake.is_mojibake(line)


def judge(lines: tuple[str, ...], languages: tuple[str, ...]) -> tuple[int, int, int, int]:
    """(``_penalty``, ``_vietnamese``, and the known and unknown ``_words``) of the text
    ``"\n".join(lines)``."""
    penalty = score = known = unknown = 0
    for line in lines:
        penalty += _line_penalty(line)
        score += _line_vietnamese(line)
        line_known, line_unknown = _line_words(line, languages)
        known += line_known
        unknown += line_unknown
    return penalty, score, known, unknown


_WORD = LazyPattern(r"[^\W\d_]+")


def _words(text: str, languages: tuple[str, ...]) -> tuple[int, int]:
    """(known, unknown) words with a letter beyond ASCII: known when a word list of one of the
    corpus languages (wordfreq, via ``wordlist``) has it, or, for ``vi``, when it is a
    Vietnamese syllable. ASCII words read the same in every codec and say nothing."""
    known = unknown = 0
    for match in _WORD.finditer(text):
        word = match.group(0)
        if word.isascii():
            continue
        if _known_word(word, languages):
            known += 1
        else:
            unknown += 1
    return known, unknown


# wordfreq's lists by script, for text in a language the corpus does not name (a French or
# Czech file in an English corpus is still text, and still has one right reading).
_LANGUAGES_BY_SCRIPT = {
    "LATIN": ("en", "fr", "es", "de", "it", "pt", "nl", "ca", "cs", "sk", "pl", "sl", "sh", "hu", "ro",
              "tr", "sv", "nb", "da", "fi", "is", "lt", "lv", "id", "ms", "fil"),
    "CYRILLIC": ("ru", "uk", "bg", "mk", "sh"),
    "GREEK": ("el",),
    "HEBREW": ("he",),
    "ARABIC": ("ar", "fa", "ur"),
}


def _language(text: str) -> str:
    """The language (of the text's script) whose short word list knows most of its words."""
    letters = [c for c in text if c.isalpha() and not c.isascii()]
    script = unicodedata.name(letters[0], "").split(" ")[0] if letters else "LATIN"
    words = {m.group(0).lower() for m in _WORD.finditer(text)}
    best, best_count = "", 0
    for lang in _LANGUAGES_BY_SCRIPT.get(script, ()):
        try:
            table = wordlist.small(lang)
        except OSError:
            continue
        count = sum(1 for w in words if w in table)
        if count > best_count:
            best, best_count = lang, count
    return best


def _rejudged(candidate: Candidate, languages: tuple[str, ...]) -> Candidate:
    """``candidate`` judged also in the language its own text looks most like."""
    text = "\n".join(candidate.lines)
    language = _language(text)
    if not language:
        return candidate
    known, unknown = _words(text, (*languages, language))
    return replace(candidate, known=known, unknown=unknown)


@lru_cache(maxsize=65536)
def _known_word(word: str, languages: tuple[str, ...]) -> bool:
    """(Cached: the same few thousand words come back in every reading of every line.)"""
    if "vi" in languages and _is_syllable(word):
        return True
    lower = word.lower()
    return any(lower in table for table in _word_tables(languages))


@lru_cache(maxsize=64)
def _word_tables(languages: tuple[str, ...]) -> tuple[dict[str, int], ...]:
    tables = []
    for lang in languages:
        if lang == "vi":
            continue
        for read in (wordlist.large, wordlist.small):
            try:
                tables.append(read(lang))
            except OSError:  # no long list for this language: its short one, or none
                continue
            break
    return tuple(tables)


# A letter where English has an apostrophe ("todayĺs", "donít"): the apostrophe byte read
# in a DOS or Mac code page.
_APOSTROPHE_LETTER = LazyPattern(r"\b[A-Za-z]+[^\x00-\x7f\W](?:s|t|ll|re|ve|d|m)\b")


def _is_syllable(word: str) -> bool:
    return vietnamese.is_vietnamese_syllable(word)
# A Latin word made mostly of accented letters ("Ïðèâåò": Cyrillic read as Windows-1252) is
# no Western language; Vietnamese syllables are checked separately.
_ACCENTED_WORD = LazyPattern("[A-Za-z\u00c0-\u024f]{4,}")


@lru_cache(maxsize=16384)
def _mostly_accented(word: str) -> bool:
    accented = sum(1 for c in word if not c.isascii())
    return accented * 4 >= len(word) * 3 and not _is_syllable(word)


_MIXED_SCRIPT = LazyPattern("[A-Za-z\u00c0-\u024f][\u0370-\u04ff]|[\u0370-\u04ff][A-Za-z\u00c0-\u024f]")


_ODD, _ODD_AFTER_LOWER = 1, 2


@lru_cache(maxsize=8192)
def _oddity(char: str) -> int:
    """``_ODD`` for a character odd anywhere in prose, ``_ODD_AFTER_LOWER`` for a capital
    (odd inside a lower-case word), else 0."""
    category = unicodedata.category(char)
    if category in ("Mn", "Co", "Cn") or (category in ("So", "Sm") and ord(char) >= 0x2190):
        return _ODD  # arrows, mathematics, box drawing, shapes; not ° © ± ×
    return _ODD_AFTER_LOWER if category == "Lu" else 0


def _penalty(text: str) -> int:
    """How implausible a decoding is for prose.

    Control characters, combining marks NFC could not attach, words mixing Latin with Greek
    or Cyrillic, symbols (box drawing, mathematics) and a capital inside a lower-case word
    ("companyĹs": a curly apostrophe read in the wrong code page).
    """
    controls = len(_CONTROL.findall(text))
    odd = 0
    # Only characters beyond ASCII count, so each distinct one is looked at once (C passes:
    # ``unusual_characters``, ``str.count``, ``str.find``) rather than every character in turn.
    for char in unusual_characters(text):
        if char.isascii():
            continue  # (a control character: counted above)
        oddity = _oddity(char)
        if oddity == _ODD:
            odd += text.count(char)
        elif oddity == _ODD_AFTER_LOWER:
            index = text.find(char, 1)
            while index >= 0:
                odd += text[index - 1].islower()
                index = text.find(char, index + 1)
    mixed = len(_MIXED_SCRIPT.findall(text))
    mixed += sum(1 for m in _ACCENTED_WORD.finditer(text) if _mostly_accented(m.group(0)))
    apostrophes = sum(1 for m in _APOSTROPHE_LETTER.finditer(text)
                      if not _is_syllable(m.group(0)) and not _known_word(m.group(0), ("en",)))
    return 10 * controls + 5 * odd + 3 * mixed + 3 * apostrophes


def _codec(name: str) -> str:
    return codecs.lookup(name).name


def _display(name: str) -> str:
    """The name people know: "windows-1258" rather than Python's "cp1258"."""
    codec = _codec(name)
    return "windows-" + codec[2:] if re.fullmatch(r"cp125[0-8]", codec) else codec


@lru_cache(maxsize=64)
def _detect(payload: bytes) -> tuple[tuple[str, ...], str]:
    """charset-normalizer's guesses (python codec names) and a note for the message.

    Cached by the bytes (its answer depends on them alone): copies of one file, common in
    scraped seeds, are guessed once."""
    matches = charset_normalizer.from_bytes(payload)
    names = tuple(m.encoding for m in matches if m.encoding not in ("ascii", "utf_8"))[:3]
    best = matches.best()
    if best is None:
        return names, "charset-normalizer found no match"
    note = (f"charset-normalizer: {best.encoding}, {100 - best.percent_chaos:.0f}% confidence"
            + (f", {best.language}" if best.language and best.language != "Unknown" else ""))
    return names, note
