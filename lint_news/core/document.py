"""A seed file as the rules see it: decoded text, lines, blocks, title and header zone.

The text is kept exactly as decoded (byte-order mark, ``\\r\\n`` and all), so that a file
with no findings round-trips byte for byte and fixes are plain edits on that text. The
structure that rules share (title, header zone, paragraphs) is computed lazily, once.

Long because the structure is one model: lines, blocks, section labels, title, header zone and
deletion spans depend on each other, and every rule reads them from here rather than keeping
its own idea of where a header ends.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple, TypeVar

from .timed import TimedPattern

BOM = "\ufeff"
# What ``surrogateescape`` makes of a byte that is not UTF-8. Only the fix of an undecodable
# file searches for it, so it is given to ``re.search`` as a string, compiled (and kept in
# ``re``'s own cache) on that first search: a run that fixes no such file never compiles it.
_SURROGATE = "[\udc80-\udcff]"
_BINARY_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"%PDF-",
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"GIF87a",
    b"GIF89a",
    b"\xff\xd8\xff",
    b"\x1f\x8b",
    b"BZh",
    b"\xfd7zXZ\x00",
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    b"\x7fELF",
    b"RIFF",
    b"OggS",
    b"ID3",
    b"\x00\x00\x01\x00",
    b"II*\x00",
    b"MM\x00*",
    b"\xd0\xcf\x11\xe0",
    b"SQLite format 3\x00",
)
# How a line of prose (not a title) ends; ``text.sentences`` holds the other sentence tests.
SENTENCE_ENDINGS = (".", "。", "!\"", ".\"", ".”", ".’")


@dataclass(frozen=True, slots=True)
class StructureOptions:
    """How the title and header zone are recognised; set under ``document:`` in the config."""

    section_labels: tuple[str, ...] = (
        r"(?:[A-Z][A-Z&'’\-]*\s+){0,3}NEWS",
        r"(?:WORLD|POLITICS|BUSINESS|ECONOMY|SOCIETY|SPORTS?|CULTURE|OPINION|TRAVEL|LIFE"
        r"|TECHNOLOGY|HEALTH|EDUCATION|ENVIRONMENT|NATIONAL|INTERNATIONAL|FEATURES?)",
        r"(?:TIN TỨC|THỜI SỰ|THẾ GIỚI|KINH DOANH|XÃ HỘI|THỂ THAO|VĂN HÓA|GIÁO DỤC|SỨC KHỎE"
        r"|PHÁP LUẬT|CHÍNH TRỊ|ĐỐI NGOẠI|KINH TẾ|DU LỊCH|CÔNG NGHỆ)",
    )
    title_max_chars: int = 250
    body_min_words: int = 12
    header_max_lines: int = 12

    def is_section_label(self, line: str) -> bool:
        text = line.strip().lstrip(BOM)
        if not text.isupper() and not self.user_labels:
            # Every built-in label is upper case: its patterns hold upper-case letters, white
            # space and "&'’-" only, no flag (tests/core/test_document.py checks), so a match
            # has a cased letter and no lower-case one. A title (most files' first line) is
            # answered without the labels' regex, which a one-file run then never compiles.
            return False
        return _label_regex(self.section_labels).fullmatch(text) is not None

    @property
    def user_labels(self) -> bool:
        """Whether the labels are not the built-in ones: then they are matched as the user's
        regular expressions, under the current rule's time budget (``_label_regex``)."""
        return self.section_labels != _BUILTIN_LABELS


_LABEL_CACHE: dict[tuple[str, ...], re.Pattern[str] | TimedPattern] = {}


def _label_regex(patterns: tuple[str, ...]) -> re.Pattern[str] | TimedPattern:
    """The labels as one pattern. The user's own labels (anything but the built-in ones) are
    matched under the current rule's time budget on the file, like the regex options of the
    kinds (``userregex``): the config load rejects catastrophic ones, this bounds the merely
    slow (a quadratic label on a 30,000-character line)."""
    cached = _LABEL_CACHE.get(patterns)
    if cached is None:
        joined = "|".join(f"(?:{p})" for p in patterns) or r"(?!)"
        if patterns == _BUILTIN_LABELS:
            cached = re.compile(joined)
        else:
            cached = TimedPattern(joined, 0, ("document.section-labels",))
        _LABEL_CACHE[patterns] = cached
    return cached


