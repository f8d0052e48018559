"""``difflib.SequenceMatcher`` with the same answers, faster on text.

difflib finds each longest matching block with a dynamic programme in Python over every pair
of equal elements: for characters (a small alphabet) that is quadratic work in the
interpreter. ``Matcher`` overrides only ``find_longest_match`` and finds the same block with
substring searches (C speed): the longest common substring, earliest in ``a``, then earliest
in ``b``, exactly what difflib's docstring promises and returns when there is no junk
(``isjunk`` None and ``autojunk`` False, the only configuration this class accepts). The rest
of difflib (``get_matching_blocks``, ``get_opcodes``, ``ratio``) is inherited unchanged, so
every result is identical (tests/text/test_similarity.py compares them on random inputs).

Sequences of words (or any hashable items) are compared through ``as_text``: each distinct
item becomes one character, which keeps equality and therefore every difflib result.

``ratio_reaches`` first asks rapidfuzz (``Indel``, in C) for the longest common subsequence:
difflib's matching blocks are a common subsequence, so ``2 * LCS / (len(a) + len(b))`` bounds
difflib's ratio from above, and a pair below the threshold by that bound is rejected without
running difflib at all (most pairs of paragraphs are not copies). A pair that passes the
bound is measured by difflib as before: the verdicts are difflib's, exactly. (rapidfuzz's
own ratio and opcodes align by LCS, not by difflib's longest blocks, and would move verdicts
near the thresholds and the "differs at" positions; so they are used only as the bound.)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from difflib import Match, SequenceMatcher
from typing import TYPE_CHECKING

from ..core.lazy import lazy_module

if TYPE_CHECKING:  # the type checker sees the real module
    from rapidfuzz import distance
else:
    distance = lazy_module("rapidfuzz.distance")


class Matcher(SequenceMatcher[str]):
    """``SequenceMatcher(None, a, b, autojunk=False)`` for two strings, with identical results."""

    def __init__(self, a: str, b: str) -> None:
        super().__init__(None, a, b, autojunk=False)
        self.text_a, self.text_b = a, b

    def _SequenceMatcher__chain_b(self) -> None:  # difflib's private method, by its mangled name
        """difflib indexes every element of b here for its ``find_longest_match``; this class
        does not use that index, so building it (a Python loop over b) is skipped."""
        self.b2j: dict[str, list[int]] = {}
        self.bjunk: set[str] = set()
        self.bpopular: set[str] = set()

    def quick_ratio(self) -> float:
        """difflib's upper bound (shared characters, counted in C): the same number."""
        a, b = self.text_a, self.text_b
        matches = sum((Counter(a) & Counter(b)).values())
        length = len(a) + len(b)
        return 2.0 * matches / length if length else 1.0

    def ratio_reaches(self, threshold: float) -> bool:
        """``self.ratio() >= threshold``, stopping as soon as the answer is known.

        The matching blocks are found as ``get_matching_blocks`` finds them (the longest
        block of a range, then the ranges on either side), and the ratio only grows as blocks
        are added. A range can add at most its shorter side, so once the blocks found plus
        that much for every range still to search cannot reach ``threshold``, the answer is
        no; once the blocks found reach it, yes. Paragraphs that are not copies of each other
        are usually rejected after a few blocks instead of being matched to the end.
        """
        length = len(self.text_a) + len(self.text_b)
        if not length:
            return threshold <= 1.0  # what ratio() gives two empty strings: 1.0
        if 2.0 * _lcs_at_most(self.text_a, self.text_b, threshold) / length < threshold:
            return False
        matched = 0
        queue = [(0, len(self.text_a), 0, len(self.text_b))]
        possible = min(len(self.text_a), len(self.text_b))  # what the queued ranges can add
        while queue:
            if 2.0 * matched / length >= threshold:
                return True
            if 2.0 * (matched + possible) / length < threshold:
                return False
            alo, ahi, blo, bhi = queue.pop()
            possible -= min(ahi - alo, bhi - blo)
            i, j, k = self.find_longest_match(alo, ahi, blo, bhi)
            if k:
                matched += k
                if alo < i and blo < j:
                    queue.append((alo, i, blo, j))
                    possible += min(i - alo, j - blo)
                if i + k < ahi and j + k < bhi:
                    queue.append((i + k, ahi, j + k, bhi))
                    possible += min(ahi - i - k, bhi - j - k)
        return 2.0 * matched / length >= threshold

    def find_longest_match(self, alo: int = 0, ahi: int | None = None, blo: int = 0,
                           bhi: int | None = None) -> Match:
        a, b = self.text_a, self.text_b
        if ahi is None:
            ahi = len(a)
        if bhi is None:
            bhi = len(b)
        window = b[blo:bhi]
        best, best_i = 0, alo
        i = alo
        # Scanning starts in a ascending; a start can only beat ``best`` if a block one longer
        # occurs in b, so ``best`` is set at the earliest start that has the longest block.
        while i + best < ahi:
            if a[i : i + best + 1] in window:
                # The longest block from i: presence is monotone in the length (a block's
                # prefixes occur too), so gallop, then bisect; linear growth would make long
                # equal runs quadratic.
                low, step = best + 1, 1  # a[i : i + low] occurs
                high = ahi - i  # the longest block from i cannot pass ahi
                while low < high:
                    probe = min(low + step, high)
                    if a[i : i + probe] in window:
                        low, step = probe, step * 2
                    else:
                        high = probe - 1
                        break
                while low < high:  # a[i : i + low] occurs; none longer than high does
                    middle = (low + high + 1) // 2
                    if a[i : i + middle] in window:
                        low = middle
                    else:
                        high = middle - 1
                best, best_i = low, i
                i += 1
            else:
                i = _next_start(a, i, i + best + 1, window)
        if not best:
            return Match(alo, blo, 0)
        return Match(best_i, blo + window.find(a[best_i : best_i + best]), best)


def _lcs_at_most(a: str, b: str, threshold: float) -> int:
    """An upper bound on the longest common subsequence of ``a`` and ``b`` (exact when it
    could reach ``threshold``): rapidfuzz's Indel distance is ``len(a) + len(b) - 2 * LCS``,
    and with ``score_cutoff`` it stops once the distance exceeds what ``threshold`` allows."""
    length = len(a) + len(b)
    allowed = int(length * (1.0 - threshold)) + 1  # a distance above this cannot reach it
    apart = distance.Indel.distance(a, b, score_cutoff=allowed)  # allowed + 1 when it is larger
    return (length - apart) // 2


def _next_start(a: str, start: int, end: int, window: str) -> int:
    """The next start worth trying after ``a[start:end]`` was not found in ``window`` (while
    the best block stays ``end - start - 1`` long).

    Every later candidate that still contains a suffix of ``a[start:end]`` missing from
    ``window`` is missing too. Short suffixes are tried first, doubling (one that occurs is
    found early in the window; only the missing one costs a whole scan): a missing suffix of
    length ``size`` rules out the starts up to ``end - size``. In text that differs, most
    starts are skipped instead of each costing a scan of the window.
    """
    size = 1
    while size < end - start and a[end - size : end] in window:
        size *= 2
    return end - min(size, end - start) + 1


def as_text(a: Sequence[Hashable], b: Sequence[Hashable]) -> tuple[str, str]:
    """Two sequences as two strings, one character per distinct item (equality kept)."""
    codes: dict[Hashable, str] = {}
    setdefault = codes.setdefault
    text_a = "".join([setdefault(item, chr(len(codes))) for item in a])
    text_b = "".join([setdefault(item, chr(len(codes))) for item in b])
    return text_a, text_b
