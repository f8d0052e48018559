"""The per-process memo: what a process has learnt about tokens, for one set of options.

Tokens recur across a corpus and most of the work on one does not depend on its document;
the decision trees keep the part that does, so a verdict never carries over to a document
whose evidence differs.
"""

from __future__ import annotations

import enum
import itertools
import operator
from typing import NamedTuple

from ...core.model import Applicability
from ...text import wordlist
from ...text.vietnamese import MARKED_LETTER
from .context import Question, Verdict, _Context
from .judges import _judge
from .options import Options
from .punctuation import Marked
from .split import _typo_cut
from .tokens import _TOKEN, _shaped


class _Join(NamedTuple):  # (a named tuple: cheaper to define at import than a dataclass)
    """A join found in a chunk: the span to report (chunk offsets), the edit, and why (here,
    below joins.py, which finds them: the memo keeps them per chunk)."""

    start: int
    end: int
    edit_start: int
    edit_end: int
    content: str
    applicability: Applicability
    why: str


class _Kind(enum.Enum):
    """How a token is judged, whatever the document (see ``_kind``)."""

    IGNORED = enum.auto()  # never reported
    UNLISTED = enum.auto()  # not in the short list: judged
    SYLLABLE = enum.auto()  # listed, lower-case, Vietnamese marks: judged in Vietnamese documents
    TYPO = enum.auto()  # listed web typo of two function words ("ofthe"): in English documents


# Bounds of the per-process memo (entries of ``ignored`` and ``kinds``; tokens in ``trees``):
# a table that reaches its bound is emptied, so each stays within a few MB.
_TOKENS_LIMIT = 50_000
_TREES_LIMIT = 20_000
# A chunk's tally counts its tokens in this unit, its marked letters in ones: a text of
# fewer characters than this has fewer marks, so a sum of tallies splits into both totals.
TALLY_UNIT = 1 << 48


class _Asked:
    """A node of a token's decision tree: the question the judges asked the document, and
    what followed each answer (None: no document has answered so yet). (Plain classes here:
    a dataclass costs ~0.3 ms to define, paid by every one-file run at import.)"""

    __slots__ = ("no", "question", "yes")

    def __init__(self, question: Question, yes: _Tree | None = None, no: _Tree | None = None) -> None:
        self.question = question
        self.yes = yes
        self.no = no

    def __repr__(self) -> str:
        return f"_Asked(question={self.question!r}, yes={self.yes!r}, no={self.no!r})"


class _Judged:
    """A leaf of a token's decision tree: the verdict the judges reached."""

    __slots__ = ("verdict",)

    def __init__(self, verdict: Verdict | None) -> None:
        self.verdict = verdict

    def __repr__(self) -> str:
        return f"_Judged(verdict={self.verdict!r})"


_Tree = _Asked | _Judged
_NOTHING = _Judged(None)  # (the leaf of most paths: one for all)


