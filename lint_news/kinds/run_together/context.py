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
        # (``text.words.letter_tokens``); else None, and the questions are answered from the
        # text itself.
        self.counts = counts
        self.vietnamese_doc = vietnamese_doc
        self.known = known
        self.common = common
        self.camel = camel
        self.asked: list[tuple[Question, bool]] = [] if asked is None else asked
        # The document of ``text``, when there is one: its lower-cased text is then the
        # shared view (``folding.lower_case``), made once for every kind that asks.
        self.doc = doc

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
    def spellings(self) -> Counter[str]:
        """How many different spellings of each lower-cased token the document has."""
        return Counter(map(str.lower, self._counts()))

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
        counts = self.counts
        if what == "standalone":
            if counts is not None:
                return counts[first] > 0
            return _whole(self.text, self.text, first) > 0
        if what == "recurs":
            # Once: then more than once in any case iff another spelling exists. Each
            # occurrence of a spelling is a separate occurrence of the lower-cased token in the
            # lower-cased text (``str.lower`` maps letter by letter, and a token's letters
            # lower-case into ``_ALPHABET``): fewer than two there, and there is no other
            # spelling, without counting the spellings of every token.
            low = first.lower()
            if counts is None and len(self.lowered) == len(self.text):
                # Each character lower-cased into one: the offsets agree, so the whole
                # tokens of any case are the lower-cased token's whole occurrences there.
                return _whole(self.text, self.lowered, low, 2) > 1
            if self._counts()[first] > 1:
                return True
            return self.lowered.count(low) > 1 and self.spellings[low] > 1
        # The look-behind "no word character before ``first``" comes after it, so the scan
        # looks for its first letter.
        head = re.escape(first)
        return re.search(
            rf"{head}(?<!\w{head})[ \u00a0]+{re.escape(second)}(?!\w)", self.text, re.IGNORECASE
        ) is not None


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
