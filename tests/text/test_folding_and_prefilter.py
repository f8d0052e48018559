"""lint_news.textutil: accent folding keeps offsets and folds exactly the Latin letters; literal
prefilters find something wherever their pattern matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint_news.core.document import unusual_characters
from lint_news.text.folding import _DENSE_END, _fold_table, fold_accents, fold_accents_loose
from lint_news.text.regex.lazy import char_class
from lint_news.text.regex.prefilter import first_characters, literal_prefilter, may_match


def test_folds_vietnamese_and_latin_letters() -> None:
    assert fold_accents("Việt Nam đẹp, Ångström, Łódź, Straße") == "Viet Nam dep, Angstrom, Lodz, Strase"


def test_leaves_everything_else_unchanged() -> None:
    text = "“quotes” – dash … € 漢字 😀 \udc80 \x00 ǅ A\u0301"
    assert fold_accents(text) == text


def test_every_folded_letter_is_in_the_dense_table() -> None:
    assert max(_fold_table()) < _DENSE_END


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_same_as_the_mapping(text: str) -> None:
    folded = fold_accents(text)
    assert len(folded) == len(text)
    assert folded == text.translate(_fold_table())


def test_loose_drops_combining_marks() -> None:
    assert fold_accents_loose("Vie\u0323\u0302t") == "Viet"


# ----- literal prefilters: wherever the pattern matches, its prefilter must match too -----
PATTERNS = [
    r"(?<!\w)(?:View count|Lượt xem)\s*:?\s*\d[\d.,]*[KkMm]?(?!\w)",
    r"\b[A-Z][\w.]*(?:/[A-Z][\w.]*)*\s+(?:Photo|Photos|PHOTO)\s*$",
    r"[-–—]\s*(?:VNA|VNS|AP)\s*$|\./\.\s*$",
    r"!\[[^\]\n]*\]\(\s*\)|<img\b[^>]*>",
    r"(?:ab|a)c",
    r"x(?:yz){2,}|q+",
    r"(?:a|)b",  # an empty alternative: "b" is still needed
    r"(?:abc)?d",  # an optional group is not needed
    r"(?i:abc)d",  # a local flag: only "d" is needed
    r"\d+%",
    r"[a-c]{1,3}:",
    r"(?:\.|\\d)x",  # a literal backslash-d is not a digit
    r" (?:kg|KG)",
    r"[^a]b|c",
    r"(a)\1",
]
FLAGS = [0, re.IGNORECASE, re.IGNORECASE | re.ASCII]
ALPHABET = [*"abcdxyzqABCKk:%.,/-–\\ \n1", "View count", "Lượt xem", "Photo", "PHOTO", "VNA", "![", "](",
            ")", "<img>", "\u212a", "ſ", "LƯỢT XEM", "kg"]


@pytest.mark.parametrize("flags", FLAGS)
@pytest.mark.parametrize("source", PATTERNS)
@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(ALPHABET), max_size=12).map("".join), st.data())
def test_prefilter_matches_wherever_the_pattern_does(source: str, flags: int, text: str,
                                                   data: st.DataObject) -> None:
    pattern = re.compile(source, flags)
    prefilter = literal_prefilter(pattern)
    pos = data.draw(st.integers(0, len(text)))
    endpos = data.draw(st.integers(pos, len(text)))
    if pattern.search(text, pos, endpos):
        assert prefilter.search(text, pos, endpos), (prefilter.pattern, text, pos, endpos)


@pytest.mark.parametrize(("source", "flags", "expected"), [
    (r"(?<!\w)(?:Comments?|Bình luận)\s*\(\d+\)", re.IGNORECASE, r"[\(]"),  # uncased first
    (r"(?:Photo|Ảnh)\s*:\s*\S", 0, r"Photo|Ảnh"),  # the longest shortest string wins
    (r"[-–—]\s*(?:VNA|VNS/VNA)\s*$", 0, "VN"),  # the parser factors "VN" out of both
    (r"\w+", 0, ""), (r"(?i:ab)", 0, ""), (r"(a)\1", 0, "[a]"), (r"x?y*", 0, ""),
    (r"!\[x\]|[|¦]", re.IGNORECASE, r"[!\|¦]"),  # "![" joins the class by its "!": one fast class
    (r"Photo:|[|¦]", 0, r"Photo:|[\|¦]"),  # a string led by a letter stays a string
])
def test_prefilter_sources(source: str, flags: int, expected: str) -> None:
    assert literal_prefilter(re.compile(source, flags)).pattern == expected


def test_prefilter_keeps_the_case_flags() -> None:
    prefilter = literal_prefilter(re.compile(r"view count:", re.IGNORECASE | re.VERBOSE))
    assert prefilter.flags & re.IGNORECASE and not prefilter.flags & re.VERBOSE
    assert prefilter.search("VIEW COUNT:")


@pytest.mark.parametrize("text", [
    "Hà Nội " + "plain English text " * 200,  # sparse: replaced one by one
    "Việt Nam đẹp lắm " * 200,  # dense: translated
    "“quotes” " * 300 + "Đà Nẵng",  # the letter to fold after the sample
])
def test_sparse_and_dense_paths_agree(text: str) -> None:
    assert fold_accents(text) == text.translate(_fold_table())


# ----- unusual characters and first characters ---------------------------------------------
def test_unusual_characters() -> None:
    assert unusual_characters("plain ASCII\twith\r\nbreaks") == frozenset()
    assert unusual_characters("Hà Nội \x00\x7f “q” \udc80") == frozenset("àộ\x00\x7f“”\udc80")


@pytest.mark.parametrize(("source", "expected"), [
    ("[ab]c", "ab"), ("x|[yz]", "xyz"), ("(?:é|ü)+", "éü"), ("[\u2500-\u2502]", "\u2500\u2501\u2502"),
    (r"\d", None), ("[^a]", None), ("(?<=a)b", None), ("a?b", None), ("(?i)a", None), ("", None),
])
def test_first_characters(source: str, expected: str | None) -> None:
    found = first_characters(re.compile(source))
    assert found == (None if expected is None else frozenset(expected))


MAY_PATTERNS = ["[àá]x", "é|ü", "[\u2500-\u259f]", "[\x00-\x08]", "a|é", "[é-ë]+z", r"\d", "(?:ü)é"]


@pytest.mark.parametrize("source", MAY_PATTERNS)
@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="aàáxéëüz \x00\x05\u2501", max_size=12))
def test_may_match_never_hides_a_match(source: str, text: str) -> None:
    pattern = re.compile(source)
    if pattern.search(text):
        assert may_match(pattern, unusual_characters(text))


def test_may_match_rules_out_absent_characters() -> None:
    assert not may_match(re.compile("[àá]x"), unusual_characters("plain text with é"))
    assert may_match(re.compile("a|é"), frozenset())  # "a" is ASCII: the set cannot tell


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_unusual_characters_any_text(text: str) -> None:
    usual = {chr(code) for code in range(0x20, 0x7F)} | set("\t\n\r")
    assert unusual_characters(text) == frozenset(c for c in text if c not in usual)


def test_unusual_characters_keeps_lone_and_paired_surrogates_apart() -> None:
    assert unusual_characters("\ud83d\ude00 \udc80") == frozenset("\ud83d\ude00\udc80")


# ----- char_class: a short class for exactly a set of characters -----------------------------
@settings(max_examples=300, deadline=None)
@given(st.sets(st.characters(max_codepoint=0x2FF), max_size=60),
       st.lists(st.characters(max_codepoint=0x2FF), max_size=80))
def test_char_class_matches_exactly_its_characters(chars: set[str], probes: list[str]) -> None:
    if not chars:
        return
    pattern = re.compile(f"[{char_class(chars)}]")
    for char in [*chars, *probes, "-", "]", "^", "\\", "a", "\u00ff"]:
        assert (pattern.fullmatch(char) is not None) == (char in chars), repr(char)


def test_char_class_writes_runs_as_ranges() -> None:
    assert char_class("abcdez") == "a-ez"
    assert char_class("ab") == "ab"
    assert char_class("]^-\\") == r"\-\\-\^"  # "\\", "]" and "^" are consecutive: a range
    latin = "".join(map(chr, range(0xC0, 0x100)))
    assert char_class(latin * 3) == "À-ÿ"  # each character once, however often it was given
