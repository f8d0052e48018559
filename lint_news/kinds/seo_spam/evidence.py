"""The evidence that a run was injected: glue, place in the title, language, topic, date line.

A keyword alone proves nothing (news is written about betting too); each of these says
why this phrase is out of place where it sits.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import accumulate

from ...core.document import Line
from ...text.dates import DATE
from ...text.regex.lazy import LazyPattern
from ...text.sentences import follows_sentence_end, starts_sentence
from ...text.urls import ADDRESS
from ...text.vietnamese import VIETNAMESE_ONLY
from .context import _Context
from .lexicon import _aux_key, _key, _longest_topic_match
from .options import _EVIDENCE_TEXT
from .patterns import _LETTERS, _QUOTES_OPEN
from .runs import _categories, _Run

_QUOTES_OPEN_CHARS = frozenset(_QUOTES_OPEN)
# after a phrase, what opens or closes a gloss ("the lottery, known locally as xổ số,")
_GLOSS_OPEN = frozenset(("(", ")", '"', "'", "”", "’", "»"))
_DATELINE_LENGTH = 60  # characters beyond the phrase, at most, in a date line
_SPACE = LazyPattern(r"\s")  # what ``str.split()`` splits at
_ADDRESS_CHAR = LazyPattern(r"[.:@]")  # one of them is in every ``ADDRESS`` match


# ----- evidence -------------------------------------------------------------------------
class _LineText:
    """One line's text as the evidence of each of its runs reads it: the words outside the
    run, the token it is glued into, the space around it.

    Cut out again for each run (``before``, ``after``, their sum), a line stuffed with
    thousands of keywords was read thousands of times over: quadratic. Here what is counted
    outside a run is counted once over the line, in sorted positions, and a run asks for the
    part outside it by bisection; what is read next to a run is read from its edges.
    """

    def __init__(self, text: str, line: Line) -> None:
        self.text = text
        self.line = line
        content = text[line.start : line.end]
        self.lead = line.start + len(content) - len(content.lstrip())  # first non-space
        self.content_end = line.start + len(content.rstrip())  # after the last non-space
        self._words_read = False
        self._word_starts: list[int] = []
        self._word_ends: list[int] = []
        self._accented = [0]  # accented lowercase words among the first i words
        self._ascii = [0]  # ASCII words of two letters or more among them
        self._chars: tuple[list[int], list[int]] | None = None
        self._vietnamese: list[int] | None = None
        self._spaces: list[int] | None = None
        self._address_marks: list[int] | None = None

    def _words(self) -> None:
        if self._words_read:
            return
        self._words_read = True
        accented = ascii_words = 0
        for match in _LETTERS.finditer(self.text, self.line.start, self.line.end):
            word = match.group()
            self._word_starts.append(match.start())
            self._word_ends.append(match.end())
            accented += _accented_lowercase(word)
            ascii_words += word.isascii() and len(word) >= 2
            self._accented.append(accented)
            self._ascii.append(ascii_words)

    def _piece(self, start: int, end: int) -> tuple[bool, bool]:
        """Whether ``text[start:end]``, a piece of a word cut by a run, is an accented
        lowercase word and an ASCII word: from counts over the line's characters, since the
        word may be the whole line ("tinkubettinkubet...")."""
        if self._chars is None:
            line_text = self.text[self.line.start : self.line.end]
            self._chars = (
                [0, *accumulate(not c.isascii() for c in line_text)],
                [0, *accumulate(c.lower() != c for c in line_text)],
            )
        non_ascii, not_lower = self._chars
        a, b = start - self.line.start, end - self.line.start
        foreign = non_ascii[b] - non_ascii[a]
        accented = foreign > 0 and not_lower[b] == not_lower[a] and self.vietnamese_letters(start, end) > 0
        return accented, foreign == 0 and end - start >= 2

    def outside_words(self, run: _Run) -> tuple[int, int]:
        """How many accented lowercase words and whole ASCII words of two letters or more
        (``patterns._ASCII_WORD``) stand in ``before + " " + after``: the line's words clear
        of the run, and the pieces of those it cuts."""
        self._words()
        starts, ends = self._word_starts, self._word_ends
        left = bisect_right(ends, run.start)  # words that end before the run
        right = bisect_left(starts, run.end)  # words that start after it
        accented = self._accented[left] + self._accented[-1] - self._accented[right]
        ascii_words = self._ascii[left] + self._ascii[-1] - self._ascii[right]
        pieces = []
        if left < len(starts) and starts[left] < run.start:
            pieces.append((starts[left], run.start))
        if right > 0 and ends[right - 1] > run.end:
            pieces.append((run.end, ends[right - 1]))
        for a, b in pieces:
            piece_accented, piece_ascii = self._piece(a, b)
            accented += piece_accented
            ascii_words += piece_ascii
        return accented, ascii_words

    def vietnamese_letters(self, start: int, end: int) -> int:
        """How many letters only Vietnamese writes stand in ``text[start:end]``."""
        if self._vietnamese is None:
            found = VIETNAMESE_ONLY.finditer(self.text, self.line.start, self.line.end)
            self._vietnamese = [m.start() for m in found]
        return bisect_left(self._vietnamese, end) - bisect_left(self._vietnamese, start)

    def vietnamese_outside(self, run: _Run) -> int:
        """``len(VIETNAMESE_ONLY.findall(before + " " + after))``."""
        line = self.line
        return self.vietnamese_letters(line.start, run.start) + self.vietnamese_letters(run.end, line.end)

    def in_address(self, run: _Run) -> bool:
        """``_in_address(before, after)``: the token the run is glued into holds an address
        mark or a domain ending. Every one has ".", ":" or "@", so a token without any (a
        keyword-stuffed line is one long token) is read no further."""
        text, line = self.text, self.line
        head = run.start > line.start and not text[run.start - 1].isspace()
        tail = run.end < line.end and not text[run.end].isspace()
        if not (head or tail):
            return False
        if self._spaces is None:
            self._spaces = [m.start() for m in _SPACE.finditer(text, line.start, line.end)]
            self._address_marks = [m.start() for m in _ADDRESS_CHAR.finditer(text, line.start, line.end)]
        spaces, marks = self._spaces, self._address_marks
        assert marks is not None
        head_start, tail_end = run.start, run.end  # (the token's text before and after the run)
        if head:
            index = bisect_left(spaces, run.start)
            head_start = spaces[index - 1] + 1 if index > 0 else line.start
        if tail:
            index = bisect_left(spaces, run.end)
            tail_end = spaces[index] if index < len(spaces) else line.end
        marked = bisect_left(marks, head_start) < bisect_left(marks, run.start) or (
            bisect_left(marks, run.end) < bisect_left(marks, tail_end)
        )
        token = text[head_start : run.start] + "x" + text[run.end : tail_end] if marked else ""
        return marked and ADDRESS.search(token) is not None

    def _space_ends_before(self, run: _Run) -> int:
        """Where the white space right before the run starts (the run's start if none)."""
        index = run.start
        while index > self.line.start and self.text[index - 1].isspace():
            index -= 1
        return index

    def _space_ends_after(self, run: _Run) -> int:
        """Where the white space right after the run ends (the run's end if none)."""
        index = run.end
        while index < self.line.end and self.text[index].isspace():
            index += 1
        return index

    def last_before(self, run: _Run) -> str:
        """The last character before the run that is no space, or ""."""
        index = self._space_ends_before(run)
        return self.text[index - 1] if index > self.line.start else ""

    def first_after(self, run: _Run) -> str:
        """The first character after the run that is no space, or ""."""
        index = self._space_ends_after(run)
        return self.text[index] if index < self.line.end else ""

    def outside_stripped_length(self, run: _Run) -> int:
        """``len((before + " " + after).strip())``, read from the line's edges: its first
        character is the line's first unless only space stands before the run, its last the
        line's last unless only space stands after it."""
        line = self.line
        joint = run.start - line.start  # where the " " stands in ``before + " " + after``
        if self.lead < run.start:
            first = self.lead - line.start
        else:
            index = self._space_ends_after(run)
            if index == line.end:
                return 0  # nothing but space outside the run
            first = joint + 1 + index - run.end
        if self.content_end > run.end:
            last = joint + self.content_end - run.end
        else:
            last = self._space_ends_before(run) - 1 - line.start
        return last - first + 1


def _evidence(
    ctx: _Context, run: _Run, title_index: int | None, line_text: _LineText | None = None
) -> list[str]:
    """The evidence of injection found for ``run``; ``line_text`` is its line's, which its
    other runs share."""
    text = ctx.text
    line = run.line
    if line_text is None:
        line_text = _LineText(text, line)
    found: list[str] = []
    weak = _weak(ctx, run)
    if (run.glue_left or run.glue_right or run.glue_inside) and not line_text.in_address(run):
        found.append("glued")
    phrase = text[run.start : run.end]
    lowercase = phrase == phrase.lower()
    if lowercase and line_text.last_before(run) not in _QUOTES_OPEN_CHARS:
        vietnamese_run = any(
            e.entry is not None and e.entry.group.endswith("-vi") for e in run.keywords
        ) or bool(VIETNAMESE_ONLY.search(phrase))
        english_run = any(e.entry is not None and e.entry.group.endswith("-en") for e in run.keywords)
        # names keep their diacritics in English copy ("Tô Lâm", "Hà Nội"); Vietnamese prose
        # has lowercase words with them
        accented_words, ascii_words = line_text.outside_words(run)
        other_is_vi = accented_words >= 2
        vietnamese_in_english = vietnamese_run and not other_is_vi and ascii_words >= 3
        english_in_vietnamese = english_run and line_text.vietnamese_outside(run) >= 3
        # a phrase, not a lone loanword: "the lottery, known locally as xổ số," is news
        glossed = line_text.first_after(run) in _GLOSS_OPEN
        phrase_like = len(run.elements) >= 2 or len(phrase.split()) >= 3
        if (vietnamese_in_english or english_in_vietnamese) and phrase_like and not glossed:
            found.append("foreign")
        if follows_sentence_end(text, line.start, run.start) and (
            run.end >= line_text.content_end or starts_sentence(text, run.end, line.end)
        ):
            found.append("sentence-start")
        if any(e.kind == "name" for e in run.elements):
            found.append("lowercase-name")
        if _off_topic(ctx, run, title_index, weak):
            found.append("off-topic")
        if (
            line.index != title_index
            and line.index < 6
            and line_text.outside_stripped_length(run) <= _DATELINE_LENGTH
            and _is_dateline(text[line.start : run.start] + " " + text[run.end : line.end])
        ):
            found.append("dateline")
    after_space = run.start > line.start and text[run.start - 1] == " "
    if line.index == title_index and run.end == line.end and lowercase and after_space:
        before = text[line.start : run.start]
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
            run.glue_left == "alnum" and ctx.debris(line, run.start)
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


def _in_address(before: str, after: str) -> bool:
    """A keyword inside a web or mail address ("fb88vn.com") is glued by the address, not by
    an injector; news quoting a gambling site's address is not spam."""
    head = before.rsplit(None, 1)[-1] if before.strip() and not before[-1].isspace() else ""
    tail = after.split(None, 1)[0] if after.strip() and not after[0].isspace() else ""
    return ADDRESS.search(head + "x" + tail) is not None


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
    if ctx.content_lines < 4:
        return False
    categories = _categories(run)
    skip = {run.line.index, title_index}
    if any(ctx.category_lines.get(c, set()) - skip for c in categories):
        return False
    # "vé số", "đánh bạc", "gambling": the article is about the topic without a listed keyword
    return not any(_topic_outside(ctx, category, run.start, run.end) for category in categories)


def _topic_outside(ctx: _Context, category: str, start: int, end: int) -> bool:
    """``_mentions_topic(ctx, [category], folded[:start] + "\\n" + folded[end:])``, mostly
    from where the whole text names the topic (found once): searched for each phrase of a
    stuffed line, the text without the phrase made the line quadratic.

    A topic pattern (``lexicon._topic_pattern``) reads its match and one character on either
    side, and none of its letters is a line break. So a match of the whole text that ends
    before ``start`` or starts after ``end`` is one of the text without the phrase; and when
    the whole text has none, a match there must touch the "\\n" put in the phrase's place."""
    regex = ctx.options.topic_regex.get(category)
    if regex is None:
        return False
    spans = ctx.topic_spans(category)
    if spans and (spans[0][1] < start or spans[-1][0] > end):
        return True
    folded = ctx.folded
    longest = _longest_topic_match(ctx.options.topic_words[category])
    if spans or longest is None:
        return regex.search(folded[:start] + "\n" + folded[end:]) is not None
    # ending right before the "\n" or starting right after it, within ``longest`` of it
    low = max(0, start - longest - 1)
    window = folded[low:start] + "\n" + folded[end : end + longest + 2]
    match = regex.search(window, max(0, start - longest) - low)
    return match is not None and match.start() <= start - low + 1


def _mentions_topic(ctx: _Context, categories: Iterable[str], folded: str) -> bool:
    """True when ``folded`` text holds a topic word (`topic-words`) of one of the categories."""
    for category in categories:
        regex = ctx.options.topic_regex.get(category)
        if regex is not None and regex.search(folded) is not None:
            return True
    return False


def _is_dateline(rest: str) -> bool:
    """A short line near the top that holds a date: nothing but a date and a time belongs in
    it, so a keyword phrase there was put there ("Thứ năm, kèo nhà cái 01/10/2020")."""
    if len(rest.strip()) > _DATELINE_LENGTH or DATE.search(rest) is None:
        return False
    # beyond the date only a label or two may stand there ("Ngày đăng", "GMT", "PM")
    return len(re.findall(r"[^\W\d_]+", DATE.sub(" ", rest))) <= 3


def _accented_lowercase(word: str) -> bool:
    """A lowercase word with diacritics: many in Vietnamese prose, few in English copy."""
    return not word.isascii() and word == word.lower() and VIETNAMESE_ONLY.search(word) is not None


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


def _describe(evidence: Iterable[str]) -> str:
    return "; ".join(_EVIDENCE_TEXT[e] for e in dict.fromkeys(evidence))
