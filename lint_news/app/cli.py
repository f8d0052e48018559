"""Command line: ``lint-news [OPTIONS] [PATH ...]``, ``lint-news rule NAME``, ``check-config``.

``main(argv) -> int`` never calls ``sys.exit``; exit statuses: 0 clean, 1 findings at or
above ``fail-on`` remain or ``--fix`` changed a file, 2 usage, config or I/O error.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import gc
import io
import itertools
import os
import signal
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO, cast

from .. import __version__
from ..config import Config, load_config
from ..core import context
from ..core.errors import FileProblem, LintNewsError, did_you_mean
from ..core.memo import cache_folder
from ..core.model import Applicability, Severity
from ..core.rule import summary
from ..engine.runner import FileResult, process_bytes
from .files import discover
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
from .parallel import SMALL_RUN, RunOptions, cached_outcome, compact

if TYPE_CHECKING:
    from .cache import Cache, StatIndex
    from .progress import Progress

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, sized like it without importing shutil (and, through it, bz2,
    lzma and zlib: argparse builds a formatter for every ``add_argument``)."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        if width is None:  # shutil.get_terminal_size().columns - 2, as argparse computes it
            try:
                columns = int(os.environ["COLUMNS"])
            except (KeyError, ValueError):
                columns = 0
            if columns <= 0:
                try:
                    columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
                except (AttributeError, ValueError, OSError):
                    columns = 0
                columns = columns or 80
            width = columns - 2
        super().__init__(prog, indent_increment, max_help_position, width)


class _ArgumentParser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.prog}: error: {message}")

    def exit(self, status: int = 0, message: str | None = None) -> None:  # type: ignore[override]
        if message:
            sys.stderr.write(message)
        raise _Exit(status)


class _UsageError(Exception):
    pass


class _Exit(Exception):
    def __init__(self, status: int) -> None:
        self.status = status


def _ids(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _jobs(value: str) -> int | None:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of processes: {value!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 (automatic) or more")
    return number or None


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


_GC_PAUSED = [False]


def _resume_gc() -> None:
    if _GC_PAUSED[0]:
        _GC_PAUSED[0] = False
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


def _cached(args: argparse.Namespace) -> bool:
    return not (getattr(args, "no_cache", True) or os.environ.get("LINT_NEWS_NO_CACHE"))


def _load(args: argparse.Namespace, config_file: str | None = None) -> Config:
    """The configuration of one group of paths: ``--config``/``--isolated`` when given, else
    ``config_file``, the nearest one above them (None: the defaults, rooted here)."""
    # with the cache, the rules are built when a file first needs linting (_outcomes)
    lazy = _cached(args)
    if args.config is not None or args.isolated:
        return load_config(args.config, select=args.select, ignore=args.ignore, isolated=args.isolated,
                           lazy=lazy)
    return load_config(config_file, select=args.select, ignore=args.ignore, isolated=config_file is None,
                       lazy=lazy)


def _groups(args: argparse.Namespace) -> list[tuple[str | None, list[str]]]:
    """The paths grouped by the config file that governs them, in order of first mention."""
    if args.config is not None or args.isolated:
        return [(args.config, list(args.paths))]
    from ..config.discovery import config_for

    groups: dict[str | None, list[str]] = {}
    by_folder: dict[str, str | None] = {}  # pre-commit passes many files of a few folders
    for path in args.paths:
        folder = "-" if path == "-" else os.path.dirname(path) if os.path.isfile(path) else path
        if folder not in by_folder:
            by_folder[folder] = config_for(path)
        groups.setdefault(by_folder[folder], []).append(path)
    return list(groups.items())


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


class _Tally:
    """Counts for the summary and exit status, kept as outcomes stream past (no texts kept)."""

    def __init__(self) -> None:
        self.files = 0
        self.remaining = 0
        self.fixed = 0
        self.fixable = 0
        self.safe = 0
        self.failing = False
        self.changed = False
        self.suppressed = 0
        self.written: list[FileResult] = []

    def add(self, outcome: FileResult, fail_on: Severity) -> None:
        self.files += 1
        self.remaining += len(outcome.findings)
        self.fixed += len(outcome.applied)
        for finding in outcome.findings:
            if finding.severity >= fail_on:
                self.failing = True
            if finding.fix is not None:
                self.fixable += 1
                if finding.fix.applicability is Applicability.SAFE:
                    self.safe += 1
        self.changed = self.changed or outcome.changed
        if outcome.written:
            self.written.append(FileResult(outcome.path, applied=outcome.applied, written=True))


def _progress(args: argparse.Namespace, fmt: str, err: TextIO) -> Progress | None:
    """A progress bar on a terminal's stderr (never in CI, pipes, JSON/SARIF or for stdin)."""
    if args.quiet or fmt in ("json", "sarif", "junit", "gitlab") or "-" in args.paths:
        return None
    from . import progress

    if not progress.wanted(err):
        return None
    return progress.Progress(err)


