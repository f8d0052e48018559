"""datatrove's four standard quality filters over a folder of ``.txt`` files, for the benchmark.

    python benchmarks/datatrove_filters.py FOLDER --filters gopher-repetition,c4 --report out.json

Run as its own process by ``benchmarks/run.py``, which times the whole process (interpreter,
imports, reading and decoding, filtering) exactly as it times a lint-news run, so the MB/s of
the two are comparable. The filters are chained as in a datatrove pipeline: a document one
filter drops is not seen by the next (so "all four" costs less than the four alone added up).
Each filter keeps its default settings, English included (datatrove's default language):
that is how a corpus builder who adds these filters to a pipeline runs them.

datatrove tokenizes English words with spaCy's blank English pipeline (no model download, but
the ``spacy`` package must be installed); a filter whose tokenizer or data cannot be loaded
here is reported with the reason instead of timed (``--report``: kept counts per filter, or
the error), and the exit status is 0 either way.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

FILTERS = {
    "gopher-repetition": "GopherRepetitionFilter",
    "gopher-quality": "GopherQualityFilter",
    "c4": "C4QualityFilter",
    "fineweb": "FineWebQualityFilter",
}

# Distinct lines, each a sentence that ends in a full stop, so that no filter drops the probe
# before it reaches its word tokenizer (where a missing dependency shows).
_PROBE = "\n".join((
    "The river authority said on Tuesday that the new bridge would open to traffic in the spring.",
    "Engineers had spent most of the winter testing the steel cables under heavy loads.",
    "Local shop owners welcomed the news, saying that the detour had cost them many customers.",
    "The city council will discuss the final budget for the project at its meeting next month.",
    "A spokesman for the builder declined to comment on the reasons for the earlier delays.",
    "Residents of both banks have been asked to share their views in an online survey.",
))


def read_documents(folder: Path, limit: int | None) -> tuple[list[Any], int]:
    from datatrove.data import Document

    docs, size = [], 0
    paths = sorted(str(p) for p in folder.rglob("*.txt"))
    for number, path in enumerate(paths[:limit] if limit else paths):
        with open(path, "rb") as handle:
            data = handle.read()
        size += len(data)
        docs.append(Document(text=data.decode("utf-8", "replace"), id=str(number)))
    return docs, size


def build(names: list[str]) -> tuple[list[Any], dict[str, str]]:
    """The filters that run here, and for the others the reason they cannot (probed on a small
    invented text, so a missing tokenizer or data file shows before any timing)."""
    from datatrove.data import Document
    from datatrove.pipeline import filters

    ready, errors = [], {}
    for name in names:
        try:
            step = getattr(filters, FILTERS[name])()
            list(step.run(iter([Document(text=_PROBE, id="probe")])))
        except Exception as error:  # any failure to load is reported, not raised
            errors[name] = f"{type(error).__name__}: {str(error).strip().splitlines()[0][:300]}"
        else:
            ready.append(step)
    return ready, errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--filters", default=",".join(FILTERS),
                        help=f"comma-separated, chained in this order (default: {','.join(FILTERS)})")
    parser.add_argument("--limit", type=int, default=None, help="only the first N files (smoke runs)")
    parser.add_argument("--report", type=Path, required=True)
    args = parser.parse_args(argv)
    names = [name.strip() for name in args.filters.split(",") if name.strip()]
    unknown = [name for name in names if name not in FILTERS]
    if unknown:
        parser.error(f"unknown filter {unknown[0]!r}; choose from {', '.join(FILTERS)}")
    report: dict[str, Any] = {"filters": names}
    try:
        import datatrove
    except ImportError as error:
        report["error"] = f"datatrove is not installed ({error}): pip install -e '.[datatrove]'"
        args.report.write_text(json.dumps(report) + "\n", encoding="utf-8")
        return 0
    os.environ.setdefault("LOGURU_LEVEL", "WARNING")
    from loguru import logger

    logger.remove()  # datatrove logs every step's statistics to stderr
    report["datatrove"] = getattr(datatrove, "__version__", None) or _version()
    steps, errors = build(names)
    report["errors"] = errors
    started = time.perf_counter()
    cpu = time.process_time()
    docs, size = read_documents(args.folder, args.limit)
    stream: Any = iter(docs)
    for step in steps:
        stream = step.run(stream)
    try:
        kept = sum(1 for _ in stream)
    except Exception as error:  # a failure the probe did not show: reported, not timed
        report["error"] = f"a filter failed on the corpus: {type(error).__name__}: {error}"[:500]
        args.report.write_text(json.dumps(report) + "\n", encoding="utf-8")
        return 0
    report.update({"ran": [n for n in names if n not in errors], "documents": len(docs), "bytes": size,
                   "kept": kept, "in_process_seconds": time.perf_counter() - started,
                   "in_process_cpu_seconds": time.process_time() - cpu})
    args.report.write_text(json.dumps(report) + "\n", encoding="utf-8")
    return 0


def _version() -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("datatrove")
    except PackageNotFoundError:
        return None


if __name__ == "__main__":
    sys.exit(main())
