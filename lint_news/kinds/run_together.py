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

Cost: a document's tokens are counted (distinct word chunks as they are, the rest with one
regex);
a per-process memo (``_TokenMemo``) clears the tokens no document can make a finding of
with one set lookup each, and replays each other token's verdict from the questions the
judges asked the documents before (standalone part, recurring token, split form seen), so
the judges below run once per token and distinct evidence, not once per document. A
token's first judgement reads the 29k-word list, and the 321k-word list only when it has a
plausible split. The other whole-text scans (URLs, punctuation, possessives, initials)
start from a literal character or run only once one has been found, never from a class or
a look-behind tried at every offset. Compound counts (``wordlist``) bisect the long list's
sorted buckets (part+word) or search it written out as lines (word+part), and switch to
indexes after many questions; ``prepare(rule)`` loads the lists (not the indexes, which
most corpora never need) before worker processes fork.
"""

from __future__ import annotations

import bisect
import enum
import itertools
import operator
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from ..core.document import Document
from ..core.model import Applicability, Finding, Fix
from ..core.options import option_error
from ..core.rule import Rule
from ..text import wordlist
from ..text.regex.lazy import LazyPattern

# Closed-class English words (and numerals): the glue a lost space most often sticks to a
# neighbour.
DEFAULT_FUNCTION_WORDS = (
    "a", "an", "the", "this", "that", "these", "those", "its", "his", "her", "their", "our",
    "my", "your", "of", "in", "on", "at", "to", "for", "from", "with", "by", "into", "onto",
    "about", "after", "before", "over", "under", "between", "among", "against", "during",
    "through", "without", "within", "around", "across", "since", "until", "toward", "towards",
    "and", "or", "but", "nor", "so", "yet", "as", "if", "than", "while", "when", "where",
    "which", "who", "whom", "whose", "what", "because", "although", "though", "whether",
    "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does",
    "did", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "not",
    "he", "she", "it", "we", "they", "them", "him", "us", "also", "very", "more", "most",
    "said", "says", "some", "any", "all", "each", "both", "such", "other", "no", "up", "out",
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "first",
    "last",
)  # fmt: skip

# Words that label an image in flattened alt text ("ảnh 1" = "photo 1"): a number right
# after one is the image's index, so a capital glued to it starts the caption.
DEFAULT_CAPTION_MARKERS = ("ảnh", "hình", "Ảnh", "Hình")
# Closed-class words of the other languages of wire copy about Viet Nam (French and Spanish
# VNA services), from any grammar: a line where they outnumber English ones is not English,
# and the English dictionary must not split its words ("assistera" is not "assist era").
DEFAULT_FRENCH = (
    "le", "la", "les", "des", "du", "et", "est", "une", "dans", "pour", "qui", "sur", "avec",
    "au", "aux", "cette", "sont", "ont", "pas", "par", "il", "elle", "nous", "vous", "ses",
    "leur", "leurs", "été", "entre", "selon", "mais", "aussi",
)  # fmt: skip
DEFAULT_SPANISH = (
    "el", "los", "las", "del", "y", "en", "una", "por", "para", "con", "es", "se", "su", "sus",
    "al", "como", "más", "lo", "fue", "según", "entre", "pero", "también", "han", "ha", "este",
    "esta",
)  # fmt: skip
_ENGLISH_MARKERS = frozenset(
    ("the", "and", "of", "to", "is", "was", "with", "for", "that", "on", "in", "has", "are",
     "by", "from", "it", "its", "will", "have", "were", "said", "this", "which")
)  # fmt: skip

_TOKEN = re.compile(r"[^\W\d_]+")
_VI_LETTERS = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
# Letters this rule judges (lower-cased): English and Vietnamese. Anything else in a token
# (mojibake "Ã©", "µ", other scripts) means the token is not ours.
_ALPHABET = frozenset("abcdefghijklmnopqrstuvwxyz" + _VI_LETTERS)
_VI_CHAR = re.compile(f"[{_VI_LETTERS}{_VI_LETTERS.upper()}]")
# The vowel nuclei of Vietnamese spelling (tone marks removed): a syllable has exactly one.
_VI_NUCLEI = (
    *("iêu", "yêu", "oai", "oay", "oeo", "uây", "uôi", "uya", "uyê", "uyu", "ươi", "ươu"),
    *("ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe"),
    *("oi", "ôi", "ơi", "oo", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ưu"),
    *("ươ", "yê", "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"),
)
_VI_SYLLABLE = LazyPattern(  # only Vietnamese documents need it: compiled on first use
    r"(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnprstvx])?"
    rf"(?:{'|'.join(_VI_NUCLEI)})(?:ch|ng|nh|[cmnpt])?"
)
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
# A chunk of non-space text that is a URL, an e-mail address or a path: left alone. Found
# from its mark ("://", "www.", "@", a domain ending), widened to the whole chunk in
# ``_url_spans``: the same spans as ``\S*(?:mark)\S*``, which tries every offset of the text.
_URL_MARK = LazyPattern(r"://|www\.|@")  # rare: looked for only when a substring test finds one
_URL_DOMAIN = re.compile(r"\.(?<=[\w-]\.)(?:com|net|org|gov|edu|vn|uk|io)\b")
# A comma or full stop before a letter; then two letters before it (checked in Python). One
# pattern per mark: a pattern that starts with one literal character is searched for in C
# far faster (6 ms against 35 ms on the 5 MB benchmark) than one that starts with a class.
_GLUED = (re.compile(r",(?=[^\W\d_])"), re.compile(r"\.(?=[^\W\d_])"))
# (The look-behind comes after the first capital, "not after a letter", so that the scan
# jumps from capital to capital instead of testing it at every offset.)
_INITIALS = LazyPattern(r"[A-Z](?<![^\W\d_.][A-Z])\.(?:[A-Z]\.)+(?=([A-Z][a-z]+))")
_DOTTED_CAPITAL = re.compile(r"\.[A-Z]\.")  # in every _INITIALS match; cheap to look for
_LETTER = re.compile(r"[^\W\d_]")  # what _TOKEN is made of
_BEFORE_SKIP = frozenset("@/\\#_.&+=<>|~$%")
_AFTER_SKIP = frozenset("@/\\_&+=<>|~")


_BRAND_KEY = 3


@dataclass(frozen=True)
class Options:
    """``allow``: brands and names never reported (case-insensitively), and split off when
    glued to a word ("theiPhone"). ``function-words``: the closed-class words whose boundary
    is a strong fusion signal. The Zipf thresholds are in wordfreq's units (7 = "the",
    3 = once per million words): ``known-zipf`` makes a part a word, ``common-zipf`` lets two
    content words be split, ``camel-zipf`` lets two Capitalised words be split.
    """

    allow: tuple[str, ...] = ()
    function_words: tuple[str, ...] = DEFAULT_FUNCTION_WORDS
    caption_markers: tuple[str, ...] = DEFAULT_CAPTION_MARKERS
    vietnamese_surnames: tuple[str, ...] = ()
    french_function_words: tuple[str, ...] = DEFAULT_FRENCH
    spanish_function_words: tuple[str, ...] = DEFAULT_SPANISH
    known_zipf: float = 3.0
    common_zipf: float = 3.5
    camel_zipf: float = 4.0
    punctuation: bool = True
    vietnamese: bool = True
    allowed: frozenset[str] = field(init=False, repr=False, compare=False)
    brands: tuple[str, ...] = field(init=False, repr=False, compare=False)
    # ``brands`` indexed by their first and last three letters (shorter ones always tried),
    # each with its position in ``brands``: a token looks up only brands it may start or end with.
    brand_heads: dict[str, tuple[tuple[int, str], ...]] = field(init=False, repr=False, compare=False)
    brand_tails: dict[str, tuple[tuple[int, str], ...]] = field(init=False, repr=False, compare=False)
    short_brands: tuple[tuple[int, str], ...] = field(init=False, repr=False, compare=False)
    functions: frozenset[str] = field(init=False, repr=False, compare=False)
    foreign: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name in ("known_zipf", "common_zipf", "camel_zipf"):
            value = getattr(self, name)
            if not 0 <= value <= 8:
                raise option_error(name.replace("_", "-"),
                                   f"must be a Zipf value between 0 and 8, not {value}")
        brands = tuple(re.sub(r"['’]s\Z", "", a) for a in self.allow)  # McDonald's
        object.__setattr__(self, "brands", brands)
        heads: dict[str, list[tuple[int, str]]] = {}
        tails: dict[str, list[tuple[int, str]]] = {}
        short = []
        for number, brand in enumerate(brands):
            if len(brand) < _BRAND_KEY:
                short.append((number, brand))
            else:
                heads.setdefault(brand[:_BRAND_KEY], []).append((number, brand))
                tails.setdefault(brand[-_BRAND_KEY:], []).append((number, brand))
        object.__setattr__(self, "brand_heads", {k: tuple(v) for k, v in heads.items()})
        object.__setattr__(self, "brand_tails", {k: tuple(v) for k, v in tails.items()})
        object.__setattr__(self, "short_brands", tuple(short))
        object.__setattr__(self, "allowed", frozenset(b.casefold() for b in brands))
        object.__setattr__(self, "functions", frozenset(w.lower() for w in self.function_words))
        object.__setattr__(
            self, "foreign", frozenset(self.french_function_words) | frozenset(self.spanish_function_words)
        )


# A question a judge asks the document, as (what, first, second): ("standalone", part, ""),
# ("recurs", token, "") or ("split", left, right). See ``_Context``.
Question = tuple[str, str, str]


@dataclass
class _Context:
    """Per-document state: the token counts, the language and thresholds in centi-Zipf.

    The judges learn about the document only through three questions (``standalone``,
    ``recurs``, ``split_form_seen``); each answer is noted in ``asked``, so that a verdict can
    be reused for a document that answers them alike (``_TokenMemo``).
    """

    text: str
    options: Options
    counts: Counter[str]
    vietnamese_doc: bool
    known: int
    common: int
    camel: int
    asked: list[tuple[Question, bool]] = field(default_factory=list)

    # Each list is still read only when a token first needs it, then kept for the document.
    @cached_property
    def small(self) -> dict[str, int]:
        return wordlist.small("en")

    @cached_property
    def large(self) -> dict[str, int]:
        return wordlist.large("en")

    @cached_property
    def vi(self) -> dict[str, int]:
        return wordlist.small("vi")

    @cached_property
    def spellings(self) -> Counter[str]:
        """How many different spellings of each lower-cased token the document has."""
        return Counter(map(str.lower, self.counts))

    def standalone(self, part: str) -> bool:
        """The part occurs as a token of its own elsewhere in the document."""
        return self._ask(("standalone", part, ""))

    def recurs(self, token: str) -> bool:
        """The token (one of the document's) occurs more than once, in any case."""
        return self._ask(("recurs", token, ""))

    def split_form_seen(self, left: str, right: str) -> bool:
        """``left right`` occurs as two words (any case)."""
        return self._ask(("split", left, right))

    def _ask(self, question: Question) -> bool:
        answer = self.answer(question)
        self.asked.append((question, answer))
        return answer

    def answer(self, question: Question) -> bool:
        """The answer to a question, not noted."""
        what, first, second = question
        if what == "standalone":
            return self.counts[first] > 0
        if what == "recurs":
            # Once: then more than once in any case iff another spelling exists.
            return self.counts[first] > 1 or self.spellings[first.lower()] > 1
        # The look-behind "no word character before ``first``" comes after it, so the scan
        # looks for its first letter.
        head = re.escape(first)
        return re.search(
            rf"{head}(?<!\w{head})[ \u00a0]+{re.escape(second)}(?!\w)", self.text, re.IGNORECASE
        ) is not None


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


@dataclass
class _Asked:
    """A node of a token's decision tree: the question the judges asked the document, and
    what followed each answer (None: no document has answered so yet)."""

    question: Question
    yes: _Tree | None = None
    no: _Tree | None = None


@dataclass(frozen=True)
class _Judged:
    """A leaf of a token's decision tree: the verdict the judges reached."""

    verdict: Verdict | None


_Tree = _Asked | _Judged


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

    def __init__(self) -> None:
        self.ignored: set[str] = set()
        self.kinds: dict[str, _Kind] = {}
        self.trees: dict[tuple[str, bool], _Tree] = {}
        # ``_chunk_joins`` per chunk and document language: chunks recur across documents
        self.chunks: dict[tuple[str, bool], tuple[_Join, ...]] = {}

    def kind(self, token: str, options: Options) -> _Kind:
        """The token's kind, worked out on first sight (``token`` is not in ``ignored``)."""
        kind = self.kinds.get(token)
        if kind is None:
            kind = _kind(token, options)
            if kind is _Kind.IGNORED:
                if len(self.ignored) >= _TOKENS_LIMIT:
                    self.ignored.clear()
                self.ignored.add(token)
            else:
                if len(self.kinds) >= _TOKENS_LIMIT:
                    self.kinds.clear()
                self.kinds[token] = kind
        return kind

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
        self._graft(key, ctx.asked, _Judged(verdict))
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
        memo = _MEMOS[options] = _TokenMemo()
    _LAST = (_MEMOS, options, memo)
    return memo


def _kind(token: str, options: Options) -> _Kind:
    """A short list's token is cleared by every test (brand, case change, plain English)
    except two: in an English document, a web typo of two function words ("ofthe"); in a
    Vietnamese one, a lower-case token with marks (judged as Vietnamese). The shape test
    (``_shaped``) clears the rest but the unlisted ones."""
    if not _shaped(token, options.allowed):
        return _Kind.IGNORED
    small = wordlist.small("en")
    low = token.lower()
    if low not in small:
        return _Kind.UNLISTED
    if token[1:].islower():
        if _VI_CHAR.search(token) is not None:
            return _Kind.SYLLABLE
        if low in _typos(small, options.functions):
            return _Kind.TYPO
    return _Kind.IGNORED


def prepare(rule: Rule) -> None:
    """Before worker processes fork: load the word lists once, for every worker to share."""
    options: Options = rule.options
    wordlist.prepare_compounds()
    _typos(wordlist.small("en"), options.functions)
    if options.vietnamese:
        wordlist.small("vi")


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    options: Options = rule.options
    text = doc.text
    skip = _url_spans(text)
    taken: set[int] = set()
    counts, chunks = _counts_and_chunks(text)
    foreign: dict[int, bool] = {}
    # A French or Spanish line in an English document is quoted: not ours to re-space.
    foreign_words = sum(counts[w] for w in options.foreign)
    english_doc = sum(counts[w] for w in _ENGLISH_MARKERS) >= foreign_words
    foreign_words = foreign_words >= 2  # (a line needs two to be foreign)
    memo = _memo(options)
    if options.punctuation:
        for finding in _punctuation(rule, text, skip, options.functions):
            if english_doc and foreign_words and _foreign_line(text, finding.start, options, foreign):
                continue
            if finding.fix is not None:
                taken.update(edit.start for edit in finding.fix.edits)
            yield finding
    possessives = set()
    for finding in _possessives(rule, text):
        possessives.add(finding.start + 2)
        yield finding
    vietnamese_doc = _vietnamese_doc(text, counts.total())
    if options.punctuation:
        for finding in _joins(rule, text, chunks, skip, options, vietnamese_doc, taken, memo):
            if not (english_doc and foreign_words and _foreign_line(text, finding.start, options, foreign)):
                yield finding
    # (sorted: the same order in every run, whatever the string hashes; filtered rather than
    # ``counts.keys() - memo.ignored``, which walks the whole memo for each document)
    fresh = sorted(itertools.filterfalse(memo.ignored.__contains__, counts))
    kinds = [(token, kind) for token in fresh if (kind := memo.kind(token, options)) is not _Kind.IGNORED]
    if not kinds:
        return  # nothing to judge
    ctx = _Context(
        text=text,
        options=options,
        counts=counts,
        vietnamese_doc=vietnamese_doc,
        known=round(options.known_zipf * 100),
        common=round(options.common_zipf * 100),
        camel=round(options.camel_zipf * 100),
    )
    verdicts: dict[str, Verdict] = {}
    for token, kind in kinds:
        verdict: Verdict | None = None
        if kind is _Kind.UNLISTED or (
            kind is _Kind.SYLLABLE and ctx.vietnamese_doc and options.vietnamese
        ):
            verdict = memo.judge(ctx, token)
        elif kind is _Kind.TYPO and not ctx.vietnamese_doc:
            verdict = (_typos(ctx.small, options.functions)[token.lower()], Applicability.UNSAFE, _FW2_REASON)
        if verdict is not None:
            verdicts[token] = verdict
    if not verdicts:
        return
    for start, end, token in _occurrences(text, verdicts):
        if start in possessives or _in_spans(skip, start) or not _free_standing(text, start, end):
            continue
        if (
            foreign_words and token[1:].islower() and not ctx.vietnamese_doc
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


def _token_counts(text: str) -> Counter[str]:
    return _counts_and_chunks(text)[0]


def _counts_and_chunks(text: str) -> tuple[Counter[str], list[str]]:
    """``Counter(_TOKEN.findall(text))``, about 25 % faster.

    Most whitespace-separated chunks of a text are one word (``str.isalpha``: letters are
    ``_TOKEN`` characters and whitespace is not), and are counted as they are; only the
    others ("said,", "U.S.", "2024") are searched, joined into one string. The chunks are
    counted first, so that each distinct one is tested once; the others are taken out of
    the count and searched as often as they occurred.
    """
    counts = Counter(text.split())
    others = list(itertools.filterfalse(str.isalpha, counts))
    repeated = map(itertools.repeat, others, map(counts.pop, others))
    counts.update(_TOKEN.findall(" ".join(itertools.chain.from_iterable(repeated))))
    return counts, others


def _vietnamese_doc(text: str, tokens: int) -> bool:
    """Most Vietnamese syllables carry a mark; an English text with names has few.

    The marks are counted only when the text has enough non-ASCII characters to pass: each
    takes two or more bytes in UTF-8, so the extra bytes bound their number.
    """
    if (len(text.encode("utf-8", "surrogatepass")) - len(text)) * 5 <= tokens * 2:
        return False
    return len(_VI_CHAR.findall(text)) * 5 > tokens * 2


def _shaped(token: str, allowed: frozenset[str]) -> bool:
    """Cheap prefilter, no dictionary: lower-case or Capitalised of 5+ letters (4 with a
    Vietnamese mark) or a case change inside; not all-caps (acronyms, titles), not allowed,
    and only letters this rule judges (not mojibake "Ã©", not other scripts)."""
    if len(token) < 4 or token.isupper():
        return False
    if token[1:].islower() and len(token) < 5 and _VI_CHAR.search(token) is None and token[0].isupper():
        return False  # (four lower-case letters may be two function words: "wasa")
    return token.casefold() not in allowed and _ALPHABET.issuperset(token.lower())


def _url_spans(text: str) -> list[tuple[int, int]]:
    """The chunks of non-space text around each URL mark, in order (see ``_URL_MARK``)."""
    marks = [match.start() for match in _URL_DOMAIN.finditer(text)]
    if "://" in text or "www." in text or "@" in text:
        marks += [match.start() for match in _URL_MARK.finditer(text)]
        marks.sort()
    spans: list[tuple[int, int]] = []
    end = 0
    size = len(text)
    for start in marks:
        if start < end:
            continue  # a second mark in the same chunk
        end = start
        while start > 0 and not text[start - 1].isspace():  # str.isspace is regex \s
            start -= 1
        while end < size and not text[end].isspace():
            end += 1
        spans.append((start, end))
    return spans


def _occurrences(text: str, tokens: Iterable[str]) -> list[tuple[int, int, str]]:
    """Where each token occurs as a whole ``_TOKEN`` (letters on neither side), in text order.

    A few ``str.find`` calls instead of walking every token of the text again.
    """
    found = []
    letter = _LETTER.match
    for token in tokens:
        size = len(token)
        at = text.find(token)
        while at >= 0:
            if not (at and letter(text, at - 1)) and not letter(text, at + size):
                found.append((at, at + size, token))
            at = text.find(token, at + 1)
    found.sort()
    return found


# One pattern per apostrophe, each starting with a literal (see ``_GLUED``); the look-behind
# (a letter before the apostrophe) comes after it.
_POSSESSIVES = tuple(re.compile(rf"{mark}s(?<=[^\W\d_]{mark}s)([^\W\d_]{{3,}})") for mark in "'’")


_START = operator.methodcaller("start")


def _possessives(rule: Rule, text: str) -> Iterator[Finding]:
    """A possessive glued to the next word: "Vietnam’sforeign" -> "Vietnam’s foreign".

    The apostrophe and "s" mark the boundary exactly, so the fix is safe; the rest must be a
    known lower-case word and "s" + rest must not be one ("’stable" is left alone).
    """
    matches = itertools.chain.from_iterable(pattern.finditer(text) for pattern in _POSSESSIVES)
    for match in sorted(matches, key=_START):
        rest = match.group(1)
        if not rest.islower():
            continue
        words = wordlist.small("en")
        if rest not in words or ("s" + rest) in words or not _free_standing(text, *match.span(1)):
            continue
        at = match.start(1)
        start = at - 2
        while start > 0 and text[start - 1].isalpha():
            start -= 1
        yield rule.finding(
            start,
            match.end(1),
            f"no space after the possessive in {text[start : match.end(1)]!r}",
            Fix.replace(at, at, " ", "Add a space after the possessive"),
        )


def _free_standing(text: str, start: int, end: int) -> bool:
    """Not part of a number, handle, path, hashtag or dotted name ("vietnamplus.vn")."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before in _BEFORE_SKIP or before.isdigit() or after in _AFTER_SKIP or after.isdigit():
        return False
    return not (after == "." and text[end + 1 : end + 2].islower())


def _in_spans(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` is in one of ``spans`` (sorted, not overlapping: ``_url_spans``)."""
    at = bisect.bisect_right(spans, offset, key=_FIRST) - 1
    return at >= 0 and offset < spans[at][1]


_FIRST = operator.itemgetter(0)


# ----- judging one token ------------------------------------------------------------------
Verdict = tuple[int, Applicability, str]
_FW_REASON = "a function word glued to its neighbour"
_FW2_REASON = "two function words"


def _judge(ctx: _Context, token: str) -> Verdict | None:
    branded = _brand_affix(ctx, token)
    if branded is not None:
        return branded
    ordinal = _ROMAN_ORDINAL.fullmatch(token)
    if ordinal is not None:
        if ctx.small.get(ordinal.group(2).lower(), 0) < ctx.known:
            return None
        return ordinal.end(1), Applicability.SAFE, "an ordinal glued to the next word"
    rest = token[1:]
    has_vi = _VI_CHAR.search(token) is not None
    if rest.islower():
        if ctx.vietnamese_doc:
            # Vietnamese syllables are judged in Vietnamese documents; there, bare ASCII
            # tokens are syllables written without marks or brands, not English.
            return _vietnamese(ctx, token) if has_vi and ctx.options.vietnamese else None
        # In an English document a token with diacritics is a name ("Lâm|said") or a quoted
        # phrase: only the English tests (which need the name on its own nearby) apply.
        return _plain(ctx, token)
    return _transition(ctx, token, has_vi)


_ROMAN_ORDINAL = re.compile(r"([IVXLC]{1,7}th)([A-Z][a-z]{2,})")


def _brand_affix(ctx: _Context, token: str) -> Verdict | None:
    """An allowed brand glued to a word: "atVietcombank", "theiPhone", "VinFastsaid".

    The brand's own spelling marks the boundary, so the split is as certain as a case change.
    """
    options = ctx.options
    functions = options.functions
    # Only a brand the token starts or ends with can split it (the others fall through the
    # loop below); in the order of ``brands``, as listed.
    indexed = (
        *options.brand_heads.get(token[:_BRAND_KEY], ()),
        *options.brand_tails.get(token[-_BRAND_KEY:], ()),
        *options.short_brands,
    )
    if not indexed:
        return None
    candidates = [
        brand
        for _, brand in sorted(set(indexed))
        if len(token) > len(brand) + 1 and (token.startswith(brand) or token.endswith(brand))
    ]
    if not candidates or token.lower() in ctx.small:
        return None  # "ratios" is a word, not "rat|iOS"
    for brand in candidates:  # spelled exactly as listed: the case is part of the evidence
        if token.startswith(brand):
            rest = token[len(brand) :].lower()
            if rest in functions or (len(rest) >= 3 and ctx.small.get(rest, 0) >= ctx.known):
                sure = Applicability.SAFE if rest in functions else Applicability.UNSAFE
                return len(brand), sure, "a listed name glued to a word"
        elif token.endswith(brand):
            head = token[: -len(brand)].lower()
            if head in functions or (len(head) >= 3 and ctx.small.get(head, 0) >= ctx.known):
                sure = Applicability.SAFE if head in functions else Applicability.UNSAFE
                return len(head), sure, "a word glued to a listed name"
    return None


def _shape(part: str) -> str:
    if part.islower():
        return "lower"
    if part.isupper():
        return "upper"
    if part[0].isupper() and part[1:].islower():
        return "title"
    return "mixed"


def _transition(ctx: _Context, token: str, has_vi: bool) -> Verdict | None:
    """Case transitions: "theCommunist", "USSecretary", "USrelations", "HảiPhòng"."""
    cuts = []
    for i in range(1, len(token)):
        prev, cur = token[i - 1], token[i]
        lower_upper = prev.islower() and cur.isupper()  # the|Communist
        run_title = prev.isupper() and cur.isupper() and token[i + 1 : i + 2].islower()  # US|Secretary
        run_lower = prev.isupper() and cur.islower() and i >= 2 and token[:i].isupper()  # US|relations
        if lower_upper or run_title or run_lower:
            cuts.append(i)
    whole = token.lower()
    listed_vi = (has_vi or ctx.vietnamese_doc) and whole in ctx.vi
    if listed_vi:  # (a token the short list knows never comes here)
        return None  # a listed token is a word
    # A recurring token is a name or a brand (iPhone, YouTube) unless the document also
    # writes it apart, or it is a function word before a capital: a fusion can recur
    # ("inMarch" in every dateline). Either way the fix is then unsafe.
    recurs = ctx.recurs(token)
    named = _surname_pair(ctx, token)
    if named is not None:
        return named, Applicability.UNSAFE, "a Vietnamese family name glued to the next name"
    best: tuple[int, int, str] | None = None
    for cut in cuts:
        left, right = token[:cut], token[cut:]
        if len(left) < 2 or len(right) < 2:
            continue  # "iPhone", "eBay", "MBaer", "PhD", "CEOs": one letter is not a word
        shapes = (_shape(left), _shape(right))
        if "mixed" in shapes or shapes in (("title", "upper"), ("upper", "upper")):
            continue
        if shapes == ("lower", "lower") or (shapes[1] == "lower" and shapes[0] != "upper"):
            continue
        if left.lower() in ("mc", "mac") and shapes[0] == "title":
            continue  # McDonald, MacArthur
        score = _transition_parts(ctx, left, right, shapes, has_vi)
        if score is not None and (best is None or score > best[0]):
            best = (score, cut, "case change inside the word")
    if best is None:
        return None
    cut = best[1]
    left, right = token[:cut], token[cut:]
    seen = ctx.split_form_seen(left, right)
    if recurs and not seen:
        if not (left.islower() and left in ctx.options.functions and len(left) >= 2):
            return None
        return cut, Applicability.UNSAFE, best[2]
    camel = _shape(left) == "title" and _shape(right) == "title" and not seen
    # Capitalised+Capitalised is how brands are made ("SoundCloud", "NextTech"), from
    # productive first elements; only two very common words with an unproductive first one
    # ("EconomicPlanning") are trusted without the document's own "Black Widow".
    if camel and not (_common_word(ctx, left) and _common_word(ctx, right)):
        return None
    if camel and not has_vi and (min(len(left), len(right)) < 4 or ctx.large.get(whole, 0)):
        return None  # short elements make brands: "GovTech", "YouTube", "NetFlix"
    whole_zipf = ctx.large.get(whole, 0)
    if whole_zipf and not seen and best[0] - 900 < whole_zipf + _CASE_MARGIN:
        return None  # listed ("blackwidow"): only if "of|July" beats "ofjuly" clearly
    if camel and not has_vi and wordlist.compounding(left.lower()):
        return None
    # Safe means certain: only a function word before a capital ("the|Communist") is never a
    # brand; "GovTech", "PAMAir", "USrelations" may be spelt so on purpose.
    certain = left.islower() and left in ctx.options.functions and not recurs
    return cut, Applicability.SAFE if certain else Applicability.UNSAFE, best[2]


_NAME_PAIR = re.compile(r"([A-Z][a-z]{2,})([A-Z][a-z]+)")


def _surname_pair(ctx: _Context, token: str) -> int | None:
    """"NguyenXuan": in an English text, Vietnamese names are written a syllable a word, so a
    common family name (``vietnamese-surnames``) glued to a Capitalised syllable is a lost
    space. Names may be spelt so on purpose ("LeMay"): the two-letter names are not listed,
    and the fix is unsafe."""
    match = _NAME_PAIR.fullmatch(token)
    if match is None or ctx.vietnamese_doc or match.group(1) not in ctx.options.vietnamese_surnames:
        return None
    if not _syllable(match.group(2)) or ctx.large.get(token.lower(), 0):
        return None
    return match.end(1)


def _common_word(ctx: _Context, part: str) -> bool:
    """Both halves of a Capitalised+Capitalised fusion must be very common (brands are not)."""
    low = part.lower()
    shortest = 2 if ctx.vietnamese_doc else 3  # Vietnamese syllables are short: "Hà|Nội"
    return len(part) >= shortest and max(ctx.small.get(low, 0), ctx.vi.get(low, 0)) >= ctx.camel


def _transition_parts(
    ctx: _Context, left: str, right: str, shapes: tuple[str, str], has_vi: bool
) -> int | None:
    """The score of a case-change split, or None when a part is not a word."""
    scores = []
    for side, (part, shape) in enumerate(((left, shapes[0]), (right, shapes[1]))):
        low = part.lower()
        if shape == "upper":
            # "US|Secretary" when the document also writes "US" alone; "PCMan" is a name.
            # An acronym before a common lower-case word of four letters or more is enough
            # on its own ("UScitizens"): brands glue a capitalised word, not a lower-case one.
            value = ctx.small.get(low, 0)
            if not ctx.standalone(part) and not (
                side == 0 and shapes[1] == "lower" and len(part) <= 4 and len(right) >= 4
                and ctx.small.get(right.lower(), 0) >= ctx.common
                and not _inflected(right.lower() + "x", {})
            ):
                return None
            scores.append(max(value, ctx.known))
            continue
        value = max(ctx.small.get(low, 0), ctx.vi.get(low, 0) if has_vi or ctx.vietnamese_doc else 0)
        if low in ctx.options.functions:
            value = max(value, ctx.known)
        if value >= ctx.known:
            scores.append(value)
        elif shape == "title" and ctx.standalone(part):
            scores.append(ctx.known)  # a name the document uses on its own
        elif shape == "title" and side == 1 and shapes[0] == "lower" and ctx.large.get(low, 0):
            scores.append(ctx.known)  # "up|Kuwaiti", "while|Argentines": a listed name
        elif shape == "lower" and side == 0 and len(part) >= 4 and ctx.large.get(low, 0) >= 200:
            scores.append(ctx.known)  # "reshape|Asian": a rarer word, but the capital is clear
        else:
            return None
    return sum(scores)


def _plain(ctx: _Context, token: str) -> Verdict | None:
    """Lower-case or Capitalised English tokens with no case change: "strengthenits".

    Only tokens the short list does not know come here (``_TokenMemo.kind``); its listed
    typos of two function words ("ofthe") are judged in ``check``."""
    whole = token.lower()
    small = ctx.small
    recurs = ctx.recurs(token)  # a recurring unknown token is a name or a term of the article...
    if _inflected(whole, small):
        return None  # "regionally", "emphasising": a known word, regularly inflected
    titled = token[0].isupper()
    # (A cut with no function word needs four letters before it and three after: the
    # first test of ``_worth_a_look``, made here without a call.)
    size, functions = len(whole), ctx.options.functions
    cuts = [
        cut
        for cut in range(1, size)
        if (
            (cut >= 4 and size - cut >= 3)
            or whole[:cut] in functions
            or whole[cut:] in functions
        )
        and _worth_a_look(ctx, token, cut, titled)
    ]
    if not cuts:
        return None  # names such as "Kritenbrink": the long list is not even read
    whole_zipf = ctx.large.get(whole, 0)
    best: tuple[int, int, str] | None = None
    for cut in cuts:
        verdict = _plain_split(ctx, token[:cut], token[cut:], whole_zipf, titled)
        if verdict is not None and (best is None or verdict[0] > best[0]):
            best = (verdict[0], cut, verdict[1])
    if best is None:
        return None
    if recurs and not ctx.split_form_seen(token[: best[1]], token[best[1] :]):
        return None  # ...unless the document also writes it apart: a fusion that recurs
    if best[2] not in (_FW_REASON, _FW2_REASON) and _two_word_cuts(small, whole) > 1:
        return None  # "roadslips": "roads|lips" or "road|slips"? A real fusion has one reading.
    return best[1], Applicability.UNSAFE, best[2]


def _two_word_cuts(small: dict[str, int], whole: str) -> int:
    return sum(
        1 for cut in range(3, len(whole) - 2) if whole[:cut] in small and whole[cut:] in small
    )


# Regular English inflections: a known word plus one of these is a word, not a fusion (no
# word of its own is this short or spelt like this, so no fusion can end in one).
_INFLECTIONS = ("s", "es", "ed", "d", "ing", "ly", "ally", "er", "ers", "est")


def _inflected(whole: str, small: dict[str, int]) -> bool:
    for ending in _INFLECTIONS:
        if whole.endswith(ending) and len(whole) - len(ending) >= 4:
            stem = whole[: -len(ending)]
            if stem in small or stem + "e" in small or (stem[-1] == stem[-2:-1] and stem[:-1] in small):
                return True  # "regional|ly", "emphasis(e)|ing", "plan(n)|ed"
    return False


# Glue that starts no English word productively: a long rare word after it is still a word
# ("the|denuclearisation"), whereas after "in", "a" or "be" it is usually one word.
_STRONG_GLUE = frozenset(
    ("the", "and", "of", "to", "from", "its", "their", "these", "those", "which", "whose")
)


def _worth_a_look(ctx: _Context, token: str, cut: int, titled: bool) -> bool:
    """Whether a split could pass, judged from the short list alone (it is cheap).

    This mirrors the tests of ``_plain_split`` that need no long list, so that the long
    list is read only for tokens that have a real chance ("hovered|around"), not for every
    rare word of an article ("firmer", "oilseeds", "Gerhard").
    """
    small, functions = ctx.small, ctx.options.functions
    left, right = token[:cut].lower(), token[cut:].lower()
    left_fw, right_fw = left in functions, right in functions
    if left_fw and right_fw:
        return True
    if left_fw or right_fw:
        glue, other = (left, right) if left_fw else (right, left)
        other_zipf = small.get(other, 0)
        if len(other) < 3 or (glue in _compounding(left_fw) and len(other) < 5):
            return False
        if titled and right_fw:
            # (the long list, which ``_name_glue`` reads, is asked in ``_function_boundary``)
            return ctx.standalone(token[:cut]) or (right in _NAME_GLUE and len(left) >= 3)
        if len(glue) == 1:
            return other_zipf >= ctx.common and len(other) >= 4
        if len(glue) == 2 and len(other) < 4:
            return False  # "atsec", "verto"
        if right_fw and len(glue) == 2:
            return other_zipf >= ctx.known
        if titled and (len(glue) < 3 or len(other) < 5):
            return False  # "Sogame", "Forbed", "Angov" are names; "Thecompany" is not
        if titled and other_zipf < ctx.common and not ctx.standalone(token[cut:]):
            return False
        if other_zipf:
            return True
        if left_fw and glue in _STRONG_GLUE and len(other) >= 7:
            return True  # "the|denuclearisation"
        return len(glue) >= 3 and len(other) >= 6  # "hovered|around": may be in the long list
    if len(left) < 4 or len(right) < 3:
        return False  # three-letter first parts are mostly clipped prefixes: "lib", "soy", "eco"
    zl, zr = small.get(left, 0), small.get(right, 0)
    if titled:
        return len(right) >= 4 and zr >= ctx.known and ctx.standalone(token[:cut])
    if zl >= ctx.common and zr >= ctx.common:
        return True
    if len(left) >= _LONG and len(right) >= _LONG and max(zl, zr) >= ctx.known:
        return True  # "pervasive|encroachment": may be a rarer word of the long list
    return zl >= ctx.known and zr >= ctx.known and ctx.split_form_seen(left, right)


_TYPO_CACHE: dict[frozenset[str], dict[str, int]] = {}


def _typos(small: dict[str, int], functions: frozenset[str]) -> dict[str, int]:
    """Listed tokens made of two function words far likelier apart ("ofthe" -> 2).

    wordfreq counts web text, so frequent typos are listed; computed once from the list.
    """
    cached = _TYPO_CACHE.get(functions)
    if cached is None:
        cached = {}
        for left in functions:
            for right in functions:
                whole = left + right
                listed = small.get(whole)
                if listed is None or left not in small or right not in small:
                    continue
                if small[left] + small[right] - 900 >= listed + 150:
                    cached[whole] = len(left)
        _TYPO_CACHE[functions] = cached
    return cached


def _plain_split(
    ctx: _Context, left_raw: str, right_raw: str, whole_zipf: int, titled: bool
) -> tuple[int, str] | None:
    small, functions = ctx.small, ctx.options.functions
    left, right = left_raw.lower(), right_raw.lower()
    left_fw, right_fw = left in functions, right in functions
    zl, zr = small.get(left, 0), small.get(right, 0)
    if left_fw and right_fw:
        if whole_zipf and zl + zr - 900 < whole_zipf + _LISTED_MARGIN:
            return None
        return zl + zr, _FW2_REASON
    if left_fw or right_fw:
        return _function_boundary(ctx, left_raw, right_raw, left_fw, whole_zipf, titled)
    if len(left) < 4 or len(right) < 3 or whole_zipf:
        return None
    if titled:
        # Capitalised: names are common, so the document must vouch for the first part.
        if not (len(right) >= 4 and zr >= ctx.known and ctx.standalone(left_raw)):
            return None
        verdict = (zl + zr + ctx.known, "the first part occurs on its own in this document")
    elif zl >= ctx.common and zr >= ctx.common:
        verdict = (zl + zr, "two common words")
    elif zl >= ctx.known and zr >= ctx.known and ctx.split_form_seen(left, right):
        verdict = (zl + zr, "the split form occurs in this document")
    elif len(left) >= _LONG and len(right) >= _LONG and max(zl, zr) >= ctx.known:
        # Two long words, one common and the other in the long list: "genocidal|regime",
        # "repeated|breakages". No unlisted word of 12+ letters splits so by chance.
        rare = ctx.large.get(right if zl >= zr else left, 0)
        if rare < _RARE_FLOOR:
            return None
        verdict = (zl + zr + rare, "a common word and a rarer one")
    else:
        return None
    if wordlist.compounding(left) or wordlist.tail_compounding(right):
        return None  # "multicurrency", "Westbank", "trendless": parts that build compounds
    return verdict


# Parts of this many letters make a split of two long words (one of them rarer) plausible.
_LONG = 6
# A rarer part must still be a word people write (centi-Zipf: about 3 per 100 million words).
_RARE_FLOOR = 150


# Particles that also build real compounds, as a first part ("outturn", "upturn", "withhold")
# or as a second one ("jackup", "takeover", "standby"): glued to a word of four letters or
# fewer they are more likely a compound than a lost space.
_PREFIX_PARTICLES = frozenset(
    ("out", "up", "over", "under", "down", "off", "in", "on", "by", "back", "after", "with")
)
_SUFFIX_PARTICLES = frozenset(
    ("up", "out", "off", "over", "down", "in", "on", "by", "back", "around", "about")
)


# Function words that follow a name in news prose and end no name or place (unlike "more":
# "Baltimore", "over": "Hanover", "and": "Holland").
_NAME_GLUE = frozenset(
    ("from", "with", "were", "said", "says", "have", "will", "that", "been", "which",
     "when", "they", "their", "would", "could", "should", "also")
)  # fmt: skip


def _name_glue(ctx: _Context, glue: str, name: str) -> bool:
    return glue in _NAME_GLUE and len(name) >= 3 and ctx.large.get(name, 0) >= 150


def _compounding(glue_first: bool) -> frozenset[str]:
    return _PREFIX_PARTICLES if glue_first else _SUFFIX_PARTICLES


# A listed whole ("thestate" is a web typo wordfreq knows) must be this much (centi-Zipf)
# less likely than its two words side by side before the split is preferred.
_LISTED_MARGIN = 250
# With a case change the capital already marks the boundary: a smaller margin will do.
_CASE_MARGIN = 100


def _function_boundary(
    ctx: _Context, left_raw: str, right_raw: str, left_fw: bool, whole_zipf: int, titled: bool
) -> tuple[int, str] | None:
    """One function word and one other word: "strengthen|its", "the|implementation"."""
    small, large = ctx.small, ctx.large
    glue, other_raw = (left_raw, right_raw) if left_fw else (right_raw, left_raw)
    glue, other = glue.lower(), other_raw.lower()
    if len(other) < 3:
        return None
    if glue in _compounding(left_fw) and len(other) < 5:
        return None
    other_zipf = small.get(other, 0) or large.get(other, 0)
    if titled and not left_fw:
        # "Vietnamin" but not "Grieveson", "Minora", "Lanedo": a capitalised first part is a
        # name unless the document also uses it on its own, or a name the long list knows
        # meets a long verb or pronoun that ends no name ("Tuan|from", "Hung|said").
        if not (ctx.standalone(other_raw) or _name_glue(ctx, glue, other)):
            return None
        other_zipf = max(other_zipf, ctx.known)
    elif len(glue) == 1:
        if other_zipf < ctx.common or len(other) < 4:
            return None  # "acountry"; but "Aviva", "amoco" are names
    elif other_zipf < ctx.known - 100 and not (
        left_fw and glue in _STRONG_GLUE and len(other) >= 7 and other_zipf >= 100
    ):
        return None  # a rare neighbour only after strong glue, and long ("the|denuclearisation")
    if len(glue) == 2 and len(other) < 4:
        return None  # "atsec", "verto"
    if not left_fw and len(glue) <= 2 and other_zipf < ctx.known:
        return None  # "observa|do": only a common English word takes a glued "in", "do"
    if titled and left_fw and (len(glue) < 3 or len(other) < 5):
        return None  # "Sogame", "Forbed", "Angov", "Inman": capitalised glue starts many names
    if titled and left_fw and other_zipf < ctx.common and not ctx.standalone(other_raw):
        return None
    glue_zipf = small.get(glue, ctx.known)
    if whole_zipf and glue_zipf + other_zipf - 900 < whole_zipf + _LISTED_MARGIN:
        return None  # a listed whole must be less likely than the two words side by side
    return glue_zipf + max(other_zipf, ctx.known), _FW_REASON


# ----- Vietnamese -------------------------------------------------------------------------
def _syllable(part: str) -> bool:
    """One orthographic Vietnamese syllable: onset, 1-3 vowels, coda, at most one tone."""
    decomposed = unicodedata.normalize("NFD", part.lower())
    if sum(1 for c in decomposed if c in _TONES) > 1:
        return False
    bare = unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if c not in _TONES)
    )
    return _VI_SYLLABLE.fullmatch(bare) is not None


