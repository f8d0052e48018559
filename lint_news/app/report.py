"""What a lint run prints, and its exit status: the findings in the chosen format (and a
second format to ``--output-file FORMAT:FILE``), or the diff, or a baseline; then the
problems, the fixes written and the summary. ``cli`` parses the command line and calls
``lint``; ``run`` produces the results this reports.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TextIO, cast

from ..config import Config
from ..core.errors import FileProblem, LintNewsError
from ..core.lazy import lazy_module
from ..engine.result import FileResult
from . import output
from .args import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from .output import FORMATS, Palette, Settings, terminal_safe
from .output.escape import diff_safe
from .parallel import RunOptions
from .run import _all_outcomes, _progress, _Tally, _write_bytes

if TYPE_CHECKING:
    from . import baseline, commands
    from .corpus import stats
else:  # --generate-baseline and --by-source only (and --list-rules)
    baseline = lazy_module("lint_news.app.baseline")
    commands = lazy_module("lint_news.app.commands")
    stats = lazy_module("lint_news.app.corpus.stats")


def lint(args: argparse.Namespace, config: Config, groups: list[tuple[str | None, list[str]]],
          out: TextIO, err: TextIO) -> int:
    if args.list_rules:
        return commands._list_rules(config, out)
    if args.unsafe_fixes and not (args.fix or args.diff):
        err.write("lint-news: warning: --unsafe-fixes has no effect without --fix or --diff\n")
    fmt = args.output_format or os.environ.get("LINT_NEWS_OUTPUT_FORMAT") or "full"
    if fmt not in FORMATS:
        err.write(f"lint-news: error: unknown output format {fmt!r}\n")
        return EXIT_ERROR
    extra: tuple[str, str] | None = None
    target: _Target | None = None
    stop = not (args.fix and not args.diff)  # a run that writes fixes finishes them
    if args.output_file:
        extra_format, extra_file = _output_file(args.output_file)
        _not_a_linted_file(extra_file, args.paths)
        if extra_format is not None:
            extra = (extra_format, extra_file)
        else:
            target = _Target.open(extra_file, stop)
    if target is None:
        target = _Target(out, "standard output: cannot write the report", stop)
    try:
        status = _report(args, config, groups, fmt, cast(TextIO, target), err, extra, stdout=out)
    except BaseException:
        target.abandon()
        raise
    target.close()
    if target.failure is not None:
        err.write(f"lint-news: error: {target.failure}\n")
        return EXIT_ERROR
    return status


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

    results: Iterator[FileResult] = (r for r in outcomes if r.view is not None)
    if extra is not None:
        kept: list[FileResult] = []
        results = _kept(results, kept)
    _write_report(report, fmt, results, config, colour, args)
    unwritten = None
    if extra is not None:
        extra_format, extra_file = extra
        copy = _Target.open(extra_file, stop=False)  # the run is over: problems, summary still shown
        try:
            _write_report(cast(TextIO, copy), extra_format, iter(kept), config, colour, args,
                          statistics=False)
        finally:
            copy.close()
        unwritten = copy.failure
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
    if unwritten is not None:
        err.write(f"lint-news: error: {unwritten}\n")
        return EXIT_ERROR
    if _errors(problems):
        return EXIT_ERROR
    if any(problem.level == "warning" for problem in problems):
        return EXIT_FINDINGS  # a fix left unwritten on purpose: the run did not do all it was asked
    if args.exit_zero:
        return EXIT_OK
    if failing or (args.fix and (written or tally.changed)):
        return EXIT_FINDINGS
    return EXIT_OK


def _write_report(out: TextIO, fmt: str, results: Iterator[FileResult], config: Config, colour: Palette,
                  args: argparse.Namespace, statistics: bool | None = None) -> None:
    if (args.statistics if statistics is None else statistics) and args.by_source:
        stats.write_source_statistics(out, results, stats.Sources(args.paths, config), fmt)
    elif args.statistics if statistics is None else statistics:
        output.write_statistics(out, fmt, results)
    else:
        output.write(out, fmt, results, Settings(colour, args.show_fixes, config))


def _kept(results: Iterator[FileResult], kept: list[FileResult]) -> Iterator[FileResult]:
    for result in results:
        kept.append(result)
        yield result


def _output_file(value: str) -> tuple[str | None, str]:
    """``--output-file``'s (format or None, file)."""
    head, colon, tail = value.partition(":")
    if colon and head in FORMATS:
        if not tail:  # not a file named "json:" in the working folder
            raise LintNewsError(f"--output-file: no file name after {head + colon!r}")
        return head, tail
    return None, value


