"""Kind ``seo-spam``: keywords a spam injector glued into titles and lines of a news page.

The vocabulary of spam (betting, lottery, casino, adult, pharmacy, crypto) is also the
vocabulary of news *about* those topics, so a keyword alone proves nothing. What proves an
injection is where and how the phrase sits: glued to other text with no space, appended to
the title after "_" or " | ", a lowercase fragment between two sentences, Vietnamese spam in
an English line, a line made of nothing else. This kind therefore works in three steps:

1. one compiled regular expression (a prefix trie of every keyword) over the accent-folded
   text finds keyword candidates, each accepted only if its word boundaries or its glue make
   sense (a short ambiguous keyword such as "lô đề" never matches inside another word);
2. on the few lines that hold a keyword, the injected phrase is grown over neighbouring listed
   words (prefixes such as "danh sách", modifiers such as "hôm nay", names that spam writes in
   lowercase such as "ngoại hạng anh") into a *run*; unknown words stop a run, so a fix never
   eats real text it cannot vouch for;
3. each run collects evidence of injection; only runs with enabled evidence are reported
   (``report-bare-keywords`` reports every run, for audits).

Fix safety follows the evidence: cutting a title tail is safe when the next line repeats the
clean title or when the tail after "_" is made only of listed words; anything inside a line is
a guess at the phrase's boundary and is unsafe.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import pairwise

from ..core.document import Document, Line
from ..core.model import Applicability, Finding, Fix
from ..core.options import option_error
from ..core.rule import Rule
from ..text.folding import fold_accents
from ..text.regex.lazy import LazyPattern
from ..text.regex.safety import compile_alternatives

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
_FLEX_SPACE = "\x00"  # trie atom: an optional space, "_" or "-" inside a keyword ("soicau")
_DIGITS = "\x01"  # trie atom: "#" in a listed word, any number ("top #", "euro #")
_SPACE_CLASS = " \u00a0"
_VIETNAMESE = LazyPattern(r"[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]")
_LETTERS = LazyPattern(r"[^\W\d_]+")
_ASCII_WORD = LazyPattern(r"(?<![^\W\d_])[A-Za-z]{2,}(?![^\W\d_])")  # whole words: not "Ng" of "Ngày"
_NUMBER = LazyPattern(r"(?<![\w/.,:-])\d+(?![\w/.,:-]\w)(?![\w])")
_SENTENCE_END = LazyPattern(r"[^\s.!?]{2,}[.!?][\"'”’)]?[ \u00a0]+\Z")
_ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "st", "jr", "sr", "inc", "corp", "co", "ltd", "no", "vs", "etc",
        "gen", "sen", "rep", "gov", "dept", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
        "sept", "oct", "nov", "dec", "mt", "ft", "est", "approx", "fig",
    }
)
_QUOTES_OPEN = "(\"'“‘[«"
_WORD_CHARS = LazyPattern(r"[^\W_]+")
_LETTER_DIGIT = LazyPattern(r"[0-9](?:(?<=[a-z][0-9])|(?=[a-z]))")  # on folded lowercase text
_SEPARATORS = LazyPattern(r"[\s_\-]+")
_DIGIT_RUN = LazyPattern(r"\d+")
_DIGIT_EDGE = LazyPattern(r"\A\d{5}|\d{5}\Z")
_TRAILING_DIGITS = LazyPattern(r"[ \u00a0]*\d+\Z")


@dataclass(frozen=True)
class _Entry:
    """A listed keyword: its group (category and language) and how it may match."""

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


@dataclass(frozen=True)
class Options:
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
    brand_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    aux_regex: LazyPattern = field(init=False, repr=False, compare=False)
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
        set_(self, "brand_regex", compile_alternatives("brand-patterns", self.brand_patterns))
        set_(self, "aux_regex", LazyPattern(partial(_trie_pattern, aux_words)))
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
            aux_written[_aux_key(word)] = (*aux_written.get(_aux_key(word), ()), word)
        set_(self, "aux_written", aux_written)


# ----- keyword compilation ---------------------------------------------------------------
def _key(word: str) -> str:
    """A keyword's identity: folded, lowercase, without spaces ("Soi kèo" = "soikeo")."""
    return _SEPARATORS.sub("", fold_accents(word.strip()).lower())


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


def _topic_pattern(words: tuple[str, ...]) -> str:
    trie = _trie(_atoms(w, flexible=False) for w in words if w.strip())
    return rf"(?<![^\W_])(?:{_render(trie) or '(?!)'})(?![^\W_])"


_Trie = dict[str, "_Trie"]


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


# ----- runs -----------------------------------------------------------------------------
@dataclass
class _Element:
    start: int
    end: int
    kind: str  # "kw", "brand", "name", "aux", "num"
    entry: _Entry | None = None


@dataclass
class _Run:
    line: Line
    elements: list[_Element]
    glue_left: str = ""  # "", "alnum", "punct", "underscore"
    glue_right: bool = False
    glue_inside: bool = False

    @property
    def start(self) -> int:
        return self.elements[0].start

    @property
    def end(self) -> int:
        return self.elements[-1].end

    @property
    def keywords(self) -> list[_Element]:
        return [e for e in self.elements if e.kind in ("kw", "brand")]

    @property
    def category(self) -> str:
        for element in self.keywords:
            if element.entry is not None:
                return element.entry.category
        return "betting"