def _vietnamese(ctx: _Context, token: str) -> Verdict | None:
    """Two syllables in one token: "đạihọc", "Trongdự". One syllable per word in Vietnamese."""
    whole = token.lower()
    vi = ctx.vi
    if whole in vi or _syllable(whole) or ctx.recurs(token):
        return None
    best: tuple[int, int] | None = None
    readings = 0
    for cut in range(1, len(whole)):
        left, right = whole[:cut], whole[cut:]
        if left in vi and right in vi and _syllable(left) and _syllable(right):
            readings += 1
            score = vi[left] + vi[right]
            if best is None or score > best[0]:
                best = (score, cut)
    if best is None:
        return None
    # Vietnamese writes one syllable per word, so two marked syllables in one lower-case
    # token are a lost space; when only one cut gives two syllables, the split is certain.
    sure = readings == 1 and token.islower()
    applicability = Applicability.SAFE if sure else Applicability.UNSAFE
    return best[1], applicability, "two Vietnamese syllables in one word"


# ----- punctuation ------------------------------------------------------------------------
def _known_lower(word: str, functions: frozenset[str]) -> bool:
    """A lower-case English, French or Spanish word or Vietnamese syllable (the lists load
    only for this, the French and Spanish ones only for a word the others lack)."""
    if not word.islower():
        return False
    if word in functions or word in wordlist.small("en") or word in wordlist.small("vi"):
        return True
    return word in wordlist.small("fr") or word in wordlist.small("es")  # wire copy in French


