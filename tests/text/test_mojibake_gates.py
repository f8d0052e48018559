"""The document gates of ``mojibake`` and ``encoding`` give the answer of the search they spare.

Each gate is a faster way to ask a yes-or-no question of a whole document (does ``_PAIR``
match anywhere? is the text NFC?); these tests hold each one to the plain question, at its
edges: every lead and continuation byte of every code page, a match at the first or last
character, more candidate places than ``found`` tries one by one, and clean Vietnamese and
CJK text, which must stay clean. The sentences are written for these tests.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint_news.core import context
from lint_news.core.document import unusual_characters
from lint_news.kinds import encoding
from lint_news.text import charsets, vietnamese
from lint_news.text import mojibake as engine
from lint_news.text.mojibake import (
    _CJK,
    _CODECS,
    _LOST,
    _PAIR,
    _PAIR_ANYWHERE,
    _PAIR_TRIES,
    _TRIES,
    _UTF8_ANYWHERE,
    _byte_of,
    _byte_range,
    _strong_utf8,
    _utf8_anywhere_found,
    cjk_glued_anywhere,
    found,
    has_pair,
    strong_utf8_anywhere,
    suspect_characters,
)

CLEAN = [
    "Thủ tướng Chính phủ chủ trì hội nghị trực tuyến với các địa phương về tăng trưởng kinh tế.",
    "“Chúng tôi sẽ tiếp tục đầu tư vào hạ tầng,” ông nói… Giá xăng giảm 2,5% – mức thấp nhất.",
    "VinFast và PetroVietnam ký thỏa thuận; GovTech ra mắt ứng dụng mới trên iPhone.",
    "ĐỒNG BẰNG SÔNG CỬU LONG: Ông Nguyễn Văn An, 56 tuổi, cho biết mùa màng năm nay tốt.",
    "北京 (Bắc Kinh) và 東京 là hai thủ đô; 서울 cũng vậy. 中文新闻报道。",
    "Café, naïve, façade — the résumé of São Paulo’s élite, © 2024, 25 °C, ½ price.",
]


def cp1252(text: str) -> str:
    return text.encode("utf-8").decode("sloppy-windows-1252")


def _pairs() -> list[tuple[str, str]]:
    """Every (lead, continuation) of every code page _PAIR knows, and each lead with a
    character that continues no sequence."""
    pairs: set[tuple[str, str]] = set()
    leads: set[str] = set("ÂÃÅÎÐÙ")
    for codec in _CODECS:
        codec_leads = _byte_range(codec, 0xC2, 0xF4)
        leads.update(codec_leads)
        for lead in codec_leads:
            for cont in _byte_range(codec, 0x80, 0xBF) + _LOST:
                pairs.add((lead, cont))
    for lead in leads:
        for other in ("a", " ", "\n", "ạ", "ư", "中"):
            pairs.add((lead, other))
    return sorted(pairs)


PAIRS = _pairs()


def test_pair_gate_agrees_on_every_pair_of_every_code_page() -> None:
    pattern = _PAIR.compiled()
    for lead, cont in PAIRS:
        for text in (lead + cont, "x" + lead + cont + "y", "Hà Nội " + lead + cont, lead + cont + "\nok"):
            expected = pattern.search(text) is not None
            assert has_pair(text, unusual_characters(text)) == expected, (lead, cont, text)


@pytest.mark.parametrize("text", [
    "Ã", "Ã ", "xÃ", "xÃ\nnext", "Ã\r\n", "5Â million", "Â", "ÂÂ", "said:Â The", "\ufffd",
    "Ã\ufffd", cp1252("é"), cp1252("’") + "s", cp1252("Việt"),  # at the very start and end
])
def test_pair_gate_edges(text: str) -> None:
    assert has_pair(text, unusual_characters(text)) == (_PAIR.search(text) is not None)


@pytest.mark.parametrize("clean", CLEAN)
def test_pair_gate_on_clean_text(clean: str) -> None:
    assert has_pair(clean, unusual_characters(clean)) == (_PAIR.search(clean) is not None)


def test_found_tries_every_place_and_then_scans() -> None:
    """More candidate places than ``found`` tries one by one, none of them a match, then a
    match led by another candidate character before them, and one after them."""
    quotes = "“Tin” … " * (_TRIES + 5)  # each “ ” … leads a scan and is no pair here
    assert _PAIR.search(quotes) is None
    texts = [quotes + "kết quả", "a" + quotes]
    # a match led by one character before the many places of the others (whichever order
    # ``found`` takes the characters in, some of these put it last)
    for word in ("é", "ệ", "ố", "ư", "’", "đ"):
        texts += [cp1252(word) + quotes, quotes + cp1252(word), quotes[:40] + cp1252(word) + quotes]
    for text in texts:
        present = unusual_characters(text)
        assert found(_PAIR_ANYWHERE, text, present) == (_PAIR.search(text) is not None), text[-12:]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(
    sorted({c for pair in PAIRS for c in pair} | set("aZ .\n\r\t\ufffd"))), max_size=24))
def test_pair_gate_on_any_text(text: str) -> None:
    assert has_pair(text, unusual_characters(text)) == (_PAIR.search(text) is not None)
    assert _utf8_anywhere_found(text, unusual_characters(text)) == (_UTF8_ANYWHERE.search(text) is not None)


def test_pair_and_utf8_gates_past_their_tries() -> None:
    """More candidate places than the gates look at one by one (each a continuation after a
    letter that leads nothing, or a Mac Roman lead before an ASCII letter), then a pair:
    the regex scan they fall back on gives the same answer."""
    many = "Tin’ ‘x “ok” a… " * (_PAIR_TRIES // 2)
    texts = [many, many + cp1252("Việt"), cp1252("Việt") + many, many + "Ã", many + "Ã x",
             many + "à’", many + "Â\n", "Ã" * (_PAIR_TRIES + 3) + "x", "Ã" * (_PAIR_TRIES + 3) + " "]
    for text in texts:
        present = unusual_characters(text)
        assert has_pair(text, present) == (_PAIR.search(text) is not None), text[-12:]
        assert _utf8_anywhere_found(text, present) == (_UTF8_ANYWHERE.search(text) is not None), text[-12:]


def test_utf8_gate_agrees_on_sequences() -> None:
    """Two-byte sequences exhaustively, three- and four-byte ones for each lead with a few
    continuations (the gate reads only which lead starts it and how many follow)."""
    byte_of = _byte_of()
    by_byte: dict[int, list[str]] = {}
    for char, byte in byte_of.items():
        by_byte.setdefault(byte, []).append(char)
    conts = [c for b in range(0x80, 0xC0) for c in by_byte[b]]
    some = conts[::7]
    texts = []
    for b in range(0xC2, 0xF5):
        for lead in by_byte[b]:
            width = 1 if b < 0xE0 else 2 if b < 0xF0 else 3
            for cont in conts if width == 1 else some:
                texts.append(lead + cont * width)
                texts.append("ab " + lead + cont * (width - 1) + " cd")  # one short
    texts += [cp1252(word) for word in ("đ", "ư", "ệ", "’", "…", "€", "😀", "中文")]
    texts += ["Dòng một\n" + text + "\r\nDòng hai\n" + text[::-1] for text in texts[::5]]  # lines
    texts.append("\n".join(CLEAN) + "\n" + cp1252("Việt"))
    for text in texts + CLEAN:
        assert strong_utf8_anywhere(text, unusual_characters(text)) == _strong_utf8(text), text


_GLUED = re.compile(f"[A-Za-z][{_CJK}]|[{_CJK}][A-Za-z]")  # the pattern before: its answer


@pytest.mark.parametrize("text", [
    "haven" + "’t".encode().decode("gbk", "replace"), "a中", "中a", "中 a", "中\na", "a\n中",
    "Z中文", "中文Z", "中文 新闻", "plain ASCII", "", "中", *CLEAN,
])
def test_cjk_gate_agrees(text: str) -> None:
    assert cjk_glued_anywhere(text, unusual_characters(text)) == (_GLUED.search(text) is not None)


def test_suspect_characters_are_the_suspect_class() -> None:
    chars = suspect_characters()
    assert all(not c.isascii() for c in chars)
    pattern = engine._SUSPECT.compiled()
    assert {c for c in map(chr, range(0x80, 0x10000)) if pattern.fullmatch(c)} == chars


# ----- NFC without reading the text ---------------------------------------------------------
def test_inert_characters_never_break_nfc() -> None:
    """No character ``nfc_inert`` accepts is the second of a canonical composition (the
    characters Unicode's NFC quick check calls Maybe), checked against the whole table."""
    seconds = set()
    for code in range(0x110000):
        decomposition = unicodedata.decomposition(chr(code))
        if decomposition and not decomposition.startswith("<"):
            parts = decomposition.split()
            if len(parts) == 2:
                seconds.add(chr(int(parts[1], 16)))
    seconds.update(map(chr, range(0x1161, 0x1176)))  # Hangul vowel and final jamo compose
    seconds.update(map(chr, range(0x11A8, 0x11C3)))  # algorithmically, not by the table
    inert = [c for c in map(chr, range(0x80, 0x20000)) if charsets.nfc_inert(c)]
    assert len(inert) > 30000
    assert not seconds.intersection(inert)
    assert all(unicodedata.combining(c) == 0 and unicodedata.normalize("NFC", c) == c for c in inert)


@pytest.mark.parametrize("text", [
    *CLEAN, "Vie\u0323\u0302t Nam", "A\u0303", "\u1100\u1161", "\u0915\u093c", "\u0958", "\u212b",
    "Ông \u0301", "\u00e9\u0301", "ক\u09be", "\uf900", "Å", "x\u0300",
])
def test_is_nfc_agrees(text: str) -> None:
    for _ in range(2):  # the second time from what the first one remembered
        assert charsets.is_nfc(text, unusual_characters(text)) == unicodedata.is_normalized("NFC", text)


_C1_ALONE = re.compile("(?<![\u0080-\u00bf\u00c2-\u00f4])[\u0080-\u009f]")  # the search before


def _c1_letters_before(text: str) -> bool:
    return any(m.group(0) not in engine._C1_SAFE for m in _C1_ALONE.finditer(text))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(
    [*map(chr, range(0x80, 0xA0)), "a", " ", "\n", "Ã", "â", "ô", "õ", "¿", "À", "ạ"]), max_size=20))
