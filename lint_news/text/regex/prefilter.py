"""Regex prefilters: what a pattern needs a text to hold before it is worth running.

Built on the regex parser of the standard library (``re._parser``; ``sre_parse`` before
3.11): the characters a match must start with, a literal every match contains. A kind asks
``may_match(pattern, doc.unusual_characters)`` or searches a ``literal_prefilter`` before
running a large pattern over every line.

A literal prefilter is worked out from the parsed pattern, milliseconds for the large ones,
and a fresh process asks for the same few dozen on its first file: each is remembered between
runs as derived data (``core.memo``), keyed by the pattern, its flags, this module's code and
the Python version (whose parser it reads). (The first characters of the small patterns that
ask for them cost about what reading them back would.)
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from functools import partial
from typing import Any, NamedTuple, TypeVar

if sys.version_info >= (3, 11):  # loaded by ``re`` itself: importing them costs nothing
    from re import _constants as _sre_constants
    from re import _parser as _sre_parse
else:  # pragma: no cover - Python 3.10
    import sre_constants as _sre_constants
    import sre_parse as _sre_parse

from ...core import memo
from ...core.document import USUAL_CHARACTERS as _USUAL
from .lazy import LazyPattern

_T = TypeVar("_T")


def regex_parser() -> tuple[Any, Any]:
    """The standard library's regex parser and its constants (``sre_parse`` before 3.11)."""
    return _sre_parse, _sre_constants


_MAX_CLASS = 64  # a character class larger than this is too common to be worth searching for


class _Atom(NamedTuple):
    """A piece of text every match consumes: a literal string, or one character of a class.
    (A named tuple: hashable like a frozen dataclass, and cheaper to define at start-up.)"""

    source: str  # as a regex
    text: str | None  # the literal text, None for a category (digits)
    length: int
    cased: bool  # searched slowly when case is ignored (``re`` cannot skip to it in C)
    blank: bool = False  # only spaces: found everywhere


_Need = frozenset[_Atom]  # one of these atoms is in every match


def _literal(text: str) -> _Atom:
    cased = text.lower() != text or text.upper() != text
    return _Atom(re.escape(text), text, len(text), cased, not text.strip())


def _best(candidates: list[_Need], ignore_case: bool) -> _Need | None:
    """The most selective need: no slow atom first (a cased literal costs the engine a try at
    every position when case is ignored; a space is everywhere), then the longest shortest
    atom, the fewest atoms, literals before digits."""
    if not candidates:
        return None
    return max(candidates, key=lambda need: (
        not any(a.blank or (ignore_case and a.cased) for a in need),
        min(a.length for a in need), -len(need),
        all(a.text is not None for a in need)))


def _required(items: Any, sre: Any, ignore_case: bool) -> _Need | None:
    """Atoms one of which every match of the parsed sequence ``items`` consumes, or None.

    Candidates are the runs of literal characters of the sequence (under ``ignore_case``,
    also their uncased stretches, "<" of "<img") and what each of its items requires.
    """
    candidates: list[_Need] = []
    run: list[str] = []

    def flush() -> None:
        if not run:
            return
        text = "".join(run)
        candidates.append(frozenset([_literal(text)]))
        if ignore_case:
            candidates.extend(frozenset([_literal(part)])
                              for part in re.split(r"[^\W\d_]+", text) if part)
        run.clear()

    for op, value in items:
        if op is sre.LITERAL:
            run.append(chr(value))
            continue
        flush()
        found = _required_item(op, value, sre, ignore_case)
        if found is not None:
            candidates.append(found)
    flush()
    return _best(candidates, ignore_case)


def _required_item(op: Any, value: Any, sre: Any, ignore_case: bool) -> _Need | None:
    if op is sre.IN:
        return _class_atoms(value, sre)
    if op is sre.BRANCH:
        union: set[_Atom] = set()
        for alternative in value[1]:
            found = _required(alternative.data, sre, ignore_case)
            if found is None:
                return None
            union |= found
        return frozenset(union)
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, sub = value
        # a local flag ((?i:…)) would match differently from the prefilter: not analysed
        return None if add_flags or del_flags else _required(sub.data, sre, ignore_case)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
        low, _high, sub = value
        return _required(sub.data, sre, ignore_case) if low >= 1 else None
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return _required(value.data, sre, ignore_case)
    return None  # assertions, anchors, "." and back references consume no known text


