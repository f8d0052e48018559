"""Finding the files to lint, reading them, and writing fixes without ever losing text.

Long because the write path is one piece: the compare-and-swap against the bytes that were
read, the project boundary for symbolic links, the held signals and the clean-up of the
temporary file must be read together to see that no window is left open (issue 19).

Writes are atomic (a temporary file in the same folder, flushed to disk, then renamed over
the original), keep the permission bits, and happen only when the content changed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config.discovery import holds_config
from ..core.errors import FileProblem
from ..core.lazy import lazy_module
from ..core.memo import git_top

if TYPE_CHECKING:
    import threading

    from ..config import Config
    from . import ignorefiles
else:  # on first write only, and for walks that read ignore files (start-up time)
    threading = lazy_module("threading")
    ignorefiles = lazy_module("lint_news.app.ignorefiles")

DEFAULT_SUFFIXES = (".txt",)

_IGNORED_ERRNOS = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)  # pathlib's


def _stat(name: str, follow: bool = True) -> os.stat_result | None:
    """``os.stat``, or None where ``pathlib.Path.exists()`` would say False (other errors,
    such as permission denied, are raised as pathlib raises them)."""
    try:
        return os.stat(name) if follow else os.lstat(name)
    except OSError as exc:
        if getattr(exc, "errno", None) not in _IGNORED_ERRNOS:
            raise
    except ValueError:
        pass
    return None


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
        path = str(Path(name))
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
            yield FileProblem(name, _broken_link(path))
        else:
            yield FileProblem(name, "no such file or folder")


def _broken_link(path: str) -> str:
    """Why a symbolic link leads nowhere: a loop of links is not a missing target (told
    apart, the user knows which link to mend)."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop (links are followed); skipped"
    return "broken symbolic link (links are followed); skipped"


def _shown(name: str) -> str:
    while name.startswith("./") and len(name) > 2:
        name = name[2:].lstrip("/")
    return name


def _walk(root: str, config: Config, seen: set[str], nested: list[str] | None) -> Iterator[str | FileProblem]:
    errors: list[OSError] = []
    ignores = None
    if config.respect_gitignore:
        ignores = ignorefiles.IgnoreFiles(root)
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
        ignored = None
        if ignores is not None:
            ignores.enter(directory, files)
            if ignores.specs:
                subdirs[:] = [d for d in subdirs if not ignores.ignored(directory, d, True)]
                ignored = ignores.file_filter(directory)
        shown = _shown(directory)
        for filename in sorted(files):
            if not filename.endswith(DEFAULT_SUFFIXES):
                continue
            if config.is_excluded_relative(prefix + filename):
                continue
            if ignored is not None and ignored(filename):
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
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                return FileProblem(path, "is a folder")
            if not stat.S_ISREG(info.st_mode):
                return FileProblem(path, "not a regular file (FIFO, socket or device); skipped")
            size = info.st_size
            if size > max_size:
                return FileProblem(
                    path, f"file is {size:,} bytes, over the max-file-size of {max_size:,}; skipped")
            # as much as fstat says and one byte more, not ``max_size + 1`` at once: a read
            # allocates the buffer it is asked for (20 MB, mapped and unmapped, for each file:
            # half the cost of reading a corpus of small files); a file that grew since is
            # read on up to the limit, so the bytes are the same either way
            data = _read_up_to(fd, size + 1)
            if len(data) > size:
                data += _read_up_to(fd, max_size + 1 - len(data))
        finally:  # closed whatever happens (a close that fails is an error of the read)
            os.close(fd)
    except PermissionError:
        return FileProblem(path, "permission denied")
    except OSError as exc:
        return FileProblem(path, f"cannot read: {exc.strerror or exc}")
    if len(data) > max_size:
        return FileProblem(path, f"file grew over the max-file-size of {max_size:,} bytes; skipped")
    return data, info


def _read_up_to(fd: int, limit: int) -> bytes:
    """Up to ``limit`` bytes of ``fd`` (fewer only at its end), read with ``os.read``: what a
    buffered file object's ``read(limit)`` returns, without making one per file (``os.fdopen``
    and its buffer were half the cost of reading a file of a corpus of small files)."""
    parts = []
    while limit > 0:
        chunk = os.read(fd, limit)
        if not chunk:
            break
        parts.append(chunk)
        limit -= len(chunk)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def write_atomic(path: str, data: bytes, expected: os.stat_result | None = None, *,
                 original: bytes | None = None, root: str | None = None) -> FileProblem | None:
    """Replace ``path`` with ``data`` atomically, keeping its permission bits.

    ``expected`` (the ``fstat`` taken when the file was read, ``files.read_file``) makes the
    write a compare-and-swap: the new content replaces the file only if, right before the
    rename, the name still holds a regular file of that identity (device, inode, size,
    mtime) whose bytes are still ``original``; otherwise another program changed it while
    it was being fixed, and its change is kept (a warning: run again). ``root`` (the project
    root) keeps the write inside the project: a path that reaches a file outside it through
    a symbolic link is not written (a warning saying why).
    """
    target = os.path.realpath(path)
    if root is not None:
        outside = _outside_project(path, target, root)
        if outside is not None:
            return FileProblem(path, outside, "warning")
    directory = os.path.dirname(target) or "."
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return FileProblem(path, "file vanished before the fix could be written")
    except OSError as exc:
        return FileProblem(path, f"cannot write: {exc.strerror or exc}")
    if expected is not None and (changed := _changed(path, info, expected)) is not None:
        return changed  # the cheap early answer; the check that counts is right before the rename
    # Write exactly what the operating system lets this user write, like `sed -i`, ruff or
    # black: a file this user may not write (or an immutable one) is reported and kept. Root
    # may write a 0444 file; the fix keeps its mode, so it stays read-only for everyone else.
    # (The rename would succeed anyway, because it needs only the folder to be writable: the
    # check is ours, so that a file the user cannot write is never replaced behind their back.)
    if not os.access(target, os.W_OK):
        return FileProblem(path, "file is read-only; fix not written")
    with _signals_held():
        return _replace(path, target, directory, info, data, expected, original)


