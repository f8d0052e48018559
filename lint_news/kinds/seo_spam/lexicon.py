"""The keyword lexicon compiled into a trie-shaped regex, and faster scanners of it.

A few thousand listed phrases, written with or without spaces and accents, are matched in
one pass: by a multi-keyword automaton over the folded letters, or by the regex, which shares
their prefixes.

Long because the trie, the regex rendered from it, the automaton and the walk that ends a
match as that regex would are one piece: each scanner must give the regex's answer, and the
tests hold them together.
"""

from __future__ import annotations

import heapq
import itertools
import os
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, TypeVar, cast

from ...core import memo
from ...core.lazy import lazy_module
from ...text import folding
from ...text.folding import LETTERS, fold_accents
from ...text.regex.lazy import LazyPattern
from .patterns import _DIGIT_RUN, _without_separators

if TYPE_CHECKING:
    import ahocorasick_rs
else:
    ahocorasick_rs = lazy_module("ahocorasick_rs")

_FLEX_SPACE = "\x00"  # trie atom: an optional space, "_" or "-" inside a keyword ("soicau")
_DIGITS = "\x01"  # trie atom: "#" in a listed word, any number ("top #", "euro #")


# ----- keyword compilation ---------------------------------------------------------------
def _key(word: str) -> str:
    """A keyword's identity: folded, lowercase, without spaces ("Soi kèo" = "soikeo")."""
    return _without_separators(fold_accents(word.strip()).lower())


def _aux_key(text: str) -> str:
    return _DIGIT_RUN.sub("#", _key(text))


def _atoms(word: str, flexible: bool) -> list[str]:
    folded = fold_accents(" ".join(word.split())).lower()
    out: list[str] = []
    for char in folded:
        if char == " ":
            out.append(_FLEX_SPACE if flexible else " ")
        elif char == "#":
            out.append(_DIGITS)
        else:
            out.append(char)
    return out


def _trie_pattern(words: tuple[tuple[str, bool], ...]) -> str:
    """The regex of ``(word, flexible)`` pairs (see ``_atoms``), or one that never matches."""
    if not words:
        return r"(?!)"
    return _render(_trie(_atoms(word, flexible) for word, flexible in words))


class _TrieScanner:
    """The spans ``keyword_regex.finditer`` finds, found about 1.7 times faster.

    The trie pattern is one alternation, an alternative per first letter of the keywords; the
    regex engine tries it at every letter of the text, and entering the alternation costs
    more than the rest. Here each alternative is a pattern of its own, which starts with its
    letter, so ``re`` skips to that letter in C; their matches are merged as the alternation
    would give them: the earliest position wins, at one position the alternative listed first
    (``_render``'s order), and the scan goes on where the match ended. Built on first use;
    when an alternative does not start with a plain letter (a keyword starting with "#"),
    the alternation itself is used.
    """

    def __init__(self, words: tuple[tuple[str, bool], ...], whole: LazyPattern) -> None:
        self._words = words
        self._whole = whole
        self._parts: list[re.Pattern[str]] | None = None

    def _alternatives(self) -> list[re.Pattern[str]]:
        if self._parts is None:
            trie = _trie(_atoms(word, flexible) for word, flexible in self._words)
            firsts = sorted(atom for atom in trie if atom)  # the order of ``_render``
            if all(atom not in (_FLEX_SPACE, _DIGITS) for atom in firsts):
                self._parts = [re.compile(re.escape(atom) + _render(trie[atom])) for atom in firsts]
            else:
                self._parts = []
        return self._parts

    def spans(self, text: str) -> list[tuple[int, int]]:
        parts = self._alternatives()
        if not parts:
            return [m.span() for m in self._whole.finditer(text)]
        heap = []  # (start, alternative, end) of each alternative's next match
        for index, part in enumerate(parts):
            match = part.search(text)
            if match is not None:
                heap.append((match.start(), index, match.end()))
        heapq.heapify(heap)
        spans: list[tuple[int, int]] = []
        cursor = 0
        while heap:
            start, index, end = heap[0]
            if start >= cursor:  # the next match of the alternation
                spans.append((start, end))
                cursor = end
            match = parts[index].search(text, cursor)  # this alternative's next one from here
            if match is None:
                heapq.heappop(heap)
            else:
                heapq.heapreplace(heap, (match.start(), index, match.end()))
        return spans


