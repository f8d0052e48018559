"""The evidence that a run was injected: glue, place in the title, language, topic, date line.

A keyword alone proves nothing (news is written about betting too); each of these says
why this phrase is out of place where it sits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ...text.dates import DATE
from ...text.sentences import follows_sentence_end, starts_sentence
from ...text.urls import ADDRESS
from ...text.vietnamese import VIETNAMESE_ONLY
from .context import _Context
from .lexicon import _aux_key, _key
from .options import _EVIDENCE_TEXT
from .patterns import (
    _ASCII_WORD,
    _LETTERS,
    _QUOTES_OPEN,
)
from .runs import _categories, _Run
from .spans import _debris


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
        ) or bool(VIETNAMESE_ONLY.search(phrase))
        english_run = any(e.entry is not None and e.entry.group.endswith("-en") for e in run.keywords)
        # names keep their diacritics in English copy ("Tô Lâm", "Hà Nội"); Vietnamese prose
        # has lowercase words with them
        other_is_vi = _accented_lowercase_words(outside) >= 2
        vietnamese_in_english = (
            vietnamese_run and not other_is_vi and len(_ASCII_WORD.findall(outside)) >= 3
        )
        english_in_vietnamese = english_run and len(VIETNAMESE_ONLY.findall(outside)) >= 3
        # a phrase, not a lone loanword: "the lottery, known locally as xổ số," is news
        glossed = after.lstrip().startswith(("(", ")", '"', "'", "”", "’", "»"))
        phrase_like = len(run.elements) >= 2 or len(phrase.split()) >= 3
        if (vietnamese_in_english or english_in_vietnamese) and phrase_like and not glossed:
            found.append("foreign")
        if follows_sentence_end(before) and (after.strip() == "" or starts_sentence(after)):
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


def _is_dateline(rest: str) -> bool:
    """A short line near the top that holds a date: nothing but a date and a time belongs in
    it, so a keyword phrase there was put there ("Thứ năm, kèo nhà cái 01/10/2020")."""
    if len(rest.strip()) > 60 or DATE.search(rest) is None:
        return False
    # beyond the date only a label or two may stand there ("Ngày đăng", "GMT", "PM")
    return len(re.findall(r"[^\W\d_]+", DATE.sub(" ", rest))) <= 3


def _accented_lowercase_words(text: str) -> int:
    """Lowercase words with diacritics: many in Vietnamese prose, few in English copy."""
    return sum(
        1 for word in _LETTERS.findall(text)
        if not word.isascii() and word == word.lower() and VIETNAMESE_ONLY.search(word)
    )


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