def _all_outcomes(args: argparse.Namespace, groups: list[tuple[str | None, list[str]]], config: Config,
                  options: RunOptions, problems: list[FileProblem], tally: _Tally, bar: Progress | None,
                  stdout: TextIO) -> Iterator[FileResult]:
    """``_outcomes`` of each group of paths under its own config (``config`` is the first's),
    then of the folders found below them with a config file of their own."""
    explicit = args.config is not None or args.isolated
    loaded: dict[str | None, Config] = {groups[0][0]: config}
    queue = list(groups)
    for config_file, paths in queue:  # grows while it is read: nested configs
        if config_file not in loaded:
            loaded[config_file] = _load(args, config_file)
        nested: list[str] | None = None if explicit else []
        yield from _outcomes(args, paths, loaded[config_file], options, problems, tally, bar, stdout, nested)
        if nested:
            from ..config.discovery import find_config

            queue.extend((find_config(folder), [folder]) for folder in nested)


def _outcomes(args: argparse.Namespace, paths: list[str], config: Config, options: RunOptions,
              problems: list[FileProblem], tally: _Tally, bar: Progress | None, stdout: TextIO,
              nested: list[str] | None = None) -> Iterator[FileResult]:
    """Every file's outcome in input order, linted by ``--jobs`` processes through the cache;
    baseline findings are dropped and the tally kept as they pass."""
    from . import parallel

    cache = None
    index: _IndexedRun | None = None
    fresh = False
    linted = 0  # files not answered by the cache
    if not args.no_cache and not os.environ.get("LINT_NEWS_NO_CACHE"):
        from .cache import Cache, cache_root

        cache = Cache(cache_root(config), config)
        if not os.path.isdir(cache.directory):
            fresh = True
            # nothing cached under this configuration yet: build the rules now, so that an
            # invalid option stops the run before any file is read (a configuration that
            # built once builds again: the folder's name covers everything it is built from)
            config.build()
    baseline = None
    if config.baseline is not None and not args.generate_baseline:
        from .baseline import load

        baseline = load(config.baseline)
    items: Iterable[str | FileProblem | FileResult] = discover(paths, config, nested)
    if bar is not None:
        items = list(items)
        bar.total_files = (bar.total_files or 0) + sum(1 for item in items if isinstance(item, str))
    if cache is not None:
        index = _IndexedRun(cache, config, options, paths)
        items = index.items(items)
    jobs = 1 if "-" in paths else args.jobs
    log = None
    if args.provenance:
        from .corpus.provenance import ProvenanceLog

        log = ProvenanceLog(args.provenance, __version__, config.fingerprint())
    for item in parallel.run(items, config, options, jobs=jobs, cache=cache):
        _resume_gc()
        if isinstance(item, FileProblem):
            problems.append(item)
            continue
        if isinstance(item, str):  # "-": standard input, in this process
            item = _stdin_outcome(args, config, options, stdout)
        elif index is not None and item.path in index.pending:
            index.record(item)
        problems.extend(item.problems)
        if baseline is not None and item.view is not None:
            item.findings, count = baseline.filter(config.relative(item.path), cast(Any, item.view),
                                                   item.findings)
            tally.suppressed += count
        tally.add(item, config.fail_on)
        linted += not item.cached
        if log is not None and item.provenance is not None:
            log.append(item.provenance)
        if bar is not None:
            bar.advance(item.size)
        yield item
    if index is not None:
        index.save()
    if cache is not None:
        _tend(cache, fresh, bool(linted) and index is not None and index.index is not None)


