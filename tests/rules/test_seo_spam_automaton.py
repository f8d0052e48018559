"""Rule ``seo-spam``: the keyword automaton over the folded letters finds exactly what the
keyword regex finds on the folded text, and the findings at the edges of words, lines and the
text are those of the regex scan. Every text here is invented for this suite."""

from __future__ import annotations

import functools
import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint_news.config import load_config
from lint_news.core import context
from lint_news.core.document import Document
from lint_news.engine.runner import lint_text
from lint_news.kinds.seo_spam import Options
from lint_news.kinds.seo_spam.lexicon import (
    _NFA_BYTES,
    _WALK_CHARS,
    _atoms,
    _match_end,
    _match_node,
    _remembered_tree,
    _trie,
    _walk_node,
)
from lint_news.kinds.seo_spam.patterns import _SEPARATORS, _letter_digit_bytes, _without_separators
from lint_news.text.folding import fold_lower, folded_letters, folded_lower

from ..conftest import RAW_SEEDS, lint, make_config, spans

RULE = "seo-spam"
BODY = "\n\nNgân hàng nhà nước điều chỉnh tỷ giá trung tâm sáng nay, theo thông báo mới của cơ quan này.\n"


def _options() -> Options:
    options: Options = make_config(RULE).rules_for("x.txt")[0].options
    return options


def _regex_spans(options: Options, doc: Document) -> list[tuple[int, int]]:
    return [m.span() for m in options.keyword_regex.finditer(folded_lower(doc))]


_PIECES = ["soi kèo", "SOI-KEO", "soikeo", "Soi_Kèo", "nhà cái", "NHACAI", "casino", "bet365", "fb88",
           "tỷ lệ kèo", "lô đề", "lo de", "lô", "đề", "x", "ca", "cá", " ", "_", "-", "12", "keo", "nha",
           "cái uy tín", "số", "\n", "ñ", "ş", "K", "😀", "Σ", "“", "中"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
def test_automaton_finds_the_spans_of_the_regex(text: str) -> None:
    options = _options()
    doc = Document("<t>", text)
    assert options.keyword_automaton.letter_spans(folded_letters(doc)) == _regex_spans(options, doc)


def _transitions(letters: bytes) -> list[int]:
    return [m.start() for m in _letter_digit_bytes().finditer(letters)]


@functools.lru_cache(maxsize=1)
def _switched() -> Options:
    """Options whose automaton has read enough text to be rebuilt as a DFA."""
    options = _options()
    assert options.keyword_automaton.scan(b" " * (_NFA_BYTES + 1)) == ([], [])
    return options


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_PIECES, "a1", "1a", "98win", "x9", "9", "z", "0", "kubet11", "__"]),
                max_size=14).map("".join))
def test_automaton_finds_the_letter_digit_transitions_of_the_regex(text: str) -> None:
    letters = folded_letters(Document("<t>", text))
    expected = (_regex_spans(_options(), Document("<t>", text)), _transitions(letters))
    for options in (_options(), _switched()):  # the NFA of the first bytes, then the DFA
        assert options.keyword_automaton.scan(letters) == expected


def test_spellings_are_remembered_between_runs(tmp_path: Path) -> None:
    scanner = _options().keyword_automaton
    with context.using(context.RunContext(derived=str(tmp_path))):
        assert scanner._remembered_spellings() == scanner._spellings()  # computed, written
        assert len(list((tmp_path / "seo-spam").iterdir())) == 1
        assert _options().keyword_automaton._remembered_spellings() == scanner._spellings()  # read
        for _ in range(2):  # computed, then read: "#" cannot be spelled out
            unspellable = Options(keywords={"betting-brands": ("top # nha cai",)}).keyword_automaton
            assert unspellable._remembered_spellings() is None


