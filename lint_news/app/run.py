"""One lint run over many files: the outcomes in input order, through the workers, the
results cache and the stat index, with the baseline applied and a tally kept for the summary.

``app.cli`` parses the command line and reports; this module produces what it reports.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import gc
import itertools
import os
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, TextIO, TypeVar, cast

from .. import __version__
from ..config import Config, load_config
from ..core import context
from ..core.errors import FileProblem
from ..core.lazy import lazy_module
from ..core.memo import derived_root, remembering
from ..core.model import Applicability, Severity
from ..engine.result import FileResult
from . import parallel
from .files import discover
from .parallel import SMALL_RUN, RunOptions, cached_outcome, compact

if TYPE_CHECKING:
    from ..config import discovery
    from ..engine import runner
    from . import baseline, progress
    from . import cache as results
    from .cache import Cache, StatIndex
    from .corpus import provenance
    from .progress import Progress
else:  # each only where a run needs it: a cache, a terminal, a baseline, nested configs
    baseline = lazy_module("lint_news.app.baseline")
    discovery = lazy_module("lint_news.config.discovery")
    progress = lazy_module("lint_news.app.progress")
    provenance = lazy_module("lint_news.app.corpus.provenance")
    results = lazy_module("lint_news.app.cache")
    runner = lazy_module("lint_news.engine.runner")  # the engine: only a file that is not cached


_Item = TypeVar("_Item")


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
        self.unread = 0  # files (or folders) that could not be read: not counted in ``files``
        self.failed = 0  # files read whose check or fix ended in an error (a crash, a fix not written)

    def add(self, outcome: FileResult, fail_on: Severity) -> None:
        if outcome.problems and any(problem.level == "error" for problem in outcome.problems):
            if outcome.view is None:  # never read, so not checked
                self.unread += 1
                return
            self.failed += 1
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
            queue.extend((discovery.find_config(folder), [folder]) for folder in nested)


def _outcomes(args: argparse.Namespace, paths: list[str], config: Config, options: RunOptions,
              problems: list[FileProblem], tally: _Tally, bar: Progress | None, stdout: TextIO,
              nested: list[str] | None = None) -> Iterator[FileResult]:
    """Every file's outcome in input order, linted by ``--jobs`` processes through the cache;
    baseline findings are dropped and the tally kept as they pass."""
    cache = None
    index: _IndexedRun | None = None
    fresh = False
    linted = 0  # files not answered by the cache
    if _cached(args):
        cache = results.Cache(results.cache_root(config), config)
        if not os.path.isdir(cache.directory):
            fresh = True
            # nothing cached under this configuration yet: build the rules now, so that an
            # invalid option stops the run before any file is read (a configuration that
            # built once builds again: the folder's name covers everything it is built from)
            config.build()
    known = None
    if config.baseline is not None and not args.generate_baseline:
        known = baseline.load(config.baseline)
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
        log = provenance.ProvenanceLog(args.provenance, __version__, config.fingerprint())
    for item in _remembered(parallel.run(items, config, options, jobs=jobs, cache=cache)):
        _resume_gc()
        if isinstance(item, FileProblem):
            problems.append(item)
            tally.unread += item.level == "error"
            continue
        if isinstance(item, str):  # "-": standard input, in this process
            with _remembering():
                item = _stdin_outcome(args, config, options, stdout)
        elif index is not None and item.path in index.pending:
            index.record(item)
        problems.extend(item.problems)
        if known is not None and item.view is not None:
            item.findings, count = known.filter(config.relative(item.path), cast(Any, item.view),
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
    if fresh:
        results.prune(cache)
    elif not grew:
        results.touch(cache)
    if grew:
        results.touch(cache)
        results.cap(cache)


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
        index = self.index = results.StatIndex(self.cache)
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
    result = runner.process_bytes(raw, name, config, fix=options.fix, unsafe=options.unsafe)
    if options.write:
        data = result.fixed_bytes if result.fixed_bytes is not None else raw
        _write_bytes(stdout, data)
    return compact(result, options, len(raw))

_GC_PAUSED = [False]


_GC_FROZE = [False]  # ``_resume_gc`` froze start-up's objects: ``cli.main`` thaws them at its end


def _resume_gc() -> None:
    """The collector back on, start-up's objects (rules, patterns, the first document's
    analysis) left out of its passes (``gc.freeze``): they live to the end of the run, and
    the first full pass over them cost a one-file run several ms for nothing."""
    if _GC_PAUSED[0]:
        _GC_PAUSED[0] = False
        if gc.get_freeze_count() == 0:
            gc.freeze()
            _GC_FROZE[0] = True
        gc.enable()


def _cached(args: argparse.Namespace) -> bool:
    """Whether results are cached (then ``app.cli`` keeps derived data in the same folder)."""
    return not (getattr(args, "no_cache", True) or os.environ.get("LINT_NEWS_NO_CACHE"))


@contextlib.contextmanager
def _remembering() -> Iterator[None]:
    """Run the body where derived data (``core.memo``: parsed rule files, word lists) is
    remembered. With the results cache ``app.cli`` has put it in that folder; without
    (``--no-cache``, which is about results only) it goes to the user's cache folder
    (``memo.derived_root``), never into the project. ``LINT_NEWS_NO_DERIVED_CACHE=1``: nowhere."""
    remembered = _remembering_context()
    if remembered is None:
        yield
        return
    with context.using(remembered):
        yield


def _remembering_context() -> context.RunContext | None:
    """The run context ``_remembering`` sets, or None when it leaves the current one."""
    current = context.current()
    if current.derived is not None or not remembering():
        return None
    root = derived_root()
    remembered = _CONTEXTS.get((current, root))
    if remembered is None:
        remembered = _CONTEXTS[current, root] = dataclasses.replace(current, derived=root)
    return remembered


_CONTEXTS: dict[tuple[context.RunContext, str], context.RunContext] = {}


def _remembered(items: Iterator[_Item]) -> Iterator[_Item]:
    """``items``, each made under ``_remembering`` (the context never spans a ``yield``).
    The context is settled once, at the first item: the environment it depends on does not
    change under a run, and asking for it again cost every file of a large run microseconds."""
    remembered = _remembering_context()
    while True:
        token = None if remembered is None else context.enter(remembered)
        try:
            item = next(items, None)
        finally:
            if token is not None:
                context.leave(token)
        if item is None:
            return
        yield item


def _load(args: argparse.Namespace, config_file: str | None = None) -> Config:
    """The configuration of one group of paths: ``--config``/``--isolated`` when given, else
    ``config_file``, the nearest one above them (None: the defaults, rooted here)."""
    # with the cache, the rules are built when a file first needs linting (_outcomes)
    lazy = _cached(args)
    with _remembering():
        if args.config is not None or args.isolated:
            return load_config(args.config, select=args.select, ignore=args.ignore, isolated=args.isolated,
                               lazy=lazy)
        return load_config(config_file, select=args.select, ignore=args.ignore, isolated=config_file is None,
                           lazy=lazy)


def _groups(args: argparse.Namespace) -> list[tuple[str | None, list[str]]]:
    """The paths grouped by the config file that governs them, in order of first mention."""
    if args.config is not None or args.isolated:
        return [(args.config, list(args.paths))]
    groups: dict[str | None, list[str]] = {}
    by_folder: dict[str, str | None] = {}  # pre-commit passes many files of a few folders
    for path in args.paths:
        folder = "-" if path == "-" else os.path.dirname(path) if os.path.isfile(path) else path
        if folder not in by_folder:
            by_folder[folder] = discovery.config_for(path)
        groups.setdefault(by_folder[folder], []).append(path)
    return list(groups.items())


def _write_bytes(out: TextIO, data: bytes) -> None:
    buffer = getattr(out, "buffer", None)
    if buffer is not None:
        out.flush()
        buffer.write(data)
        buffer.flush()
    else:
        out.write(data.decode("utf-8", "surrogateescape"))