def _punctuation(
    rule: Rule, text: str, skip: list[tuple[int, int]], functions: frozenset[str]
) -> Iterator[Finding]:
    """A comma or full stop glued to the next word: "agreements,he", "said.The"."""
    found: list[tuple[int, str]] = []
    for match in itertools.chain.from_iterable(pattern.finditer(text) for pattern in _GLUED):
        at = match.start()
        before = text[max(at - 2, 0) : at]
        if len(before) < 2 or not before.isalpha():
            continue  # "1,340", "6.7", "e.g.", "A,B"
        if text[at] == ",":
            found.append((at, ","))
            continue
        if not (before.islower() and text[at + 1].isupper() and text[at + 2 : at + 3].islower()):
            continue  # "TP.HCM", "vietnamplus.vn", "Node.js"
        word_start = at
        while word_start > 0 and text[word_start - 1].isalpha():
            word_start -= 1
        if not _known_lower(text[word_start:at], functions):
            continue  # "Xiph.Org", "changelog.Debian", "James.Bottomley": names, not sentences
        if word_start > 0 and text[word_start - 1] == ".":
            continue  # a dotted chain: "www.example.Com"
        found.append((at, "."))
    initials = _INITIALS.finditer(text) if _DOTTED_CAPITAL.search(text) else ()
    for match in initials:
        if match.group(1).lower() not in functions:  # "E.D.And F. Man" is a company name
            found.append((match.end() - 1, "."))
    for at, mark in sorted(found):
        if _in_spans(skip, at):
            continue
        start = at
        while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
            start -= 1
        end = at + 1
        while end < len(text) and text[end].isalpha():
            end += 1
        left_word, right_word = text[start:at].split(".")[-1], text[at + 1 : end]
        if len(right_word) < 2 or not _ALPHABET.issuperset(right_word.lower()):
            continue  # "community,â€œ": mojibake, not a lost space
        if (_VI_CHAR.search(left_word) is None) != (_VI_CHAR.search(right_word) is None):
            continue  # a switch of language at the mark: injected or quoted text
        what = "comma" if mark == "," else "full stop"
        yield rule.finding(
            start,
            end,
            f"no space after the {what} in {text[start:end]!r}",
            Fix.replace(at + 1, at + 1, " ", f"Add a space after the {what}"),
        )


