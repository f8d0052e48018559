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

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...core.document import Document
from ...core.lazy import lazy_module
from ...core.model import Finding
from ...core.rule import Rule
from .context import _Context
from .options import Options

if TYPE_CHECKING:  # the type checker sees the real modules; they load on first use
    from . import evidence, fixes, runs
else:
    # Steps 2 and 3 run only on a document with a keyword, or a title with "_": most runs
    # of one clean file never load them (about 2 ms of start-up with the text modules they
    # import).
    evidence = lazy_module("lint_news.kinds.seo_spam.evidence")
    fixes = lazy_module("lint_news.kinds.seo_spam.fixes")
    runs = lazy_module("lint_news.kinds.seo_spam.runs")

__all__ = ["Options", "check"]


# ----- the check ------------------------------------------------------------------------
def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    options: Options = rule.options
    if not doc.text or doc.binary:
        return
    ctx = _Context(doc, options)
    by_line = ctx.keyword_matches()
    if not by_line and "_" not in doc.text:
        # Nothing below can then report: the loop has no line, and the underscore tail needs
        # a "_" in the title. Most documents stop here without finding their title (the
        # lines and the header scan that needs), which a clean run of this rule alone paid.
        return
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
        line_runs = runs._build_runs(ctx, line, by_line[index])
        if not line_runs:
            continue
        is_title = index == title_index
        stuffed = evidence._stuffed(ctx, line_runs, is_title)
        line_text = evidence._LineText(ctx.text, line)
        found_evidence = [evidence._evidence(ctx, run, title_index, line_text) for run in line_runs]
        for i in stuffed:
            found_evidence[i].append("stuffing")
        judged = fixes._LineRuns(line, line_runs, found_evidence, enabled)
        if is_title:
            finding = fixes._title_tail(ctx, rule, judged)
            if finding is not None:
                title_done = True
                yield finding
                continue
        finding = fixes._spam_line(ctx, rule, judged)
        if finding is not None:
            yield finding
            continue
        for run, found in zip(line_runs, found_evidence, strict=True):
            usable = [e for e in found if e in enabled]
            if not usable and options.report_bare_keywords:
                usable = ["keyword"]
            if usable:
                yield fixes._inline(ctx, rule, run, usable)
    if (
        not title_done
        and "underscore-tail" in enabled
        and title_index is not None
        and (allowed_lines is None or title_index in allowed_lines)
        and title_index not in by_line
        and "_" in doc.lines[title_index].text  # (``_underscore_tail`` needs one)
    ):
        finding = fixes._underscore_tail(ctx, rule, doc.lines[title_index])
        if finding is not None:
            yield finding
