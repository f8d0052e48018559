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
- ``small("vi")``: 10.7k Vietnamese syllables (0.01 s, ~1 MB).

(Times on a shared, busy machine; they vary about twofold.)

``LOAD_STATS`` records what was loaded, how long it took and how many entries it holds, so
benchmarks can report the cost.
"""

from __future__ import annotations

import gzip
import importlib.util
import os
import time
from typing import Any

__all__ = ["LOAD_STATS", "compounding", "large", "small", "tail_compounding", "zipf100"]

LOAD_STATS: dict[str, tuple[float, int]] = {}
_CACHE: dict[str, dict[str, int]] = {}


def _data_dir() -> str:
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("wordfreq is not installed; it is a lint-news dependency")
    return os.path.join(next(iter(spec.submodule_search_locations)), "data")


def _read(name: str) -> dict[str, int]:
    cached = _CACHE.get(name)
    if cached is not None:
        return cached
    started = time.perf_counter()
    path = os.path.join(_data_dir(), f"{name}.msgpack.gz")
    try:
        import msgpack  # type: ignore[import-untyped]

        with gzip.open(path, "rb") as handle:
            data: Any = msgpack.load(handle, raw=False)
        header = data[0]
        if not (isinstance(header, dict) and header.get("format") == "cB"):
            raise ValueError(f"unexpected wordfreq list header {header!r}")
        buckets = data[1:]
    except (ImportError, ValueError, IndexError):  # pragma: no cover - format changed
        from wordfreq import read_cBpack

        buckets = read_cBpack(path)
    table: dict[str, int] = {}
    # Bucket i holds words of frequency 10^(-i/100), i.e. Zipf 9 - i/100. Rarest first, so
    # that a word listed twice keeps its higher value; dict.fromkeys keeps the loop in C.
    for index in range(len(buckets) - 1, -1, -1):
        table.update(dict.fromkeys(buckets[index], 900 - index))
    _CACHE[name] = table
    LOAD_STATS[name] = (time.perf_counter() - started, len(table))
    return table


def small(lang: str) -> dict[str, int]:
    """Words with Zipf >= 3 (``lang`` "en" or "vi"), as centi-Zipf."""
    return _read(f"small_{lang}")


def large(lang: str) -> dict[str, int]:
    """The long list (English: down to Zipf 1), as centi-Zipf."""
    return _read(f"large_{lang}")


def zipf100(word: str, lang: str = "en") -> int:
    """Centi-Zipf of a lower-cased ``word`` (0 when unknown), loading the long list."""
    return large(lang).get(word, 0) if lang == "en" else small(lang).get(word, 0)


_COMPOUNDS: dict[tuple[str, bool, int], bool] = {}


def _count_compounds(part: str, first: bool, limit: int) -> bool:
    """Whether ``limit`` listed words are part+word (``first``) or word+part, word 4+ letters.

    Looping over the 29k common words and looking each compound up in the long list takes a
    few milliseconds and needs no index (building one over 321k words costs ~0.3 s).
    """
    key = (part, first, limit)
    cached = _COMPOUNDS.get(key)
    if cached is not None:
        return cached
    table = large("en")
    found = 0
    for word in small("en"):
        if len(word) >= 4 and ((part + word) if first else (word + part)) in table:
            found += 1
            if found >= limit:
                break
    _COMPOUNDS[key] = result = found >= limit
    return result


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
