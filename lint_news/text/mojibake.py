"""Mojibake: what text decoded with the wrong codec looks like, and how to undo it.

Long because it holds the whole repair engine of the ``mojibake`` kind (ftfy's encoding repair,
the strict UTF-8-in-Windows-1252 decoder, and the extra detectors: partial UTF-8, lost no-break
spaces, DOS/Mac code pages, C1 controls, CJK code pages, legacy Vietnamese fonts). It lives in
``text`` because the ``encoding`` kind asks the same question (``is_mojibake``) when it weighs a
guessed codec: one engine, two kinds, no kind importing another. The kind itself
(``kinds/mojibake.py``) turns repairs into findings and fixes.
"""
from __future__ import annotations

import contextlib
import importlib.util
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..core import memo
from ..core.lazy import lazy_module
from ..core.options import option_error
from ..text.regex.lazy import LazyPattern, char_class
from ..text.regex.prefilter import class_members, first_characters, regex_parser

if TYPE_CHECKING:  # the type checker sees the real modules; they load on first use
    import ftfy
    import ftfy.badness as ftfy_badness

    from . import similarity, vietnamese
else:
    ftfy = lazy_module("ftfy")
    ftfy_badness = lazy_module("ftfy.badness")
    similarity = lazy_module("lint_news.text.similarity")
    vietnamese = lazy_module("lint_news.text.vietnamese")

DETECTORS = (
    "partial-utf8", "lost-nbsp", "other-codepages", "html-entities", "legacy-vietnamese",
    "replacement-characters", "c1-controls", "cjk-codepages",
)


@dataclass(frozen=True)
class Options:
    """``min-badness``: ftfy badness a line needs before its repair is trusted;
    ``languages``: the corpus languages (``vi`` turns on the legacy Vietnamese detector);
    ``extra-detectors``: which detectors beyond ftfy run."""

    min_badness: int = 1
    languages: tuple[str, ...] = ("en", "vi")
    extra_detectors: tuple[str, ...] = DETECTORS
    enabled: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.min_badness < 1:
            raise option_error("min-badness", "min-badness must be at least 1")
        for name in self.extra_detectors:
            if name not in DETECTORS:
                raise option_error("extra-detectors",
                                   f"unknown detector {name!r} (known: {', '.join(DETECTORS)})")
        object.__setattr__(self, "enabled", frozenset(self.extra_detectors))


# The answers for one line are remembered (a few thousand lines): the same line comes back
# in copies of an article, in a site's captions and bylines, and ``encoding`` asks about the
# readings of its lines again. Each depends on its arguments alone, and a ``Repair`` is frozen.
_LINES_REMEMBERED = 4096


# ----- the characters mojibake is made of ---------------------------------------------------
# Every pattern here is compiled on first use (``LazyPattern``), and the tables they are built
# from are computed then too: an ASCII document needs none of them, and a clean one only the
# first few (start-up time: compiling them all cost about 14 ms).
_CODECS = ("latin-1", "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257", "iso8859-2", "mac_roman",
           "cp437")


def _charmap(codec: str) -> str:
    return bytes(range(0x80, 0x100)).decode(codec, "ignore")


@lru_cache(maxsize=1)
def suspect_characters() -> frozenset[str]:
    """Latin-1, the Windows code pages ftfy tries, Mac Roman and DOS 437: any line without one
    of these characters cannot hold mojibake ftfy could repair. None is ASCII, so a document
    holds one exactly when its ``unusual_characters`` do."""
    return frozenset(_tables()["suspect"])


def _compute_tables() -> dict[str, Any]:
    """The character tables of the code pages (see ``_tables``): plain strings."""
    suspect = (set("".join(_charmap(c) for c in _CODECS)) - {"\u00a0"}) | {"\ufffd"}
    pages = [(codec, _byte_range(codec, 0xC2, 0xF4), _byte_range(codec, 0x80, 0xBF) + _LOST)
             for codec in _CODECS]
    by_byte = _byte_of()
    utf8 = ["".join(c for c, b in by_byte.items() if low <= b <= high)
            for low, high in ((0x80, 0xBF), (0xC2, 0xDF), (0xE0, 0xEF), (0xF0, 0xF4))]
    return {"suspect": "".join(sorted(suspect)), "pages": pages, "utf8": utf8}


@lru_cache(maxsize=1)
def _tables() -> dict[str, Any]:
    """``_compute_tables()``, remembered between runs (``core.memo``), keyed by this module and
    the Python version (whose codecs they are read from).

    Why: reading ten code pages imports eight codec modules and decodes each; a clean
    document with a few accented letters asks for these tables, and a one-file run paid
    about 1.5 ms for them."""
    where = memo.folder("mojibake")
    path = None
    if where is not None:
        path = os.path.join(where, "tables-" + memo.key(memo.source_salt(__file__), sys.version.encode()))
        value = memo.read(path)
        if isinstance(value, dict) and set(value) == {"suspect", "pages", "utf8"}:
            return value
    value = _compute_tables()
    if path is not None:
        memo.write(path, value)
    return value


@lru_cache(maxsize=1)
def _pair_tables() -> tuple[dict[str, str], frozenset[str], dict[str, str], frozenset[str]]:
    """Where ``has_pair`` looks: a continuation character of a code page not in
    ``_LEAD_FIRST`` -> the lead characters it pairs with, read before it, and the set of those
    continuations; a lead character of a page in ``_LEAD_FIRST`` -> the continuation
    characters that pair with it, read after it, and the set of those leads."""
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    for codec, leads, conts in _tables()["pages"]:
        if codec in _LEAD_FIRST:
            for lead in leads:
                after[lead] = after.get(lead, "") + conts
        else:
            for cont in conts:
                before[cont] = before.get(cont, "") + leads
    return before, frozenset(before), after, frozenset(after)