def identity(info: os.stat_result) -> tuple[int, int, int, int]:
    """What says a file still holds the bytes read from it: which file (device, inode) and
    its size and modification time. A write in between changes the size or the mtime; a
    rename-save (editors) or a deletion and re-creation changes the inode."""
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns


CHANGED = "changed while being fixed"
_AGAIN = "run again (the fix was not written)"


def _changed(path: str, now: os.stat_result, expected: os.stat_result) -> FileProblem | None:
    """A warning if ``now`` is not the regular file of identity ``expected``."""
    if stat.S_ISDIR(now.st_mode):
        how = " (it is a folder now)"
    elif stat.S_ISLNK(now.st_mode):
        how = " (it is a symbolic link now)"
    elif not stat.S_ISREG(now.st_mode):
        how = " (it is not a regular file now)"
    elif identity(now) != identity(expected):
        how = ""
    else:
        return None
    return FileProblem(path, f"{CHANGED}{how}; {_AGAIN}", "warning")


def _outside_project(path: str, target: str, root: str) -> str | None:
    """Why ``path`` must not be written, if a symbolic link on it (the file or a folder)
    leads to ``target`` outside the project ``root``; None otherwise. A path that goes
    through no link is the user's own choice, inside the project or not."""
    if os.path.normcase(os.path.abspath(path)) == os.path.normcase(target):
        return None
    real_root = os.path.realpath(root)
    if _within(target, real_root):
        return None
    return (f"symbolic link to {target}, outside the project ({real_root}): linted, fix not "
            "written (--follow-symlinks writes through such links)")


def _within(path: str, folder: str) -> bool:
    path, folder = os.path.normcase(path), os.path.normcase(folder)
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def project_root(config_path: str | None, root: str, cwd: str | None = None) -> str:
    """The project a fix may write in: the configuration's folder (``root``) when there is a
    config file, else the git repository around the working folder, else the working folder
    (which is ``root`` then)."""
    if config_path is not None:
        return root
    top = git_top(os.path.realpath(cwd or os.getcwd()))
    return root if top is None else top


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


# The folder is pinned by a descriptor where the platform allows it, so that the temporary
# file, the last check and the rename all concern the same folder, whatever is renamed or
# re-linked around it meanwhile.
_PINNED = all(call in os.supports_dir_fd for call in (os.open, os.stat, os.rename, os.unlink, os.chmod))
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _replace(path: str, target: str, directory: str, info: os.stat_result, data: bytes,
             expected: os.stat_result | None = None, original: bytes | None = None) -> FileProblem | None:
    folder: int | None = None
    name = target
    if _PINNED:
        try:
            folder = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError as exc:
            return FileProblem(path, f"cannot write in its folder: {exc.strerror or exc}")
        name = os.path.basename(target)
    try:
        return _replace_in(path, folder, name, directory, info, data, expected, original)
    finally:
        if folder is not None:
            os.close(folder)


def _replace_in(path: str, folder: int | None, name: str, directory: str, info: os.stat_result,
                data: bytes, expected: os.stat_result | None, original: bytes | None) -> FileProblem | None:
    try:
        temp, fd = _temporary(folder, directory)
    except OSError as exc:
        return FileProblem(path, f"cannot write in its folder: {exc.strerror or exc}")
    held: int | None = None  # the file read, open from the last check until after the rename
    try:
        written = _fill(fd, temp, folder, data, info)
        if expected is not None:
            checked = _still_as_read(path, folder, name, expected, original)
            if isinstance(checked, FileProblem):
                os.unlink(temp, dir_fd=folder)
                return checked
            held = checked
            if os.name == "nt":  # an open file cannot be renamed over there: no step 7
                os.close(held)
                held = None
        # the window: from the last stat in _still_as_read to here, nothing else
        os.replace(temp, name, src_dir_fd=folder, dst_dir_fd=folder)
        if held is not None and expected is not None:
            return _restore_late_write(path, folder, name, directory, held, expected, written)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp, dir_fd=folder)
        if isinstance(exc, OSError):
            return FileProblem(path, f"cannot write: {exc.strerror or exc}")
        raise
    finally:
        if held is not None:
            os.close(held)
    return None


