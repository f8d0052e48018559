"""The language helpers of ``lint_news.text`` that several kinds share (issue 15): each is
defined once, so its behaviour is pinned here rather than through one kind."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint_news.core.document import SENTENCE_ENDINGS
from lint_news.text import sentences
from lint_news.text.dates import DATE, MONTHS, YEAR
from lint_news.text.urls import ADDRESS, TLDS, url_spans
from lint_news.text.vietnamese import MARKED_LETTER, VIETNAMESE_ONLY, is_vietnamese_syllable


@pytest.mark.parametrize("word", ["đại", "Nguyễn", "khuya", "người", "nghiêng", "quốc"])
def test_syllables_at_both_strictness_levels(word: str) -> None:
    assert is_vietnamese_syllable(word) and is_vietnamese_syllable(word, rare=False)


def test_rare_nuclei_only_when_asked() -> None:
    assert is_vietnamese_syllable("ngoao")
    assert not is_vietnamese_syllable("ngoao", rare=False)
    assert not is_vietnamese_syllable("street") and not is_vietnamese_syllable("hỏỉ")


def test_marked_and_vietnamese_only_letters() -> None:
    assert MARKED_LETTER.search("café") is not None  # a marked letter French shares
    assert VIETNAMESE_ONLY.search("café") is None
    assert VIETNAMESE_ONLY.search("Hà Nội") is not None
    assert MARKED_LETTER.search("VinFast iPhone") is None


@pytest.mark.parametrize(
    ("before", "expected"),
    [("The plan was approved. ", True), ("He met Mr. ", False), ("Troops of the U.S. ", False),
     ("by John F. ", False), ("He said: “Done.” ", True), ("no stop here ", False)],
)
def test_follows_sentence_end(before: str, expected: bool) -> None:
    assert sentences.follows_sentence_end(before) is expected


def test_starts_sentence_and_line_ends() -> None:
    assert sentences.starts_sentence(" The next") and sentences.starts_sentence("\u00a02024 began")
    assert not sentences.starts_sentence("the next") and not sentences.starts_sentence(" the next")
    assert sentences.LINE_ENDS_SENTENCE.search("Prices rose again.”") is not None
    assert sentences.LINE_ENDS_SENTENCE.search("TROOPS FOR U.S.") is None
    assert sentences.SENTENCE_ENDINGS is SENTENCE_ENDINGS  # re-exported from core, not copied
    assert "Share".endswith(sentences.PROSE_ENDINGS) is False


def test_url_spans_and_addresses() -> None:
    text = "Read vietnamplus.vn or write to desk@example.com, said.me and to.me"
    assert [text[a:b] for a, b in url_spans(text)] == ["vietnamplus.vn", "desk@example.com,"]
    assert ADDRESS.search("kubet88x.top") is not None and ADDRESS.search("a lost.space") is None
    assert "com" in TLDS and "me" not in TLDS


def test_date_like_tokens() -> None:
    for text in ("21/04/2021win", "2024-09-23", "March 5", "Sept. 12", "Thứ năm, 01/10"):
        assert DATE.search(text) is not None, text
    assert DATE.search("in May") is None and DATE.search("version 3.10.2") is None
    assert YEAR.fullmatch("2025") and not YEAR.fullmatch("2150")
    assert "sept" in MONTHS.split("|")


# The pattern ``follows_sentence_end`` replaced (searched over the text before a phrase): the
# same answers, without its cost (it ran to the end from every offset of a long token).
_OLD_SENTENCE_END = re.compile(
    rf"[^\s{sentences.STOPS}]{{2,}}[{sentences.STOPS}][{sentences.CLOSING_QUOTES}]?[ \u00a0]+\Z"
)


def _old_follows_sentence_end(before: str) -> bool:
    match = _OLD_SENTENCE_END.search(before)
    if match is None:
        return False
    word = match.group(0).strip().rstrip(sentences.CLOSING_QUOTES).rstrip(sentences.STOPS)
    return "." not in word and word.lower() not in sentences.ABBREVIATIONS


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["a", "Mr", "Sept", "U", "S", "approx", ".", "!", "?", " ", "\u00a0",
                                 "\n", '"', "”", ")", "'", "x1"]), max_size=12))
def test_follows_sentence_end_answers_as_the_pattern_did(pieces: list[str]) -> None:
    before = "".join(pieces)
    assert sentences.follows_sentence_end(before) is _old_follows_sentence_end(before)


def test_follows_sentence_end_reads_only_the_end() -> None:
    token = "9f" * 30_000  # the old pattern: about 8 s on this token; now microseconds
    started = time.perf_counter()
    assert sentences.follows_sentence_end(token + ". ")
    assert not sentences.follows_sentence_end(token)
    assert not sentences.follows_sentence_end(token + " Mr. ")
    assert time.perf_counter() - started < 1


_SENTENCE_PIECES = ["a", "Mr", "U", ".", "!", " ", "\u00a0", '"', "”", "x1", "The", "9"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_SENTENCE_PIECES), max_size=12), st.data())
def test_sentence_helpers_read_a_slice_in_place(pieces: list[str], data: st.DataObject) -> None:
    text = "".join(pieces)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert sentences.follows_sentence_end(text, start, end) is sentences.follows_sentence_end(text[start:end])
    assert sentences.starts_sentence(text, start, end) is sentences.starts_sentence(text[start:end])
