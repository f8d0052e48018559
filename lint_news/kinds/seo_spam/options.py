"""Options of ``seo-spam``: the keyword groups, evidence names and their compiled forms.

The rule file holds the data; everything derived from it (tries, aux-word tables, topic
patterns) is built once per configuration here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial
from typing import NamedTuple

from ...core.options import KindOptions, option_error
from ...text.regex.lazy import LazyPattern
from ...text.regex.safety import compile_alternatives
from .lexicon import (
    _AutomatonScanner,
    _aux_key,
    _key,
    _topic_pattern,
    _trie_pattern,
    _TrieMatcher,
    _TrieScanner,
)

EVIDENCE = (
    "glued",
    "title-tail",
    "repeated-title",
    "title-end",
    "spam-line",
    "foreign",
    "sentence-start",
    "lowercase-name",
    "stuffing",
    "underscore-tail",
    "off-topic",
    "dateline",
)
_EVIDENCE_TEXT = {
    "glued": "glued to other text",
    "title-tail": "appended to the title",
    "repeated-title": "the next line repeats the title without it",
    "title-end": "ends the title and is found nowhere else",
    "spam-line": "a line of spam phrases only",
    "foreign": "in a line of another language",
    "sentence-start": "a lowercase fragment between sentences",
    "lowercase-name": "holds a name written in lowercase",
    "stuffing": "the same phrase repeated",
    "underscore-tail": "title tail glued with '_' whose words occur nowhere else",
    "off-topic": "a promotional phrase on a topic the article never mentions",
    "dateline": "inside the date line",
    "keyword": "listed keyword",
}


class _Entry(NamedTuple):
    """A listed keyword: its group (category and language) and how it may match.

    (A named tuple, as ``_Element``: built in C, and its class costs a quarter of a
    dataclass's to create when the kind is imported.)"""

    group: str
    written: tuple[str, ...]
    strict: bool

    @property
    def category(self) -> str:
        return self.group.split("-", 1)[0]

    @property
    def may_glue(self) -> bool:
        """Vietnamese spam and brand tokens are glued by injectors; English words are not
        matched inside other words ("casinos", "hello delegates")."""
        return self.group.endswith(("-vi", "-brands"))


class _Element(NamedTuple):
    """A listed keyword, brand, name, aux word or number found on a line (what runs are made
    of; here, below both the context that finds them and the runs built from them)."""

    start: int
    end: int
    kind: str  # "kw", "brand", "name", "aux", "num"
    entry: _Entry | None = None


@dataclass(frozen=True, eq=False, repr=False)  # compared and shown by KindOptions
class Options(KindOptions):
    """The rule file holds the data; see ``lint-news rule seo-spam``.

    ``keywords`` groups are named ``<category>-<language>`` (``betting-vi``, ``pharmacy-en``)
    or ``<category>-brands``: the category goes into the message, and only ``-vi`` and
    ``-brands`` keywords may be glued inside other text (English words must stand alone, or
    "casinos" would hold "casino"). ``weak-categories`` name categories whose words are
    everyday vocabulary of real news in their field (``football``: "lịch thi đấu",
    "live score"): their phrases need evidence that a sports desk never produces (debris
    glued to them, a topic the article never mentions, another language, a title tail).
    ``prefixes``, ``modifiers`` and ``names`` are never reported alone; they only extend a
    phrase around a keyword so that a fix removes all of it, and a lowercase name is itself
    evidence. "#" in them stands for a number.
    """

    keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)
    accent_strict: tuple[str, ...] = ()
    brand_patterns: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    modifiers: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    promo_words: tuple[str, ...] = ()
    topic_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    weak_categories: tuple[str, ...] = ()
    title_separators: tuple[str, ...] = ("_", " | ", " - ", " – ", " — ")
    evidence: tuple[str, ...] = EVIDENCE
    report_bare_keywords: bool = False
    stuffing_repeats: int = 3
    keyword_regex: LazyPattern = field(init=False, repr=False, compare=False)
    keyword_scanner: _TrieScanner = field(init=False, repr=False, compare=False)
    keyword_automaton: _AutomatonScanner = field(init=False, repr=False, compare=False)
    brand_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    aux_regex: LazyPattern = field(init=False, repr=False, compare=False)
    aux_matcher: _TrieMatcher = field(init=False, repr=False, compare=False)
    entries: dict[str, _Entry] = field(init=False, repr=False, compare=False)
    name_keys: frozenset[str] = field(init=False, repr=False, compare=False)
    promo_keys: frozenset[str] = field(init=False, repr=False, compare=False)
    topic_regex: dict[str, LazyPattern] = field(init=False, repr=False, compare=False)
    separator_regex: LazyPattern = field(init=False, repr=False, compare=False)
    aux_written: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for index, item in enumerate(self.evidence):
            if item not in EVIDENCE:
                raise option_error(f"evidence.{index}",
                                   f"unknown evidence {item!r} (known: {', '.join(EVIDENCE)})")
        if self.stuffing_repeats < 2:
            raise option_error("stuffing-repeats", "stuffing-repeats must be at least 2")
        for index, sep in enumerate(self.title_separators):
            if not sep.strip():
                raise option_error(f"title-separators.{index}", "a title separator needs a visible character")
        strict = {_key(word) for word in self.accent_strict}
        entries: dict[str, _Entry] = {}
        atoms: list[tuple[str, bool]] = []
        for group, words in self.keywords.items():
            for word in words:
                if not word.strip():
                    raise option_error(f"keywords.{group}", f"empty keyword in group {group!r}")
                key = _key(word)
                known = entries.get(key)
                written = (*(known.written if known else ()), word.strip())
                entry = _Entry(known.group if known else group, written, key in strict)
                entries[key] = entry
                # "soicau" for "soi cầu", but never "logan" for "lô gan": only long keywords
                # may lose their spaces
                atoms.append((word, not entry.strict and len(key) >= 6))
        aux_words = tuple((w, False) for w in (*self.prefixes, *self.modifiers, *self.names))
        set_ = object.__setattr__
        # The keyword tries are rendered and compiled on first use (start-up: about 10 ms);
        # they are built from escaped words, so they cannot fail to compile. The brand
        # patterns are user regexes: compiled now, joined, so a bad one is a config error.
        # No IGNORECASE: the text is folded and lowercased once, which is several times faster.
        set_(self, "keyword_regex", LazyPattern(partial(_trie_pattern, tuple(atoms))))
        set_(self, "keyword_scanner", _TrieScanner(tuple(atoms), self.keyword_regex))
        set_(self, "keyword_automaton", _AutomatonScanner(tuple(atoms), self.keyword_regex))
        set_(self, "brand_regex", compile_alternatives("brand-patterns", self.brand_patterns))
        set_(self, "aux_regex", LazyPattern(partial(_trie_pattern, aux_words)))
        set_(self, "aux_matcher", _TrieMatcher(aux_words, self.aux_regex))
        set_(self, "entries", entries)
        set_(self, "name_keys", frozenset(_aux_key(n) for n in self.names))
        set_(self, "promo_keys", frozenset(_aux_key(n) for n in self.promo_words))
        topic_regex = {
            category: LazyPattern(partial(_topic_pattern, words))
            for category, words in self.topic_words.items()
        }
        set_(self, "topic_regex", topic_regex)
        # " - " needs its spaces ("COVID-19" is no separator); "_" may have them or not
        separators = [
            (r"\s+" if sep[0].isspace() else r"\s*") + re.escape(sep.strip()) + r"\s*\Z"
            for sep in self.title_separators
        ]
        set_(self, "separator_regex", LazyPattern("|".join(separators) or r"(?!)"))
        aux_written: dict[str, tuple[str, ...]] = {}
        for word in (*self.prefixes, *self.modifiers, *self.names):
            key = _aux_key(word)
            aux_written[key] = (*aux_written.get(key, ()), word)
        set_(self, "aux_written", aux_written)
