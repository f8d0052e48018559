"""Cheap necessary conditions, derived from boilerplate's own patterns, that let a line or a
whole document skip a pattern search; and the per-line facts every detector reads.

Long because every gate sits beside the derivation that proves it exact (what the parsed
pattern can end with, which literals every match holds, which characters change case), and
``tests/rules/test_boilerplate_gates.py`` holds each one to the search it spares.

Why: most lines of a real article hold no chrome, credit, promotion or link text, yet each of
those patterns was searched on every line, and each detector stripped every line again. A gate
answers "can this pattern match here at all?" from something far cheaper than the search:

- ``EndGate``: chrome glued to a line runs to its end, so the line's last non-space character
  must be one a chrome item can end with ("|", a digit, ")", ">"); most lines end in a full
  stop. The characters are read from the parsed pattern, so a user's ``extend-counters``
  widens the gate by itself.
- ``LiteralGate``: every match of a pattern holds one of the literals of its prefilter
  (``literal_prefilter``), so a document that holds none of them has no line that matches: a
  few substring tests over the document instead of a regex search on every line.

A gate may say yes where the pattern then finds nothing (the search runs as before); it never
says no where the pattern would find something. A pattern it cannot analyse opens the gate.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import compress, product
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Any, cast

from ...core.document import BOM, Document, Line
from ...core.lazy import lazy_module
from ...text.folding import lower_case
from ...text.regex.lazy import LazyPattern
from ...text.regex.prefilter import literal_prefilter, regex_parser

if TYPE_CHECKING:  # the type checker sees the real module
    import ahocorasick_rs
else:
    ahocorasick_rs = lazy_module("ahocorasick_rs")

# Every character ``str.isspace`` (and so ``str.strip`` and regex ``\s``) takes for a space.
WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B)))
              + "\u2028\u2029\u202f\u205f\u3000")

# The characters whose lower case does not tell which characters ``re.IGNORECASE`` matches
# them with: their ``str.lower()`` is two characters or depends on the next one (final sigma),
# or lower-casing their upper case gives another letter ("ı" and "i", "ſ" and "s", "µ" and
# "μ"). For every other pair of characters, ``re.IGNORECASE`` matches one with the other only
# if their ``str.lower()`` are equal (checked for every character by the tests), so a literal
# searched case-insensitively can be searched in the lower-cased text instead.
_UNSTABLE_RANGES = (
    (0xB5, 0xB5), (0xDF, 0xDF), (0x130, 0x131), (0x149, 0x149), (0x17F, 0x17F), (0x1F0, 0x1F0),
    (0x345, 0x345), (0x390, 0x390), (0x3A3, 0x3A3), (0x3B0, 0x3B0), (0x3C2, 0x3C2),
    (0x3D0, 0x3D1), (0x3D5, 0x3D6), (0x3F0, 0x3F1), (0x3F5, 0x3F5), (0x587, 0x587),
    (0x1C80, 0x1C88), (0x1E96, 0x1E9B), (0x1E9E, 0x1E9E), (0x1F50, 0x1F50), (0x1F52, 0x1F52),
    (0x1F54, 0x1F54), (0x1F56, 0x1F56), (0x1F80, 0x1FAF), (0x1FB2, 0x1FB4), (0x1FB6, 0x1FB7),
    (0x1FBC, 0x1FBC), (0x1FBE, 0x1FBE), (0x1FC2, 0x1FC4), (0x1FC6, 0x1FC7), (0x1FCC, 0x1FCC),
    (0x1FD2, 0x1FD3), (0x1FD6, 0x1FD7), (0x1FE2, 0x1FE4), (0x1FE6, 0x1FE7), (0x1FF2, 0x1FF4),
    (0x1FF6, 0x1FF7), (0x1FFC, 0x1FFC), (0xFB00, 0xFB06), (0xFB13, 0xFB17),
)
UNSTABLE_CASE = frozenset(chr(code) for low, high in _UNSTABLE_RANGES for code in range(low, high + 1))

_MAX_ATOMS = 64  # literal strings a gate tests at most (more: the prefilter search is cheaper)
_MAX_SPELLINGS = 512  # ways of writing a lower-cased gate's literals, at most

# Lower-case letters outside ASCII that exactly two characters lower-case to: the letter and
# its ``str.upper()`` (checked for every character by the tests): the Vietnamese letters.
CASE_PAIRS = frozenset("àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")
# The characters outside ASCII whose lower case holds an ASCII letter (the Kelvin sign, a
# dotted capital I), which lower-casing the ASCII letters of a text alone would miss.
LOWER_TO_ASCII = ("\u0130", "\u212a")


@dataclass(frozen=True, slots=True)
class LineFacts:
    """Each line stripped once, for every detector of the kind (and every boilerplate rule)."""

    trimmed: list[str]  # ``line.text.strip()``
    stripped: list[str]  # ``line.text.strip().lstrip(BOM).strip()``
    nonblank: list[Line]
    words: list[int]  # words of ``stripped``, counted up to ``WORDS_COUNTED``


def line_facts(doc: Document) -> LineFacts:
    """Asked through ``doc.derived``. Without a byte-order mark in the file, a line is blank
    exactly when it strips to nothing, and the two strippings are one."""
    lines = doc.lines
    trimmed = list(map(str.strip, map(LINE_TEXT, lines)))
    if BOM in doc.text:
        stripped = [text.lstrip(BOM).strip() for text in trimmed]
        nonblank = [line for line in lines if not line.is_blank]
    else:
        stripped = trimmed
        nonblank = list(compress(lines, trimmed))
    words = [len(text.split(None, WORDS_COUNTED - 1)) if text else 0 for text in stripped]
    return LineFacts(trimmed, stripped, nonblank, words)


WORDS_COUNTED = 20  # a count up to here answers every word-count test of a line's own shape
# ``map`` with these runs no Python code per line (a comprehension's expression is bytecode)
LINE_TEXT = attrgetter("text")
_FIRST = itemgetter(0)


class EndGate:
    """Whether a text can end with a match of ``pattern`` (one that is not empty), read from
    its last ``SUFFIX`` characters: a chain of matches and spaces that runs to the end of a
    line needs the line, spaces stripped, to end as one of the matches can. Two characters,
    not one: a counter may end in "." ("1.234."), and only the digit before it tells it from
    the full stop of a sentence. Answers are remembered per ending.

    ``anchored``: the question is instead whether ``pattern.search(text)`` can match at all,
    for a pattern whose every alternative ends at the end of the text ("…\\s*$", as
    sign-offs and link text do) and a text with no space at its end; a pattern with an
    alternative that is not so anchored opens the gate. ``whole``: whether
    ``pattern.fullmatch(text)`` can, for such a text (a related-news heading)."""

    __slots__ = ("_anchored", "_flags", "_known", "_source", "_test", "_whole")

    def __init__(self, pattern: Any, anchored: bool = False, whole: bool = False) -> None:
        self._source: str = pattern.pattern
        self._flags: int = pattern.flags
        self._anchored = anchored or whole
        self._whole = whole
        self._test: re.Pattern[str] | None = None
        self._known: dict[str, bool] = {}

    @property
    def known(self) -> dict[str, bool]:
        """The answers so far, by ending (``text[-SUFFIX:]``): a hot loop reads them first."""
        return self._known

    def ends(self, text: str) -> bool:
        """``text``: the line with no space at its end (only its last characters are read)."""
        tail = text[-SUFFIX:]
        known = self._known.get(tail)
        if known is None:
            if self._test is None:
                self._test = _end_test(self._source, self._flags, self._anchored, self._whole)
            known = self._known[tail] = self._test.search(tail) is not None
        return known


SUFFIX = 2  # characters of a line's end that ``EndGate`` reads
_MAX_SUFFIXES = 2000  # more ways to end: the pattern is too varied for a useful gate


def _end_test(source: str, flags: int, anchored: bool, whole: bool = False) -> re.Pattern[str]:
    """The endings a match can have, as one pattern anchored at the end of a line's last
    ``SUFFIX`` characters; or (when they are not known, or a match may end with a space that
    a chain would skip) a pattern every ending passes."""
    sre_parse, sre = regex_parser()
    try:
        parsed = list(sre_parse.parse(source, flags).data)
        if whole:  # a full match ends where the text does
            parsed.append((sre.AT, sre.AT_END_STRING))
        found = _anchored(parsed, sre) if anchored else _suffixes(parsed, sre)
    except Exception:  # pragma: no cover - a pattern shape of a future Python
        found = None
    if found is not None:
        found.discard(())  # an empty match is never chrome, and ends no text with a last character
        flags &= re.IGNORECASE | re.ASCII
        last = {suffix[0] for suffix in found}
        if anchored or not any(re.fullmatch(char_class, space, flags)
                               for char_class in last for space in WHITESPACE):
            endings = sorted("".join(reversed(suffix)) for suffix in found)
            return re.compile("(?:" + ("|".join(endings) or "(?!)") + r")\Z", flags)
    return re.compile("")


_Suffixes = set[tuple[str, ...]]  # character classes, the last character's first


def _suffixes(items: Any, sre: Any) -> _Suffixes | None:
    """The last ``SUFFIX`` characters (as classes) a match of the sequence ``items`` can end
    with; a shorter tuple: the whole match can be that short. Assertions consume nothing;
    a class is kept as written, so case and categories mean what they mean in the pattern."""
    current: _Suffixes = {()}
    for op, value in reversed(list(items)):
        if all(len(suffix) == SUFFIX for suffix in current):
            break
        found = _item_suffixes(op, value, sre)
        joined = None if found is None else _join(found, current)
        if joined is None:
            return None
        current = joined
    return current


def _anchored(items: list[Any], sre: Any) -> _Suffixes | None:
    """``_suffixes`` of what a match of ``items`` consumes before the end of the text, when
    every match ends there ("$" or "\\Z", with only optional spaces before it, which match
    nothing at the end of a text with no space at its end); else None."""
    while items and items[-1][0] in (sre.ASSERT, sre.ASSERT_NOT):
        items = items[:-1]  # a look-around after the end consumes nothing
    if not items:
        return None
    op, value = items[-1]
    head = items[:-1]
    if op is sre.AT and value in (sre.AT_END, sre.AT_END_STRING):
        while head and _optional_space(head[-1], sre):
            head = head[:-1]
        return _suffixes(head, sre)
    if op is sre.SUBPATTERN and not value[1] and not value[2]:
        inner = _anchored(list(value[3].data), sre)
    elif op is sre.BRANCH:
        inner = set()
        for alternative in value[1]:
            found = _anchored(list(alternative.data), sre)
            if found is None:
                return None
            inner |= found
    else:
        return None
    before = None if inner is None else _suffixes(head, sre)
    return None if before is None or inner is None else _join(before, inner)


def _optional_space(item: tuple[Any, Any], sre: Any) -> bool:
    """Whether ``item`` is a repeat of spaces that may match nothing ("\\s*", " ?")."""
    op, value = item
    if op not in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
        return False
    low, _high, sub = value
    if low != 0 or len(sub.data) != 1:
        return False
    kind, arg = sub.data[0]
    if kind is sre.LITERAL:
        return chr(arg).isspace()
    return kind is sre.IN and all(
        (member is sre.CATEGORY and detail is sre.CATEGORY_SPACE)
        or (member is sre.LITERAL and chr(detail).isspace()) for member, detail in arg)


def _join(before: _Suffixes, after: _Suffixes) -> _Suffixes | None:
    """The endings of a match of one piece followed by another."""
    joined = {suffix if len(suffix) == SUFFIX else (suffix + head)[:SUFFIX]
              for suffix in after for head in before}
    return joined if len(joined) <= _MAX_SUFFIXES else None


def _item_suffixes(op: Any, value: Any, sre: Any) -> _Suffixes | None:
    if op is sre.LITERAL:
        return {(re.escape(chr(value)),)}
    if op is sre.NOT_LITERAL:
        return {(f"[^{re.escape(chr(value))}]",)}
    if op is sre.IN:
        source = _class_source(value, sre)
        return None if source is None else {(source,)}
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return {()}
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, sub = value
        return None if add_flags or del_flags else _suffixes(sub.data, sre)
    if op is sre.BRANCH:
        union: _Suffixes = set()
        for alternative in value[1]:
            found = _suffixes(alternative.data, sre)
            if found is None:
                return None
            union |= found
        return union
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
        low, high, sub = value
        one = _suffixes(sub.data, sre)
        if one is None:
            return None
        # past SUFFIX copies the ending is the same, or shorter claims (which let more pass)
        union = {()} if low == 0 else set()
        run: _Suffixes = {()}
        for count in range(1, min(high, SUFFIX) + 1):
            longer = _join(one, run)
            if longer is None:
                return None
            run = longer
            if count >= min(low, SUFFIX):
                union |= run
        return union
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return _suffixes(value.data, sre)
    return None  # any character, a back reference, a conditional: not analysed


def _class_source(members: Any, sre: Any) -> str | None:
    categories = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D",
                  sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_NOT_SPACE: r"\S",
                  sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W"}
    parts: list[str] = []
    for kind, arg in members:
        if kind is sre.NEGATE:
            parts.insert(0, "^")
        elif kind is sre.LITERAL:
            parts.append(re.escape(chr(arg)))
        elif kind is sre.RANGE:
            parts.append(f"{re.escape(chr(arg[0]))}-{re.escape(chr(arg[1]))}")
        elif kind is sre.CATEGORY and arg in categories:
            parts.append(categories[arg])
        else:
            return None
    return "[" + "".join(parts) + "]"


@dataclass(frozen=True, slots=True)
class Probe:
    """Where a document's text (as a ``LiteralGate`` searches it) holds the gate's literals,
    for spans of it (lines): a span that holds none of them holds no match of the pattern.

    Why the places, found once: a search of the literals' alternation in each line's span
    tried the alternation at every character of every line of a document that holds one; a
    ``str.find`` per occurrence of each literal costs less than one such line."""

    starts: list[int] | None  # where each occurrence starts, in order; None: every span may match
    ends: list[int] | None  # where each occurrence (of ``starts``, in its order) ends

    def holds(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` holds a whole occurrence of a literal."""
        starts, ends = self.starts, self.ends
        if starts is None or ends is None:
            return True
        count = len(starts)
        k = bisect_left(starts, start)
        while k < count and starts[k] < end:
            if ends[k] <= end:
                return True
            k += 1
        return False