_BUILTIN_LABELS: tuple[str, ...] = StructureOptions().section_labels


_T = TypeVar("_T")
_NEW_TUPLE = tuple.__new__  # tuple.__new__(Line, values): a Line made in C (``Line._make``)


class Line(NamedTuple):
    """One line: ``text`` excludes the terminator; ``end`` is where the terminator starts.

    A named tuple, not a frozen dataclass: a document builds one per line before any rule
    runs, and a tuple is built in C (a third of the cost of a frozen dataclass's ``__init__``).
    """

    index: int  # type: ignore[assignment]  # the line's number, hiding tuple.index (unused)
    start: int
    end: int
    eol_end: int
    text: str

    @property
    def is_blank(self) -> bool:
        text = self.text
        if not text or text.isspace():
            return True
        # a byte-order mark alone (or with white space) is a blank line
        return text[0] == BOM and not text.lstrip(BOM).strip()


@dataclass(frozen=True, slots=True)
class Block:
    """Consecutive non-blank lines (a paragraph), by 0-based line index, inclusive."""

    first: int
    last: int


@dataclass(eq=False, repr=False)  # never compared or printed (a repr would hold the whole text)
class Document:
    """One decoded seed file.

    ``undecodable`` files (not valid UTF-8) are decoded with ``surrogateescape`` so offsets
    still line up with the bytes; only rules that declare they handle such files run on them,
    and the file is never written while undecodable bytes remain. ``binary`` files have no text.
    """

    path: str
    text: str
    raw: bytes | None = None
    undecodable: bool = False
    binary: bool = False
    structure: StructureOptions = field(default_factory=StructureOptions)
    _derived: dict[Callable[[Document], Any], Any] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    def derived(self, analysis: Callable[[Document], _T]) -> _T:
        """``analysis(self)``, computed on first use and shared by every rule of the run.

        Why: the rules of one run look at the same text through the same views (its tokens,
        its folded lower-case form, its line ends, its paragraph keys). A view asked for here
        is built once per document, by whichever rule needs it first, and never by a run whose
        enabled rules do not ask (ruff's "compute once, dispatch to every rule" without a
        fixed list of passes). ``analysis`` must be a module-level function of the document
        alone: it is the key, so two rules asking with the same function share the result.
        """
        try:
            return self._derived[analysis]  # type: ignore[no-any-return]
        except KeyError:
            value = self._derived[analysis] = analysis(self)
            return value

    @classmethod
    def from_bytes(
        cls, raw: bytes, path: str = "<text>", structure: StructureOptions | None = None
    ) -> Document:
        structure = structure or StructureOptions()
        if looks_binary(raw):
            return cls(path, "", raw=raw, binary=True, structure=structure)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("utf-8", "surrogateescape")
            return cls(path, text, raw=raw, undecodable=True, structure=structure)
        return cls(path, text, raw=raw, structure=structure)

    def with_text(self, text: str) -> Document:
        """The same file after fixes (the raw bytes no longer apply)."""
        still_bad = self.undecodable and re.search(_SURROGATE, text) is not None
        return Document(self.path, text, None, still_bad, False, self.structure)

    # ----- lines and positions -------------------------------------------------------
    @cached_property
    def lines(self) -> list[Line]:
        # one split in C, then offsets by lengths (half the cost of a find() per line)
        text = self.text
        parts = text.split("\n")
        last = parts.pop()  # what follows the last newline: "" when the text ends with one
        if "\r" not in text:
            # Without carriage returns every line ends where its "\n" is: the offsets are
            # running sums of the lengths, and the lines are made by ``tuple.__new__`` (what
            # ``Line._make`` calls) through ``map`` and ``zip``, all in C: two thirds of the
            # time of the loop below, which every document pays before its first rule.
            eols = list(itertools.accumulate(map((1).__add__, map(len, parts))))
            lines: list[Line] = list(map(_NEW_TUPLE, itertools.repeat(Line), zip(
                range(len(parts)), itertools.chain((0,), eols), map((-1).__add__, eols), eols, parts,
                strict=False)))  # the starts run one past: the offset after the last line
            if last:
                start = eols[-1] if eols else 0
                lines.append(Line(len(parts), start, len(text), len(text), last))
            return lines
        lines = []
        append = lines.append
        start = 0
        for index, part in enumerate(parts):
            after = start + len(part)
            if part[-1:] == "\r":
                append(Line(index, start, after - 1, after + 1, part[:-1]))
            else:
                append(Line(index, start, after, after + 1, part))
            start = after + 1
        if last:  # a last line without a terminator keeps a lone "\r" in its text
            append(Line(len(parts), start, len(text), len(text), last))
        return lines

    @property
    def line_count(self) -> int:
        """``len(self.lines)``, without building the lines when no rule has: the report of a
        file without findings needs only the count (a ``Line`` per line was most of the
        per-file cost of a run whose rules never look at lines)."""
        lines = self.__dict__.get("lines")
        if lines is not None:
            return len(lines)
        text = self.text
        # a line per newline, and one more for text after the last newline
        return text.count("\n") + (text[-1:] not in ("", "\n"))

    def deletion_span(self, first: int, last: int) -> tuple[int, int]:
        """The text span that removes lines ``first..last`` with their blank lines.

        Why: removing a paragraph must leave the spacing between the paragraphs around it as it
        was. Lines that are a whole paragraph go with the blank lines after them (up to the next
        non-blank line), or, at the end of the file, with the blank lines before them, keeping the
        last line's terminator so a file keeps (or keeps lacking) its final newline. Lines inside
        a paragraph (the other lines stay) go alone, so two paragraphs never merge.
        """
        lines = self.lines
        alone_before = first == 0 or lines[first - 1].is_blank
        alone_after = last + 1 >= len(lines) or lines[last + 1].is_blank
        if not (alone_before and alone_after):
            if lines[last].eol_end > lines[last].end or first == 0:
                return lines[first].start, lines[last].eol_end
            return lines[first - 1].end, lines[last].end
        for line in lines[last + 1 :]:
            if not line.is_blank:
                return lines[first].start, line.start
        for line in reversed(lines[:first]):
            if not line.is_blank:
                return line.end, lines[last].end
        return lines[first].start, lines[last].eol_end

    @cached_property
    def unusual_characters(self) -> frozenset[str]:
        """The distinct characters of the text other than printable ASCII, tab, LF and CR,
        found in one pass and shared: kinds test their own characters against this small set
        (``textutil.may_match``) instead of each scanning the text again."""
        return unusual_characters(self.text)

    @cached_property
    def line_starts(self) -> list[int]:
        """The offset where each line starts (``[0]`` for an empty text), as plain integers:
        the same offsets as ``lines``, found in C without building a ``Line`` per line, for
        code that needs positions but not the lines' text (``position``)."""
        text = self.text
        if "lines" in self.__dict__:
            return [line.start for line in self.lines] or [0]
        lengths = map(len, text.split("\n"))
        starts = list(itertools.accumulate(map((1).__add__, lengths), initial=0))
        starts.pop()  # after the last line
        if len(starts) > 1 and starts[-1] == len(text):
            starts.pop()  # a final newline starts no line
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (row, column) of an offset, columns in code points."""
        starts = self.line_starts
        row = bisect.bisect_right(starts, offset) - 1
        row = max(row, 0)
        return row + 1, offset - starts[row] + 1

    def line_at(self, offset: int) -> Line | None:
        if not self.lines:
            return None
        row = max(bisect.bisect_right(self.line_starts, offset) - 1, 0)
        return self.lines[row]

    @property
    def newline(self) -> str:
        """The file's dominant line terminator."""
        crlf = self.text.count("\r\n")
        return "\r\n" if crlf and crlf * 2 >= self.text.count("\n") else "\n"

    @property
    def has_final_newline(self) -> bool:
        return self.text.endswith("\n")

    # ----- structure -------------------------------------------------------------------
    @cached_property
    def blocks(self) -> list[Block]:
        blocks: list[Block] = []
        first: int | None = None
        for line in self.lines:
            if line.is_blank:
                if first is not None:
                    blocks.append(Block(first, line.index - 1))
                    first = None
            elif first is None:
                first = line.index
        if first is not None:
            blocks.append(Block(first, len(self.lines) - 1))
        return blocks

    @cached_property
    def _nonblank(self) -> list[Line]:
        limit = self.structure.header_max_lines * 4
        found: list[Line] = []
        for line in self.lines:
            if not line.is_blank:
                found.append(line)
                if len(found) >= limit:
                    break
        return found

    @cached_property
    def section_label_lines(self) -> list[int]:
        """Section labels such as "FOREIGN RELATION NEWS" standing above the title."""
        labels: list[int] = []
        for line in self._nonblank:
            if self.structure.is_section_label(line.text):
                labels.append(line.index)
            else:
                break
        return labels

    @cached_property
    def title_line(self) -> int | None:
        """Index of the title line, or None when the file starts with body text."""
        skip = len(self.section_label_lines)
        candidates = self._nonblank[skip:]
        if not candidates:
            return None
        first = candidates[0]
        text = first.text.strip().lstrip(BOM).strip()
        if len(text) > self.structure.title_max_chars or text.endswith(SENTENCE_ENDINGS):
            return None
        return first.index

    @property
    def title(self) -> Line | None:
        index = self.title_line
        return None if index is None else self.lines[index]

    def _looks_like_body(self, line: Line) -> bool:
        words = line.text.split()
        if len(words) >= self.structure.body_min_words:
            return True
        return len(words) >= 6 and line.text.rstrip().endswith(SENTENCE_ENDINGS)

    @cached_property
    def body_start_line(self) -> int:
        """Index of the first body paragraph's first line (end of the header zone)."""
        title = self.title_line
        after = -1 if title is None else title
        seen = 0
        for line in self._nonblank:
            if line.index <= after or line.index in self.section_label_lines:
                continue
            if self._looks_like_body(line):
                return line.index
            seen += 1
            if seen >= self.structure.header_max_lines:
                return line.index
        return len(self.lines)

    @cached_property
    def header_lines(self) -> range:
        """Title, byline and date lines and the first body paragraph."""
        start = self.body_start_line
        if start >= len(self.lines):
            return range(0, len(self.lines))
        block_end = start
        while block_end + 1 < len(self.lines) and not self.lines[block_end + 1].is_blank:
            # layout with blank lines between paragraphs: the first paragraph is its block;
            # layout without: the paragraph is the line itself.
            if self._blank_separated:
                block_end += 1
            else:
                break
        return range(0, block_end + 1)

    @cached_property
    def _blank_separated(self) -> bool:
        return any(line.is_blank for line in self.lines[: self.body_start_line + 40])

    @property
    def body_lines(self) -> range:
        return range(min(self.body_start_line, len(self.lines)), len(self.lines))

    def scope_lines(self, scope: str) -> list[Line]:
        """The lines a rule with this ``scope`` looks at (``document`` means all)."""
        if scope == "title":
            title = self.title
            return [] if title is None else [title]
        if scope == "header":
            return [self.lines[i] for i in self.header_lines]
        if scope == "body":
            return [self.lines[i] for i in self.body_lines]
        return self.lines