def _suspect() -> str:
    return f"[{char_class(suspect_characters())}]"


_SUSPECT = LazyPattern(_suspect)


_LOST = "\ufffd"  # a byte the decoder could not map


def _byte_range(codec: str, low: int, high: int) -> str:
    return bytes(range(low, high + 1)).decode(codec, "ignore")


def _pair() -> str:
    # "[lead][cont]|..." for each code page, written "[any lead](?:(?<=[lead])[cont]|...)": the
    # same matches, but a pattern that starts with one character class lets the regex engine
    # skip to the candidates in C instead of trying every alternative at every position
    # (about 9x faster on news text).
    leads = char_class("".join(_byte_range(c, 0xC2, 0xF4) for c in _CODECS) + "ÂÃÅÎÐÙ")
    pairs = "|".join(
        f"(?<=[{char_class(_byte_range(c, 0xC2, 0xF4))}])[{char_class(_byte_range(c, 0x80, 0xBF) + _LOST)}]"
        for c in _CODECS
    )
    return f"[{leads}](?:{pairs}|(?<=[ÂÃÅÎÐÙ])(?: |$))"


# Mojibake of UTF-8 is a lead byte followed by a continuation byte, both read in the same code
# page (or a lead before a lost no-break space or a lost byte): a text with no such pair cannot
# be repaired by ftfy, and its costly badness regex is not run on it.
_PAIR = LazyPattern(_pair, re.MULTILINE)

# Whether ``_PAIR`` matches anywhere, asked of whole documents: the same yes or no, found by
# stopping only at the rarer half of each pair. Vietnamese is written with the lead bytes of
# the Windows and Latin code pages (à á â ã è é ê ...), so a scan led by them stops at every
# third word; their continuation bytes are punctuation and symbols (’ “ … © °), rare in
# prose. Mac Roman and DOS 437 are the other way round (their continuation bytes are
# accented letters, their leads punctuation, line art and Greek). About 4x faster on
# Vietnamese news, and a document none of whose characters leads a scan is not searched.
_LEAD_FIRST = frozenset({"mac_roman", "cp437"})


def _pair_anywhere() -> str:
    first = set("ÂÃÅÎÐÙ")
    branches: list[str] = []
    for codec in _CODECS:
        leads, conts = _byte_range(codec, 0xC2, 0xF4), _byte_range(codec, 0x80, 0xBF) + _LOST
        if codec in _LEAD_FIRST:
            first.update(leads)
            branches.append(f"(?<=[{char_class(leads)}])[{char_class(conts)}]")
        else:  # the continuation byte just read, and its lead before it
            first.update(conts)
            branches.append(f"(?<=[{char_class(leads)}][{char_class(conts)}])")
    branches.append("(?<=[ÂÃÅÎÐÙ])(?: |$)")
    return f"[{char_class(first)}](?:{'|'.join(branches)})"


_PAIR_ANYWHERE = LazyPattern(_pair_anywhere, re.MULTILINE)


_NBSP_LEADS = frozenset("ÂÃÅÎÐÙ")  # leads of a pair whose no-break space became a space
# At most this many places are tried one by one before ``has_pair`` lets the regex scan.
_PAIR_TRIES = 200


def has_pair(text: str, present: frozenset[str]) -> bool:
    """``_PAIR.search(text) is not None``, for ``text`` whose unusual characters are
    ``present``.

    Found as ``_PAIR_ANYWHERE`` would (stopping only at the rarer half of each pair), but by
    C's ``str.find`` for each such character the document holds and a look at its neighbour
    (``_pair_tables``): the same answer, without compiling ``_PAIR_ANYWHERE`` (about 3 ms,
    paid by every one-file run on accented text). A text with very many such places is
    left to the regex scan."""
    before, conts_of, after, leads_of = _pair_tables()
    last = len(text) - 1
    held = _held_at_a_place(text, _PAIR_TRIES, (
        # a continuation after its lead (the first character has nothing before it)
        (present & conts_of, 1, lambda char, index: text[index - 1] in before[char]),
        # a lead before its continuation (the last character has nothing after it)
        (present & leads_of, 0, lambda char, index: index < last and text[index + 1] in after[char]),
        # "Â" before a space, a line end or the end: a no-break space that became a space
        (present & _NBSP_LEADS, 0, lambda char, index: text[index + 1 : index + 2] in ("", " ", "\n")),
    ))
    return _PAIR_ANYWHERE.search(text) is not None if held is None else held


_PlaceTest = Callable[[str, int], bool]


def _held_at_a_place(text: str, budget: int,
                     searches: Iterable[tuple[AbstractSet[str], int, _PlaceTest]]) -> bool | None:
    """Whether ``holds(char, index)`` is true at some place of one of its characters (found
    from ``start`` on), searched in the order given; None once ``budget`` places have
    failed, for the caller's exact scan to decide (the gates of ``has_pair`` and ``found``)."""
    find = text.find
    tries = 0
    for chars, start, holds in searches:
        for char in chars:
            index = find(char, start)
            while index >= 0:
                if holds(char, index):
                    return True
                tries += 1
                if tries > budget:
                    return None
                index = find(char, index + 1)
    return False


# At most this many places are tried one by one before ``found`` lets the pattern scan.
_TRIES = 24


