"""Path questions answered as pathlib answers them, without importing pathlib for each.

Each runs for every file of a run; they keep pathlib's answers exactly (which error means
"no", how a name is normalised), so paths print the same whichever way they were reached.
"""

from __future__ import annotations

import errno
import os
import re
import stat

# ----- pathlib's answers without importing pathlib (3-4 ms of every run's start-up) ---------
# a name str(pathlib.Path(name)) would rewrite: "//", "/./", a leading "./", a trailing "/" or
# "/.", "" or "."
_UNNORMALISED = re.compile(r"//|/\./|^\./|/\.?\Z|^\.?\Z")
_IGNORED_ERRNOS = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)  # pathlib's


def pathstr(name: str) -> str:
    """``str(pathlib.Path(name))`` (also its ``as_posix()`` here): importing pathlib only for
    a name that needs normalising."""
    if os.sep == "/" and not _UNNORMALISED.search(name):
        return name
    from pathlib import Path

    return Path(name).as_posix() if os.sep == "/" else str(Path(name))


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


def is_dir(name: str) -> bool:
    """``pathlib.Path(name).is_dir()``."""
    info = _stat(name)
    return info is not None and stat.S_ISDIR(info.st_mode)


def is_file(name: str) -> bool:
    """``pathlib.Path(name).is_file()``."""
    info = _stat(name)
    return info is not None and stat.S_ISREG(info.st_mode)
