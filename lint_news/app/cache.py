"""The results cache: ``.lint-news-cache/`` beside the config file (or in the working folder).

Long because the entry format, the stat index and the pruning policy are one contract: an
entry is trusted only when its key, its checksum and its folder's fingerprint all agree.

An entry is the findings of one file's content under one configuration: its key hashes the
file's bytes and its path relative to the project root (per-file ignores and path-aware
rules), and it lives in a folder named after the lint-news version, a fingerprint of the
effective configuration and a fingerprint of the lint-news code and the libraries the rules
use. Anything that could change a result changes one of those, so an entry is never stale;
old folders are simply never read again (``--no-cache`` skips the cache; deleting the folder
is always safe).

Entries are plain data (``marshal``, never ``pickle``: a cache folder is not trusted to run
code), prefixed with a checksum, and written atomically (a temporary file renamed into
place), so two runs sharing the cache at the same time can only both write the same entry;
a truncated or corrupted entry fails the checksum and counts as a miss.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import zlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..config import Config
from ..core.lazy import lazy_module
from ..core.memo import (
    _CRC,
    blake2b,  # hashlib's own, without importing hashlib (see core.memo)
    cache_folder,
    derived_bytes,
    read_derived,
    write_derived,
)
from ..core.memo import CACHE_DIR as CACHE_DIR  # re-exported: where the cache lives
from ..core.model import Applicability, Edit, Finding, Fix, Severity
from ..engine.view import DocumentView

if TYPE_CHECKING:
    import importlib.util as importlib_util
    import shutil
else:  # for a new configuration's first run and for pruning only
    importlib_util = lazy_module("importlib.util")
    shutil = lazy_module("shutil")

_MAGIC = b"LNC3"  # 2: the line and span texts in a nested blob; 3: CRC-32 (files.derived_bytes)
_README = "Results cache of lint-news: safe to delete. https://pypi.org/project/lint-news/\n"
_LIBRARIES = ("ftfy", "charset_normalizer", "wordfreq", "regex", "yaml")


def cache_root(config: Config, cwd: str | None = None) -> str:
    """Beside the config file when there is one, else in the working folder."""
    return cache_folder(config.path, cwd)


def code_fingerprint() -> str:
    """The lint-news sources and data, and the libraries the rules call.

    Every file of the package counts by name, size and modification time (as Python's own
    bytecode cache does): a development checkout never reads results computed by older code
    of the same version, and a run pays a few hundred ``stat`` calls, not reads.
    """
    digest = blake2b(digest_size=16)
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # lint_news/
    _fingerprint_folder(digest, package, "")
    digest.update(_library_versions().encode())
    return digest.hexdigest()


def _fingerprint_folder(digest: Any, folder: str, relative: str) -> None:
    """Add ``folder``'s files (name relative to the package, size, mtime), then its sub-folders',
    each in name order, skipping ``__pycache__``, hidden folders, ``.pyc`` and ``.tmp`` files.

    Why ``os.scandir`` and string joins rather than ``os.walk`` and ``os.path.relpath``: every
    run with the cache pays this before its first file, cached or not, and the walk's generator
    and a ``relpath`` per file were half of its ~1.6 ms. As ``os.walk`` does, a link to a
    folder is not followed, and a folder that cannot be listed counts as empty.
    """
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=_name)
    except OSError:
        return
    subfolders = []
    for entry in entries:
        name = entry.name
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            if name != "__pycache__" and not name.startswith(".") and not entry.is_symlink():
                subfolders.append(entry)
            continue
        if name.endswith((".pyc", ".tmp")):
            continue
        try:
            info = entry.stat()
        except OSError:
            continue
        digest.update(f"{relative}{name}:{info.st_size}:{info.st_mtime_ns}|".encode())
    for entry in subfolders:
        _fingerprint_folder(digest, entry.path, f"{relative}{entry.name}{os.sep}")


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _library_versions() -> str:
    """Where each library lives and when it was installed, without importing it."""
    parts = []
    for name in _LIBRARIES:
        try:
            spec = importlib_util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        origin = spec.origin if spec is not None else None
        if origin:
            try:
                stat = os.stat(origin)
                parts.append(f"{name}:{origin}:{stat.st_mtime_ns}:{stat.st_size}")
                continue
            except OSError:
                pass
        parts.append(f"{name}:-")
    return "|".join(parts)


class Cache:
    """Findings by file content, for one configuration; picklable (sent to workers)."""

    def __init__(self, root: str | os.PathLike[str], config: Config) -> None:
        self.root = os.fspath(root)
        self.config_root = config.root
        namespace = blake2b(
            f"{__version__}|{config.fingerprint()}|{code_fingerprint()}|{sys.version}".encode(),
            digest_size=12,
        ).hexdigest()
        self.directory = os.path.join(self.root, f"v{__version__}-{namespace}")
        self._made: set[str] = set()

    def key(self, raw: bytes, relative_path: str) -> str:
        digest = blake2b(raw, digest_size=20)
        digest.update(b"\0" + relative_path.encode("utf-8", "surrogateescape"))
        return digest.hexdigest()

    def _entry(self, key: str) -> str:
        # plain strings: pathlib, even os.path.join, cost per file on a warm run
        return f"{self.directory}{os.sep}{key[:2]}{os.sep}{key}"

    def get(self, key: str, path: str) -> tuple[DocumentView, list[Finding]] | None:
        entry = _read_entry(self._entry(key))
        if entry is None:
            return None
        try:
            head, findings, lazy = entry
            result = (DocumentView.from_split_state(head, lazy, path),
                      [finding_from_state(item) for item in findings])
        except Exception:  # a well-formed but foreign entry: ignore it
            return None
        return result

    def put(self, key: str, view: DocumentView, findings: list[Finding]) -> None:
        """Store an entry atomically; a cache that cannot be written is silently skipped."""
        head, lazy = view.split_state()
        data = derived_bytes(_MAGIC, (head, [finding_state(f) for f in findings], lazy))
        target = self._entry(key)
        folder = os.path.dirname(target)
        try:
            if folder not in self._made:
                self._prepare(folder)
                self._made.add(folder)
        except OSError:
            return
        write_derived(target, data)

    def _prepare(self, folder: str) -> None:
        if not os.path.exists(os.path.join(self.root, "CACHEDIR.TAG")):
            os.makedirs(self.root, exist_ok=True)
            for name, content in (("README", _README), (".gitignore", "*\n"), ("CACHEDIR.TAG", _TAG)):
                try:
                    with open(os.path.join(self.root, name), "x", encoding="utf-8") as handle:
                        handle.write(content)
                except OSError:
                    pass
        os.makedirs(folder, exist_ok=True)

    def __getstate__(self) -> dict[str, Any]:
        return {"root": self.root, "config_root": self.config_root, "directory": self.directory}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._made = set()

    def clock(self) -> int | None:
        """The file system's time now, in nanoseconds (None if the cache cannot be written).

        Taken by touching a file in the cache folder, so it is the clock (and the timestamp
        granularity) that stamps modification times, not the system clock.
        """
        name = os.path.join(self.directory, "clock")
        try:
            if self.directory not in self._made:
                self._prepare(self.directory)
                self._made.add(self.directory)
            with open(name, "ab"):
                pass
            os.utime(name)
            return signature(os.stat(name))[1]
        except OSError:
            return None


def _read_entry(path: str) -> Any | None:
    """``memo.read_derived(path, _MAGIC)``, read with ``os.read``: a warm run reads one entry
    per file, and ``open()`` (a buffered file object each time) cost it twice as much."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    parts = []
    try:
        while chunk := os.read(fd, 1 << 16):
            parts.append(chunk)
    except OSError:
        return None
    finally:
        os.close(fd)
    data = parts[0] if len(parts) == 1 else b"".join(parts)
    start = len(_MAGIC) + _CRC
    if len(data) < start or not data.startswith(_MAGIC):
        return None
    body = memoryview(data)[start:]
    if zlib.crc32(body).to_bytes(_CRC, "big") != data[len(_MAGIC):start]:
        return None
    try:
        return marshal.loads(body)
    except (ValueError, EOFError, TypeError):
        return None