_OPEN_PROBE = Probe(None, None)


def _occurrences(text: str, atoms: Iterable[str]) -> Probe:
    """The ``Probe`` of ``text`` for ``atoms``: every occurrence of each, overlapping ones too
    (the next search starts one character after the last occurrence's start)."""
    found: list[tuple[int, int]] = []
    find = text.find
    for atom in atoms:
        size = len(atom)
        at = find(atom)
        while at >= 0:
            found.append((at, at + size))
            at = find(atom, at + 1)
    found.sort()
    return Probe([at for at, _ in found], [end for _, end in found])


class LiteralGate:
    """Whether a document can hold a match of the pattern whose literal prefilter is
    ``prefilter``: it must hold one of the prefilter's literal strings. Case is ignored as the
    prefilter ignores it, through the lower-cased text (``folding.lower_case``), unless the document
    holds a character that ``re.IGNORECASE`` matches with one of the literals' characters but
    lower-cases otherwise (``UNSTABLE_CASE``): then the gate stays open."""

    __slots__ = ("_answered", "_atoms", "_ignore_case", "_lower", "_partners", "_prefilter", "_ready",
                 "_spellings")

    def __init__(self, prefilter: LazyPattern, ignore_case: bool = False) -> None:
        """``ignore_case``: the pattern is matched with ``re.IGNORECASE`` though its prefilter
        was read without it (to keep its cased literals, "view", not the "[:]" chosen to be
        searched fast); a literal consumed by a match is then in the text in some case."""
        self._prefilter = prefilter
        self._ignore_case = ignore_case
        self._ready = False
        self._atoms: tuple[str, ...] | None = None  # None: every document passes
        self._lower = False  # search the lower-cased text
        self._partners: tuple[str, ...] = ()  # unstable characters that open the gate
        self._spellings: tuple[str, ...] | None = None  # ``lowered_spellings``
        # the last ``DocumentLiterals`` asked, and what of it answers for this gate (``_covering``)
        self._answered: tuple[DocumentLiterals, frozenset[str] | None] | None = None

    def _covering(self, literals: DocumentLiterals) -> frozenset[str] | None:
        """The strings of ``literals`` whose presence decides this gate (its literals, or
        their lowered spellings), when ``literals`` looks for all of them; else None. Asked
        for every document, answered once per ``literals`` (the same object every time)."""
        answered = self._answered
        if answered is None or answered[0] is not literals:
            spellings = None
            if literals.lowered == self._lower and self._atoms is not None:
                ways = self.lowered_spellings() if self._lower else self._atoms
                if ways is not None and literals.covers(ways):
                    spellings = frozenset(ways)
            answered = self._answered = (literals, spellings)
        return answered[1]

    def may_match(self, doc: Document, literals: DocumentLiterals | None = None) -> bool:
        """``probe(doc, literals) is not None``, told from the document's literals alone where
        they answer: the places of the literals are not found. A literal as written is in the
        text; for a lower-cased gate, one of its spellings is (its ASCII letters, and letters
        of ``CASE_PAIRS`` in either case, lower-case one by one, so the lower-cased text
        holds the literal), or a character that opens the gate. Only a character of
        ``LOWER_TO_ASCII`` alone leaves the question to ``probe``."""
        if not self._ready:
            self._prepare()
        atoms = self._atoms
        if atoms is None:
            return True
        if literals is not None:
            spellings = self._covering(literals)
            if spellings is not None:
                hits = spellings.intersection(literals.found(doc))
                if not hits:
                    return False
                if not self._lower or not hits.issubset(LOWER_TO_ASCII):
                    return True
        return self.probe(doc, literals) is not None

    def raw_literals(self) -> tuple[str, ...]:
        """The literals that decide this gate as they are written (none when the gate is open
        or looks in the lower-cased text): what a ``DocumentLiterals`` can answer for it."""
        if not self._ready:
            self._prepare()
        return () if self._atoms is None or self._lower else self._atoms

    def lowered_spellings(self) -> tuple[str, ...] | None:
        """For a gate that looks in the lower-cased text: every way one of its literals can be
        written in the text once its ASCII letters alone are lower-cased (a letter of
        ``CASE_PAIRS`` as itself or its capital), and the characters that would open the gate
        or that lower-case to an ASCII letter (``LOWER_TO_ASCII``): what a lowered
        ``DocumentLiterals`` must find for the gate to be asked further. None when not known
        (another letter outside ASCII) or too many."""
        if not self._ready:
            self._prepare()
        return self._spellings

    def _spell(self) -> tuple[str, ...] | None:
        atoms = self._atoms
        if atoms is None or not self._lower:
            return None
        spellings: list[str] = [*self._partners, *LOWER_TO_ASCII]
        for atom in atoms:
            ways: list[tuple[str, ...]] = []
            for char in atom:
                if char.isascii():
                    ways.append((char,))
                elif char in CASE_PAIRS:
                    ways.append((char, char.upper()))
                else:
                    return None
            written = ["".join(way) for way in product(*ways)]
            spellings += written
            if len(spellings) > _MAX_SPELLINGS:
                return None
        return tuple(spellings)

    def piece_may_match(self, text: str) -> bool:
        """Whether ``text`` (a piece of a line, searched on its own) can hold a match: for a
        few pieces of a document, cheaper than a probe of the whole document."""
        if not self._ready:
            self._prepare()
        atoms = self._atoms
        if atoms is None:
            return True
        # (``map`` over the bound ``__contains__``: the same tests in the same order, stopping
        # at the first hit, with no generator frame per literal)
        if self._lower:
            if any(map(text.__contains__, self._partners)):
                return True
            text = text.lower()
        return any(map(text.__contains__, atoms))

    def probe(self, doc: Document, literals: DocumentLiterals | None = None) -> Probe | None:
        """None when no span of ``doc`` can hold a match; else what tells which spans can.
        ``literals``: the literals of the document found in one pass, when they cover this
        gate's (``raw_literals``), instead of a search of the text for each."""
        if not self._ready:
            self._prepare()
        atoms = self._atoms
        if atoms is None:
            return _OPEN_PROBE
        text = doc.text
        if literals is not None:
            spellings = self._covering(literals)
            if spellings is not None:
                found = literals.found(doc)
                if found.isdisjoint(spellings):
                    return None
                if not self._lower:  # (only the literals the text holds need be looked for)
                    return _occurrences(text, found.intersection(atoms))
                # (a literal in some case, or a character that opens the gate: asked below)
        if self._lower:
            for char in self._partners:
                if char in text:
                    return _OPEN_PROBE
            low = doc.derived(lower_case)
            if len(low) != len(text):  # offsets would not line up (no stable text does this)
                return _OPEN_PROBE
            text = low
        for atom in atoms:
            if atom in text:
                return _occurrences(text, atoms)
        return None

    def _prepare(self) -> None:
        compiled = self._prefilter.compiled()
        atoms = _literal_strings(compiled)
        if atoms is not None and (compiled.flags & re.IGNORECASE or self._ignore_case):
            chars = {char for atom in atoms for char in atom}
            if chars & UNSTABLE_CASE:
                atoms = None
            else:
                same = re.compile("[" + "".join(map(re.escape, sorted(chars))) + "]", re.IGNORECASE)
                self._partners = tuple(sorted(c for c in UNSTABLE_CASE if same.fullmatch(c)))
                # literals without a letter ("![", "<") are matched as they are
                self._lower = bool(self._partners) or any(c.lower() != c.upper() for c in chars)
                if self._lower:
                    atoms = tuple(sorted({atom.lower() for atom in atoms}))
        self._atoms = atoms
        self._spellings = self._spell()
        self._ready = True


