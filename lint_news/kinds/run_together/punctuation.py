"""A comma, full stop or possessive glued to the next word: "said.The", "Vietnam’sforeign".

The mark fixes the boundary exactly, so these are found from the mark, not from the words.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Container, Iterable, Iterator

from ...core.model import Finding, Fix
from ...core.rule import Rule
from ...text import wordlist
from ...text.regex.lazy import LazyPattern
from ...text.vietnamese import MARKED_LETTER
from .tokens import _ALPHABET, _GLUED, _free_standing, _initials

# One pattern per apostrophe, each starting with a literal (see ``_GLUED``); the look-behind
# (a letter before the apostrophe) comes after it.
_POSSESSIVES = tuple(LazyPattern(rf"{mark}s(?<=[^\W\d_]{mark}s)([^\W\d_]{{3,}})") for mark in "'’")


_START = operator.methodcaller("start")


def _possessives(rule: Rule, text: str) -> Iterator[Finding]:
    """A possessive glued to the next word: "Vietnam’sforeign" -> "Vietnam’s foreign".

    The apostrophe and "s" mark the boundary exactly, so the fix is safe; the rest must be a
    known lower-case word and "s" + rest must not be one ("’stable" is left alone).
    """
    matches = itertools.chain.from_iterable(pattern.finditer(text) for pattern in _POSSESSIVES)
    for match in sorted(matches, key=_START):
        rest = match.group(1)
        if not rest.islower():
            continue
        words = wordlist.small_words("en")
        if rest not in words or ("s" + rest) in words or not _free_standing(text, *match.span(1)):
            continue
        at = match.start(1)
        start = at - 2
        while start > 0 and text[start - 1].isalpha():
            start -= 1
        yield rule.finding(
            start,
            match.end(1),
            f"no space after the possessive in {text[start : match.end(1)]!r}",
            Fix.replace(at, at, " ", "Add a space after the possessive"),
        )


# ----- punctuation ------------------------------------------------------------------------
def _known_lower(word: str, functions: frozenset[str]) -> bool:
    """A lower-case English, French or Spanish word or Vietnamese syllable (the lists load
    only for this, the French and Spanish ones only for a word the others lack)."""
    if not word.islower():
        return False
    if word in functions or word in wordlist.small_words("en") or word in wordlist.small_words("vi"):
        return True
    return word in wordlist.small_words("fr") or word in wordlist.small_words("es")  # wire copy in French


def _punctuation(
    rule: Rule, text: str, skip: Container[int], functions: frozenset[str]
) -> Iterator[Finding]:
    """A comma or full stop glued to the next word: "agreements,he", "said.The"."""
    found: list[tuple[int, str]] = []
    for match in itertools.chain.from_iterable(pattern.finditer(text) for pattern in _GLUED):
        at = match.start()
        before = text[max(at - 2, 0) : at]
        if len(before) < 2 or not before.isalpha():
            continue  # "1,340", "6.7", "e.g.", "A,B"
        if text[at] == ",":
            found.append((at, ","))
            continue
        if not (before.islower() and text[at + 1].isupper() and text[at + 2 : at + 3].islower()):
            continue  # "TP.HCM", "vietnamplus.vn", "Node.js"
        word_start = at
        while word_start > 0 and text[word_start - 1].isalpha():
            word_start -= 1
        if not _known_lower(text[word_start:at], functions):
            continue  # "Xiph.Org", "changelog.Debian", "James.Bottomley": names, not sentences
        if word_start > 0 and text[word_start - 1] == ".":
            continue  # a dotted chain: "www.example.Com"
        found.append((at, "."))
    for match in _initials(text):
        if match.group(1).lower() not in functions:  # "E.D.And F. Man" is a company name
            found.append((match.end() - 1, "."))
    for at, mark in sorted(found):
        if at in skip:
            continue
        start = at
        while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
            start -= 1
        end = at + 1
        while end < len(text) and text[end].isalpha():
            end += 1
        left_word, right_word = text[start:at].split(".")[-1], text[at + 1 : end]
        if len(right_word) < 2 or not _ALPHABET.issuperset(right_word.lower()):
            continue  # "community,â€œ": mojibake, not a lost space
        if (MARKED_LETTER.search(left_word) is None) != (MARKED_LETTER.search(right_word) is None):
            continue  # a switch of language at the mark: injected or quoted text
        what = "comma" if mark == "," else "full stop"
        yield rule.finding(
            start,
            end,
            f"no space after the {what} in {text[start:end]!r}",
            Fix.replace(at + 1, at + 1, " ", f"Add a space after the {what}"),
        )


# ----- per chunk: each match of both lies in one chunk of non-space text ---------------------
# A finding relative to its chunk: span, message, where the space goes, the fix's message.
Marked = tuple[int, int, str, int, str]


_NO_SPANS: frozenset[int] = frozenset()  # (a chunk's findings meet the text's URLs when placed)


def chunk_marks(rule: Rule, chunk: str, functions: frozenset[str],
                punctuation: bool) -> tuple[tuple[Marked, ...], tuple[Marked, ...]]:
    """``_punctuation`` (when ``punctuation``) and ``_possessives`` of one chunk, relative to
    it, before the URL test.

    Every match of theirs is non-space characters, and what they look at around one
    (letters and stops before and after it, the character before and after the word) stops
    at a space, where the end of a chunk gives the same answer: so a chunk's findings are
    the same wherever it occurs, and are remembered per chunk (``_TokenMemo.marks``)."""
    found: list[tuple[Marked, ...]] = []
    for finder in ((_punctuation(rule, chunk, _NO_SPANS, functions) if punctuation else ()),
                   _possessives(rule, chunk)):
        marks = []
        for finding in finder:
            assert finding.fix is not None and len(finding.fix.edits) == 1
            marks.append((finding.start, finding.end, finding.message, finding.fix.edits[0].start,
                          finding.fix.message))
        found.append(tuple(marks))
    return found[0], found[1]


def place_marks(rule: Rule, text: str, marked: dict[str, tuple[Marked, ...]]) -> list[Finding]:
    """The findings of ``marked`` (chunk -> its findings, relative) at every occurrence of
    each chunk in ``text``, in the order of their edits (as the text's scan gives them)."""
    placed = []
    for at, chunk in _chunk_offsets(text, marked):
        for start, end, message, edit, fix_message in marked[chunk]:
            placed.append((at + edit, at + start, at + end, message, fix_message))
    placed.sort()
    return [rule.finding(start, end, message, Fix.replace(edit, edit, " ", fix_message))
            for edit, start, end, message, fix_message in placed]


_CHUNK = LazyPattern(r"\S+")  # (``str.split``'s chunks: re's and str's white space agree)
_FIND_LIMIT = 32


def _chunk_offsets(text: str, chunks: Iterable[str]) -> Iterator[tuple[int, str]]:
    """Where each of ``chunks`` occurs in ``text`` as a whole chunk (white space around)."""
    targets = set(chunks)
    if len(targets) > _FIND_LIMIT:  # (one pass over the text's chunks, not a search for each)
        for match in _CHUNK.finditer(text):
            if match.group() in targets:
                yield match.start(), match.group()
        return
    for chunk in targets:
        at = text.find(chunk)
        while at >= 0:
            end = at + len(chunk)
            if (at == 0 or text[at - 1].isspace()) and (end == len(text) or text[end].isspace()):
                yield at, chunk
            at = text.find(chunk, at + 1)
