"""The options of ``boilerplate``, with every pattern list compiled once per configuration.

Each list becomes one alternation (``compile_alternatives``), and the lists searched on every
line get a literal prefilter, so that most lines are skipped at C speed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import cast

from ...core.options import KindOptions, option_error
from ...text.regex.lazy import LazyPattern
from ...text.regex.prefilter import literal_prefilter
from ...text.regex.safety import compile_alternatives
from .gates import MARKS, AlternativesGate, DocumentLiterals, EndGate, LiteralGate, words_gate

WINDOW = 200  # characters at the end of a line searched for chrome, credits and sign-offs


@dataclass(frozen=True, eq=False, repr=False)  # compared and shown by KindOptions
class Options(KindOptions):
    separator_lines: tuple[str, ...] = (r"[|¦]",)
    counters: tuple[str, ...] = ()
    empty_images: tuple[str, ...] = ()
    caption_credits: tuple[str, ...] = ()
    related_headings: tuple[str, ...] = ()
    read_more: tuple[str, ...] = ()
    sign_offs: tuple[str, ...] = ()
    stopwords: tuple[str, ...] = ()
    verbs: tuple[str, ...] = ()
    credit_lines: tuple[str, ...] = ()
    agency_lines: tuple[str, ...] = ()
    ui_lines: tuple[str, ...] = ()
    relative_times: tuple[str, ...] = ()
    image_names: tuple[str, ...] = ()
    promo_lines: tuple[str, ...] = ()
    banners: tuple[str, ...] = ()
    position_markers: tuple[str, ...] = ()
    alt_text_tails: tuple[str, ...] = ()
    link_tails: tuple[str, ...] = ()
    unmarked_captions: bool = True
    min_related_items: int = 2
    tail_min_items: int = 2
    tail_max_overlap: float = 0.3
    separator_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    chrome_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    image_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    credit_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    heading_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    read_more_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    sign_off_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    stopword_set: frozenset[str] = field(init=False, repr=False, compare=False)
    verb_set: frozenset[str] = field(init=False, repr=False, compare=False)
    credit_line_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    agency_line_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    ui_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    relative_time_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    image_name_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    promo_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    promo_prefilter: LazyPattern = field(init=False, repr=False, compare=False)
    banner_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    marker_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    alt_tail_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    link_tail_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    link_tail_prefilter: LazyPattern = field(init=False, repr=False, compare=False)
    # literal prefilters (see ``textutil.literal_prefilter``): where they find nothing, the
    # pattern they stand for cannot match, and most lines are skipped at C speed
    credit_prefilter: LazyPattern = field(init=False, repr=False, compare=False)
    # the credit patterns one by one, each searched alone where only whether one matches is
    # asked (``captions.is_caption``): an alternation of six patterns that start with a
    # look-behind or a class is tried whole at every place of the window, each alone skips
    # ahead (about a third of the time); None for a user's list, searched as one pattern
    # under its time limit (``credit_regex`` becomes a ``TimedPattern`` after this is built)
    credit_parts: tuple[re.Pattern[str], ...] | None = field(init=False, repr=False, compare=False)
    sign_off_prefilter: LazyPattern = field(init=False, repr=False, compare=False)
    # gates (``gates``): what a line or a document must hold for a pattern to match at all
    chrome_ends: EndGate = field(init=False, repr=False, compare=False)
    chrome_words: LiteralGate = field(init=False, repr=False, compare=False)
    image_gate: AlternativesGate = field(init=False, repr=False, compare=False)
    credit_gate: LiteralGate = field(init=False, repr=False, compare=False)
    literals: DocumentLiterals = field(init=False, repr=False, compare=False)
    lowered_literals: DocumentLiterals = field(init=False, repr=False, compare=False)
    sign_off_ends: EndGate = field(init=False, repr=False, compare=False)
    promo_gate: LiteralGate = field(init=False, repr=False, compare=False)
    link_tail_gate: LiteralGate = field(init=False, repr=False, compare=False)
    # the words of a read-more line as written ("read more", "xem thêm"), in any case
    read_more_words: LiteralGate = field(init=False, repr=False, compare=False)
    link_tail_ends: EndGate = field(init=False, repr=False, compare=False)
    heading_ends: EndGate = field(init=False, repr=False, compare=False)
    alt_tail_ends: EndGate = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.min_related_items < 1 or self.tail_min_items < 1:
            key = "min-related-items" if self.min_related_items < 1 else "tail-min-items"
            raise option_error(key, "must be at least 1")
        if not 0.0 <= self.tail_max_overlap <= 1.0:
            raise option_error("tail-max-overlap", f"must be between 0 and 1, not {self.tail_max_overlap}")
        separator = compile_alternatives("separator-lines", self.separator_lines)
        counter = compile_alternatives("counters", self.counters, re.IGNORECASE)
        image = compile_alternatives("empty-images", self.empty_images, re.IGNORECASE)
        one = rf"(?:{separator.pattern}|{counter.pattern}|{image.pattern})"
        setattr_ = object.__setattr__
        setattr_(self, "separator_regex", separator)
        # compiled now: the kind reads a compiled pattern (not a user's, matched under a time
        # limit) as the sign that its document gate applies
        setattr_(self, "image_regex", _compiled(image))
        # One chrome item; runs of items are walked in Python (chain), never with a nested
        # quantifier, which could backtrack exponentially on a line such as "||||…|x".
        # Made of built-in values only, it is compiled on first use (see compile_alternatives).
        builtin = all(isinstance(cast(object, part), LazyPattern) for part in (separator, counter, image))
        setattr_(self, "chrome_regex", cast("re.Pattern[str]", LazyPattern(one, re.IGNORECASE))
                 if builtin else re.compile(one, re.IGNORECASE))
        setattr_(self, "credit_regex", compile_alternatives("caption-credits", self.caption_credits))
        setattr_(self, "credit_prefilter", literal_prefilter(self.credit_regex))
        setattr_(self, "credit_parts", tuple(
            cast("re.Pattern[str]", LazyPattern(f"(?:{part})")) for part in self.caption_credits)
            if isinstance(cast(object, self.credit_regex), LazyPattern) else None)
        setattr_(self, "heading_regex",
                 compile_alternatives("related-headings", self.related_headings, re.IGNORECASE))
        setattr_(self, "read_more_regex", compile_alternatives("read-more", self.read_more, re.IGNORECASE))
        setattr_(self, "sign_off_regex", compile_alternatives("sign-offs", self.sign_offs))
        setattr_(self, "sign_off_prefilter", literal_prefilter(self.sign_off_regex))
        setattr_(self, "stopword_set", frozenset(w.casefold() for w in self.stopwords))
        setattr_(self, "verb_set", frozenset(w.casefold() for w in self.verbs))
        setattr_(self, "credit_line_regex", compile_alternatives("credit-lines", self.credit_lines))
        setattr_(self, "agency_line_regex", compile_alternatives("agency-lines", self.agency_lines))
        setattr_(self, "ui_regex", compile_alternatives("ui-lines", self.ui_lines, re.IGNORECASE))
        setattr_(self, "relative_time_regex",
                 compile_alternatives("relative-times", self.relative_times, re.IGNORECASE))
        setattr_(self, "image_name_regex",
                 compile_alternatives("image-names", self.image_names, re.IGNORECASE))
        setattr_(self, "promo_regex", compile_alternatives("promo-lines", self.promo_lines, re.IGNORECASE))
        setattr_(self, "promo_prefilter", literal_prefilter(self.promo_regex))
        setattr_(self, "banner_regex", compile_alternatives("banners", self.banners))
        setattr_(self, "marker_regex", compile_alternatives("position-markers", self.position_markers))
        setattr_(self, "alt_tail_regex", compile_alternatives("alt-text-tails", self.alt_text_tails))
        setattr_(self, "link_tail_regex",
                 compile_alternatives("link-tails", self.link_tails, re.IGNORECASE))
        setattr_(self, "link_tail_prefilter", literal_prefilter(self.link_tail_regex))
        setattr_(self, "chrome_ends", EndGate(self.chrome_regex))
        setattr_(self, "chrome_words", words_gate(self.chrome_regex))
        setattr_(self, "image_gate", AlternativesGate(self.empty_images, re.IGNORECASE))
        setattr_(self, "credit_gate", LiteralGate(self.credit_prefilter))
        # the literals of the gates above and of the furniture marks, found in one pass
        setattr_(self, "literals", DocumentLiterals((self.credit_gate, self.image_gate), MARKS))
        setattr_(self, "sign_off_ends", EndGate(self.sign_off_regex, anchored=True))
        setattr_(self, "promo_gate", LiteralGate(self.promo_prefilter))
        setattr_(self, "link_tail_gate", LiteralGate(self.link_tail_prefilter))
        # (read from the built-in pattern only: a user's is matched by another engine, under
        # its time limit, and its gate stays open)
        builtin_read_more = isinstance(cast(object, self.read_more_regex), LazyPattern)
        setattr_(self, "read_more_words", words_gate(self.read_more_regex)
                 if builtin_read_more else LiteralGate(LazyPattern("")))
        # the lower-cased gates' literals, found in one pass (most documents hold none of the
        # words of a promotion, of link text or of a read-more line: no line is searched)
        setattr_(self, "lowered_literals", DocumentLiterals(
            (self.promo_gate, self.link_tail_gate, self.read_more_words), lowered=True))
        setattr_(self, "link_tail_ends", EndGate(self.link_tail_regex, anchored=True))
        setattr_(self, "heading_ends", EndGate(self.heading_regex, whole=True))
        setattr_(self, "alt_tail_ends", EndGate(self.alt_tail_regex, anchored=True))


def _compiled(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` compiled if ``compile_alternatives`` left it for its first use."""
    lazy = cast(object, pattern)
    return lazy.compiled() if isinstance(lazy, LazyPattern) else pattern