def looks_binary(raw: bytes) -> bool:
    """Images, PDFs, archives and executables: by magic number, or NUL bytes early on."""
    head = raw[:8192]
    if head.startswith(_BINARY_MAGIC):
        return True
    if b"\x00" not in head:
        return False
    # UTF-16/32 text also has NULs; those are text in a wrong encoding, not binary, but we
    # cannot lint them as seeds either. A few stray NULs in text are a control-character defect.
    return head.count(b"\x00") > max(8, len(head) // 100)


# ----- the characters a text holds ----------------------------------------------------------
_USUAL_BYTES = bytes([0x09, 0x0A, 0x0D, *range(0x20, 0x7F)])
USUAL_CHARACTERS = frozenset(_USUAL_BYTES.decode("ascii"))


def unusual_characters(text: str) -> frozenset[str]:
    """The distinct characters of ``text`` other than printable ASCII, tab, LF and CR.

    A few passes in C over the text: a kind looking for characters of its own (controls,
    Latin-1 letters of mojibake, box drawing) asks ``may_match`` against this small set
    instead of scanning the whole text once more with each of its patterns. The text is
    encoded to UTF-8 and its usual bytes deleted (multi-byte sequences have no ASCII byte, so
    they stay whole; lone surrogates pass through): 2.5 times faster than a regex findall.
    """
    remaining = text.encode("utf-8", "surrogatepass").translate(None, _USUAL_BYTES)
    return frozenset(remaining.decode("utf-8", "surrogatepass"))
