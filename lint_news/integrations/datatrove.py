"""A datatrove pipeline step: lint-news on every document of a pipeline (``lint-news[datatrove]``).

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from .. import load_config
    from .datatrove import LintNews

    LocalPipelineExecutor(
        pipeline=[
            JsonlReader("corpus/"),
            LintNews(load_config(".lint-news.yaml"), drop_severity="error", fix=True),
            JsonlWriter("linted/"),
        ],
        tasks=16, logging_dir="logs/lint-news",
    ).run()

Each document gets ``metadata["lint_news"]``: its findings (rule, severity, message,
code-point offsets and 1-based line and column into the text as it leaves the step),
the worst severity, and whether fixes were applied. With ``fix=True`` the safe fixes (and
with ``unsafe_fixes=True`` the unsafe ones) are applied to ``doc.text``. With
``drop_severity`` documents that still have a finding at or above that severity are dropped
(or written to ``exclusion_writer``). Per-rule counts go to the step's datatrove stats.

It uses the same public API as everyone else (``lint_text``, ``fix_text``) and the same
frozen, picklable ``Config``, so the rules behave exactly as on the command line; the
configuration (a loaded ``Config``, a config file path, or ``None`` for the built-in rules)
travels to each task with the step. Slurm: see ``docs/datatrove.md``.

Corpus-level parts, where datatrove has them (``docs/datatrove.md``, "Corpus-level parts"):
``near_duplicate_stages`` builds datatrove's four MinHash deduplication stages with lint-news's
words and shingle size (the near-duplicates of ``lint-news corpus``, at cluster scale), and
``LintNewsStats`` writes per-rule and per-source counts in the layout of datatrove's stats
blocks, which its ``StatsMerger`` merges.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

try:
    from datatrove.pipeline.base import PipelineStep
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "the datatrove step needs datatrove: pip install 'lint-news[datatrove]'"
    ) from exc

from ..config import Config, load_config
from ..core.lazy import lazy_module
from ..core.model import Applicability, Finding, Severity
from ..engine.runner import fix_text, lint_text
from ..text.sources import domain, source_line_domain
from ..text.words import words

if TYPE_CHECKING:
    from datatrove import data as datatrove_data
    from datatrove import io as datatrove_io
    from datatrove.data import Document, DocumentsPipeline
    from datatrove.pipeline.dedup import minhash
    from datatrove.pipeline.writers.disk_base import DiskWriter
    from datatrove.utils import hashing, word_tokenizers
    from datatrove.utils import stats as datatrove_stats
else:  # the parts of datatrove that only some steps use (the MinHash stages need tokenizers)
    datatrove_data = lazy_module("datatrove.data")
    datatrove_io = lazy_module("datatrove.io")
    minhash = lazy_module("datatrove.pipeline.dedup.minhash")
    hashing = lazy_module("datatrove.utils.hashing")
    word_tokenizers = lazy_module("datatrove.utils.word_tokenizers")
    datatrove_stats = lazy_module("datatrove.utils.stats")

METADATA_KEY = "lint_news"


class LintNews(PipelineStep):  # type: ignore[misc]
    """Lint (and optionally fix or filter) each document with lint-news."""

    name = "📰 lint-news"
    type = "🔍 - LINT"

    def __init__(
        self,
        config: Config | str | None = None,
        *,
        fix: bool = False,
        unsafe_fixes: bool = False,
        drop_severity: str | None = None,
        exclusion_writer: DiskWriter | None = None,
        metadata_key: str = METADATA_KEY,
        max_findings: int = 100,
    ) -> None:
        super().__init__()
        # a loaded Config travels inside a small box: datatrove writes each step's attributes
        # to executor.json, and the box shows there as one line instead of every rule
        self.config_source: _ConfigBox | str | None = (
            config if config is None or isinstance(config, str) else _ConfigBox(config)
        )
        self.fix = fix
        self.unsafe_fixes = unsafe_fixes
        self.drop_at = None if drop_severity is None else Severity.parse(drop_severity)
        self.exclusion_writer = exclusion_writer
        self.metadata_key = metadata_key
        self.max_findings = max_findings
        self._config: Config | None = None

    # the loaded configuration is rebuilt in each task from what was given, never shipped
    # half-initialised; a Config given directly is pickled with the step (it is frozen data)
    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_config"] = None
        return state

    @property
    def config(self) -> Config:
        if self._config is None:
            source = self.config_source
            if isinstance(source, _ConfigBox):
                self._config = source.config
            elif source is None:
                self._config = load_config(isolated=True)
            else:
                self._config = load_config(source)
        return self._config

    def process(self, doc: Document) -> bool:
        """Annotate ``doc`` (and fix it if asked); False if it is to be dropped."""
        config = self.config
        findings = lint_text(doc.text, config, path=str(doc.id))
        fixed_here = False
        if self.fix and any(_allowed(f, self.unsafe_fixes) for f in findings):
            fixed = fix_text(doc.text, config, unsafe=self.unsafe_fixes)
            if fixed != doc.text:
                fixed_here = True
                doc.text = fixed
                findings = lint_text(fixed, config, path=str(doc.id))
                self.stat_update("fixed_documents")
        worst = max((f.severity for f in findings), default=None)
        doc.metadata[self.metadata_key] = {
            "findings": _describe(doc.text, findings[: self.max_findings]),
            "finding_count": len(findings),
            "rule_counts": dict(Counter(f.rule for f in findings)),
            "max_severity": None if worst is None else worst.label,
            "fixed": fixed_here,
        }
        for finding in findings:
            self.stat_update(f"rule_{finding.rule}")
        if findings:
            self.stat_update("documents_with_findings")
        return not (self.drop_at is not None and worst is not None and worst >= self.drop_at)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        writer_context = self.exclusion_writer if self.exclusion_writer else contextlib.nullcontext()
        with writer_context as writer:
            for doc in data:
                self.stat_update("total")
                with self.track_time():
                    keep = self.process(doc)
                if keep:
                    self.stat_update("forwarded")
                    yield doc
                else:
                    self.stat_update("dropped")
                    if writer is not None:
                        writer.write(doc, rank)


class _ConfigBox:
    """Holds a loaded ``Config`` (pickled with the step); prints as one line."""

    __slots__ = ("config",)

    def __init__(self, config: Config) -> None:
        self.config = config

    def __getstate__(self) -> Config:
        return self.config

    def __setstate__(self, state: Config) -> None:
        self.config = state

    def __str__(self) -> str:
        return f"lint-news config {self.config.path or '(built-in rules)'} [{self.config.fingerprint()[:12]}]"

    __repr__ = __str__


def _allowed(finding: Finding, unsafe: bool) -> bool:
    fix = finding.fix
    return fix is not None and (unsafe or fix.applicability is Applicability.SAFE)


def _describe(text: str, findings: list[Finding]) -> list[dict[str, Any]]:
    """Plain, JSON-ready findings with 1-based line and column (one pass over the text)."""
    described = []
    line, line_start, scanned = 1, 0, 0
    for finding in sorted(findings, key=lambda f: f.start):
        newlines = text.count("\n", scanned, finding.start)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", scanned, finding.start) + 1
        scanned = finding.start
        described.append({
            "rule": finding.rule,
            "severity": finding.severity.label,
            "message": finding.message,
            "start": finding.start,
            "end": finding.end,
            "line": line,
            "column": finding.start - line_start + 1,
            "fix": None if finding.fix is None else finding.fix.applicability.value,
        })
    return described


def documents(items: Iterator[tuple[str, str]]) -> Iterator[Document]:
    """``(id, text)`` pairs as datatrove documents (handy for tests and small jobs)."""
    for identifier, text in items:
        yield datatrove_data.Document(text=text, id=identifier)


# ----- corpus-level parts ------------------------------------------------------------------------
def _minhash_classes() -> tuple[Any, ...]:
    class Words(word_tokenizers.WordTokenizer):  # type: ignore[misc]
        """lint-news's words (case-folded ``\\w+``, any script, Vietnamese included) in place of
        datatrove's language-specific tokenizers (spaCy for most languages): the same shingles
        as ``lint-news corpus``."""

        def word_tokenize(self, text: str) -> list[str]:
            return words(text)

        def sent_tokenize(self, text: str) -> list[str]:
            return [line for line in text.splitlines() if line.strip()]

        def span_tokenize(self, text: str) -> list[tuple[int, int]]:
            return [match.span() for match in re.finditer(r"\w+", text)]

    class LintNewsMinhashSignature(minhash.MinhashDedupSignature):  # type: ignore[misc]
        """datatrove's stage 1 with lint-news's words."""

        def __init__(self, output_folder: Any, config: Any = None, **kwargs: Any) -> None:
            kwargs.setdefault("language", Words())
            super().__init__(output_folder, config=config, **kwargs)

    return (minhash.MinhashConfig, LintNewsMinhashSignature, minhash.MinhashDedupBuckets,
            minhash.MinhashDedupCluster, minhash.MinhashDedupFilter)


def minhash_config(shingle_size: int = 5, num_buckets: int = 14, hashes_per_bucket: int = 8) -> Any:
    """datatrove's ``MinhashConfig`` with lint-news's shingle size (5 words) and a hash that needs
    no extra package (SHA-1; datatrove's default, xxhash, is in its "processing" extra).
    datatrove's defaults (14 buckets of 8 hashes) find pairs from an estimated Jaccard of about
    0.72 (50 % chance); fewer hashes per bucket reach lower, at the cost of more pairs."""
    config_class = _minhash_classes()[0]
    return config_class(n_grams=shingle_size, num_buckets=num_buckets, hashes_per_bucket=hashes_per_bucket,
                        hash_config=hashing.HashConfig(precision=64, hash_fc="sha1"))


def near_duplicate_stages(reader: Any, work_folder: str, writer: Any, *, exclusion_writer: Any = None,
                          config: Any = None) -> list[list[Any]]:
    """The four pipelines of datatrove's MinHash deduplication, to run in order, each with its own
    executor (``docs/datatrove.md``): signatures (``tasks=N``, one per input shard), buckets
    (``tasks=config.num_buckets``), clusters (``tasks=1``), then the filter (``tasks=N``), which
    passes one document per cluster to ``writer`` and the others to ``exclusion_writer``.

    ``reader`` is read twice (stages 1 and 4); each document's ``metadata["minhash_cluster_id"]``
    names its cluster. datatrove keeps one document per cluster by its own rule (the first of the
    cluster); ``lint-news corpus`` keeps the earliest, then cleanest, and confirms each pair
    exactly, which datatrove does not.
    """
    config = config or minhash_config()
    _, signature, buckets, cluster, dedup_filter = _minhash_classes()
    return [
        [reader, signature(f"{work_folder}/signatures", config=config)],
        [buckets(f"{work_folder}/signatures", f"{work_folder}/buckets", config=config)],
        [cluster(f"{work_folder}/buckets", f"{work_folder}/remove_ids", config=config, save_cluster_id=True)],
        [reader, dedup_filter(f"{work_folder}/remove_ids", exclusion_writer=exclusion_writer,
                              load_cluster_ids=True), writer],
    ]


class LintNewsStats(PipelineStep):  # type: ignore[misc]
    """Counts by rule and by source, written like datatrove's stats blocks
    (``{output_folder}/{group}/{stat}/{rank:05d}.json`` of ``MetricStatsDict``), so datatrove's
    ``StatsMerger`` merges the tasks' files into ``metric.json``.

    Groups: ``summary`` (the whole corpus) and ``source``: ``metadata["source"]`` if the reader
    set it, else the domain of ``metadata["url"]``, else the domain of a source/URL line in the
    text (``lint-news --statistics --by-source``'s reading), else ``(unknown)``. Stats per
    document: ``documents``, ``clean_documents``, ``findings`` and ``rule_<id>`` for each rule
    found, read from the ``LintNews`` step's metadata (placed before this one), or linted here
    when it is absent.
    """

    name = "📰 lint-news stats"
    type = "📊 - STATS"

    def __init__(self, output_folder: Any, config: Config | str | None = None,
                 metadata_key: str = METADATA_KEY) -> None:
        super().__init__()
        self.output_folder = datatrove_io.get_datafolder(output_folder)
        self.metadata_key = metadata_key
        self.linter = LintNews(config, metadata_key=metadata_key)

    def source(self, doc: Document) -> str:
        metadata = doc.metadata
        if metadata.get("source"):
            return str(metadata["source"])
        if metadata.get("url"):
            found = domain(str(metadata["url"]))
            if found:
                return found
        return source_line_domain(doc.text[:4096]) or "(unknown)"

    def extract_stats(self, doc: Document) -> dict[str, int]:
        described = doc.metadata.get(self.metadata_key)
        if not isinstance(described, dict) or "rule_counts" not in described:
            self.linter.process(doc)
            described = doc.metadata[self.metadata_key]
        counts: dict[str, int] = described["rule_counts"]
        stats = {"documents": 1, "clean_documents": int(not counts), "findings": sum(counts.values())}
        stats.update({f"rule_{rule}": n for rule, n in counts.items()})
        return stats

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        groups: dict[str, dict[str, Any]] = {"summary": defaultdict(datatrove_stats.MetricStatsDict),
                                             "source": defaultdict(datatrove_stats.MetricStatsDict)}
        for doc in data:
            with self.track_time():
                stats = self.extract_stats(doc)
                source = self.source(doc)
                for name, value in stats.items():
                    groups["summary"][name]["summary"] += value
                    groups["source"][name][source] += value
            yield doc
        for group, by_stat in groups.items():
            for name, values in by_stat.items():
                with self.output_folder.open(f"{group}/{name}/{rank:05d}.json", "wt") as handle:
                    json.dump(values.to_dict(), handle)


def merged_stats(folder: str) -> dict[str, dict[str, dict[str, float]]]:
    """``{group: {stat: {key: total}}}`` from the per-task files ``LintNewsStats`` wrote, added up
    as datatrove's ``StatsMerger`` does (that step imports all of datatrove's stats blocks, whose
    tokenizer needs the ``tokenizers`` package; this needs nothing more)."""
    merged: dict[str, dict[str, dict[str, float]]] = {}
    for group in sorted(os.listdir(folder)):
        for name in sorted(os.listdir(os.path.join(folder, group))):
            total = datatrove_stats.MetricStatsDict()
            for path in sorted(glob.glob(os.path.join(folder, group, name, "[0-9]" * 5 + ".json"))):
                with open(path, encoding="utf-8") as handle:
                    for key, item in json.load(handle).items():
                        total[key] += datatrove_stats.MetricStats.from_dict(item)
            merged.setdefault(group, {})[name] = {key: stats.total for key, stats in total.items()}
    return merged