# ----- joins marked by digits, ordinals, brackets and stops -------------------------------
# Each is looked for only in the document's distinct chunks of non-space text that are not
# all letters (a few hundred per article), never at every offset of the text.
_UP = "A-Z" + _VI_LETTERS.upper()
_TITLE = rf"[{_UP}][^\W\d_{_UP}]+"  # a capital, then lower-case letters
# Sentence end after a number or a Capitalised word, or a stop doubled: "2021.It",
# "Hanoi.The", "Games.SEA", "x..Five".
_STOP_JOIN = re.compile(
    rf"(?<![\w.])(\d{{1,4}}|{_TITLE}|[a-z]+(?=\.\.))(\.\.?)({_TITLE}|[A-Z]{{2,}}(?=$|[,;:)]))(?![\w.])"
)
# A full stop and a curly quote glued to the next sentence: "ngày.“Thông", "ngoái.”Bản".
_QUOTE_JOIN = re.compile(rf"(?<=[\w])\.([“‘]|[”’])({_TITLE})")
# A word glued to an opening quote ('were"supported"', 'said“we'), or a closing curly quote
# glued to the next word ('”the'): a straight quote opens when it closes a word in the same
# chunk.
_OPEN_QUOTE = re.compile(r'(?<=[^\W\d_]{2})(?:"(?=[^\W\d_][^"\s]*"(?!\w))|“(?=[^\W\d_]))')
_CLOSE_QUOTE = re.compile(r"(?<=[^\W\d_])”(?=[^\W\d_]{2})")
# A closing bracket (and a full stop) glued to a capitalised word: "(VNA)Hanoi", "USD).The".
_BRACKET_JOIN = re.compile(rf"(?<=[\w.])[)\]]\.?({_TITLE})(?![\w])")
# A colon glued to a capital: "Photo:VNA".
_COLON_JOIN = re.compile(rf"(?<![\w:])([^\W\d_]{{3,}}):([{_UP}][^\W\d_]+)(?![\w:])")
# A number glued to a Capitalised word: "2Drought" (the digits are an image index or a
# figure; the capital starts a word).
_DIGIT_TITLE = re.compile(rf"(?<![\w.,-])(\d{{1,4}})({_TITLE})(?![\w])")
# An ordinal glued to the next word: "12thcongress", "XIVthNational".
_ORDINAL = re.compile(r"(?<![\w.,-])(\d{1,4}|[IVXLC]{1,7})(st|nd|rd|th)([^\W\d_]{3,})(?![\w])")
# A function word glued to a number: "the2018-19", "in2020".
_WORD_DIGITS = re.compile(r"(?<![\w.@/-])([a-z]{2,5})(\d{2,})(?![^\W\d_])")
# A Vietnamese syllable glued to a number, either way: "Tế03", "2025được".
_VI_DIGITS = re.compile(
    r"(?<![\w.@/-])([^\W\d_]{1,7})(\d{1,4})(?=$|[,.;:!?)\]”’\"])"
    r"|(?<![\w.@/-])(\d{1,4})([^\W\d_]{2,7})(?=$|[,.;:!?)\]”’\"])"
)
_DIGIT = re.compile(r"\d")
_TLDS = frozenset(("com", "net", "org", "gov", "edu", "vn", "uk", "io", "info", "biz", "co", "us", "fm"))


