"""Tokens that are machine data, not words: hashes, hexadecimal IDs, UUIDs, base64 payloads.

A keyword found *inside* such a token is a coincidence of its characters ("de99" in the hash
"3fa85f64c788de99ab12", "bk8" in a base64 image), not text anyone wrote. The test is the shape
of the whole token, never a list of tokens, and it is built to say "machine" only when random
data looks so and words do not, because a wrong "machine" hides what a kind would report:

- hexadecimal: only ``[0-9a-fA-F]`` (UUID groups joined by "-" count as one token), eight
  digits or more, in one letter case, and letters and digits alternating at least three times.
  A hash changes between letters and digits every two characters or so; a date or a count
  glued to a name ("2021fb88": digits, letters, digits) changes twice.
- base64, base64url and long IDs: sixteen characters or more of ``[A-Za-z0-9+/_-]`` (and
  "=" padding), holding letters and digits, *without word structure*: fewer than
  ``_WORD_SHARE`` of its letters stand in CamelCase pieces of two letters or more that hold a
  vowel ("Soi", "Keo", "News"). Words, written run together or in CamelCase ("soikeo2024",
  "NhaCaiUyTin2024", "StrongPassword2024"), are made of such pieces; random characters put
  a capital, a digit or a consonant every two or three letters. Measured on random base64:
  about one token in ten of 16 characters, one in a hundred of 64 and none of 200 look like
  words (then a kind treats it as text, as it did before); every CamelCase phrase tried,
  English or Vietnamese, scores 0.64 or more.

A token stands alone: a letter or digit (any script) right before or after it makes it part
of a word, and then it is no token of its own.
"""

from __future__ import annotations

from itertools import pairwise

from .regex.lazy import LazyPattern

__all__ = ["is_machine_token", "machine_token_spans"]

_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")
_VOWELS = frozenset("aeiouyAEIOUY")
_MIN_HEX = 8
_MIN_HEX_SWITCHES = 3
_MIN_ENCODED = 16
_WORD_SHARE = 0.6

# Candidates: runs of the base64/base64url alphabet (hexadecimal and UUIDs are in it too),
# found in one linear pass; the shape tests then read each run once.
_RUN = LazyPattern(r"[A-Za-z0-9+/_-]{8,}=*")
_HEX_RUN = LazyPattern(r"[0-9A-Fa-f]+(?:-[0-9A-Fa-f]+)*")
# A CamelCase piece: a capital and lowercase letters, or lowercase letters alone.
_PIECE = LazyPattern(r"[A-Z]?[a-z]+")


def _hex_shaped(token: str) -> bool:
    digits = token.replace("-", "")
    if len(digits) < _MIN_HEX or not all(c in _HEX_DIGITS for c in digits):
        return False
    if digits != digits.lower() and digits != digits.upper():
        return False  # "DeadBeef": hashes are written in one case
    switches = sum(1 for a, b in pairwise(digits) if a.isdigit() != b.isdigit())
    return switches >= _MIN_HEX_SWITCHES


def _encoded_shaped(token: str) -> bool:
    body = token.rstrip("=")
    if len(body) < _MIN_ENCODED:
        return False
    letters = sum(1 for c in body if c.isalpha())
    if letters == 0 or not any(c.isdigit() for c in body):
        return False
    # (an ID in capitals is read as lowercase, so that its letter runs are its pieces)
    cased = body if any(c.islower() for c in body) else body.lower()
    in_words = sum(
        len(piece) for piece in _PIECE.findall(cased) if len(piece) >= 2 and not _VOWELS.isdisjoint(piece)
    )
    return in_words < _WORD_SHARE * letters


def is_machine_token(token: str) -> bool:
    """True when ``token`` (a whole token) has the shape of a hash, hexadecimal ID, UUID,
    base64 payload or long random ID."""
    return _hex_shaped(token) or _encoded_shaped(token)


def _stands_alone(text: str, start: int, end: int) -> bool:
    return (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())


def machine_token_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The spans of machine-data tokens in ``text[start:end]``, in order, in time linear in
    its length: a base64-shaped run as a whole, or the hexadecimal tokens inside a run
    ("/" or "+" separate the parts of a path)."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for run in _RUN.finditer(text, start, end):
        a, b = run.span()
        if not _stands_alone(text, a, b):
            continue
        if _encoded_shaped(run.group()):
            spans.append((a, b))
            continue
        for part in _HEX_RUN.finditer(text, a, b):
            p, q = part.span()
            alone = (p == a or not text[p - 1].isalnum()) and (q == b or not text[q].isalnum())
            if alone and _hex_shaped(part.group()):
                spans.append((p, q))
    return spans
