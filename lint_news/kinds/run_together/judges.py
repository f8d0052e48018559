"""Judging one token: listed brands, ordinals, case changes and Vietnamese family names.

A case change is the strongest boundary signal a lost space leaves; the plain lower-case
splits are in ``split``.
"""

from __future__ import annotations

from ...core.model import Applicability
from ...text import wordlist
from ...text.regex.lazy import LazyPattern
from ...text.vietnamese import MARKED_LETTER
from .context import Verdict, _Context
from .options import _BRAND_KEY
from .split import _CASE_MARGIN, _inflected, _plain
from .vietnamese import _syllable, _vietnamese


def _judge(ctx: _Context, token: str) -> Verdict | None:
    branded = _brand_affix(ctx, token)
    if branded is not None:
        return branded
    # (A Roman numeral and "th" first, the pattern only then: compiled when one may match.)
    ordinal = _ROMAN_ORDINAL.fullmatch(token) if token[:1] in "IVXLC" and "th" in token else None
    if ordinal is not None:
        if ctx.small.get(ordinal.group(2).lower(), 0) < ctx.known:
            return None
        return ordinal.end(1), Applicability.SAFE, "an ordinal glued to the next word"
    rest = token[1:]
    has_vi = MARKED_LETTER.search(token) is not None
    if rest.islower():
        if ctx.vietnamese_doc:
            # Vietnamese syllables are judged in Vietnamese documents; there, bare ASCII
            # tokens are syllables written without marks or brands, not English.
            return _vietnamese(ctx, token) if has_vi and ctx.options.vietnamese else None
        # In an English document a token with diacritics is a name ("Lâm|said") or a quoted
        # phrase: only the English tests (which need the name on its own nearby) apply.
        return _plain(ctx, token)
    return _transition(ctx, token, has_vi)


_ROMAN_ORDINAL = LazyPattern(r"([IVXLC]{1,7}th)([A-Z][a-z]{2,})")


def _brand_affix(ctx: _Context, token: str) -> Verdict | None:
    """An allowed brand glued to a word: "atVietcombank", "theiPhone", "VinFastsaid".

    The brand's own spelling marks the boundary, so the split is as certain as a case change.
    """
    options = ctx.options
    functions = options.functions
    # Only a brand the token starts or ends with can split it (the others fall through the
    # loop below); in the order of ``brands``, as listed.
    indexed = (
        *options.brand_heads.get(token[:_BRAND_KEY], ()),
        *options.brand_tails.get(token[-_BRAND_KEY:], ()),
        *options.short_brands,
    )
    if not indexed:
        return None
    candidates = [
        brand
        for _, brand in sorted(set(indexed))
        if len(token) > len(brand) + 1 and (token.startswith(brand) or token.endswith(brand))
    ]
    if not candidates or token.lower() in ctx.small:
        return None  # "ratios" is a word, not "rat|iOS"
    for brand in candidates:  # spelled exactly as listed: the case is part of the evidence
        if token.startswith(brand):
            rest = token[len(brand) :].lower()
            if rest in functions or (len(rest) >= 3 and ctx.small.get(rest, 0) >= ctx.known):
                sure = Applicability.SAFE if rest in functions else Applicability.UNSAFE
                return len(brand), sure, "a listed name glued to a word"
        elif token.endswith(brand):
            head = token[: -len(brand)].lower()
            if head in functions or (len(head) >= 3 and ctx.small.get(head, 0) >= ctx.known):
                sure = Applicability.SAFE if head in functions else Applicability.UNSAFE
                return len(head), sure, "a word glued to a listed name"
    return None


def _shape(part: str) -> str:
    if part.islower():
        return "lower"
    if part.isupper():
        return "upper"
    if part[0].isupper() and part[1:].islower():
        return "title"
    return "mixed"


