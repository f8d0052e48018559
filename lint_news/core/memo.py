"""Derived data remembered between runs: parsed YAML, and word lists in a faster form.

A one-file run (pre-commit) pays for work that gives the same answer every time: PyYAML
parsing the rule files, gunzipping and unpacking wordfreq's lists, building a dict of the
long one. The CLI points this module (the run context's ``derived``) at the project's cache
folder, or, without the results cache, at ``derived_root()`` in the user's; each value is
stored under ``<folder>/<kind>/<key>`` in the format of every file lint-news can make again
(``derived_bytes``: a magic number, a CRC-32, ``marshal`` data), written atomically
(``write_derived``). A missing, foreign or damaged file is a miss, never an error, and any
file may be deleted at any time.

Derived data and the results cache are separate things with separate switches: ``--no-cache``
(``LINT_NEWS_NO_CACHE``) neither reads nor writes results, and leaves derived data on, since
it never changes what a run finds; ``LINT_NEWS_NO_DERIVED_CACHE=1`` turns derived data off
(nothing read or written: every run parses and unpacks, as the library API always does,
where ``folder()`` is None and callers compute as usual).
"""

from __future__ import annotations

import contextlib
import marshal
import os
import zlib
from typing import TYPE_CHECKING, Any

from . import context
from .lazy import lazy_module

try:  # hashlib's own blake2b, without importing hashlib (it loads OpenSSL: ~3 ms of start-up)
    from _blake2 import blake2b as blake2b  # re-exported (config.model)
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b as blake2b

if TYPE_CHECKING:
    import platformdirs
else:
    platformdirs = lazy_module("platformdirs")  # runs outside any project, or without a cache

_MAGIC = b"LNM2"  # 2: the derived-file format of files.py (CRC-32)


NO_DERIVED_ENV = "LINT_NEWS_NO_DERIVED_CACHE"


def remembering() -> bool:
    """Whether a CLI run remembers derived data: unless ``LINT_NEWS_NO_DERIVED_CACHE`` is set
    (to anything but "" or "0"); ``--no-cache`` does not change it."""
    return os.environ.get(NO_DERIVED_ENV, "") in ("", "0")


def derived_root() -> str:
    """Where a run without the results cache (``--no-cache``) keeps derived data: the cache
    folder ``LINT_NEWS_CACHE_DIR`` names, else one folder in the user's cache folder shared by
    every project (the data is keyed by its sources), never the project's own. (Asked once
    per file of a run: remembered for the environment it was computed in.)"""
    environment = (os.environ.get("LINT_NEWS_CACHE_DIR"), os.environ.get("XDG_CACHE_HOME"),
                   os.environ.get("HOME"), os.environ.get("LOCALAPPDATA"))
    known = _ROOTS.get(environment)
    if known is None:
        known = _ROOTS[environment] = environment[0] or os.path.join(
            platformdirs.user_cache_dir("lint-news", appauthor=False), "derived")
    return known


_ROOTS: dict[tuple[str | None, ...], str] = {}


def folder(kind: str) -> str | None:
    """Where values of ``kind`` ("yaml", "words") live, or None when nothing is remembered
    (the run context's ``derived`` folder; none when switched off: ``remembering``)."""
    root = context.current().derived
    return None if root is None or not remembering() else os.path.join(root, kind)


def source_salt(path: str) -> bytes:
    """Size and modification time of ``path`` (a module, a data file), for keys: an edited
    or upgraded source never reads what an older one left."""
    try:
        info = os.stat(path)
    except OSError:
        return b"?"
    return f"{info.st_size}:{info.st_mtime_ns}".encode()


def key(*parts: bytes) -> str:
    return blake2b(b"\0".join(parts), digest_size=16, person=b"lint-news-memo").hexdigest()


def read(path: str) -> Any | None:
    """The value stored at ``path``, or None (absent, foreign, truncated or damaged)."""
    return read_derived(path, _MAGIC)


def write(path: str, value: Any) -> None:
    """Store ``value`` at ``path``; best effort (a value marshal cannot hold, or a folder that
    cannot be written, is simply not remembered)."""
    try:
        data = derived_bytes(_MAGIC, value)
    except ValueError:
        return
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
    except OSError:
        return
    write_derived(path, data)


CACHE_DIR = ".lint-news-cache"


def cache_folder(config_file: str | None, cwd: str | None = None) -> str:
    """Where the results cache (and the memo in it) lives: ``LINT_NEWS_CACHE_DIR`` when set,
    else at the project root: beside the config file (``config_file`` may name a
    ``[tool.lint-news]`` table: "pyproject.toml [tool...]"), else at the top of the git work
    tree, else (no project: a scratch folder, /tmp) in the user's cache folder, one folder
    per working folder, so that lint-news never litters wherever it happens to run."""
    chosen = os.environ.get("LINT_NEWS_CACHE_DIR")
    if chosen:
        return chosen
    if config_file is not None:
        return os.path.join(os.path.dirname(os.path.realpath(config_file.split(" [tool.")[0])), CACHE_DIR)
    start = os.path.realpath(cwd or os.getcwd())
    top = git_top(start)
    if top is not None:
        return os.path.join(top, CACHE_DIR)
    folder = key(start.encode("utf-8", "surrogateescape"))
    return os.path.join(platformdirs.user_cache_dir("lint-news", appauthor=False), folder)


def git_top(directory: str) -> str | None:
    """The top of the git work tree holding ``directory`` (a folder with ``.git``), or None."""
    current = directory
    while True:
        if os.path.exists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


# ----- files lint-news can make again: the cache entries, the stat index, the memo ----------
# One format for all: a magic number, a CRC-32 of the body, and the body as ``marshal`` data
# (plain data, never ``pickle``: a cache folder is not trusted to run code). The CRC catches a
# truncated or damaged file before ``marshal`` reads it; it is not a cryptographic hash, and
# need not be: nobody who can write the cache folder is kept out by a keyless hash either,
# and over the entries of a warm run CRC-32 costs a quarter of BLAKE2b.
_CRC = 4  # bytes


def derived_bytes(magic: bytes, value: Any) -> bytes:
    """``value`` in the derived-file format, behind ``magic``; ValueError when ``marshal``
    cannot hold it."""
    body = marshal.dumps(value)
    return magic + zlib.crc32(body).to_bytes(_CRC, "big") + body


def read_derived(path: str, magic: bytes) -> Any | None:
    """The value a file in the derived-file format holds, or None when it is absent, has
    another magic (another format or version), or is truncated or damaged."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    start = len(magic) + _CRC
    if len(data) < start or not data.startswith(magic):
        return None
    body = data[start:]
    if zlib.crc32(body).to_bytes(_CRC, "big") != data[len(magic):start]:
        return None
    try:
        return marshal.loads(body)
    except (ValueError, EOFError, TypeError):
        return None


def write_derived(path: str, data: bytes) -> bool:
    """Write a file lint-news can always make again (a cache entry, the stat index, the YAML
    memo): a temporary file renamed into place, so a reader sees the old content or the new,
    never part of it. Best effort: False when it cannot be written (nothing is left behind);
    an interrupt removes the temporary file and goes on. Seed files go through ``write_atomic``.
    """
    temp = f"{path}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    try:
        with open(temp, "xb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if not isinstance(exc, OSError):
            raise
        return False
    return True