def words_gate(pattern: Any) -> LiteralGate:
    """The ``LiteralGate`` of ``pattern`` (a ``re.Pattern`` or a stand-in with its ``pattern``
    and ``flags``) read from its literals as written ("read more", "xem thêm"), whatever its
    case flag: with ``re.IGNORECASE`` its own prefilter keeps only what needs no case (a ":"
    of every dated line), and the words are then looked for in the lower-cased text."""
    flags = pattern.flags
    cased = cast("re.Pattern[str]", LazyPattern(pattern.pattern, flags & ~re.IGNORECASE))
    return LiteralGate(literal_prefilter(cased), ignore_case=bool(flags & re.IGNORECASE))


class AlternativesGate:
    """A ``LiteralGate`` for each of a list of patterns (an option's values), open when one
    is: each alternative alone has a more telling literal ("![", "<") than their alternation,
    whose prefilter must hold something of every alternative in one class ("[!<]")."""

    __slots__ = ("_flags", "_gates", "_patterns")

    def __init__(self, patterns: tuple[str, ...], flags: int) -> None:
        self._patterns = patterns
        self._flags = flags
        self._gates: tuple[LiteralGate, ...] | None = None

    def may_match(self, doc: Document, literals: DocumentLiterals | None = None) -> bool:
        return any(gate.may_match(doc, literals) for gate in self._built())

    def raw_literals(self) -> tuple[str, ...]:
        """As ``LiteralGate.raw_literals``, for every alternative."""
        return tuple(atom for gate in self._built() for atom in gate.raw_literals())

    def _built(self) -> tuple[LiteralGate, ...]:
        gates = self._gates
        if gates is None:
            try:
                gates = tuple(LiteralGate(literal_prefilter(re.compile(pattern, self._flags)))
                              for pattern in self._patterns)
            except re.error:  # a pattern that only compiles joined with the others
                gates = (LiteralGate(LazyPattern("")),)
            self._gates = gates
        return gates


