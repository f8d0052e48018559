"""Command line: ``lint-news [OPTIONS] [PATH ...]``, ``lint-news rule NAME``, ``check-config``.

Only the arguments and the dispatch: the subcommands are ``commands`` (and ``corpus/``,
``lsp``), a lint run's results come from ``run`` and what it prints from ``report``.
``main(argv) -> int`` never calls ``sys.exit``; exit statuses: 0 clean, 1 findings at or
above ``fail-on`` remain or ``--fix`` changed a file, 2 usage, config or I/O error.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import errno
import gc
import io
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, TextIO, cast

from .. import __version__
from ..core import context
from ..core.errors import LintNewsError
from ..core.lazy import lazy_module
from ..core.memo import cache_folder
from . import report
from .args import EXIT_ERROR, EXIT_FINDINGS, _ArgumentParser, _Exit, _ids, _jobs, _selected, _UsageError
from .output import FORMATS, terminal_safe
from .parallel import SMALL_RUN
from .run import _GC_FROZE, _GC_PAUSED, _cached, _groups, _load, _resume_gc

if TYPE_CHECKING:
    from . import commands, lsp
    from .corpus import command as corpus
else:  # the language server (the 'lsp' extra) and the corpus-level commands (docs/corpus.md)
    commands = lazy_module("lint_news.app.commands")  # 'rule', 'check-config', 'clean' only
    lsp = lazy_module("lint_news.app.lsp")
    corpus = lazy_module("lint_news.app.corpus.command")


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
    parser.add_argument("--select", type=_selected, default=None, metavar="RULES",
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
                        help="processes that lint: this one and N-1 workers (default: every core "
                        "when there are more than "
                        f"{SMALL_RUN} files, else 1)")
    parser.add_argument("--no-cache", action="store_true",
                        help="neither read nor write the results cache (.lint-news-cache/)")
    parser.add_argument("--version", action="version", version=f"lint-news {__version__}")
    return parser


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    out = stdout or sys.stdout or cast(TextIO, _ClosedOutput())
    err = stderr or sys.stderr or cast(TextIO, _ClosedOutput())
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
        if _GC_FROZE[0]:  # collectable again by a caller that goes on (tests, an embedding tool)
            _GC_FROZE[0] = False
            gc.unfreeze()
        if collecting:
            gc.enable()


class _ClosedOutput(io.TextIOBase):
    """Standard output or error closed by the shell (``>&-``: ``sys.stdout`` is None): every
    write fails as one to a closed descriptor does, an I/O error each command reports (exit
    2), instead of an AttributeError on None."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))


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
            return commands._rule_command(argv[1:], out, err)
        if argv and argv[0] == "check-config" and not os.path.exists("check-config"):
            return commands._check_config_command(argv[1:], out, err)
        if argv and argv[0] == "clean" and not os.path.exists("clean"):
            return commands._clean_command(argv[1:], out, err)
        if argv and argv[0] == "server" and not os.path.exists("server"):
            commands._server_arguments(argv[1:])  # --help, or a usage error for anything unknown
            _resume_gc()  # a long-lived process
            return lsp.serve()
        if argv and argv[0] in ("corpus", "report") and not os.path.exists(argv[0]):
            run = corpus.corpus_command if argv[0] == "corpus" else corpus.report_command
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
    except OSError as exc:
        # an I/O error no command turned into a message of its own: a subcommand's output to
        # a full disk or a closed standard output ('rule', 'check-config', --list-rules...)
        where = f"{terminal_safe(str(exc.filename))}: " if exc.filename else ""
        with contextlib.suppress(OSError):
            err.write(f"lint-news: error: {where}{exc.strerror or exc}\n")
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - its buffer would fail again at exit
        return EXIT_ERROR


def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """A lint run, under a run context that remembers derived data (parsed YAML, word lists,
    glob patterns) in the results cache folder of the first group's config, unless the cache
    is off (``core.context``); any folder serves, the data is keyed by its sources."""
    if not args.paths:
        args.paths = ["."]  # as ruff and codespell: the working folder
    if args.paths.count("-") > 1:  # the second would read an empty stream, an "empty article"
        raise _UsageError("lint-news: error: '-' (standard input) given more than once")
    groups = _groups(args)
    derived = None
    if _cached(args):
        derived = cache_folder(None if args.isolated else groups[0][0], os.getcwd())
    with context.using(dataclasses.replace(context.current(), derived=derived)):
        config = _load(args, groups[0][0])
        return report.lint(args, config, groups, out, err)