_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# lint-news results cache (https://bford.info/cachedir/)\n"


def finding_state(finding: Finding) -> tuple[Any, ...]:
    """A finding as plain data (``marshal``/``pickle`` it cheaply): the cache's entries and
    what the workers send back (``parallel``)."""
    fix = finding.fix
    fix_data = None if fix is None else (
        fix.message, fix.applicability.value, tuple((e.start, e.end, e.content) for e in fix.edits)
    )
    return (finding.rule, int(finding.severity), finding.message, finding.start, finding.end, fix_data)


_SEVERITIES = {int(s): s for s in Severity}  # dict lookups: calling an Enum costs more per finding
_APPLICABILITIES = {a.value: a for a in Applicability}


def finding_from_state(item: Any) -> Finding:
    """The finding ``finding_state`` gave (a warm run makes tens of thousands: no generator)."""
    rule, severity, message, start, end, fix_data = item
    if fix_data is None:
        return Finding(rule, _SEVERITIES[severity], message, start, end)
    fix_message, applicability, edits = fix_data
    made = (Edit(*edits[0]),) if len(edits) == 1 else tuple([Edit(*edit) for edit in edits])
    fix = Fix.from_sorted(fix_message, made, _APPLICABILITIES[applicability])
    return Finding(rule, _SEVERITIES[severity], message, start, end, fix)


