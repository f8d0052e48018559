"""``lint-news server``: a language server (LSP over stdio) for editors, as ``ruff server``.

On open, change and save of a ``.txt`` seed it publishes the same findings the command line
reports (the nearest config above the file, its per-file ignores and excludes), and offers
each fix as a code action (safe fixes preferred), plus "fix all" (the safe fixes, to a
fixed point, as ``--fix``). Needs the ``lsp`` extra (pygls).

Positions: findings count code points; LSP counts UTF-16 code units by default, so columns
are converted (an emoji or a character outside the BMP takes two).
"""

from __future__ import annotations

import bisect
import os
import sys
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..config import Config, load_config
from ..config.discovery import find_config
from ..config.model import replace
from ..core.document import Document
from ..core.lazy import lazy_module
from ..core.model import Applicability, Finding, Severity
from ..engine.fixer import fix_document
from ..engine.linter import lint_document

# The ``lsp`` extra: imported on first use, so that without it ``serve`` can say what to
# install (``build_server``'s first use raises the ImportError it catches).
if TYPE_CHECKING:
    from lsprotocol import types
    from pygls import uris
    from pygls.lsp import server as pygls_server
else:
    types = lazy_module("lsprotocol.types")
    uris = lazy_module("pygls.uris")
    pygls_server = lazy_module("pygls.lsp.server")

SUFFIXES = (".txt",)
FIX_ALL = "source.fixAll.lint-news"


class _Positions:
    """Code-point offsets of one text as LSP positions (line, UTF-16 column)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        for index, char in enumerate(text):
            if char == "\n":
                self.starts.append(index + 1)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        column = len(self.text[start:offset].encode("utf-16-le")) // 2
        return line, column


_SEVERITY = {Severity.ERROR: 1, Severity.WARNING: 2, Severity.INFO: 3}  # LSP DiagnosticSeverity


class Linter:
    """Findings and fixes of one document under the config that governs its path."""

    def __init__(self) -> None:
        self.configs: dict[str | None, Config] = {}

    def config_for(self, path: str) -> Config:
        config_file = find_config(os.path.dirname(os.path.abspath(path)))
        config = self.configs.get(config_file)
        if config is None:
            config = load_config(config_file, isolated=config_file is None,
                                 cwd=os.path.dirname(os.path.abspath(path)))
            self.configs[config_file] = config
        return config

    def forget(self) -> None:
        """Drop loaded configs (a config file was saved)."""
        self.configs.clear()

    def lint(self, path: str, text: str) -> tuple[Config, list[Finding]]:
        config = self.config_for(path)
        if config.is_excluded(path):
            return config, []
        doc = Document(path, text, structure=config.structure)
        return config, lint_document(doc, config)

    def fix_all(self, path: str, text: str) -> str:
        config = self.config_for(path)
        if config.is_excluded(path):
            return text
        only = replace(config, rules=config.rules_for(path), per_file_ignores=())
        doc = Document(path, text, structure=config.structure)
        fixed = fix_document(doc, only, unsafe=False).document
        assert fixed is not None
        return fixed.text


def diagnostics(findings: list[Finding], text: str) -> list[Any]:
    positions = _Positions(text)
    out = []
    for index, finding in enumerate(findings):
        start, end = positions.position(finding.start), positions.position(finding.end)
        fixable = "" if finding.fix is None else f" [{finding.fix.applicability.value} fix]"
        out.append(types.Diagnostic(
            range=types.Range(start=types.Position(*start), end=types.Position(*end)),
            message=finding.message + fixable,
            severity=types.DiagnosticSeverity(_SEVERITY[finding.severity]),
            code=finding.rule,
            source="lint-news",
            data={"index": index},
        ))
    return out


def code_actions(uri: str, findings: list[Finding], text: str, wanted: range | None = None) -> list[Any]:
    """A quick fix per finding with a fix (``wanted``: the findings whose lines are asked)."""
    positions = _Positions(text)
    actions = []
    for finding in findings:
        fix = finding.fix
        if fix is None:
            continue
        line = positions.position(finding.start)[0]
        if wanted is not None and line not in wanted:
            continue
        edits = []
        for edit in fix.edits:
            start, end = positions.position(edit.start), positions.position(edit.end)
            edits.append(types.TextEdit(
                range=types.Range(start=types.Position(*start), end=types.Position(*end)),
                new_text=edit.content))
        safe = fix.applicability is Applicability.SAFE
        actions.append(types.CodeAction(
            title=f"lint-news: {fix.message}" + ("" if safe else " (unsafe)"),
            kind=types.CodeActionKind.QuickFix,
            is_preferred=safe,
            edit=types.WorkspaceEdit(changes={uri: edits}),
        ))
    return actions


def _path(uri: str) -> str | None:
    path = uris.to_fs_path(uri)
    return path if path is not None and path.endswith(SUFFIXES) else None


def build_server() -> Any:
    server = pygls_server.LanguageServer("lint-news", __version__)
    linter = Linter()

    def publish(uri: str) -> None:
        path = _path(uri)
        if path is None:
            return
        document = server.workspace.get_text_document(uri)
        try:
            _, findings = linter.lint(path, document.source)
        except Exception as exc:  # a config error or a rule crash: tell the user, keep serving
            server.window_show_message(types.ShowMessageParams(
                type=types.MessageType.Error, message=f"lint-news: {exc}"))
            findings = []
        server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=document.version, diagnostics=diagnostics(findings, document.source)))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if uri.endswith((".lint-news.yaml", ".lint-news.yml", "pyproject.toml")):
            linter.forget()
            for known in list(server.workspace.text_documents):
                publish(known)
            return
        publish(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=params.text_document.uri, diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]))
    def code_action(params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        path = _path(uri)
        if path is None:
            return []
        text = server.workspace.get_text_document(uri).source
        _, findings = linter.lint(path, text)
        wanted = range(params.range.start.line, params.range.end.line + 1)
        actions: list[types.CodeAction] = code_actions(uri, findings, text, wanted)
        fixed = linter.fix_all(path, text)
        if fixed != text:
            end = _Positions(text).position(len(text))
            actions.append(types.CodeAction(
                title="lint-news: fix all (safe fixes)",
                kind=FIX_ALL,
                edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(
                    range=types.Range(start=types.Position(0, 0), end=types.Position(*end)),
                    new_text=fixed)]}),
            ))
        return actions

    return server


def serve() -> int:
    try:
        server = build_server()
    except ImportError:
        sys.stderr.write("lint-news: error: the language server needs pygls: "
                         "pip install 'lint-news[lsp]'\n")
        return 2
    server.start_io()
    return 0