def _tend(cache: Cache, fresh: bool, grew: bool) -> None:
    """Keep the cache from growing without bound: this configuration's folder marked used; on
    its first run the folders of other versions and long-unused configurations removed; after
    a large run that wrote entries, the size capped (LINT_NEWS_CACHE_MAX_SIZE)."""
    from . import cache as lifecycle

    if fresh:
        lifecycle.prune(cache)
    elif not grew:
        lifecycle.touch(cache)
    if grew:
        lifecycle.touch(cache)
        lifecycle.cap(cache)


class _IndexedRun:
    """The stat index around one run: files it knows unchanged become cached outcomes before
    they reach ``parallel.run`` (not even read); the others are recorded as they come back.

    Used for runs of more than a few files only: for those few, reading and hashing costs
    less than loading the index of a whole corpus.
    """

    def __init__(self, cache: Cache, config: Config, options: RunOptions, paths: list[str]) -> None:
        self.cache = cache
        self.config = config
        self.options = options
        self.paths = paths  # as named on the command line: the folders among them are walked whole
        self.index: StatIndex | None = None
        self.pending: set[str] = set()
        self.complete = False  # every item was listed (not an interrupted run)

    def items(self, items: Iterable[str | FileProblem | FileResult]
              ) -> Iterator[str | FileProblem | FileResult]:
        iterator = iter(items)
        head = list(itertools.islice(iterator, SMALL_RUN + 1))
        if len(head) <= SMALL_RUN:
            yield from head
            return
        from .cache import StatIndex

        index = self.index = StatIndex(self.cache)
        for item in itertools.chain(head, iterator):
            if isinstance(item, str) and item != "-":
                hit = self._hit(index, item)
                if hit is not None:
                    yield hit
                    continue
                index.start()  # before this file is read
                self.pending.add(item)
            yield item
        self.complete = True

    def _hit(self, index: StatIndex, path: str) -> FileResult | None:
        known = index.find(path)
        if known is None:
            return None
        key, size = known
        if size > self.config.max_file_size:
            return None  # read it, so that the size limit is reported (it is not in the key)
        return cached_outcome(self.cache, key, path, size, self.options)

    def record(self, outcome: FileResult) -> None:
        """Remember which entry holds ``outcome``'s file, if its results were cacheable."""
        self.pending.discard(outcome.path)
        index = self.index
        if index is None or outcome.problems or outcome.view is None or (
                outcome.changed and not outcome.written):
            return
        if outcome.key is not None and outcome.read_stat is not None:
            index.record(outcome.path, outcome.key, outcome.read_stat)

    def save(self) -> None:
        if self.index is not None:
            if self.complete:
                self.index.forget_unlisted([path for path in self.paths if os.path.isdir(path)])
            self.index.save()


def _stdin_outcome(args: argparse.Namespace, config: Config, options: RunOptions,
                   stdout: TextIO) -> FileResult:
    raw = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
    name = args.stdin_filename or "-"
    result = process_bytes(raw, name, config, fix=options.fix, unsafe=options.unsafe)
    if options.write:
        data = result.fixed_bytes if result.fixed_bytes is not None else raw
        _write_bytes(stdout, data)
    return compact(result, options, len(raw))


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


def _write_bytes(out: TextIO, data: bytes) -> None:
    buffer = getattr(out, "buffer", None)
    if buffer is not None:
        out.flush()
        buffer.write(data)
        buffer.flush()
    else:
        out.write(data.decode("utf-8", "surrogateescape"))


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


def _list_rules(config: Config, out: TextIO) -> int:
    enabled = {rule.id: rule for rule in config.rules}
    for rule in config.rule_files:
        state = enabled[rule.id].severity.label if rule.id in enabled else "off"
        first = summary(rule.description)
        out.write(f"{rule.id:<18} {rule.kind:<16} {state:<8} {first}\n")
    return EXIT_OK