def found(pattern: LazyPattern, text: str, present: frozenset[str]) -> bool:
    """``pattern.search(text) is not None``, for ``text`` whose unusual characters are
    ``present``, when every match of ``pattern`` starts with one of its own characters
    beyond ASCII.

    Why: the regex engine tests a large class of characters against every character of the
    text (about 150 MB/s), while a document holds a few of them, a few times: C's search for
    each of those characters (``str.find``) and a match attempt where it stands give the same
    answer (the attempt sees the text before it, as the scan would) several times faster.
    A text with many such places is left to the scan."""
    compiled = pattern.compiled()
    first = _leading_characters(pattern)
    if first is None:
        return compiled.search(text) is not None
    match = compiled.match
    held = _held_at_a_place(text, _TRIES,
                            ((present & first, 0, lambda _, index: match(text, index) is not None),))
    return compiled.search(text) is not None if held is None else held


@lru_cache(maxsize=16)  # (by the stand-in: a compiled pattern hashes its whole program)
def _leading_characters(pattern: LazyPattern) -> frozenset[str] | None:
    """The characters every match of ``pattern`` starts with, when none is ASCII."""
    first = first_characters(pattern.compiled())
    return first if first is not None and all(not c.isascii() for c in first) else None


@lru_cache(maxsize=1)
def _byte_of() -> dict[str, int]:
    """Windows-1252 characters (with Latin-1 for the bytes it leaves undefined) -> their byte."""
    table: dict[str, int] = {}
    for byte in range(0x80, 0x100):
        table[chr(byte)] = byte
        with contextlib.suppress(UnicodeDecodeError):
            table[bytes([byte]).decode("cp1252")] = byte
    return table


def _chars(low: int, high: int) -> str:
    return char_class(c for c, b in _byte_of().items() if low <= b <= high)


def _sequence() -> str:
    cont = _chars(0x80, 0xBF)
    return (
        f"[{_chars(0xC2, 0xDF)}][{cont}]"
        f"|[{_chars(0xE0, 0xEF)}][{cont}]{{2}}"
        f"|[{_chars(0xF0, 0xF4)}][{cont}]{{3}}"
    )


def _sequence_sp() -> str:
    # The same, where a plain space may stand for a lost no-break space (byte A0), in the places
    # ftfy's own ``restore_byte_a0`` allows it: after the leads of common two-byte letters, and
    # inside the three-byte sequences of "à"-led punctuation and Vietnamese letters.
    cont = _chars(0x80, 0xBF)
    return f"[ÂÃÅÎÐÙ] |[âã] [{cont}]|[àáâã][{cont}] |" + _sequence()


def _utf8_run() -> str:
    # "(?:seq)+" written "seq(?:seq)*" with the first "seq" led by one character class (see
    # ``_pair``): the same matches, found several times faster.
    cont = _chars(0x80, 0xBF)
    leads = (_chars(0xC2, 0xDF), _chars(0xE0, 0xEF), _chars(0xF0, 0xF4))
    first = (
        f"[{''.join(leads)}](?:(?<=[{leads[0]}])[{cont}]"
        f"|(?<=[{leads[1]}])[{cont}]{{2}}"
        f"|(?<=[{leads[2]}])[{cont}]{{3}})"
    )
    return f"{first}(?:{_sequence()})*"


def _utf8_anywhere() -> str:
    # Whether ``_UTF8_RUN`` matches anywhere, led by the first continuation byte of a sequence
    # rather than by its lead (see ``_PAIR_ANYWHERE``: the leads are Vietnamese letters).
    cont = _chars(0x80, 0xBF)
    return (f"[{cont}](?:(?<=[{_chars(0xC2, 0xDF)}].)|(?<=[{_chars(0xE0, 0xEF)}].)[{cont}]"
            f"|(?<=[{_chars(0xF0, 0xF4)}].)[{cont}]{{2}})")


_UTF8_RUN = LazyPattern(_utf8_run)
_UTF8_ANYWHERE = LazyPattern(_utf8_anywhere)
_UTF8_ONE = LazyPattern(_sequence)
_UTF8_RUN_SP = LazyPattern(lambda: f"(?:{_sequence_sp()})+")
_UTF8_ONE_SP = LazyPattern(_sequence_sp)
_C1 = LazyPattern("[\u0080-\u009f]")
# The C1 controls but NEL (U+0085, also a line break), and box drawing: the characters, for a
# document's gate (``unusual_characters`` holds every one a text has, so a set test is the
# pattern's search without compiling it), and the patterns, for the lines.
C1_WITHOUT_NEL = frozenset(map(chr, (*range(0x80, 0x85), *range(0x86, 0xA0))))
_C1_WITHOUT_NEL = LazyPattern(lambda: f"[{char_class(C1_WITHOUT_NEL)}]")
_LOST_NBSP = LazyPattern(r"(?<=[a-z])Ã (?=[ a-z])")
# "Â" before a space and more text: the lead byte C2 of a UTF-8 no-break space (C2 A0) read as
# Windows-1252/Latin-1, its A0 then turned into a plain space ("5Â million", "said:Â The").
# No language writes "Â" alone at the end of a word after a lower-case letter, a digit or
# punctuation (Vietnamese "â" always takes a final consonant or vowel). After a capital it may
# end an all-caps word, and alone between spaces it may be the letter itself ("Ă, Â và Ê").
_STRAY_A = LazyPattern(r"(?<=\S)Â(?= +\S)")


def _stray_a(text: str) -> bool:
    return any(not text[m.start() - 1].isupper() for m in _STRAY_A.finditer(text))
