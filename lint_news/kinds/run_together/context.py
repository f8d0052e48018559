"""What the judges may ask a document (``_Context``), and the shape of their verdicts.

The questions are few and named so that ``memo`` can replay a token's verdict for a document
that answers them alike.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cached_property
from typing import TYPE_CHECKING

from ...core.lazy import lazy_module
from ...core.model import Applicability
from ...text import wordlist
from ...text.regex.lazy import LazyPattern
from ...text.words import LETTER, count_letter_tokens
from .options import Options

if TYPE_CHECKING:
    from ...core.document import Document
    from ...text import folding
else:
    # (only a document whose tokens ask whether they recur needs it)
    folding = lazy_module("lint_news.text.folding")

# A question a judge asks the document, as (what, first, second): ("standalone", part, ""),
# ("recurs", token, "") or ("split", left, right). See ``_Context``.
Question = tuple[str, str, str]


class _Context:
    """Per-document state: the token counts, the language and thresholds in centi-Zipf.

    The judges learn about the document only through three questions (``standalone``,
    ``recurs``, ``split_form_seen``); each answer is noted in ``asked``, so that a verdict can
    be reused for a document that answers them alike (``_TokenMemo``). (A plain class: a
    dataclass costs ~0.4 ms to define, paid by every one-file run at import.)
    """

    def __init__(
        self, text: str, options: Options, counts: Counter[str] | None, vietnamese_doc: bool,
        known: int, common: int, camel: int, asked: list[tuple[Question, bool]] | None = None,
        doc: Document | None = None,
    ) -> None:
        self.text = text
        self.options = options
        # The document's token counts when they were needed anyway
        # (``text.words.letter_tokens``); else None, and the questions are answered by
        # searching the text itself, until a document that asks many has them counted
        # (``_SEARCHES_BEFORE_COUNTING``).
        self.counts = counts
        self.vietnamese_doc = vietnamese_doc
        self.known = known
        self.common = common
        self.camel = camel
        self.asked: list[tuple[Question, bool]] = [] if asked is None else asked
        # The document of ``text``, when there is one: its lower-cased text is then the
        # shared view (``folding.lower_case``), made once for every kind that asks.
        self.doc = doc
        # Whole-text searches made so far for ``standalone`` and ``recurs``, and for
        # ``split_form_seen`` (see ``_SEARCHES_BEFORE_COUNTING``)
        self._searches = 0
        self._split_searches = 0
        self._split_indexed = False
        # (None: not made, or the text has a letter the search takes for a non-letter)
        self._split_forms: _SplitForms | None = None

    # Each list is still read only when a token first needs it, then kept for the document.
    @cached_property
    def small(self) -> dict[str, int]:
        return wordlist.small_words("en")

    @cached_property
    def large(self) -> dict[str, int]:
        return wordlist.large("en")

    @cached_property
    def vi(self) -> dict[str, int]:
        return wordlist.small_words("vi")

    @cached_property
    def lowered(self) -> str:
        doc = self.doc
        return self.text.lower() if doc is None else doc.derived(folding.lower_case)

    @cached_property
    def folded(self) -> Counter[str]:
        """How often each lower-cased token occurs, in any spelling."""
        folded: Counter[str] = Counter()
        for token, count in self._counts().items():
            folded[token.lower()] += count
        return folded

    def _counts(self) -> Counter[str]:
        if self.counts is None:
            self.counts = count_letter_tokens(self.text).counts
        return self.counts

    def standalone(self, part: str) -> bool:
        """The part occurs as a token of its own elsewhere in the document."""
        return self._ask(("standalone", part, ""))

    def recurs(self, token: str) -> bool:
        """The token (one of the document's) occurs more than once, in any case."""
        return self._ask(("recurs", token, ""))

    def split_form_seen(self, left: str, right: str) -> bool:
        """``left right`` occurs as two words (any case)."""
        return self._ask(("split", left, right))

    def _ask(self, question: Question) -> bool:
        answer = self.answer(question)
        self.asked.append((question, answer))
        return answer

    def answer(self, question: Question) -> bool:
        """The answer to a question, not noted."""
        what, first, second = question
        if what == "split":
            return self._split_form_seen(first, second)
        counts = self.counts
        if counts is None and self._searches >= _SEARCHES_BEFORE_COUNTING:
            counts = self._counts()
        if what == "standalone":
            if counts is not None:
                return counts[first] > 0
            self._searches += 1
            return _whole(self.text, self.text, first) > 0
        # "recurs": once, then more than once in any case iff another spelling exists. Each
        # occurrence of a spelling is a separate occurrence of the lower-cased token in the
        # lower-cased text (``str.lower`` maps letter by letter, and a token's letters
        # lower-case into ``_ALPHABET``).
        low = first.lower()
        if counts is None and len(self.lowered) == len(self.text):
            # Each character lower-cased into one: the offsets agree, so the whole tokens of
            # any case are the lower-cased token's whole occurrences there.
            self._searches += 1
            return _whole(self.text, self.lowered, low, 2) > 1
        return self.folded[low] > 1

    def _split_form_seen(self, left: str, right: str) -> bool:
        if self._split_searches < _SEARCHES_BEFORE_COUNTING // 4:  # (a search costs more)
            self._split_searches += 1
            return _split_form_in(self.text, left, right)
        if not self._split_indexed:
            self._split_indexed = True
            self._split_forms = _SplitForms.of(self.text)
        forms = self._split_forms
        answer = None if forms is None else forms.seen(left, right)
        return _split_form_in(self.text, left, right) if answer is None else answer


# A question answered by searching the whole text costs its length: a document that asks
# many (a base64 blob splits into tens of thousands of distinct mixed-case tokens, at "+" and
# "/") asked for the square of its length: 300 KB took 7-10 s, 1 MB over a minute. After this
# many searches, the document's tokens are counted (as costly as 75-130 searches of an
# article, so not for the few questions an article asks: at most two dozen) and answer the
# rest; the split forms are indexed after a quarter as many, a search for them costing more.
_SEARCHES_BEFORE_COUNTING = 64


def _split_form_in(text: str, left: str, right: str) -> bool:
    """``left right`` occurs in ``text`` as two words (any case), found by searching it."""
    # The look-behind "no word character before ``left``" comes after it, so the scan
    # looks for its first letter.
    head = re.escape(left)
    return re.search(
        rf"{head}(?<!\w{head})[ \u00a0]+{re.escape(right)}(?!\w)", text, re.IGNORECASE
    ) is not None


# Two letter tokens written apart: the first with no word character before it, then spaces
# only (``_split_form_in``), the second with no word character after it.
_ADJACENT = LazyPattern(r"(?<!\w)([^\W\d_]+)[ \u00a0]+(?=([^\W\d_]+)(?!\w))")


class _SplitForms:
    """Every pair of tokens a text writes apart, each letter folded to the one that stands
    for the letters a case-insensitive search takes for it: ``_split_form_in`` for every
    question at once, with one pass over the text.

    The folding is learnt from the regular-expression engine itself, for the letters of the
    text only (a question's parts are slices of the text's tokens): so it agrees with the
    search on every letter the text has, including those whose case does not map one to one
    ("ſ" and "s", "K" and the Kelvin sign)."""

    __slots__ = ("fold", "pairs")

    def __init__(self, fold: dict[int, str], pairs: set[tuple[str, str]]) -> None:
        self.fold = fold
        self.pairs = pairs

    @classmethod
    def of(cls, text: str) -> _SplitForms | None:
        """The text's split forms; None when a letter matches, ignoring case, a character
        that is not one (then the search must be made)."""
        characters = set(text)
        alphabet = "".join(characters)
        classes: dict[str, frozenset[str]] = {}
        for char in characters:
            if LETTER.match(char):
                classes[char] = frozenset(re.findall(re.escape(char), alphabet, re.IGNORECASE))
        fold: dict[int, str] = {}
        for char, same in classes.items():
            if any(classes.get(other) != same for other in same):
                return None  # (a non-letter, or not the same class both ways)
            fold[ord(char)] = min(same)
        return cls(fold, {
            (first.translate(fold), second.translate(fold))
            for first, second in _ADJACENT.findall(text)
        })

    def seen(self, left: str, right: str) -> bool | None:
        """Whether the text writes ``left right`` apart; None if a letter of theirs is not
        the text's."""
        fold = self.fold
        if not all(map(fold.__contains__, map(ord, left + right))):
            return None
        return (left.translate(fold), right.translate(fold)) in self.pairs


def _whole(text: str, searched: str, word: str, enough: int = 1) -> int:
    """How many times (up to ``enough``) ``word`` occurs in ``searched`` with no letter of
    ``text`` on either side: a whole token (``searched`` is ``text`` or its lower-cased form
    with the same offsets; ``word`` is letters)."""
    found = 0
    letter = LETTER.match
    size = len(word)
    at = searched.find(word)
    while at >= 0:
        if not (at and letter(text, at - 1)) and not letter(text, at + size):
            found += 1
            if found >= enough:
                break
        at = searched.find(word, at + 1)
    return found


# ----- judging one token ------------------------------------------------------------------
Verdict = tuple[int, Applicability, str]
_FW_REASON = "a function word glued to its neighbour"
_FW2_REASON = "two function words"
