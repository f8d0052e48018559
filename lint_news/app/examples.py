"""``check-config`` runs every rule's ``examples``, built-in and user rules alike.

The README promises that examples are run as tests; for user rules nothing did, so a rule
whose ``bad:`` example passes (a pattern that never matches) still got "OK". Each example is
linted by its rule alone, with the options of its own rule file (an example documents the
rule file; a config's ``extend-*`` may rightly widen what a rule reports): a ``bad`` one must be
reported, a ``good`` one must not, and a ``fixed`` pair must fix (unsafe fixes included) to
its ``after`` text. A failure names the rule file, the example's line and the example.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..config import Config
from ..config.model import replace
from ..config.rules import build_rule
from ..core.document import Document
from ..core.errors import display_path
from ..core.rule import Rule
from ..engine.fixer import fix_document
from ..engine.linter import lint_document


@dataclass(frozen=True)
class ExampleFailure:
    rule: str
    source: str
    line: int | None
    kind: str  # bad, good or fixed
    text: str
    problem: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: examples.{self.kind}: {self.problem}: {self.text!r}"


def check_examples(config: Config) -> list[ExampleFailure]:
    """Every failing example of every rule ``config`` knows (``validate_all`` configs)."""
    failures: list[ExampleFailure] = []
    for configured in config.all_rules:
        rule = build_rule(configured.file, configured.severity, [])
        alone = replace(config, rules=(rule,), all_rules=(rule,), per_file_ignores=())
        examples = rule.examples
        source = display_path(rule.source)

        def failed(kind: str, index: int, text: str, problem: str, rule: Rule = rule,
                   source: str = source) -> None:
            line = rule.file.yaml.line_of("examples", kind, index)
            failures.append(ExampleFailure(rule.id, source, line, kind, text, problem))

        def findings(text: str, alone: Config = alone, rule: Rule = rule) -> list[str]:
            doc = Document("<example>", text, structure=alone.structure)
            return [f.rule for f in lint_document(doc, alone) if f.rule == rule.id]

        hint = (" (an example is a whole document: its first line is the title)"
                if rule.scope in ("body", "header") else "")
        for index, text in enumerate(examples.bad):
            if not findings(text):
                failed("bad", index, text, f"{rule.id} does not report this bad example{hint}")
        for index, text in enumerate(examples.good):
            if findings(text):
                failed("good", index, text, f"{rule.id} reports this good example")
        for index, (before, after) in enumerate(examples.fixed):
            doc = Document("<example>", before, structure=alone.structure)
            fixed = fix_document(doc, alone, unsafe=True).document
            got = fixed.text if fixed is not None else before
            if got != after:
                failed("fixed", index, before, f"{rule.id} fixes this to {got!r}, not {after!r}")
    return failures
