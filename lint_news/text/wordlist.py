"""Word frequencies from wordfreq, loaded lazily into plain dicts, once per process.

Long because the lists have two forms that must answer alike: read from wordfreq's files, and
remembered as marisa tries in the derived-data cache (checksummed, rebuilt when the list,
this module or marisa changes), with the compound questions answered from both.

Why wordfreq: measured against wordsegment and symspellpy on seed 003's fused words plus a
paragraph of brands, names and Vietnamese (see the ``run-together`` commit message), it is
the only one with Vietnamese, it loads fastest (0.02 s for the 29k-word list, 0.12-0.3 s for
the 321k-word list, against 0.6-1 s for wordsegment and 1-1.6 s for symspellpy) and takes the
least memory (+35 MB against +100 MB and +72 MB), and its long tail ("berggruen", "paypal")
tells a rare real word from a fusion. The segmenters of the other two split names and brands.

Why read the files directly: ``import wordfreq`` costs ~0.17 s (regex, langcodes, jieba
hooks) before any word is looked up; the lists are gzipped msgpack "cBpack" files (a header,
then one list of words per centibel of frequency), so reading them takes five lines and no
import. Values are kept as integer *centi-Zipf* (Zipf x 100; "the" = 773, a word seen once
per billion words = 0), which keeps the dicts small and comparisons exact.

Three lists, each loaded only when a rule first asks for it:

- ``small("en")``: the 29k English words with Zipf >= 3 (0.02 s, ~4 MB). Enough to judge the
  *parts* of a candidate split, and to clear most tokens.
- ``large("en")``: 321k English words down to Zipf 1 (0.12-0.3 s, ~35 MB). Needed only to ask
  whether a token that the small list does not know is nevertheless a real (rare) word.
  Reading it (~50 ms) and building its dict (~60-90 ms) are separate steps: the compound
  counts work on the sorted buckets as read, and build no dict.
- ``small("vi")``: 10.7k Vietnamese syllables (0.01 s, ~1 MB).

(Times on a shared, busy machine; they vary about twofold.)

``LOAD_STATS`` records what was loaded, how long it took and how many entries it holds, so
benchmarks can report the cost.
"""

from __future__ import annotations

import array
import bisect
import importlib.util
import itertools
import operator
import os
import sys
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar, overload

from ..core import memo
from ..core.lazy import lazy_module

if TYPE_CHECKING:
    import gzip

    import marisa_trie  # type: ignore[import-not-found,unused-ignore]
    import msgpack  # type: ignore[import-untyped]
    import wordfreq
else:
    gzip = lazy_module("gzip")
    marisa_trie = lazy_module("marisa_trie")
    msgpack = lazy_module("msgpack")
    wordfreq = lazy_module("wordfreq")  # its reader, only if ours fails (~0.17 s to import)

__all__ = [
    "LOAD_STATS",
    "compounding",
    "ending_index",
    "large",
    "longest_small_word",
    "small",
    "small_words",
    "sorted_index",
    "tail_compounding",
    "zipf100",
]

LOAD_STATS: dict[str, tuple[float, int]] = {}
_BUCKETS: dict[str, list[list[str]]] = {}
_CACHE: dict[str, dict[str, int]] = {}
_T = TypeVar("_T")


def _data_dir() -> str:
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("wordfreq is not installed; it is a lint-news dependency")
    return os.path.join(next(iter(spec.submodule_search_locations)), "data")


def _list_path(name: str) -> str:
    return os.path.join(_data_dir(), f"{name}.msgpack.gz")


def _buckets(name: str) -> list[list[str]]:
    """A list's words by bucket, each bucket sorted: bucket i holds the words of frequency
    10^(-i/100), i.e. Zipf 9 - i/100. Read once; the dict (``_table``) is built from these."""
    cached = _BUCKETS.get(name)
    if cached is not None:
        return cached
    started = time.perf_counter()
    buckets = _unpack(_list_path(name))
    _BUCKETS[name] = buckets
    LOAD_STATS[name] = (time.perf_counter() - started, sum(map(len, buckets)))
    return buckets


