"""Many files: a bounded, ordered process pool, the results cache, and compact outcomes.

Long because the pool's protocol is one piece: what the parent sends, what a worker answers,
how a dead or interrupted worker is noticed and how the pipes never fill both ways at once
only make sense side by side.

``run`` takes the paths ``files.discover`` yields and returns one ``FileResult`` per file, in
input order, whatever the number of worker processes. Only paths go to the workers and only
findings-sized results come back (a ``DocumentView`` instead of the document), and at most a
few chunks per worker are in flight, so memory stays flat however large the corpus is.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from ..config import Config
from ..core.errors import FileProblem, LintNewsError
from ..core.lazy import lazy_module
from ..engine.result import FileResult
from ..engine.view import DocumentView
from .files import read_file, signals_blocked

if TYPE_CHECKING:
    import difflib
    import multiprocessing
    import pickle
    import traceback
    import warnings
    from multiprocessing import connection as mp_connection
    from multiprocessing import reduction as mp_reduction
    from multiprocessing.connection import Connection

    from ..engine import fixer
    from . import cache as results_cache
    from . import process
    from .cache import Cache
    from .corpus import provenance
else:  # what a one-process run never needs (start-up time)
    difflib = lazy_module("difflib")
    multiprocessing = lazy_module("multiprocessing")
    mp_connection = lazy_module("multiprocessing.connection")
    mp_reduction = lazy_module("multiprocessing.reduction")
    pickle = lazy_module("pickle")
    traceback = lazy_module("traceback")
    warnings = lazy_module("warnings")
    fixer = lazy_module("lint_news.engine.fixer")
    results_cache = lazy_module("lint_news.app.cache")
    process = lazy_module("lint_news.app.process")  # and the engine: only a file that is not cached
    provenance = lazy_module("lint_news.app.corpus.provenance")

SMALL_RUN = 8  # up to this many files, one process is faster than starting workers
_CHUNK_FILES = 16
_CHUNK_BYTES = 1 << 20
_IN_FLIGHT_PER_JOB = 4


class RunOptions(NamedTuple):
    """What to do with each file: ``fix`` computes fixes (``--fix`` or ``--diff``);
    ``follow_symlinks`` lets fixes write through links that lead out of the project. (A named
    tuple: immutable, and cheaper than a frozen dataclass to define at every start-up.)"""

    fix: bool = False
    unsafe: bool = False
    write: bool = False
    diff: bool = False
    follow_symlinks: bool = False
    provenance: bool = False  # --provenance: each written file's fix record (app/corpus/provenance.py)


def compact(result: FileResult, options: RunOptions, size: int = 0) -> FileResult:
    """``result`` as the report needs it and a pipe carries it: the texts dropped, the view kept."""
    view = None if result.document is None else DocumentView.of(result.document, result.findings)
    diff = None
    if options.diff and result.fixed_bytes is not None and result.original is not None:
        diff = unified_diff(result.path, result.original.text, result.fixed_bytes.decode("utf-8"))
    outcome = FileResult(result.path, findings=result.findings, applied=result.applied,
                         problems=result.problems, written=result.written, changed=result.changed,
                         view=view, diff=diff, size=size)
    if options.provenance and result.written and result.original is not None:
        before = result.original.raw if result.original.raw is not None else b""
        outcome.provenance = provenance.fix_record(result.path, before, result.fixed_bytes or b"",
                                                   result.applied)
    return outcome


def unified_diff(path: str, before: str, after: str) -> list[str]:
    """The unified diff from ``before`` to ``after``, its lines as ``patch`` and ``git`` cut
    them: each ends at a line feed, which it keeps; a carriage return is part of its line."""
    return list(difflib.unified_diff(_patch_lines(before), _patch_lines(after), f"a/{path}", f"b/{path}"))


def _patch_lines(text: str) -> list[str]:
    """``text`` cut after each "\n" only (``str.splitlines`` also cuts at "\r", "\f", "\x1c",
    U+2028... and made a diff of a CRLF or CR file that no tool applies); the last line has no
    terminator when the text does not end with one."""
    lines = text.split("\n")
    last = lines.pop()
    cut = [line + "\n" for line in lines]
    if last:
        cut.append(last)
    return cut


def process_file(path: str, config: Config, **how: Any) -> FileResult:
    """``app.process.process_file``, imported with the engine when a file first needs linting:
    a run whose files are all cached never loads the engine, nor the kinds."""
    return process.process_file(path, config, **how)


def process_path(path: str, config: Config, options: RunOptions, cache: Cache | None = None) -> FileResult:
    """Read, look up, lint (and fix) one file; store a clean lint result in the cache.

    A cached result serves a fix run too when none of its findings has a fix the run may
    apply (the fix loop would change nothing); otherwise the file goes through the fixer.
    """
    looked_up = lookup(path, config, options, cache)
    if isinstance(looked_up, FileResult):
        return looked_up
    raw, key, info = looked_up
    # the fstat of the bytes read goes with them to the write, in this same process: the fix
    # replaces the file only if it is still that file with those bytes (files.write_atomic)
    result = process_file(path, config, fix=options.fix, unsafe=options.unsafe,
                          write=options.write, raw=raw, read_stat=info,
                          follow_symlinks=options.follow_symlinks)
    outcome = compact(result, options, len(raw))
    if cache is not None and key is not None and not result.problems and outcome.view is not None:
        if not result.changed:
            cache.put(key, outcome.view, result.findings)
            outcome.key, outcome.read_stat = key, info
        elif result.written and result.fixed_bytes is not None:
            # the remaining findings are those of the fixed text, now the file's content
            cache.put(cache.key(result.fixed_bytes, config.relative(path)), outcome.view,
                      result.findings)
    return outcome


def lookup(path: str, config: Config, options: RunOptions,
           cache: Cache | None) -> FileResult | tuple[bytes, str | None, os.stat_result]:
    """The file's outcome if it needs no work (unreadable, or a usable cache entry), else its
    bytes, cache key and the fstat taken before reading them."""
    read = read_file(path, config.max_file_size)
    if isinstance(read, FileProblem):
        return FileResult(path, problems=[read])
    raw, info = read
    if cache is None:
        return raw, None, info
    key = cache.key(raw, config.relative(path))
    hit = cached_outcome(cache, key, path, len(raw), options, info)
    return (raw, key, info) if hit is None else hit


def cached_outcome(cache: Cache, key: str, path: str, size: int, options: RunOptions,
                   read_stat: os.stat_result | None = None) -> FileResult | None:
    """The outcome stored under ``key``, unless there is none or the run has fixes to apply
    to it (then the file goes through the fix loop)."""
    hit = cache.get(key, path)
    if hit is None:
        return None
    view, findings = hit
    if options.fix and any(fixer.allowed(finding.fix, options.unsafe) for finding in findings):
        return None
    return FileResult(path, findings=findings, view=view, size=size, cached=True, key=key,
                      read_stat=read_stat)


# ----- the pool -------------------------------------------------------------------------------
def available_cores() -> int:
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except (AttributeError, OSError):
        return max(os.cpu_count() or 1, 1)


Item = Any  # a path (str), "-" (stdin, handled by the caller) or a FileProblem


def run(items: Iterable[Item], config: Config, options: RunOptions, *, jobs: int | None = None,
        cache: Cache | None = None) -> Iterator[FileResult | FileProblem | str]:
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
                if not isinstance(looked_up, FileResult):
                    stream = _chain([item], stream)
                    break
                yield looked_up
            else:
                yield item
        else:
            return
    if jobs > 1:
        # No pool for one file to lint.
        ahead: list[Item] = []
        to_lint = 0
        for item in stream:
            ahead.append(item)
            if isinstance(item, str) and item != "-":
                to_lint += 1
                if to_lint == 2:
                    break
        stream = _chain(ahead, stream)
        if to_lint < 2:
            jobs = 1
    if jobs == 1:
        for item in stream:
            yield _outcome_of(item, config, options, cache)
        return
    # The workers start at once, with what start-up loaded (the configuration, the rules,
    # the kinds' modules); each process then loads the rest as its files need it, as a
    # one-process run does. (Before the fork, this process used to call each kind's
    # ``prepare`` hook and lint the rules' examples, so that the workers shared what those
    # load. That saved the workers CPU but never time: this process lints too, so it would
    # load the same things during its share, and a load done here holds every process back
    # as long as one done in each at once. And it loaded what the corpus never needed: 5 MB
    # generated corpus, -j 2, 12,807 -> 12,714 M instructions in all processes, and about
    # 0.1 s less before the worker starts.)
    yield from _pooled(stream, config, options, cache, jobs)


def _outcome_of(item: Item, config: Config, options: RunOptions,
                cache: Cache | None) -> FileResult | FileProblem | str:
    """A path linted (``process_path``); ``"-"`` and a ``FileProblem`` passed through as they are."""
    if isinstance(item, str) and item != "-":
        return process_path(item, config, options, cache)
    passed: FileProblem | str = item
    return passed


def _chain(head: list[Item], rest: Iterator[Item]) -> Iterator[Item]:
    yield from head
    yield from rest


def _chunks(items: Iterator[Item], jobs: int = 1) -> Iterator[list[Item]]:
    """Chunks of up to ``_CHUNK_FILES`` files or ``_CHUNK_BYTES``, the last ones smaller and
    smaller (guided self-scheduling).

    Why: with chunks of one size, the worker handed the last full chunk (and the one queued
    behind it) is still busy when the others have run out of work, and the run waits for it
    with cores idle: 36-46 ms of a four-second -j2 run on the 4 MB benchmark corpus. The
    paths are read ``2 * jobs * _CHUNK_FILES`` ahead, so the end is seen coming; from then on
    each chunk takes a ``2 * jobs``-th of what is left (one file at the least), and the
    workers finish within about a file of each other.
    """
    ahead: deque[tuple[Item, int]] = deque()
    horizon = 2 * jobs * _CHUNK_FILES
    more = True
    while True:
        while more and len(ahead) < horizon:
            item = next(items, _END)
            if item is _END:
                more = False
                break
            weight = 0
            if isinstance(item, str) and item != "-":
                with contextlib.suppress(OSError):
                    weight = os.stat(item).st_size
            ahead.append((item, weight))
        if not ahead:
            return
        size = _CHUNK_FILES if more else min(_CHUNK_FILES, -(-len(ahead) // (2 * jobs)))
        chunk: list[Item] = []
        total = 0
        while ahead and len(chunk) < size and total < _CHUNK_BYTES:
            item, weight = ahead.popleft()
            chunk.append(item)
            total += weight
        yield chunk


_END = object()  # the end of the paths (``next``'s default)


_WORKER: tuple[Config, RunOptions, Cache | None] | None = None
# Chunks sent to one worker whose results have not come back. Two, so that a worker finds its
# next chunk waiting when it sends its results, instead of idling for a round trip through a
# parent busy with the report (a few per cent of a -j2 run). But a chunk message larger than
# the pipe's socket buffer (8 KB on macOS: 16 long paths) would block the parent in ``send``
# while the worker is blocked sending its results to it, and the run would hang
# (tests/app/test_parallel.py shows it with small buffers): so a second chunk is sent only when
# its message is at most ``_SMALL_MESSAGE`` bytes. The worker has read every earlier message
# before it can block in a send, so the buffer then holds this one alone, which fits in the
# smallest buffer the kernel allows; a larger message waits until the worker is idle.
_QUEUED_PER_WORKER = 2
_SMALL_MESSAGE = 2048
_STOP_GRACE = 10.0  # seconds a worker gets to finish the write it is in after SIGTERM
_LINTS_HERE = True  # the parent lints a share of the files too (see ``_pooled``)


class WorkerDied(LintNewsError):
    """A worker process ended without being asked to (a crash, ``os._exit``, the OOM killer)."""


class _WorkerStop(BaseException):
    """SIGTERM in a worker (the run is being stopped): unwind so writes clean up."""


def _init_worker(config: Config, options: RunOptions, cache: Cache | None) -> None:
    global _WORKER
    _WORKER = (config, options, cache)
    # The collector on, whatever the parent's state at the fork (``cli.main`` pauses it until
    # the run's first outcome, which may come after the workers start): a worker lints many
    # files, and their cyclic garbage must not pile up. The parent's objects stay frozen
    # (``_start_workers``).
    gc.enable()
    # Ctrl-C reaches the whole process group: the parent decides, then terminates us.
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def stop(signum: int, frame: object) -> None:
        # once: a second SIGTERM (the group's and then the parent's) must not interrupt the
        # unwinding; a write in progress holds the signal and calls this right after it
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise _WorkerStop()

    signal.signal(signal.SIGTERM, stop)


def _work(chunk: list[Item], at: Any = None, index: int = 0) -> list[FileResult | FileProblem | str]:
    """Lint a chunk; ``at`` (shared memory) says which file, so that a crash can name it."""
    assert _WORKER is not None
    config, options, cache = _WORKER
    done: list[FileResult | FileProblem | str] = []
    for position, item in enumerate(chunk):
        if at is not None:
            at[0], at[1] = index, position
        done.append(_outcome_of(item, config, options, cache))
    return done


def _worker_main(conn: Connection, at: Any, inherited: list[Connection], config: Config,
                 options: RunOptions, cache: Cache | None) -> None:
    """A worker: receive ``(index, chunk)``, send back ``(index, outcomes)``; ``None`` or the
    parent's end of the pipe closing stops it. It never touches another worker's pipe."""
    status = 0
    try:
        _init_worker(config, options, cache)
        for other in inherited:  # forked: the parent's ends of the pipes of earlier workers
            other.close()
        while True:
            try:
                message = conn.recv()
            except EOFError:  # the parent is gone
                break
            if message is None:
                break
            index, chunk = message
            try:
                reply: tuple[int, Any] = (index, [_to_wire(outcome) for outcome in _work(chunk, at, index)])
            except Exception as exc:  # a bug: the parent re-raises it, as a pool did
                reply = (-1, _picklable(exc))
            conn.send(reply)
    except _WorkerStop:  # writes in progress have cleaned up on the way out; no traceback
        status = 128 + signal.SIGTERM
    except (BrokenPipeError, ConnectionResetError):  # the parent is gone
        status = 1
    finally:
        with contextlib.suppress(OSError):
            conn.close()
    os._exit(status)


def _to_wire(outcome: FileResult | FileProblem | str) -> Any:
    """A plain outcome (linted or served by the cache: findings and a view, nothing written) as
    a tuple of plain data, the findings as the cache stores them and the view's texts as a
    ``marshal`` blob: pickling the objects themselves cost the worker ~5 % of its time and the
    parent, which shares the cores with the workers, ~2 %. Anything else goes as it is."""
    if (not isinstance(outcome, FileResult) or outcome.applied or outcome.problems or outcome.written
            or outcome.changed or outcome.diff is not None or outcome.provenance is not None
            or outcome.document is not None or outcome.original is not None
            or outcome.fixed_bytes is not None):
        return outcome
    finding_state = results_cache.finding_state
    view = outcome.view
    return (outcome.path, [finding_state(finding) for finding in outcome.findings],
            None if view is None else view.split_state(), outcome.size, outcome.cached, outcome.key,
            outcome.read_stat)


def _from_wire(wire: tuple[Any, ...]) -> FileResult:
    path, findings, view, size, cached, key, read_stat = wire
    finding = results_cache.finding_from_state
    return FileResult(path, findings=[finding(item) for item in findings],
                      view=None if view is None else DocumentView.from_split_state(*view),
                      size=size, cached=cached, key=key, read_stat=read_stat)


def _picklable(exc: Exception) -> BaseException:
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    return exc


class _Worker:
    """One worker process and its pipe (a plain class: a dataclass costs every run's start-up)."""

    __slots__ = ("at", "chunks", "conn", "process", "queued")

    def __init__(self, process: Any, conn: Connection, at: Any) -> None:
        self.process = process
        self.conn = conn
        self.at = at  # shared: (chunk index, position in it) of the file being linted
        self.queued: deque[int] = deque()  # chunk indices sent, results not back
        self.chunks: dict[int, list[Item]] = {}


def _context() -> Any:
    # fork shares the loaded configuration and imported kinds for free; elsewhere (macOS,
    # Windows) or where fork is unavailable, the configuration is pickled to each worker.
    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _start_workers(jobs: int, config: Config, options: RunOptions, cache: Cache | None) -> list[_Worker]:
    context = _context()
    forked = context.get_start_method() == "fork"
    workers: list[_Worker] = []
    # Frozen, the parent's objects (rules, patterns, word lists: most of a worker's heap) are
    # left out of the workers' garbage collections, which would otherwise walk them all again
    # and again and, by touching them, copy their memory pages into every worker.
    gc.freeze()
    try:
        for _ in range(jobs):
            parent_end, child_end = context.Pipe(duplex=True)
            inherited = [w.conn for w in workers] + [parent_end] if forked else []
            at = context.RawArray("q", [-1, -1])
            process = context.Process(target=_worker_main, name="lint-news-worker", daemon=True,
                                      args=(child_end, at, inherited, config, options, cache))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)  # fork with threads (3.12+)
                process.start()
            child_end.close()  # only the worker holds its end: its death is an EOF here
            workers.append(_Worker(process, parent_end, at))
    except BaseException:
        _stop_workers(workers, finished=False)
        raise
    finally:
        gc.unfreeze()  # the parent's own collections as before
    return workers