def test_the_keyword_and_aux_trees_are_remembered_between_runs(tmp_path: Path) -> None:
    options = _options()
    cases = [("walk", options.keyword_automaton._words, _walk_node),
             ("match", options.aux_matcher._words, _match_node),
             ("match", (("a", False), ("ab", True)), _match_node)]
    for name, words, shape in cases:
        built = shape(_trie(_atoms(word, flexible) for word, flexible in words))
        with context.using(context.RunContext(derived=str(tmp_path))):
            assert _remembered_tree(name, words, shape) == built  # computed, written
            assert _remembered_tree(name, words, shape) == built  # read back, the same
        assert _remembered_tree(name, words, shape) == built  # nothing remembered
    # a shape that gives None (an order that cannot be kept) is remembered as None
    for _ in range(2):
        with context.using(context.RunContext(derived=str(tmp_path))):
            assert _remembered_tree("none", (("ab", False),), lambda trie: None) is None
    assert len(list((tmp_path / "seo-spam").iterdir())) == 4  # one file per tree


def test_automaton_on_the_raw_seeds() -> None:
    options = _options()
    for path in sorted(RAW_SEEDS.iterdir()):
        doc = Document(path.name, path.read_text("utf-8", "surrogateescape"))
        assert options.keyword_automaton.letter_spans(folded_letters(doc)) == _regex_spans(options, doc)
        letters = folded_letters(doc)
        assert options.keyword_automaton.scan(letters) == (_regex_spans(options, doc), _transitions(letters))


@pytest.mark.parametrize(
    ("letters", "expected"),
    [(b"a1", [1]), (b"1a", [0]), (b"a1a", [1]), (b"ab12cd", [2, 3]), (b"a 1 a", []), (b"123", []),
     (b"z9\x00", [1]), (b"_9a", [1]), (b"", [])],
)
def test_transitions_at_the_edges(letters: bytes, expected: list[int]) -> None:
    assert _transitions(letters) == expected
    assert _options().keyword_automaton.scan(letters) == ([], expected)


def test_no_keywords_still_finds_transitions() -> None:
    assert Options(keywords={}).keyword_automaton.scan(b"fb88 x") == ([], [2])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("soi kèo", [(0, 7)]),  # the whole text: first and last character
        ("SOI KÈO\n", [(0, 7)]),  # upper case, diacritics
        ("x soi_kèo", [(2, 9)]),
        ("Kèo nhà cáisoi cầu", [(0, 11), (11, 18)]),  # two keywords glued: the regex's order
        ("lô_đề", []),  # a short keyword keeps its space: "lo de", never "lo_de"
        ("lô đề", [(0, 5)]),
        ("online casinos", [(0, 13)]),  # found here; a glued English keyword is refused later
    ],
)
def test_automaton_spans_at_the_edges(text: str, expected: list[tuple[int, int]]) -> None:
    options = _options()
    doc = Document("<t>", text)
    assert options.keyword_automaton.letter_spans(folded_letters(doc)) == expected
    assert _regex_spans(options, doc) == expected


def test_keywords_that_cannot_be_spelled_out_fall_back_on_the_regex() -> None:
    """"#" is any number: the automaton cannot list its spellings."""
    options = Options(keywords={"betting-brands": ("top # nha cai", "fb88")})
    assert options.keyword_automaton.letter_spans(b"top 3 nha cai") is None
    assert lint("Tin\n\nMarch 20,fb88 2025 - 21:38\n", RULE) != []


# ----- findings at the edges ----------------------------------------------------------------
def test_a_spam_line_at_the_start_of_the_text() -> None:
    text = "kèo nhà cáisoi cầu hôm nay" + BODY
    assert spans(text, lint(text, RULE)) == ["kèo nhà cáisoi cầu hôm nay"]


def test_a_glued_keyword_at_the_very_end_of_the_text() -> None:
    text = "Giá vàng tăng mạnh" + BODY + "March 20,soi kèo"
    assert spans(text, lint(text, RULE)) == ["soi kèo"]


def test_upper_case_keyword_glued_after_a_comma() -> None:
    text = "Thị trường chứng khoán" + BODY + "March 20,SOI KÈO slovakia 2025\n"
    assert spans(text, lint(text, RULE)) == ["SOI KÈO slovakia"]


def test_keyword_written_without_diacritics() -> None:
    text = "Tin mới\n\nNgay dang20,soi keo nha cai 2025 - 21:38\n" + BODY
    assert spans(text, lint(text, RULE)) == ["soi keo nha cai"]


