"""Finding the files to lint, reading them, and writing fixes without ever losing text.

Writes are atomic (a temporary file in the same folder, flushed to disk, then renamed over
the original), keep the permission bits, and happen only when the content changed.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..config.discovery import holds_config
from ..core.errors import FileProblem
from ..core.paths import _stat, pathstr

if TYPE_CHECKING:
    from ..config import Config

DEFAULT_SUFFIXES = (".txt",)

def discover(paths: Iterable[str], config: Config,
             nested: list[str] | None = None) -> Iterator[str | FileProblem]:
    """Files named on the command line, and ``*.txt`` below named folders, minus excludes.

    Files named explicitly are linted whatever their suffix (pre-commit passes exactly the
    files it wants checked), but excludes still apply to them, as in ruff with
    ``force-exclude``. Symbolic links to files are followed; links to folders are not
    descended into (no cycles). Paths print as given, less a leading "./" (as ruff prints
    them). ``.gitignore``/``.ignore`` files apply below named folders (``respect-gitignore``).
    With ``nested``, a folder below a named one that has its own config file is not walked
    but appended to ``nested``, to be linted under that config (ruff's nearest-config rule).
    """
    seen: set[str] = set()
    for name in paths:
        if name == "-":
            yield name
            continue
        path = pathstr(name)
        name = _shown(name)
        info = _stat(path)
        if info is not None and stat.S_ISDIR(info.st_mode):
            yield from _walk(path, config, seen, nested)
        elif info is not None:
            if config.is_excluded(name):
                continue
            key = os.path.normpath(name)
            if key not in seen:
                seen.add(key)
                yield name
        elif (link := _stat(path, follow=False)) is not None and stat.S_ISLNK(link.st_mode):
            yield FileProblem(name, "broken symbolic link (links are followed); skipped")
        else:
            yield FileProblem(name, "no such file or folder")


def _shown(name: str) -> str:
    while name.startswith("./") and len(name) > 2:
        name = name[2:].lstrip("/")
    return name


def _walk(root: str, config: Config, seen: set[str], nested: list[str] | None) -> Iterator[str | FileProblem]:
    errors: list[OSError] = []
    ignores = None
    if config.respect_gitignore:
        from .ignorefiles import IgnoreFiles

        ignores = IgnoreFiles(root)
    for directory, subdirs, files in os.walk(root, onerror=errors.append, followlinks=False):
        if nested is not None and directory != root and holds_config(directory, files):
            nested.append(_shown(directory))
            subdirs[:] = []
            continue
        # config.relative(os.path.join(directory, name)), worked out once per folder
        base = config.relative(directory)
        prefix = "" if base == "." else base if base.endswith("/") else base + "/"
        # the trailing slash: folder globs ('.git/**', '**/node_modules/**') match the folder itself
        subdirs[:] = sorted(d for d in subdirs if not config.is_excluded_relative(prefix + d + "/"))
        if ignores is not None:
            ignores.enter(directory, files)
            if ignores.specs:
                subdirs[:] = [d for d in subdirs if not ignores.ignored(directory, d, True)]
        shown = _shown(directory)
        for filename in sorted(files):
            if not filename.endswith(DEFAULT_SUFFIXES):
                continue
            if config.is_excluded_relative(prefix + filename):
                continue
            if ignores is not None and ignores.specs and ignores.ignored(directory, filename, False):
                continue
            full = filename if shown in (".", "./") else os.path.join(shown, filename)
            key = os.path.normpath(full)
            if key not in seen:
                seen.add(key)
                yield full
        while errors:
            error = errors.pop(0)
            yield FileProblem(str(error.filename or directory), f"cannot read folder: {error.strerror}")
    while errors:
        error = errors.pop(0)
        yield FileProblem(str(error.filename or root), f"cannot read folder: {error.strerror}")


def read_bytes(path: str, max_size: int) -> bytes | FileProblem:
    """The file's bytes, or a problem: never blocks on a FIFO or device, never reads past the limit."""
    read = read_file(path, max_size)
    return read if isinstance(read, FileProblem) else read[0]


def read_file(path: str, max_size: int) -> tuple[bytes, os.stat_result] | FileProblem:
    """``read_bytes``, and the file's ``fstat`` taken just before reading: the stat index
    records that state with the key of these bytes, so a change made while or after they
    were read can only make the two disagree (a re-read next time), whatever the clocks."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        if os.path.islink(path):
            return FileProblem(path, "broken symbolic link (links are followed); skipped")
        return FileProblem(path, "file vanished before it could be read")
    except IsADirectoryError:
        return FileProblem(path, "is a folder")
    except PermissionError:
        return FileProblem(path, "permission denied")
    except OSError as exc:
        return FileProblem(path, f"cannot read: {exc.strerror or exc}")
    try:
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISDIR(info.st_mode):
                return FileProblem(path, "is a folder")
            if not stat.S_ISREG(info.st_mode):
                return FileProblem(path, "not a regular file (FIFO, socket or device); skipped")
            size = info.st_size
            if size > max_size:
                return FileProblem(
                    path, f"file is {size:,} bytes, over the max-file-size of {max_size:,}; skipped")
            data = handle.read(max_size + 1)
    except PermissionError:
        return FileProblem(path, "permission denied")
    except OSError as exc:
        return FileProblem(path, f"cannot read: {exc.strerror or exc}")
    if len(data) > max_size:
        return FileProblem(path, f"file grew over the max-file-size of {max_size:,} bytes; skipped")
    return data, info


def write_atomic(path: str, data: bytes) -> FileProblem | None:
    """Replace ``path`` with ``data`` atomically, keeping its permission bits."""
    target = os.path.realpath(path)
    directory = os.path.dirname(target) or "."
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return FileProblem(path, "file vanished before the fix could be written")
    except OSError as exc:
        return FileProblem(path, f"cannot write: {exc.strerror or exc}")
    # Write exactly what the operating system lets this user write, like `sed -i`, ruff or
    # black: a file this user may not write (or an immutable one) is reported and kept. Root
    # may write a 0444 file; the fix keeps its mode, so it stays read-only for everyone else.
    # (The rename would succeed anyway, because it needs only the folder to be writable: the
    # check is ours, so that a file the user cannot write is never replaced behind their back.)
    if not os.access(target, os.W_OK):
        return FileProblem(path, "file is read-only; fix not written")
    with _signals_held():
        return _replace(path, target, directory, info, data)


_HELD_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")


@contextlib.contextmanager
def signals_blocked(signums: Iterable[int]) -> Iterator[None]:
    """Block ``signums`` for this thread meanwhile (where the platform can); a signal that
    arrives is delivered when they are unblocked."""
    sigmask = getattr(signal, "pthread_sigmask", None)
    if sigmask is None:  # pragma: no cover - Windows
        yield
        return
    previous = sigmask(signal.SIG_BLOCK, signums)
    try:
        yield
    finally:
        sigmask(signal.SIG_SETMASK, previous)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C, SIGTERM and SIGHUP while one file is replaced; they take effect after it.

    The write itself is safe against them (a temporary file, renamed over the original), but
    a signal landing between creating the temporary file and the ``try`` that removes it, or
    inside that clean-up (a pool's terminate sends a second SIGTERM), would leave the
    temporary file behind. Held, the interrupted run stops right after the file it was
    writing: the file is new, nothing is left over.

    In the main thread the handlers are swapped for one that only records the signal, then
    the original handler is called (or, for a default action, the signal re-sent); another
    thread can only block the signals for itself.
    """
    import threading  # on first write only (start-up time)

    held = [getattr(signal, name) for name in _HELD_SIGNALS if hasattr(signal, name)]
    if threading.current_thread() is not threading.main_thread():
        with signals_blocked(held):
            yield
        return
    received: list[int] = []
    previous: dict[int, Any] = {}
    try:
        for signum in held:
            previous[signum] = signal.signal(signum, lambda signum, frame: received.append(signum))
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if received:
            _deliver(received[0], previous.get(received[0]))


def _deliver(signum: int, handler: Any) -> None:
    """Act on a held signal as its own handler would have."""
    if callable(handler):
        handler(signum, None)
    elif handler == signal.SIG_DFL:
        os.kill(os.getpid(), signum)


def _replace(path: str, target: str, directory: str, info: os.stat_result, data: bytes) -> FileProblem | None:
    try:
        import tempfile  # on first write only (start-up time)

        fd, temp = tempfile.mkstemp(prefix=".lint-news-", suffix=".tmp", dir=directory)
    except OSError as exc:
        return FileProblem(path, f"cannot write in its folder: {exc.strerror or exc}")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, stat.S_IMODE(info.st_mode))
        if hasattr(os, "chown") and (info.st_uid, info.st_gid) != (os.getuid(), os.getgid()):
            # root fixing someone else's file keeps it theirs (others cannot chown: they get
            # the file as any editor would leave it)
            with contextlib.suppress(OSError):
                os.chown(temp, info.st_uid, info.st_gid)
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            return FileProblem(path, f"cannot write: {exc.strerror or exc}")
        raise
    return None