def _fill(fd: int, temp: str, folder: int | None, data: bytes,
          info: os.stat_result) -> tuple[int, int, int, int]:
    """Write ``data`` to the new file ``temp`` (open as ``fd``, closed here), flushed to disk,
    with the mode (and owner, where allowed) of ``info``; its identity."""
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
        written = identity(os.fstat(handle.fileno()))
    os.chmod(temp, stat.S_IMODE(info.st_mode), dir_fd=folder)
    if hasattr(os, "chown") and (info.st_uid, info.st_gid) != (os.getuid(), os.getgid()):
        # root fixing someone else's file keeps it theirs (others cannot chown: they get
        # the file as any editor would leave it)
        with contextlib.suppress(OSError):
            os.chown(temp, info.st_uid, info.st_gid, dir_fd=folder)
    return written


def _restore_late_write(path: str, folder: int | None, name: str, directory: str, held: int,
                        expected: os.stat_result, written: tuple[int, int, int, int]) -> FileProblem | None:
    """After the rename: if a write reached the file read between the last check and the
    rename (a program that had it open), its bytes are put back in place of the fix, which
    is then not kept. The window left is a write still going on after this."""
    late = os.fstat(held)
    if identity(late) == identity(expected):
        return None
    os.lseek(held, 0, os.SEEK_SET)
    chunks = []
    while chunk := os.read(held, 1 << 20):
        chunks.append(chunk)
    temp, fd = _temporary(folder, directory)
    try:
        _fill(fd, temp, folder, b"".join(chunks), late)
        now = os.stat(name, dir_fd=folder, follow_symlinks=False)
        if identity(now) != written:  # the fix itself was changed meanwhile: keep that change
            os.unlink(temp, dir_fd=folder)
            return FileProblem(path, f"{CHANGED}, twice: another program wrote to the file read and then to "
                                     "the fixed file; the second change is kept", "error")
        os.replace(temp, name, src_dir_fd=folder, dst_dir_fd=folder)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp, dir_fd=folder)
        raise
    return FileProblem(path, f"{CHANGED}; {_AGAIN}", "warning")


def _temporary(folder: int | None, directory: str) -> tuple[str, int]:
    """A new file beside the target, open for writing (mode 0600 until the fix is complete):
    its name (relative to ``folder`` when pinned) and descriptor."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        name = f".lint-news-{os.urandom(6).hex()}.tmp"
        temp = name if folder is not None else os.path.join(directory, name)
        try:
            return temp, os.open(temp, flags, 0o600, dir_fd=folder)
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", directory)


def _still_as_read(path: str, folder: int | None, name: str, expected: os.stat_result,
                   original: bytes | None) -> FileProblem | int:
    """An open descriptor of ``name`` if it is still the regular file read with ``expected``
    as its fstat, and holds ``original``; else why not. The bytes are compared too because
    a timestamp is coarse (a clock tick): a same-size rewrite within the tick of the one
    before keeps the identity. The last ``lstat`` is the check the rename follows; the
    descriptor shows afterwards whether a write reached the file in between."""
    try:
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | _NO_FOLLOW | getattr(os, "O_BINARY", 0)
        fd = os.open(name, flags, dir_fd=folder)
    except FileNotFoundError:
        return FileProblem(path, "file vanished before the fix could be written")
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EISDIR, errno.ENXIO, errno.EMLINK):
            return FileProblem(path, f"{CHANGED} (it is not the file read any more); {_AGAIN}", "warning")
        return FileProblem(path, f"cannot write: {exc.strerror or exc}")
    problem = _check_held(path, fd, folder, name, expected, original)
    if problem is not None:
        os.close(fd)
        return problem
    return fd


def _check_held(path: str, fd: int, folder: int | None, name: str, expected: os.stat_result,
                original: bytes | None) -> FileProblem | None:
    try:
        now = os.fstat(fd)  # before any read: it may be a folder's descriptor now
        changed = _changed(path, now, expected)
        if changed is not None:
            return changed
        if original is not None:
            with os.fdopen(fd, "rb", closefd=False) as handle:
                if len(original) != now.st_size or handle.read(now.st_size + 1) != original:
                    return FileProblem(path, f"{CHANGED}; {_AGAIN}", "warning")
        last = os.stat(name, dir_fd=folder, follow_symlinks=False)
    except FileNotFoundError:
        return FileProblem(path, "file vanished before the fix could be written")
    except OSError as exc:
        return FileProblem(path, f"cannot write: {exc.strerror or exc}")
    changed = _changed(path, last, expected)
    if changed is None and (last.st_dev, last.st_ino) != (now.st_dev, now.st_ino):
        changed = FileProblem(path, f"{CHANGED}; {_AGAIN}", "warning")
    return changed
