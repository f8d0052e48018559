"""Findings and fixes: title tails, spam lines, inline phrases and underscore tails.

Cutting a title tail is safe when the next line repeats the clean title or the tail is
made only of listed words; anything inside a line is a guess at the phrase's boundary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from ...core.document import Line
from ...core.model import Applicability, Finding, Fix
from ...core.rule import Rule
from ...text.folding import fold_accents
from ...text.regex.lazy import LazyPattern
from .context import _Context
from .evidence import _describe, _topic_outside
from .patterns import _SPACE_CLASS, _WORD_CHARS
from .runs import _categories, _drop_overlaps, _joinable, _Run


# (no __eq__/__repr__: nothing compares, hashes or prints one, and Python compiles each
# generated method from source when the class is made)
@dataclass(frozen=True, eq=False, repr=False)
class _LineRuns:
    """One line's runs, the evidence found for each, and the evidence the rule enables: what
    the line-level fixes (a title tail, a spam line) judge together."""

    line: Line
    runs: list[_Run]
    evidence: list[list[str]]
    enabled: set[str]


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


def _title_tail(ctx: _Context, rule: Rule, judged: _LineRuns) -> Finding | None:
    """A spam tail appended to the title after a separator, or after a space at its end."""
    text, line, enabled = ctx.text, judged.line, judged.enabled
    for run, found in zip(judged.runs, judged.evidence, strict=True):
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


def _spam_line(ctx: _Context, rule: Rule, judged: _LineRuns) -> Finding | None:
    """A line made only of spam: one run covering it, or glued keywords and nothing else."""
    line, runs, evidence = judged.line, judged.runs, judged.evidence
    if "spam-line" not in judged.enabled:
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
    return any(_topic_outside(ctx, category, line.start, line.end) for category in categories)


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
        debris = ctx.debris(line, start) or _title_debris(ctx, line, start)
        start -= len(debris)
    del_start, del_end, content = _mend(text, line, start, end)
    # (read from the deletion's edges, not the rest of the line: a line may hold thousands)
    blank_before = _space_before(text, line.start, del_start) == line.start
    if blank_before and not content.strip() and _space_after(text, del_end, line.end) == line.end:
        del_start, del_end = _line_deletion(ctx, line)  # nothing left: drop the line itself
        content = ""
    phrase = text[start:end]
    message = f"{run.category} spam in the line: {phrase!r} ({_describe(evidence)})"
    what = f"Remove {text[del_start:del_end]!r}"
    if debris:
        what += f" (the keyword and the debris {debris!r} glued to it)"
    fix = Fix.replace(del_start, del_end, content, what, Applicability.UNSAFE)
    return rule.finding(start, end, message, fix)


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


def _space_before(text: str, start: int, end: int, space: str | None = None) -> int:
    """Where the white space (or the characters of ``space``) that ends ``text[start:end]``
    begins."""
    while end > start and (text[end - 1].isspace() if space is None else text[end - 1] in space):
        end -= 1
    return end


def _space_after(text: str, start: int, end: int, space: str | None = None) -> int:
    """Where the white space (or the characters of ``space``) that starts ``text[start:end]``
    ends."""
    while start < end and (text[start].isspace() if space is None else text[start] in space):
        start += 1
    return start


def _mend(text: str, line: Line, start: int, end: int) -> tuple[int, int, str]:
    """Deletion span and replacement so no doubled space or dangling separator remains.

    Read from the phrase's edges: a copy of the rest of the line for each phrase made a line
    stuffed with thousands of them quadratic."""
    if _space_after(text, end, line.end) == line.end:  # nothing but space after the phrase
        end = line.end
        start = _space_before(text, line.start, start)
        separator = _TRAILING_SEPARATOR.search(text[line.start : start])
        if separator is not None and text[line.start : line.start + separator.start()].strip():
            start = line.start + separator.start()
        return start, end, ""
    left = text[start - 1] if start > line.start else ""
    right = text[end]
    if not left or left in _SPACE_CLASS:
        if right in _SPACE_CLASS:
            end = _space_after(text, end, line.end, _SPACE_CLASS)
        elif left and not right.isalnum():
            start = _space_before(text, line.start, start, _SPACE_CLASS)  # "Thursday soi kèo, …"
        return start, end, ""
    if right.isalnum() and left.isalnum():
        return start, end, " "
    return start, end, ""


def _underscore_tail(ctx: _Context, rule: Rule, line: Line) -> Finding | None:
    """"Title_some lowercase words" whose words occur nowhere in the article: no keyword
    needed, because a real headline never ends in a glued, lowercase, unrelated phrase."""
    text = line.text
    if "_" not in text:
        return None
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