def _memo_path(name: str, form: str, *salt: bytes) -> str | None:
    """Where ``form`` ("dict", "trie", "tails") of list ``name`` is remembered between runs
    (``core.memo``'s derived-data folder), or None when nothing is. Keyed by the list file,
    this module and ``salt``: a new wordfreq, lint-news or marisa-trie never reads old data."""
    where = memo.folder("words")
    if where is None:
        return None
    key = memo.key(memo.source_salt(_list_path(name)), memo.source_salt(__file__), *salt)
    return os.path.join(where, f"{name}-{form}-{key}")


def _unpack(path: str) -> list[list[str]]:
    try:
        with gzip.open(path, "rb") as handle:
            data: Any = msgpack.load(handle, raw=False)
        header = data[0]
        if not (isinstance(header, dict) and header.get("format") == "cB"):
            raise ValueError(f"unexpected wordfreq list header {header!r}")
        buckets: list[list[str]] = data[1:]
    except (ImportError, ValueError, IndexError):  # pragma: no cover - format changed
        buckets = wordfreq.read_cBpack(path)
    for bucket in buckets:
        bucket.sort()  # wordfreq writes them sorted: then this is one pass over each
    return buckets


def _table(buckets: list[list[str]]) -> dict[str, int]:
    table: dict[str, int] = {}
    # Rarest first, so that a word listed twice keeps its higher value; dict.fromkeys keeps
    # the loop in C.
    for index in range(len(buckets) - 1, -1, -1):
        table.update(dict.fromkeys(buckets[index], 900 - index))
    return table


def _read(name: str) -> dict[str, int]:
    """List ``name`` as a dict, remembered as one (marshal reads the finished dict: no gunzip,
    msgpack, sorting or dict building)."""
    cached = _CACHE.get(name)
    if cached is not None:
        return cached
    started = time.perf_counter()
    remembered = _memo_path(name, "dict")
    table = None if remembered is None else memo.read(remembered)
    if not isinstance(table, dict):
        table = _table(_buckets(name))
        if remembered is not None:
            memo.write(remembered, table)
    _CACHE[name] = table
    LOAD_STATS[name] = (time.perf_counter() - started, len(table))
    return table


def small(lang: str) -> dict[str, int]:
    """Words with Zipf >= 3 (``lang`` "en", "vi", "fr" or "es"), as centi-Zipf."""
    return _read(f"small_{lang}")


# How many lookups the short lists answer from their tries (``small_words``) before the dict
# is read: a lookup through the trie costs ~0.5 us more than a dict's, reading the dict
# ~3-6 ms (29k entries unmarshalled); a one-file run asks a few hundred.
_TRIE_LOOKUPS = 4096


_LONGEST: dict[str, int] = {}


def longest_small_word(lang: str) -> int:
    """The length of the longest word of ``small(lang)``: no longer string is one of its words.

    So a caller that needs a part of a long token to be a listed word tries only the parts
    this long (``run-together`` on a token of thousands of letters). Reads the whole list
    (the dict, ~15-30 ms when not yet loaded), once per process: ask only for a token longer
    than every common word."""
    found = _LONGEST.get(lang)
    if found is None:
        found = _LONGEST[lang] = max(map(len, small(lang)), default=0)
    return found


