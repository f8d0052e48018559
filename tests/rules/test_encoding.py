"""Rule ``encoding``: files are valid UTF-8, in NFC, free of control and invisible characters.

The non-UTF-8 files are made here from sentences written for these tests, with Python's own
codecs (Windows-1252, and Windows-1258 with its combining tone marks), never copied from the
dev-eval set.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from lint_news.app.cli import main
from lint_news.config import Config
from lint_news.core.document import Document
from lint_news.core.errors import ConfigError
from lint_news.core.model import Applicability, Finding
from lint_news.engine.linter import lint_document
from lint_news.engine.runner import process_bytes
from lint_news.kinds.encoding import _NOT_C0
from lint_news.text import charsets
from lint_news.text.charsets import _penalty, _vietnamese, _words, judge

from ..conftest import fix, lint, make_config, run, spans

RULE = "encoding"

EN = (
    "Rice exports rise\n"
    "March 20, 2025 - 21:38\n"
    "\n"
    "HANOI, March 20 - Vietnam’s rice exports rose 12% in the first quarter, the ministry said.\n"
    "\n"
    "“Demand from the Philippines stayed strong,” an official said — prices were firm.\n"
)
VI = (
    "Giá lúa gạo tăng mạnh\n"
    "Thứ năm, 20/03/2025\n"
    "\n"
    "Theo Bộ Nông nghiệp, xuất khẩu gạo của Việt Nam trong quý I tăng 12% so với cùng kỳ.\n"
    "\n"
    "Ông Nguyễn Văn Hải cho biết nhu cầu từ Philippines và Indonesia vẫn ở mức cao.\n"
)

_TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 bytes as a Vietnamese editor writes them: base letters with the circumflex,
    breve or horn precomposed, tone marks as separate combining characters."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
            tones = "".join(c for c in parts if c in _TONES)
            out += (base + tones).encode("cp1258")
    return bytes(out)


def lint_bytes(raw: bytes, config: Config | None = None) -> tuple[Document, list[Finding]]:
    config = config or make_config(RULE)
    doc = Document.from_bytes(raw, "<test>", config.structure)
    return doc, lint_document(doc, config)


def fix_bytes(raw: bytes, unsafe: bool, config: Config | None = None) -> bytes | None:
    config = config or make_config(RULE)
    return process_bytes(raw, "<test>", config, fix=True, unsafe=unsafe).fixed_bytes


def config_with(tmp_path: Path, **options: object) -> Config:
    body = json.dumps({"rules": {RULE: {k.replace("_", "-"): v for k, v in options.items()}}},
                      ensure_ascii=False)
    return make_config(RULE, tmp=tmp_path, yaml_text=body)


# ----- files that are not UTF-8 -------------------------------------------------------------
def test_whole_file_in_windows_1252_is_reported_once_and_safely_fixed() -> None:
    raw = EN.encode("cp1252")
    doc, findings = lint_bytes(raw)
    assert doc.undecodable
    assert len(findings) == 1
    message = findings[0].message
    assert "not valid UTF-8" in message and "windows-1252" in message
    assert "charset-normalizer" in message
    # curly quotes and dashes are the same bytes in every Windows code page: unambiguous
    assert findings[0].fix is not None and findings[0].fix.applicability is Applicability.SAFE
    assert fix_bytes(raw, unsafe=False) == EN.encode("utf-8")


def test_whole_file_in_windows_1258_is_restored_in_nfc() -> None:
    raw = to_cp1258(VI)
    _, findings = lint_bytes(raw)
    assert len(findings) == 1
    assert "windows-1258" in findings[0].message
    fixed = fix_bytes(raw, unsafe=True)
    assert fixed == VI.encode("utf-8")
    assert fixed is not None and unicodedata.is_normalized("NFC", fixed.decode("utf-8"))


def test_assume_encoding_makes_the_fix_safe(tmp_path: Path) -> None:
    config = config_with(tmp_path, assume_encoding="windows-1258")
    text = "Tin nhanh\n\nHà Nội và Đà Nẵng đón khách.\n"
    raw = to_cp1258(text)
    _, findings = lint_bytes(raw, config)
    assert findings[0].fix is not None and findings[0].fix.applicability is Applicability.SAFE
    assert "assume-encoding: windows-1258" in findings[0].message
    assert fix_bytes(raw, unsafe=False, config=config) == text.encode()


def test_a_known_word_decides_between_code_pages() -> None:
    # Windows-1250 reads 0xE8 as "č", Windows-1252 as "è": only "Cafè" is a word
    raw = "Caf\u00e8 au lait\n".encode("cp1252")
    _, findings = lint_bytes(raw)
    assert findings[0].fix is not None and findings[0].fix.applicability is Applicability.SAFE
    assert fix_bytes(raw, unsafe=False) == "Cafè au lait\n".encode()


def test_latin1_file_is_not_guessed_as_windows_1250(tmp_path: Path) -> None:
    # charset-normalizer names a Baltic or Central European code page for this short text;
    # their readings ("naďve", "cafķ") are words of no language, Latin-1's are English
    text = "Cafe culture\nMarch 3, 2024\n\nThe café reopened, and critics called the plan naïve.\n"
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("latin-1"))
    code, out, _ = run("--no-cache", "--select", RULE, "--output-format", "concise", str(path))
    assert code == 1 and "windows-1252" in out
    code, _, _ = run("--no-cache", "--select", RULE, "--fix", str(path))
    assert path.read_bytes() == text.encode("utf-8")
    assert "naďve" not in path.read_text(encoding="utf-8")


def test_guess_with_no_plausible_reading_has_no_fix() -> None:
    # a few bytes that read as words of no language in every candidate code page
    raw = "Tin nhanh\n\nQz\xe8\xf0\xfe k\xf0\xe8q.\n".encode("latin-1")
    _, findings = lint_bytes(raw)
    assert len(findings) == 1 and findings[0].fix is None
    assert "no automatic fix" in findings[0].message and "candidates:" in findings[0].message
    assert fix_bytes(raw, unsafe=True) is None


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Новости\n\nМинистр иностранных дел сообщил о переговорах в Москве.\n", "cp1251"),
        ("Zprávy\n\nMinistr zahraničí řekl, že jednání v Praze byla úspěšná.\n", "cp1250"),
        ("Actualités\n\nLe ministre a précisé que la réunion à Genève était très utile.\n", "cp1252"),
    ],
)
def test_other_code_pages_are_read_right(text: str, codec: str) -> None:
    assert fix_bytes(text.encode(codec), unsafe=True) == text.encode("utf-8")


def test_detection_can_be_turned_off(tmp_path: Path) -> None:
    config = config_with(tmp_path, detect=False, candidates=["windows-1252"])
    _, findings = lint_bytes(EN.encode("cp1252"), config)
    assert len(findings) == 1 and "charset-normalizer" not in findings[0].message
    assert fix_bytes(EN.encode("cp1252"), unsafe=False, config=config) == EN.encode("utf-8")


def test_one_paragraph_in_another_codec_is_reported_at_that_paragraph() -> None:
    head, bad, tail = "Giá lúa gạo tăng\n\n", "Ông Hải cho biết nhu cầu vẫn cao.\n", "\nXuất khẩu tăng 12%.\n"
    raw = head.encode("utf-8") + to_cp1258(bad) + tail.encode("utf-8")
    doc, findings = lint_bytes(raw)
    assert len(findings) == 1
    assert doc.position(findings[0].start) == (3, 1)
    assert "paragraph" in findings[0].message
    assert fix_bytes(raw, unsafe=True) == (head + bad + tail).encode("utf-8")


def test_utf8_lines_of_a_mixed_file_are_checked_too() -> None:
    good = "Đội tuyển " + unicodedata.normalize("NFD", "Việt") + " Nam thắng.\n"
    bad = "Ông Hải cho biết nhu cầu vẫn cao.\n"
    raw = good.encode() + b"\n" + to_cp1258(bad)
    _, findings = lint_bytes(raw)
    assert len(findings) == 2  # the paragraph in Windows-1258 and the word not in NFC
    assert fix_bytes(raw, unsafe=True) == (unicodedata.normalize("NFC", good) + "\n" + bad).encode()


def test_binary_file_is_reported_and_never_written() -> None:
    raw = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    doc, findings = lint_bytes(raw)
    assert doc.binary
    assert len(findings) == 1 and "PNG image" in findings[0].message and findings[0].fix is None
    assert fix_bytes(raw, unsafe=True) is None


def test_stray_byte_in_utf8_is_ambiguous_and_has_no_fix() -> None:
    # one byte reads as "ÿ", "˙" or "я" depending on the code page: no reading is the right one
    raw = "Tin nhanh\n\nHà Nội hôm nay ".encode() + b"\xff" + " trời đẹp\n".encode()
    _, findings = lint_bytes(raw)
    assert len(findings) == 1 and findings[0].fix is None
    assert "equally plausible" in findings[0].message
    assert fix_bytes(raw, unsafe=True) is None


def test_utf16_is_named() -> None:
    raw = "Tiêu đề\n\nNội dung bài viết.\n".encode("utf-16")
    _, findings = lint_bytes(raw)
    assert len(findings) == 1 and "UTF-16" in findings[0].message


def test_utf8_files_never_touch_charset_normalizer() -> None:
    code = (
        "import sys\n"
        "from lint_news.core.document import Document\n"
        "from lint_news.engine.linter import lint_document\n"
        "from lint_news.config import load_config\n"
        "config = load_config(isolated=True, select=['encoding'])\n"
        "doc = Document.from_bytes('Hà Nội, “news” — 10 €\\n'.encode(), 'x', config.structure)\n"
        "assert lint_document(doc, config) == []\n"
        "assert 'charset_normalizer' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# ----- characters ----------------------------------------------------------------------------
def test_byte_order_mark() -> None:
    text = "\ufeffHà Nội, ngày 31 tháng 3\n"
    findings = lint(text, RULE)
    assert [(f.start, f.end) for f in findings] == [(0, 1)]
    assert fix(text, RULE) == "Hà Nội, ngày 31 tháng 3\n"


def test_byte_order_mark_check_can_be_turned_off(tmp_path: Path) -> None:
    assert lint("\ufeffTitle\n", RULE, config=config_with(tmp_path, byte_order_mark=False)) == []


def test_control_characters() -> None:
    text = "The talks ended\x00 on Friday.\nSection\x0bTwo follows.\nBell\x07 rang.\n"
    findings = lint(text, RULE)
    assert spans(text, findings) == ["\x00", "\x0b", "\x07"]
    assert fix(text, RULE) == "The talks ended on Friday.\nSection Two follows.\nBell rang.\n"


def test_windows_1252_c1_controls_are_owned_by_mojibake() -> None:
    # one owner per defect: a C1 control that stands for a Windows-1252 character is text read
    # with the wrong codec, reported (once per line) and repaired by ``mojibake``, not here
    text = "The agency\x92s report was released on Monday.\n"
    assert lint(text, RULE) == []
    both = lint(text, RULE, "mojibake")
    assert [f.rule for f in both] == ["mojibake"]
    assert fix(text, RULE, "mojibake") == "The agency’s report was released on Monday.\n"


def test_c1_control_windows_1252_does_not_define_is_reported_here() -> None:
    text = "The agency\x81s report was released on Monday.\n"
    findings = lint(text, RULE, "mojibake")
    assert [f.rule for f in findings] == ["encoding"]
    assert spans(text, findings) == ["\x81"]
    assert findings[0].fix is not None and findings[0].fix.applicability is Applicability.UNSAFE
    assert fix(text, RULE, "mojibake", unsafe=True) == "The agencys report was released on Monday.\n"


def test_c1_controls_inside_mojibake_are_left_to_the_mojibake_rule() -> None:
    text = "The agency" + "’".encode().decode("latin-1") + "s report\n"
    assert lint(text, RULE) == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("news\u200bpaper headline", "\u200b"),
        ("Thủ\u00adtướng phát biểu", "\u00ad"),
        ("inter\u2060national talks", "\u2060"),
        ("Hà Nội\ufeff và Huế", "\ufeff"),
        ("Đà\u200dNẵng", "\u200d"),
    ],
)
def test_invisible_characters_inside_words(text: str, span: str) -> None:
    findings = lint(text, RULE)
    assert spans(text, findings) == [span]
    assert findings[0].fix is not None and findings[0].fix.applicability is Applicability.SAFE
    assert fix(text, RULE) == text.replace(span, "")


def test_not_nfc_is_reported_per_word_and_normalised() -> None:
    decomposed = unicodedata.normalize("NFD", "Việt Nam")
    text = "Đội tuyển " + decomposed + " thắng.\n"
    findings = lint(text, RULE)
    assert spans(text, findings) == [unicodedata.normalize("NFD", "Việt")]
    assert fix(text, RULE) == "Đội tuyển Việt Nam thắng.\n"


# ----- negatives -----------------------------------------------------------------------------
CLEAN = [
    VI,
    EN,
    "Tổng Bí thư Tô Lâm, ông Nguyễn Phú Trọng, Thanh Tuấn và Hà Nội.\n",
    "« Oui », dit-il à Genève ; „Ja“, sagte sie in Köln; ¿Sí?, dijo en Málaga.\n",
    "İzmir’de, Łódź’da ve Kraków’da toplantılar yapıldı.\n",
    "家族 👨‍👩‍👧 と Москва «Кремль» — 한국 “협력”.\n",
    "می\u200cخواهم — Persian needs its zero-width non-joiner.\n",
    "ภาษา\u200bไทย uses zero-width spaces between words.\n",
    "Math and money: ∑ ≤ √π, 10 € ≈ 11 $, 25 °C, © 2025, tab\tseparated.\r\n",
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean_text_is_silent(text: str) -> None:
    assert lint(text, RULE) == []
    assert fix(text, RULE, unsafe=True) == text


def test_clean_utf8_bytes_are_silent() -> None:
    for text in (EN, VI):
        doc, findings = lint_bytes(text.encode("utf-8"))
        assert not doc.undecodable and findings == []


# ----- configuration and documentation -------------------------------------------------------
def test_assume_encoding_must_be_a_codec(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown encoding"):
        config_with(tmp_path, assume_encoding="klingon-8")


def test_rule_command_documents_safety() -> None:
    out = io.StringIO()
    assert main(["rule", RULE], stdout=out, stderr=io.StringIO()) == 0
    text = out.getvalue()
    for needle in ("not valid UTF-8", "assume-encoding", "safe", "unsafe", "NFC", "byte-order mark"):
        assert needle in text


# ----- judged line by line (issue 16): the same measures as the lines joined -------------------
def _reference_penalty_odd(text: str) -> int:
    """The character loop ``_penalty`` had, every character in turn: its specification."""
    odd = 0
    previous = ""
    for char in text:
        if not char.isascii():
            category = unicodedata.category(char)
            symbol = category in ("So", "Sm") and ord(char) >= 0x2190
            capital_inside = category == "Lu" and previous.islower()
            odd += category in ("Mn", "Co", "Cn") or symbol or capital_inside
        previous = char
    return odd


_READINGS = [
    "Giá lúa gạo tăng mạnh", "companyĹs profitĹs rose", "Ĺa Ĺb aĹ", "Ïðèâåò ìèð", "naďve cafķ",
    "todayĺs donít", "box ┬┐ and → arrows ∑", "a\u0301\u0301 x\ue000y\U000e0100", "AbcÉdÉ ÉÉ",
    "Ông Nguyễn Văn Hải, Hà Nội", "mixed Латиница and Greek αβγ", "\x85\x92 controls", "",
]


@pytest.mark.parametrize("reading", _READINGS)
def test_penalty_counts_odd_characters_as_the_loop_did(reading: str) -> None:
    # the odd-character part is the only one rewritten: compare it with the loop's count
    assert _penalty(reading) - _penalty_without_odd(reading) == 5 * _reference_penalty_odd(reading)


def _penalty_without_odd(text: str) -> int:
    controls = len(charsets._CONTROL.findall(text))
    mixed = len(charsets._MIXED_SCRIPT.findall(text))
    mixed += sum(1 for m in charsets._ACCENTED_WORD.finditer(text) if charsets._mostly_accented(m.group(0)))
    apostrophes = sum(1 for m in charsets._APOSTROPHE_LETTER.finditer(text)
                      if not charsets._is_syllable(m.group(0))
                      and not charsets._known_word(m.group(0), ("en",)))
    return 10 * controls + 3 * mixed + 3 * apostrophes


@pytest.mark.parametrize("languages", [("en", "vi"), ("en",), ("vi",), ("en", "fr")])
def test_judge_is_the_measure_of_the_joined_lines(languages: tuple[str, ...]) -> None:
    for count in (1, 2, len(_READINGS)):
        lines = tuple(_READINGS[:count])
        joined = "\n".join(lines)
        assert judge(lines, languages) == (_penalty(joined), _vietnamese(joined), *_words(joined, languages))


def test_nfc_at_the_edge_of_a_clean_document() -> None:
    """A document NFC but for its very last character, a combining mark after a precomposed
    letter: the quick answer must not call it NFC."""
    text = VI + "Ông mở quán cafe" + "\u0301"
    assert spans(text, lint(text, RULE)) == ["cafe\u0301"]
    assert lint(VI + "北京, 서울 và Tokyo.\n", RULE) == []


# ----- the ASCII gate: controls found by deleting every other byte --------------------------
def test_not_c0_keeps_exactly_the_c0_controls_of_ascii() -> None:
    c0 = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
    for code in range(0x80):
        kept = bytes([code]).translate(None, _NOT_C0)
        assert bool(kept) == bool(c0.match(chr(code))), hex(code)


@pytest.mark.parametrize(("text", "spans_found"), [
    ("Ha Noi\x0bsaid\n", ["\x0b"]),  # a separator between two words
    ("\x00Ha Noi\n", ["\x00"]),  # the first character
    ("Ha Noi said\x7f", ["\x7f"]),  # the last one
    ("Ha Noi\tsaid.\r\nVinFast and iPhone.\n", []),  # tab, CR and LF are no controls here
])
def test_controls_of_ascii_text_at_the_edges(text: str, spans_found: list[str]) -> None:
    assert spans(text, lint(text, "encoding")) == spans_found