# An automaton holds every way a keyword may be written; beyond this many, the regex is used.
_MAX_SPELLINGS = 200_000
# Bytes of text a process reads with the keyword NFA before it builds the DFA: the DFA's extra
# build time (about 3.7 ms) over what it saves per byte (about 5 ns), rounded down.
_NFA_BYTES = 256 * 1024
# Every pair of a folded letter and a digit, the letter first, then the other way round.
_LETTER_FIRST = 26 * 10
_PAIRS = [bytes((a, d)) for a in b"abcdefghijklmnopqrstuvwxyz" for d in b"0123456789"] + [
    bytes((d, a)) for a in b"abcdefghijklmnopqrstuvwxyz" for d in b"0123456789"]


class _AutomatonScanner:
    """The spans ``keyword_regex.finditer`` finds on the folded text, found with a
    multi-keyword automaton (Aho-Corasick, a DFA in C) over ``folding.folded_letters``.

    Why: the regex tries its alternation at every letter of the text; the automaton reads
    each byte once, whatever the number of keywords. It holds every spelling the regex
    accepts ("soi kèo" as "soi keo" or "soikeo"; "_" and "-" are read as spaces, which keeps
    the automaton four times smaller, and so cheaper to bring back into the CPU cache for
    each document), so every place where the regex matches is a place where a spelling
    starts; at those places, in order, the regex itself says where its match ends on the
    letters as they are, and the scan goes on from there as ``finditer`` does. Hits are rare,
    so the regex runs a few times per document instead of at every letter.
    Keywords with "#" (any number) or with characters outside ``folding.LETTERS`` cannot be
    spelled out: then ``letter_spans`` returns None and the caller scans the folded text.

    The same pass finds the digits that touch a letter (``scan``): every letter-digit and
    digit-letter pair is one more two-byte pattern of the automaton, so the brand patterns'
    candidates cost no scan of their own (a regex over every byte of the document cost more
    than the automaton itself).

    Where a match ends is where ``keyword_regex.match`` ends it, found by walking the trie
    the regex is rendered from, in the regex's own order (``_match_end``): compiling that
    regex costs 20 to 40 ms, paid by every run that meets one keyword candidate.

    Which automaton: a DFA reads a byte three times faster than a contiguous NFA, but takes
    about 4 ms more to build. A run that lints one file (pre-commit) would pay that for a
    few kilobytes, so the first ``_NFA_BYTES`` bytes of a process are read with the NFA and
    the DFA is built only then: at most about 2 ms more on a large run, 3.7 ms less at
    start-up. Both report the same matches (every overlapping match of every pattern).
    """

    def __init__(self, words: tuple[tuple[str, bool], ...], whole: LazyPattern) -> None:
        self._words = words
        self._whole = whole
        self._automaton: ahocorasick_rs.BytesAhoCorasick | None = None
        self._usable: bool | None = None
        self._keywords = 0  # the automaton's patterns before ``_PAIRS``
        self._spelled: list[bytes] = []
        self._walk: _WalkNode | None = None  # the keyword trie, to end a match as the regex does
        self._nfa_left = _NFA_BYTES  # bytes the NFA may still read before the DFA is built

    def __getstate__(self) -> dict[str, object]:
        # The automaton is a C object that cannot be pickled; a copy (a datatrove worker gets
        # the rules pickled) builds its own on first use, as this one did.
        return {**self.__dict__, "_automaton": None, "_usable": None, "_spelled": [],
                "_nfa_left": _NFA_BYTES}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)

    def _remembered_spellings(self) -> list[bytes] | None:
        """``_spellings()``, remembered between runs (``core.memo``: 1.7 ms to compute, 0.1 to
        read), keyed by the keywords and this module."""
        return _remembered("spellings", self._words, list, self._spellings)

    def _spellings(self) -> list[bytes] | None:
        spellings: set[str] = set()
        for word, flexible in self._words:
            choices: list[tuple[str, ...]] = []
            for atom in _atoms(word, flexible):
                if atom == _FLEX_SPACE:
                    choices.append((" ", ""))  # the regex's "[ _-]?", "_" and "-" read as " "
                elif atom in LETTERS:
                    choices.append((atom,))
                else:
                    return None  # "#" or a character the letters view does not keep
            count = 1
            for choice in choices:
                count *= len(choice)
            if len(spellings) + count > _MAX_SPELLINGS:
                return None
            spellings.update("".join(letters) for letters in itertools.product(*choices))
        return sorted(spelling.encode("ascii") for spelling in spellings)

    def letter_spans(self, letters: bytes) -> list[tuple[int, int]] | None:
        """The spans on ``letters`` (``folding.folded_letters`` of the document), or None
        when the keywords cannot be spelled out."""
        scanned = self.scan(letters)
        return None if scanned is None else scanned[0]

    def scan(self, letters: bytes) -> tuple[list[tuple[int, int]], list[int]] | None:
        """``letter_spans(letters)``, and where ``patterns._letter_digit_bytes()`` matches on
        ``letters`` (the digits next to a letter, in order); None when the keywords cannot
        be spelled out."""
        if self._usable is None:
            spellings = self._remembered_spellings()
            self._usable = spellings is not None
            if spellings is not None:
                self._keywords = len(spellings)
                self._spelled = spellings + _PAIRS
                self._automaton = ahocorasick_rs.BytesAhoCorasick(
                    self._spelled, implementation=ahocorasick_rs.Implementation.ContiguousNFA)
        if not self._usable or self._automaton is None:
            return None
        if self._nfa_left >= 0:
            self._nfa_left -= len(letters)
            if self._nfa_left < 0:  # enough text to pay for the DFA
                self._automaton = ahocorasick_rs.BytesAhoCorasick(
                    self._spelled, implementation=ahocorasick_rs.Implementation.DFA)
        # ("_" and "-" as spaces: two ``bytes.replace``, which find the few separators with
        # ``memchr`` and copy the rest, cost a tenth of a ``translate`` that maps every byte)
        spaced = letters.replace(b"_", b" ").replace(b"-", b" ")
        hits = self._automaton.find_matches_as_indexes(spaced, overlapping=True)
        if not hits:
            return [], []
        keywords = self._keywords
        starts: set[int] = set()
        digits: set[int] = set()
        for index, start, _ in hits:
            if index < keywords:
                starts.add(start)
            else:  # a letter then a digit (the digit is second), or a digit then a letter
                digits.add(start + 1 if index - keywords < _LETTER_FIRST else start)
        transitions = sorted(digits)
        if not starts:
            return [], transitions
        if self._walk is None:
            self._walk = _remembered_tree("walk", self._words, _walk_node)
        walk = self._walk
        spans: list[tuple[int, int]] = []
        cursor = 0
        for start in sorted(starts):
            if start < cursor:
                continue
            end = _match_end(walk, letters, start)
            if end is not None:  # always: a spelling starts here
                spans.append((start, end))
                cursor = end
        return spans, transitions