class _Context:
    """Per-document state shared by the checks of one run."""

    def __init__(self, doc: Document, options: Options) -> None:
        self.doc = doc
        self.text = doc.text
        text = doc.text
        self.folded = text.lower() if text.isascii() else _lower_same_length(fold_accents(text))
        self.options = options
        self.category_lines: dict[str, set[int]] = {}

    def keyword_matches(self) -> dict[int, list[_Element]]:
        by_line: dict[int, list[_Element]] = {}
        matches = [(start, end, "kw") for start, end in self.options.keyword_scanner.spans(self.folded)]
        matches = [m for m in matches if m[1] > m[0]]
        taken = [(m[0], m[1]) for m in matches]
        for start, end in self._brand_spans():
            inside = [(a, b) for a, b in taken if start < b and a < end]
            if inside and self._brand_holds(start, end, inside):
                # "kubet11" is one brand, not the listed "kubet" and a stray "11"
                matches = [m for m in matches if (m[0], m[1]) not in inside]
                inside = []
            if not inside:
                matches.append((start, end, "brand"))
        matches.sort()
        starts = {m[0] for m in matches}
        for start, end, kind in matches:
            line = self.doc.line_at(start)
            if line is None or end > line.end:
                continue
            element = self._accept(start, end, kind, line, starts)
            if element is None:
                continue
            by_line.setdefault(line.index, []).append(element)
            category = element.entry.category if element.entry else "betting"
            self.category_lines.setdefault(category, set()).add(line.index)
        return by_line

    def _brand_holds(self, start: int, end: int, inside: list[tuple[int, int]]) -> bool:
        """True when a brand-pattern match is longer than the listed brands it overlaps, holds
        them whole, and its extra characters end the line or run into more letters: "kubet11soi
        kèo" is "kubet11", but in "March kubet20, 2025" the "20" is the host's day."""
        after = self.text[end : end + 1]
        if after and not after.isalpha() and after not in "\r\n":
            return False
        return all(
            start <= a and b <= end and (b - a) < (end - start)
            and (entry := self.options.entries.get(_key(self.folded[a:b]))) is not None
            and entry.group.endswith("-brands")
            for a, b in inside
        )

    def _brand_spans(self) -> Iterator[tuple[int, int]]:
        """Brand-pattern matches, searched only in tokens that mix letters and digits ("fb88",
        "ngay98winty"): news text has few of them, so the patterns cost almost nothing."""
        folded = self.folded
        seen_until = -1
        for transition in _LETTER_DIGIT.finditer(folded):
            start = transition.start()
            if start < seen_until:
                continue
            while start > 0 and folded[start - 1].isalnum() and not _acronym_end(self.text, start):
                start -= 1
            end = transition.end()
            while end < len(folded) and folded[end].isalnum():
                end += 1
            seen_until = end
            for match in self.options.brand_regex.finditer(folded, start, end):
                if match.end() > match.start():
                    yield match.start(), match.end()

    def _accept(
        self, start: int, end: int, kind: str, line: Line, starts: set[int]
    ) -> _Element | None:
        original = self.text[start:end]
        left = self.text[start - 1] if start > line.start else ""
        right = self.text[end] if end < line.end else ""
        glued = left.isalnum() or right.isalnum()
        if kind == "brand":
            # a pattern brand ("98win") may touch text only where letters turn into digits or
            # the reverse ("ngày98win"), or another keyword ("98wintỷ số"): never mid-word
            left_ok = (
                not left.isalnum()
                or left.isalpha() != original[0].isalpha()
                or _acronym_end(self.text, start)
            )
            right_ok = (
                not right.isalnum()
                or right.isalpha() != original[-1].isalpha()
                or end in starts
                or self.options.aux_regex.match(self.folded, end) is not None
            )
            if not (left_ok and right_ok) or _takes_host_digits(self.text, start, end, line):
                return None
            return _Element(start, end, "brand", _Entry("betting-brands", (original,), False))
        entry = self.options.entries.get(_key(self.folded[start:end]))
        if entry is None:
            return None
        if entry.strict and not (original.isascii() or any(_same_word(original, w) for w in entry.written)):
            return None  # "cá đỏ" (red fish) is not "cá độ" (betting)
        if not any(_fewer_marks(original, w) for w in entry.written):
            return None  # "nghĩ đến" holds "ghi de" once folded, but not "ghi đề"
        if _squeezed(original, entry) and original != original.lower():
            return None  # a capitalised one-word form is a name, not a spam domain
        if glued and not entry.may_glue:
            return None
        if glued and entry.strict and original.isascii():
            return None  # "lo de" inside "hello delegates"
        if glued and not entry.group.endswith("-brands"):
            # glued Vietnamese keywords must be distinctive: written with diacritics, or long
            if original.isascii() and len(_key(original)) < 6 and (left.isalpha() or right.isalpha()):
                return None  # "hello delegates" holds "lo de"; "1987xo so" is glued to a date
            if _same_syllable(self.text, line, start, end):
                return None
        return _Element(start, end, "kw", entry)

    def aux_elements(self, line: Line, keywords: list[_Element]) -> list[_Element]:
        """Listed prefixes, modifiers, names and numbers on a line that holds a keyword."""
        candidates: list[tuple[int, int, str]] = []
        for match in self.options.aux_regex.finditer(self.folded, line.start, line.end):
            start, end = match.span()
            if start < end and _takes_host_digits(self.text, start, end, line):
                # "euro 21/04/2021": the day belongs to the date; "euro" alone may still be listed
                digits = _TRAILING_DIGITS.search(self.folded, start, end)
                cut = None
                if digits is not None and digits.start() > start:
                    cut = self.options.aux_regex.match(self.folded, start, digits.start())
                end = start if cut is None else cut.end()
            if start == end:
                continue
            original = self.text[start:end]
            if original != original.lower():
                continue  # spam is lowercase; "Việt Nam" and "Chelsea" are news
            written = self.options.aux_written.get(_aux_key(original), ())
            if not any(_fewer_marks(original, w) for w in written):
                continue  # "mũ" is not "mu"
            candidates.append((start, end, original))
        # listed words may be glued to each other or to a keyword ("man utdtop nhà cái"),
        # never into an unlisted word
        starts = {e.start for e in keywords} | {c[0] for c in candidates}
        ends = {e.end for e in keywords} | {c[1] for c in candidates}
        found: list[_Element] = []
        for start, end, original in candidates:
            if not self._bounded(start, end, line, starts, ends):
                # "ngoại hạng anhđăng": the longest listed form runs into a word, a shorter
                # one ("ngoại hạng") may still end on a boundary
                shorter = self._shorter(start, end, line, starts, ends)
                if shorter is None:
                    continue
                end = shorter
                original = self.text[start:end]
            kind = "name" if _aux_key(original) in self.options.name_keys else "aux"
            found.append(_Element(start, end, kind))
        for match in _NUMBER.finditer(self.text, line.start, line.end):
            found.append(_Element(match.start(), match.end(), "num"))
        return found

    def _shorter(self, start: int, end: int, line: Line, starts: set[int], ends: set[int]) -> int | None:
        """The end of the longest shorter listed form at ``start`` that is bounded, if any."""
        cut = self.folded.rfind(" ", start, end)
        while cut > start:
            match = self.options.aux_regex.match(self.folded, start, cut)
            if match is not None and match.end() > start:
                original = self.text[start : match.end()]
                written = self.options.aux_written.get(_aux_key(original), ())
                if any(_fewer_marks(original, w) for w in written) and self._bounded(
                    start, match.end(), line, starts, ends
                ):
                    return match.end()
            cut = self.folded.rfind(" ", start, cut)
        return None

    def _glued_word(self, start: int, end: int, line: Line) -> bool:
        """A listed word glued after a word ("đănglink"): it must be long and start with a
        consonant after a fragment holding a vowel, or it only continues a syllable
        ("doanh" holds "anh", "dây" holds "ý")."""
        word = self.folded[start:end]
        if len(_key(word)) < 4 or word[0] in _VOWELS or not word[0].isalpha():
            return False
        return not _glued_syllable(self.text, line, start)

    def _bounded(self, start: int, end: int, line: Line, starts: set[int], ends: set[int]) -> bool:
        text = self.text
        left, right = text[start - 1 : start], text[end : end + 1]
        left_ok = (
            start == line.start
            or not left.isalnum()
            or start in ends
            or left.isdigit() != text[start].isdigit()  # "8:59link vào": digits end there
            or (left.isalpha() and self._glued_word(start, end, line))  # "đănglink vào"
        )
        right_ok = (
            end == line.end
            or not right.isalnum()
            or end in starts
            or right.isdigit() != text[end - 1].isdigit()
            or (right.isupper() and text[end - 1].islower())  # "hôm nayNgày đăng": a new word
        )
        return left_ok and right_ok


