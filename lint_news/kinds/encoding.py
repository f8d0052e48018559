"""Kind ``encoding``: the file is clean, correctly decoded, normalised Unicode.

Reported, per file or at the exact span:

- a file that is not valid UTF-8 (a strict decode decided that, in ``Document.from_bytes``):
  once, with the detected encoding; or, when the rest of the file is UTF-8, at each line
  (paragraph) that is not. The fix re-decodes those bytes with the chosen codec and
  normalises to NFC (Windows-1258 writes Vietnamese tone marks as combining characters);
- binary files (images, PDFs, archives): reported, never decoded or written;
- a UTF-8 byte-order mark, NUL and other C0/C1 control characters, U+FFFD replacement
  characters, invisible characters inside words, and text not in Unicode NFC.

Why a re-encode fix is usually *unsafe*: guessing a single-byte codec is fragile on short,
mostly-English news (charset-normalizer named the right one for only 2 of 5 Vietnamese files
saved as Windows-1258). The fix is safe only when the configuration names the source encoding
(``assume-encoding``), or when every plausible candidate codec gives the same text (curly
quotes in Windows-1252 and Windows-1258 are the same bytes) — and in both cases the bytes must
round-trip and the result must have no mojibake. Otherwise the candidates are listed and the
best-ranked one is offered as an unsafe fix.

What ranks them is whether the text is plausible, not only which characters it has: the
accented words of each reading are looked up in the word lists of the corpus languages (or of
the language the reading looks like, for a file in another language). Charset-normalizer calls
a short Latin-1 English file Windows-1250 or DOS 775 ("naďve", "cafķ"); the word lists do
not. No plausible reading, or two different readings that are equally so (one stray byte),
gets no fix at all: the right text cannot be known.

Cost: text that decoded as UTF-8 never touches charset-normalizer; the character checks are
one regular expression each and ``unicodedata.is_normalized`` (C speed).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from ..core.document import Document, Line
from ..core.model import Applicability, Edit, Finding, Fix
from ..core.options import KindOptions, option_error
from ..core.rule import Rule
from ..text.charsets import (
    _CONTROL,
    _SURROGATE_RUN,
    CONTROL_CHARACTERS,
    Candidate,
    _best_line,
    _codec,
    _detect,
    _display,
    _rejudged,
    document_is_nfc,
    judge,
    line_is_mojibake,
)
from ..text.regex.lazy import LazyPattern, char_class

HANDLES_UNDECODABLE = True
HANDLES_BINARY = True


@dataclass(frozen=True, eq=False, repr=False)  # compared and shown by KindOptions
class Options(KindOptions):
    """See ``rules/encoding.yaml`` for what each option turns on."""

    assume_encoding: str | None = None
    candidates: tuple[str, ...] = ("windows-1252", "windows-1258", "windows-1250", "windows-1251")
    languages: tuple[str, ...] = ("en", "vi")
    detect: bool = True
    byte_order_mark: bool = True
    control_characters: bool = True
    invisible_characters: bool = True
    normalization: bool = True

    def __post_init__(self) -> None:
        for key, names in (("assume-encoding", (self.assume_encoding,)), ("candidates", self.candidates)):
            for name in names:
                if name is None:
                    continue
                try:
                    codecs.lookup(name)
                except LookupError:
                    raise option_error(key, f"unknown encoding {name!r}") from None


_MAGIC = (
    (b"\x89PNG", "PNG image"), (b"%PDF-", "PDF document"), (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"), (b"GIF8", "GIF image"), (b"\xff\xd8\xff", "JPEG image"),
    (b"\x1f\x8b", "gzip archive"), (b"BZh", "bzip2 archive"), (b"\xfd7zXZ", "xz archive"),
    (b"7z\xbc\xaf", "7-Zip archive"), (b"Rar!", "RAR archive"), (b"\x7fELF", "executable"),
    (b"RIFF", "RIFF media file"), (b"OggS", "Ogg media file"), (b"ID3", "MP3 audio"),
    (b"\xd0\xcf\x11\xe0", "Office document"), (b"SQLite format 3", "SQLite database"),
)


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    options: Options = rule.options
    if doc.binary:
        raw = doc.raw or b""
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            message = ("UTF-16 text (byte-order mark), read as binary: lint-news reads UTF-8 only; "
                       "convert it, e.g. iconv -f UTF-16 -t UTF-8")
        else:
            message = (f"binary file ({_binary_kind(raw)}), not text: it is never decoded or "
                       "rewritten; remove it from the seeds")
        yield rule.finding(0, 0, message)
        return
    if doc.undecodable:
        yield from _undecodable(doc, rule, options)
        # The UTF-8 lines are checked now too: if their findings only appeared once the bad
        # lines are re-decoded, the fix would look like it added findings (and be rolled back).
        bad = [(line.start, line.eol_end) for line in doc.lines if _SURROGATE_RUN.search(line.text)]
        for finding in _characters(doc, rule, options):
            if not any(start <= finding.start < end for start, end in bad):
                yield finding
        return
    yield from _characters(doc, rule, options)


def _characters(doc: Document, rule: Rule, options: Options) -> Iterator[Finding]:
    """Byte-order mark, control and invisible characters, and NFC, on decoded text."""
    text = doc.text
    if options.byte_order_mark and text.startswith("\ufeff"):
        yield rule.finding(0, 1, "UTF-8 byte-order mark at the start of the file",
                           Fix.delete(0, 1, "Remove the byte-order mark"))
    if text.isascii():
        if options.control_characters and text.encode("ascii").translate(None, _NOT_C0):
            yield from _controls(text, rule)
        return
    # the document's characters beyond printable ASCII, found once and shared with mojibake:
    # most documents hold no control or invisible character, and then neither is searched
    # (every one of these characters is beyond printable ASCII: a set test of ``present``
    # is a search of the text, without compiling a pattern the document does not need)
    present = doc.unusual_characters
    if options.control_characters and not present.isdisjoint(CONTROL_CHARACTERS):
        yield from _controls(text, rule)
    if options.invisible_characters and not present.isdisjoint(_INVISIBLE_NAMES):
        yield from _invisible(text, rule)
    if options.normalization and not doc.derived(document_is_nfc):
        yield from _not_nfc(doc, rule)


def _binary_kind(raw: bytes) -> str:
    for magic, name in _MAGIC:
        if raw.startswith(magic):
            return name
    return "many NUL bytes"


# ----- characters -------------------------------------------------------------------------
# Every ASCII byte but the C0 controls ([\x00-\x08\x0b\x0c\x0e-\x1f\x7f]): deleting them
# from an ASCII text leaves its controls, so an empty result says "none" in one C pass over
# the bytes (about five times faster than that pattern, which tests each character against
# its class).
_NOT_C0 = bytes(range(0x20, 0x7F)) + b"\t\n\r"
# Characters mojibake is made of: a C1 control, U+FFFD or soft hyphen next to one of these is
# part of a mojibake sequence ("Ä\x90H", "Ă�frica"), which the ``mojibake`` rule reports.
_MOJIBAKE_NEIGHBOUR = LazyPattern("[\u0080-\u024f\u02c6\u02dc\u2013-\u2030\u2039\u203a\u20ac\u2122\ufffd]")


def _in_mojibake(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return bool(_MOJIBAKE_NEIGHBOUR.match(before) or _MOJIBAKE_NEIGHBOUR.match(after))


def _line_is_mojibake(text: str, offset: int) -> bool:
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    return line_is_mojibake(text[line_start : line_end if line_end >= 0 else len(text)])


def _controls(text: str, rule: Rule) -> Iterator[Finding]:
    for match in _CONTROL.finditer(text):
        start, end = match.span()
        char = match.group(0)
        code = ord(char)
        name = f"U+{code:04X}"
        if 0x80 <= code <= 0x9F:
            if _in_mojibake(text, start, end) or _line_is_mojibake(text, start):
                continue  # part of mojibake: the mojibake rule reports and repairs the line
            try:
                meant = bytes([code]).decode("cp1252")
            except UnicodeDecodeError:
                yield rule.finding(start, end, f"C1 control character {name}",
                                   Fix.delete(start, end, f"Remove {name}", Applicability.UNSAFE))
                continue
            yield rule.finding(
                start, end,
                f"C1 control character {name}: probably Windows-1252 {meant!r} read as Latin-1",
                Fix.replace(start, end, meant, f"Replace {name} with {meant!r}", Applicability.UNSAFE),
            )
            continue
        label = "NUL character" if code == 0 else f"control character {name}"
        before = text[start - 1] if start > 0 else " "
        after = text[end] if end < len(text) else " "
        if char in "\x0b\x0c\x1c\x1d\x1e\x1f" and not before.isspace() and not after.isspace():
            # a separator between two words: dropping it would join them
            fix = Fix.replace(start, end, " ", f"Replace {name} with a space")
            yield rule.finding(start, end, label, fix)
        else:
            yield rule.finding(start, end, label, Fix.delete(start, end, f"Remove {name}"))


_INVISIBLE_NAMES = {
    "\u00ad": "soft hyphen", "\u200b": "zero-width space", "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner", "\u2060": "word joiner", "\ufeff": "byte-order mark",
}
_INVISIBLE = LazyPattern(lambda: f"[{char_class(_INVISIBLE_NAMES)}]")


def _word_letter(char: str) -> bool:
    """A letter of a script that never needs joiners (Latin, Greek, Cyrillic) or a digit."""
    if not char:
        return False
    return char.isdigit() or (char.isalpha() and (ord(char) < 0x0530 or 0x1E00 <= ord(char) <= 0x1FFF))


def _invisible(text: str, rule: Rule) -> Iterator[Finding]:
    for match in _INVISIBLE.finditer(text):
        start, end = match.span()
        char = match.group(0)
        if char == "\ufeff":
            if start == 0:
                continue  # the byte-order mark finding
        else:
            before = text[start - 1] if start > 0 else ""
            after = text[end] if end < len(text) else ""
            if not (_word_letter(before) and _word_letter(after)):
                continue  # emoji sequences, Indic and Arabic joiners, Thai word breaks
            if char == "\u00ad" and _in_mojibake(text, start, end):
                continue
        name = _INVISIBLE_NAMES[char]
        yield rule.finding(start, end, f"invisible character inside a word ({name}, U+{ord(char):04X})",
                           Fix.delete(start, end, f"Remove the {name}"))


def _not_nfc(doc: Document, rule: Rule) -> Iterator[Finding]:
    for line in doc.lines:
        if unicodedata.is_normalized("NFC", line.text):
            continue
        for match in re.finditer(r"\S+", line.text):
            word = match.group(0)
            if unicodedata.is_normalized("NFC", word):
                continue
            composed = unicodedata.normalize("NFC", word)
            start, end = line.start + match.start(), line.start + match.end()
            yield rule.finding(
                start, end,
                f"{word!r} is not in Unicode NFC (written with combining marks); NFC is {composed!r}",
                Fix.replace(start, end, composed, "Normalise to NFC (canonically equivalent: same text)"),
            )


def _undecodable(doc: Document, rule: Rule, options: Options) -> Iterator[Finding]:
    raw = doc.raw or b""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        yield from _utf16(doc, rule, raw)
        return
    bad = [line for line in doc.lines if _SURROGATE_RUN.search(line.text)]
    if not bad:
        return
    nbytes = sum(map(_undecodable_bytes, bad))
    mixed = any(
        not line.text.isascii() and not _SURROGATE_RUN.search(line.text)
        for line in doc.lines
    )
    payload = b"\n".join(line.text.encode("utf-8", "surrogateescape") for line in bad)
    note = ""
    names: list[str] = []
    if options.assume_encoding:
        names = [options.assume_encoding]
        note = f"assume-encoding: {options.assume_encoding}"
    else:
        names = list(options.candidates)
        if options.detect:
            guessed, note = _detect(payload)
            # UTF-16/32 cannot be decoded line by line (their newline is not one byte);
            # charset-normalizer's best guess breaks ties ahead of the configured order
            detected = [n for n in guessed if not n.startswith("utf")]
            best_guess = [_codec(n) for n in detected[:1]]
            names = detected[:1] + [n for n in names if _codec(n) not in best_guess]
            names += [n for n in detected[1:] if _codec(n) not in map(_codec, names)]
    candidates: list[Candidate] = []
    seen: set[str] = set()
    for order, name in enumerate(names):
        codec = codecs.lookup(name).name
        if codec in seen:
            continue
        seen.add(codec)
        decoded = [_best_line(line.text, codec, not mixed) for line in bad]
        if any(d is None for d in decoded):
            continue
        lines = tuple(d for d in decoded if d is not None)
        penalty, vietnamese, known, unknown = judge(lines, options.languages)
        candidates.append(Candidate(name, lines, penalty, vietnamese, order, known, unknown))
    if candidates and not any(c.plausible for c in candidates):
        # text in a language the corpus does not name: judged in that language
        candidates = [_rejudged(c, options.languages) for c in candidates]
    candidates.sort(key=lambda c: c.key)
    listed = ", ".join(_display(c.codec) for c in candidates) or "none"
    where = "file" if not mixed else "line"
    if not candidates:
        message = f"{where} is not valid UTF-8 ({nbytes} bytes); no candidate encoding decodes it"
        if note:
            message += f" ({note})"
        for finding_line in ([bad[0]] if not mixed else bad):
            yield rule.finding(finding_line.start, finding_line.end, message)
        return
    best = candidates[0]
    # Codecs that give the very same text are one answer: name it as the configuration does
    # (curly quotes read the same in every Windows code page; "windows-1252" is the one to say).
    configured = [_codec(n) for n in options.candidates]
    same = [c for c in candidates if c.lines == best.lines]
    best = min(same, key=lambda c: configured.index(_codec(c.codec)) if _codec(c.codec) in configured
               else len(configured) + same.index(c))
    how = f"reads as {_display(best.codec)}" + (f" ({note})" if note else "")
    if not options.assume_encoding:
        # A guess is fixed only when its text is plausible for the corpus languages and no
        # other reading is as plausible; otherwise it is reported with no fix.
        doubt = ""
        if not best.plausible:
            doubt = "no candidate reads as words of the corpus languages or of any one language"
        elif any(c.implausibility <= best.implausibility and c.lines != best.lines for c in candidates):
            doubt = "candidates read as different, equally plausible text"
        if doubt:
            message = (f"{where} is not valid UTF-8 ({nbytes} undecodable bytes); {how}; {doubt}; "
                       f"no automatic fix (set assume-encoding); candidates: {listed}")
            for finding_line in ([bad[0]] if not mixed else bad):
                end = bad[-1].end if not mixed else finding_line.end
                yield rule.finding(finding_line.start, end, message)
            return
    safe = _safe(best, candidates, options)
    applicability = Applicability.SAFE if safe else Applicability.UNSAFE
    if not safe:
        how += f"; candidates: {listed}"
    if not mixed:
        edits = tuple(Edit(line.start, line.end, text) for line, text in zip(bad, best.lines, strict=True))
        message = f"file is not valid UTF-8 ({nbytes} undecodable bytes); {how}"
        fix = Fix(f"Re-encode the file as UTF-8 from {_display(best.codec)}", edits, applicability)
        yield rule.finding(bad[0].start, bad[-1].end, message, fix)
        return
    for line, text in zip(bad, best.lines, strict=True):
        yield from _line_finding(rule, line, text, _display(best.codec), how, applicability)


def _undecodable_bytes(line: Line) -> int:
    """The bytes of ``line`` that are not UTF-8 (one lone surrogate each)."""
    return len(line.text) - len(_SURROGATE_RUN.sub("", line.text))


def _utf16(doc: Document, rule: Rule, raw: bytes) -> Iterator[Finding]:
    """A file with a UTF-16 byte-order mark: the mark names the codec, so the fix is safe."""
    try:
        text = raw.decode("utf-16")
    except UnicodeDecodeError:
        yield rule.finding(0, len(doc.text), "UTF-16 byte-order mark, but the file is not valid UTF-16")
        return
    yield rule.finding(0, len(doc.text), "file is UTF-16 (byte-order mark), not UTF-8",
                       Fix.replace(0, len(doc.text), text, "Re-encode the file as UTF-8 from UTF-16"))


def _line_finding(rule: Rule, line: Line, text: str, codec: str, how: str,
                  applicability: Applicability) -> Iterator[Finding]:
    count = _undecodable_bytes(line)
    yield rule.finding(
        line.start, line.end,
        f"paragraph is not UTF-8 ({count} undecodable bytes) in an otherwise UTF-8 file; {how}",
        Fix.replace(line.start, line.end, text, f"Decode the paragraph as {codec}", applicability),
    )


def _safe(best: Candidate, candidates: list[Candidate], options: Options) -> bool:
    """Configured codec, or exactly one plausible reading; and the result is not mojibake.

    The bytes round-trip by construction (``_decode_line`` checks it). With a configured
    codec the corpus owner has vouched for it, so an odd symbol does not make it unsafe.
    """
    if not options.assume_encoding and (
        not best.sure or any(c.sure and c.lines != best.lines for c in candidates)
    ):
        return False
    return not any(line_is_mojibake(text) for text in best.lines)