# A trie node as ``_match_end`` reads it: (whether a keyword ends here, its children in the
# order ``_render`` lists them: (atom as a byte, or -1 for ``_FLEX_SPACE``; the child)).
_WalkNode = tuple[bool, tuple[tuple[int, "_WalkNode"], ...]]
_SEPARATOR_BYTES = frozenset(b" _-")  # what ``_FLEX_SPACE`` renders as: "[ _-]?"


def _walk_node(node: _Trie) -> _WalkNode:
    """``node`` (atoms of ``folding.LETTERS`` and ``_FLEX_SPACE`` only) for ``_match_end``."""
    children = tuple((-1 if atom == _FLEX_SPACE else ord(atom), _walk_node(node[atom]))
                     for atom in sorted(a for a in node if a))
    return "" in node, children


def _match_end(node: _WalkNode, text: bytes, pos: int) -> int | None:
    """Where ``re.match(_render(trie), text, pos)`` ends, or None when it does not match.

    The regex tries a node's alternatives in order, each with its whole subtree, and takes
    the first that matches; an optional space ("[ _-]?") is tried taken, then skipped; a
    node where a keyword ends matches there when no alternative does ("(?:...)?").
    Nothing follows the trie in the pattern, so the first success is the match.
    """
    terminal, children = node
    for atom, child in children:
        if atom < 0:
            if pos < len(text) and text[pos] in _SEPARATOR_BYTES:
                end = _match_end(child, text, pos + 1)
                if end is not None:
                    return end
            end = _match_end(child, text, pos)
            if end is not None:
                return end
        elif pos < len(text) and text[pos] == atom:
            end = _match_end(child, text, pos + 1)
            if end is not None:
                return end
    return pos if terminal else None


