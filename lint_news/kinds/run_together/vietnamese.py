"""Vietnamese judging: two syllables run together in one token ("đạihọc").

Vietnamese writes one syllable per word, so a token that splits into two listed syllables
in exactly one way is a lost space.
"""

from __future__ import annotations

from ...core.model import Applicability
from ...text.vietnamese import LONGEST_SYLLABLE, is_vietnamese_syllable
from .context import Verdict, _Context


def _syllable(part: str) -> bool:
    """One Vietnamese syllable, without the rare nuclei of interjections: a part split off a
    token must be an ordinary syllable."""
    return is_vietnamese_syllable(part, rare=False)


def _vietnamese(ctx: _Context, token: str) -> Verdict | None:
    """Two syllables in one token: "đạihọc", "Trongdự". One syllable per word in Vietnamese."""
    whole = token.lower()
    vi = ctx.vi
    if whole in vi or _syllable(whole) or ctx.recurs(token):
        return None
    best: tuple[int, int] | None = None
    readings = 0
    # (Only the cuts that leave two parts a syllable can be as long as: a token of thousands
    # of letters costs a few slices, not one a letter.)
    size = len(whole)
    for cut in range(max(1, size - LONGEST_SYLLABLE), min(size, LONGEST_SYLLABLE + 1)):
        left, right = whole[:cut], whole[cut:]
        if left in vi and right in vi and _syllable(left) and _syllable(right):
            readings += 1
            score = vi[left] + vi[right]
            if best is None or score > best[0]:
                best = (score, cut)
    if best is None:
        return None
    # Vietnamese writes one syllable per word, so two marked syllables in one lower-case
    # token are a lost space; when only one cut gives two syllables, the split is certain.
    sure = readings == 1 and token.islower()
    applicability = Applicability.SAFE if sure else Applicability.UNSAFE
    return best[1], applicability, "two Vietnamese syllables in one word"
