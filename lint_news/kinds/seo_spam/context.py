"""The per-document state the steps of ``seo-spam`` share (``_Context``): folded text, listed
keywords and aux words found once per document, the title and the lines each category is on.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from ...core.document import Document, Line
from ...text.folding import fold_lower, folded_letters, folded_lower
from ...text.machine_data import machine_token_spans
from .lexicon import _aux_key, _key
from .options import Options, _Element, _Entry
from .patterns import _NUMBER, _TRAILING_DIGITS, _letter_digit_bytes
from .spans import (
    _VOWELS,
    _acronym_end,
    _fewer_marks,
    _Fragments,
    _glued_syllable,
    _same_syllable,
    _same_word,
    _squeezed,
    _takes_host_digits,
)

_ALNUM_BYTES = frozenset(b"0123456789abcdefghijklmnopqrstuvwxyz")
_DIGIT_OR_LETTER = bytes.maketrans(b"0123456789abcdefghijklmnopqrstuvwxyz", b"0" * 10 + b"a" * 26)


def _letter_digit(letters: bytes) -> bool:
    """True when a digit touches a letter (``_letter_digit_bytes()`` has a match): two plain
    searches on the letters reduced to "a" and "0", ten times faster than the pattern."""
    classes = letters.translate(_DIGIT_OR_LETTER)
    return b"a0" in classes or b"0a" in classes


class _Context:
    """Per-document state shared by the checks of one run.

    The keywords are found on the document's folded letters (``folding.folded_letters``: one
    byte per character, many times cheaper than the full fold on Vietnamese);
    the folded text itself is asked for only in the rare documents whose keywords get as far
    as runs. Until then the few places that
    need folded characters fold them where they stand (``fold``).
    """

    def __init__(self, doc: Document, options: Options) -> None:
        self.doc = doc
        self.text = doc.text
        self.options = options
        self.category_lines: dict[str, set[int]] = {}
        self._folded: str | None = None
        # Lower-casing is the same character by character, except for the Greek capital
        # sigma, whose lower case depends on the letters around it (one ``memchr`` says
        # whether there is one: the document's unusual characters are not needed here).
        self._local = "\u03a3" not in doc.text
        self._machine_spans: dict[int, list[tuple[int, int]]] = {}
        self._topic_spans: dict[str, list[tuple[int, int]]] = {}
        self._content_lines: int | None = None
        self._fragments: dict[int, _Fragments] = {}

    @property
    def folded(self) -> str:
        """The whole text folded and lower-cased (``folding.folded_lower``)."""
        if self._folded is None:
            self._folded = self.doc.derived(folded_lower)
        return self._folded

    @property
    def content_lines(self) -> int:
        """How many lines of the document are not blank (counted once, not once a phrase)."""
        if self._content_lines is None:
            self._content_lines = sum(1 for line in self.doc.lines if not line.is_blank)
        return self._content_lines

    def debris(self, line: Line, start: int) -> str:
        """``spans._debris(self.text, line, start)``, from counts made once for the line."""
        fragments = self._fragments.get(line.index)
        if fragments is None:
            fragments = self._fragments[line.index] = _Fragments(self.text, line)
        return fragments.debris(start)

    def topic_spans(self, category: str) -> list[tuple[int, int]]:
        """Where the folded text names the category's topic (``topic-words``), in order: found
        once a document, for the phrases that ask whether the rest of it does."""
        spans = self._topic_spans.get(category)
        if spans is None:
            regex = self.options.topic_regex[category]
            spans = self._topic_spans[category] = [m.span() for m in regex.finditer(self.folded)]
        return spans

    def fold(self, start: int, end: int) -> str:
        """``self.folded[start:end]``, folded on its own while the whole text is not needed."""
        if self._folded is None and self._local:
            return fold_lower(self.text[start:end])
        return self.folded[start:end]

    def _folded_alnum(self, index: int, letters: bytes) -> bool:
        """``self.folded[index].isalnum()``: a letter or digit of the letters view is one; a
        character outside it may still be ("ß" is not, "中" is)."""
        if letters[index] in _ALNUM_BYTES:
            return True
        char = self.text[index]
        return not char.isascii() and self.fold(index, index + 1).isalnum()

    def keyword_matches(self) -> dict[int, list[_Element]]:
        by_line: dict[int, list[_Element]] = {}
        letters = self.doc.derived(folded_letters)
        scanned = self.options.keyword_automaton.scan(letters)
        transitions: list[int] | None = None
        if scanned is None:
            spans = self.options.keyword_scanner.spans(self.folded)
            if not spans and not _letter_digit(letters):
                return by_line  # no keyword, and no token for a brand pattern
        else:
            spans, transitions = scanned
            if not spans and not transitions:
                return by_line
        taken = sorted((start, end) for start, end in spans if end > start)
        # A listed keyword overlapping a brand match starts less than the longest keyword
        # before the brand ends: a bisection into the sorted starts finds the few to compare
        # (comparing every keyword with every brand made a stuffed line quadratic).
        taken_starts = [a for a, _ in taken]
        longest = max((b - a for a, b in taken), default=0)
        dropped: set[tuple[int, int]] = set()
        brands: list[tuple[int, int, str]] = []
        for start, end in self._brand_spans(letters, transitions):
            first = bisect_right(taken_starts, start - longest)
            last = bisect_left(taken_starts, end, first)
            inside = [(a, b) for a, b in taken[first:last] if start < b]
            if inside and self._brand_holds(start, end, inside):
                # "kubet11" is one brand, not the listed "kubet" and a stray "11"
                dropped.update(inside)
                inside = []
            if not inside:
                brands.append((start, end, "brand"))
        matches = [(a, b, "kw") for a, b in taken if (a, b) not in dropped] + brands
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
            and (entry := self.options.entries.get(_key(self.fold(a, b)))) is not None
            and entry.group.endswith("-brands")
            for a, b in inside
        )

    def _brand_spans(self, letters: bytes, transitions: list[int] | None) -> Iterator[tuple[int, int]]:
        """Brand-pattern matches, searched only in tokens that mix letters and digits ("fb88",
        "ngay98winty"): news text has few of them, so the patterns cost almost nothing.

        The tokens are found on the folded letters and folded one by one: a pattern looks at
        its token and at most one character before it (``\\b``), unless it looks behind, and
        then it is given the whole folded text. ``transitions`` are where
        ``_letter_digit_bytes()`` matches, when the keyword automaton found them already.
        """
        brand_regex = self.options.brand_regex
        whole = "(?<" in brand_regex.pattern
        length = len(self.text)
        seen_until = -1
        if transitions is None:
            transitions = [match.start() for match in _letter_digit_bytes().finditer(letters)]
        for digit in transitions:
            if digit < seen_until:
                continue
            start = digit
            while start > 0 and self._folded_alnum(start - 1, letters) and not _acronym_end(self.text, start):
                start -= 1
            end = digit + 1  # a match is the one digit
            while end < length and self._folded_alnum(end, letters):
                end += 1
            seen_until = end
            if whole:
                found = [match.span() for match in brand_regex.finditer(self.folded, start, end)]
            else:
                base = max(start - 1, 0)
                token = self.fold(base, end)
                found = [(a + base, b + base) for a, b in
                         (match.span() for match in brand_regex.finditer(token, start - base))]
            for a, b in found:
                if b > a:
                    yield a, b

    def _in_machine_data(self, start: int, end: int, line: Line) -> bool:
        """True when ``start:end`` lies inside a hash, hexadecimal ID, UUID or base64 run of
        the line ("de99" of "3fa85f64c788de99ab12", "Vx88" of "…L6UZ+Vx88+PD4…"): its
        characters spell a keyword by chance. The line's machine tokens are found once, in one
        pass, on its first keyword that touches one."""
        spans = self._machine_spans.get(line.index)
        if spans is None:
            spans = self._machine_spans[line.index] = machine_token_spans(self.text, line.start, line.end)
        index = bisect_right(spans, (start, end)) - 1
        if index >= 0 and spans[index][1] >= end:
            return True
        return index + 1 < len(spans) and spans[index + 1][0] == start and spans[index + 1][1] >= end

    def _accept(
        self, start: int, end: int, kind: str, line: Line, starts: set[int]
    ) -> _Element | None:
        original = self.text[start:end]
        left = self.text[start - 1] if start > line.start else ""
        right = self.text[end] if end < line.end else ""
        glued = left.isalnum() or right.isalnum()
        # (in base64, "+" and "/" part a keyword from the data around it)
        in_data = glued or left in ("+", "/") or right in ("+", "/", "=")
        if in_data and self._in_machine_data(start, end, line):
            return None
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
                or self.options.aux_matcher.match_end(self.fold(end, line.end)) is not None
            )
            if not (left_ok and right_ok) or _takes_host_digits(self.text, start, end, line):
                return None
            return _Element(start, end, "brand", _Entry("betting-brands", (original,), False))
        entry = self.options.entries.get(_key(self.fold(start, end)))
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
        # (a digit beyond ASCII, which the letters view does not keep, may start a number)
        letters = None
        if self.doc.text.isascii() or not any(c.isdecimal() for c in self.doc.unusual_characters):
            letters = self.doc.derived(folded_letters)
        for start, end in self.options.aux_matcher.spans(self.folded, line.start, line.end, letters):
            if start < end and _takes_host_digits(self.text, start, end, line):
                # "euro 21/04/2021": the day belongs to the date; "euro" alone may still be listed
                digits = _TRAILING_DIGITS.search(self.folded, start, end)
                cut = None
                if digits is not None and digits.start() > start:
                    cut = self.options.aux_matcher.match_end(self.folded, start, digits.start())
                end = start if cut is None else cut
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
            match_end = self.options.aux_matcher.match_end(self.folded, start, cut)
            if match_end is not None and match_end > start:
                original = self.text[start:match_end]
                written = self.options.aux_written.get(_aux_key(original), ())
                if any(_fewer_marks(original, w) for w in written) and self._bounded(
                    start, match_end, line, starts, ends
                ):
                    return match_end
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