def small_words(lang: str) -> dict[str, int]:
    """``small(lang)`` for a caller that only looks words up (``get``, ``in``, ``[]``).

    Where derived data is remembered, the first lookups of a process are answered from the
    list's trie (``_Listed``: ~0.1 ms to load, against 3-6 ms for the dict): a one-file run
    asks a few hundred words. After ``_TRIE_LOOKUPS`` of them the dict is read and returned
    from then on (a holder of the trie keeps a right answer, only a slower one). Anything but
    a lookup asked of the trie fills it into the dict it stands for, as ``large``'s does."""
    name = f"small_{lang}"
    plain = _CACHE.get(name)
    if plain is not None:
        return plain
    listed = _CACHE.get(f"{name}:trie")  # (beside the dict: a new process forgets both)
    if listed is None:
        started = time.perf_counter()
        loaded = _trie(name)
        if loaded is None:
            return small(lang)
        listed = _CACHE[f"{name}:trie"] = _Listed(name, *loaded)
        LOAD_STATS[f"{name}:trie"] = (time.perf_counter() - started, len(loaded[0]))
    if isinstance(listed, _Listed) and listed.asked >= _TRIE_LOOKUPS:
        return small(lang)
    return listed


def large(lang: str) -> dict[str, int]:
    """The long list (English: down to Zipf 1), as centi-Zipf.

    Where derived data is remembered, the list is read from its trie (``_Listed``): a dict
    that answers lookups without building 321k entries; else it is built as a plain dict."""
    name = f"large_{lang}"
    cached = _CACHE.get(name)
    if cached is not None:
        return cached
    started = time.perf_counter()
    loaded = _trie(name)
    if loaded is None:
        return _read(name)
    listed = _CACHE[name] = _Listed(name, *loaded)
    LOAD_STATS[name] = (time.perf_counter() - started, len(loaded[0]))
    return listed


def zipf100(word: str, lang: str = "en") -> int:
    """Centi-Zipf of a lower-cased ``word`` (0 when unknown), loading the long list."""
    return large(lang).get(word, 0) if lang == "en" else small(lang).get(word, 0)


# ----- the long list as a trie, remembered between runs ---------------------------------------
# Why marisa-trie: a one-file run that asks the long list a question paid ~100-150 ms to build
# its dict (321k entries) even when the unpacked buckets were remembered, a third of the whole
# run. A trie of the list is 0.8 MB; read back, checked (CRC-32) and loaded it takes ~0.6 ms,
# a lookup ~0.5 us (a dict: ~0.05 us; per question, Python's own call costs more), and the
# words with a prefix come out in microseconds, which answers compound questions without the
# sorted buckets. Measured against a sorted file of the words mmapped and bisected (no new
# dependency): 3.6 MB with its offsets, ~4 us a lookup, and a second file reversed for
# suffixes; the trie is 4.5x smaller and 8x faster. It is built once (~0.5-1 s: unpack, dict,
# trie) in the derived-data folder and never where that folder cannot be written (then the
# dict is built, as before). A trie file is checked before marisa reads it: a damaged file is
# rebuilt, never handed to C code that trusts it.
# (Per derived-data folder and list: a run context with another folder reads or builds its own.)
_TRIES: dict[tuple[str, str], tuple[Any, array.array[int]]] = {}
_TAILS: dict[tuple[str, str], Any] = {}
_UNBUILDABLE: set[str] = set()  # paths this process could not build (or write): asked once


def _trie_salt() -> tuple[bytes, ...]:
    return (memo.source_salt(marisa_trie.__file__), sys.byteorder.encode())


def _trie(name: str) -> tuple[Any, array.array[int]] | None:
    """The trie of list ``name`` and each word's centi-Zipf by the word's key id, read from
    the derived-data folder or built there; None when nothing is remembered (also when this
    process loaded it under another run context: the library API keeps its own ways)."""
    where = memo.folder("words")
    if where is None:
        return None
    cached = _TRIES.get((where, name))
    if cached is not None:
        return cached
    try:
        salt = _trie_salt()
    except ImportError:  # marisa-trie missing (it is a dependency): the plain dict
        return None
    remembered = _memo_path(name, "trie", *salt)
    if remembered is None or remembered in _UNBUILDABLE:
        return None
    stored = memo.read(remembered)
    loaded = _load_trie(stored)
    if loaded is None:
        loaded = _build_trie(name, remembered)
    if loaded is not None:
        _TRIES[where, name] = loaded
    return loaded


