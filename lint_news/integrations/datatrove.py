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
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

try:
    from datatrove.pipeline.base import PipelineStep
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "the datatrove step needs datatrove: pip install 'lint-news[datatrove]'"
    ) from exc

from ..core.model import Applicability, Finding, Severity

if TYPE_CHECKING:
    from datatrove.data import Document, DocumentsPipeline
    from datatrove.pipeline.writers.disk_base import DiskWriter

    from ..config import Config

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
            from ..config import load_config

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
        from ..engine.runner import fix_text, lint_text

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
            "max_severity": None if worst is None else worst.label,
            "fixed": fixed_here,
        }
        for finding in findings:
            self.stat_update(f"rule_{finding.rule}")
        if findings:
            self.stat_update("documents_with_findings")
        return not (self.drop_at is not None and worst is not None and worst >= self.drop_at)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        import contextlib

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
    from datatrove.data import Document

    for identifier, text in items:
        yield Document(text=text, id=identifier)
