"""duplicate-block's paragraph keys: the fast paths of ``paragraph_keys`` give ``line_key``.

``paragraph_keys`` lowers instead of case folding when every character of the file folds as
it lowers, and skips the per-line printable test when the file's unusual characters are all
printable; these generated files mix the characters where either shortcut would go wrong
(capital sigma, sharp s, dotted I, a character that composes into one that folds otherwise,
decomposed Vietnamese, byte-order marks, tabs, carriage returns, odd spaces).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lint_news.core.document import Document
from lint_news.text import paragraphs
from lint_news.text.paragraphs import line_key, paragraph_keys

_PIECES = st.sampled_from([
    " ", "  ", "a", "B", "Hà Nội", "\u03a3", "\u039f\u0394\u039f\u03a3 ", "\u00df", "\u1e9e", "\u0130",
    "\u0391\u0345", "\u1fbc", "e\u0302\u0323", "\u1ec7", "\u0110", "\ufb01", "\u0149", "\t", "\r",
    "\ufeff", "\u00a0", "\u2028", "\x85", "\u200b", "\u13a0", "\uab70", "K", "\u212a",
    "\u0301", "\n",  # a combining mark (at a line's start too) and empty lines
])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(_PIECES, max_size=8).map("".join), max_size=6), st.booleans(),
       st.booleans())
def test_paragraph_keys_are_the_line_keys(lines: list[str], fresh: bool, ended: bool) -> None:
    if fresh:  # as in a new process: no character learnt yet
        paragraphs._FOLDING_AS_LOWER.clear()
    doc = Document("<t>", "\n".join(lines) + ("\n" if ended else ""))
    assert paragraph_keys(doc) == [line_key(line.text) for line in doc.lines]


def test_a_character_that_lowers_otherwise_than_it_folds_is_never_learnt() -> None:
    for text in ("STRASSE \u1e9e", "\u039f\u0394\u039f\u03a3", "\u1fbc", "\u13a0"):
        doc = Document("<t>", text + "\nplain line")
        assert paragraph_keys(doc) == [line_key(line.text) for line in doc.lines]
    assert not {"\u1e9e", "\u03a3", "\u1fbc", "\u13a0"} & paragraphs._FOLDING_AS_LOWER


