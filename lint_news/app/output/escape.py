"""The one escaping every output format shares.

Every format escapes control characters from the files (their names, their text, and the
messages quoting it) through ``escape_controls``, so a seed or a file name carrying ANSI
escape sequences or bidirectional overrides cannot rewrite the terminal or the CI log that
shows the report; the machine formats also replace undecodable bytes (``valid_unicode``).
"""

from __future__ import annotations

from ...text.regex.lazy import LazyPattern, char_class

_CONTROL = {c: f"\\x{c:02x}" for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]}
_CONTROL.update({c: f"\\u{c:04x}" for c in (0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))})
_CONTROL[0x09] = " "
_CONTROL[0x0A] = "\\n"
_CONTROL[0x0D] = "\\r"


def _with_surrogates() -> dict[int, str]:
    """``_CONTROL`` with the lone surrogates: bytes that were not UTF-8 (decoded with
    surrogateescape, from a file or a file name) are shown as the bytes they were, any other
    lone surrogate by its code point. Added on first use: making these 2,048 entries was half
    of this module's import, in every run, for texts that almost never hold one."""
    if 0xD800 not in _CONTROL:
        _CONTROL.update({c: f"\\u{c:04x}" for c in range(0xD800, 0xE000)})
        _CONTROL.update({0xDC00 + b: f"\\x{b:02x}" for b in range(0x80, 0x100)})
    return _CONTROL


# Every character ``_CONTROL`` maps: most texts have none, and one search for them is much
# faster than ``str.translate`` looking up each character.
_UNSAFE = LazyPattern(lambda: f"[{char_class(map(chr, _with_surrogates()))}]")


# The same characters as JSON escapes, for text already serialised as JSON: inside a JSON
# string they decode back to the very characters, so the values (file names, messages,
# source text) stay exact while the output holds none of them raw. (``json.dumps`` escapes
# the C0 controls itself, and its line breaks are the indentation's; lone surrogates are
# gone by then: ``valid_unicode``.)
_JSON_CONTROL = {c: f"\\u{c:04x}" for c in _CONTROL if c >= 0x20}  # (no surrogates in it yet)
_JSON_UNSAFE = LazyPattern(lambda: f"[{char_class(map(chr, _JSON_CONTROL))}]")


# For GitHub workflow commands: line breaks are left to the command's own encoding (%0A,
# %0D), which the annotation shows as line breaks, and undecodable bytes become U+FFFD as in
# the other machine formats (``valid_unicode``); every other character is escaped.
_GH_CONTROL = {c: e for c, e in _CONTROL.items() if c not in (0x0A, 0x0D)}
_GH_UNSAFE = LazyPattern(lambda: f"[{char_class(map(chr, _GH_CONTROL))}]")


# For a ``--diff`` written to a file or a pipe: tabs and carriage returns stay as they are (a
# diff that ``patch`` applies holds the file's own CRLF and CR line endings and tabs); every
# other character ``_CONTROL`` escapes is escaped the same way. Built at the first such diff.
_DIFF_CONTROL: dict[int, str] = {}
_DIFF_UNSAFE = LazyPattern(lambda: f"[{char_class(map(chr, _diff_control()))}]")


def _diff_control() -> dict[int, str]:
    if not _DIFF_CONTROL:
        _DIFF_CONTROL.update((c, e) for c, e in _with_surrogates().items() if c not in (0x09, 0x0A, 0x0D))
    return _DIFF_CONTROL


def diff_safe(text: str) -> str:
    """``terminal_safe`` except for tabs, carriage returns and line feeds, left as they are:
    the lines of a diff meant for ``patch`` or ``git apply``. Escape sequences, bidirectional
    overrides and undecodable bytes are escaped still (a line holding one does not apply)."""
    if _DIFF_UNSAFE.search(text) is None:
        return text
    return text.translate(_diff_control())


def escape_controls(text: str, table: dict[int, str] = _CONTROL, unsafe: LazyPattern = _UNSAFE) -> str:
    """Escape control and bidirectional-override characters, and undecodable bytes: the one
    escaping of every output format. By default (``terminal_safe``) as readable ``\\x1b``
    escapes, for the terminal formats, the GitHub annotations and the messages on stderr;
    with ``_JSON_CONTROL`` as JSON ``\\u`` escapes, for JSON and SARIF text."""
    if unsafe.search(text) is None:
        return text
    return text.translate(_with_surrogates() if table is _CONTROL else table)


# ``escape_controls`` with its defaults: readable escapes, for display (the name the
# terminal formats and the CLI's messages have always used; no extra call on the hot path)
terminal_safe = escape_controls


def json_safe(text: str) -> str:
    """JSON text with the characters ``escape_controls`` escapes as JSON escapes (the values
    it holds are unchanged)."""
    return escape_controls(text, _JSON_CONTROL, _JSON_UNSAFE)


_SURROGATES = LazyPattern("[\ud800-\udfff]")  # compiled at the first text to check (start-up)


def has_surrogates(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate (an undecodable byte of a file or file name).

    Asked by encoding it: UTF-8 refuses surrogates and nothing else, and the encoder (an
    ASCII text is answered from its flag alone) runs several times faster than a search for
    the surrogates' class, which every finding of a machine format paid."""
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def valid_unicode(text: str) -> str:
    """``text`` with undecodable bytes (lone surrogates) replaced by U+FFFD, so that machine
    formats (JSON, SARIF, GitHub annotations) are valid UTF-8 whatever the files held."""
    if not has_surrogates(text):
        return text
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace").encode(
            "utf-8", "replace").decode("utf-8")
    except UnicodeEncodeError:  # a surrogate that is no undecodable byte (API callers' text)
        return _SURROGATES.sub("\ufffd", text)
