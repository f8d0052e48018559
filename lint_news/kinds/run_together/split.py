"""Splitting a token with no case change: function words, two common words, a rarer word.

Without a capital to mark the boundary only word frequencies and the document itself can
vouch for a split, so every test here is about how likely the two parts are apart.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from ...core.model import Applicability
from ...text import wordlist
from .context import _FW2_REASON, _FW_REASON, Verdict, _Context


def _plain(ctx: _Context, token: str) -> Verdict | None:
    """Lower-case or Capitalised English tokens with no case change: "strengthenits".

    Only tokens the short list does not know come here (``_TokenMemo.kind``); its listed
    typos of two function words ("ofthe") are judged in ``check``."""
    whole = token.lower()
    small = ctx.small
    if _inflected(whole, small):
        return None  # "regionally", "emphasising": a known word, regularly inflected
    titled = token[0].isupper()
    # (A cut with no function word needs four letters before it and three after: the
    # first test of ``_worth_a_look``, made here without a call.)
    size, functions = len(whole), ctx.options.functions
    cuts = [
        cut
        for cut in _cuts_to_try(ctx, size)
        if (
            (cut >= 4 and size - cut >= 3)
            or whole[:cut] in functions
            or whole[cut:] in functions
        )
        and _worth_a_look(ctx, token, cut, titled)
    ]
    if not cuts:
        return None  # names such as "Kritenbrink": the long list is not even read
    whole_zipf = ctx.large.get(whole, 0)
    found: list[tuple[int, int, str, bool]] = []
    for cut in cuts:
        verdict = _plain_split(ctx, token[:cut], token[cut:], whole_zipf, titled)
        if verdict is not None:
            found.append((-verdict[0], cut, verdict[1], verdict[2]))
    # The best: the highest score, the first cut of equal ones, whose parts build no
    # compounds. The compound test asks the long list (not the document) and costs most: it
    # is made best first, only until a split passes.
    best: tuple[int, int, str] | None = None
    for score, cut, why, compound_test in sorted(found):
        left, right = token[:cut].lower(), token[cut:].lower()
        if compound_test and (wordlist.compounding(left) or wordlist.tail_compounding(right)):
            continue  # "multicurrency", "Westbank", "trendless": parts that build compounds
        best = (-score, cut, why)
        break
    if best is None:
        return None
    # (Asked last: most tokens are settled before, with no question to the document, and the
    # memo then clears them for every document at once.)
    if ctx.recurs(token) and not ctx.split_form_seen(token[: best[1]], token[best[1] :]):
        return None  # a recurring unknown token is a name or a term of the article, unless
        # the document also writes it apart: a fusion that recurs
    if best[2] not in (_FW_REASON, _FW2_REASON) and _two_word_cuts(small, whole) > 1:
        return None  # "roadslips": "roads|lips" or "road|slips"? A real fusion has one reading.
    return best[1], Applicability.UNSAFE, best[2]


def _two_word_cuts(small: dict[str, int], whole: str) -> int:
    size = len(whole)
    cuts = range(3, size - 2)
    if size > _EVERY_CUT:  # (both parts listed: each at most the list's longest word)
        longest = wordlist.longest_small_word("en")
        cuts = range(max(3, size - longest), min(size - 2, longest + 1))
    return sum(1 for cut in cuts if whole[:cut] in small and whole[cut:] in small)


# Tokens up to this long are tried at every cut, as a fusion of two words of the short list
# may be (its longest word has 18 letters, "telecommunications"): the cost is a few
# microseconds, and the list is not read through for them. Only longer tokens, a minified
# script or a base64 blob more often than words, pay for ``longest_small_word`` (once a
# process), to try only the cuts that can leave a listed word. The findings do not depend on
# this number, only the cost does.
_EVERY_CUT = 2 * 18 + 1


def _cuts_to_try(ctx: _Context, size: int) -> Iterable[int]:
    """The cuts of a token of ``size`` letters that ``_worth_a_look`` may pass or ask the
    document about, in order.

    Each of its tests needs a part to be a function word or a word of the short list (with
    thresholds above zero, an unlisted part scores zero and fails them): a cut of a long
    token may pass only near one of its ends, no farther in than the longest such word. Trying
    every cut sliced and lower-cased the token at each: a token of n letters cost n² (80k
    letters: 4 s; a 5 MB blob did not end), now a few dozen slices."""
    every = range(1, size)
    if size <= _EVERY_CUT or ctx.known <= 0 or ctx.common <= 0:
        return every
    reach = max(wordlist.longest_small_word("en"), max(map(len, ctx.options.functions), default=0))
    if size <= 2 * reach + 1:
        return every
    return itertools.chain(range(1, reach + 1), range(size - reach, size))


# Regular English inflections: a known word plus one of these is a word, not a fusion (no
# word of its own is this short or spelt like this, so no fusion can end in one).
_INFLECTIONS = ("s", "es", "ed", "d", "ing", "ly", "ally", "er", "ers", "est")


def _inflected(whole: str, small: dict[str, int]) -> bool:
    for ending in _INFLECTIONS:
        if whole.endswith(ending) and len(whole) - len(ending) >= 4:
            stem = whole[: -len(ending)]
            if stem in small or stem + "e" in small or (stem[-1] == stem[-2:-1] and stem[:-1] in small):
                return True  # "regional|ly", "emphasis(e)|ing", "plan(n)|ed"
    return False


# Glue that starts no English word productively: a long rare word after it is still a word
# ("the|denuclearisation"), whereas after "in", "a" or "be" it is usually one word.
_STRONG_GLUE = frozenset(
    ("the", "and", "of", "to", "from", "its", "their", "these", "those", "which", "whose")
)


def _worth_a_look(ctx: _Context, token: str, cut: int, titled: bool) -> bool:
    """Whether a split could pass, judged from the short list alone (it is cheap).

    This mirrors the tests of ``_plain_split`` that need no long list, so that the long
    list is read only for tokens that have a real chance ("hovered|around"), not for every
    rare word of an article ("firmer", "oilseeds", "Gerhard").
    """
    small, functions = ctx.small, ctx.options.functions
    left, right = token[:cut].lower(), token[cut:].lower()
    left_fw, right_fw = left in functions, right in functions
    if left_fw and right_fw:
        return True
    if left_fw or right_fw:
        glue, other = (left, right) if left_fw else (right, left)
        other_zipf = small.get(other, 0)
        if len(other) < 3 or (glue in _compounding(left_fw) and len(other) < 5):
            return False
        if titled and right_fw:
            # (the long list, which ``_name_glue`` reads, is asked in ``_function_boundary``)
            return ctx.standalone(token[:cut]) or (right in _NAME_GLUE and len(left) >= 3)
        if len(glue) == 1:
            return other_zipf >= ctx.common and len(other) >= 4
        if len(glue) == 2 and len(other) < 4:
            return False  # "atsec", "verto"
        if right_fw and len(glue) == 2:
            return other_zipf >= ctx.known
        if titled and (len(glue) < 3 or len(other) < 5):
            return False  # "Sogame", "Forbed", "Angov" are names; "Thecompany" is not
        if titled and other_zipf < ctx.common and not ctx.standalone(token[cut:]):
            return False
        if other_zipf:
            return True
        if left_fw and glue in _STRONG_GLUE and len(other) >= 7:
            return True  # "the|denuclearisation"
        return len(glue) >= 3 and len(other) >= 6  # "hovered|around": may be in the long list
    if len(left) < 4 or len(right) < 3:
        return False  # three-letter first parts are mostly clipped prefixes: "lib", "soy", "eco"
    zl, zr = small.get(left, 0), small.get(right, 0)
    if titled:
        return len(right) >= 4 and zr >= ctx.known and ctx.standalone(token[:cut])
    if zl >= ctx.common and zr >= ctx.common:
        return True
    if len(left) >= _LONG and len(right) >= _LONG and max(zl, zr) >= ctx.known:
        return True  # "pervasive|encroachment": may be a rarer word of the long list
    return zl >= ctx.known and zr >= ctx.known and ctx.split_form_seen(left, right)


# Per set of function words: their first letters, their last letters, and their lengths in
# order (``_typo_cut``).
_AFFIXES: dict[frozenset[str], tuple[frozenset[str], frozenset[str], tuple[int, ...]]] = {}


def _typo_cut(whole: str, small: dict[str, int], functions: frozenset[str]) -> int | None:
    """Where a listed lower-cased token made of two function words far likelier apart
    ("ofthe" -> 2) splits; None when it is not one.

    wordfreq counts web text, so frequent typos are listed. Asked per token (the memo asks
    once per token and process) rather than built as a table of every pair of function
    words: a one-file run asks a few dozen tokens, and the table cost 17k lookups. Of two
    cuts that both pass (none does with the default words), the first."""
    listed = small.get(whole)
    if listed is None:
        return None
    # (Every short-list word of a new token comes here: most neither start nor end with a
    # letter a function word does, and only cuts after as many letters as a function word
    # has can have one on the left. Each cut tried cost a few microseconds a word.)
    affixes = _AFFIXES.get(functions)
    if affixes is None:
        if len(_AFFIXES) >= 8:  # (a few configurations in one process at most)
            _AFFIXES.clear()
        words = [word for word in functions if word]  # (a cut leaves a letter on each side)
        affixes = _AFFIXES[functions] = (
            frozenset(word[0] for word in words),
            frozenset(word[-1] for word in words),
            tuple(sorted({len(word) for word in words})),
        )
    firsts, lasts, lengths = affixes
    size = len(whole)
    if size < 2 or whole[0] not in firsts or whole[-1] not in lasts:
        return None
    for cut in lengths:
        if cut >= size:
            break
        left, right = whole[:cut], whole[cut:]
        if left not in functions or right not in functions:
            continue
        zl, zr = small.get(left), small.get(right)
        if zl is not None and zr is not None and zl + zr - 900 >= listed + 150:
            return cut
    return None


def _plain_split(
    ctx: _Context, left_raw: str, right_raw: str, whole_zipf: int, titled: bool
) -> tuple[int, str, bool] | None:
    """A split's score and reason, and whether it must still pass the compound test (made
    by ``_plain``, only for the splits it would choose)."""
    small, functions = ctx.small, ctx.options.functions
    left, right = left_raw.lower(), right_raw.lower()
    left_fw, right_fw = left in functions, right in functions
    zl, zr = small.get(left, 0), small.get(right, 0)
    if left_fw and right_fw:
        if whole_zipf and zl + zr - 900 < whole_zipf + _LISTED_MARGIN:
            return None
        return zl + zr, _FW2_REASON, False
    if left_fw or right_fw:
        boundary = _function_boundary(ctx, left_raw, right_raw, left_fw, whole_zipf, titled)
        return None if boundary is None else (*boundary, False)
    if len(left) < 4 or len(right) < 3 or whole_zipf:
        return None
    if titled:
        # Capitalised: names are common, so the document must vouch for the first part.
        if not (len(right) >= 4 and zr >= ctx.known and ctx.standalone(left_raw)):
            return None
        verdict = (zl + zr + ctx.known, "the first part occurs on its own in this document")
    elif zl >= ctx.common and zr >= ctx.common:
        verdict = (zl + zr, "two common words")
    elif zl >= ctx.known and zr >= ctx.known and ctx.split_form_seen(left, right):
        verdict = (zl + zr, "the split form occurs in this document")
    elif len(left) >= _LONG and len(right) >= _LONG and max(zl, zr) >= ctx.known:
        # Two long words, one common and the other in the long list: "genocidal|regime",
        # "repeated|breakages". No unlisted word of 12+ letters splits so by chance.
        rare = ctx.large.get(right if zl >= zr else left, 0)
        if rare < _RARE_FLOOR:
            return None
        verdict = (zl + zr + rare, "a common word and a rarer one")
    else:
        return None
    return (*verdict, True)


# Parts of this many letters make a split of two long words (one of them rarer) plausible.
_LONG = 6
# A rarer part must still be a word people write (centi-Zipf: about 3 per 100 million words).
_RARE_FLOOR = 150


# Particles that also build real compounds, as a first part ("outturn", "upturn", "withhold")
# or as a second one ("jackup", "takeover", "standby"): glued to a word of four letters or
# fewer they are more likely a compound than a lost space.
_PREFIX_PARTICLES = frozenset(
    ("out", "up", "over", "under", "down", "off", "in", "on", "by", "back", "after", "with")
)
_SUFFIX_PARTICLES = frozenset(
    ("up", "out", "off", "over", "down", "in", "on", "by", "back", "around", "about")
)


# Function words that follow a name in news prose and end no name or place (unlike "more":
# "Baltimore", "over": "Hanover", "and": "Holland").
_NAME_GLUE = frozenset(
    ("from", "with", "were", "said", "says", "have", "will", "that", "been", "which",
     "when", "they", "their", "would", "could", "should", "also")
)  # fmt: skip


def _name_glue(ctx: _Context, glue: str, name: str) -> bool:
    return glue in _NAME_GLUE and len(name) >= 3 and ctx.large.get(name, 0) >= 150


def _compounding(glue_first: bool) -> frozenset[str]:
    return _PREFIX_PARTICLES if glue_first else _SUFFIX_PARTICLES


# A listed whole ("thestate" is a web typo wordfreq knows) must be this much (centi-Zipf)
# less likely than its two words side by side before the split is preferred.
_LISTED_MARGIN = 250
# With a case change the capital already marks the boundary: a smaller margin will do.
_CASE_MARGIN = 100


def _function_boundary(
    ctx: _Context, left_raw: str, right_raw: str, left_fw: bool, whole_zipf: int, titled: bool
) -> tuple[int, str] | None:
    """One function word and one other word: "strengthen|its", "the|implementation"."""
    small, large = ctx.small, ctx.large
    glue, other_raw = (left_raw, right_raw) if left_fw else (right_raw, left_raw)
    glue, other = glue.lower(), other_raw.lower()
    if len(other) < 3:
        return None
    if glue in _compounding(left_fw) and len(other) < 5:
        return None
    other_zipf = small.get(other, 0) or large.get(other, 0)
    if titled and not left_fw:
        # "Vietnamin" but not "Grieveson", "Minora", "Lanedo": a capitalised first part is a
        # name unless the document also uses it on its own, or a name the long list knows
        # meets a long verb or pronoun that ends no name ("Tuan|from", "Hung|said").
        if not (ctx.standalone(other_raw) or _name_glue(ctx, glue, other)):
            return None
        other_zipf = max(other_zipf, ctx.known)
    elif len(glue) == 1:
        if other_zipf < ctx.common or len(other) < 4:
            return None  # "acountry"; but "Aviva", "amoco" are names
    elif other_zipf < ctx.known - 100 and not (
        left_fw and glue in _STRONG_GLUE and len(other) >= 7 and other_zipf >= 100
    ):
        return None  # a rare neighbour only after strong glue, and long ("the|denuclearisation")
    if len(glue) == 2 and len(other) < 4:
        return None  # "atsec", "verto"
    if not left_fw and len(glue) <= 2 and other_zipf < ctx.known:
        return None  # "observa|do": only a common English word takes a glued "in", "do"
    if titled and left_fw and (len(glue) < 3 or len(other) < 5):
        return None  # "Sogame", "Forbed", "Angov", "Inman": capitalised glue starts many names
    if titled and left_fw and other_zipf < ctx.common and not ctx.standalone(other_raw):
        return None
    glue_zipf = small.get(glue, ctx.known)
    if whole_zipf and glue_zipf + other_zipf - 900 < whole_zipf + _LISTED_MARGIN:
        return None  # a listed whole must be less likely than the two words side by side
    return glue_zipf + max(other_zipf, ctx.known), _FW_REASON