def _not_a_linted_file(path: str, paths: list[str]) -> None:
    """Refuse a report that would replace a file named to be linted (``--output-file
    json:a.txt a.txt``): the seed would be lost to its own report."""
    for named in paths:
        with contextlib.suppress(OSError, ValueError):
            if os.path.isfile(named) and os.path.samefile(named, path):
                raise LintNewsError(f"--output-file: {terminal_safe(path)} is a file to lint; "
                                    "the report would overwrite it")


class _Target:
    """Where a report goes (standard output or ``--output-file``), so that a write that fails
    (a full disk, an I/O error, standard output closed: ``cli`` then hands in a stream whose
    writes fail) ends the run with one line naming it and exit status 2, never a traceback.
    A run that writes fixes goes on (``stop`` false): every file is still fixed, the
    report's failure reported at the end. Anything else stops at the first failure. A reader
    that stopped reading (BrokenPipeError) still goes up to ``cli``, which ends the run
    quietly as ``| head`` expects.
    """

    def __init__(self, stream: TextIO, cannot: str, stop: bool, owned: bool = False) -> None:
        self._stream = stream
        self._cannot = cannot  # "<where>: cannot write <what>", for the message
        self._stop = stop
        self._owned = owned  # an --output-file, closed here
        self.failure: str | None = None

    @classmethod
    def open(cls, path: str, stop: bool) -> _Target:
        cannot = f"--output-file: cannot write {terminal_safe(path)}"
        folder = os.path.dirname(path)
        try:
            if folder:
                try:
                    os.makedirs(folder, exist_ok=True)
                except FileExistsError:  # a file where a folder must be: say that, not "exists"
                    raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR)) from None
            handle = open(path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115 - closed by close()
        except OSError as exc:
            raise LintNewsError(f"{cannot}: {exc.strerror or exc}") from None
        return cls(handle, cannot, stop, owned=True)

    def write(self, text: str) -> int:
        self._attempt(lambda stream: stream.write(text))
        return len(text)

    def write_bytes(self, data: bytes) -> None:
        """``data`` to the stream's bytes (``run._write_bytes``: no encoding, no newline
        translation)."""
        self._attempt(lambda stream: _write_bytes(stream, data))

    def flush(self) -> None:
        self._attempt(lambda stream: stream.flush())

    def _attempt(self, action: Callable[[TextIO], object]) -> None:
        if self.failure is not None:
            return
        try:
            action(self._stream)
        except BrokenPipeError:
            raise
        except OSError as exc:
            self._failed(exc)

    def close(self) -> None:
        """The report complete: flushed (the failure of a buffered write shows here), a file
        closed."""
        self.flush()
        self.abandon()

    def abandon(self) -> None:
        if self._owned:
            with contextlib.suppress(OSError):  # the flush failed, and fails again: closed anyway
                self._stream.close()

    def _failed(self, exc: OSError) -> None:
        self.failure = f"{self._cannot}: {exc.strerror or exc}"
        if self._stream is sys.stdout:
            # what is left in its buffer fails again at every flush: the exit's too
            with contextlib.suppress(OSError):
                sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - as cli does for a broken pipe
        if self._stop:
            raise LintNewsError(self.failure)

    def __getattr__(self, name: str) -> Any:  # isatty, fileno...: the stream's
        return getattr(self._stream, name)


def _generate_baseline(path: str, config: Config, results: list[FileResult],
                       problems: list[FileProblem], err: TextIO) -> int:
    checked = [(config.relative(r.path), cast(Any, r.view), r.findings)
               for r in results if r.view is not None]
    recorded = baseline.regenerate(path, config.root, checked)
    recorded.write(path)
    _write_problems(err, problems)
    err.write(f"lint-news: baseline {terminal_safe(path)} records {len(recorded)} finding(s) "
              f"in {len(recorded.files)} file(s)\n")
    return EXIT_ERROR if _errors(problems) else EXIT_OK


def _write_problems(err: TextIO, problems: Iterable[FileProblem]) -> None:
    for problem in problems:
        err.write(f"{terminal_safe(problem.path)}: {problem.level}: {terminal_safe(problem.message)}\n")


def _errors(problems: Iterable[FileProblem]) -> bool:
    """Whether the run exits 2: a file could not be read or written (warnings and notes
    about files left alone on purpose do not count)."""
    return any(problem.level == "error" for problem in problems)


def _summary(remaining: int, fixed: int, files: int, fix: bool, tally: _Tally) -> str:
    """The closing lines for people. Files that could not be read are not counted as checked,
    and a run with errors never says that all checks passed: it says how many files the
    errors left unchecked (or unfixed); an error line on standard error names each."""
    plural = "s" if files != 1 else ""
    errors = _unchecked(tally, fix)
    if fix:
        return (
            f"Found {remaining + fixed} finding(s) in {files} file{plural}"
            f" ({fixed} fixed, {remaining} remaining).\n"
        ) + errors
    if remaining == 0 and not errors:
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
    return text + errors


def _unchecked(tally: _Tally, fix: bool) -> str:
    """The summary's line for the files errors left aside: not read at all; with ``--fix``,
    read but not fixed (the fix could not be written, did not converge...); without it, read
    but not checked through (a rule crashed or timed out)."""
    def files(count: int) -> str:
        return f"{count} file{'s' if count != 1 else ''}"

    if fix:
        lines = [f"{files(tally.unread)} could not be checked"] if tally.unread else []
        lines += [f"{files(tally.failed)} could not be fixed"] if tally.failed else []
    else:
        unchecked = tally.unread + tally.failed
        lines = [f"{files(unchecked)} could not be checked"] if unchecked else []
    return "".join(f"{line}.\n" for line in lines)


_DIFF_COLOUR = (("+++", "1"), ("---", "1"), ("@@", "36"), ("+", "32"), ("-", "31"))


def _write_diff(out: TextIO, results: Iterable[FileResult], colour: Palette | None = None) -> bool:
    """Each file's diff. To a file or a pipe, the lines are the file's own (its CRLF or CR line
    endings, its tabs), written as UTF-8 bytes with no newline translation, so that ``patch``
    and ``git apply`` give exactly what ``--fix`` writes; only characters that could take over
    a terminal or a CI log are escaped (``diff_safe``). On a terminal or in colour the diff is
    for reading: every control character is escaped and line endings are not shown."""
    changed = False
    display = bool(colour is not None and colour.enabled) or _isatty(out)
    for result in results:
        lines = result.diff or []
        if display:
            _show_diff(out, lines, colour)
        elif lines:
            text = "".join(diff_safe(line) if line.endswith("\n") else f"{diff_safe(line)}\n{_NO_NEWLINE}"
                           for line in lines)
            _write_exact(out, text.encode("utf-8", "surrogateescape"))
        changed = changed or bool(lines)
    return changed


_NO_NEWLINE = "\\ No newline at end of file\n"


def _show_diff(out: TextIO, lines: list[str], colour: Palette | None) -> None:
    for line in lines:
        shown = terminal_safe(line.rstrip("\r\n"))
        if colour is not None and colour.enabled:
            code = next((code for mark, code in _DIFF_COLOUR if shown.startswith(mark)), None)
            shown = colour(shown, code) if code else shown
        out.write(shown + "\n")
        if not line.endswith("\n"):
            out.write(_NO_NEWLINE)


def _write_exact(out: TextIO, data: bytes) -> None:
    """``data`` as it is: through the report's target (which turns a failed write into an
    error), else straight to the stream's bytes (``_write_bytes``)."""
    write_bytes = getattr(out, "write_bytes", None)
    if write_bytes is not None:
        write_bytes(data)
    else:
        _write_bytes(out, data)


def _isatty(out: TextIO) -> bool:
    try:
        return bool(getattr(out, "isatty", lambda: False)())
    except (OSError, ValueError):
        return False


def _use_colour(mode: str, out: TextIO) -> bool:
    if mode == "always":
        return True
    if mode == "never" or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):  # CI logs that render colour (force-color.org)
        return True
    return bool(getattr(out, "isatty", lambda: False)())