class _TokenMemo:
    """What one process has learnt about tokens, for one set of options.

    Tokens repeat across a corpus, and most of the work on a token does not depend on the
    document it is in. ``ignored`` holds the tokens no document can make a finding of, so
    that a document's tokens are cleared with one set lookup each; ``kinds`` says how the
    others are judged.

    ``trees`` keeps, per token and document language, what the judges did with it: which
    questions they asked the document (``_Context``), in order, and for each answer seen so
    far the next question or the verdict. The judges are deterministic: the path up to the
    first question depends only on the token, and each answer decides the next question. So
    replaying the tree against a new document asks exactly the questions the judges would,
    and reaches the verdict they would; an answer not seen before runs the judges and grafts
    their path on the tree. A verdict thus never carries over to a document whose evidence
    differs.
    """

    def __init__(self, unsettled: frozenset[str] = frozenset()) -> None:
        # Tokens never settled (French and Spanish function words: a document's are counted
        # only when one is there, ``check`` looks for them among what is not settled).
        self.unsettled = unsettled
        self.ignored: set[str] = set()
        # Per document language (Vietnamese or not): the tokens that never give a verdict
        # there, whatever the document (ignored, or judged without a question to the
        # document), and the chunks of non-space text that are not all letters and give
        # nothing there (no join, only settled tokens, no French or Spanish word). A
        # document's distinct chunks minus these, one set difference in C, are the few that
        # need a look. (One set, emptied as one: a chunk is settled only while its tokens are.)
        self.settled: dict[bool, set[str]] = {False: set(), True: set()}
        # The letter tokens of each chunk that is not all letters ("U.S.", "said,")
        self.pieces: dict[str, tuple[str, ...]] = {}
        # Per chunk: its letter tokens and marked letters, as one number (``_tally``), so
        # that a document's totals are one lookup a chunk and one sum, in C
        self.tallies: dict[str, int] = {}
        self.kinds: dict[str, _Kind] = {}
        self.trees: dict[tuple[str, bool], _Tree] = {}
        # ``_chunk_joins`` per document language and chunk: chunks recur across documents
        self.chunks: dict[bool, dict[str, tuple[_Join, ...]]] = {False: {}, True: {}}
        # ``punctuation.chunk_marks`` per chunk with a glued mark (any language)
        self.marks: dict[str, tuple[tuple[Marked, ...], tuple[Marked, ...]]] = {}

    def kind(self, token: str, options: Options) -> _Kind:
        """The token's kind, worked out on first sight (``token`` is not in ``ignored``)."""
        kind = self.kinds.get(token)
        if kind is None:
            kind = _kind(token, options)
            if kind is _Kind.IGNORED:
                if len(self.ignored) >= _TOKENS_LIMIT:
                    self.ignored.clear()
                self.ignored.add(token)
                if token not in self.unsettled:
                    for settled in self.settled.values():  # (``settle`` in both languages)
                        if len(settled) >= _TOKENS_LIMIT:
                            settled.clear()
                        settled.add(token)
                    return kind
            # (kept: a token never settled, "la", "con", comes back with every document that has it)
            if len(self.kinds) >= _TOKENS_LIMIT:
                self.kinds.clear()
            self.kinds[token] = kind
        return kind

    def pieces_of(self, chunk: str) -> tuple[str, ...]:
        """The letter tokens of a chunk that is not all letters."""
        pieces = self.pieces.get(chunk)
        if pieces is None:
            if len(self.pieces) >= _TOKENS_LIMIT:
                self.pieces.clear()
            pieces = self.pieces[chunk] = tuple(_TOKEN.findall(chunk))
        return pieces

    def tallies_of(self, chunks: list[str]) -> list[int]:
        """Each chunk's letter tokens times ``TALLY_UNIT`` plus its marked letters: remembered,
        and those of new chunks counted together (each a search in C, no Python loop)."""
        tallies = list(map(self.tallies.get, chunks))
        if None in tallies:
            new = list(set(itertools.compress(chunks, map(operator.is_, tallies, itertools.repeat(None)))))
            if len(self.tallies) + len(new) > _TOKENS_LIMIT:
                self.tallies.clear()
                new = list(set(chunks))  # (those found are gone too)
            tokens = map(TALLY_UNIT.__mul__, map(len, map(_TOKEN.findall, new)))
            marks = map(len, map(MARKED_LETTER.findall, new))
            self.tallies.update(zip(new, map(operator.add, tokens, marks), strict=True))
            tallies = list(map(self.tallies.__getitem__, chunks))
        return tallies  # type: ignore[return-value]

    def remember_marks(
        self, chunk: str, marks: tuple[tuple[Marked, ...], tuple[Marked, ...]]
    ) -> tuple[tuple[Marked, ...], tuple[Marked, ...]]:
        """Keep a chunk's ``chunk_marks`` (within the bound of the tables)."""
        if len(self.marks) >= _TOKENS_LIMIT:
            self.marks.clear()
        self.marks[chunk] = marks
        return marks

    def settle(self, token: str, vietnamese_doc: bool) -> None:
        """Note that ``token`` (or a chunk) never gives anything in a document of this language."""
        if token in self.unsettled:
            return
        settled = self.settled[vietnamese_doc]
        if len(settled) >= _TOKENS_LIMIT:
            settled.clear()
        settled.add(token)

    def judge(self, ctx: _Context, token: str) -> Verdict | None:
        """``_judge(ctx, token)``, replayed from the token's decision tree when it can be."""
        key = (token, ctx.vietnamese_doc)
        node = self.trees.get(key)
        while isinstance(node, _Asked):
            node = node.yes if ctx.answer(node.question) else node.no
        if node is not None:
            return node.verdict
        ctx.asked = []
        verdict = _judge(ctx, token)
        if verdict is None and not ctx.asked and token not in self.unsettled:
            # No question: so in every document; settled, it is not asked about again (and
            # if the table is emptied, judged again), so it needs no tree.
            self.settle(token, ctx.vietnamese_doc)
            return None
        self._graft(key, ctx.asked, _NOTHING if verdict is None else _Judged(verdict))
        return verdict

    def _graft(self, key: tuple[str, bool], asked: list[tuple[Question, bool]], leaf: _Judged) -> None:
        """Add the judges' path (questions, answers, verdict) to the token's tree."""
        node = self.trees.get(key)
        if node is None:
            if len(self.trees) >= _TREES_LIMIT:
                self.trees.clear()
            self.trees[key] = _path(asked, leaf)
            return
        for at, (question, answer) in enumerate(asked):
            # The judges asked what the tree asked, up to the first answer it had not seen.
            assert isinstance(node, _Asked) and node.question == question, (key, question)
            follows = node.yes if answer else node.no
            if follows is None:
                if answer:
                    node.yes = _path(asked[at + 1 :], leaf)
                else:
                    node.no = _path(asked[at + 1 :], leaf)
                return
            node = follows