def _class_atoms(members: Any, sre: Any) -> _Need | None:
    """A character class as atoms: its characters, and ``\\d`` for a class of digits."""
    atoms: set[_Atom] = set()
    count = 0
    for kind, arg in members:
        if kind is sre.LITERAL:
            atoms.add(_literal(chr(arg)))
            count += 1
        elif kind is sre.RANGE and arg[1] - arg[0] < _MAX_CLASS:
            atoms.update(_literal(chr(code)) for code in range(arg[0], arg[1] + 1))
            count += arg[1] - arg[0] + 1
        elif kind is sre.CATEGORY and arg is sre.CATEGORY_DIGIT:
            atoms.add(_Atom(r"\d", None, 1, False))
        else:  # a negated class, a wide range, a category of letters or spaces: too common
            return None
    return frozenset(atoms) if atoms and count <= _MAX_CLASS else None


def literal_prefilter(pattern: re.Pattern[str]) -> LazyPattern:
    """A fast regex that matches inside every match of ``pattern`` (compiled on first use).

    It is an alternation of literal strings (and digits or single characters) that every
    match of ``pattern`` consumes, compiled with the same case flags, so: when it finds nothing
    in ``text[pos:endpos]``, ``pattern.search(text, pos, endpos)`` finds nothing either. Such
    an alternation is searched many times faster than a pattern full of assertions and
    alternatives that the regex engine must try at every position. Patterns are users' data,
    so the parsed pattern is read and anything not understood gives the empty pattern, which
    finds a match everywhere (the caller then always runs ``pattern``).
    """
    return LazyPattern(partial(_prefilter_source, pattern), pattern.flags & (re.IGNORECASE | re.ASCII))


_SALTS: dict[str, bytes] = {}  # by module: its code and the Python version, once asked


def remembered(pattern: re.Pattern[str], compute: Callable[[re.Pattern[str]], _T]) -> _T:
    """``compute(pattern)``, an analysis of a pattern's parsed form, read back from the
    derived data of an earlier run when it is there (and stored there when not), so that a
    fresh process does not parse the same patterns again on its first file.

    ``compute`` must be a module-level function of the pattern alone whose answer ``marshal``
    can hold (str, tuple, frozenset, None...); the key is the pattern, its flags, the function
    (its module's code, its name) and the Python version, whose regex parser it reads. Where
    nothing is remembered (the library API, ``LINT_NEWS_NO_DERIVED_CACHE``) it is computed as
    usual.
    """
    where = memo.folder("regex")
    if where is None:
        return compute(pattern)
    module = compute.__module__
    salt = _SALTS.get(module)
    if salt is None:
        source = getattr(sys.modules.get(module), "__file__", None)
        salt = _SALTS[module] = (memo.source_salt(source) if source else b"?") + sys.version.encode()
    path = os.path.join(where, memo.key(salt, f"{module}.{compute.__qualname__}".encode(),
                                        str(pattern.flags).encode(),
                                        pattern.pattern.encode("utf-8", "surrogatepass")))
    known = memo.read(path)
    if type(known) is tuple and len(known) == 1:  # (value,): a remembered None is a value too
        return known[0]  # type: ignore[no-any-return]
    value = compute(pattern)
    memo.write(path, (value,))
    return value


def _prefilter_source(pattern: re.Pattern[str]) -> str:
    return remembered(pattern, _derive_prefilter_source)