def test_c1_letters_agrees(text: str) -> None:
    assert engine.c1_letters(text, unusual_characters(text)) == _c1_letters_before(text)


@pytest.mark.parametrize("text", [
    "\x81", "a\x81", "Ã\x81", "\x92" * 40 + "\x81", "\x92" * 40 + "Ã\x81", "don\x92t", "x\x85y", *CLEAN,
])
def test_c1_letters_edges(text: str) -> None:
    assert engine.c1_letters(text, unusual_characters(text)) == _c1_letters_before(text)


@pytest.mark.parametrize("text, glued", [
    ("Fran\u2e80ois", True),  # the first character of the class, glued: the height gate lets it by
    ("Fran\uffefois", True),  # the last
    ("Nguy\u2e7fn \u201cquoted\u201d\u2026", False),  # just below the class
    ("Hà Nội, ngày 3/3 \u5317\u4eac", False),  # an ideograph, not glued
])
def test_the_ideograph_height_gate_keeps_the_edges(text: str, glued: bool) -> None:
    assert cjk_glued_anywhere(text, unusual_characters(text)) is glued
    assert (_GLUED.search(text) is not None) is glued


def test_code_page_tables_are_remembered_between_runs(tmp_path: Path) -> None:
    try:
        with context.using(context.RunContext(derived=str(tmp_path))):
            engine._tables.cache_clear()
            assert engine._tables() == engine._compute_tables()  # computed, and written
            assert len(list((tmp_path / "mojibake").iterdir())) == 1
            engine._tables.cache_clear()
            assert engine._tables() == engine._compute_tables()  # read back
    finally:
        engine._tables.cache_clear()