def test_english_keyword_inside_a_longer_word_is_not_reported() -> None:
    text = "Online casinos report record revenue\n\nThe online casinos of Macau reported record revenue.\n"
    assert lint(text, RULE) == []


def test_brand_pattern_inside_a_longer_word_is_not_reported() -> None:
    """"98win" is a brand pattern, "98winter" a word that happens to start with it."""
    text = "Tech news\n\nThe 98winter festival opened on Monday, organisers said in Hanoi.\n"
    assert lint(text, RULE) == []


def test_accent_strict_keyword_with_other_marks_is_not_reported() -> None:
    text = "Chợ cá\n\nNgười bán cá đỏ và cá đồng ở chợ sáng nay cho biết giá cá tăng mạnh trong tuần qua.\n"
    assert lint(text, RULE) == []


@pytest.mark.parametrize("extra", ["Erdoğan İstanbul", "ΣΟΦΊΑΣ Σ", "😀 中文", "Kelvin \u212a"])
def test_letters_outside_the_fast_fold_give_the_same_findings(extra: str) -> None:
    """Documents with letters the byte tables do not fold (Turkish, the Kelvin sign), Greek
    capital sigma (its lower case depends on its neighbours) or characters outside the Basic
    Multilingual Plane take the full fold; the finding is the same."""
    text = f"Tin {extra}\n\nMarch 20,ôLâsoi kèo slovakia 2025 {extra} - 21:38\n"
    assert spans(text, lint(text, RULE)) == ["ôLâsoi kèo slovakia"]


def test_a_pickled_config_finds_the_same_keywords_after_the_automaton_was_built() -> None:
    config = load_config(isolated=True)
    text = "Giá lúa tăng mạnh ở đồng bằng | kèo nhà cái hôm nay\nThứ ba, 14/05/2024\n"
    before = lint_text(text, config)  # builds the automaton
    assert any(finding.rule == "seo-spam" for finding in before)
    copy = pickle.loads(pickle.dumps(config))
    assert lint_text(text, copy) == before


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(
    ["a", "B", "ề", "_", "-", " ", "\t", "\n", "\u00a0", "\u2003", "\u3000", "\u200b", "\x1c", "\x85",
     "#", "1", "٣"]),
    max_size=20))
def test_without_separators_is_the_separator_regex(text: str) -> None:
    """White space as ``str.split`` knows it is the regex's ``\\s`` (both ask Py_UNICODE_ISSPACE)."""
    assert _without_separators(text) == _SEPARATORS.sub("", text)


_WALK_OPTIONS = Options(keywords={"betting-vi": (
    "soi kèo", "soi kèo nhà cái", "nhà cái", "nhà cái uy tín", "kèo nhà", "cá cược bóng đá", "cá cược",
    "lô đề", "xổ số miền bắc")})
_WALK_PIECES = ["soi", "keo", "nha", "cai", "uy", "tin", "ca", "cuoc", "bong", "da", "lo", "de", "xo", "so",
                "mien", "bac", " ", "_", "-", "  ", "x", "\x00"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_WALK_PIECES), max_size=12).map("".join))
def test_the_trie_walk_ends_a_match_where_the_regex_does(text: str) -> None:
    """At every position, matched or not: the regex's backtracking order (alternatives in
    order, an optional separator taken first, a keyword end as the last resort)."""
    scanner = _WALK_OPTIONS.keyword_automaton
    walk = _walk_node(_trie(_atoms(word, flexible) for word, flexible in scanner._words))
    regex = _WALK_OPTIONS.keyword_regex
    letters = text.encode("ascii")
    for pos in range(len(text) + 1):
        match = regex.match(text, pos)
        assert _match_end(walk, letters, pos) == (None if match is None else match.end()), (text, pos)


def _aux_pieces() -> list[str]:
    options = _options()
    words = {fold_lower(w) for w in (*options.prefixes, *options.modifiers, *options.names)}
    pieces = sorted({part for word in words for part in word.replace("#", " ").split()})
    return [*pieces[::3], " ", "  ", "_", "-", "1", "20", "2024", "٣", "３", "²", "x", "ạ", "A", "\n"]


