"""Check kinds: the Python logic that rule files (pure data) point to with ``kind:``.

The registry (``lint_news.config.registry``) maps a kind's name to its module. Kinds import
``lint_news.core`` and ``lint_news.text`` only, never each other.

A kind module provides:

- ``Options``: a frozen dataclass of the kind's options with defaults;
- ``check(doc, rule) -> Iterable[Finding]``: never prints, never mutates ``doc`` or ``rule``;
- optionally ``HANDLES_UNDECODABLE = True`` (runs on files that are not valid UTF-8) and
  ``HANDLES_BINARY = True`` (runs on binary files, which have no text);
- optionally ``validate(rule)`` raising ValueError for problems the option types cannot express.
"""