BOX_DRAWING = frozenset(map(chr, range(0x2500, 0x25A0)))
_BOX = LazyPattern(lambda: f"[{char_class(BOX_DRAWING)}]")
_MAC_ROMAN_CLUE = LazyPattern("(?<=[^\\W\\d_])√[^\\s\\w]|(?<=[^\\W\\d_])√[πµ∂∆ƒ©®†°¢£§•¶ß™´¨≠ÆØ∞±≤≥¥]")
_ENTITY = LazyPattern(r"&(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,31});")


# ----- ftfy, imported lazily -------------------------------------------------------------
@lru_cache(maxsize=1)
def _ftfy() -> tuple[Any, Any, Any]:
    """ftfy, its encoding-only configuration and its badness function (imported on first need)."""
    config = ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        fix_c1_controls=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        explain=True,
    )
    return ftfy, config, ftfy_badness.badness


def _is_bad(text: str) -> bool:
    """``ftfy.badness.is_bad(text)``, searched only near the characters a match needs.

    ftfy's badness regex is a long alternation that the regex engine tries at every position
    (about 2 MB/s). Each of its matches is short and holds at least one of a few hundred
    non-ASCII characters, so the regex is run only on the stretches of text within a match's
    width of those characters: the same answer, about 20 times faster on news text.
    """
    badness_re, needed = _badness()
    if needed is None:  # a badness regex we cannot analyse: ask it directly
        return badness_re.search(text) is not None
    anchor, width = needed
    start = end = -1  # the stretch of text waiting to be searched
    for match in anchor.finditer(text):
        index = match.start()
        if index - width < end:  # its window overlaps the stretch: widen the stretch
            end = index + width
            continue
        if end > 0 and badness_re.search(text, start, end):
            return True
        start, end = max(0, index - width + 1), index + width
    return end > 0 and badness_re.search(text, start, end) is not None


@lru_cache(maxsize=1)
def _badness() -> tuple[re.Pattern[str], tuple[re.Pattern[str], int] | None]:
    """ftfy's badness regex and ``_badness_needs``, remembered between runs (``core.memo``).

    Why: a document is asked ``_is_bad`` as soon as it holds one pair that may be mojibake,
    and Vietnamese news often does ("ê…", "ó”"); importing ftfy only for its regex costs
    about 50 ms, while clean text never needs the rest of ftfy. The remembered value is that
    regex's own pattern and flags (compiled again: the same regex), keyed by ftfy's source
    file, this module and the Python version, so a new ftfy or Python never reads old data.
    """
    where = _badness_memo_path()
    value = None if where is None else memo.read(where)
    if isinstance(value, tuple) and len(value) == 4:
        pattern, flags, anchor, width = value
        return re.compile(pattern, flags), (None if anchor is None else (re.compile(anchor), width))
    badness_re = ftfy_badness.BADNESS_RE
    needed = _badness_needs()
    if where is not None:
        # (the flags without ``re.UNICODE``, which a str pattern implies: ftfy's own compile
        # call then finds this regex in ``re``'s cache)
        memo.write(where, (badness_re.pattern, int(badness_re.flags & ~re.UNICODE),
                           None if needed is None else needed[0].pattern,
                           0 if needed is None else needed[1]))
    return badness_re, needed


def _badness_memo_path() -> str | None:
    """Where ``_badness`` is remembered, or None (nothing remembered, or ftfy not found: then
    its import reports that)."""
    where = memo.folder("ftfy")
    if where is None:
        return None
    spec = importlib.util.find_spec("ftfy")
    if spec is None or not spec.submodule_search_locations:
        return None
    source = os.path.join(next(iter(spec.submodule_search_locations)), "badness.py")
    key = memo.key(memo.source_salt(source), memo.source_salt(__file__), sys.version.encode())
    return os.path.join(where, f"badness-{key}")


def _anchor_cost(chars: AbstractSet[str]) -> tuple[int, int, int]:
    """Accented Latin lower-case letters, then such capitals, then all characters."""
    latin = [c for c in chars if c.isalpha() and ("\u00c0" <= c <= "\u024f" or "\u1e00" <= c <= "\u1eff")]
    return sum(1 for c in latin if c.islower()), len(latin), len(chars)


@lru_cache(maxsize=1)
def _badness_needs() -> tuple[re.Pattern[str], int] | None:
    """(a class of characters one of which every badness match holds, the longest match), read
    from ftfy's own regex so that a new ftfy cannot make ``_is_bad`` wrong; None when the regex
    has a shape this does not understand (then ``_is_bad`` searches the whole text)."""
    badness_re = ftfy_badness.BADNESS_RE
    sre_parse, sre = regex_parser()

    def members(item: tuple[Any, Any]) -> set[str] | None:
        """The characters a single-character item matches, when it is a plain set of them."""
        op, value = item
        if op is sre.LITERAL:
            return {chr(value)}
        # a negated set or a category (\w, \s) is too wide to be an anchor
        return class_members(value, sre) if op is sre.IN else None

    try:
        tree = sre_parse.parse(badness_re.pattern, badness_re.flags)
        op, value = tree.data[0]
        width = tree.getwidth()[1]
        if len(tree.data) != 1 or op is not sre.BRANCH or badness_re.flags & re.IGNORECASE:
            return None
        anchor: set[str] = set()
        for branch in value[1]:
            # each alternative is a sequence; pick one item it must match, a set of non-ASCII
            # characters, so that ASCII stretches are never searched: the one with the fewest
            # accented Latin letters (lower case first), then the fewest characters. Prose is
            # made of letters:
            # an anchor of "à" or "ó" (Vietnamese) would search around every third word, one
            # of "²µ¹¼½¾" or box drawing (the other half of the same alternatives) almost never.
            required = [chars for chars in map(members, branch.data)
                        if chars and not any(c.isascii() for c in chars)]
            if not required:
                return None
            anchor |= min(required, key=_anchor_cost)
    except Exception:  # pragma: no cover - a future ftfy or Python we do not know
        return None
    if not 0 < width < 100:
        return None
    return re.compile(f"[{char_class(anchor)}]"), width