def _load_trie(stored: Any) -> tuple[Any, array.array[int]] | None:
    if not (isinstance(stored, tuple) and len(stored) == 2 and all(isinstance(x, bytes) for x in stored)):
        return None
    try:
        trie = marisa_trie.Trie().frombytes(stored[0])
    except Exception:  # a file of another format: built again
        return None
    values = array.array("H")
    values.frombytes(stored[1])
    return (trie, values) if len(values) == len(trie) else None


def _writable(path: str) -> bool:
    folder = os.path.dirname(path)
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK)


def _build_trie(name: str, path: str) -> tuple[Any, array.array[int]] | None:
    if not _writable(path):
        _UNBUILDABLE.add(path)
        return None
    table = _table(_buckets(name))
    trie = _new_trie(table)
    if trie is None or len(trie) != len(table):
        _UNBUILDABLE.add(path)
        return None
    values = array.array("H", bytes(2 * len(trie)))
    for word, index in trie.iteritems():
        values[index] = table[word]
    memo.write(path, (trie.tobytes(), values.tobytes()))
    return trie, values


def _new_trie(words: Iterable[str]) -> Any:
    """A marisa trie of ``words``, or None when one of them cannot be a key (a NUL, which
    marisa's lookups cut at, or a lone surrogate, which UTF-8 cannot hold)."""
    listed = list(words)
    if any("\x00" in word for word in listed):
        return None
    try:
        return marisa_trie.Trie(listed)
    except UnicodeEncodeError:
        return None


def _tails(name: str) -> Any:
    """A trie of list ``name``'s words written backwards (the words ending with a part are
    the keys starting with it reversed), remembered like ``_trie``; None when not."""
    loaded = _trie(name)
    if loaded is None:
        return None
    key = (memo.folder("words") or "", name)
    cached = _TAILS.get(key)
    if cached is not None:
        return cached
    remembered = _memo_path(name, "tails", *_trie_salt())
    if remembered is None or remembered in _UNBUILDABLE:
        return None
    stored = memo.read(remembered)
    trie = None
    if isinstance(stored, bytes):
        try:
            trie = marisa_trie.Trie().frombytes(stored)
        except Exception:  # a file of another format: built again
            trie = None
    if trie is None or len(trie) != len(loaded[0]):
        trie = _new_trie(word[::-1] for word in loaded[0].iterkeys())
        if trie is None or len(trie) != len(loaded[0]):
            _UNBUILDABLE.add(remembered)
            return None
        memo.write(remembered, trie.tobytes())
    _TAILS[key] = trie
    return trie


def _trie_key(word: object) -> bool:
    """Whether marisa can be asked about ``word`` exactly (see ``_new_trie``)."""
    if not isinstance(word, str) or "\x00" in word:
        return False
    if word.isascii():
        return True
    try:
        word.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class _Listed(dict[str, int]):
    """A word list read from its trie: a dict whose lookups (``get``, ``in``, ``[]``) ask the
    trie, and which fills itself with every entry, in the order the plain dict has, the
    first time anything else is asked of it (iteration, ``len``, comparison, a change). So it
    is a dict to every caller, and costs a dict's building only to those that need one."""

    __slots__ = ("_filled", "_name", "_trie", "_values", "asked")

    def __init__(self, name: str, trie: Any, values: array.array[int]) -> None:
        super().__init__()
        self._name = name
        self._trie = trie
        self._values = values
        self._filled = False
        self.asked = 0  # lookups answered from the trie (``small_words``)

    def _index(self, key: object) -> int | None:
        self.asked += 1
        if not _trie_key(key):
            return None
        index: int | None = self._trie.get(key)
        return index

    @overload
    def get(self, key: str, default: None = None, /) -> int | None: ...
    @overload
    def get(self, key: str, default: int, /) -> int: ...
    @overload
    def get(self, key: str, default: _T, /) -> int | _T: ...
    def get(self, key: str, default: Any = None, /) -> Any:
        if self._filled:
            return dict.get(self, key, default)
        index = self._index(key)
        return default if index is None else self._values[index]

    def __contains__(self, key: object) -> bool:
        if self._filled:
            return dict.__contains__(self, key)
        return self._index(key) is not None

    def __getitem__(self, key: str) -> int:
        if self._filled:
            return dict.__getitem__(self, key)
        index = self._index(key)
        if index is None:
            raise KeyError(key)
        return self._values[index]

    def __bool__(self) -> bool:
        return dict.__len__(self) > 0 if self._filled else len(self._trie) > 0

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        """Pickled (or copied) as the plain dict it stands for."""
        self._fill()
        return (dict, (dict(dict.items(self)),))

    def _fill(self) -> None:
        if not self._filled:
            dict.update(self, _table(_buckets(self._name)))
            self._filled = True