def _pooled(items: Iterator[Item], config: Config, options: RunOptions, cache: Cache | None,
            jobs: int) -> Iterator[FileResult | FileProblem | str]:
    """Chunks to ``jobs - 1`` worker processes, each with its own pipe, and to this process;
    outcomes in input order.

    This process lints its share too, a file at a time, looking at the workers between two
    files (never waiting then): their queues are refilled before it takes a chunk of its own,
    so a worker is never short of work for longer than one file. Why not ``jobs`` workers
    and a parent that only hands out and reports: on a two-core machine that made three
    processes for two cores, every outcome crossed a pipe (~5 % of the run's instructions,
    both ends) and each worker warmed its own memos again; on the 5 MB generated corpus,
    ``-j 2`` went from 14,271 to 12,811 M instructions in all (``-j 1``: 11,101). With
    ``_LINTS_HERE`` False the parent only hands out and reports (the worker-death tests aim
    a crash at a given file that way).

    No ``multiprocessing.Pool``: its shared result pipe and handler threads could hang the
    run for good when a worker died in the middle of sending a result (an interrupt, the OOM
    killer). Here a worker that dies is an end-of-file on its own pipe or its process
    sentinel, never a blocked read; the parent holds no threads and no locks.
    """
    results_cache.finding_state  # noqa: B018 - imported before the fork, not by each worker
    here = _LINTS_HERE
    workers = _start_workers(jobs - 1 if here else jobs, config, options, cache)
    watched = [w.conn for w in workers] + [w.process.sentinel for w in workers]
    limit = jobs * _IN_FLIGHT_PER_JOB  # chunks sent (or linted here) and not yet yielded
    chunks = _chunks(items, jobs)
    sent = yielded = 0
    waiting: tuple[list[Item], bytes] | None = None  # the next chunk and its message, not yet sent
    done: dict[int, list[Any]] = {}
    own: tuple[int, list[Item], list[Any]] | None = None  # the chunk linted here, its outcomes so far
    exhausted = finished = False
    try:
        while True:
            while not exhausted and sent - yielded < limit:
                worker = min(workers, key=lambda w: len(w.queued))
                if len(worker.queued) >= _QUEUED_PER_WORKER:
                    break
                if waiting is None:
                    chunk = next(chunks, None)
                    if chunk is None:
                        exhausted = True
                        break
                    waiting = chunk, bytes(mp_reduction.ForkingPickler.dumps((sent, chunk)))
                chunk, message = waiting
                if worker.queued and len(message) > _SMALL_MESSAGE:
                    break  # only to an idle worker (see _QUEUED_PER_WORKER)
                with contextlib.suppress(OSError):  # a worker gone: its sentinel says how
                    worker.conn.send_bytes(message)
                worker.queued.append(sent)
                worker.chunks[sent] = chunk
                waiting = None
                sent += 1
            if yielded in done:
                while yielded in done:
                    outcomes = done.pop(yielded)
                    yielded += 1
                    for outcome in outcomes:
                        yield _from_wire(outcome) if type(outcome) is tuple else outcome
                # back to sending before waiting: when the window of chunks in flight was full,
                # every worker may be idle now, and waiting for them would wait for ever
                continue
            if exhausted and yielded == sent:
                break
            if here and own is None and not exhausted and sent - yielded < limit:
                # the workers' queues are full: the next chunk is linted here
                chunk = next(chunks, None) if waiting is None else waiting[0]
                waiting = None
                if chunk is None:
                    exhausted = True
                    continue
                own = (sent, chunk, [])
                sent += 1
            timeout: float | None = None  # nothing to lint here: wait for the workers
            if own is not None:
                index, chunk, outcomes = own
                outcomes.append(_outcome_of(chunk[len(outcomes)], config, options, cache))
                if len(outcomes) == len(chunk):
                    done[index], own = outcomes, None
                timeout = 0  # then only a look at the workers
            ready = set(mp_connection.wait(watched, timeout))
            for worker in workers:
                if worker.conn in ready or worker.process.sentinel in ready:
                    _receive(worker, done, ended=worker.process.sentinel in ready)
        finished = True
    finally:
        _stop_workers(workers, finished)