_NUMBER_JOINERS = "/.,:-"


def _takes_host_digits(text: str, start: int, end: int, line: Line) -> bool:
    """True when a span would cut a digit off a date, time or number of the host text.

    "Ngày đăng<spam> 21/04/2021" must keep its day: a listed word with a number ("euro #",
    "top #") or a brand with digits ("2021win") may own its digits only when they are a whole
    number of their own, not "21" of "21/04/2021" nor "5" of "1.5".
    """
    if _DIGIT_EDGE.search(text, start, end) is not None:
        return True  # "euro 202420, 2025": a number fused with the host's day is not the spam's
    left = (
        text[start].isdigit()
        and start - 2 >= line.start
        and text[start - 1] in _NUMBER_JOINERS
        and text[start - 2].isdigit()
    )
    right = (
        text[end - 1].isdigit()
        and end + 1 < line.end
        and text[end] in _NUMBER_JOINERS
        and text[end + 1].isdigit()
    )
    return left or right


_FINALS = frozenset(("c", "ch", "m", "n", "ng", "nh", "p", "t", "i", "y", "o", "u"))
_VOWELS = frozenset("aeiouy")


def _glued_syllable(text: str, line: Line, start: int) -> bool:
    """True when the letters before ``start`` are only consonants: the same word goes on
    ("c|anh", "b|link"), so nothing was glued there."""
    left = start
    while left > line.start and text[left - 1].isalpha():
        left -= 1
    if _acronym_before(text[left:start], text[start]):
        return False
    fragment = fold_accents(text[left:start]).lower()
    return bool(fragment) and not any(c in _VOWELS for c in fragment)


def _acronym_end(text: str, index: int) -> bool:
    """True when an upper-case run of two letters or more ends right before a lowercase
    ``text[index]``: "PMgo88" is "PM" and a brand, "Fb88" is one brand."""
    return (
        index >= 2
        and text[index].islower()
        and text[index - 1].isupper()
        and text[index - 2].isupper()
    )


def _acronym_before(fragment: str, first: str) -> bool:
    """An upper-case run before a lowercase keyword ("GMTsoi kèo", "PMnhà cái") ends a word of
    its own: consonants only, yet no syllable goes on into the keyword."""
    return len(fragment) >= 2 and fragment.isupper() and first.islower()


def _same_syllable(text: str, line: Line, start: int, end: int) -> bool:
    """True when the letters glued to a match complete a Vietnamese syllable with it.

    "cầu lô|ng" is "cầu lông" (badminton) and "n|ghi đề" is "nghi": a glue that only adds
    a final ("ng", "nh", "c", ...) or only initial consonants is a word, not an injection.
    """
    left = start
    while left > line.start and text[left - 1].isalpha():
        left -= 1
    fragment = fold_accents(text[left:start]).lower()
    consonants = bool(fragment) and not any(c in _VOWELS for c in fragment)
    if consonants and not _acronym_before(text[left:start], text[start]):
        return True
    right = end
    while right < line.end and text[right].isalpha():
        right += 1
    glued = text[end:right].lower()
    return glued in _FINALS


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # "İ" lowercases to two code points; keep offsets aligned by leaving such letters alone
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _same_word(original: str, written: str) -> bool:
    return " ".join(original.lower().split()) == " ".join(written.lower().split())