# ----- the stat index ------------------------------------------------------------------------
_INDEX_MAGIC = b"LNI2"
Signature = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


def signature(info: os.stat_result) -> Signature:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


class StatIndex:
    """Which entry holds a file's results, by what ``stat`` says, so an unchanged file is not
    even read (like git's index): absolute path -> (size, mtime, ctime, inode, entry key).

    A file is known only while all four are unchanged. An entry is recorded only for a file
    whose modification and change times are both older than the start of the run that read
    it (``clock``, the file system's own time, taken before any file was read): a change made
    after that moment gives a newer ctime, whatever the timestamp granularity or a reset
    mtime, so it can never go unnoticed (git's "racy clean" rule). A file changed too
    recently is simply read and hashed again next time. One file per cache folder, read
    whole and replaced atomically (a temporary file renamed into place) behind a checksum:
    runs sharing the cache can only lose each other's updates, never corrupt the index, and
    a damaged index counts as empty.
    """

    def __init__(self, cache: Cache) -> None:
        self.cache = cache
        self.path = os.path.join(cache.directory, "index")
        self.entries = self._read()
        self.added: dict[str, tuple[int, int, int, int, str]] = {}
        self.gone: set[str] = set()
        self.asked: set[str] = set()  # every file looked up in this run, absolute
        self._folders: dict[str, str] = {}  # a folder as paths name it -> absolute, with a final "/"
        self.started: int | None = None

    def _read(self) -> dict[str, tuple[int, int, int, int, str]]:
        entries = read_derived(self.path, _INDEX_MAGIC)
        return entries if isinstance(entries, dict) else {}

    def find(self, path: str) -> tuple[str, int] | None:
        """(entry key, size) when ``path`` is unchanged since it was recorded."""
        # os.path.abspath once per folder, not per file (a walk lists a folder's files together)
        head, sep, name = path.rpartition(os.sep)
        folder = self._folders.get(head + sep) if name not in ("", ".", "..") else None
        if folder is None:
            absolute = os.path.abspath(path)
            if name not in ("", ".", ".."):
                folder = os.path.dirname(absolute)
                self._folders[head + sep] = folder if folder.endswith(os.sep) else folder + os.sep
        else:
            absolute = folder + name
        self.asked.add(absolute)
        known = self.entries.get(absolute)
        if known is None:
            return None
        try:
            info = os.stat(path)
        except OSError:
            return None
        if signature(info) != known[:4]:
            return None
        return known[4], info.st_size

    def start(self) -> None:
        """Call before the first file of the run is read (entries need a start time)."""
        if self.started is None:
            self.started = self.cache.clock() or 0

    def record(self, path: str, key: str, read_stat: os.stat_result) -> None:
        """``path``'s content, read after ``start`` with ``read_stat`` its fstat taken just
        before reading, has the entry ``key``. That state, not a later ``stat``, is recorded:
        a change after it was taken makes the file disagree with the index (it is read again),
        even where the file's clock lags the cache folder's."""
        if not self.started:
            return
        known = signature(read_stat)
        if known[1] >= self.started or known[2] >= self.started:
            return  # changed during the run, or too recently to tell: not trusted
        self.added[os.path.abspath(path)] = (*known, key)

    def forget_unlisted(self, folders: Iterable[str]) -> None:
        """After a complete walk of ``folders``, drop the entries of files below them that the
        run never looked up (deleted, renamed or now excluded), so the index does not grow with
        every file a corpus ever had. Only string tests: no ``stat`` of files that are gone."""
        prefixes = tuple(os.path.join(os.path.abspath(folder), "") for folder in folders)
        if prefixes:
            asked = self.asked
            self.gone = {path for path in self.entries if path.startswith(prefixes) and path not in asked}

    def save(self) -> None:
        """Write the new entries (merged with what another run may have written meanwhile)."""
        if not self.added and not self.gone:
            return
        entries = self._read()
        for path in self.gone:
            entries.pop(path, None)
        entries.update(self.added)
        write_derived(self.path, derived_bytes(_INDEX_MAGIC, entries))
        self.entries = entries
        self.added = {}
        self.gone = set()