# ----- character-set gates: a set test of ``unusual_characters`` for a one-class search -------
_EVERY_CHARACTER = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)


def _set_gates() -> list[tuple[str, frozenset[str], re.Pattern[str]]]:
    return [
        ("transparent", engine.TRANSPARENT_CHARACTERS, engine._TRANSPARENT.compiled()),
        ("c1 without NEL", engine.C1_WITHOUT_NEL, engine._C1_WITHOUT_NEL.compiled()),
        ("box drawing", engine.BOX_DRAWING, engine._BOX.compiled()),
        ("controls", charsets.CONTROL_CHARACTERS, charsets._CONTROL.compiled()),
        ("invisible", frozenset(encoding._INVISIBLE_NAMES), encoding._INVISIBLE.compiled()),
        ("legacy clues", vietnamese._LEGACY_CLUES, vietnamese._MAY_BE_LEGACY.compiled()),
    ]


@pytest.mark.parametrize("name", ["transparent", "c1 without NEL", "box drawing", "controls", "invisible",
                                  "legacy clues"])
def test_set_gate_is_the_search(name: str) -> None:
    """The gate ``not unusual_characters(text).isdisjoint(chars)`` says what ``pattern.search(text)``
    does: the pattern matches exactly the characters of the set, one at a time, and none of them
    is a character ``unusual_characters`` leaves out."""
    chars, pattern = next((c, p) for n, c, p in _set_gates() if n == name)
    assert set(pattern.findall(_EVERY_CHARACTER)) == chars
    assert unusual_characters("".join(sorted(chars))) == chars
    for text in ("Tin tức hôm nay, “đúng giờ”.", "plain\ttext\r\n", "Hà Nội " + "".join(sorted(chars))[:3]):
        assert (not unusual_characters(text).isdisjoint(chars)) == (pattern.search(text) is not None)