def _transition(ctx: _Context, token: str, has_vi: bool) -> Verdict | None:
    """Case transitions: "theCommunist", "USSecretary", "USrelations", "HảiPhòng"."""
    cuts = []
    turns = []  # the lower->upper changes
    lower_before = False  # a lower-case letter in ``token[:i]``: then it is not upper-case
    for i in range(1, len(token)):
        prev, cur = token[i - 1], token[i]
        lower_before = lower_before or prev.islower()
        lower_upper = prev.islower() and cur.isupper()  # the|Communist
        run_title = prev.isupper() and cur.isupper() and token[i + 1 : i + 2].islower()  # US|Secretary
        run_lower = (  # US|relations
            prev.isupper() and cur.islower() and i >= 2 and not lower_before and token[:i].isupper()
        )
        if lower_upper or run_title or run_lower:
            cuts.append(i)
        if lower_upper:
            turns.append(i)
    if turns:
        # A part with a lower->upper change inside is mixed, never a word: only the token's one
        # change can be the cut. (Each cut tried slices the token: "AbCd" a thousand times over
        # cost the square of its length, for no split.)
        cuts = turns if len(turns) == 1 else []
    whole = token.lower()
    listed_vi = (has_vi or ctx.vietnamese_doc) and whole in ctx.vi
    if listed_vi:  # (a token the short list knows never comes here)
        return None  # a listed token is a word
    # A recurring token is a name or a brand (iPhone, YouTube) unless the document also
    # writes it apart, or it is a function word before a capital: a fusion can recur
    # ("inMarch" in every dateline). Either way the fix is then unsafe.
    recurs = ctx.recurs(token)
    named = _surname_pair(ctx, token)
    if named is not None:
        return named, Applicability.UNSAFE, "a Vietnamese family name glued to the next name"
    best: tuple[int, int, str] | None = None
    for cut in cuts:
        left, right = token[:cut], token[cut:]
        if len(left) < 2 or len(right) < 2:
            continue  # "iPhone", "eBay", "MBaer", "PhD", "CEOs": one letter is not a word
        shapes = (_shape(left), _shape(right))
        if "mixed" in shapes or shapes in (("title", "upper"), ("upper", "upper")):
            continue
        if shapes == ("lower", "lower") or (shapes[1] == "lower" and shapes[0] != "upper"):
            continue
        if left.lower() in ("mc", "mac") and shapes[0] == "title":
            continue  # McDonald, MacArthur
        score = _transition_parts(ctx, left, right, shapes, has_vi)
        if score is not None and (best is None or score > best[0]):
            best = (score, cut, "case change inside the word")
    if best is None:
        return None
    cut = best[1]
    left, right = token[:cut], token[cut:]
    seen = ctx.split_form_seen(left, right)
    if recurs and not seen:
        if not (left.islower() and left in ctx.options.functions and len(left) >= 2):
            return None
        return cut, Applicability.UNSAFE, best[2]
    camel = _shape(left) == "title" and _shape(right) == "title" and not seen
    # Capitalised+Capitalised is how brands are made ("SoundCloud", "NextTech"), from
    # productive first elements; only two very common words with an unproductive first one
    # ("EconomicPlanning") are trusted without the document's own "Black Widow".
    if camel and not (_common_word(ctx, left) and _common_word(ctx, right)):
        return None
    if camel and not has_vi and (min(len(left), len(right)) < 4 or ctx.large.get(whole, 0)):
        return None  # short elements make brands: "GovTech", "YouTube", "NetFlix"
    whole_zipf = ctx.large.get(whole, 0)
    if whole_zipf and not seen and best[0] - 900 < whole_zipf + _CASE_MARGIN:
        return None  # listed ("blackwidow"): only if "of|July" beats "ofjuly" clearly
    if camel and not has_vi and wordlist.compounding(left.lower()):
        return None
    # Safe means certain: only a function word before a capital ("the|Communist") is never a
    # brand; "GovTech", "PAMAir", "USrelations" may be spelt so on purpose.
    certain = left.islower() and left in ctx.options.functions and not recurs
    return cut, Applicability.SAFE if certain else Applicability.UNSAFE, best[2]


_NAME_PAIR = LazyPattern(r"([A-Z][a-z]{2,})([A-Z][a-z]+)")


def _surname_pair(ctx: _Context, token: str) -> int | None:
    """"NguyenXuan": in an English text, Vietnamese names are written a syllable a word, so a
    common family name (``vietnamese-surnames``) glued to a Capitalised syllable is a lost
    space. Names may be spelt so on purpose ("LeMay"): the two-letter names are not listed,
    and the fix is unsafe."""
    match = _NAME_PAIR.fullmatch(token)
    if match is None or ctx.vietnamese_doc or match.group(1) not in ctx.options.vietnamese_surnames:
        return None
    if not _syllable(match.group(2)) or ctx.large.get(token.lower(), 0):
        return None
    return match.end(1)


def _common_word(ctx: _Context, part: str) -> bool:
    """Both halves of a Capitalised+Capitalised fusion must be very common (brands are not)."""
    low = part.lower()
    shortest = 2 if ctx.vietnamese_doc else 3  # Vietnamese syllables are short: "Hà|Nội"
    return len(part) >= shortest and max(ctx.small.get(low, 0), ctx.vi.get(low, 0)) >= ctx.camel


def _transition_parts(
    ctx: _Context, left: str, right: str, shapes: tuple[str, str], has_vi: bool
) -> int | None:
    """The score of a case-change split, or None when a part is not a word."""
    scores = []
    for side, (part, shape) in enumerate(((left, shapes[0]), (right, shapes[1]))):
        low = part.lower()
        if shape == "upper":
            # "US|Secretary" when the document also writes "US" alone; "PCMan" is a name.
            # An acronym before a common lower-case word of four letters or more is enough
            # on its own ("UScitizens"): brands glue a capitalised word, not a lower-case one.
            value = ctx.small.get(low, 0)
            if not ctx.standalone(part) and not (
                side == 0 and shapes[1] == "lower" and len(part) <= 4 and len(right) >= 4
                and ctx.small.get(right.lower(), 0) >= ctx.common
                and not _inflected(right.lower() + "x", {})
            ):
                return None
            scores.append(max(value, ctx.known))
            continue
        value = max(ctx.small.get(low, 0), ctx.vi.get(low, 0) if has_vi or ctx.vietnamese_doc else 0)
        if low in ctx.options.functions:
            value = max(value, ctx.known)
        if value >= ctx.known:
            scores.append(value)
        elif shape == "title" and ctx.standalone(part):
            scores.append(ctx.known)  # a name the document uses on its own
        elif shape == "title" and side == 1 and shapes[0] == "lower" and ctx.large.get(low, 0):
            scores.append(ctx.known)  # "up|Kuwaiti", "while|Argentines": a listed name
        elif shape == "lower" and side == 0 and len(part) >= 4 and ctx.large.get(low, 0) >= 200:
            scores.append(ctx.known)  # "reshape|Asian": a rarer word, but the capital is clear
        else:
            return None
    return sum(scores)