# ----- the cache's life: kept small, and cleaned on request ----------------------------------
KEEP_NAMESPACES = 4  # configurations/versions kept: the current one and the last used others
DEFAULT_MAX_SIZE = 512 * 1024 * 1024


def max_size() -> int:
    """``LINT_NEWS_CACHE_MAX_SIZE`` (bytes, or with a K, M or G suffix), else 512 MB."""
    value = os.environ.get("LINT_NEWS_CACHE_MAX_SIZE", "").strip().upper()
    if not value:
        return DEFAULT_MAX_SIZE
    scale = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}.get(value[-1:], 1)
    try:
        return max(int(float(value.rstrip("KMGB") or "0") * scale), 0)
    except ValueError:
        return DEFAULT_MAX_SIZE


def _namespaces(root: str) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(root) as listing:
            return [entry for entry in listing
                    if entry.name.startswith("v") and entry.is_dir(follow_symlinks=False)]
    except OSError:
        return []


def touch(cache: Cache) -> None:
    """Mark the current configuration's folder used now (what ``prune`` keeps)."""
    with contextlib.suppress(OSError):
        os.utime(cache.directory)


def prune(cache: Cache, keep: int = KEEP_NAMESPACES) -> list[str]:
    """Remove the folders of other lint-news versions, and of other configurations beyond the
    ``keep`` most recently used (each ``--select`` variant or upgrade made a folder that no
    run read again). Returns the folders removed."""
    current = os.path.basename(cache.directory)
    prefix = f"v{__version__}-"
    others = [entry for entry in _namespaces(cache.root) if entry.name != current]
    stale = [entry for entry in others if not entry.name.startswith(prefix)]
    same = sorted((entry for entry in others if entry.name.startswith(prefix)),
                  key=lambda entry: entry.stat(follow_symlinks=False).st_mtime_ns, reverse=True)
    stale += same[max(keep - 1, 0):]
    for entry in stale:
        shutil.rmtree(entry.path, ignore_errors=True)
    return [entry.path for entry in stale]


def cap(cache: Cache, limit: int | None = None) -> int:
    """Keep the current folder's entries under ``limit`` bytes (``max_size()``), removing the
    oldest written first down to three quarters of it; returns the bytes removed. A removed
    entry is a miss next time, never an error."""
    limit = max_size() if limit is None else limit
    files: list[tuple[int, int, str]] = []
    total = 0
    try:
        with os.scandir(cache.directory) as folders:
            shards = [entry.path for entry in folders if len(entry.name) == 2 and entry.is_dir()]
    except OSError:
        return 0
    for shard in shards:
        try:
            with os.scandir(shard) as listing:
                for entry in listing:
                    info = entry.stat(follow_symlinks=False)
                    files.append((info.st_mtime_ns, info.st_size, entry.path))
                    total += info.st_size
        except OSError:
            continue
    if total <= limit:
        return 0
    removed = 0
    target = total - limit * 3 // 4
    for _, size, path in sorted(files):
        if removed >= target:
            break
        try:
            os.unlink(path)
        except OSError:
            continue
        removed += size
    return removed


def is_cache_folder(path: str) -> bool:
    """A folder lint-news made (its CACHEDIR.TAG says so): the only kind ``clean`` removes."""
    try:
        with open(os.path.join(path, "CACHEDIR.TAG"), encoding="utf-8") as handle:
            return "lint-news" in handle.read(400)
    except (OSError, UnicodeDecodeError):
        return False


def find_caches(start: str, config_root: str) -> list[str]:
    """The cache folders ``lint-news clean`` removes: the one of the project at ``start``
    (``config_root``: its cache folder) and every ``.lint-news-cache`` below ``start``."""
    found: list[str] = []
    if is_cache_folder(config_root):
        found.append(config_root)
    for directory, subdirs, _ in os.walk(start):
        if CACHE_DIR in subdirs:
            candidate = os.path.join(directory, CACHE_DIR)
            if is_cache_folder(candidate) and os.path.realpath(candidate) not in map(os.path.realpath, found):
                found.append(candidate)
        subdirs[:] = [d for d in subdirs if d not in (CACHE_DIR, ".git", "node_modules", ".venv")]
    return found
