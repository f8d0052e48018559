"""Command line: ``lint-news [OPTIONS] [PATH ...]``, ``lint-news rule NAME``, ``check-config``.

``main(argv) -> int`` never calls ``sys.exit``; exit statuses: 0 clean, 1 findings at or
above ``fail-on`` remain or ``--fix`` changed a file, 2 usage, config or I/O error.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import gc
import os
import signal
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO, cast

from .. import __version__
from ..config import Config
from ..core import context
from ..core.errors import FileProblem, LintNewsError
from ..core.memo import cache_folder
from ..engine.runner import FileResult
from .args import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, _ArgumentParser, _Exit, _ids, _jobs, _UsageError
from .commands import _check_config_command, _clean_command, _list_rules, _rule_command
from .output import (
    FORMATS,
    Entry,
    Palette,
    terminal_safe,
    write_concise,
    write_full,
    write_github,
    write_json,
    write_sarif,
    write_statistics,
)
from .parallel import SMALL_RUN, RunOptions
from .run import (
    _GC_PAUSED,
    _all_outcomes,
    _cached,
    _groups,
    _load,
    _progress,
    _resume_gc,
    _Tally,
)

if TYPE_CHECKING:
    pass

def build_parser() -> argparse.ArgumentParser:
    parser = _ArgumentParser(
        prog="lint-news",
        description="A data-quality linter for plain-text news seed files.",
        epilog="Other commands: 'lint-news rule NAME' explains a rule; "
        "'lint-news check-config' validates the configuration; 'lint-news clean' removes the cache; "
        "'lint-news server' is a language server for editors; 'lint-news corpus PATH' finds "
        "near-duplicate articles; 'lint-news report PATH -o FILE' writes an HTML report. "
        "Exit status: 0 clean, 1 findings remain or files were fixed, 2 error.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files or folders (folders: *.txt below them; default: '.'); '-' reads stdin")
    parser.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    parser.add_argument("--unsafe-fixes", action="store_true",
                        help="with --fix or --diff, also apply unsafe fixes")
    parser.add_argument("--provenance", metavar="FILE",
                        help="with --fix, append one JSON line per file changed to FILE: SHA-256 before "
                        "and after, every applied fix with the text it replaced (docs/corpus.md)")
    parser.add_argument("--diff", action="store_true",
                        help="print the fixes as a unified diff and write nothing")
    parser.add_argument("--follow-symlinks", action="store_true",
                        help="with --fix, also write through symbolic links that lead out of the "
                        "project (by default such files are linted, never written)")
    parser.add_argument("--show-fixes", action="store_true",
                        help="show each fix's edits, and list the fixes --fix applied")
    parser.add_argument("--output-format", choices=FORMATS, default=None,
                        help="how findings are printed (default: full; env LINT_NEWS_OUTPUT_FORMAT)")
    parser.add_argument("--output-file", metavar="[FORMAT:]FILE",
                        help="write the report to FILE instead of stdout; with FORMAT: (e.g. "
                        "sarif:lint.sarif), write that format to FILE as well as --output-format "
                        "to stdout, from one run")
    parser.add_argument("--select", type=_ids, default=None, metavar="RULES",
                        help="comma-separated rule ids to run (replaces the config's select)")
    parser.add_argument("--ignore", type=_ids, default=[], metavar="RULES",
                        help="comma-separated rule ids to skip (added to the config's ignore)")
    parser.add_argument("--config", metavar="FILE", help="config file (default: nearest .lint-news.yaml)")
    parser.add_argument("--isolated", action="store_true", help="ignore all config files")
    parser.add_argument("--stdin-filename", metavar="NAME", help="the name to report for '-'")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even if findings remain")
    parser.add_argument("--generate-baseline", metavar="FILE",
                        help="record the current findings in FILE (a JSON baseline) and exit; with "
                        "'baseline: FILE' in the config only findings not recorded there are reported")
    parser.add_argument("--statistics", action="store_true", help="print counts per rule instead of findings")
    parser.add_argument("--by-source", action="store_true",
                        help="with --statistics: counts per rule and source, and clean files per source "
                        "(text, or JSON with --output-format json; docs/corpus.md)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print findings only, no summary")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                        help="colour the terminal output (auto honours NO_COLOR)")
    parser.add_argument("--list-rules", action="store_true", help="list the rules and exit")
    parser.add_argument("-j", "--jobs", type=_jobs, default=None, metavar="N",
                        help="worker processes (default: every core when there are more than "
                        f"{SMALL_RUN} files, else 1)")
    parser.add_argument("--no-cache", action="store_true",
                        help="neither read nor write the results cache (.lint-news-cache/)")
    parser.add_argument("--version", action="version", version=f"lint-news {__version__}")
    return parser


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    # Start-up allocates a lot (rules, patterns, modules) and frees little, so the cyclic
    # garbage collector's passes over it are wasted work (about 5 % of a one-file run); it
    # is switched back on after the first file's outcome (``_resume_gc``) and at the end.
    collecting = gc.isenabled()
    _GC_PAUSED[0] = collecting
    gc.disable()
    try:
        with _terminate_as_interrupt():
            return _main(argv, out, err)
    finally:
        _GC_PAUSED[0] = False
        if collecting:
            gc.enable()




class _Terminated(KeyboardInterrupt):
    """SIGTERM (CI cancelling a job, ``kill``) handled exactly like Ctrl-C."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """Make SIGTERM unwind like SIGINT: a write in progress removes its temporary file and
    leaves the original in place (files.write_atomic), then the run exits 143."""
    def handler(signum: int, frame: object) -> None:
        raise _Terminated(signum)

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except (ValueError, OSError):  # not the main thread (or no signals here): leave them alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _main(argv: list[str], out: TextIO, err: TextIO) -> int:
    try:
        if argv and argv[0] == "rule" and not os.path.exists("rule"):
            return _rule_command(argv[1:], out, err)
        if argv and argv[0] == "check-config" and not os.path.exists("check-config"):
            return _check_config_command(argv[1:], out, err)
        if argv and argv[0] == "clean" and not os.path.exists("clean"):
            return _clean_command(argv[1:], out, err)
        if argv and argv[0] == "server" and not os.path.exists("server"):
            from .lsp import serve  # the language server (the 'lsp' extra)

            _resume_gc()  # a long-lived process
            return serve()
        if argv and argv[0] in ("corpus", "report") and not os.path.exists(argv[0]):
            from .corpus import command  # corpus-level commands: docs/corpus.md

            run = command.corpus_command if argv[0] == "corpus" else command.report_command
            return run(argv[1:], out, err)
        args = build_parser().parse_args(argv)
        return _run(args, out, err)
    except _UsageError as exc:
        err.write(f"{exc}\n")
        return EXIT_ERROR
    except _Exit as exc:
        return exc.status
    except LintNewsError as exc:
        err.write(f"lint-news: error: {exc}\n")
        return EXIT_ERROR
    except KeyboardInterrupt as exc:
        err.write("lint-news: interrupted; every file is either unchanged or completely fixed\n")
        return 128 + exc.signum if isinstance(exc, _Terminated) else 130
    except BrokenPipeError:  # output piped into `head`: stop quietly, like other tools
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return EXIT_FINDINGS


def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """A lint run, under a run context that remembers derived data (parsed YAML, word lists,
    glob patterns) in the results cache folder of the first group's config, unless the cache
    is off (``core.context``); any folder serves, the data is keyed by its sources."""
    if not args.paths:
        args.paths = ["."]  # as ruff and codespell: the working folder
    groups = _groups(args)
    derived = None
    if _cached(args):
        derived = cache_folder(None if args.isolated else groups[0][0], os.getcwd())
    with context.using(dataclasses.replace(context.current(), derived=derived)):
        config = _load(args, groups[0][0])
        return _lint(args, config, groups, out, err)


def _lint(args: argparse.Namespace, config: Config, groups: list[tuple[str | None, list[str]]],
          out: TextIO, err: TextIO) -> int:
    if args.list_rules:
        return _list_rules(config, out)
    if args.unsafe_fixes and not (args.fix or args.diff):
        err.write("lint-news: warning: --unsafe-fixes has no effect without --fix or --diff\n")
    fmt = args.output_format or os.environ.get("LINT_NEWS_OUTPUT_FORMAT") or "full"
    if fmt not in FORMATS:
        err.write(f"lint-news: error: unknown output format {fmt!r}\n")
        return EXIT_ERROR
    extra: tuple[str, str] | None = None
    output_file: contextlib.AbstractContextManager[TextIO | None] = contextlib.nullcontext()
    if args.output_file:
        extra_format, extra_file = _output_file(args.output_file)
        if extra_format is not None:
            extra = (extra_format, extra_file)
        else:
            output_file = _open_output(extra_file)
    with output_file as handle:
        return _report(args, config, groups, fmt, handle or out, err, extra, stdout=out)


def _report(args: argparse.Namespace, config: Config, groups: list[tuple[str | None, list[str]]], fmt: str,
            out: TextIO, err: TextIO, extra: tuple[str, str] | None, stdout: TextIO) -> int:
    colour = Palette(_use_colour(args.color, out))
    if args.generate_baseline and (args.fix or args.diff):
        err.write("lint-news: error: --generate-baseline cannot be combined with --fix or --diff\n")
        return EXIT_ERROR
    if args.by_source and not args.statistics:
        err.write("lint-news: error: --by-source groups the counts of --statistics: use it with it\n")
        return EXIT_ERROR
    if args.provenance and not (args.fix and not args.diff):
        err.write("lint-news: error: --provenance records what --fix writes: use it with --fix\n")
        return EXIT_ERROR
    fixing = args.fix or args.diff
    options = RunOptions(fix=fixing, unsafe=args.unsafe_fixes, write=args.fix and not args.diff,
                         diff=args.diff, follow_symlinks=args.follow_symlinks,
                         provenance=bool(args.provenance))
    problems: list[FileProblem] = []
    tally = _Tally()
    if "-" in args.paths and options.write:
        out = err  # findings go to stderr when stdout carries the fixed text
    bar = _progress(args, fmt, err)
    report = bar.guard(out) if bar is not None else out
    outcomes = _all_outcomes(args, groups, config, options, problems, tally, bar, stdout)

    if args.generate_baseline:
        return _generate_baseline(args.generate_baseline, config, list(outcomes), problems, err)

    if args.diff:
        changed = _write_diff(report, outcomes, colour)
        if bar is not None:
            bar.clear()
        _write_problems(err, problems)
        if _errors(problems):
            return EXIT_ERROR
        return EXIT_FINDINGS if changed and not args.exit_zero else EXIT_OK

    entries: Iterator[Entry] = ((r.path, r.view, r.findings) for r in outcomes if r.view is not None)
    if extra is not None:
        kept: list[Entry] = []
        entries = _kept(entries, kept)
    _write_report(report, fmt, entries, config, colour, args)
    if extra is not None:
        extra_format, extra_file = extra
        with _open_output(extra_file) as handle:
            _write_report(handle, extra_format, iter(kept), config, colour, args, statistics=False)
    if bar is not None:
        bar.clear()
    if tally.suppressed and not args.quiet:
        err.write(f"lint-news: {tally.suppressed} finding(s) recorded in the baseline not shown\n")

    _write_problems(err, problems)
    written = tally.written
    human = fmt in ("full", "concise") and not args.statistics
    summary = out if human else err
    for result in written:
        if not args.quiet:
            err.write(f"Fixing {terminal_safe(result.path)}\n")
        if args.show_fixes:
            for applied in result.applied:
                summary.write(f"  fixed {applied.rule} ({applied.applicability.value}): "
                              f"{terminal_safe(applied.message)}\n")
    remaining, fixed, failing = tally.remaining, tally.fixed, tally.failing
    if not args.quiet and human:
        summary.write(_summary(remaining, fixed, tally.files, args.fix, tally))
    if _errors(problems):
        return EXIT_ERROR
    if any(problem.level == "warning" for problem in problems):
        return EXIT_FINDINGS  # a fix left unwritten on purpose: the run did not do all it was asked
    if args.exit_zero:
        return EXIT_OK
    if failing or (args.fix and (written or tally.changed)):
        return EXIT_FINDINGS
    return EXIT_OK


def _write_report(out: TextIO, fmt: str, entries: Iterator[Entry], config: Config, colour: Palette,
                  args: argparse.Namespace, statistics: bool | None = None) -> None:
    if (args.statistics if statistics is None else statistics) and args.by_source:
        from .corpus.stats import Sources, write_source_statistics

        write_source_statistics(out, entries, Sources(args.paths, config), fmt)
    elif args.statistics if statistics is None else statistics:
        if fmt == "json":
            from .output_ci import write_statistics_json

            write_statistics_json(out, entries)
        else:
            write_statistics(out, entries)
    elif fmt == "json":
        write_json(out, entries)
    elif fmt == "sarif":
        write_sarif(out, entries, config.rules)
    elif fmt == "github":
        write_github(out, entries)
    elif fmt in ("junit", "gitlab"):
        from . import output_ci

        (output_ci.write_junit if fmt == "junit" else output_ci.write_gitlab)(out, entries)
    elif fmt == "concise":
        write_concise(out, entries, colour, args.show_fixes)
    else:
        write_full(out, entries, colour, args.show_fixes)


def _kept(entries: Iterator[Entry], kept: list[Entry]) -> Iterator[Entry]:
    for entry in entries:
        kept.append(entry)
        yield entry


def _output_file(value: str) -> tuple[str | None, str]:
    """``--output-file``'s (format or None, file)."""
    head, colon, tail = value.partition(":")
    if colon and head in FORMATS and tail:
        return head, tail
    return None, value


