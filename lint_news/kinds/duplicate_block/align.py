"""Which paragraphs of a file are copies of earlier ones, and the aligned runs they form.

This is the part of ``duplicate-block`` that must stay linear in the file: a hash index of
paragraph keys proposes a few candidates, similarity is computed only on aligned pairs (cheap
bounds first, difflib last), and a run is grown pair by pair from a seed. What is reported,
and how, is decided in ``__init__``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from ...core.document import BOM, Document
from ...core.lazy import lazy_module
from ...text.regex.lazy import LazyPattern

if TYPE_CHECKING:  # the type checker sees the real module
    from ...text import similarity
else:  # difflib: imported when a pair of paragraphs first needs it
    similarity = lazy_module("lint_news.text.similarity")

_NEAR_KEY = 24  # characters of a paragraph's start and end indexed to find near copies
_NEAR_MIN = 40  # paragraphs shorter than this are matched exactly only
_CHAR_COMPARE_MAX = 2000  # longer pairs of paragraphs are compared word by word
_WORD_COMPARE_MAX = 4000  # and pairs longer than this in words only by shared start and end


class Run(NamedTuple):
    """Original units ``i..i_end`` align with copy units ``j..j_end``; ``pairs`` paragraphs
    matched (short byline-like lines present on one side only are bridged, not counted).
    (A named tuple: its class is made in a fifth of a frozen dataclass's time, at start-up.)"""

    i: int
    i_end: int
    j: int
    j_end: int
    pairs: int
    chars: int


def flatten(text: str, printable: bool = False) -> str:
    """Whitespace normalisation: what "exact copy" means for the safe fix.

    Most lines are already normal: printable (so no whitespace but the plain space, and no
    byte-order mark), no double space, none at either end. Those are returned as they are,
    which saves splitting them into words and joining them again (twice as fast).
    ``printable``: the caller knows every line of the file is (``all_printable``)."""
    if (printable or text.isprintable()) and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.lstrip(BOM).split())


def all_printable(doc: Document) -> bool:
    """Whether every line of ``doc`` is printable, from the file's unusual characters (a
    small set the document computes once for all kinds) instead of a pass over each line."""
    text = doc.text
    return "\t" not in text and "\r" not in text and all(c.isprintable() for c in doc.unusual_characters)