# What page furniture is recognised by, asked of every document (``furniture_gates``,
# ``captions.may_glue_caption``) through its ``DocumentLiterals``: rating stars, navigation
# separators set off by spaces, a photo credit's word.
STARS = "★☆⭐"
NAV_SEPARATORS = "|»›>•·"
# The words a caption glued to the dateline is credited with (``captions.glued_caption``):
# every match of its credit pattern holds one, so a document without any has no such caption.
GLUED_CREDIT_WORDS = ("Photo", "PHOTO", "Ảnh", "ẢNH", "Anh", "Image")
MARKS = (*STARS, *(f" {mark} " for mark in NAV_SEPARATORS), *GLUED_CREDIT_WORDS)


class DocumentLiterals:
    """Which of a set of literal strings a document holds, found in one pass of an
    Aho-Corasick automaton (ahocorasick-rs's DFA, in C) over its UTF-8 bytes.

    Why: a document's gates (credits, empty images, rating stars, navigation separators,
    "Photo") each searched the whole text for each of their literals, about twenty searches
    of every document, most of them finding nothing; one pass over the bytes costs about
    three. Exact: UTF-8 is self-synchronising (a string's encoding starts with a lead byte),
    so a string occurs in the text exactly when its encoding occurs in the text's, and the
    matches are asked overlapping, so none hides another. The strings are the gates' literals
    (``raw_literals``; with ``lowered``, ``lowered_spellings``), read on first use, and
    ``extra``. The last document's answer is kept: every gate of one check asks about the
    same document. Pickled without its automaton (a worker builds its own)."""

    __slots__ = ("_atoms", "_automaton", "_covered", "_extra", "_gates", "_last", "lowered")

    def __init__(self, gates: tuple[LiteralGate | AlternativesGate, ...], extra: tuple[str, ...] = (),
                 lowered: bool = False) -> None:
        """``lowered``: the bytes are searched with their ASCII letters lower-cased (C, fast),
        for the spellings of lower-cased gates (``LiteralGate.lowered_spellings``)."""
        self._gates = gates
        self._extra = extra
        self.lowered = lowered
        self._reset()

    def _reset(self) -> None:
        self._atoms: tuple[str, ...] | None = None  # None: not read yet
        self._covered: frozenset[str] = frozenset()
        self._automaton: ahocorasick_rs.BytesAhoCorasick | None = None
        self._last: tuple[Document, frozenset[str]] | None = None

    def __getstate__(self) -> tuple[Any, ...]:
        return (self._gates, self._extra, self.lowered)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self._gates, self._extra, self.lowered = state
        self._reset()

    def covers(self, atoms: Iterable[str]) -> bool:
        if self._atoms is None:
            self._build()
        return self._covered.issuperset(atoms)

    def found(self, doc: Document) -> frozenset[str]:
        """The strings of the set that ``doc``'s text holds."""
        last = self._last
        if last is not None and last[0] is doc:
            return last[1]
        if self._atoms is None:
            self._build()
        automaton = self._automaton
        found: frozenset[str] = frozenset()
        if automaton is not None:
            raw = doc.raw
            if raw is None or doc.undecodable:  # (the bytes are the text's UTF-8 otherwise)
                raw = doc.text.encode("utf-8", "surrogatepass")
            if self.lowered:  # (the bytes of a character outside ASCII are all above 127)
                raw = raw.lower()
            # (each match's pattern index read in C, no bytecode per match: a table's
            # separators are found hundreds of times in one document)
            atoms = self._atoms or ()
            found = frozenset(map(atoms.__getitem__, map(_FIRST, automaton.find_matches_as_indexes(
                raw, overlapping=True))))
        self._last = (doc, found)
        return found

    def _build(self) -> None:
        strings: set[str] = set(self._extra)
        for gate in self._gates:
            if not self.lowered:
                strings.update(gate.raw_literals())
            elif isinstance(gate, LiteralGate):
                strings.update(gate.lowered_spellings() or ())
        atoms = self._atoms = tuple(sorted(atom for atom in strings if atom))
        self._covered = frozenset(atoms)
        if atoms:
            self._automaton = ahocorasick_rs.BytesAhoCorasick(
                [atom.encode("utf-8", "surrogatepass") for atom in atoms],
                implementation=ahocorasick_rs.Implementation.DFA)