@contextlib.contextmanager
def _open_output(path: str) -> Iterator[TextIO]:
    folder = os.path.dirname(path)
    try:
        if folder:
            os.makedirs(folder, exist_ok=True)
        handle = open(path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
    except OSError as exc:
        raise LintNewsError(f"--output-file: cannot write {path}: {exc.strerror or exc}") from None
    with handle:
        yield handle


def _generate_baseline(path: str, config: Config, results: list[FileResult],
                       problems: list[FileProblem], err: TextIO) -> int:
    from .baseline import regenerate

    checked = [(config.relative(r.path), cast(Any, r.view), r.findings)
               for r in results if r.view is not None]
    baseline = regenerate(path, config.root, checked)
    baseline.write(path)
    _write_problems(err, problems)
    err.write(f"lint-news: baseline {terminal_safe(path)} records {len(baseline)} finding(s) "
              f"in {len(baseline.files)} file(s)\n")
    return EXIT_ERROR if _errors(problems) else EXIT_OK


def _write_problems(err: TextIO, problems: Iterable[FileProblem]) -> None:
    for problem in problems:
        err.write(f"{terminal_safe(problem.path)}: {problem.level}: {terminal_safe(problem.message)}\n")


def _errors(problems: Iterable[FileProblem]) -> bool:
    """Whether the run exits 2: a file could not be read or written (warnings and notes
    about files left alone on purpose do not count)."""
    return any(problem.level == "error" for problem in problems)


def _summary(remaining: int, fixed: int, files: int, fix: bool, tally: _Tally) -> str:
    plural = "s" if files != 1 else ""
    if fix:
        return (
            f"Found {remaining + fixed} finding(s) in {files} file{plural}"
            f" ({fixed} fixed, {remaining} remaining).\n"
        )
    if remaining == 0:
        return f"All checks passed ({files} file{plural}).\n"
    fixable, safe = tally.fixable, tally.safe
    text = f"Found {remaining} finding(s) in {files} file{plural}.\n"
    if safe:
        text += f"{safe} fixable with --fix"
        if fixable > safe:
            text += f" ({fixable - safe} more with --fix --unsafe-fixes)"
        text += ".\n"
    elif fixable:
        text += f"{fixable} fixable with --fix --unsafe-fixes.\n"
    return text


_DIFF_COLOUR = (("+++", "1"), ("---", "1"), ("@@", "36"), ("+", "32"), ("-", "31"))


def _write_diff(out: TextIO, results: Iterable[FileResult], colour: Palette | None = None) -> bool:
    changed = False
    for result in results:
        lines = result.diff or []
        for line in lines:
            shown = terminal_safe(line.rstrip("\r\n"))
            if colour is not None and colour.enabled:
                code = next((code for mark, code in _DIFF_COLOUR if shown.startswith(mark)), None)
                shown = colour(shown, code) if code else shown
            out.write(shown + "\n")
            if not line.endswith("\n"):
                out.write("\\ No newline at end of file\n")
        changed = changed or bool(lines)
    return changed


def _use_colour(mode: str, out: TextIO) -> bool:
    if mode == "always":
        return True
    if mode == "never" or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):  # CI logs that render colour (force-color.org)
        return True
    return bool(getattr(out, "isatty", lambda: False)())