def _marks(char: str) -> frozenset[str]:
    if char in "đĐ":
        return frozenset("\u0335")
    return frozenset(unicodedata.normalize("NFD", char)[1:])


def _fewer_marks(original: str, written: str) -> bool:
    """True when ``original`` is ``written`` with the same or fewer diacritics.

    Spam is often typed with tones dropped ("sô xô" for "sổ xố", "soi keo" for "soi kèo");
    a different or extra mark makes another word ("nghĩ đến" is not "ghi đề").
    """
    a = _SEPARATORS.sub("", original.lower())
    b = _SEPARATORS.sub("", written.lower().replace("#", ""))
    if "#" in written:
        a = _DIGIT_RUN.sub("", a)
    if len(a) != len(b):
        return False
    return all(
        x == y or (_marks(x) <= _marks(y) and fold_accents(x) == fold_accents(y))
        for x, y in zip(a, b, strict=True)
    )


def _build_runs(ctx: _Context, line: Line, keywords: list[_Element]) -> list[_Run]:
    elements = keywords + [
        e for e in ctx.aux_elements(line, keywords) if not any(_overlap(e, k) for k in keywords)
    ]
    elements = _drop_overlaps(elements)
    text = ctx.text
    chains: list[list[_Element]] = []
    for element in elements:
        if chains and _joinable(text[chains[-1][-1].end : element.start]):
            chains[-1].append(element)
        else:
            chains.append([element])
    runs = []
    for chain in chains:
        chain = _trim_numbers(chain, text, line)
        if not chain or not any(e.kind in ("kw", "brand") for e in chain):
            continue
        run = _Run(line, chain)
        before = text[run.start - 1] if run.start > line.start else ""
        before2 = text[run.start - 2] if run.start - 2 >= line.start else ""
        if before.isalnum():
            run.glue_left = "alnum"
        elif before == "_" and before2.isalnum():
            run.glue_left = "underscore"
        elif (before in ",;:.!?" and before2.isalnum()) or before == "|":
            run.glue_left = "punct"
        run.glue_right = run.end < line.end and text[run.end].isalnum()
        run.glue_inside = any(a.end == b.start for a, b in pairwise(chain)) or any(
            _squeezed(text[e.start : e.end], e.entry) for e in chain if e.kind == "kw"
        )
        runs.append(run)
    return runs


def _squeezed(original: str, entry: _Entry | None) -> bool:
    """A multi-word keyword written as one token ("soicau", "keo_nha_cai"): a domain-style
    spam form that prose never uses, so it counts as glued."""
    if entry is None or not any(" " in w for w in entry.written):
        return False
    return original.count(" ") < min(w.count(" ") for w in entry.written if " " in w)


def _overlap(a: _Element, b: _Element) -> bool:
    return a.start < b.end and b.start < a.end


def _drop_overlaps(elements: list[_Element]) -> list[_Element]:
    rank = {"kw": 0, "brand": 0, "name": 1, "aux": 2, "num": 3}
    ordered = sorted(elements, key=lambda e: (rank[e.kind], -(e.end - e.start), e.start))
    kept: list[_Element] = []
    for element in ordered:
        if not any(_overlap(element, k) for k in kept):
            kept.append(element)
    return sorted(kept, key=lambda e: e.start)


def _joinable(gap: str) -> bool:
    return gap == "" or (len(gap) <= 3 and all(c in _SPACE_CLASS for c in gap))


def _trim_numbers(chain: list[_Element], text: str, line: Line) -> list[_Element]:
    """A number belongs to the phrase between listed words, at the end of the line, or right
    after a keyword when it is no year ("soi cầu 568"); in "slovakia 2025 - 21:38" or
    "chelsea 1, 1987" it is the date's."""
    while chain and chain[0].kind == "num":
        chain = chain[1:]
    while chain and chain[-1].kind == "num":
        last = chain[-1]
        digits = text[last.start : last.end]
        if len(chain) > 1 and text[last.end : line.end].strip() == "" and not _YEAR.fullmatch(digits):
            break  # "soi cầu 568" ends the line; "March 31,nhà cái 1987" keeps its year
        follows_keyword = len(chain) > 1 and chain[-2].kind in ("kw", "brand")
        if follows_keyword and not _YEAR.fullmatch(digits) and text[last.end : last.end + 1] in ("", " "):
            break
        chain = chain[:-1]
    return chain


_YEAR = LazyPattern(r"1[89]\d\d|20\d\d")