def _literal_strings(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """The strings a pattern made of literals and alternations matches (a prefilter's), or
    None for any other pattern (a digit class, or the empty pattern that matches anywhere)."""
    if not pattern.pattern:
        return None
    sre_parse, sre = regex_parser()
    try:
        found = _strings(sre_parse.parse(pattern.pattern, pattern.flags).data, sre)
    except Exception:  # pragma: no cover - a pattern shape of a future Python
        return None
    if not found or "" in found:
        return None
    return tuple(sorted(found))


def _strings(items: Any, sre: Any) -> set[str] | None:
    result = {""}
    for op, value in items:
        if op is sre.LITERAL:
            options = {chr(value)}
        elif op is sre.IN:
            options = set()
            for kind, arg in value:
                if kind is not sre.LITERAL:
                    return None
                options.add(chr(arg))
        elif op is sre.BRANCH:
            options = set()
            for alternative in value[1]:
                found = _strings(alternative.data, sre)
                if found is None:
                    return None
                options |= found
        elif op is sre.SUBPATTERN and not value[1] and not value[2]:
            found = _strings(value[3].data, sre)
            if found is None:
                return None
            options = found
        else:
            return None
        result = {head + tail for head, tail in product(result, options)}
        if len(result) > _MAX_ATOMS:
            return None
    return result
