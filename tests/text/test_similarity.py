"""lint_news.text.similarity.Matcher gives exactly difflib's answers (mojibake, duplicate-block)."""

from __future__ import annotations

from difflib import SequenceMatcher

from hypothesis import given, settings
from hypothesis import strategies as st

from lint_news.text.similarity import Matcher, as_text

texts = st.text(alphabet="ab c\u00e3\u1ec7", max_size=40)


@settings(max_examples=500, deadline=None)
@given(texts, texts)
def test_same_as_difflib(a: str, b: str) -> None:
    slow, fast = SequenceMatcher(None, a, b, autojunk=False), Matcher(a, b)
    assert fast.get_matching_blocks() == slow.get_matching_blocks()
    assert fast.get_opcodes() == slow.get_opcodes()
    assert fast.ratio() == slow.ratio()
    assert fast.quick_ratio() == slow.quick_ratio()


@settings(max_examples=300, deadline=None)
@given(texts, texts, st.data())
def test_longest_match_in_a_window(a: str, b: str, data: st.DataObject) -> None:
    alo = data.draw(st.integers(0, len(a)))
    ahi = data.draw(st.integers(alo, len(a)))
    blo = data.draw(st.integers(0, len(b)))
    bhi = data.draw(st.integers(blo, len(b)))
    slow = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(alo, ahi, blo, bhi)
    assert Matcher(a, b).find_longest_match(alo, ahi, blo, bhi) == slow


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Hà", "Nội", "the", "a", "b"]), max_size=30),
       st.lists(st.sampled_from(["Hà", "Nội", "the", "a", "c"]), max_size=30))
def test_words_as_text(a: list[str], b: list[str]) -> None:
    slow = SequenceMatcher(None, a, b, autojunk=False)
    fast = Matcher(*as_text(a, b))
    assert fast.get_opcodes() == slow.get_opcodes()
    assert fast.ratio() == slow.ratio()


def test_long_lines() -> None:
    before = "Thá»§ Ä‘Ã´ HÃ  Ná»™i " * 40 + "và Viá»‡t Nam"
    after = "Thủ đô Hà Nội " * 40 + "và Việt Nam"
    assert Matcher(before, after).get_opcodes() == SequenceMatcher(
        None, before, after, autojunk=False).get_opcodes()


@settings(max_examples=500, deadline=None)
@given(texts, texts, st.sampled_from([0.0, 0.5, 0.75, 0.9, 1.0]))
def test_ratio_reaches_is_ratio_at_least(a: str, b: str, threshold: float) -> None:
    ratio = SequenceMatcher(None, a, b, autojunk=False).ratio()
    assert Matcher(a, b).ratio_reaches(threshold) == (ratio >= threshold)
    assert Matcher(a, b).ratio_reaches(ratio)  # the exact ratio is reached, with float rounding


def test_longest_match_in_unrelated_text() -> None:
    # starts are skipped past suffixes missing from b: the earliest longest block is still found
    a = "the minister of finance cleared up deputies' concern about the budget deficit"
    b = "armed forces of the two countries need to continue effective cooperation in the region"
    for alo, ahi, blo, bhi in ((0, len(a), 0, len(b)), (5, 60, 3, 70), (20, len(a), 0, 40)):
        slow = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(alo, ahi, blo, bhi)
        assert Matcher(a, b).find_longest_match(alo, ahi, blo, bhi) == slow
    blocks = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    assert Matcher(a, b).get_matching_blocks() == blocks


@settings(max_examples=1000, deadline=None)
@given(texts, texts, st.sampled_from([0.0, 0.3, 0.5, 0.6, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0]))
def test_ratio_reaches_is_difflibs_verdict(a: str, b: str, threshold: float) -> None:
    """The rapidfuzz LCS bound only rejects what difflib rejects."""
    expected = SequenceMatcher(None, a, b, autojunk=False).ratio() >= threshold
    assert Matcher(a, b).ratio_reaches(threshold) is expected


def test_ratio_reaches_on_exact_thresholds() -> None:
    for a, b in [("abcd", "abce"), ("ab", "ba"), ("aaaa", "aa"), ("", "x"), ("xyz" * 30, "xzy" * 30)]:
        ratio = SequenceMatcher(None, a, b, autojunk=False).ratio()
        assert Matcher(a, b).ratio_reaches(ratio)
        assert not Matcher(a, b).ratio_reaches(ratio + 1e-9) or ratio >= 1.0
