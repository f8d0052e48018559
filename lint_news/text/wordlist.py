"""Word frequencies from wordfreq, loaded lazily into plain dicts, once per process.

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

import bisect
import importlib.util
import itertools
import operator
import os
import sys
import time
from collections.abc import Iterable
from typing import Any

from ..core import memo

__all__ = [
    "LOAD_STATS",
    "compounding",
    "ending_index",
    "large",
    "prepare_compounds",
    "small",
    "sorted_index",
    "tail_compounding",
    "zipf100",
]

LOAD_STATS: dict[str, tuple[float, int]] = {}
_BUCKETS: dict[str, list[list[str]]] = {}
_CACHE: dict[str, dict[str, int]] = {}


def _data_dir() -> str:
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("wordfreq is not installed; it is a lint-news dependency")
    return os.path.join(next(iter(spec.submodule_search_locations)), "data")


def _buckets(name: str) -> list[list[str]]:
    """A list's words by bucket, each bucket sorted: bucket i holds the words of frequency
    10^(-i/100), i.e. Zipf 9 - i/100. Read once; the dict (``_read``) is built from these."""
    cached = _BUCKETS.get(name)
    if cached is not None:
        return cached
    started = time.perf_counter()
    path = os.path.join(_data_dir(), f"{name}.msgpack.gz")
    remembered = _memo_path(name, path)
    buckets = None if remembered is None else memo.read(remembered)
    if not isinstance(buckets, list):
        buckets = _unpack(path)
        if remembered is not None:
            memo.write(remembered, buckets)
    _BUCKETS[name] = buckets
    LOAD_STATS[name] = (time.perf_counter() - started, sum(map(len, buckets)))
    return buckets


def _memo_path(name: str, path: str) -> str | None:
    """Where the sorted buckets are remembered between runs (``memo.py``): marshal reads them
    without gunzip, msgpack and sorting, which halves loading the short English list a
    one-file run needs. Keyed by the list file and this module."""
    where = memo.folder("words")
    if where is None:
        return None
    return os.path.join(where, f"{name}-{memo.key(memo.source_salt(path), memo.source_salt(__file__))}")


def _unpack(path: str) -> list[list[str]]:
    import gzip

    try:
        import msgpack  # type: ignore[import-untyped]

        with gzip.open(path, "rb") as handle:
            data: Any = msgpack.load(handle, raw=False)
        header = data[0]
        if not (isinstance(header, dict) and header.get("format") == "cB"):
            raise ValueError(f"unexpected wordfreq list header {header!r}")
        buckets: list[list[str]] = data[1:]
    except (ImportError, ValueError, IndexError):  # pragma: no cover - format changed
        from wordfreq import read_cBpack

        buckets = read_cBpack(path)
    for bucket in buckets:
        bucket.sort()  # wordfreq writes them sorted: then this is one pass over each
    return buckets


def _read(name: str) -> dict[str, int]:
    cached = _CACHE.get(name)
    if cached is not None:
        return cached
    buckets = _buckets(name)
    started = time.perf_counter()
    table: dict[str, int] = {}
    # Rarest first, so that a word listed twice keeps its higher value; dict.fromkeys keeps
    # the loop in C.
    for index in range(len(buckets) - 1, -1, -1):
        table.update(dict.fromkeys(buckets[index], 900 - index))
    _CACHE[name] = table
    read = LOAD_STATS.get(name, (0.0, 0))[0]
    LOAD_STATS[name] = (read + time.perf_counter() - started, len(table))
    return table


def small(lang: str) -> dict[str, int]:
    """Words with Zipf >= 3 (``lang`` "en", "vi", "fr" or "es"), as centi-Zipf."""
    return _read(f"small_{lang}")


def large(lang: str) -> dict[str, int]:
    """The long list (English: down to Zipf 1), as centi-Zipf."""
    return _read(f"large_{lang}")


def zipf100(word: str, lang: str = "en") -> int:
    """Centi-Zipf of a lower-cased ``word`` (0 when unknown), loading the long list."""
    return large(lang).get(word, 0) if lang == "en" else small(lang).get(word, 0)


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
#   (in each worker process that asks enough: ``prepare_compounds`` shares only the long list
#   and its lines). (Looping over the short list and looking each compound up, 5-15 ms a
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


def prepare_compounds() -> None:
    """Before worker processes fork: load what every compound question needs (the long list
    and its lines), so that the workers share it instead of each building it. Not the two
    indexes: most corpora never ask enough questions to build them (the benchmark's does
    not), and building them here held up every worker by ~150 ms; a worker that asks enough
    builds them itself, while the others go on."""
    _long_words()
    large("en")
    _lines()


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
