"""text.folding: the folded lower-case view of a document and its one-byte letters view."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint_news.core.document import Document
from lint_news.text.folding import (
    _MAX_SWAPS,
    LETTERS,
    NEWS_CHARACTERS,
    _stand_in,
    fold_lower,
    folded_letters,
    folded_lower,
)


def _expected_letters(folded: str) -> bytes:
    return bytes(ord(c) if c in LETTERS else 0 for c in folded)


def test_folded_lower_keeps_offsets() -> None:
    doc = Document("<t>", "Soi Kèo İstanbul ĐÀ NẴNG")
    assert folded_lower(doc) == "soi keo İstanbul da nang".replace("İ", "i")
    assert len(folded_lower(doc)) == len(doc.text)
    assert doc.derived(folded_lower) is doc.derived(folded_lower)


def test_letters_of_vietnamese_text() -> None:
    doc = Document("<t>", "Xổ Số_miền-Bắc “2024”!")
    assert folded_letters(doc) == b"xo so_mien-bac \x002024\x00\x00"


@pytest.mark.parametrize(
    "text",
    [
        "plain ASCII, Upper And lower_case-123",
        "Tiếng Việt có dấu: ăn, đi, ơi, ưu, ỹ, Ỹ, Đ",
        "Latin-1: Ångström Straße Ñandú Ærø ×÷",
        "other pages that look like letters: \u2061 \u4e2d \u0430\u0410 \u212a \u0130 ğ ş",
        "astral 😀 and a lone surrogate \udc80 after",
        "ΣΟΦΊΑΣ final sigma",
    ],
)
def test_letters_view_matches_the_folded_text(text: str) -> None:
    doc = Document("<t>", text)
    assert folded_letters(doc) == _expected_letters(folded_lower(doc))


def test_every_character_of_the_basic_plane_alone_and_among_vietnamese() -> None:
    chars = [chr(c) for c in range(0x80, 0x10000) if not 0xD800 <= c < 0xE000]
    for start in range(0, len(chars), 512):
        text = "Đà Nẵng " + "a".join(chars[start : start + 512]) + " ĐỔI"
        doc = Document("<t>", text)
        assert folded_letters(doc) == _expected_letters(folded_lower(doc)), start


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from("aZ _-09.ạẮđĐờ“😀ΣσİK\u212a\u4e2dğ\n\udc80")))
def test_letters_view_property(text: str) -> None:
    doc = Document("<t>", text)
    assert folded_letters(doc) == _expected_letters(folded_lower(doc))
    assert fold_lower(text) == folded_lower(doc)


# ----- the charmap path for the characters of news (``NEWS_CHARACTERS``) ----------------------
# Characters the codec holds, and some it does not: letters that fold to a letter of their own
# ("ğ", "ß", "İ", "Å"), the Greek capital sigma, a decomposed mark, CJK, emoji, a lone surrogate.
_NEWS_ALPHABET = [*NEWS_CHARACTERS, "ğ", "ß", "İ", "Å", "Σ", "σ", "\u0301", "中", "😀", "\udce9", "K"]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(_NEWS_ALPHABET), max_size=40))
def test_news_characters_give_the_folded_letters(text: str) -> None:
    doc = Document("x.txt", text)
    assert folded_letters(doc) == _expected_letters(folded_lower(doc))


def test_every_news_character_at_once() -> None:
    text = "".join(NEWS_CHARACTERS[1:]) + "ĐÂY LÀ Hà Nội – “VinFast” … iPhone 15 © 2025\r\n"
    doc = Document("x.txt", text)
    assert folded_letters(doc) == _expected_letters(folded_lower(doc))
    assert len(set(NEWS_CHARACTERS)) == len(NEWS_CHARACTERS) <= 256


# ----- characters replaced before the UTF-16 tables (``_stand_in``, ``_MAX_SWAPS``) -----------
@pytest.mark.parametrize("count", [1, 5, _MAX_SWAPS, _MAX_SWAPS + 1, 3 * _MAX_SWAPS])
def test_a_few_or_many_replaced_characters_give_the_folded_letters(count: int) -> None:
    # lone surrogates (undecodable bytes), astral characters and letters the tables misread
    # ("ğ", the Kelvin sign, Cyrillic), among Latin-1 letters that keep the charmap away
    odd = ["😀", "ğ", "\u212a", "в", "Ж", "ş"] + [chr(0xDC80 + i) for i in range(0, 128, 3)]
    text = "Ångström Ñandú Đà Nẵng " + " x".join(odd[:count]) + " HẾT Straße 42"
    doc = Document("<t>", text)
    assert folded_letters(doc) == _expected_letters(folded_lower(doc))


def test_every_surrogate_stands_in_as_no_letter() -> None:
    for code in range(0xD800, 0xE000):
        assert _stand_in(chr(code)) == "\x00"
