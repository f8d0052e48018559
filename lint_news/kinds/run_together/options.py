"""Options of ``run-together`` and the closed-class word lists they default to.

The word lists are the kind's data (overridable in ``rules/run-together.yaml``); brands are
indexed here once per configuration so that a token looks up only the brands it may hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...core.options import KindOptions, option_error

# Closed-class English words (and numerals): the glue a lost space most often sticks to a
# neighbour.
DEFAULT_FUNCTION_WORDS = (
    "a", "an", "the", "this", "that", "these", "those", "its", "his", "her", "their", "our",
    "my", "your", "of", "in", "on", "at", "to", "for", "from", "with", "by", "into", "onto",
    "about", "after", "before", "over", "under", "between", "among", "against", "during",
    "through", "without", "within", "around", "across", "since", "until", "toward", "towards",
    "and", "or", "but", "nor", "so", "yet", "as", "if", "than", "while", "when", "where",
    "which", "who", "whom", "whose", "what", "because", "although", "though", "whether",
    "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does",
    "did", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "not",
    "he", "she", "it", "we", "they", "them", "him", "us", "also", "very", "more", "most",
    "said", "says", "some", "any", "all", "each", "both", "such", "other", "no", "up", "out",
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "first",
    "last",
)  # fmt: skip

# Words that label an image in flattened alt text ("ảnh 1" = "photo 1"): a number right
# after one is the image's index, so a capital glued to it starts the caption.
DEFAULT_CAPTION_MARKERS = ("ảnh", "hình", "Ảnh", "Hình")
# Closed-class words of the other languages of wire copy about Viet Nam (French and Spanish
# VNA services), from any grammar: a line where they outnumber English ones is not English,
# and the English dictionary must not split its words ("assistera" is not "assist era").
DEFAULT_FRENCH = (
    "le", "la", "les", "des", "du", "et", "est", "une", "dans", "pour", "qui", "sur", "avec",
    "au", "aux", "cette", "sont", "ont", "pas", "par", "il", "elle", "nous", "vous", "ses",
    "leur", "leurs", "été", "entre", "selon", "mais", "aussi",
)  # fmt: skip
DEFAULT_SPANISH = (
    "el", "los", "las", "del", "y", "en", "una", "por", "para", "con", "es", "se", "su", "sus",
    "al", "como", "más", "lo", "fue", "según", "entre", "pero", "también", "han", "ha", "este",
    "esta",
)  # fmt: skip
_ENGLISH_MARKERS = frozenset(
    ("the", "and", "of", "to", "is", "was", "with", "for", "that", "on", "in", "has", "are",
     "by", "from", "it", "its", "will", "have", "were", "said", "this", "which")
)  # fmt: skip


_BRAND_KEY = 3


@dataclass(frozen=True, eq=False, repr=False)  # compared and shown by KindOptions
class Options(KindOptions):
    """``allow``: brands and names never reported (case-insensitively), and split off when
    glued to a word ("theiPhone"). ``function-words``: the closed-class words whose boundary
    is a strong fusion signal. The Zipf thresholds are in wordfreq's units (7 = "the",
    3 = once per million words): ``known-zipf`` makes a part a word, ``common-zipf`` lets two
    content words be split, ``camel-zipf`` lets two Capitalised words be split.
    """

    allow: tuple[str, ...] = ()
    function_words: tuple[str, ...] = DEFAULT_FUNCTION_WORDS
    caption_markers: tuple[str, ...] = DEFAULT_CAPTION_MARKERS
    vietnamese_surnames: tuple[str, ...] = ()
    french_function_words: tuple[str, ...] = DEFAULT_FRENCH
    spanish_function_words: tuple[str, ...] = DEFAULT_SPANISH
    known_zipf: float = 3.0
    common_zipf: float = 3.5
    camel_zipf: float = 4.0
    punctuation: bool = True
    vietnamese: bool = True
    allowed: frozenset[str] = field(init=False, repr=False, compare=False)
    brands: tuple[str, ...] = field(init=False, repr=False, compare=False)
    # ``brands`` indexed by their first and last three letters (shorter ones always tried),
    # each with its position in ``brands``: a token looks up only brands it may start or end with.
    brand_heads: dict[str, tuple[tuple[int, str], ...]] = field(init=False, repr=False, compare=False)
    brand_tails: dict[str, tuple[tuple[int, str], ...]] = field(init=False, repr=False, compare=False)
    short_brands: tuple[tuple[int, str], ...] = field(init=False, repr=False, compare=False)
    functions: frozenset[str] = field(init=False, repr=False, compare=False)
    foreign: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name in ("known_zipf", "common_zipf", "camel_zipf"):
            value = getattr(self, name)
            if not 0 <= value <= 8:
                raise option_error(name.replace("_", "-"),
                                   f"must be a Zipf value between 0 and 8, not {value}")
        brands = tuple(re.sub(r"['’]s\Z", "", a) for a in self.allow)  # McDonald's
        object.__setattr__(self, "brands", brands)
        heads: dict[str, list[tuple[int, str]]] = {}
        tails: dict[str, list[tuple[int, str]]] = {}
        short = []
        for number, brand in enumerate(brands):
            if len(brand) < _BRAND_KEY:
                short.append((number, brand))
            else:
                heads.setdefault(brand[:_BRAND_KEY], []).append((number, brand))
                tails.setdefault(brand[-_BRAND_KEY:], []).append((number, brand))
        object.__setattr__(self, "brand_heads", {k: tuple(v) for k, v in heads.items()})
        object.__setattr__(self, "brand_tails", {k: tuple(v) for k, v in tails.items()})
        object.__setattr__(self, "short_brands", tuple(short))
        object.__setattr__(self, "allowed", frozenset(b.casefold() for b in brands))
        object.__setattr__(self, "functions", frozenset(w.lower() for w in self.function_words))
        object.__setattr__(
            self, "foreign", frozenset(self.french_function_words) | frozenset(self.spanish_function_words)
        )
