"""Vietnamese judging: two syllables run together in one token ("đạihọc").

Vietnamese writes one syllable per word, so a token that splits into two listed syllables
in exactly one way is a lost space.
"""

from __future__ import annotations

import unicodedata

from ...core.model import Applicability
from ...text.regex.lazy import LazyPattern
from .context import Verdict, _Context

# The vowel nuclei of Vietnamese spelling (tone marks removed): a syllable has exactly one.
_VI_NUCLEI = (
    *("iêu", "yêu", "oai", "oay", "oeo", "uây", "uôi", "uya", "uyê", "uyu", "ươi", "ươu"),
    *("ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe"),
    *("oi", "ôi", "ơi", "oo", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ưu"),
    *("ươ", "yê", "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"),
)
_VI_SYLLABLE = LazyPattern(  # only Vietnamese documents need it: compiled on first use
    r"(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnprstvx])?"
    rf"(?:{'|'.join(_VI_NUCLEI)})(?:ch|ng|nh|[cmnpt])?"
)
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


# ----- Vietnamese -------------------------------------------------------------------------
def _syllable(part: str) -> bool:
    """One orthographic Vietnamese syllable: onset, 1-3 vowels, coda, at most one tone."""
    decomposed = unicodedata.normalize("NFD", part.lower())
    if sum(1 for c in decomposed if c in _TONES) > 1:
        return False
    bare = unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if c not in _TONES)
    )
    return _VI_SYLLABLE.fullmatch(bare) is not None


def _vietnamese(ctx: _Context, token: str) -> Verdict | None:
    """Two syllables in one token: "đạihọc", "Trongdự". One syllable per word in Vietnamese."""
    whole = token.lower()
    vi = ctx.vi
    if whole in vi or _syllable(whole) or ctx.recurs(token):
        return None
    best: tuple[int, int] | None = None
    readings = 0
    for cut in range(1, len(whole)):
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