def _path(asked: list[tuple[Question, bool]], leaf: _Judged) -> _Tree:
    """A chain of questions with one answer each, ending in ``leaf``."""
    tree: _Tree = leaf
    for question, answer in reversed(asked):
        tree = _Asked(question, yes=tree) if answer else _Asked(question, no=tree)
    return tree


_MEMOS: dict[Options, _TokenMemo] = {}
_LAST: tuple[dict[Options, _TokenMemo], Options, _TokenMemo] | None = None  # the last one used


def _memo(options: Options) -> _TokenMemo:
    """The memo for these options (one per configuration, a few at most)."""
    global _LAST
    last = _LAST
    if last is not None and last[0] is _MEMOS and last[1] is options:
        return last[2]  # (hashing the options costs more than these identity tests)
    memo = _MEMOS.get(options)
    if memo is None:
        if len(_MEMOS) >= 4:  # several configurations in one process: tests, the API
            _MEMOS.clear()
        memo = _MEMOS[options] = _TokenMemo(options.foreign)
    _LAST = (_MEMOS, options, memo)
    return memo


def _kind(token: str, options: Options) -> _Kind:
    """A short list's token is cleared by every test (brand, case change, plain English)
    except two: in an English document, a web typo of two function words ("ofthe"); in a
    Vietnamese one, a lower-case token with marks (judged as Vietnamese). The shape test
    (``_shaped``) clears the rest but the unlisted ones."""
    if not _shaped(token, options.allowed):
        return _Kind.IGNORED
    small = wordlist.small_words("en")
    low = token.lower()
    if low not in small:
        return _Kind.UNLISTED
    if token[1:].islower():
        if not token.isascii() and MARKED_LETTER.search(token) is not None:  # (marks are not ASCII)
            return _Kind.SYLLABLE
        if _typo_cut(low, small, options.functions) is not None:
            return _Kind.TYPO
    return _Kind.IGNORED