def _filling(method: str) -> Any:
    base = getattr(dict, method)

    def filled(self: _Listed, *args: Any, **kwargs: Any) -> Any:
        self._fill()
        return base(self, *args, **kwargs)

    filled.__name__ = filled.__qualname__ = method
    return filled


for _method in ("__iter__", "__len__", "__reversed__", "__eq__", "__ne__", "__repr__", "__or__", "__ror__",
                "__ior__", "__setitem__", "__delitem__", "keys", "values", "items", "copy", "pop", "popitem",
                "setdefault", "update", "clear"):
    setattr(_Listed, _method, _filling(_method))


_COMPOUNDS: dict[tuple[str, bool, int], bool] = {}
# How compounds are counted (the answer is the same each way; tests compare them):
# - before anything is built: words part+word by bisecting each sorted bucket of the long
#   list (``_bisected_heads``, ~0.7 ms a question, no dict); words word+part by searching the
#   long list written out as lines (``_lines``, ~20 ms to write, ~1.5 ms a question: C's
#   substring search runs over the text);
# - once a kind of question has been asked often, by an index of the long list: sorted
#   (words starting with a part are one bisect away), or grouped by the last three letters
#   (words ending with a part of three letters or more are in one group; a compound of a
#   4+-letter word and such a part has 7+ letters, so shorter words are left out). Each
#   costs ~60 ms to build, as much as ~80 bisected or ~50 searched questions: the benchmark
#   corpus (~40 questions of each kind) never builds them, a larger or more varied one does
#   (in each process that asks enough). (Looping over the short list and looking each compound up, 5-15 ms a
#   question, is the reference, ``_scan_compounds``.)
_LINES: list[tuple[str, ...]] = []
_SORTED: list[list[str]] = []
_BY_ENDING: list[dict[str, list[str]]] = []
_ENDING = 3
_SEARCHES = {True: 0, False: 0}
_SEARCHES_BEFORE_INDEX = {True: 80, False: 50}


def _lines() -> tuple[str, ...]:
    """The long list as newline-separated text, each text starting and ending with a newline:
    the ASCII words (one byte a character, so searching is fast) and the others. Empty when
    a word contains a newline (never in wordfreq's lists): then the reference scan is used."""
    if not _LINES:
        buckets = _buckets("large_en")  # (the order of the words does not matter)
        started = time.perf_counter()
        ascii_words = list(filter(str.isascii, itertools.chain.from_iterable(buckets)))
        others = list(itertools.filterfalse(str.isascii, itertools.chain.from_iterable(buckets)))
        texts: tuple[str, ...] = ()
        for words in (ascii_words, others):
            text = "\n" + "\n".join(words) + "\n"
            if words and text.count("\n") != len(words) + 1:
                texts = ()  # a word with a newline in it
                break
            texts += (text,)
        _LINES.append(texts)
        LOAD_STATS["compounds_lines"] = (time.perf_counter() - started, sum(map(len, buckets)))
    return _LINES[0]


