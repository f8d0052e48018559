"""Joins marked by digits, ordinals, brackets, quotes and stops: "2021.It", "12thcongress".

Each is looked for only in the document's distinct chunks of non-space text that are not
all letters, memoised per chunk, then placed at each occurrence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from ...core.document import Document
from ...core.model import Applicability, Finding, Fix
from ...core.rule import Rule
from ...text import wordlist
from ...text.regex.lazy import LazyPattern
from ...text.urls import TLDS
from ...text.vietnamese import MARKED_LETTER, MARKED_LETTERS
from .memo import _TOKENS_LIMIT, _Join, _TokenMemo
from .options import Options
from .tokens import _UrlSpans
from .vietnamese import _syllable

# ----- joins marked by digits, ordinals, brackets and stops -------------------------------
# Each is looked for only in the document's distinct chunks of non-space text that are not
# all letters (a few hundred per article), never at every offset of the text; each is
# compiled on its first use, not when the kind is imported.
_UP = "A-Z" + MARKED_LETTERS.upper()
_TITLE = rf"[{_UP}][^\W\d_{_UP}]+"  # a capital, then lower-case letters
# Sentence end after a number or a Capitalised word, or a stop doubled: "2021.It",
# "Hanoi.The", "Games.SEA", "x..Five".
_STOP_JOIN = LazyPattern(
    rf"(?<![\w.])(\d{{1,4}}|{_TITLE}|[a-z]+(?=\.\.))(\.\.?)({_TITLE}|[A-Z]{{2,}}(?=$|[,;:)]))(?![\w.])"
)
# A full stop and a curly quote glued to the next sentence: "ngày.“Thông", "ngoái.”Bản".
_QUOTE_JOIN = LazyPattern(rf"(?<=[\w])\.([“‘]|[”’])({_TITLE})")
# A word glued to an opening quote ('were"supported"', 'said“we'), or a closing curly quote
# glued to the next word ('”the'): a straight quote opens when it closes a word in the same
# chunk.
_OPEN_QUOTE = LazyPattern(r'(?<=[^\W\d_]{2})(?:"(?=[^\W\d_][^"\s]*"(?!\w))|“(?=[^\W\d_]))')
_CLOSE_QUOTE = LazyPattern(r"(?<=[^\W\d_])”(?=[^\W\d_]{2})")
# A closing bracket (and a full stop) glued to a capitalised word: "(VNA)Hanoi", "USD).The".
_BRACKET_JOIN = LazyPattern(rf"(?<=[\w.])[)\]]\.?({_TITLE})(?![\w])")
# A colon glued to a capital: "Photo:VNA".
_COLON_JOIN = LazyPattern(rf"(?<![\w:])([^\W\d_]{{3,}}):([{_UP}][^\W\d_]+)(?![\w:])")
# A number glued to a Capitalised word: "2Drought" (the digits are an image index or a
# figure; the capital starts a word).
_DIGIT_TITLE = LazyPattern(rf"(?<![\w.,-])(\d{{1,4}})({_TITLE})(?![\w])")
# An ordinal glued to the next word: "12thcongress", "XIVthNational".
_ORDINAL = LazyPattern(r"(?<![\w.,-])(\d{1,4}|[IVXLC]{1,7})(st|nd|rd|th)([^\W\d_]{3,})(?![\w])")
# A function word glued to a number: "the2018-19", "in2020".
_WORD_DIGITS = LazyPattern(r"(?<![\w.@/-])([a-z]{2,5})(\d{2,})(?![^\W\d_])")
# A Vietnamese syllable glued to a number, either way: "Tế03", "2025được".
_VI_DIGITS = LazyPattern(
    r"(?<![\w.@/-])([^\W\d_]{1,7})(\d{1,4})(?=$|[,.;:!?)\]”’\"])"
    r"|(?<![\w.@/-])(\d{1,4})([^\W\d_]{2,7})(?=$|[,.;:!?)\]”’\"])"
)
_DIGIT = re.compile(r"\d")
# The capitals ``_TITLE`` and ``[A-Z]`` start with (``_UP``), as a set: tests made before a
# pattern is tried (and compiled: a one-file run compiles only what a chunk may match).
_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ" + MARKED_LETTERS.upper())
_STOP_QUOTES = (".“", ".‘", ".”", ".’")  # what every ``_QUOTE_JOIN`` match holds
_ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")


def _may_stop_join(chunk: str) -> bool:
    """Whether ``_STOP_JOIN`` may match: a full stop (or two) before a capital, after a
    letter or digit that is not one of ``_CAPITALS`` (the last letter of a ``_TITLE`` is not,
    nor is a digit, nor a letter before a doubled stop; the pattern's digits and letters are
    all alphanumeric). "U.S." has none: each stop follows a capital."""
    at = chunk.find(".", 1)
    while at >= 0:
        if chunk[at + 1 : at + 2] in _CAPITALS:
            before = chunk[at - 1]
            if before == "." and at >= 2:
                before = chunk[at - 2]
            if before.isalnum() and before not in _CAPITALS:
                return True
        at = chunk.find(".", at + 1)
    return False


def _ordinal_suffix(number: str) -> str:
    """The English ordinal suffix of a number: 1st, 2nd, 3rd, 11th, 24th."""
    if number[-2:] in ("11", "12", "13"):
        return "th"
    return {"1": "st", "2": "nd", "3": "rd"}.get(number[-1], "th")


def _known(word: str, least: int) -> bool:
    """A word of the short English list at least this common (centi-Zipf)."""
    return wordlist.small_words("en").get(word.lower(), 0) >= least


def _known_abroad(word: str, least: int) -> bool:
    """A word of the French or Spanish short list (read only for a word English lacks)."""
    low = word.lower()
    return any(wordlist.small_words(lang).get(low, 0) >= least for lang in ("fr", "es"))


def _chunk_joins(chunk: str, options: Options, vietnamese_doc: bool) -> list[_Join]:
    """The lost spaces of one chunk that a digit, an ordinal, a stop or a bracket marks."""
    found: list[_Join] = []
    functions = options.functions
    known = round(options.known_zipf * 100)
    safe, unsafe = Applicability.SAFE, Applicability.UNSAFE
    if "." in chunk and _may_stop_join(chunk):
        for match in _STOP_JOIN.finditer(chunk):
            left, stops, right = match.groups()
            if right.lower() in TLDS:
                continue  # "Example.Com"
            number = left.isdigit()
            if left[0].isupper() and len(left) < 4:
                continue  # "Dr.Phil", "St.Louis": abbreviations some styles write so
            if not number and not (_known(left, known) or left in functions):
                continue  # "Xiph.Org", "James.Bottomley": names, not sentences
            if right.isupper():
                if number or len(stops) > 1:
                    continue
                found.append(_Join(match.start(), match.end(), match.end(2), match.end(2), " ",
                                   unsafe, "no space after the full stop"))
                continue
            right_known = (
                right.lower() in functions or _known(right, known) or _known_abroad(right, known)
            )  # (French or Spanish wire copy: "2023.Selon")
            if not (right_known or MARKED_LETTER.search(right) is not None):
                continue
            if len(stops) > 1:
                found.append(_Join(match.start(), match.end(), match.start(2), match.end(2), ". ",
                                   unsafe, "a doubled full stop and no space"))
                continue
            certain = right_known and (number or right.lower() in functions or _known(left, known))
            found.append(_Join(match.start(), match.end(), match.end(2), match.end(2), " ",
                               safe if certain else unsafe, "no space after the full stop"))
    if "." in chunk and any(map(chunk.__contains__, _STOP_QUOTES)):
        for match in _QUOTE_JOIN.finditer(chunk):
            word_start = match.start()
            while word_start > 0 and chunk[word_start - 1].isalnum():
                word_start -= 1
            at = match.start(1) if match.group(1) in "“‘" else match.end(1)
            found.append(_Join(word_start, match.end(), at, at, " ", safe,
                               "no space between the sentences"))
    if '"' in chunk or "“" in chunk:
        for match in _OPEN_QUOTE.finditer(chunk):
            found.append(_Join(0, len(chunk), match.start(), match.start(), " ", safe,
                               "no space before the opening quote"))
    if "”" in chunk:
        for match in _CLOSE_QUOTE.finditer(chunk):
            found.append(_Join(0, len(chunk), match.end(), match.end(), " ", safe,
                               "no space after the closing quote"))
    if ")" in chunk or "]" in chunk:
        for match in _BRACKET_JOIN.finditer(chunk):
            if len(match.group(1)) < 3:
                continue  # "(s)He"
            found.append(_Join(0, match.end(), match.start(1), match.start(1), " ", safe,
                               "no space after the closing bracket"))
    if ":" in chunk:
        for match in _COLON_JOIN.finditer(chunk):
            if _known(match.group(1), known):
                found.append(_Join(match.start(), match.end(), match.start(2), match.start(2), " ",
                                   unsafe, "no space after the colon"))
    if _DIGIT.search(chunk) is None:
        return found
    for match in _DIGIT_TITLE.finditer(chunk) if not _CAPITALS.isdisjoint(chunk) else ():
        word = match.group(2)
        listed = _known(word, known) or (vietnamese_doc and word.lower() in wordlist.small_words("vi"))
        if len(word) >= 3 and listed and match.group().lower() not in wordlist.large("en"):
            found.append(_Join(match.start(), match.end(), match.start(2), match.start(2), " ",
                               unsafe, "a number glued to a word"))
    for match in _ORDINAL.finditer(chunk) if any(map(chunk.__contains__, _ORDINAL_SUFFIXES)) else ():
        number, suffix, word = match.groups()
        roman = not number.isdigit()
        if roman and not (word[0].isupper() and suffix == "th"):
            continue
        if not roman and suffix != _ordinal_suffix(number):
            continue  # "4thought" is a name, not "4th ought"
        if not (word[0].isupper() or word.islower()) or not _known(word, known):
            continue
        if _known(suffix + word, known):
            continue  # "5three"? the letters may belong to the word
        found.append(_Join(match.start(), match.end(), match.start(3), match.start(3), " ",
                           safe, "an ordinal glued to the next word"))
    for match in _WORD_DIGITS.finditer(chunk):
        if match.group(1) in functions:
            found.append(_Join(match.start(), match.end(), match.start(2), match.start(2), " ",
                               unsafe, "a word glued to a number"))
    if options.vietnamese and MARKED_LETTER.search(chunk) is not None:
        for match in _VI_DIGITS.finditer(chunk):
            word = match.group(1) or match.group(4)
            if MARKED_LETTER.search(word) is None or not _syllable(word):
                continue
            if match.group(4) is not None and not word.islower():
                continue
            at = match.start(2) if match.group(1) else match.start(4)
            found.append(_Join(match.start(), match.end(), at, at, " ", unsafe,
                               "a Vietnamese word glued to a number"))
    return found


def caption_markers(doc: Document, options: Options, vietnamese_doc: bool) -> frozenset[str]:
    """The caption markers (``options.caption_markers``) in the document's text, for ``_joins``.

    A marker with a character beyond ASCII that the text lacks (``doc.unusual_characters``,
    shared: most texts are not searched at all) is not searched for. (In a Vietnamese text
    "Hình 1A" may be a figure's own number: only the Vietnamese word of alt text in another
    language's page marks an image index.)"""
    if vietnamese_doc:
        return frozenset()
    text = doc.text
    unusual = frozenset() if text.isascii() else doc.unusual_characters
    found = []
    for marker in options.caption_markers:
        beyond = _BEYOND_ASCII.get(marker)
        if beyond is None:
            beyond = _BEYOND_ASCII[marker] = frozenset(c for c in marker if not c.isascii())
        if unusual.issuperset(beyond) and marker in text:
            found.append(marker)
    return frozenset(found)


_BEYOND_ASCII: dict[str, frozenset[str]] = {}


def _joins(
    rule: Rule, text: str, chunks: Iterable[str], every_chunk: Callable[[], Iterable[str]],
    skip: _UrlSpans, options: Options, vietnamese_doc: bool, taken: set[int],
    memo: _TokenMemo, markers: frozenset[str],
) -> Iterator[Finding]:
    """Findings of ``_chunk_joins`` at each occurrence of their chunk (whitespace around).

    ``chunks``: the document's chunks that are not all letters, but those settled as having
    no join; ``every_chunk()``: all of them, asked for only when a caption marker is in the
    text (``markers``: ``caption_markers``; a chunk with no join is then a target too, as an
    image index).
    """
    known = memo.chunks[vietnamese_doc]
    targets: dict[str, tuple[_Join, ...]] = {}
    for chunk in every_chunk() if markers else chunks:
        joins = known.get(chunk)
        if joins is None:
            if len(known) >= _TOKENS_LIMIT:
                known.clear()
            joins = known[chunk] = tuple(_chunk_joins(chunk, options, vietnamese_doc))
        if joins or (markers and _CAPTION.match(chunk) is not None):
            targets[chunk] = joins
    if not targets:
        return
    if len(targets) > _FIND_LIMIT:
        # Many chunks to place: one pass over the text's chunks (a search per chunk would
        # read the text once each).
        for match in _CHUNK.finditer(text):
            joins = targets.get(match.group())
            if joins is not None:
                yield from _place(rule, text, match.group(), match.start(), joins, skip, taken, markers)
        return
    for chunk in sorted(targets):
        at = text.find(chunk)
        while at >= 0:
            end = at + len(chunk)
            if (at == 0 or text[at - 1].isspace()) and (end == len(text) or text[end].isspace()):
                yield from _place(rule, text, chunk, at, targets[chunk], skip, taken, markers)
            at = text.find(chunk, at + 1)


_LETTER_RUN = LazyPattern(r"[^\W\d_]+")
_CAPTION = LazyPattern(r"\d+[A-Z]")  # "1A parched", "3Farmers": an image index glued to a caption
_CHUNK = LazyPattern(r"\S+")
_FIND_LIMIT = 32


def _place(
    rule: Rule, text: str, chunk: str, at: int, joins: tuple[_Join, ...], skip: _UrlSpans,
    taken: set[int], markers: frozenset[str],
) -> Iterator[Finding]:
    if at in skip:
        return
    if not joins and chunk[:1].isdigit():
        # Alt text "ảnh 1" glued to a caption that starts with a capital: "ảnh 1A parched".
        before = text[max(at - 8, 0) : at].split()
        digits = len(chunk) - len(chunk.lstrip("0123456789"))
        word = _LETTER_RUN.match(chunk, digits)
        if (
            before and before[-1] in markers and word is not None and word.group()[0].isupper()
            and (len(word.group()) >= 2 or word.group() in ("A", "I"))
        ):  # ("ảnh 3D", "ảnh 4K" are a kind of image, not an index and a caption)
            joins = (_Join(0, len(chunk), digits, digits, " ", Applicability.UNSAFE,
                           "an image number glued to its caption"),)
    for join in joins:
        edit = at + join.edit_start
        if edit in taken:
            continue
        taken.add(edit)
        span = text[at + join.start : at + join.end]
        fixed = chunk[join.start : join.edit_start] + join.content + chunk[join.edit_end : join.end]
        yield rule.finding(
            at + join.start,
            at + join.end,
            f"{join.why} in {span!r}",
            Fix.replace(edit, at + join.edit_end, join.content, f"Write {fixed!r}", join.applicability),
        )