# Characters of lines ``_TrieMatcher.spans`` walks in a process before it compiles the regex.
_WALK_CHARS = 32 * 1024
# A trie node as ``_TrieMatcher`` reads it: (whether a word ends here, the children whose atom
# is ``_FLEX_SPACE`` or ``_DIGITS`` in ``_render``'s order, the others by their character).
_MatchNode = tuple[bool, tuple[tuple[str, "_MatchNode"], ...], dict[str, "_MatchNode"]]


def _match_node(node: _Trie) -> _MatchNode | None:
    """``node`` for ``_TrieMatcher``, or None when a character atom sorts before the special
    ones (then the order of the alternatives could not be kept)."""
    specials: list[tuple[str, _MatchNode]] = []
    literals: dict[str, _MatchNode] = {}
    for atom in sorted(a for a in node if a):
        child = _match_node(node[atom])
        if child is None:
            return None
        if atom in (_FLEX_SPACE, _DIGITS):
            if literals:
                return None
            specials.append((atom, child))
        else:
            literals[atom] = child
    return "" in node, tuple(specials), literals


class _TrieMatcher:
    """``match`` and ``finditer`` of a trie pattern (``_trie_pattern``), by walking the trie in
    the regex's own backtracking order: a node's alternatives in order, each with its whole
    subtree, the first that matches winning; "[ _-]?" tried taken, then skipped; "\\d+"
    greedy, then shorter (``str.isdecimal`` is the regex's ``\\d``); a node where a word ends
    matching there when no alternative does. Nothing follows the trie in the pattern.

    Why: the aux words' pattern (2.4 K characters) cost 10 to 20 ms to compile, paid by every
    run that meets one line with a keyword, where it is asked about a few hundred characters.
    The walk reads a character about six times slower than the compiled regex, so after
    ``_WALK_CHARS`` characters of lines (about the compile time) the regex takes over. A
    trie that could match empty text, or whose order cannot be kept, uses the regex.
    """

    def __init__(self, words: tuple[tuple[str, bool], ...], whole: LazyPattern) -> None:
        self._words = words
        self._whole = whole
        self._root: _MatchNode | None = None
        self._usable: bool | None = None
        self._walk_left = _WALK_CHARS
        self._starts: ahocorasick_rs.BytesAhoCorasick | None = None  # (``_start_gate``)
        self._gated: bool | None = None

    def __getstate__(self) -> dict[str, object]:
        # The gate is a C object that cannot be pickled; a copy builds its own on first use.
        return {**self.__dict__, "_starts": None, "_gated": None}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)

    def _start_gate(self) -> ahocorasick_rs.BytesAhoCorasick | None:
        """An automaton of each word's opening letters: the atoms of ``folding.LETTERS`` before
        its first number or flexible space, or any ASCII digit for a word that opens with a
        number ("# ngày"); None when a word opens with anything else.

        Why exact: a word matches only where its first atoms match, each atom of ``LETTERS``
        matching that very character of the folded text, which the document's letters view
        (``folding.folded_letters``) holds at the same offset, and a number opening with a
        digit, which is ASCII in a text without other decimal digits (``spans`` is given the
        letters only then). So a word can start only where one of these prefixes occurs in
        the letters, and the walk is tried there alone instead of at every character of the
        line (the walk, in Python, was a tenth of the rule's work on corrupted text)."""
        if self._gated is None:
            prefixes: set[bytes] = set()
            for word, flexible in self._words:
                prefix = ""
                atoms = _atoms(word, flexible)
                if atoms and atoms[0] == _DIGITS:
                    prefixes.update(digit.encode("ascii") for digit in "0123456789")
                    continue
                for atom in atoms:
                    if atom in (_FLEX_SPACE, _DIGITS) or atom not in LETTERS:
                        break
                    prefix += atom
                if not prefix:
                    prefixes.clear()
                    break
                prefixes.add(prefix.encode("ascii"))
            self._gated = bool(prefixes)
            if prefixes:
                self._starts = ahocorasick_rs.BytesAhoCorasick(sorted(prefixes))
        return self._starts

    def _tree(self) -> _MatchNode | None:
        if self._usable is None:
            root = _remembered_tree("match", self._words, _match_node)
            self._usable = root is not None and not root[0]
            self._root = root
        return self._root if self._usable and self._walk_left >= 0 else None

    def match_end(self, text: str, pos: int = 0, endpos: int | None = None) -> int | None:
        """``whole.match(text, pos, endpos)``'s end, or None."""
        if endpos is None or endpos > len(text):
            endpos = len(text)
        root = self._tree()
        if root is None:
            match = self._whole.match(text, pos, endpos)
            return None if match is None else match.end()
        return _walk_text(root, text, pos, endpos)

    def spans(self, text: str, pos: int, endpos: int, letters: bytes | None = None) -> list[tuple[int, int]]:
        """The spans of ``whole.finditer(text, pos, endpos)``; ``letters``, when given, is
        ``text``'s letters view (``folding.folded_letters`` of the document ``text`` folds),
        given only when ``text`` holds no decimal digit beyond ASCII (see ``_start_gate``)."""
        root = self._tree()
        if root is None:
            return [match.span() for match in self._whole.finditer(text, pos, endpos)]
        endpos = min(endpos, len(text))
        self._walk_left -= endpos - pos
        if letters is not None and (gate := self._start_gate()) is not None:
            hits = gate.find_matches_as_indexes(memoryview(letters)[pos:endpos], overlapping=True)
            gated: list[tuple[int, int]] = []
            cursor = pos
            for start in sorted({pos + start for _, start, _ in hits}):
                if start < cursor:
                    continue
                end = _walk_text(root, text, start, endpos)
                if end is not None:  # (never empty: the root ends no word)
                    gated.append((start, end))
                    cursor = end
            return gated
        literals = root[2]
        any_start = bool(root[1])  # a special atom may start a word anywhere
        found: list[tuple[int, int]] = []
        index = pos
        while index < endpos:
            if any_start or text[index] in literals:
                end = _walk_text(root, text, index, endpos)
                if end is not None:  # (never empty: the root ends no word)
                    found.append((index, end))
                    index = end
                    continue
            index += 1
        return found