# ----- evidence -------------------------------------------------------------------------
def _evidence(ctx: _Context, run: _Run, title_index: int | None) -> list[str]:
    text = ctx.text
    line = run.line
    found: list[str] = []
    before = text[line.start : run.start]
    after = text[run.end : line.end]
    weak = _weak(ctx, run)
    if (run.glue_left or run.glue_right or run.glue_inside) and not _in_address(before, after):
        found.append("glued")
    phrase = text[run.start : run.end]
    lowercase = phrase == phrase.lower()
    outside = before + " " + after
    if lowercase and not before.rstrip().endswith(tuple(_QUOTES_OPEN)):
        vietnamese_run = any(
            e.entry is not None and e.entry.group.endswith("-vi") for e in run.keywords
        ) or bool(_VIETNAMESE.search(phrase))
        english_run = any(e.entry is not None and e.entry.group.endswith("-en") for e in run.keywords)
        # names keep their diacritics in English copy ("Tô Lâm", "Hà Nội"); Vietnamese prose
        # has lowercase words with them
        other_is_vi = _accented_lowercase_words(outside) >= 2
        vietnamese_in_english = (
            vietnamese_run and not other_is_vi and len(_ASCII_WORD.findall(outside)) >= 3
        )
        english_in_vietnamese = english_run and len(_VIETNAMESE.findall(outside)) >= 3
        # a phrase, not a lone loanword: "the lottery, known locally as xổ số," is news
        glossed = after.lstrip().startswith(("(", ")", '"', "'", "”", "’", "»"))
        phrase_like = len(run.elements) >= 2 or len(phrase.split()) >= 3
        if (vietnamese_in_english or english_in_vietnamese) and phrase_like and not glossed:
            found.append("foreign")
        if _after_sentence(before) and (after.strip() == "" or _starts_sentence(after)):
            found.append("sentence-start")
        if any(e.kind == "name" for e in run.elements):
            found.append("lowercase-name")
        if _off_topic(ctx, run, title_index, weak):
            found.append("off-topic")
        if line.index != title_index and line.index < 6 and _is_dateline(before + " " + after):
            found.append("dateline")
    if line.index == title_index and run.end == line.end and lowercase and before.endswith(" "):
        words = before.split()
        # an article about lotteries mentions them in its body; an injected tail does not
        categories = _categories(run)
        elsewhere = any(ctx.category_lines.get(c, set()) - {line.index} for c in categories)
        if weak and not elsewhere:
            # a sports headline ends with "lịch thi đấu vòng 4" when its story is football
            elsewhere = _mentions_topic(ctx, categories, ctx.folded[line.eol_end :])
        if len(words) >= 2 and len(run.elements) >= 2 and not elsewhere:
            found.append("title-end")
    if weak:
        # a sports page writes "lịch thi đấu" lowercase, after a full stop, next to a lowercase
        # "anh"; only debris glued to the phrase, or a domain-style squeeze, betrays an injection
        digit_glue = (run.glue_left == "alnum" and text[run.start - 1].isdigit()) or (
            run.glue_right and text[run.end].isdigit()
        )
        strong_glue = run.glue_inside or run.glue_left == "underscore" or digit_glue or bool(
            run.glue_left == "alnum" and _debris(text, line, run.start)
        )
        found = [
            e for e in found
            if e not in ("sentence-start", "lowercase-name") and (e != "glued" or strong_glue)
        ]
    return found


def _weak(ctx: _Context, run: _Run) -> bool:
    """True when every keyword of the run is of a weak category (see ``Options``)."""
    weak = ctx.options.weak_categories
    return bool(weak) and _categories(run) <= set(weak)


_ADDRESS = LazyPattern(r"://|www\.|@|\.(?:com|net|org|info|vn|io|co|tv|me|top|club|bet|xyz|asia)\b", re.I)


def _in_address(before: str, after: str) -> bool:
    """A keyword inside a web or mail address ("fb88vn.com") is glued by the address, not by
    an injector; news quoting a gambling site's address is not spam."""
    head = before.rsplit(None, 1)[-1] if before.strip() and not before[-1].isspace() else ""
    tail = after.split(None, 1)[0] if after.strip() and not after[0].isspace() else ""
    return _ADDRESS.search(head + "x" + tail) is not None


def _off_topic(ctx: _Context, run: _Run, title_index: int | None, weak: bool = False) -> bool:
    """Keyword plus a sales word ("uy tín", "hôm nay", "30 ngày") in an article that nowhere
    else touches the keyword's topic: "béo phì, casino trực tuyến hôm nay chính xác huyết áp".
    News about betting mentions betting in more than one line; a sales pitch is out of place.
    A weak-category phrase with a lowercase name or two keywords needs no sales word: a
    fixture list ("lịch thi đấu ... tây ban nha") in a story about school exams is out of
    place, while "bảng xếp hạng top 500" is a university ranking."""
    promo = ctx.options.promo_keys
    text = ctx.text
    sales = any(e.kind == "aux" and _aux_key(text[e.start : e.end]) in promo for e in run.elements)
    named = any(e.kind == "name" for e in run.elements) or len(run.keywords) >= 2
    if not sales and not (weak and named):
        return False
    if sum(1 for line in ctx.doc.lines if not line.is_blank) < 4:
        return False
    categories = _categories(run)
    skip = {run.line.index, title_index}
    if any(ctx.category_lines.get(c, set()) - skip for c in categories):
        return False
    # "vé số", "đánh bạc", "gambling": the article is about the topic without a listed keyword
    return not _mentions_topic(ctx, categories, ctx.folded[: run.start] + "\n" + ctx.folded[run.end :])


def _mentions_topic(ctx: _Context, categories: Iterable[str], folded: str) -> bool:
    """True when ``folded`` text holds a topic word (`topic-words`) of one of the categories."""
    for category in categories:
        regex = ctx.options.topic_regex.get(category)
        if regex is not None and regex.search(folded) is not None:
            return True
    return False


_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATE = LazyPattern(
    # digits may touch letters: spam glued to a date leaves it a date ("21/04/2021win")
    rf"(?<!\d)\d{{1,2}}/\d{{1,2}}/\d{{2,4}}(?!\d)|(?<!\d)\d{{4}}-\d{{2}}-\d{{2}}(?!\d)"
    rf"|\b(?:{_MONTHS})\.? \d{{1,2}}(?!\d)"
    r"|\bthứ (?:hai|ba|tư|năm|sáu|bảy)\b|\bchủ nhật\b",
    re.IGNORECASE,
)


def _is_dateline(rest: str) -> bool:
    """A short line near the top that holds a date: nothing but a date and a time belongs in
    it, so a keyword phrase there was put there ("Thứ năm, kèo nhà cái 01/10/2020")."""
    if len(rest.strip()) > 60 or _DATE.search(rest) is None:
        return False
    # beyond the date only a label or two may stand there ("Ngày đăng", "GMT", "PM")
    return len(re.findall(r"[^\W\d_]+", _DATE.sub(" ", rest))) <= 3


