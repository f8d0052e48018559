"""The subcommands besides linting: ``lint-news rule NAME`` (a rule's documentation),
``check-config`` (the configuration, every rule file and every rule's examples), ``clean``
(the results cache) and ``--list-rules``.
"""

from __future__ import annotations

import io
import os
from typing import TYPE_CHECKING, TextIO

from ..config import Config, load_config
from ..config.discovery import find_config
from ..core.errors import did_you_mean, display_path
from ..core.lazy import lazy_module
from ..core.memo import cache_folder
from ..core.options import _plain, field_names
from ..core.rule import Rule, summary
from .args import EXIT_ERROR, EXIT_OK, _ArgumentParser
from .output import terminal_safe

if TYPE_CHECKING:
    import shutil

    import yaml

    from . import cache
    from . import examples as rule_examples
else:  # 'clean' and 'check-config' only (a run with --no-cache never loads the cache)
    shutil = lazy_module("shutil")
    yaml = lazy_module("yaml")  # 'rule NAME' only: a lint run whose rules are remembered never loads it
    cache = lazy_module("lint_news.app.cache")
    rule_examples = lazy_module("lint_news.app.examples")


def _list_rules(config: Config, out: TextIO) -> int:
    enabled = {rule.id: rule for rule in config.rules}
    for rule in config.rule_files:
        state = enabled[rule.id].severity.label if rule.id in enabled else "off"
        first = summary(rule.description)
        out.write(f"{rule.id:<18} {rule.kind:<16} {state:<8} {first}\n")
    return EXIT_OK


def _rule_command(argv: list[str], out: TextIO, err: TextIO) -> int:
    parser = _ArgumentParser(prog="lint-news rule", description="Explain a rule.")
    parser.add_argument("name", help="the rule id")
    parser.add_argument("--config", metavar="FILE")
    args = parser.parse_args(argv)
    config = load_config(args.config, validate_all=True)
    rule = config.rule(args.name)
    if rule is None:
        hint = did_you_mean(args.name, config.known_rules)
        err.write(f"lint-news: error: unknown rule {args.name!r}{hint}\n")
        return EXIT_ERROR
    out.write(render_rule(rule))
    return EXIT_OK


def render_rule(rule: object) -> str:
    """A rule's documentation, as ``lint-news rule NAME`` prints it (Markdown)."""
    assert isinstance(rule, Rule)
    buffer = io.StringIO()
    buffer.write(f"# {rule.id}\n\n")
    buffer.write(f"Kind: `{rule.kind}` · severity: {rule.severity.label} · scope: {rule.scope}"
                 f" · {'built-in' if rule.builtin else 'user rule: ' + rule.source}\n\n")
    docs = rule.docs
    if docs.what:  # ruff's sections
        for heading, text in (("What it does", docs.what), ("Why is this bad?", docs.why),
                              ("Example", docs.example), ("Fix safety", docs.fix_safety)):
            if text:
                buffer.write(f"## {heading}\n\n{text.strip()}\n\n")
    else:
        buffer.write(rule.description.strip() + "\n\n")
    names = field_names(type(rule.options))
    if names:
        values = {key: _plain(getattr(rule.options, field)) for key, field in names.items()}
        buffer.write("## Options (current values)\n\n```yaml\n")
        rendered = yaml.safe_dump(values, allow_unicode=True, sort_keys=False, width=100)
        lines = rendered.splitlines()
        if len(lines) > 60:
            lines = [*lines[:60], f"# … {len(lines) - 60} more lines: see {os.path.basename(rule.source)}"]
        buffer.write("\n".join(lines) + "\n```\n\n")
    examples = rule.examples
    if examples.bad or examples.good:
        buffer.write("## Examples\n\n")
        for text in examples.bad:
            buffer.write(f"- reported: `{text}`\n")
        for text in examples.good:
            buffer.write(f"- not reported: `{text}`\n")
        for before, after in examples.fixed:
            buffer.write(f"- fixed: `{before}` → `{after}`\n")
    return buffer.getvalue()


def _clean_command(argv: list[str], out: TextIO, err: TextIO) -> int:
    parser = _ArgumentParser(prog="lint-news clean",
                             description="Remove the results cache of this project and every "
                             ".lint-news-cache folder below the working folder (as 'ruff clean').")
    parser.add_argument("--config", metavar="FILE")
    args = parser.parse_args(argv)
    config_file = args.config or find_config(os.getcwd())
    folders = cache.find_caches(".", cache_folder(config_file))
    for folder in folders:
        out.write(f"Removing cache at: {terminal_safe(display_path(folder))}\n")
        shutil.rmtree(folder, ignore_errors=True)
    if not folders:
        out.write("No cache to remove.\n")
    return EXIT_OK


def _server_arguments(argv: list[str]) -> None:
    """``lint-news server``'s options, read before the server starts: ``--help`` prints them,
    and anything unknown is a usage error (exit 2) instead of being ignored by a server that
    then waits on stdin. ``--stdio`` is the only transport; editors' clients pass it."""
    parser = _ArgumentParser(prog="lint-news server",
                             description="A language server (LSP over stdin and stdout) for editors: "
                             "findings of .txt seeds as they are opened, edited and saved, and "
                             "their fixes as code actions. Needs the 'lsp' extra.")
    parser.add_argument("--stdio", action="store_true", help="talk over stdin and stdout (the default "
                        "and only transport)")
    parser.parse_args(argv)


def _check_config_command(argv: list[str], out: TextIO, err: TextIO) -> int:
    parser = _ArgumentParser(prog="lint-news check-config", description="Validate the configuration.")
    parser.add_argument("--config", metavar="FILE")
    args = parser.parse_args(argv)
    config = load_config(args.config, validate_all=True)
    failures = rule_examples.check_examples(config)
    for failure in failures:
        err.write(f"lint-news: error: {terminal_safe(str(failure))}\n")
    if failures:
        return EXIT_ERROR
    where = display_path(config.path) if config.path else "built-in defaults"
    examples = sum(len(r.examples.bad) + len(r.examples.good) + len(r.examples.fixed)
                   for r in config.all_rules)
    out.write(f"{where}: OK ({len(config.rules)} of {len(config.known_rules)} rules enabled, "
              f"{examples} examples pass)\n")
    return EXIT_OK