def _walk_text(node: _MatchNode, text: str, pos: int, endpos: int) -> int | None:
    terminal, specials, literals = node
    for atom, child in specials:
        if atom == _FLEX_SPACE:
            if pos < endpos and text[pos] in " _-":
                end = _walk_text(child, text, pos + 1, endpos)
                if end is not None:
                    return end
            end = _walk_text(child, text, pos, endpos)
        else:  # _DIGITS: "\d+", greedy
            last = pos
            while last < endpos and text[last].isdecimal():
                last += 1
            end = None
            for stop in range(last, pos, -1):
                end = _walk_text(child, text, stop, endpos)
                if end is not None:
                    break
        if end is not None:
            return end
    if pos < endpos:
        following = literals.get(text[pos])
        if following is not None:
            end = _walk_text(following, text, pos + 1, endpos)
            if end is not None:
                return end
    return pos if terminal else None


def _topic_pattern(words: tuple[str, ...]) -> str:
    trie = _trie(_atoms(w, flexible=False) for w in words if w.strip())
    return rf"(?<![^\W_])(?:{_render(trie) or '(?!)'})(?![^\W_])"


@lru_cache(maxsize=64)
def _longest_topic_match(words: tuple[str, ...]) -> int | None:
    """The most characters a match of ``_topic_pattern(words)`` spans: one a letter of its
    longest word, or None when a "#" (any number) leaves it open."""
    atoms = [_atoms(w, flexible=False) for w in words if w.strip()]
    if any(_DIGITS in word for word in atoms):
        return None
    return max(map(len, atoms), default=0)