def _ordinal_suffix(number: str) -> str:
    """The English ordinal suffix of a number: 1st, 2nd, 3rd, 11th, 24th."""
    if number[-2:] in ("11", "12", "13"):
        return "th"
    return {"1": "st", "2": "nd", "3": "rd"}.get(number[-1], "th")


@dataclass(frozen=True)
class _Join:
    """A join found in a chunk: the span to report (chunk offsets), the edit, and why."""

    start: int
    end: int
    edit_start: int
    edit_end: int
    content: str
    applicability: Applicability
    why: str


def _known(word: str, least: int) -> bool:
    """A word of the short English list at least this common (centi-Zipf)."""
    return wordlist.small("en").get(word.lower(), 0) >= least


def _known_abroad(word: str, least: int) -> bool:
    """A word of the French or Spanish short list (read only for a word English lacks)."""
    low = word.lower()
    return any(wordlist.small(lang).get(low, 0) >= least for lang in ("fr", "es"))


def _chunk_joins(chunk: str, options: Options, vietnamese_doc: bool) -> list[_Join]:
    """The lost spaces of one chunk that a digit, an ordinal, a stop or a bracket marks."""
    found: list[_Join] = []
    functions = options.functions
    known = round(options.known_zipf * 100)
    safe, unsafe = Applicability.SAFE, Applicability.UNSAFE
    if "." in chunk:
        for match in _STOP_JOIN.finditer(chunk):
            left, stops, right = match.groups()
            if right.lower() in _TLDS:
                continue  # "Example.Com"
            number = left.isdigit()
            if left[0].isupper() and len(left) < 4:
                continue  # "Dr.Phil", "St.Louis": abbreviations some styles write so
            if not number and not (_known(left, known) or left in functions):
                continue  # "Xiph.Org", "James.Bottomley": names, not sentences
            if right.isupper():
                if number or len(stops) > 1:
                    continue
                found.append(_Join(match.start(), match.end(), match.end(2), match.end(2), " ",
                                   unsafe, "no space after the full stop"))
                continue
            right_known = (
                right.lower() in functions or _known(right, known) or _known_abroad(right, known)
            )  # (French or Spanish wire copy: "2023.Selon")
            if not (right_known or _VI_CHAR.search(right) is not None):
                continue
            if len(stops) > 1:
                found.append(_Join(match.start(), match.end(), match.start(2), match.end(2), ". ",
                                   unsafe, "a doubled full stop and no space"))
                continue
            certain = right_known and (number or right.lower() in functions or _known(left, known))
            found.append(_Join(match.start(), match.end(), match.end(2), match.end(2), " ",
                               safe if certain else unsafe, "no space after the full stop"))
        for match in _QUOTE_JOIN.finditer(chunk):
            word_start = match.start()
            while word_start > 0 and chunk[word_start - 1].isalnum():
                word_start -= 1
            at = match.start(1) if match.group(1) in "“‘" else match.end(1)
            found.append(_Join(word_start, match.end(), at, at, " ", safe,
                               "no space between the sentences"))
    if '"' in chunk or "“" in chunk:
        for match in _OPEN_QUOTE.finditer(chunk):
            found.append(_Join(0, len(chunk), match.start(), match.start(), " ", safe,
                               "no space before the opening quote"))
    if "”" in chunk:
        for match in _CLOSE_QUOTE.finditer(chunk):
            found.append(_Join(0, len(chunk), match.end(), match.end(), " ", safe,
                               "no space after the closing quote"))
    if ")" in chunk or "]" in chunk:
        for match in _BRACKET_JOIN.finditer(chunk):
            if len(match.group(1)) < 3:
                continue  # "(s)He"
            found.append(_Join(0, match.end(), match.start(1), match.start(1), " ", safe,
                               "no space after the closing bracket"))
    if ":" in chunk:
        for match in _COLON_JOIN.finditer(chunk):
            if _known(match.group(1), known):
                found.append(_Join(match.start(), match.end(), match.start(2), match.start(2), " ",
                                   unsafe, "no space after the colon"))
    if _DIGIT.search(chunk) is None:
        return found
    for match in _DIGIT_TITLE.finditer(chunk):
        word = match.group(2)
        listed = _known(word, known) or (vietnamese_doc and word.lower() in wordlist.small("vi"))
        if len(word) >= 3 and listed and match.group().lower() not in wordlist.large("en"):
            found.append(_Join(match.start(), match.end(), match.start(2), match.start(2), " ",
                               unsafe, "a number glued to a word"))
    for match in _ORDINAL.finditer(chunk):
        number, suffix, word = match.groups()
        roman = not number.isdigit()
        if roman and not (word[0].isupper() and suffix == "th"):
            continue
        if not roman and suffix != _ordinal_suffix(number):
            continue  # "4thought" is a name, not "4th ought"
        if not (word[0].isupper() or word.islower()) or not _known(word, known):
            continue
        if _known(suffix + word, known):
            continue  # "5three"? the letters may belong to the word
        found.append(_Join(match.start(), match.end(), match.start(3), match.start(3), " ",
                           safe, "an ordinal glued to the next word"))
    for match in _WORD_DIGITS.finditer(chunk):
        if match.group(1) in functions:
            found.append(_Join(match.start(), match.end(), match.start(2), match.start(2), " ",
                               unsafe, "a word glued to a number"))
    if options.vietnamese and _VI_CHAR.search(chunk) is not None:
        for match in _VI_DIGITS.finditer(chunk):
            word = match.group(1) or match.group(4)
            if _VI_CHAR.search(word) is None or not _syllable(word):
                continue
            if match.group(4) is not None and not word.islower():
                continue
            at = match.start(2) if match.group(1) else match.start(4)
            found.append(_Join(match.start(), match.end(), at, at, " ", unsafe,
                               "a Vietnamese word glued to a number"))
    return found


