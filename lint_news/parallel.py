"""Many files: a bounded, ordered process pool, the results cache, and compact outcomes.

``run`` takes the paths ``files.discover`` yields and returns one ``Outcome`` per file, in
input order, whatever the number of worker processes. Only paths go to the workers and only
findings-sized results come back (a ``DocumentView`` instead of the document), and at most a
few chunks per worker are in flight, so memory stays flat however large the corpus is.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .config import Config
from .files import FileProblem, read_bytes
from .model import Applicability, Finding
from .runner import FileResult, process_file
from .view import DocumentView

if TYPE_CHECKING:
    from .cache import Cache
    from .fixer import AppliedFix

SMALL_RUN = 8  # up to this many files, one process is faster than starting workers
_CHUNK_FILES = 16
_CHUNK_BYTES = 1 << 20
_IN_FLIGHT_PER_JOB = 4


@dataclass(frozen=True)
class RunOptions:
    """What to do with each file: ``fix`` computes fixes (``--fix`` or ``--diff``)."""

    fix: bool = False
    unsafe: bool = False
    write: bool = False
    diff: bool = False


@dataclass
class Outcome:
    """What happened to one file, small enough to send between processes and to keep."""

    path: str
    document: DocumentView | None = None
    findings: list[Finding] = field(default_factory=list)
    applied: list[AppliedFix] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)
    written: bool = False
    changed: bool = False
    diff: list[str] | None = None
    size: int = 0
    cached: bool = False


def compact(result: FileResult, options: RunOptions, size: int = 0) -> Outcome:
    """The ``Outcome`` of a ``FileResult``: drops the texts, keeps what the report needs."""
    view = None if result.document is None else DocumentView.of(result.document, result.findings)
    diff = None
    if options.diff and result.fixed_bytes is not None and result.original is not None:
        diff = unified_diff(result.path, result.original.text, result.fixed_bytes.decode("utf-8"))
    return Outcome(result.path, view, result.findings, result.applied, result.problems,
                   result.written, result.changed, diff, size)


def unified_diff(path: str, before: str, after: str) -> list[str]:
    import difflib

    return list(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                     f"a/{path}", f"b/{path}"))


def process_path(path: str, config: Config, options: RunOptions, cache: Cache | None = None) -> Outcome:
    """Read, look up, lint (and fix) one file; store a clean lint result in the cache.

    A cached result serves a fix run too when none of its findings has a fix the run may
    apply (the fix loop would change nothing); otherwise the file goes through the fixer.
    """
    looked_up = lookup(path, config, options, cache)
    if isinstance(looked_up, Outcome):
        return looked_up
    raw, key = looked_up
    result = process_file(path, config, fix=options.fix, unsafe=options.unsafe,
                          write=options.write, raw=raw)
    outcome = compact(result, options, len(raw))
    if cache is not None and key is not None and not result.problems and outcome.document is not None:
        if not result.changed:
            cache.put(key, outcome.document, result.findings)
        elif result.written and result.fixed_bytes is not None:
            # the remaining findings are those of the fixed text, now the file's content
            cache.put(cache.key(result.fixed_bytes, config.relative(path)), outcome.document,
                      result.findings)
    return outcome


def lookup(path: str, config: Config, options: RunOptions,
           cache: Cache | None) -> Outcome | tuple[bytes, str | None]:
    """The file's outcome if it needs no work (unreadable, or a usable cache entry), else its
    bytes and cache key."""
    raw = read_bytes(path, config.max_file_size)
    if isinstance(raw, FileProblem):
        return Outcome(path, problems=[raw])
    if cache is None:
        return raw, None
    key = cache.key(raw, config.relative(path))
    hit = cache.get(key, path)
    if hit is not None:
        view, findings = hit
        if not options.fix or not any(
            f.fix is not None and (options.unsafe or f.fix.applicability is Applicability.SAFE)
            for f in findings
        ):
            return Outcome(path, view, findings, size=len(raw), cached=True)
    return raw, key


# ----- the pool -------------------------------------------------------------------------------
def available_cores() -> int:
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except (AttributeError, OSError):
        return max(os.cpu_count() or 1, 1)


Item = Any  # a path (str), "-" (stdin, handled by the caller) or a FileProblem


def run(items: Iterable[Item], config: Config, options: RunOptions, *, jobs: int | None = None,
        cache: Cache | None = None) -> Iterator[Outcome | FileProblem | str]:
    """Outcomes in input order; ``FileProblem`` items and ``"-"`` are passed through in place.

    ``jobs=None`` uses every core when there are more than ``SMALL_RUN`` files, else one.
    """
    iterator = iter(items)
    head: list[Item] = []
    if jobs is None:
        for item in iterator:
            head.append(item)
            if len(head) > SMALL_RUN:
                break
        jobs = available_cores() if len(head) > SMALL_RUN else 1
    jobs = max(1, jobs)
    stream = _chain(head, iterator)
    if jobs > 1 and cache is not None:
        # Serve cache hits here; start workers only at the first file that needs linting
        # (re-checking an unchanged corpus then costs no process start-up at all).
        for item in stream:
            if isinstance(item, str) and item != "-":
                looked_up = lookup(item, config, options, cache)
                if not isinstance(looked_up, Outcome):
                    stream = _chain([item], stream)
                    break
                yield looked_up
            else:
                yield item
        else:
            return
    if jobs > 1:
        # The first file is linted here, before the workers fork: whatever it loads lazily
        # (a word list, ftfy) is then shared with every worker instead of loaded by each.
        for item in stream:
            if isinstance(item, str) and item != "-":
                yield process_path(item, config, options, cache)
                break
            yield item
        else:
            return
        for item in stream:  # nothing left: no pool to start
            stream = _chain([item], stream)
            break
        else:
            return
    if jobs == 1:
        for item in stream:
            if isinstance(item, str) and item != "-":
                yield process_path(item, config, options, cache)
            else:
                yield item
        return
    prepare(config)
    yield from _pooled(stream, config, options, cache, jobs)


def prepare(config: Config) -> None:
    """Let each enabled kind load its heavy resources once, before the workers fork.

    A kind may define ``prepare(rule)`` (load a word list, import ftfy); it is called only for
    runs that start workers, where every worker would otherwise load the same data again.
    """
    for rule in config.rules:
        hook = getattr(rule.kind_module, "prepare", None)
        if hook is not None:
            hook(rule)


def _chain(head: list[Item], rest: Iterator[Item]) -> Iterator[Item]:
    yield from head
    yield from rest


def _chunks(items: Iterator[Item]) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    weight = 0
    for item in items:
        chunk.append(item)
        if isinstance(item, str) and item != "-":
            with contextlib.suppress(OSError):
                weight += os.stat(item).st_size
        if len(chunk) >= _CHUNK_FILES or weight >= _CHUNK_BYTES:
            yield chunk
            chunk, weight = [], 0
    if chunk:
        yield chunk


_WORKER: tuple[Config, RunOptions, Cache | None] | None = None


class _WorkerStop(BaseException):
    """SIGTERM in a worker (the pool is being torn down): unwind so writes clean up."""


def _init_worker(config: Config, options: RunOptions, cache: Cache | None) -> None:
    global _WORKER
    _WORKER = (config, options, cache)
    # Ctrl-C reaches the whole process group: the parent decides, then terminates us.
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def stop(signum: int, frame: object) -> None:
        raise _WorkerStop()

    signal.signal(signal.SIGTERM, stop)


def _work(chunk: list[Item]) -> list[Outcome | FileProblem | str]:
    assert _WORKER is not None
    config, options, cache = _WORKER
    done: list[Outcome | FileProblem | str] = []
    try:
        for item in chunk:
            if isinstance(item, str) and item != "-":
                done.append(process_path(item, config, options, cache))
            else:
                done.append(item)
    except _WorkerStop:  # writes in progress have cleaned up on the way out; no traceback
        os._exit(128 + signal.SIGTERM)
    return done


def _context() -> Any:
    import multiprocessing

    # fork shares the loaded configuration and imported kinds for free; elsewhere (macOS,
    # Windows) or where fork is unavailable, the configuration is pickled to each worker.
    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _pooled(items: Iterator[Item], config: Config, options: RunOptions, cache: Cache | None,
            jobs: int) -> Iterator[Outcome | FileProblem | str]:
    import warnings

    context = _context()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # fork with threads (3.12+)
        pool = context.Pool(jobs, initializer=_init_worker, initargs=(config, options, cache))
    pending: deque[Any] = deque()
    limit = jobs * _IN_FLIGHT_PER_JOB
    chunks = _chunks(items)
    finished = False
    try:
        for chunk in chunks:
            pending.append(pool.apply_async(_work, (chunk,)))
            while len(pending) >= limit:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
        finished = True
    finally:
        if finished:
            pool.close()
        else:
            pool.terminate()
        pool.join()