# (no __eq__/__repr__: nothing compares, hashes or prints one, and Python compiles each
# generated method from source when the class is made)
@dataclass(frozen=True, eq=False, repr=False)
class Repair:
    """A repaired line: the text, how (for the message), and whether it is safe to apply."""

    fixed: str
    how: str
    safe: bool
    fixable: bool = True
    # one finding for the whole line (one fix of several edits): the line was decoded with one
    # wrong codec, which is one defect however many characters it broke
    whole_line: bool = False


def _explain(plan: list[Any]) -> str:
    words = {"encode": "encode as", "decode": "decode as", "transcode": "apply", "apply": "apply"}
    return ", ".join(f"{words.get(step[0], step[0])} {step[1]}" for step in plan)


def _round_trips(plan: list[Any], original: str, fixed: str) -> bool:
    """Undo the plan on ``fixed``: a pure codec repair gives back ``original`` exactly."""
    steps = [(str(s[0]), str(s[1])) for s in plan]
    if any(action not in ("encode", "decode") for action, _ in steps) or len(steps) % 2:
        return False
    text = fixed
    try:
        for index in range(len(steps) - 2, -1, -2):
            (_, encoding), (_, decoding) = steps[index], steps[index + 1]
            # ftfy's "utf-8-variants" decodes CESU-8 (emoji as two encoded surrogates, as Java
            # and MySQL's old "utf8" write them); it encodes as plain UTF-8, so the bytes it
            # read are rebuilt here
            raw = _cesu8(text) if decoding == "utf-8-variants" else text.encode(decoding)
            text = raw.decode(encoding)
    except (UnicodeError, LookupError):
        return False
    return text == original


def _cesu8(text: str) -> bytes:
    out = bytearray()
    for char in text:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            for half in (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)):
                out += chr(half).encode("utf-8", "surrogatepass")
        else:
            out += char.encode("utf-8")
    return bytes(out)


