"""Kind ``run-together``: words fused where flattening HTML dropped a space, and split them.

When HTML is flattened, the space at a tag or line boundary is often lost: "theCommunist",
"USSecretary", "strengthenits", "agreements,he". A segmenter alone cannot be trusted with
this: it splits every name and brand it does not know ("Berggruen", "VinFast") and mangles
Vietnamese. So this kind looks for the *boundary signals* that a lost space leaves, and asks
a word-frequency dictionary (wordfreq, see ``lint_news/wordlist.py``) only to confirm them:

- a case transition inside a token (lower->Upper "theCommunist", UPPER-run->Capitalised
  "USSecretary", acronym->lower "USrelations") where both parts are words and the whole is
  not. The capital marks where the space was, but brands are spelt so on purpose
  ("GovTech", "PAMAir"): only a lower-case function word before the capital is certain
  (*safe*); the rest is *unsafe*. Safe means right on every clean text, brands included.
- an allowed brand glued to a word ("theiPhone", "atVietcombank"): the brand's own
  spelling marks the boundary; safe when the other part is a function word.
- an unknown lower-case or Capitalised token that splits into known words at a function word
  ("strengthen|its", "the|implementation", "Vietnam|in"), between two common content words
  ("highly|appreciated"), or where the document itself vouches for a part ("Stenholm" occurs
  on its own elsewhere). The dictionary chooses the split, which may be wrong, so the fix is
  *unsafe* and its message shows the split. Content splits are refused when the first part
  builds many dictionary compounds ("multi|currency", "counter|trade"), the second is nearly
  a suffix ("trend|less"), or the token splits two ways ("roads|lips", "road|slips").
- a Vietnamese token with diacritics that is not one syllable but two valid, known syllables
  ("đạihọc"): Vietnamese writes one syllable per word, so two vowel nuclei in one token mean
  a lost space. In a Vietnamese document bare ASCII tokens are left alone: there they are
  syllables written without marks or brand names, which an English dictionary cannot judge.
- a comma, full stop or possessive glued to the next word ("agreements,he", "said.The",
  "U.S.General", "Vietnam’sforeign"): safe to fix by adding a space. Numbers ("1,340",
  "6.7"), abbreviations ("e.g.", "TP.HCM"), URLs, e-mail addresses and domains
  ("vietnamplus.vn", "Xiph.Org") do not match.
- joins that punctuation, digits or ordinals mark, found in the document's chunks of
  non-space text that are not all letters (``_chunk_joins``, remembered per chunk): a
  sentence end after a number or a known Capitalised word ("2024.The"), a curly quote or
  closing bracket before a capital ("ngày.“Thông", "(VNA)Hanoi"), an ordinal ("12thcongress",
  "XIVthNational"), digits glued to a word ("2Drought", "the2018-19", "Tế03"), the index of
  alt text glued to its caption ("ảnh 1A parched").

Evidence is independent of the instance: the boundary signal (case, digit, ordinal, mark),
the dictionary's odds of the parts against the whole, and the document (a part written on its
own, the split form written elsewhere). The document's language decides which dictionary
speaks: Vietnamese documents by syllables, French or Spanish lines (counted by their function
words) are not split by the English list.

Why the whole must be unknown: wordfreq also lists frequent web typos ("ofthe"), so a listed
token is not cleared outright; a split into two function words must then beat the whole by a
wide margin. Why the document is evidence: a token that recurs is usually a name
("Weatherhead"), but a fusion can recur too ("inMarch" in every dateline), so a recurring
token is still reported when the document writes the split form elsewhere ("Black Widow") or
a function word precedes a capital, with an unsafe fix.

Cost: no token is counted on most documents. The document's chunks of non-space text
(``str.split``, a list not kept with the document) go through one set lookup each,
in C, against what the per-process memo (``_TokenMemo``) has *settled* for the document's
language: tokens no document of that language can make a finding of (ignored, or judged with
no question to the document) and chunks that are not all letters and give nothing (no join,
settled tokens only). Only the few left are looked at in Python: a chunk's tokens and joins
(``_chunk_joins``) are remembered per chunk, and each token's verdict is replayed from the
questions the judges asked the documents before (standalone part, recurring token, split
form seen; answered by searching the text, or from its counted tokens once it has asked
many), so the judges run once per token and distinct evidence, not once per document. The
language needs no count where the bytes beyond one a
character are few against the all-letter chunks (English text with names), nor where a
lower bound of the marks (one byte counted in C) beats an upper bound of the tokens (the
chunks' lengths: Vietnamese text); else from each
chunk's remembered tally (its tokens and marked letters as one number: one lookup a chunk
and one sum, in C; a new chunk's counted with the others, by maps of C searches). French and
Spanish words are never settled, so their count (``text.words.letter_tokens``) is made only
for a document that has them and a finding on a line to test. A token's first judgement
reads the 29k-word list, and the 321k-word list only when it has a plausible split; of its
splits, only the best are tested for compounds (the costliest question), best first, until
one passes. The other whole-text scans (punctuation, possessives, initials) start from a
literal character, never from a class or a look-behind tried at every offset; URLs are found
only when a candidate must be tested against them. Compound counts (``wordlist``) bisect the
long list's sorted buckets (part+word) or search it written out as lines (word+part), and
switch to indexes after many questions.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator

from ...core.document import Document
from ...core.model import Applicability, Finding, Fix
from ...core.rule import Rule
from ...text.words import letter_tokens
from .context import _FW2_REASON, Verdict, _Context
from .joins import _joins, caption_markers
from .memo import TALLY_UNIT, _Kind, _memo, _TokenMemo
from .options import _ENGLISH_MARKERS, Options
from .punctuation import Marked, chunk_marks, place_marks
from .split import _typo_cut
from .tokens import (
    _MARKED_CHUNK,
    _TOKEN,
    _few_marks,
    _free_standing,
    _occurrences,
    _plainly_vietnamese,
    _UrlSpans,
    _vietnamese_doc,
)

__all__ = ["Options", "check"]


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    options: Options = rule.options
    text = doc.text
    skip = _UrlSpans(text)  # (found only if a candidate needs them)
    taken: set[int] = set()
    memo = _memo(options)
    # The language from the bytes beyond one a character when they are few; else from the
    # marks against the tokens, counted from the document's chunks (each chunk's tokens are
    # remembered). The document's text then answers every question.
    # (Split here, not kept with the document as ``text.words.text_chunks``: the cyclic
    # collector walks a list of every chunk, one object a word, at each collection while the
    # document lives, and no other kind asks for it.)
    chunks = text.split()
    vietnamese_doc = _vietnamese_language(doc, chunks, memo)
    # What this document has that the memo has not settled for its language, filtered in C:
    # one lookup in the settled set a chunk, and a set made of the few left. (Not the set of
    # all its chunks first, then their difference: most chunks are settled, and building the
    # large set cost more than the lookups it saves for repeated chunks.) Of its chunks
    # that are not all letters: their tokens.
    settled = memo.settled[vietnamese_doc]
    unsettled: set[str] = set()
    glued: list[str] = []
    distinct = set(itertools.filterfalse(settled.__contains__, chunks))
    del chunks  # (and not kept while the findings are yielded)
    for chunk in distinct:
        if chunk.isalpha():
            unsettled.add(chunk)  # (a chunk of letters is one token)
        else:
            glued.append(chunk)
    pieces = [memo.pieces_of(chunk) for chunk in glued]
    unsettled.update(itertools.chain.from_iterable(pieces))
    # (French and Spanish words, and the chunks with one, are never settled: all are here.)
    present = not options.foreign.isdisjoint(unsettled)
    # A French or Spanish line in an English document is quoted: not ours to re-space.
    quoted = _Quoted(doc, options, present)
    foreign: dict[int, bool] = {}
    # Glued commas, stops and possessives, found per chunk (remembered) among the chunks
    # with such a mark: a settled chunk has none, or none that gives a finding
    # (``_settle_chunks``), so they are among the others; the URL test is made where placed.
    punctuated: dict[str, tuple[Marked, ...]] = {}
    possessed: dict[str, tuple[Marked, ...]] = {}
    for chunk in filter(_MARKED_CHUNK.search, glued):
        marks = memo.marks.get(chunk)
        if marks is None:
            computed = chunk_marks(rule, chunk, options.functions, options.punctuation)
            marks = memo.remember_marks(chunk, computed)
        if marks[0]:
            punctuated[chunk] = marks[0]
        if marks[1]:
            possessed[chunk] = marks[1]
    for finding in place_marks(rule, text, punctuated) if punctuated else ():
        assert finding.fix is not None
        if finding.fix.edits[0].start - 1 in skip:  # (the mark, before the space added)
            continue
        if quoted.english_with_foreign() and _foreign_line(text, finding.start, options, foreign):
            continue
        taken.update(edit.start for edit in finding.fix.edits)
        yield finding
    possessives = set()
    for finding in place_marks(rule, text, possessed) if possessed else ():
        possessives.add(finding.start + 2)
        yield finding
    if options.punctuation:
        every_glued = functools.partial(_every_glued_chunk, doc)
        markers = caption_markers(doc, options, vietnamese_doc)
        found = _joins(rule, text, glued, every_glued, skip, options, vietnamese_doc, taken, memo, markers)
        for finding in found:
            if not (quoted.english_with_foreign() and _foreign_line(text, finding.start, options, foreign)):
                yield finding
    # Sorted: the same order in every run, whatever the string hashes.
    fresh = sorted(unsettled.difference(settled))
    kinds = [(token, kind) for token in fresh if (kind := memo.kind(token, options)) is not _Kind.IGNORED]
    verdicts: dict[str, Verdict] = {}
    if kinds:
        ctx = _Context(
            text=text,
            options=options,
            counts=None,
            vietnamese_doc=vietnamese_doc,
            known=round(options.known_zipf * 100),
            common=round(options.common_zipf * 100),
            camel=round(options.camel_zipf * 100),
            doc=doc,
        )
        for token, kind in kinds:
            verdict: Verdict | None = None
            if kind is _Kind.UNLISTED or (
                kind is _Kind.SYLLABLE and ctx.vietnamese_doc and options.vietnamese
            ):
                verdict = memo.judge(ctx, token)
            elif kind is _Kind.TYPO and not ctx.vietnamese_doc:
                cut = _typo_cut(token.lower(), ctx.small, options.functions)
                assert cut is not None  # (what made it a typo, ``_kind``)
                verdict = (cut, Applicability.UNSAFE, _FW2_REASON)
            else:
                memo.settle(token, vietnamese_doc)  # a typo or a syllable of the other language
            if verdict is not None:
                verdicts[token] = verdict
    _settle_chunks(memo, options, vietnamese_doc, glued, pieces)
    if not verdicts:
        return
    for start, end, token in _occurrences(text, verdicts):
        if start in possessives or start in skip or not _free_standing(text, start, end):
            continue
        if (
            token[1:].islower() and not vietnamese_doc and quoted.foreign()
            and _foreign_line(text, start, options, foreign)
        ):
            continue  # French or Spanish: the English dictionary cannot judge its words
        cut, applicability, why = verdicts[token]
        fixed = f"{token[:cut]} {token[cut:]}"
        if applicability is Applicability.SAFE:
            message = f"{token!r} looks like two words run together ({why}): {fixed!r}"
        else:
            message = f"{token!r} looks like two words run together ({why}); best split: {fixed!r}"
        fix = Fix.replace(start + cut, start + cut, " ", f"Split into {fixed!r}", applicability)
        yield rule.finding(start, end, message, fix)


def _vietnamese_language(doc: Document, chunks: list[str], memo: _TokenMemo) -> bool:
    """``_vietnamese_doc``: plainly not (few bytes beyond one a character), plainly so (many
    marks against few tokens, bounded in C), else counted (``_vietnamese_tally``)."""
    text = doc.text
    if text.isascii():
        return False
    # (A file's bytes, decoded as UTF-8 without error, are its text in UTF-8: not encoded again.)
    raw = doc.raw
    encoded = text.encode("utf-8", "surrogatepass") if raw is None or doc.undecodable else raw
    if _few_marks(len(encoded) - len(text), chunks):
        return False
    if _plainly_vietnamese(text, encoded, chunks, doc.unusual_characters):
        return True
    return _vietnamese_tally(text, chunks, memo)


def _vietnamese_tally(text: str, chunks: list[str], memo: _TokenMemo) -> bool:
    """``_vietnamese_doc(text, _token_total(chunks, memo))`` from the chunks' remembered
    tallies (tokens and marks, ``_TokenMemo.tallies_of``): one lookup a chunk and one sum, in C,
    instead of a search of the text for its marks and a count of its tokens."""
    if len(text) >= TALLY_UNIT:
        return _vietnamese_doc(text, _token_total(chunks, memo))
    tokens, marks = divmod(sum(memo.tallies_of(chunks)), TALLY_UNIT)
    return marks * 5 > tokens * 2


def _token_total(chunks: list[str], memo: _TokenMemo) -> int:
    """The number of letter tokens in ``chunks``: one a chunk of letters, the remembered
    tokens of each other (looked up in C)."""
    others = list(itertools.filterfalse(str.isalpha, chunks))
    for chunk in set(others).difference(memo.pieces):
        memo.pieces_of(chunk)
    known = list(map(memo.pieces.get, others))
    if None in known:  # (the table was emptied meanwhile)
        known = list(map(memo.pieces_of, others))
    return len(chunks) - len(others) + sum(map(len, known))  # type: ignore[arg-type]


def _every_glued_chunk(doc: Document) -> list[str]:
    """All the document's distinct chunks that are not all letters, settled or not."""
    return doc.derived(letter_tokens).chunks


