"""Kind ``mojibake``: text decoded with the wrong codec ("Viá»‡t Nam", "donâ€™t"), per line.

The detection and repair engine is ``text/mojibake.py`` (``encoding`` asks it too); this module
turns its repairs into findings and fixes.

The verdict comes from ftfy: a line is mojibake when ftfy's *encoding repair* changes it
(``is_bad`` alone is too eager). ftfy is configured for encoding repair only, so its other
fixes (straightening curly quotes, full-width characters, ligatures, C1 guesses) never touch
the text: those are not mojibake, and a fix must change nothing but the broken span.

ftfy's repair of *embedded* mojibake (a few broken words inside correct text) is partial and
falls back on guesses, so for those lines this module decodes every UTF-8 sequence spelled in
Windows-1252/Latin-1 characters itself, strictly (a sequence must decode as valid UTF-8).

What ftfy leaves alone but is still broken is covered by extra detectors (each can be turned
off in ``extra-detectors``):

- ``partial-utf8``: three- and four-byte UTF-8 sequences, or sequences with C1 control
  characters, spelled in Latin-1/Windows-1252 ("Nhiá»…m", "â\\x80\\x9c"): no correct text
  looks like that;
- ``lost-nbsp``: mojibake whose no-break space became a plain space ("HÃ  Ná»™i", "5Â million");
- ``other-codepages``: UTF-8 read as DOS code page 437 ("┬┐") or Mac Roman ("pi√π");
- ``html-entities``: ``&amp;``, ``&#8217;``, ``&nbsp;`` left in plain text;
- ``legacy-vietnamese``: Vietnamese typed in the TCVN3 (ABC) or VNI font encodings;
- ``c1-controls``: Windows-1252 text read as Latin-1 (C1 controls where ’ “ ” – … stood).
  This rule owns them, not ``encoding``: one finding per line, safe when every Windows code
  page agrees on the punctuation (a lone U+0085, also Unicode's NEL line break, is left to
  ``encoding``);
- ``cjk-codepages``: UTF-8 read as GBK, Big5, Shift-JIS or EUC-KR ("haven鈥檛");
- ``replacement-characters``: U+FFFD, text a decoder already replaced (no fix: it is lost).
  It lives here rather than in ``encoding`` because repairing mojibake often *reveals* one
  ("ï¿½" is U+FFFD itself, mis-decoded): the repair then trades a mojibake finding for a
  lost-character finding of the same rule instead of adding one to another rule, which the
  fixer would treat as making the file worse and roll back.

Cost: a line that is ASCII, or has no character that mojibake is made of, is skipped before
ftfy is imported.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from ..core.document import Document, Line, unusual_characters
from ..core.lazy import lazy_module
from ..core.model import Applicability, Edit, Finding, Fix
from ..core.rule import Rule
from ..text.charsets import document_is_nfc
from ..text.mojibake import (  # the engine; this module turns its repairs into findings
    _BOX,
    _C1_WITHOUT_NEL,
    _CJK_GLUED,
    _ENTITY,
    _LOST_NBSP,
    _MAC_ROMAN_CLUE,
    _SUSPECT,
    _TRANSPARENT,
    BOX_DRAWING,
    C1_WITHOUT_NEL,
    TRANSPARENT_CHARACTERS,
    Options,
    Repair,
    _cleaned,
    _is_bad,
    _legacy,
    _needs_cleaning,
    _regions,
    _short,
    _stray_a,
    c1_letters,
    cjk_glued_anywhere,
    has_pair,
    repair_line,
    strong_utf8_anywhere,
    suspect_characters,
)
from ..text.regex.lazy import LazyPattern

if TYPE_CHECKING:  # the type checker sees the real modules; they load on first use
    import html
    import html.entities as html_entities

    from ..text import vietnamese
else:
    # (only a document with an entity-like "&...;" needs them: ~1.5 ms of start-up)
    html = lazy_module("html")
    html_entities = lazy_module("html.entities")
    vietnamese = lazy_module("lint_news.text.vietnamese")


def _line_findings(rule: Rule, line: Line, repair: Repair, text: str,
                   origin: list[tuple[int, int]] | None) -> Iterator[Finding]:
    """Findings for the changed regions of ``text``: the line itself, or (with ``origin``)
    the line as cleaned by ``_cleaned``, whose spans map back to the line."""
    if not repair.fixable:
        yield rule.finding(line.start, line.end, f"mojibake: {repair.how}; no automatic fix")
        return
    applicability = Applicability.SAFE if repair.safe else Applicability.UNSAFE
    if repair.whole_line:
        yield from _whole_line_finding(rule, line, repair, text, origin, applicability)
        return
    for i1, i2, j1, j2 in _regions(text, repair.fixed):
        if i1 == i2:  # a pure insertion: anchor it on the next character
            i2 = min(i1 + 1, len(text))
            j2 = j2 + (i2 - i1)
        # in NFC, as the encoding rule wants it (canonically equivalent: the same text)
        good = unicodedata.normalize("NFC", repair.fixed[j1:j2])
        if origin is not None:
            start = origin[i1][0] if i1 < len(origin) else len(line.text)
            end = origin[i2 - 1][1] if i2 > i1 else start
        else:
            start, end = i1, i2
        broken = line.text[start:end]
        message = f"mojibake {_short(broken)} should read {_short(good)} ({repair.how})"
        fix = Fix.replace(line.start + start, line.start + end, good, f"Replace with {_short(good)}",
                          applicability)
        yield rule.finding(line.start + start, line.start + end, message, fix)


def _whole_line_finding(
    rule: Rule, line: Line, repair: Repair, text: str, origin: list[tuple[int, int]] | None,
    applicability: Applicability,
) -> Iterator[Finding]:
    """One finding from the first to the last change, with one edit per changed region."""
    edits: list[Edit] = []
    shown: list[str] = []
    if len(text) == len(repair.fixed):  # character for character: one edit each
        pairs = enumerate(zip(text, repair.fixed, strict=True))
        changes: Sequence[tuple[int, int, int, int]] = [(i, i + 1, i, i + 1) for i, (a, b) in pairs if a != b]
    else:
        changes = _regions(text, repair.fixed)
    for i1, i2, j1, j2 in changes:
        if i1 == i2:
            continue  # no insertions: this repair only rewrites characters
        good = unicodedata.normalize("NFC", repair.fixed[j1:j2])
        start, end = (origin[i1][0], origin[i2 - 1][1]) if origin is not None else (i1, i2)
        edits.append(Edit(line.start + start, line.start + end, good))
        shown.append(f"{_short(line.text[start:end])} should read {_short(good)}")
    if not edits:
        return
    listed = "; ".join(shown[:3]) + (f"; and {len(shown) - 3} more" if len(shown) > 3 else "")
    message = f"mojibake ({repair.how}): {listed}"
    fix = Fix(f"Replace {len(edits)} character(s) with what they stand for", tuple(edits), applicability)
    yield rule.finding(edits[0].start, edits[-1].end, message, fix)


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    options: Options = rule.options
    text = doc.text
    if "html-entities" in options.enabled and "&" in text:
        yield from _entities(doc, rule)
    if text.isascii():
        return
    # The document's characters beyond printable ASCII, found once (shared with other kinds):
    # a pattern whose every match starts with one of its own such characters cannot match
    # when none is present, which spares most documents most of the passes below.
    present = doc.unusual_characters
    if "replacement-characters" in options.enabled and "\ufffd" in present:
        yield from _replacement(text, rule)
    # (a set test of ``present`` for the characters of a one-class pattern: ``may_match``'s
    # answer, without compiling a pattern that most documents never search with)
    unclean = ((not present.isdisjoint(TRANSPARENT_CHARACTERS) and _TRANSPARENT.search(text) is not None)
               or not doc.derived(document_is_nfc))
    if unclean:
        text = unicodedata.normalize("NFC", _TRANSPARENT.sub("", text))
        present = unusual_characters(text)
    # UTF-8 read as GBK or Big5 is made of ideographs, not of the Latin-1 letters the other
    # checks look for, so it has a gate of its own
    cjk = "cjk-codepages" in options.enabled and _cjk_possible(text, present)
    if not cjk and present.isdisjoint(suspect_characters()):  # ``_SUSPECT`` is one class
        return
    # A tab inside a line is judged as the space the ``whitespace`` rule turns it into: else
    # that fix would reveal mojibake ("Â\t" -> "Â ") and be rolled back for adding a finding.
    tabs = "\t" in text
    if tabs:
        text = text.replace("\t", " ")
    # One pass over the whole text says which checks can match at all: most documents are
    # clean, and then no line pays for ftfy or for a detector that cannot fire.
    use_ftfy = has_pair(text, present) and _is_bad(text)
    detectors = frozenset(
        name for name in options.enabled
        # (the tabs made spaces change no ideograph's neighbours: ``cjk`` still holds)
        if (cjk if name == "cjk-codepages" else _DOCUMENT_PREFILTER[name](text, present)))
    if not use_ftfy and not detectors:
        return
    legacy = "legacy-vietnamese" in detectors and "vi" in options.languages
    c1_safe = not c1_letters(text, present)
    legacy_found = False
    weak: list[tuple[Line, str, list[tuple[int, int]] | None]] = []
    for line in doc.scope_lines(rule.scope):
        line_text = line.text
        if line_text.isascii():
            continue
        if not use_ftfy and not detectors:
            break
        origin = None
        if unclean and _needs_cleaning(line_text):
            line_text, origin = _cleaned(line_text)
        if tabs:
            line_text = line_text.replace("\t", " ")
        if not _SUSPECT.search(line_text) and not (cjk and _CJK_GLUED.search(line_text)):
            continue
        repair = repair_line(line_text, options, use_ftfy, detectors, c1_safe)
        if repair is None and legacy:
            repair = _legacy(line_text)
            if repair is None:
                weak.append((line, line_text, origin))
            else:
                legacy_found = True
        if repair is not None and (repair.fixed != line_text or not repair.fixable):
            yield from _line_findings(rule, line, repair, line_text, origin)
    if legacy_found:
        # The document holds legacy text: a line with a single word that converts ("ViÖt
        # Nam", a title in the same font) is then legacy text too.
        for line, line_text, origin in weak:
            repair = _legacy(line_text, min_valid=1)
            if repair is not None:
                yield from _line_findings(rule, line, repair, line_text, origin)


def _legacy_possible(text: str, present: frozenset[str]) -> bool:
    return vietnamese.may_be_legacy(text, present)


def _partial_utf8_possible(text: str, present: frozenset[str]) -> bool:
    return strong_utf8_anywhere(text, present)


def _lost_nbsp_possible(text: str, present: frozenset[str]) -> bool:
    if "Â" in present and "Â " in text and _stray_a(text):
        return True
    return "Ã" in present and "Ã " in text and _LOST_NBSP.search(text) is not None


def _other_codepages_possible(text: str, present: frozenset[str]) -> bool:
    if not present.isdisjoint(BOX_DRAWING) and _BOX.search(text) is not None:
        return True
    return "√" in present and _MAC_ROMAN_CLUE.search(text) is not None


def _c1_possible(text: str, present: frozenset[str]) -> bool:
    return not present.isdisjoint(C1_WITHOUT_NEL) and _C1_WITHOUT_NEL.search(text) is not None


def _cjk_possible(text: str, present: frozenset[str]) -> bool:
    return cjk_glued_anywhere(text, present)


def _never(text: str, present: frozenset[str]) -> bool:
    return False


# Whether a detector can fire anywhere in a document: (its text, its unusual characters).
_DOCUMENT_PREFILTER: dict[str, Callable[[str, frozenset[str]], bool]] = {
    "partial-utf8": _partial_utf8_possible,
    "lost-nbsp": _lost_nbsp_possible,
    "other-codepages": _other_codepages_possible,
    "html-entities": _never,  # checked separately, on the whole text
    "legacy-vietnamese": _legacy_possible,
    "replacement-characters": _never,  # checked separately, on the whole text
    "c1-controls": _c1_possible,
    "cjk-codepages": _cjk_possible,
}

_MOJIBAKE_NEIGHBOUR = LazyPattern("[\u0080-\u024f\u02c6\u02dc\u2013-\u2030\u2039\u203a\u20ac\u2122]")


def _replacement(text: str, rule: Rule) -> Iterator[Finding]:
    for match in re.finditer("\ufffd+", text):
        start, end = match.span()
        if start > 0 and _MOJIBAKE_NEIGHBOUR.match(text[start - 1]):
            continue  # the tail of a mojibake sequence ("â€�"), reported with that line
        yield rule.finding(start, end, "U+FFFD replacement character: the original text was lost "
                                       "when it was decoded; no fix can restore it (find the source)")


def _entities(doc: Document, rule: Rule) -> Iterator[Finding]:
    for match in _ENTITY.finditer(doc.text):
        entity = match.group(0)
        if not entity.startswith("&#") and entity[1:] not in html_entities.html5:
            continue  # not an entity HTML knows ("&notanentity;" is not "&not;" + text)
        value = html.unescape(entity)
        if value == entity:
            continue
        shown = {"\u00a0": "a no-break space"}.get(value, repr(value))
        yield rule.finding(
            match.start(), match.end(),
            f"HTML entity {entity!r} left in plain text (stands for {shown})",
            Fix.replace(match.start(), match.end(), value, f"Replace {entity!r} with {shown}",
                        Applicability.UNSAFE),
        )