def _accented_lowercase_words(text: str) -> int:
    """Lowercase words with diacritics: many in Vietnamese prose, few in English copy."""
    return sum(
        1 for word in _LETTERS.findall(text)
        if not word.isascii() and word == word.lower() and _VIETNAMESE.search(word)
    )


def _after_sentence(before: str) -> bool:
    match = _SENTENCE_END.search(before)
    if match is None:
        return False
    word = match.group(0).strip().rstrip("\"'”’)").rstrip(".!?")
    return "." not in word and word.lower() not in _ABBREVIATIONS and not (len(word) == 1 and word.isupper())


def _starts_sentence(after: str) -> bool:
    stripped = after.lstrip(_SPACE_CLASS)
    return after != stripped and bool(stripped) and (stripped[0].isupper() or stripped[0].isdigit())


def _stuffed(ctx: _Context, runs: list[_Run], is_title: bool) -> set[int]:
    """Indexes of runs whose phrase repeats (stuffing) within the line."""
    counts: dict[str, list[int]] = {}
    for index, run in enumerate(runs):
        if len(run.elements) < 2:
            continue  # a topic word repeated in a paragraph about it is not stuffing
        counts.setdefault(_key(ctx.text[run.start : run.end]), []).append(index)
    need = 2 if is_title else ctx.options.stuffing_repeats
    stuffed = {i for indexes in counts.values() if len(indexes) >= need for i in indexes}
    for index, run in enumerate(runs):
        keys = [_key(ctx.text[e.start : e.end]) for e in run.keywords]
        if len(keys) != len(set(keys)):
            stuffed.add(index)  # "nhà cái uy tín nhà cái uy tín" in one breath
    return stuffed


# ----- the check ------------------------------------------------------------------------
def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    options: Options = rule.options
    if not doc.text or doc.binary:
        return
    ctx = _Context(doc, options)
    by_line = ctx.keyword_matches()
    title_index = doc.title_line
    enabled = set(options.evidence)
    allowed_lines = None
    if rule.scope != "document":
        allowed_lines = {line.index for line in doc.scope_lines(rule.scope)}
    title_done = False
    for index in sorted(by_line):
        if allowed_lines is not None and index not in allowed_lines:
            continue
        line = doc.lines[index]
        runs = _build_runs(ctx, line, by_line[index])
        if not runs:
            continue
        is_title = index == title_index
        stuffed = _stuffed(ctx, runs, is_title)
        evidence = [_evidence(ctx, run, title_index) for run in runs]
        for i in stuffed:
            evidence[i].append("stuffing")
        if is_title:
            finding = _title_tail(ctx, rule, line, runs, evidence, enabled)
            if finding is not None:
                title_done = True
                yield finding
                continue
        finding = _spam_line(ctx, rule, line, runs, evidence, enabled)
        if finding is not None:
            yield finding
            continue
        for run, found in zip(runs, evidence, strict=True):
            usable = [e for e in found if e in enabled]
            if not usable and options.report_bare_keywords:
                usable = ["keyword"]
            if usable:
                yield _inline(ctx, rule, run, usable)
    if (
        not title_done
        and "underscore-tail" in enabled
        and title_index is not None
        and (allowed_lines is None or title_index in allowed_lines)
        and title_index not in by_line
    ):
        finding = _underscore_tail(ctx, rule, doc.lines[title_index])
        if finding is not None:
            yield finding


def _describe(evidence: Iterable[str]) -> str:
    return "; ".join(_EVIDENCE_TEXT[e] for e in dict.fromkeys(evidence))


def _clean_title_follows(ctx: _Context, line: Line, clean: str) -> bool:
    """True when the next non-blank line is the title without its tail (seed 004)."""
    clean = clean.strip()
    if not clean:
        return False
    for other in ctx.doc.lines[line.index + 1 : line.index + 3]:
        if other.is_blank:
            continue
        return other.text.strip().lstrip("\ufeff") == clean.lstrip("\ufeff")
    return False


def _title_tail(
    ctx: _Context,
    rule: Rule,
    line: Line,
    runs: list[_Run],
    evidence: list[list[str]],
    enabled: set[str],
) -> Finding | None:
    """A spam tail appended to the title after a separator, or after a space at its end."""
    text = ctx.text
    for run, found in zip(runs, evidence, strict=True):
        before = text[line.start : run.start]
        sep_match = ctx.options.separator_regex.search(before)
        separator = sep_match.group().strip() if sep_match else None
        head = before[: sep_match.start()] if sep_match else ""
        first_letter = next((c for c in text[run.start : line.end] if c.isalpha()), "")
        if (
            separator is not None
            and head.strip()
            and (separator == "_" or first_letter.islower() or _clean_title_follows(ctx, line, head))
        ):
            head = head.rstrip()
            cut_from = line.start + len(head)
            tail_start = run.start
            reasons = ["title-tail"]
        elif "title-end" in found:
            head = before.rstrip()
            cut_from = line.start + len(head)
            tail_start = run.start
            reasons = ["title-end"]
        else:
            continue
        proof = _clean_title_follows(ctx, line, head)
        if proof:
            reasons.append("repeated-title")
        reasons.extend(e for e in found if e not in ("title-end",))
        if not any(r in enabled for r in reasons):
            return None
        tail = text[tail_start : line.end]
        covered = all(_joinable(text[a.end : b.start]) for a, b in pairwise(run.elements))
        only_listed = covered and not text[run.end : line.end].strip()
        safe = ("repeated-title" in reasons and "repeated-title" in enabled) or (
            separator == "_" and only_listed
        )
        why = "the next line repeats the clean title" if proof else "listed spam words only"
        message = f"{run.category} spam appended to the title: {tail!r} ({_describe(reasons)})"
        fix = Fix.delete(
            cut_from,
            line.end,
            f"Remove the title tail {text[cut_from:line.end]!r}"
            + (f" ({why})" if safe else " (check that it is not part of the headline)"),
            Applicability.SAFE if safe else Applicability.UNSAFE,
        )
        return rule.finding(tail_start, line.end, message, fix)
    return None


