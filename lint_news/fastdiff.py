"""``difflib.SequenceMatcher`` with the same answers, faster on text.

difflib finds each longest matching block with a dynamic programme in Python over every pair
of equal elements: for characters (a small alphabet) that is quadratic work in the
interpreter. ``Matcher`` overrides only ``find_longest_match`` and finds the same block with
substring searches (C speed): the longest common substring, earliest in ``a``, then earliest
in ``b``, exactly what difflib's docstring promises and returns when there is no junk
(``isjunk`` None and ``autojunk`` False, the only configuration this class accepts). The rest
of difflib (``get_matching_blocks``, ``get_opcodes``, ``ratio``) is inherited unchanged, so
every result is identical (tests/test_fastdiff.py compares them on random inputs).

Sequences of words (or any hashable items) are compared through ``as_text``: each distinct
item becomes one character, which keeps equality and therefore every difflib result.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from difflib import Match, SequenceMatcher


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
        if not best:
            return Match(alo, blo, 0)
        return Match(best_i, blo + window.find(a[best_i : best_i + best]), best)


def as_text(a: Sequence[Hashable], b: Sequence[Hashable]) -> tuple[str, str]:
    """Two sequences as two strings, one character per distinct item (equality kept)."""
    codes: dict[Hashable, str] = {}
    setdefault = codes.setdefault
    text_a = "".join([setdefault(item, chr(len(codes))) for item in a])
    text_b = "".join([setdefault(item, chr(len(codes))) for item in b])
    return text_a, text_b