_Trie = dict[str, "_Trie"]
_T = TypeVar("_T")


def _remembered_tree(name: str, words: tuple[tuple[str, bool], ...],
                     shape: Callable[[_Trie], _T]) -> _T:
    """``shape(_trie(...))`` of ``(word, flexible)`` pairs, remembered between runs: the
    walk's nested tuples and the aux words' dicts are what ``marshal`` reads back as they were,
    keyed also by ``folding`` (which folds the words into atoms).

    Why: a run that meets its first keyword candidate built both trees, about 3.5 ms for the
    keywords' walk and 2.5 ms for the aux words' (266 and 261 words); reading one back costs
    about 0.5 ms."""
    def build() -> _T:
        return shape(_trie(_atoms(word, flexible) for word, flexible in words))

    tree = _remembered(name, words, tuple, build, memo.source_salt(folding.__file__))
    return cast(_T, tree)


def _remembered(name: str, words: object, kind: type, build: Callable[[], _T | None],
                *salts: bytes) -> _T | None:
    """``build()``, remembered between runs (``core.memo``) under ``name``, keyed by ``words``,
    this module and ``salts``; a value that is not a ``kind`` is built again. None (what
    cannot be built: keywords that cannot be spelled out, an order a tree cannot keep) is
    remembered as ``()``."""
    where = memo.folder("seo-spam")
    path = None
    if where is not None:
        path = os.path.join(where, f"{name}-" + memo.key(
            repr(words).encode("utf-8", "surrogatepass"), memo.source_salt(__file__), *salts))
        value = memo.read(path)
        if value == ():
            return None
        if isinstance(value, kind):
            return cast(_T, value)
    built = build()
    if path is not None:
        memo.write(path, () if built is None else built)
    return built


def _trie(words: Iterable[list[str]]) -> _Trie:
    root: _Trie = {}
    for atoms in words:
        node = root
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = {}
    return root


def _render(node: _Trie) -> str:
    """A prefix trie as one regex: shared prefixes are matched once, longer words first."""
    alternatives = []
    for atom in sorted(a for a in node if a):
        if atom == _FLEX_SPACE:
            piece = "[ _-]?"
        elif atom == _DIGITS:
            piece = r"\d+"
        else:
            piece = re.escape(atom)
        alternatives.append(piece + _render(node[atom]))
    if not alternatives:
        return ""
    body = "|".join(alternatives)
    if "" in node:
        return f"(?:{body})?"
    return body if len(alternatives) == 1 else f"(?:{body})"
