"""Words of a document, each view computed once per document and shared by the kinds.

``words``: case-folded runs of letters and digits, any script, as corpus comparison sees them;
shared by ``lint-news corpus`` (app/corpus/dedup.py) and the datatrove near-duplicate stages
(integrations/datatrove.py), so both sign the same shingles of a text.

``text_chunks``: the document's chunks of non-space text.

``letter_tokens``: the document's runs of letters (``[^\\W\\d_]+``, no digits, no "_") and how
often each occurs, with its chunks of non-space text that are not all letters. It is the one
pass over every word of a document, so a kind asks for it with ``doc.derived(letter_tokens)``
and every kind that needs token counts shares one count.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from typing import TYPE_CHECKING, NamedTuple

from .regex.lazy import LazyPattern

if TYPE_CHECKING:
    from ..core.document import Document

_WORD = LazyPattern(r"\w+")  # (compiled on first use: a lint run never asks)
LETTERS = re.compile(r"[^\W\d_]+")  # a letter token: what ``letter_tokens`` counts
LETTER = LazyPattern(r"[^\W\d_]")  # one letter of such a token (compiled on first use)


def words(text: str) -> list[str]:
    """The words of ``text``, case-folded: case and punctuation differences are not new stories."""
    return _WORD.findall(text.casefold())


class LetterTokens(NamedTuple):
    """``counts``: each letter token of the text and how often it occurs (case kept);
    ``chunks``: the distinct chunks of non-space text that are not all letters ("said,",
    "U.S.", "2024"), where marks and digits glue words together."""

    counts: Counter[str]
    chunks: list[str]


def text_chunks(doc: Document) -> list[str]:
    """The document's chunks of non-space text, in order (``str.split``), for ``doc.derived``
    (shared: not to be changed).

    Cheaper than counting tokens (no search inside a chunk, no count), and enough for a kind
    that remembers, across documents, the chunks it has nothing to say about: filtered
    through those in C, they leave it the few it has not settled.
    """
    return doc.text.split()


def letter_tokens(doc: Document) -> LetterTokens:
    """``count_letter_tokens(doc.text)``, for ``doc.derived`` (from ``text_chunks``)."""
    return _letter_tokens(Counter(doc.derived(text_chunks)))


def count_letter_tokens(text: str) -> LetterTokens:
    """``Counter(LETTERS.findall(text))`` and the text's chunks that are not all letters, about
    25 % faster than the plain count.

    Most whitespace-separated chunks of a text are one word (``str.isalpha``: letters are
    ``LETTERS`` characters and whitespace is not), and are counted as they are; only the
    others ("said,", "U.S.", "2024") are searched, joined into one string. The chunks are
    counted first, so that each distinct one is tested once; the others are taken out of
    the count and searched as often as they occurred.
    """
    return _letter_tokens(Counter(text.split()))


def _letter_tokens(counts: Counter[str]) -> LetterTokens:
    """The letter tokens of chunks counted as ``counts`` (which becomes the token count)."""
    others = list(itertools.filterfalse(str.isalpha, counts))
    repeated = map(itertools.repeat, others, map(counts.pop, others))
    counts.update(LETTERS.findall(" ".join(itertools.chain.from_iterable(repeated))))
    return LetterTokens(counts, others)