def _joins(
    rule: Rule, text: str, chunks: Iterable[str], skip: list[tuple[int, int]], options: Options,
    vietnamese_doc: bool, taken: set[int], memo: _TokenMemo,
) -> Iterator[Finding]:
    """Findings of ``_chunk_joins`` at each occurrence of their chunk (whitespace around)."""
    # (In a Vietnamese text "Hình 1A" may be a figure's own number: only the Vietnamese word
    # of alt text in another language's page marks an image index.)
    markers = frozenset() if vietnamese_doc else frozenset(m for m in options.caption_markers if m in text)
    known = memo.chunks
    targets: dict[str, tuple[_Join, ...]] = {}
    for chunk in chunks:
        key = (chunk, vietnamese_doc)
        joins = known.get(key)
        if joins is None:
            if len(known) >= _TOKENS_LIMIT:
                known.clear()
            joins = known[key] = tuple(_chunk_joins(chunk, options, vietnamese_doc))
        if joins or (markers and _CAPTION.match(chunk) is not None):
            targets[chunk] = joins
    if not targets:
        return
    if len(targets) > _FIND_LIMIT:
        # Many chunks to place: one pass over the text's chunks (a search per chunk would
        # read the text once each).
        for match in _CHUNK.finditer(text):
            joins = targets.get(match.group())
            if joins is not None:
                yield from _place(rule, text, match.group(), match.start(), joins, skip, taken, markers)
        return
    for chunk in sorted(targets):
        at = text.find(chunk)
        while at >= 0:
            end = at + len(chunk)
            if (at == 0 or text[at - 1].isspace()) and (end == len(text) or text[end].isspace()):
                yield from _place(rule, text, chunk, at, targets[chunk], skip, taken, markers)
            at = text.find(chunk, at + 1)