def _rule_command(argv: list[str], out: TextIO, err: TextIO) -> int:
    parser = _ArgumentParser(prog="lint-news rule", description="Explain a rule.")
    parser.add_argument("name", help="the rule id")
    parser.add_argument("--config", metavar="FILE")
    args = parser.parse_args(argv)
    config = load_config(args.config, validate_all=True)
    rule = config.rule(args.name)
    if rule is None:
        hint = did_you_mean(args.name, config.known_rules)
        err.write(f"lint-news: error: unknown rule {args.name!r}{hint}\n")
        return EXIT_ERROR
    out.write(render_rule(rule))
    return EXIT_OK


def render_rule(rule: object) -> str:
    """A rule's documentation, as ``lint-news rule NAME`` prints it (Markdown)."""
    import yaml

    from ..core.options import _plain, field_names
    from ..core.rule import Rule

    assert isinstance(rule, Rule)
    buffer = io.StringIO()
    buffer.write(f"# {rule.id}\n\n")
    buffer.write(f"Kind: `{rule.kind}` · severity: {rule.severity.label} · scope: {rule.scope}"
                 f" · {'built-in' if rule.builtin else 'user rule: ' + rule.source}\n\n")
    docs = rule.docs
    if docs.what:  # ruff's sections
        for heading, text in (("What it does", docs.what), ("Why is this bad?", docs.why),
                              ("Example", docs.example), ("Fix safety", docs.fix_safety)):
            if text:
                buffer.write(f"## {heading}\n\n{text.strip()}\n\n")
    else:
        buffer.write(rule.description.strip() + "\n\n")
    names = field_names(type(rule.options))
    if names:
        values = {key: _plain(getattr(rule.options, field)) for key, field in names.items()}
        buffer.write("## Options (current values)\n\n```yaml\n")
        rendered = yaml.safe_dump(values, allow_unicode=True, sort_keys=False, width=100)
        lines = rendered.splitlines()
        if len(lines) > 60:
            lines = [*lines[:60], f"# … {len(lines) - 60} more lines: see {os.path.basename(rule.source)}"]
        buffer.write("\n".join(lines) + "\n```\n\n")
    examples = rule.examples
    if examples.bad or examples.good:
        buffer.write("## Examples\n\n")
        for text in examples.bad:
            buffer.write(f"- reported: `{text}`\n")
        for text in examples.good:
            buffer.write(f"- not reported: `{text}`\n")
        for before, after in examples.fixed:
            buffer.write(f"- fixed: `{before}` → `{after}`\n")
    return buffer.getvalue()


def _clean_command(argv: list[str], out: TextIO, err: TextIO) -> int:
    parser = _ArgumentParser(prog="lint-news clean",
                             description="Remove the results cache of this project and every "
                             ".lint-news-cache folder below the working folder (as 'ruff clean').")
    parser.add_argument("--config", metavar="FILE")
    args = parser.parse_args(argv)
    import shutil

    from ..config.discovery import find_config
    from ..core.errors import display_path
    from ..core.memo import cache_folder
    from .cache import find_caches

    config_file = args.config or find_config(os.getcwd())
    folders = find_caches(".", cache_folder(config_file))
    for folder in folders:
        out.write(f"Removing cache at: {terminal_safe(display_path(folder))}\n")
        shutil.rmtree(folder, ignore_errors=True)
    if not folders:
        out.write("No cache to remove.\n")
    return EXIT_OK


def _check_config_command(argv: list[str], out: TextIO, err: TextIO) -> int:
    parser = _ArgumentParser(prog="lint-news check-config", description="Validate the configuration.")
    parser.add_argument("--config", metavar="FILE")
    args = parser.parse_args(argv)
    config = load_config(args.config, validate_all=True)
    from ..core.errors import display_path
    from .examples import check_examples

    failures = check_examples(config)
    for failure in failures:
        err.write(f"lint-news: error: {terminal_safe(str(failure))}\n")
    if failures:
        return EXIT_ERROR
    where = display_path(config.path) if config.path else "built-in defaults"
    examples = sum(len(r.examples.bad) + len(r.examples.good) + len(r.examples.fixed)
                   for r in config.all_rules)
    out.write(f"{where}: OK ({len(config.rules)} of {len(config.known_rules)} rules enabled, "
              f"{examples} examples pass)\n")
    return EXIT_OK
