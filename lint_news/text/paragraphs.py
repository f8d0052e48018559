"""Paragraph keys: the lines of a document compared up to case and spacing.

duplicate-block compares every file's paragraphs by these keys first (through
``doc.derived(paragraph_keys)``), and most files repeat none. Kept apart from ``similarity``
(difflib's matcher), which only a file with two similar paragraphs needs: importing difflib
for the keys cost every one-file run ~0.7 ms.
"""

from __future__ import annotations

import unicodedata

from ..core.document import BOM, Document


def line_key(text: str) -> str:
    """A line (a paragraph) up to spacing and case: whitespace runs as one space, none at
    either end, no byte-order mark in front, NFC, case folded. Two lines with one key are
    one paragraph printed twice; a blank line's key is empty."""
    flat = " ".join(text.lstrip(BOM).split())
    return flat.lower() if flat.isascii() else unicodedata.normalize("NFC", flat).casefold()


def paragraph_keys(doc: Document) -> list[str]:
    """``line_key`` of every line of ``doc``, as ``doc.derived(paragraph_keys)``.

    Why: comparing paragraphs is the first step of finding repeated ones, and most files
    repeat none, so the keys must cost little. Most lines are already flat (printable, so no
    whitespace but the plain space and no byte-order mark; no double space, none at either
    end): those are not split into words and joined again, and when the file's unusual
    characters (a small set the document has found once) are all printable, no line is tested
    for it. ASCII folds as it lowers, and ``lower`` has a fast path for ASCII that
    ``casefold`` lacks; a line already in NFC whose characters all fold as they lower (every
    character of the file was checked, ``_folds_as_lower``) is lowered too, at about half the
    cost of ``casefold`` for the same key.
    """
    normalize = unicodedata.normalize
    whole = doc.text
    unusual = doc.unusual_characters
    printable = "\t" not in whole and "\r" not in whole and all(map(str.isprintable, unusual))
    lowers = _folds_as_lower(unusual)
    keys: list[str] = []
    append = keys.append
    for line in doc.lines:
        text = line.text
        if not text:  # the empty line between paragraphs: half the lines of many files
            append("")
            continue
        if not ((printable or text.isprintable()) and "  " not in text and text[:1] != " "
                and text[-1:] != " "):
            text = " ".join(text.lstrip(BOM).split())
        if text.isascii():
            append(text.lower())
            continue
        nfc = normalize("NFC", text)  # the same object when the text is already in NFC
        append(nfc.lower() if lowers and nfc is text else nfc.casefold())
    return keys


# characters seen to fold as they lower (a fact of Unicode, learnt once per character)
_FOLDING_AS_LOWER: set[str] = set()


def _folds_as_lower(characters: frozenset[str]) -> bool:
    """Whether ``lower`` and ``casefold`` give the same result on any text of ``characters``
    (and ASCII): both map each character on its own, except that ``lower`` reads the capital
    sigma's place in its word (final or not), so that one character is never counted."""
    if characters <= _FOLDING_AS_LOWER:
        return True
    new = {c for c in characters - _FOLDING_AS_LOWER if c != "\u03a3" and c.lower() == c.casefold()}
    _FOLDING_AS_LOWER.update(new)
    return characters <= _FOLDING_AS_LOWER