def _spam_line(
    ctx: _Context,
    rule: Rule,
    line: Line,
    runs: list[_Run],
    evidence: list[list[str]],
    enabled: set[str],
) -> Finding | None:
    """A line made only of spam: one run covering it, or glued keywords and nothing else."""
    if "spam-line" not in enabled:
        return None
    text = line.text
    stripped = text.strip()
    if not stripped or stripped != stripped.lower():
        return None
    offset = line.start
    lead = len(text) - len(text.lstrip())
    first, last = runs[0], runs[-1]
    whole = (
        len(runs) == 1
        and first.start == offset + lead
        and first.end == offset + len(text.rstrip())
        and len(first.elements) >= 2
    )
    glued = [r for r in runs if r.glue_inside or r.glue_left == "alnum" or r.glue_right]
    covered = sum(r.end - r.start for r in runs)
    uncovered = text[: first.start - offset] + "".join(
        text[a.end - offset : b.start - offset] for a, b in pairwise(runs)
    ) + text[last.end - offset :]
    numbers_ok = _glued_numbers_only(text, [(r.start - offset, r.end - offset) for r in runs])
    loose = (
        bool(glued)
        and numbers_ok
        and first.start - offset == lead
        and not re.search(r"[.!?,;:()\"“”]", stripped)
        and len(stripped.split()) <= 30
        and covered * 2 >= len(stripped)
        and last.end >= offset + len(text.rstrip()) - 40
    )
    # a short lowercase line that opens with a keyword, on a topic no other line touches:
    # "hb88", "xem bóng đá trực tuyến" alone under an article about trade
    alone = (
        first.start - offset == lead
        and numbers_ok  # "kubet01/10/2020": the date stays
        and len(uncovered.split()) <= 3
        and len(stripped.split()) <= 8
        and not re.search(r"[.!?,;:()\"“”]", stripped)
        and not _topic_elsewhere(ctx, runs, line)
    )
    if not (whole or loose or alone):
        return None
    found = ["spam-line", *(e for ev in evidence for e in ev)]
    message = f"{first.category} spam line: {stripped!r} ({_describe(found)})"
    start, end = _line_deletion(ctx, line)
    # listed keywords glued into one another with nothing else on the line carry no news:
    # deleting such a line cannot change what the article says
    safe = whole and first.glue_inside and len(first.keywords) >= 2
    fix = Fix.delete(
        start,
        end,
        "Delete the spam line" + (" (only listed spam words, glued together)" if safe else ""),
        Applicability.SAFE if safe else Applicability.UNSAFE,
    )
    return rule.finding(offset + lead, offset + len(text.rstrip()), message, fix)


def _glued_numbers_only(text: str, spans: list[tuple[int, int]]) -> bool:
    """True when the digits a spam line's runs leave over are bare numbers glued to a run
    ("fb88nhà cái uy tín2024", "kubet11soi kèo"): the spam's own. A date, a time or a decimal
    ("kubet01/10/2020"), or a number standing apart, may be the host's and keeps the line."""
    edges = [0, *(x for span in spans for x in span), len(text)]
    for left, right in zip(edges[::2], edges[1::2], strict=True):
        piece = text[left:right]
        if not any(c.isdigit() for c in piece):
            continue
        core = piece.strip()
        if not core.isdigit() or core != piece:
            return False  # "01/10/2020", "568 " apart from the runs
        touches = (left > 0 and text[left - 1].isalpha()) or (right < len(text) and text[right].isalpha())
        if not touches:
            return False
    return True


def _topic_elsewhere(ctx: _Context, runs: list[_Run], line: Line) -> bool:
    """True when another line of the document touches the topic of the runs' keywords."""
    categories = {c for run in runs for c in _categories(run)}
    if any(ctx.category_lines.get(c, set()) - {line.index} for c in categories):
        return True
    return _mentions_topic(ctx, categories, ctx.folded[: line.start] + "\n" + ctx.folded[line.end :])


def _categories(run: _Run) -> set[str]:
    return {e.entry.category if e.entry else "betting" for e in run.keywords}


def _line_deletion(ctx: _Context, line: Line) -> tuple[int, int]:
    """The span that removes a line and keeps the paragraph layout around it."""
    lines = ctx.doc.lines
    index = line.index
    k = index - 1
    while k >= 0 and lines[k].is_blank:
        k -= 1
    blank_above = k < index - 1
    nxt = lines[index + 1] if index + 1 < len(lines) else None
    if nxt is None and blank_above:
        # "para\n\nspam" at the end: drop the blank lines too, keep para's own newline
        return lines[k + 1].start, line.eol_end
    if line.eol_end > line.end:
        end = line.eol_end
        if blank_above and nxt is not None and nxt.is_blank:
            end = nxt.eol_end  # "para\n\nspam\n\npara": drop one of the blank lines too
        elif k < 0:
            # "spam\n\nTitle": the file then starts with its title, not with a blank line
            after = index + 1
            while after < len(lines) and lines[after].is_blank and lines[after].eol_end > lines[after].end:
                after += 1
            if after < len(lines):
                end = lines[after].start
        return line.start, end
    # last line without a terminator: remove the newline before it
    return (lines[k].end if k >= 0 else line.start), line.end


