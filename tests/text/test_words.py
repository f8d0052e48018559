"""The document's words as the text layer shares them (issue 16): each view is computed once
per document (``Document.derived``) and must equal the plain computation it stands for."""

from __future__ import annotations

import random
import re
from collections import Counter

from lint_news.core.document import Document
from lint_news.text.words import (
    LETTERS,
    count_letter_tokens,
    letter_tokens,
    text_chunks,
    words,
)

TEXTS = [
    "Hà Nội’s đạihọc said—the U.S. Secretary, 2² ½ x_y 1st café e\u0301 ﬁne ǅ\u00a0Ⅻ",
    "trustee\udcc3\udca9s and caf\udce9 bytes",  # undecodable bytes kept as surrogates
    "",
    "123 ... ---",
    "Bộ Giáo dục vừa công bố kết quả tuyển sinh đại học năm nay.\n\tThe iPhone, VinFast.",
]


def _fuzz(count: int = 2000) -> list[str]:
    rng = random.Random(16)
    alphabet = "aZ_1²½é’ạĐ —\u0301\n\t.ǅﬁ\U0001d400\udce9\u00a0\u2028\x1c"
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20))) for _ in range(count)]


def test_letter_tokens_count_every_run_of_letters() -> None:
    for text in TEXTS + _fuzz():
        counts, chunks = count_letter_tokens(text)
        assert counts == Counter(re.findall(r"[^\W\d_]+", text)), text
        assert sorted(chunks) == sorted({c for c in text.split() if not c.isalpha()}), text
        derived = letter_tokens(Document("<t>", text))
        assert derived.counts == counts and sorted(derived.chunks) == sorted(chunks)


def test_views_are_computed_once_per_document() -> None:
    doc = Document("<t>", TEXTS[0])
    chunks = doc.derived(text_chunks)
    assert chunks == TEXTS[0].split() and doc.derived(text_chunks) is chunks
    assert doc.derived(letter_tokens) is doc.derived(letter_tokens)
    assert LETTERS.pattern == r"[^\W\d_]+"


def test_words_are_case_folded_runs_of_word_characters() -> None:
    assert words("The U.S. Đại_học 2024") == ["the", "u", "s", "đại_học", "2024"]