def sorted_index() -> list[str]:
    """The long list sorted, built once."""
    if not _SORTED:
        table = large("en")
        started = time.perf_counter()
        _SORTED.append(sorted(table))
        LOAD_STATS["compounds_head"] = (time.perf_counter() - started, len(table))
    return _SORTED[0]


def ending_index() -> dict[str, list[str]]:
    """The long list's words of 7+ letters grouped by their last three letters, built once."""
    if not _BY_ENDING:
        table = large("en")
        started = time.perf_counter()
        groups: dict[str, list[str]] = {}
        shortest = 4 + _ENDING
        for word in table:
            if len(word) >= shortest:
                group = groups.get(word[-_ENDING:])
                if group is None:
                    groups[word[-_ENDING:]] = [word]
                else:
                    group.append(word)
        _BY_ENDING.append(groups)
        LOAD_STATS["compounds_tail"] = (time.perf_counter() - started, len(table))
    return _BY_ENDING[0]


def _indexed(first: bool) -> bool:
    return bool(_SORTED if first else _BY_ENDING)


def _count_compounds(part: str, first: bool, limit: int) -> bool:
    """Whether ``limit`` listed words are part+word (``first``) or word+part, word 4+ letters.

    The words counted are the long list's words starting (ending) with ``part`` whose rest
    is a common word of 4+ letters: found by a search of the list written out as lines, or,
    once that has been done often, in an index (see ``_COMPOUNDS``).
    """
    key = (part, first, limit)
    cached = _COMPOUNDS.get(key)
    if cached is not None:
        return cached
    trie = (_trie("large_en") or (None,))[0] if first else _tails("large_en")
    if trie is not None and part and _trie_key(part):
        # the words starting (ending) with ``part`` are the keys of a trie with that prefix
        if first:
            result = _enough_rests(trie.keys(part), part, limit)
        else:
            size = len(part)
            rests = (word[size:][::-1] for word in trie.keys(part[::-1]))
            result = sum(map(_long_words().__contains__, rests)) >= limit
        _COMPOUNDS[key] = result
        return result
    indexable = first or len(part) >= _ENDING  # the ending index needs three letters
    if indexable and not _indexed(first) and _SEARCHES[first] >= _SEARCHES_BEFORE_INDEX[first]:
        (sorted_index if first else ending_index)()
    if indexable and _indexed(first):
        if first:
            result = _indexed_heads(sorted_index(), part, limit)
        else:
            result = _indexed_tails(ending_index(), part, limit)
    elif first and part:
        _SEARCHES[first] += 1
        result = _bisected_heads(_buckets("large_en"), part, limit)
    elif part and "\n" not in part and _lines():
        _SEARCHES[first] += 1
        result = _searched_compounds(_lines(), part, first, limit)
    else:
        result = _scan_compounds(part, first, limit)
    _COMPOUNDS[key] = result
    return result


def _searched_compounds(texts: tuple[str, ...], part: str, first: bool, limit: int) -> bool:
    """Count by searching the lines of ``_lines`` for "\\n" + part (part + "\\n"): each hit
    is a listed word starting (ending) with ``part``; its rest is looked up. (A word in two
    buckets is two lines: the rests found are kept in a set, so it counts once.)"""
    words = _long_words()
    found: set[str] = set()
    for text in texts:
        if first:
            needle = "\n" + part
            at = text.find(needle)
            while at >= 0:
                rest_start = at + len(needle)
                rest = text[rest_start : text.index("\n", rest_start)]
                if rest in words:
                    found.add(rest)
                    if len(found) >= limit:
                        return True
                at = text.find(needle, rest_start)
        else:
            needle = part + "\n"
            at = text.find(needle)
            while at >= 0:
                rest = text[text.rindex("\n", 0, at) + 1 : at]
                if rest in words:
                    found.add(rest)
                    if len(found) >= limit:
                        return True
                at = text.find(needle, at + len(needle))
    return False


