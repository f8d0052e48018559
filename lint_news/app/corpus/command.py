"""``lint-news corpus PATH…`` (near-duplicate clusters) and ``lint-news report PATH -o FILE``.

These are subcommands rather than a ``--corpus`` flag of the per-file run because they answer a
different question with a different shape: nothing can be reported until the whole corpus has
been seen (the per-file run streams), the answer is clusters of files, not findings at a line,
their options (threshold, shingle size) mean nothing to a per-file run, and their one fix is
deleting whole files, not editing text. A flag would have had to define how each per-file
option (``--diff``, ``--output-format sarif``, baselines, ``--stdin-filename``) combines with it.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import json
import os
import re
import stat
import tempfile
from typing import TYPE_CHECKING, Any, TextIO

from ... import __version__
from ...config import load_config
from ...core.errors import FileProblem
from ..args import _ArgumentParser
from ..output import terminal_safe
from . import dedup as defaults
from .dedup import Deduplicator
from .report import Summary, render
from .scan import read_text, scan

if TYPE_CHECKING:
    from .dedup import Cluster

EXIT_OK, EXIT_FOUND, EXIT_ERROR = 0, 1, 2


def _fraction(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0 < number <= 1:
        raise argparse.ArgumentTypeError("must be above 0 and at most 1")
    return number


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="files or folders (folders: *.txt below them)"
    )
    parser.add_argument("--config", metavar="FILE", help="config file (default: nearest .lint-news.yaml)")
    parser.add_argument("--isolated", action="store_true", help="ignore all config files")
    parser.add_argument(
        "--select",
        type=lambda v: [p for p in v.split(",") if p],
        default=None,
        metavar="RULES",
        help="comma-separated rule ids to run",
    )
    parser.add_argument(
        "--ignore",
        type=lambda v: [p for p in v.split(",") if p],
        default=[],
        metavar="RULES",
        help="comma-separated rule ids to skip",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        default=None,
        metavar="N",
        help="worker processes for linting (default: every core on large runs)",
    )
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the results cache")
    parser.add_argument(
        "--threshold",
        type=_fraction,
        default=defaults.THRESHOLD,
        help="exact similarity (share of the shorter text found in order in the longer) "
        f"from which two files are the same story (default {defaults.THRESHOLD})",
    )
    parser.add_argument(
        "--lsh-threshold",
        type=_fraction,
        default=defaults.LSH_THRESHOLD,
        help="estimated Jaccard similarity of word shingles from which a pair is compared "
        f"exactly (default {defaults.LSH_THRESHOLD}; lower finds more containment, slower)",
    )
    parser.add_argument(
        "--shingle-size",
        type=_positive,
        default=defaults.SHINGLE_SIZE,
        help=f"words per shingle (default {defaults.SHINGLE_SIZE})",
    )
    parser.add_argument(
        "--num-perm",
        type=_positive,
        default=defaults.NUM_PERM,
        help=f"MinHash permutations (default {defaults.NUM_PERM})",
    )
    parser.add_argument(
        "--min-words",
        type=_positive,
        default=defaults.MIN_WORDS,
        help=f"shorter files are never called duplicates (default {defaults.MIN_WORDS})",
    )


def _parser(prog: str, description: str) -> argparse.ArgumentParser:
    return _ArgumentParser(prog=prog, description=description)


def corpus_parser() -> argparse.ArgumentParser:
    parser = _parser(
        "lint-news corpus",
        "Find articles that are the same story (near-duplicates) "
        "across a corpus: MinHash + LSH over word shingles, confirmed exactly.",
    )
    add_common(parser)
    parser.add_argument("--output-format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--fix",
        action="store_true",
        help="with --unsafe-fixes: delete every member of a cluster but the kept one",
    )
    parser.add_argument(
        "--unsafe-fixes", action="store_true", help="allow --fix to delete files (never done without it)"
    )
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even if duplicates are found")
    return parser


def make_dedup(args: argparse.Namespace) -> Deduplicator:
    return Deduplicator(
        read_text,
        threshold=args.threshold,
        lsh_threshold=args.lsh_threshold,
        shingle_size=args.shingle_size,
        num_perm=args.num_perm,
        min_words=args.min_words,
    )


def load(args: argparse.Namespace) -> Any:
    return load_config(args.config, select=args.select, ignore=args.ignore, isolated=args.isolated)


def corpus_command(argv: list[str], out: TextIO, err: TextIO) -> int:
    args = corpus_parser().parse_args(argv)
    if args.fix and not args.unsafe_fixes:
        err.write(
            "lint-news corpus: error: deleting duplicates is an unsafe fix: "
            "add --unsafe-fixes to delete them (nothing was deleted)\n"
        )
        return EXIT_ERROR
    config = load(args)
    dedup = make_dedup(args)
    problems: list[FileProblem] = []
    files = sum(
        1
        for _ in scan(
            args.paths, config, jobs=args.jobs, use_cache=not args.no_cache, dedup=dedup, problems=problems
        )
    )
    clusters = dedup.clusters()
    deleted: list[str] = []
    if args.fix:
        for cluster in clusters:
            for path in cluster.duplicates:
                try:
                    os.remove(path)
                except OSError as exc:
                    problems.append(FileProblem(path, f"could not delete: {exc.strerror}"))
                else:
                    deleted.append(path)
    if args.output_format == "json":
        json.dump(
            {
                "files": files,
                "lsh_candidates": dedup.candidates, "compared_pairs": dedup.compared,
                "options": {
                    "threshold": args.threshold,
                    "lsh_threshold": args.lsh_threshold,
                    "shingle_size": args.shingle_size,
                    "num_perm": args.num_perm,
                    "min_words": args.min_words,
                },
                "clusters": [_described(c, dedup) for c in clusters],
                "deleted": deleted,
            },
            out,
            indent=2,
            ensure_ascii=False,
        )
        out.write("\n")
    else:
        write_clusters(out, clusters, dedup)
        removable = sum(len(c.duplicates) for c in clusters)
        if args.fix:
            out.write(
                f"Deleted {len(deleted)} duplicate file(s) in {len(clusters)} cluster(s) "
                f"({files} files checked).\n"
            )
        elif clusters:
            out.write(
                f"Found {len(clusters)} duplicate cluster(s) in {files} files: {removable} file(s) "
                "would be deleted by --fix --unsafe-fixes.\n"
            )
        else:
            out.write(f"No duplicates among {files} files.\n")
    for problem in problems:
        err.write(f"{problem.path}: error: {problem.message}\n")
    if problems:
        return EXIT_ERROR
    return EXIT_FOUND if clusters and not args.exit_zero and not args.fix else EXIT_OK


def _described(cluster: Cluster, dedup: Deduplicator) -> dict[str, Any]:
    described = cluster.as_dict()
    for member in described["members"]:
        doc = dedup.documents[member["path"]]
        member["date"] = doc.date.isoformat() if doc.date else None
        member["findings"] = doc.findings
        member["words"] = doc.words
    return described


def write_clusters(out: TextIO, clusters: list[Cluster], dedup: Deduplicator) -> None:
    for number, cluster in enumerate(clusters, 1):
        out.write(f"cluster {number}: {len(cluster.members)} files\n")
        for path, score in cluster.members:
            doc = dedup.documents[path]
            mark = "keep" if path == cluster.kept else "dup "
            date = doc.date.isoformat() if doc.date else "no date"
            out.write(f"  {mark} {score:.3f}  {path}  ({date}, {doc.findings} finding(s))\n")


def report_parser() -> argparse.ArgumentParser:
    parser = _parser(
        "lint-news report",
        "Write one self-contained HTML page about a corpus: findings "
        "per rule and source, clean files per source, defects by month, duplicates, worst files.",
    )
    add_common(parser)
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="the HTML file to write")
    parser.add_argument("--title", default="lint-news corpus report", help="the page's title")
    parser.add_argument("--no-duplicates", action="store_true", help="skip the near-duplicate search")
    return parser


def report_command(argv: list[str], out: TextIO, err: TextIO) -> int:
    args = report_parser().parse_args(argv)
    config = load(args)
    dedup = None if args.no_duplicates else make_dedup(args)
    summary = Summary()
    problems: list[FileProblem] = []
    for facts in scan(
        args.paths,
        config,
        jobs=args.jobs,
        use_cache=not args.no_cache,
        dedup=dedup,
        problems=problems,
        details=True,
    ):
        summary.add(facts)
    clusters = dedup.clusters() if dedup is not None else []
    page = render(
        summary,
        clusters,
        dedup,
        title=args.title,
        version=__version__,
        fingerprint=config.fingerprint(),
        paths=args.paths,
    )
    for problem in problems:
        err.write(f"{problem.path}: error: {problem.message}\n")
    try:
        streamed = write_report(args.output, page.encode("utf-8"))
    except OSError as exc:
        err.write(f"lint-news report: error: -o: cannot write {terminal_safe(args.output)}: "
                  f"{terminal_safe(exc.strerror or str(exc))}\n")
        return EXIT_ERROR
    # written through a descriptor (``-o /dev/stdout``), the page may be this stdout: the
    # line saying so must not land in (or, at another offset, over) the page
    said = err if streamed else out
    said.write(f"Wrote {args.output}: {summary.files} files, {len(clusters)} duplicate cluster(s).\n")
    return EXIT_ERROR if problems else EXIT_OK


_DESCRIPTOR_FOLDER = re.compile(r"/proc/[^/]+/fd")


def write_report(path: str, data: bytes) -> bool:
    """Write the report to ``path`` the way the user meant the name; True if it was written
    directly to something already open (a descriptor link such as ``/dev/stdout``).

    A regular file, or a new name, is written whole or not at all: a temporary file beside
    it, renamed over it (an existing file keeps its permission bits), so a reader never sees
    half a page and a failed run leaves the old report. A symbolic link is written through,
    as ``sort -o`` or an editor would: the file it points to is the one replaced (the link
    stays a link); a link that points into a missing folder is refused rather than given
    folders somewhere else. Anything else (a FIFO, a character device such as ``/dev/null``,
    a socket, a terminal, or a descriptor link ``/dev/stdout``, ``/dev/fd/N``,
    ``/proc/self/fd/N``) is not a file to replace but a stream to write to: renaming a
    temporary file over it would destroy a device node or a pipe, or (descriptor links)
    replace the file the shell redirected to while its descriptor kept the old one. These are
    opened as they are (no temporary file, no rename, no creation) and appended to, so a
    ``>>`` log behind ``/dev/stdout`` keeps what it held. Errors are ``OSError``.
    """
    info = _followed_stat(path)
    descriptor = _through_descriptor(path)
    if descriptor or (info is not None and not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode)):
        _write_stream(path, data)
        return descriptor
    if info is not None and stat.S_ISDIR(info.st_mode):  # os.replace would say so less clearly
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), path)
    target = os.path.realpath(path)
    folder = os.path.dirname(target)
    if info is None and os.path.lexists(path):
        # a dangling link: the file it names is created, in a folder that must exist
        if not os.path.isdir(folder):
            raise FileNotFoundError(errno.ENOENT, f"symbolic link to {target}, in a missing folder", path)
    else:
        os.makedirs(folder, exist_ok=True)
    _replace_whole(target, data)
    return False


def _followed_stat(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None


def _through_descriptor(path: str) -> bool:
    """Whether ``path`` reaches its file through a link in ``/proc/<pid>/fd`` (``/dev/stdout``
    and ``/dev/fd/N`` on Linux): a name for something this process has open, not for a file."""
    current = os.path.abspath(path)
    for _ in range(40):  # the kernel's own limit on links followed
        try:
            if not stat.S_ISLNK(os.lstat(current).st_mode):
                return False
            folder = os.path.realpath(os.path.dirname(current))
            if _DESCRIPTOR_FOLDER.fullmatch(folder):
                return True
            current = os.path.join(folder, os.readlink(current))
        except OSError:
            return False
    return False


def _write_stream(path: str, data: bytes) -> None:
    flags = os.O_WRONLY | os.O_APPEND | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    with os.fdopen(os.open(path, flags), "wb") as stream:  # blocks until a FIFO has a reader
        stream.write(data)


def _replace_whole(target: str, data: bytes) -> None:
    folder = os.path.dirname(target)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        mode = 0o666 & ~mask  # a new file's usual mode, not mkstemp's 0600
    handle, temporary = tempfile.mkstemp(prefix=".lint-news-report.", dir=folder)
    try:
        os.chmod(temporary, mode)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