def _derive_prefilter_source(pattern: re.Pattern[str]) -> str:
    sre_parse, sre = regex_parser()
    ignore_case = bool(pattern.flags & re.IGNORECASE)
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
        required = _required(parsed.data, sre, ignore_case)
    except Exception:  # pragma: no cover - a pattern shape of a future Python
        return ""
    if not required or any(atom.length == 0 for atom in required):
        return ""
    # a string that holds another is found whenever the other is: keep the shorter
    kept: list[_Atom] = []
    for atom in sorted(required, key=lambda a: (a.length, a.source)):
        if atom.text is None or not any(short.text is not None and short.text in atom.text for short in kept):
            kept.append(atom)
    singles = {a.source for a in kept if a.length == 1}
    longer = [a for a in kept if a.length > 1]
    if singles and all(_mark(a.text) for a in longer):
        # "![" beside single characters: its "!" (rare) joins them, since an alternation that
        # mixes a class with strings gets no fast skip in ``re``, and one class does
        singles |= {re.escape(a.text[0]) for a in longer if a.text}
        longer = []
    # single characters as one class: with nothing else, ``re`` then skips to them in C
    sources = sorted(a.source for a in longer)
    return "|".join([*sources, *(["[" + "".join(sorted(singles)) + "]"] if singles else [])])


def _mark(text: str | None) -> bool:
    """Whether ``text`` starts with a character that is neither a letter nor a digit nor cased."""
    if not text:
        return False
    return not text[0].isalnum() and text[0].lower() == text[0].upper()


_MAX_FIRST = 5000  # characters: a larger class is not worth a set


def first_characters(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can begin with, when it begins by consuming one
    character of a plain class or a literal (in every alternative); else None."""
    if pattern.flags & re.IGNORECASE:
        return None
    sre_parse, sre = regex_parser()
    try:
        return _first(sre_parse.parse(pattern.pattern, pattern.flags).data, sre)
    except Exception:  # pragma: no cover - a pattern shape of a future Python
        return None


def class_members(members: Any, sre: Any, widest: int | None = None) -> set[str] | None:
    """The characters of a parsed character class (``sre`` from ``regex_parser``) made of
    single characters and ranges (each narrower than ``widest``), or None for any other
    class: negated, with a category (``\\w``, ``\\d``), or with a wider range."""
    chars: set[str] = set()
    for kind, arg in members:
        if kind is sre.LITERAL:
            chars.add(chr(arg))
        elif kind is sre.RANGE and (widest is None or arg[1] - arg[0] < widest):
            chars.update(map(chr, range(arg[0], arg[1] + 1)))
        else:
            return None
    return chars


def _first(items: Any, sre: Any) -> frozenset[str] | None:
    if not items:
        return None
    op, value = items[0]
    if op is sre.LITERAL:
        return frozenset(chr(value))
    if op is sre.IN:
        chars = class_members(value, sre, _MAX_FIRST)
        return frozenset(chars) if chars is not None and len(chars) <= _MAX_FIRST else None
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, sub = value
        return None if add_flags or del_flags else _first(sub.data, sre)
    if op is sre.BRANCH:
        union: set[str] = set()
        for alternative in value[1]:
            found = _first(alternative.data, sre)
            if found is None:
                return None
            union |= found
        return frozenset(union)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
        low, _high, sub = value
        return _first(sub.data, sre) if low >= 1 else None
    return None


def may_match(pattern: re.Pattern[str], unusual: frozenset[str]) -> bool:
    """False only when ``pattern`` cannot match a text whose ``unusual_characters`` are
    ``unusual``: every match starts with a character that is not printable ASCII and none of
    them is in the text. True whenever that is not known (then search the text)."""
    first = _first_unusual(pattern)
    return first is None or not first.isdisjoint(unusual)


# by id(pattern), with the pattern itself (kept alive, and compared, so an id is never reused
# wrongly): hashing a compiled pattern hashes its whole program, microseconds for large ones
_FIRST_UNUSUAL: dict[int, tuple[re.Pattern[str], frozenset[str] | None]] = {}


def _first_unusual(pattern: re.Pattern[str]) -> frozenset[str] | None:
    cached = _FIRST_UNUSUAL.get(id(pattern))
    if cached is None or cached[0] is not pattern:
        first = first_characters(pattern)
        cached = _FIRST_UNUSUAL[id(pattern)] = (
            pattern, None if first is None or not first.isdisjoint(_USUAL) else first)
    return cached[1]