_LETTER_RUN = re.compile(r"[^\W\d_]+")
_CAPTION = re.compile(r"\d+[A-Z]")  # "1A parched", "3Farmers": an image index glued to a caption
_CHUNK = re.compile(r"\S+")
_FIND_LIMIT = 32


def _place(
    rule: Rule, text: str, chunk: str, at: int, joins: tuple[_Join, ...], skip: list[tuple[int, int]],
    taken: set[int], markers: frozenset[str],
) -> Iterator[Finding]:
    if _in_spans(skip, at):
        return
    if not joins and chunk[:1].isdigit():
        # Alt text "ảnh 1" glued to a caption that starts with a capital: "ảnh 1A parched".
        before = text[max(at - 8, 0) : at].split()
        digits = len(chunk) - len(chunk.lstrip("0123456789"))
        word = _LETTER_RUN.match(chunk, digits)
        if (
            before and before[-1] in markers and word is not None and word.group()[0].isupper()
            and (len(word.group()) >= 2 or word.group() in ("A", "I"))
        ):  # ("ảnh 3D", "ảnh 4K" are a kind of image, not an index and a caption)
            joins = (_Join(0, len(chunk), digits, digits, " ", Applicability.UNSAFE,
                           "an image number glued to its caption"),)
    for join in joins:
        edit = at + join.edit_start
        if edit in taken:
            continue
        taken.add(edit)
        span = text[at + join.start : at + join.end]
        fixed = chunk[join.start : join.edit_start] + join.content + chunk[join.edit_end : join.end]
        yield rule.finding(
            at + join.start,
            at + join.end,
            f"{join.why} in {span!r}",
            Fix.replace(edit, at + join.edit_end, join.content, f"Write {fixed!r}", join.applicability),
        )