def _receive(worker: _Worker, done: dict[int, list[Any]], ended: bool) -> None:
    """Take every result the worker has sent; a worker that has ended stops the run."""
    error: BaseException | None = None
    try:
        while error is None and worker.conn.poll():
            index, outcomes = worker.conn.recv()
            if index < 0:
                error = outcomes
                break
            worker.queued.remove(index)
            del worker.chunks[index]
            done[index] = outcomes
    except (EOFError, OSError):  # it died, perhaps in the middle of a result
        ended = True
    if error is not None:
        raise error
    if ended:
        _worker_died(worker)


def _worker_died(worker: _Worker) -> None:
    """Stop the run: as interrupted when the worker was terminated, else with an error."""
    worker.process.join(_STOP_GRACE)
    # A signal to the whole process group reaches this process too, maybe a moment after the
    # worker has died of it: let its handler run first (it raises KeyboardInterrupt).
    time.sleep(0.2)
    code = worker.process.exitcode
    if code in (-signal.SIGTERM, 128 + signal.SIGTERM):
        # the worker alone was terminated: stop the run as if it had been (exit status 143)
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(1)  # its handler raises here; with the default action this process ends
    if code is None:
        how = "it stopped answering"
    elif code < 0:
        how = f"killed by {signal.Signals(-code).name}"
        if code == -signal.SIGKILL:
            how += ", perhaps by the out-of-memory killer"
    else:
        how = f"exit status {code}"
    index, position = worker.at[0], worker.at[1]
    chunk = worker.chunks.get(index, [])
    where = f" while linting {chunk[position]}" if 0 <= position < len(chunk) else ""
    raise WorkerDied(f"a worker process died ({how}){where}; the run stopped: files not reported "
                     "above may not have been checked; with --fix, some of them may already be fixed "
                     "(every file is either unchanged or completely fixed)")


def _stop_workers(workers: list[_Worker], finished: bool) -> None:
    """Finished: ask each worker to stop. Otherwise (an interrupt, an error, the consumer
    stopped early): SIGTERM the workers, which finish the write they may be in and exit;
    after a grace period, SIGKILL what is left. Never waits without a deadline; SIGINT and
    SIGTERM are held meanwhile (a second Ctrl-C must not leave workers behind) and take
    effect right after."""
    with signals_blocked((signal.SIGINT, signal.SIGTERM)):
        for worker in workers:
            if finished:
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
            elif worker.process.exitcode is None:
                with contextlib.suppress(OSError):
                    os.kill(worker.process.pid, signal.SIGTERM)
        deadline = time.monotonic() + _STOP_GRACE
        for worker in workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.exitcode is None:
                with contextlib.suppress(OSError):
                    os.kill(worker.process.pid, signal.SIGKILL)
                worker.process.join()
            worker.conn.close()