_AUX_PIECES = _aux_pieces()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_AUX_PIECES), max_size=14).map("".join),
       st.integers(0, 40), st.integers(0, 40))
def test_the_aux_trie_walk_is_the_aux_regex(text: str, a: int, b: int) -> None:
    """``finditer`` over a range and ``match`` at every position, with and without an end:
    the walk gives the regex's spans (digits as the regex's \\d, "#" words, prefixes of
    longer words)."""
    options = _options()
    matcher, regex = options.aux_matcher, options.aux_regex
    low, high = min(a, b, len(text)), min(max(a, b), len(text))
    assert matcher.spans(text, 0, len(text)) == [m.span() for m in regex.finditer(text, 0, len(text))]
    assert matcher.spans(text, low, high) == [m.span() for m in regex.finditer(text, low, high)]
    for pos in range(len(text) + 1):
        for end in (None, high):
            match = regex.match(text, pos) if end is None else regex.match(text, pos, end)
            assert matcher.match_end(text, pos, end) == (None if match is None else match.end()), (text, pos)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_AUX_PIECES), max_size=14).map("".join),
       st.integers(0, 40), st.integers(0, 40))
def test_the_aux_walk_tried_only_where_a_word_may_start_is_the_aux_regex(text: str, a: int, b: int) -> None:
    """Given the letters view, the walk is tried only where a word's opening letters (or,
    for a "#" word, an ASCII digit) are: the same spans, in a text whose digits are ASCII."""
    options = _options()
    matcher, regex = options.aux_matcher, options.aux_regex
    assert matcher._start_gate() is not None
    doc = Document("<t>", text.replace("٣", "3").replace("３", "3"))  # (what ``aux_elements`` ensures)
    folded, letters = folded_lower(doc), folded_letters(doc)
    low, high = min(a, b, len(folded)), min(max(a, b), len(folded))
    for start, end in ((0, len(folded)), (low, high)):
        expected = [m.span() for m in regex.finditer(folded, start, end)]
        assert matcher.spans(folded, start, end, letters) == expected


def test_a_line_with_a_digit_beyond_ascii_is_walked_everywhere() -> None:
    r""""\d" matches "٣", which the letters view does not keep: such a document is not gated."""
    for digit in ("3", "٣", "３"):
        text = f"Tin vắn\n\nkèo nhà cái hôm nay {digit} ngày uy tín\n"
        plain = "Tin vắn\n\nkèo nhà cái hôm nay 3 ngày uy tín\n"
        found = [span.replace(digit, "3") for span in spans(text, lint(text, RULE))]
        assert found == spans(plain, lint(plain, RULE)) == ["kèo nhà cái hôm nay 3 ngày uy tín"]


def test_the_aux_trie_walk_on_the_raw_seeds() -> None:
    options = _options()
    for path in sorted(RAW_SEEDS.iterdir()):
        folded = folded_lower(Document(path.name, path.read_text("utf-8", "surrogateescape")))
        spans = options.aux_matcher.spans(folded, 0, len(folded))
        assert spans == [m.span() for m in options.aux_regex.finditer(folded, 0, len(folded))], path.name


def test_an_aux_trie_that_matches_empty_text_uses_the_regex() -> None:
    options = Options(prefixes=("  ", "top"))  # a blank word: the regex matches empty text
    expected = [m.span() for m in options.aux_regex.finditer("a top", 0, 5)]
    assert options.aux_matcher.spans("a top", 0, 5) == expected


def test_the_aux_matcher_hands_over_to_the_regex_after_enough_text() -> None:
    options = _options()
    long_text = "soi keo hom nay " * (_WALK_CHARS // 16 + 2)
    for text in (long_text, "top 3 nha cai uy tin hom nay", long_text):  # walked, then the regex
        assert options.aux_matcher.spans(text, 0, len(text)) == [
            m.span() for m in options.aux_regex.finditer(text, 0, len(text))]
        match = options.aux_regex.match(text, 4)
        assert options.aux_matcher.match_end(text, 4) == (None if match is None else match.end())
    assert options.aux_matcher._tree() is None  # the regex now