_NO_MARKS = ((), ())


def _settle_chunks(
    memo: _TokenMemo, options: Options, vietnamese_doc: bool, glued: list[str],
    pieces: list[tuple[str, ...]],
) -> None:
    """Settle the chunks that gave nothing here and never will in this language: no join
    (known), every token settled, no French or Spanish word (``_Quoted`` must see those), no
    glued comma, stop or possessive that gives a finding (``chunk_marks``: known, when the chunk
    has such a mark, ``_MARKED_CHUNK``; ``check`` looks for them among the others)."""
    settled = memo.settled[vietnamese_doc]
    joins = memo.chunks[vietnamese_doc]
    for chunk, tokens in zip(glued, pieces, strict=True):
        if options.punctuation and joins.get(chunk) != ():
            continue  # a join, or not known (the table was emptied)
        if (
            settled.issuperset(tokens) and options.foreign.isdisjoint(tokens)
            and (_MARKED_CHUNK.search(chunk) is None or memo.marks.get(chunk) == _NO_MARKS)
        ):
            memo.settle(chunk, vietnamese_doc)


class _Quoted:
    """Whether the document has French or Spanish words enough for a line to be quoted in
    one of those languages: counted (``letter_tokens``) only when a finding asks, and only
    when one of their words is a token of the document (``present``)."""

    def __init__(self, doc: Document, options: Options, present: bool) -> None:
        self._doc = doc
        self._options = options
        self._present = present
        self._answer: tuple[bool, bool] | None = None

    def _count(self) -> tuple[bool, bool]:
        if self._answer is None:
            if not self._present:
                self._answer = (False, True)  # none: no line can be theirs
            else:
                # (``Counter.get``, mapped in C: ``counts[w]`` calls ``__missing__`` for an
                # absent word.)
                counts = self._doc.derived(letter_tokens).counts
                theirs = sum(filter(None, map(counts.get, self._options.foreign)))
                ours = sum(filter(None, map(counts.get, _ENGLISH_MARKERS)))
                self._answer = (theirs >= 2, ours >= theirs)  # (a line needs two to be foreign)
        return self._answer

    def foreign(self) -> bool:
        """Two French or Spanish words or more: a line of them may be quoted."""
        return self._count()[0]

    def english_with_foreign(self) -> bool:
        """As ``foreign``, in a document with as many English markers as their words."""
        foreign, english = self._count()
        return english and foreign


def _foreign_line(text: str, at: int, options: Options, seen: dict[int, bool]) -> bool:
    """Whether the line around ``at`` is French or Spanish rather than English: more of its
    words are their function words than English ones (quoted or mixed wire copy)."""
    start = text.rfind("\n", 0, at) + 1
    answer = seen.get(start)
    if answer is None:
        end = text.find("\n", at)
        words = _TOKEN.findall(text[start : end if end >= 0 else len(text)].lower())
        theirs = sum(1 for word in words if word in options.foreign)
        ours = sum(1 for word in words if word in _ENGLISH_MARKERS)
        answer = seen[start] = theirs >= 2 and theirs > ours
    return answer