def _bisected_heads(buckets: list[list[str]], part: str, limit: int) -> bool:
    """``_indexed_heads`` over each sorted bucket of the long list: the words starting with
    ``part`` are one slice of each, and none is there when the first word from ``part`` on
    does not start with it. Some 800 bisections, against a search of the 2.6 MB of
    ``_lines`` (a word in two buckets is counted once)."""
    starting: set[str] = set()
    for bucket in buckets:
        starting.update(_starting(bucket, part))
    return _enough_rests(starting, part, limit)


def _starting(words: list[str], part: str) -> list[str]:
    """The words of the sorted ``words`` that start with ``part``: one slice."""
    start = bisect.bisect_left(words, part)
    if start == len(words) or not words[start].startswith(part):  # most buckets have none
        return []
    after = _successor(part)
    return words[start:len(words) if after is None else bisect.bisect_left(words, after, start)]


def _enough_rests(words: Iterable[str], part: str, limit: int) -> bool:
    """Whether at least ``limit`` of ``words`` (each starting with ``part``) are ``part`` and
    a common word of 4+ letters, counted without a Python loop."""
    rests = map(operator.itemgetter(slice(len(part), None)), words)
    return sum(map(_long_words().__contains__, rests)) >= limit


def _scan_compounds(part: str, first: bool, limit: int) -> bool:
    table = large("en")
    found = 0
    for word in small("en"):
        if len(word) >= 4 and ((part + word) if first else (word + part)) in table:
            found += 1
            if found >= limit:
                break
    return found >= limit


def _indexed_heads(index: list[str], part: str, limit: int) -> bool:
    """``_scan_compounds`` from the other side: each listed word part+word is one entry of
    the sorted ``index`` starting with ``part``, and the other way round; the entries are
    one slice of the index."""
    return _enough_rests(_starting(index, part), part, limit)


def _indexed_tails(groups: dict[str, list[str]], part: str, limit: int) -> bool:
    """The same for word+part (``part`` of three letters or more): the listed words ending
    with ``part`` are in the group of its last three letters."""
    size = len(part)
    words = _long_words()
    found = 0
    for word in groups.get(part[-_ENDING:], ()):
        if word.endswith(part) and word[:-size] in words:
            found += 1
            if found >= limit:
                return True
    return False


def _successor(key: str) -> str | None:
    """The least string above every string that starts with ``key`` (None: there is none)."""
    key = key.rstrip(chr(sys.maxunicode))
    return key[:-1] + chr(ord(key[-1]) + 1) if key else None


_LONG_WORDS: list[frozenset[str]] = []


def _long_words() -> frozenset[str]:
    """The short list's words of 4+ letters: the "word" of a compound."""
    if not _LONG_WORDS:
        _LONG_WORDS.append(frozenset(word for word in small("en") if len(word) >= 4))
    return _LONG_WORDS[0]


def compounding(part: str, limit: int = 5) -> bool:
    """Whether ``part`` starts at least ``limit`` listed English words part+word (word: 4+ letters).

    Productive first elements ("multi", "counter", "vine", "soy") build real compounds that
    the dictionary may not list ("multicurrency"); inflected words ("weaker", "highly",
    "securities") almost never do, so their fusions with a following word are lost spaces.
    The rest must be a real word of 4+ letters: "vine|yard" counts, "port|ion" does not.
    """
    return _count_compounds(part, True, limit)


def tail_compounding(part: str, limit: int = 50) -> bool:
    """Whether ``part`` ends at least ``limit`` listed words word+part (word: 4+ letters).

    Some words are nearly suffixes ("less", "line", "wide"): glued to a word they make a new
    word ("trendless") more often than two words, so such splits are not proposed. The bar is
    high because ordinary nouns end a few compounds too ("supermarket", "antitrust").
    """
    return _count_compounds(part, False, limit)
