"""``text.machine_data``: hashes, hexadecimal IDs, UUIDs and base64 runs are told from words by
the shape of the whole token. The random tokens are made here from a seeded generator; the
words are this suite's own."""

from __future__ import annotations

import base64
import random

import pytest

from lint_news.text.machine_data import is_machine_token, machine_token_spans

_RANDOM = random.Random(20240312)


def _hex(length: int) -> str:
    return "".join(_RANDOM.choice("0123456789abcdef") for _ in range(length))


def _b64(size: int, altchars: bytes | None = None) -> str:
    return base64.b64encode(_RANDOM.randbytes(size), altchars).decode()


MACHINE = [
    "3fa85f64c788de99ab12",  # a reference number
    "9c2d4e1f0a7b3865de41b2c07f9a6e3d5b18c42f7e90a1d36c5b2f8e4a7d1c09",  # a SHA-256 of this suite
    "0B7E4C2A9F1D",  # a hexadecimal ID in capitals
    "7d3f2a1c-9b4e-4f6a-8c2d-1e5b3a7f9c04",  # a UUID: one token, groups and all
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk",  # the start of a PNG, base64
    _b64(300),
    _b64(48, b"-_"),  # base64url
    "k3j9x8q2m4n7p1z5w6v0",  # a lowercase random ID
    "X7K9Q2M4N8P3Z5R1T6W0",  # the same in capitals
]

WORDS = [
    "2021fb88",  # a year glued to a brand: digits, letters, digits
    "fb88",
    "20240312",  # digits only
    "deadbeef",  # letters only
    "DeadBeef2024",  # a mixed-case hex word
    "soikeo2024nhacaifb88",  # spam run together, lowercase
    "NhaCaiUyTin2024Fb88",  # spam in CamelCase
    "KetQuaXoSoMienBac2024",
    "PetroVietnam2024Report",
    "GovTech2024Summit",
    "iPhone15ProMaxReview",
    "StrongPassword2024Today",
    "keo_nha_cai_fb88_2024",
    "khuyen-mai-tv-samsung-2021",
]


@pytest.mark.parametrize("token", MACHINE)
def test_machine_tokens(token: str) -> None:
    assert is_machine_token(token)


@pytest.mark.parametrize("token", WORDS)
def test_words_and_glued_names_are_not_machine_data(token: str) -> None:
    assert not is_machine_token(token)


def test_long_random_tokens_are_always_machine_data() -> None:
    """The shape test may take a short random token for words (then nothing changes for a
    caller); from some length on (40 hexadecimal digits, 200 base64 characters) it must not."""
    assert all(is_machine_token(_hex(40)) for _ in range(300))
    assert all(is_machine_token(_b64(150)) for _ in range(300))


def test_spans_in_a_line() -> None:
    line = f"Mã giao dịch 3fa85f64c788de99ab12, ảnh data:image/png;base64,{_b64(30)}= và mã 2021fb88."
    found = [line[a:b] for a, b in machine_token_spans(line)]
    assert found[0] == "3fa85f64c788de99ab12"
    assert found[1].startswith(line[line.index("base64,") + 7 :][:10]) and found[1].endswith("=")
    assert len(found) == 2


def test_hex_parts_of_a_path_and_tokens_inside_words() -> None:
    path = "/files/9c2d4e1f0a7b3865de41/raw"
    assert [path[a:b] for a, b in machine_token_spans(path)] == ["9c2d4e1f0a7b3865de41"]
    # glued to a Vietnamese letter, the run is part of a word, not a token of its own
    assert machine_token_spans("ngày3fa85f64c788de99ab12") == []
    assert machine_token_spans("Tin mới nhất hôm nay từ PetroVietnam và VinFast.") == []


def test_spans_take_linear_time_on_a_long_token() -> None:
    text = "x " + _b64(600_000) + " y"
    assert len(machine_token_spans(text)) == 1