def decode_embedded(text: str, lost_nbsp: bool, c1_safe: bool = False) -> tuple[str, bool]:
    """Decode every UTF-8 sequence spelled in Windows-1252/Latin-1 characters inside ``text``.

    Each run must be valid UTF-8 once turned back into bytes; with ``lost_nbsp`` a plain
    space may stand for byte A0 (a guess). Remaining C1 control characters are read as the
    Windows-1252 characters they stand for: a guess, unless ``c1_safe`` (no C1 control in
    the document stands for a letter) and each is punctuation every Windows code page agrees
    on, where punctuation can stand (see ``_c1_repair``). Returns (text, guessed).
    """
    guessed = False
    run_re, one_re = (_UTF8_RUN_SP, _UTF8_ONE_SP) if lost_nbsp else (_UTF8_RUN, _UTF8_ONE)
    byte_of = _byte_of()

    def to_bytes(chars: str) -> bytes:
        return bytes(0xA0 if c == " " else byte_of[c] for c in chars)

    def decode_one(match: re.Match[str]) -> str:
        nonlocal guessed
        chars = match.group(0)
        try:
            decoded = to_bytes(chars).decode("utf-8")
        except UnicodeDecodeError:
            return chars
        if any(unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn") for c in decoded):
            return chars
        if " " in chars:
            guessed = True
        return decoded

    def decode_run(match: re.Match[str]) -> str:
        chars = match.group(0)
        whole = decode_one(match)
        if whole != chars:
            return whole
        return one_re.sub(decode_one, chars)

    fixed = run_re.sub(decode_run, text)
    if fixed != text and _C1.search(fixed):
        def c1(match: re.Match[str]) -> str:
            nonlocal guessed
            try:
                char = bytes([ord(match.group(0))]).decode("cp1252")
            except UnicodeDecodeError:
                return match.group(0)
            if not (c1_safe and _c1_certain(match.string, match.start())):
                guessed = True
            return char

        fixed = _C1.sub(c1, fixed)
    return fixed, guessed


def _strong_utf8(text: str) -> bool:
    """Sequences no correct text holds: a UTF-8 sequence with a C1 control, a two-byte one for a
    Vietnamese letter ("Ä‘" for "đ", "Æ°" for "ư"), or a three/four-byte
    sequence for a Vietnamese letter, punctuation, a symbol or an emoji; CJK and Hangul only
    when two or more sequences run together ("é…”" alone is French before an ellipsis)."""
    byte_of = _byte_of()
    for run in _UTF8_RUN.finditer(text):
        sequences = _UTF8_ONE.findall(run.group(0))
        decoded_all: list[str] = []
        for chars in sequences:
            try:
                decoded = bytes(byte_of[c] for c in chars).decode("utf-8")
            except UnicodeDecodeError:
                decoded_all = []
                break
            decoded_all.append(decoded)
            if len(chars) == 2:
                if (_C1.search(chars) and unicodedata.category(decoded) != "Cc") or decoded in _VIET_2BYTE:
                    return True
            elif _COMMON_TARGET.match(decoded):
                return True
        if len(decoded_all) >= 2 and any(len(c) > 2 for c in sequences) and all(
            _COMMON_TARGET.match(d) or _CJK_TARGET.match(d) or len(c) == 2
            for c, d in zip(sequences, decoded_all, strict=True)
        ):
            return True
    return False


def strong_utf8_anywhere(text: str, present: frozenset[str]) -> bool:
    """``_strong_utf8(text)`` for a whole document whose unusual characters are ``present``:
    a text with no UTF-8 sequence spelled in Windows-1252 has none that is strong, and that
    is asked first, led by the rarer continuation bytes (``_UTF8_ANYWHERE``)."""
    if not _utf8_anywhere_found(text, present):
        return False
    # No sequence spans a line break ("\n" is neither a lead nor a continuation), so the runs
    # of the text are the runs of its lines: each line is asked once (copies of a file).
    return any(_strong_utf8_line(line) for line in text.split("\n") if not line.isascii())


@lru_cache(maxsize=1)
def _utf8_tables() -> tuple[frozenset[str], str, str, str]:
    """The Windows-1252 characters of continuation bytes, and of the leads of two-, three-
    and four-byte sequences (``_chars``)."""
    conts, lead2, lead3, lead4 = _tables()["utf8"]
    return frozenset(conts), lead2, lead3, lead4


def _utf8_anywhere_found(text: str, present: frozenset[str]) -> bool:
    """``found(_UTF8_ANYWHERE, text, present)``: at each continuation character the text
    holds (``str.find``), the character before it is a lead and the one or two after it
    continue its sequence. The same answer without compiling the pattern (about 1 ms of a
    one-file run); a text with very many such places is left to ``found``."""
    conts, lead2, lead3, lead4 = _utf8_tables()
    find = text.find
    tries = 0
    for char in present & conts:
        index = find(char, 1)  # (the first character has nothing before it)
        while index >= 0:
            before = text[index - 1]
            if before in lead2:
                return True
            if before in lead3 and text[index + 1 : index + 2] in conts:  # ("" is in no set)
                return True
            if (before in lead4 and text[index + 1 : index + 2] in conts
                    and text[index + 2 : index + 3] in conts):
                return True
            tries += 1
            if tries > _PAIR_TRIES:
                return found(_UTF8_ANYWHERE, text, present)
            index = find(char, index + 1)
    return False


@lru_cache(maxsize=_LINES_REMEMBERED)
def _strong_utf8_line(line: str) -> bool:
    return _strong_utf8(line)


_VIET_2BYTE = frozenset("đĐăĂơƠưƯ")
# What three- and four-byte mojibake usually stands for: Vietnamese letters, punctuation and
# symbols (’ “ ” – … € ™), CJK and Hangul, full-width forms, emoji. A rarer result (phonetic
# letters: "á´´" would read "ᴴ") is more likely an accent used as a quote.
_COMMON_TARGET = LazyPattern("[\u1e00-\u1eff\u2000-\u214f\u2190-\u23ff\u2460-\u27bf\U0001f000-\U0001faff]")
_CJK_TARGET = LazyPattern("[\u3000-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")


@lru_cache(maxsize=_LINES_REMEMBERED)
def repair_line(
    text: str, options: Options, use_ftfy: bool = True, detectors: frozenset[str] | None = None,
    c1_safe: bool = True,
) -> Repair | None:
    """How to repair one line, or None when it is not mojibake.

    ``use_ftfy`` False and ``detectors`` narrowed: the caller already knows (from one pass
    over the whole document) that ftfy sees no badness and which extra detectors can match.
    ftfy runs only on a line its badness regex flags (``_is_bad``, fast): it changes nothing
    elsewhere, and that is also the default threshold of one match.
    """
    ftfy, config, badness = _ftfy()
    plan: list[Any] = []
    result = None
    if use_ftfy and _is_bad(text):
        result = ftfy.fix_encoding_and_explain(text, config)
        plan = [tuple(step) for step in result.explanation]
    actions = [step[0] for step in plan]
    if plan and options.min_badness > 1 and badness(text) < options.min_badness:
        plan = []
    if plan and actions == ["apply"]:
        fixed, guessed = decode_embedded(text, "lost-nbsp" in options.enabled, c1_safe)
        if fixed != text:
            clean = not _is_bad(fixed) and fixed.count("\ufffd") <= text.count("\ufffd")
            return Repair(fixed, "encode as sloppy-windows-1252, decode as utf-8 (embedded mojibake)",
                          clean and not guessed and not _C1.search(fixed))
    elif result is not None and plan and plan != [("encode", "latin-1"), ("decode", "windows-1252")]:
        # a whole-line codec repair (possibly followed by ftfy's embedded repair: then not
        # a pure round trip, so not safe)
        fixed = result.text
        # A U+FFFD the repair reveals ("ï¿½" is its UTF-8 read as Latin-1) was in the text
        # before it broke: a pure round trip proves it came from the bytes, not from a guess.
        safe = _round_trips(plan, text, fixed) and not _is_bad(fixed)
        return Repair(fixed, _explain(plan), safe)
    return _extra(text, options, options.enabled if detectors is None else detectors, c1_safe)


def _extra(text: str, options: Options, enabled: frozenset[str], c1_safe: bool = True) -> Repair | None:
    if ("partial-utf8" in enabled and _strong_utf8(text)) or (
        "lost-nbsp" in enabled and (_LOST_NBSP.search(text) or _stray_a(text))
    ):
        fixed, _ = decode_embedded(text, "lost-nbsp" in options.enabled)
        if fixed != text and not _C1.search(fixed) and not _strong_utf8(fixed):
            return Repair(fixed, "encode as sloppy-windows-1252, decode as utf-8 (ftfy left it)", False)
        return Repair(text, "UTF-8 read as Latin-1/Windows-1252; ftfy cannot repair it", False, False)
    if "other-codepages" in enabled:
        for regex, codec in ((_BOX, "cp437"), (_MAC_ROMAN_CLUE, "mac_roman")):
            if regex.search(text):
                fixed = _decode_codepage(text, codec)
                if fixed != text:
                    return Repair(fixed, f"encode as {codec}, decode as utf-8 (ftfy left it)", False)
    if "c1-controls" in enabled and _C1.search(text):
        return _c1_repair(text, c1_safe)
    if "cjk-codepages" in enabled and _CJK_GLUED.search(text):
        return _cjk_repair(text, options)
    return None


# UTF-8 read in an East Asian double-byte code page: "haven鈥檛" (’t read as GBK), "Fran脙搂ois"
# (ç, already Windows-1252 mojibake, then read as GBK), "Nguy峄卬" (ễn). The ideographs sit
# glued to Latin letters, and turned back into bytes they are valid UTF-8 for Latin letters
# and punctuation: real Chinese, Japanese or Korean text almost never is.
_CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_CJK_RUN = LazyPattern(f"[{_CJK}]+\ufffd?")
# An ideograph with a Latin letter before or after it; asked only yes or no. Led by the
# ideograph, not by "[A-Za-z][CJK]|[CJK][A-Za-z]", which stops at every letter: 7x faster.
_CJK_GLUED = LazyPattern(f"[{_CJK}](?:(?<=[A-Za-z].)|(?=[A-Za-z]))")
_CJK_CHAR = LazyPattern(f"[{_CJK}]")


def cjk_glued_anywhere(text: str, present: frozenset[str]) -> bool:
    """Whether an ideograph stands next to a Latin letter somewhere in ``text``, whose unusual
    characters are ``present``: never without an ideograph among them (the class is too
    large for ``may_match``, so they are asked directly, and only when a character as high as
    the first ideograph is there: most documents then never compile the two large classes)."""
    if not present or max(present) < "\u2e80":
        return False
    return _CJK_CHAR.search("".join(present)) is not None and _CJK_GLUED.search(text) is not None
_CJK_CODECS = ("gbk", "big5", "shift_jis", "euc_kr")


def _cjk_decode(run: str, codec: str) -> tuple[str, bool] | None:
    """The UTF-8 text ``run`` was when read as ``codec`` (and whether bytes were lost), or None."""
    lossy = run.endswith("\ufffd")
    try:
        raw = run.rstrip("\ufffd").encode(codec)
        decoded = raw.decode("utf-8", "ignore" if lossy else "strict")
        if lossy and raw.decode("utf-8", "replace").count("\ufffd") != 1:
            return None
    except UnicodeError:
        return None
    if not decoded and not lossy:
        return None
    if any(_CJK_RUN.match(c) or unicodedata.category(c)[0] not in "LMNPSZ" for c in decoded):
        return None
    return decoded, lossy


def _cjk_repair(text: str, options: Options) -> Repair | None:
    runs = list(_CJK_RUN.finditer(text))
    for codec in _CJK_CODECS:
        decoded = [_cjk_decode(m.group(0), codec) for m in runs]
        if any(d is None for d in decoded):
            continue  # a run that is not UTF-8 in this code page: real text, or another codec
        out: list[str] = []
        cursor = 0
        lossy = False
        for match, found in zip(runs, decoded, strict=True):
            assert found is not None
            out += [text[cursor : match.start()], found[0]]
            lossy |= found[1]
            cursor = match.end()
        fixed = "".join(out) + text[cursor:]
        how = f"encode as {codec}, decode as utf-8"
        inner = repair_line(fixed, options)  # the same text read as Windows-1252 before that
        if inner is not None and inner.fixable and inner.fixed != fixed:
            fixed, how = inner.fixed, f"{how}, then {inner.how}"
        if lossy:
            return Repair(text, f"UTF-8 read as {codec}, with bytes lost", False, False)
        return Repair(fixed, how, False)
    return None


# C1 control characters (U+0080-U+009F) are the bytes 80-9F of a Windows code page read as
# Latin-1: the text was decoded with the wrong codec, which makes them mojibake, owned by
# this rule (``encoding`` reports only the C1 controls no Windows code page defines).
# Bytes every Windows code page (1250-1258) reads as the same punctuation: for these the
# right character does not depend on which Windows code page the text came from.
_C1_SAFE = frozenset("\x85\x91\x92\x93\x94\x95\x96\x97\x99")
# ... and of those, the ones no writer puts between two letters. DOS 437 and Mac Roman put
# letters on the same bytes ("sch\x94n" is DOS "schön"), so one there makes the fix a guess.
_C1_NOT_INSIDE_WORD = frozenset("\x85\x93\x94\x95")


def _cp1252(char: str) -> str:
    try:
        return bytes([ord(char)]).decode("cp1252")
    except UnicodeDecodeError:
        return char  # undefined in Windows-1252 (81 8D 8F 90 9D): reported by ``encoding``


def c1_letters(text: str, present: frozenset[str]) -> bool:
    """Whether a document holds a C1 control outside the punctuation every Windows code page
    agrees on, other than inside a UTF-8 sequence (where it is a continuation byte): then the
    document may be DOS or Mac text, and no C1 fix is safe."""
    if not any("\x80" <= c <= "\x9f" and c not in _C1_SAFE for c in present):
        return False
    return found(_C1_LETTER_ALONE, text, present)


def _c1_letter_alone() -> str:
    letters = char_class(c for c in map(chr, range(0x80, 0xA0)) if c not in _C1_SAFE)
    return f"(?<![\u0080-\u00bf\u00c2-\u00f4])[{letters}]"


# A C1 control outside ``_C1_SAFE`` not after a character of a UTF-8 sequence.
_C1_LETTER_ALONE = LazyPattern(_c1_letter_alone)


def _c1_repair(text: str, c1_safe: bool) -> Repair | None:
    """Windows-1252 text read as Latin-1: each C1 control back to its Windows-1252 character.

    Safe only when every C1 control of the line (and, via ``c1_safe``, of the document) is
    punctuation all Windows code pages agree on, in a place punctuation can stand.
    """
    fixed = _C1.sub(lambda m: _cp1252(m.group(0)), text)
    if fixed == text or not _C1_WITHOUT_NEL.search(text):
        # U+0085 alone is no evidence: Unicode defines it as a line break (NEL, as EBCDIC
        # text converts), so a line whose only C1 control it is is left to ``encoding``
        return None
    safe = c1_safe and all(_c1_certain(text, match.start()) for match in _C1.finditer(text))
    return Repair(fixed, "Windows-1252 text read as Latin-1", safe, whole_line=True)


def _c1_certain(text: str, start: int) -> bool:
    """Whether the C1 control at ``start`` surely stands for its Windows-1252 character."""
    char = text[start]
    inside_word = text[start - 1 : start].isalpha() and text[start + 1 : start + 2].isalpha()
    return char in _C1_SAFE and not (char in _C1_NOT_INSIDE_WORD and inside_word)


def _decode_codepage(text: str, codec: str) -> str:
    """Decode runs of ``codec`` characters that form valid multi-byte UTF-8 sequences."""
    table = {c: b for b, c in enumerate(bytes(range(256)).decode(codec)) if b >= 0x80}
    chars = char_class(table)
    out: list[str] = []
    cursor = 0
    for match in re.finditer(f"[{chars}]{{2,}}", text):
        raw = bytes(table[c] for c in match.group(0))
        try:
            decoded = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if len(decoded) == 1 and not (_letters(text[match.end() : match.end() + 2])
                                      or _letters(text[max(match.start() - 2, 0) : match.start()])):
            continue  # one character between line-art pieces ("├┤a┼┐a"), not inside a word
        if all(unicodedata.category(c)[0] in "LNPS" for c in decoded):
            out.append(text[cursor : match.start()])
            out.append(decoded)
            cursor = match.end()
    out.append(text[cursor:])
    return "".join(out)


def _letters(text: str) -> bool:
    return len(text) == 2 and text.isalpha()


@lru_cache(maxsize=_LINES_REMEMBERED)
def _regions(before: str, after: str) -> tuple[tuple[int, int, int, int], ...]:
    """Changed regions (i1, i2, j1, j2); changes in neighbouring words make one region.

    Two changes merge when at most one space and eight characters separate them, so a
    broken phrase ("giáº£i phÃ¡p") is one finding and two broken phrases are two.
    """
    matcher = similarity.Matcher(before, after)  # difflib's answers, at C speed
    regions: list[list[int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        gap = before[regions[-1][1] : i1] if regions else ""
        if regions and len(gap) <= 8 and sum(1 for c in gap if c.isspace()) <= 1:
            regions[-1][1], regions[-1][3] = i2, j2
        else:
            regions.append([i1, i2, j1, j2])
    return tuple((a, b, c, d) for a, b, c, d in regions)


def _short(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


# What the ``encoding`` rule removes or rewrites: controls, zero-width characters, a stray
# byte-order mark, and text not in NFC. Mojibake is judged on the text as it will be after
# those fixes: otherwise deleting a NUL between "Ã" and "©" (or composing "a" + U+0303) would
# create mojibake the file did not have, and the fixer would roll the fix back.
# (none is printable ASCII, tab, LF or CR: a text holds one exactly when its
# ``unusual_characters`` do)
TRANSPARENT_CHARACTERS = frozenset(map(chr, (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F,
                                             0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF)))
_TRANSPARENT = LazyPattern(lambda: f"[{char_class(TRANSPARENT_CHARACTERS)}]")


def _needs_cleaning(text: str) -> bool:
    return _TRANSPARENT.search(text) is not None or not unicodedata.is_normalized("NFC", text)


def _cleaned(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` without transparent characters and composed to NFC, and for each character
    of the result the span of ``text`` it comes from (a base letter and its marks)."""
    chars: list[str] = []
    origin: list[tuple[int, int]] = []
    index, length = 0, len(text)
    while index < length:
        if _TRANSPARENT.match(text[index]):
            index += 1
            continue
        end = index + 1
        while end < length and (unicodedata.combining(text[end]) or _TRANSPARENT.match(text[end])):
            end += 1
        cluster = "".join(c for c in text[index:end] if not _TRANSPARENT.match(c))
        for char in unicodedata.normalize("NFC", cluster):
            chars.append(char)
            origin.append((index, end))
        index = end
    return "".join(chars), origin



@lru_cache(maxsize=_LINES_REMEMBERED)
def _legacy(text: str, min_valid: int = 2) -> Repair | None:
    found = vietnamese.detect(text, min_valid)
    if found is None:
        return None
    name, converted = found
    return Repair(converted, f"Vietnamese typed in the legacy {name} encoding", False, whole_line=True)



def is_mojibake(text: str) -> bool:
    """Whether the default ``mojibake`` rule would report ``text`` (used by ``encoding``)."""
    if text.isascii() or not _SUSPECT.search(text):
        return False
    return repair_line(text, Options()) is not None
