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

from collections.abc import Iterator

from ...core.document import Document
from ...core.model import Applicability, Finding, Fix
from ...core.rule import Rule
from ...text import wordlist
from ...text.urls import url_spans
from ...text.words import letter_tokens
from .context import _FW2_REASON, Verdict, _Context
from .joins import _joins
from .memo import _Kind, _memo
from .options import _ENGLISH_MARKERS, Options
from .punctuation import _possessives, _punctuation
from .split import _typos
from .tokens import (
    _TOKEN,
    _free_standing,
    _in_spans,
    _occurrences,
    _vietnamese_doc,
)

__all__ = ["Options", "check", "prepare"]


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
    skip = url_spans(text)
    taken: set[int] = set()
    counts, chunks = doc.derived(letter_tokens)
    foreign: dict[int, bool] = {}
    # A French or Spanish line in an English document is quoted: not ours to re-space.
    # (``Counter.get``, mapped in C: ``counts[w]`` calls ``__missing__`` for each absent word.)
    foreign_words = sum(filter(None, map(counts.get, options.foreign)))
    english_doc = sum(filter(None, map(counts.get, _ENGLISH_MARKERS))) >= foreign_words
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
    # The tokens that may give a verdict in a document of this language: one set difference
    # in C (``set.difference`` walks its own, small, set; ``counts.keys() - settled`` would
    # walk the whole memo). Sorted: the same order in every run, whatever the string hashes.
    fresh = sorted(set(counts).difference(memo.settled[vietnamese_doc]))
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
        else:
            memo.settle(token, vietnamese_doc)  # a typo or a syllable of the other language
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