def paragraph_key(text: str) -> str:
    """The paragraph's key: NFC, case folded. ASCII text is its own NFC and folds as it
    lowers; ``lower`` has a fast path for ASCII that ``casefold`` lacks."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFC", text).casefold()


class Index:
    """The paragraphs seen so far, by key and (those of ``_NEAR_MIN`` characters or more) by
    their first and by their last ``_NEAR_KEY`` characters, so that a paragraph with a small
    edit is found too. Only the first ``limit`` occurrences of each are kept (bounded work)."""

    def __init__(self, keys: list[str], limit: int) -> None:
        self.keys = keys
        self.limit = limit
        self.exact: dict[str, list[int]] = {}
        self.heads: dict[str, list[int]] = {}
        self.tails: dict[str, list[int]] = {}

    def visit(self, j: int) -> list[int]:
        """Index paragraph ``j``; return the earlier paragraphs that may be copies of it (at
        most ``2 * limit``: equal ones first, then those sharing the start, then the end).
        One pass does both, since every paragraph is looked up and then indexed."""
        key, limit = self.keys[j], self.limit
        slot = self.exact.setdefault(key, [])
        found = slot.copy()
        if len(slot) < limit:
            slot.append(j)
        if len(key) >= _NEAR_MIN:
            for table, near_key in ((self.heads, key[:_NEAR_KEY]), (self.tails, key[-_NEAR_KEY:])):
                slot = table.setdefault(near_key, [])
                for i in slot:
                    if i not in found:
                        found.append(i)
                if len(slot) < limit:
                    slot.append(j)
        return found[: limit * 2]


class Matcher:
    """Paragraph equality up to case and whitespace, or similarity above the threshold."""

    def __init__(self, threshold: float, keys: list[str], flat: list[str]) -> None:
        self.threshold = threshold
        self.keys = keys
        self.flat = flat
        self.cache: dict[tuple[int, int], bool] = {}

    def same(self, a: int, b: int) -> bool:
        ka, kb = self.keys[a], self.keys[b]
        if ka == kb:
            return True
        if self.threshold >= 1.0 or min(len(ka), len(kb)) < _NEAR_MIN:
            return False
        cached = self.cache.get((a, b))
        if cached is None:
            cached = self.cache[(a, b)] = (_similar(ka, kb, self.threshold)
                                           and not _distinct(self.flat[a], self.flat[b]))
        return cached


def _similar(a: str, b: str, threshold: float) -> bool:
    """At least ``threshold`` alike (difflib's ratio), computed cheaply where possible.

    The length ratio bounds the similarity from above; a shared start and end bound it from
    below (one local edit, the usual case); only then is difflib run: on characters for
    paragraphs of ordinary length, on words for long ones, whose character comparison would
    cost quadratic time; huge ones count as alike only through their shared start and end.
    """
    total = len(a) + len(b)
    if 2 * min(len(a), len(b)) / total < threshold:
        return False
    prefix = common_prefix(a, b)
    suffix = common_prefix(a[prefix:][::-1], b[prefix:][::-1])
    if 2 * (prefix + suffix) / total >= threshold:
        return True
    if total <= _CHAR_COMPARE_MAX:
        matcher = similarity.Matcher(a, b)  # difflib's ratio, computed at C speed
        return matcher.quick_ratio() >= threshold and matcher.ratio_reaches(threshold)
    split_a, split_b = a.split(), b.split()
    if len(split_a) + len(split_b) > _WORD_COMPARE_MAX:
        return False  # beyond this only a shared start and end count (bounded cost)
    words = similarity.Matcher(*similarity.as_text(split_a, split_b))  # one character per distinct word
    return words.quick_ratio() >= threshold and words.ratio_reaches(threshold)


_DIGITS = LazyPattern(r"\d+")
_WORDS = LazyPattern(r"\w+")
_NEAR_EDIT_WORDS = 3  # words a near copy may change (or a tenth of its words, if more)


def _distinct(a: str, b: str) -> bool:
    """Whether two alike paragraphs are different texts rather than one text copied twice.

    Why: a scraper's second copy differs from the first in spacing, case, a byline or a slip
    of a word or two; it never changes a number or a name. Paragraphs that share most words
    but not their numbers or names are two texts of one template: two circulars' clauses,
    or gallery captions that all open with the title and the alt text ("ảnh 1", "ảnh 2").
    So: other numbers, a capitalised word replaced by another, or more changed words than a
    small edit.
    """
    if sorted(_DIGITS.findall(a)) != sorted(_DIGITS.findall(b)):
        return True
    words_a, words_b = _WORDS.findall(a), _WORDS.findall(b)
    folded_a, folded_b = [w.casefold() for w in words_a], [w.casefold() for w in words_b]
    changed = 0
    opcodes = similarity.Matcher(*similarity.as_text(folded_a, folded_b)).get_opcodes()
    for tag, a1, a2, b1, b2 in opcodes:
        if tag == "equal":
            continue
        changed += max(a2 - a1, b2 - b1)
        if tag == "replace" and any(w[:1].isupper() for w in words_a[a1:a2] + words_b[b1:b2]):
            return True  # a name replaced by another (a credit added to one copy is not)
    return changed > max(_NEAR_EDIT_WORDS, min(len(words_a), len(words_b)) // 10)


def common_prefix(a: str, b: str) -> int:
    """Length of the shared start (binary search on slice equality: C-speed comparisons)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def grow(matcher: Matcher, i: int, j: int, last_copy_end: int, flat: list[str]) -> Run:
    """The longest aligned run through (i, j): the original must end before the copy starts
    and the copy must not reach back into an already reported copy.

    A short byline-like line on one side only ("THANH TUẤN" where the first copy has none,
    once a fix has removed its "|") is bridged, so one differing byline never splits a copy
    into pieces whose removal would leave the others stranded.
    """
    if not matcher.same(i, j):
        return Run(i, i, j, j, 0, 0)
    pairs = 1
    chars = len(flat[j])
    end_i, end_j = i, j
    while True:
        step = _step(matcher, flat, end_i, end_j, 1, lambda a, b: b < len(flat) and a < j)
        if step is None:
            break
        end_i, end_j = step
        pairs += 1
        chars += len(flat[end_j])
    start_i, start_j = i, j
    floor = max(last_copy_end, end_i)
    while True:
        step = _step(matcher, flat, start_i, start_j, -1, lambda a, b: a >= 0 and b > floor)
        if step is None:
            break
        start_i, start_j = step
        pairs += 1
        chars += len(flat[start_j])
    return Run(start_i, end_i, start_j, end_j, pairs, chars)


def _step(matcher: Matcher, flat: list[str], a: int, b: int, direction: int,
          inside: Callable[[int, int], bool]) -> tuple[int, int] | None:
    """The next aligned pair from (a, b): the neighbours, or one side skipping one or two
    short lines (a byline, a poster's name printed twice by a forum template)."""
    for da, db in ((1, 1), (1, 2), (2, 1), (1, 3), (3, 1)):
        na, nb = a + da * direction, b + db * direction
        if not inside(na, nb):
            continue
        skipped = ([flat[a + k * direction] for k in range(1, da)]
                   + [flat[b + k * direction] for k in range(1, db)])
        if not all(_byline_like(text) for text in skipped):
            continue
        if matcher.same(na, nb):
            return na, nb
    return None


def _byline_like(text: str) -> bool:
    """A name or credit line: a few words, no sentence punctuation."""
    return len(text) <= 40 and len(text.split()) <= 4 and not text.endswith((".", "!", "?", ":"))