def _inline(ctx: _Context, rule: Rule, run: _Run, evidence: list[str]) -> Finding:
    """A phrase inside a line: remove it with its debris and mend the spacing."""
    text = ctx.text
    line = run.line
    start, end = run.start, run.end
    debris = ""
    if run.glue_left == "alnum":
        # "20,ôLâsoi kèo": the remains of "Tô Lâm" go with the spam
        debris = _debris(text, line, start) or _title_debris(ctx, line, start)
        start -= len(debris)
    del_start, del_end, content = _mend(text, line, start, end)
    if not (text[line.start : del_start] + content + text[del_end : line.end]).strip():
        del_start, del_end = _line_deletion(ctx, line)  # nothing left: drop the line itself
        content = ""
    phrase = text[start:end]
    message = f"{run.category} spam in the line: {phrase!r} ({_describe(evidence)})"
    what = f"Remove {text[del_start:del_end]!r}"
    if debris:
        what += f" (the keyword and the debris {debris!r} glued to it)"
    fix = Fix.replace(del_start, del_end, content, what, Applicability.UNSAFE)
    return rule.finding(start, end, message, fix)


def _debris(text: str, line: Line, start: int) -> str:
    """The letters glued before ``start`` when they are an injector's spun debris: after a
    comma ("20,ôLâsoi kèo") or with a case change inside ("chàomừNhiệt…"). Debris is a word
    cut in the middle, so it starts lowercase: "PetroVietnam", "VinFast" or "iPhone" glued to
    spam are the host's names. A lost space ("theolịch") is one lowercase word, and digits
    are always the host's ("20,15nhà cái")."""
    frag_start = start
    while frag_start > line.start and text[frag_start - 1].isalnum():
        frag_start -= 1
    fragment = text[frag_start:start]
    if not fragment or any(c.isdigit() for c in fragment) or not fragment[0].islower():
        return ""
    if len(fragment) >= 4 and fragment[1].isupper() and fragment[2:].islower():
        return ""  # "iPhone", "eSports": a brand written with one inner capital
    before = text[frag_start - 1] if frag_start > line.start else ""
    mixed = any(a.islower() and b.isupper() for a, b in pairwise(fragment))
    return fragment if (before != "" and before in ",;") or mixed else ""


def _title_debris(ctx: _Context, line: Line, start: int) -> str:
    """Text between a comma and a glued keyword that is a piece of the title ("20,ê Mikèo"
    when the title names "Lê Minh"): the injector's copy of the title, not the line's own."""
    title = ctx.doc.title
    if title is None or title.index == line.index:
        return ""
    squeezed = "".join(title.text.split())
    text = ctx.text
    for begin in range(start - 1, max(line.start, start - 16), -1):
        if text[begin - 1] in ",;" and begin > line.start:
            piece = text[begin:start]
            if not any(c.isdigit() for c in piece) and "".join(piece.split()) in squeezed:
                return piece
            return ""
    return ""


_TRAILING_SEPARATOR = LazyPattern(r"[ \u00a0]*(?:[_|–—/-]|::)[ \u00a0]*\Z")


def _mend(text: str, line: Line, start: int, end: int) -> tuple[int, int, str]:
    """Deletion span and replacement so no doubled space or dangling separator remains."""
    left = text[line.start : start]
    right = text[end : line.end]
    if not right.strip():
        end = line.end
        start = line.start + len(left.rstrip())
        separator = _TRAILING_SEPARATOR.search(text[line.start : start])
        if separator is not None and text[line.start : line.start + separator.start()].strip():
            start = line.start + separator.start()
        return start, end, ""
    if not left or left[-1] in _SPACE_CLASS:
        if right[0] in _SPACE_CLASS:
            end += len(right) - len(right.lstrip(_SPACE_CLASS))
        elif left and not right[0].isalnum():
            start -= len(left) - len(left.rstrip(_SPACE_CLASS))  # "Thursday soi kèo, …"
        return start, end, ""
    if right[0].isalnum() and left[-1].isalnum():
        return start, end, " "
    return start, end, ""


def _underscore_tail(ctx: _Context, rule: Rule, line: Line) -> Finding | None:
    """"Title_some lowercase words" whose words occur nowhere in the article: no keyword
    needed, because a real headline never ends in a glued, lowercase, unrelated phrase."""
    text = line.text
    match = re.search(r"(?<=[^\W_])_(?=[^\W_])", text)
    if match is None:
        return None
    cut = max(m.start() for m in re.finditer(r"(?<=[^\W_])_(?=[^\W_])", text))
    tail = text[cut + 1 :].rstrip()
    head = text[:cut]
    words = _WORD_CHARS.findall(tail)
    if len(words) < 2 or tail != tail.lower() or not head.strip() or "_" in tail:
        return None
    start = line.start + cut + 1
    listed = [e for e in ctx.aux_elements(line, []) if e.start >= start]
    listed = _drop_overlaps(listed)
    only_listed = (
        sum(e.kind != "num" for e in listed) >= 2
        and listed[0].start == start
        and listed[-1].end == line.start + len(text.rstrip())
        and all(_joinable(ctx.text[a.end : b.start]) for a, b in pairwise(listed))
    )
    if not only_listed:
        rest = fold_accents(ctx.text[: line.start] + ctx.text[line.eol_end :]).lower()
        rest_words = set(_WORD_CHARS.findall(rest))
        long_words = [fold_accents(w) for w in words if len(w) >= 3 and not w.isdigit()]
        if not long_words or any(w in rest_words for w in long_words):
            return None
    proof = _clean_title_follows(ctx, line, head)
    reasons = ["underscore-tail"] + (["repeated-title"] if proof else [])
    message = f"spam appended to the title: {tail!r} ({_describe(reasons)})"
    fix = Fix.delete(
        line.start + cut,
        line.start + len(text.rstrip()),
        f"Remove the title tail {text[cut:].rstrip()!r}"
        + (" (the next line repeats the clean title)" if proof else ""),
        Applicability.SAFE if proof else Applicability.UNSAFE,
    )
    return rule.finding(start, line.start + len(text.rstrip()), message, fix)
