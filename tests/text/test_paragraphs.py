"""lint_news.text.paragraphs: duplicate-block's view of a document, its paragraph keys."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lint_news.core.document import Document
from lint_news.text.paragraphs import line_key, paragraph_keys

_KEY_PIECES = st.sampled_from([" ", "  ", "a", "B", "\t", "\ufeff", "\u00a0", "\x1c", "\u200b", "\x85",
                               "\r", "\r\n", "\n", "\u0110", "\u1ec7", "e\u0302\u0323", "\u00df",
                               "\u0130", "\u03a3", "\u03c2", "\u212a", "\u3000", "\u2028"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_KEY_PIECES, max_size=30).map("".join))
def test_paragraph_keys_are_line_keys(text: str) -> None:
    """The shared view takes shortcuts for flat lines; its keys are ``line_key``'s exactly."""
    doc = Document("<t>", text)
    assert paragraph_keys(doc) == [line_key(line.text) for line in doc.lines]


def test_line_key_folds_case_spacing_and_composition() -> None:
    assert line_key("\ufeff  Hà  Nội\tđón\u00a0khách ") == "hà nội đón khách"
    assert line_key("Ha\u0300 N\u00f4\u0323i") == line_key("HÀ NỘI") == "hà nội"
    assert line_key("STRASSE") == line_key("Straße") == "strasse"
    assert line_key(" \t ") == ""
