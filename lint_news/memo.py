"""Derived data remembered between runs: parsed YAML, and word lists in a faster form.

A one-file run (pre-commit) pays for work that gives the same answer every time: PyYAML
parsing the rule files, gunzipping and unpacking wordfreq's lists. The CLI points this module
at the results cache folder; each value is stored under ``<cache>/<kind>/<key>`` in the
format of every file lint-news can make again (``files.derived_bytes``: a magic number, a
CRC-32, ``marshal`` data), written atomically (``files.write_derived``). A missing, foreign
or damaged file is a miss, never an error, and any file may be deleted at any time. Nothing
is remembered with ``--no-cache`` or through the library API: then ``folder()`` is None and
callers compute as usual.
"""

from __future__ import annotations

import os
from typing import Any

try:
    from _blake2 import blake2b  # hashlib itself would also load OpenSSL: 2 ms of start-up
except ImportError:  # pragma: no cover - other Python implementations
    from hashlib import blake2b

from .files import derived_bytes, read_derived, write_derived

_ROOT: str | None = None
_MAGIC = b"LNM2"  # 2: the derived-file format of files.py (CRC-32)


def use(root: str | os.PathLike[str] | None) -> None:
    """Remember derived data below ``root`` (a results cache folder); None: stop."""
    global _ROOT
    _ROOT = None if root is None else os.fspath(root)


def folder(kind: str) -> str | None:
    """Where values of ``kind`` ("yaml", "words") live, or None when nothing is remembered."""
    return None if _ROOT is None else os.path.join(_ROOT, kind)


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
