"""``lint-news server`` driven over stdio as an editor drives it: open a seed, get
``textDocument/publishDiagnostics`` with the command line's findings, ask for code actions."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import threading
from pathlib import Path
from queue import Empty, Queue
from typing import Any

import pytest

pytest.importorskip("pygls")

DIRTY = "Title\nMarch 20, 2025\n\nTwo  spaces here, 😀 then  more.\n"


class Client:
    """A minimal LSP client: JSON-RPC with Content-Length framing over the server's pipes."""

    def __init__(self, cwd: Path) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "lint_news", "server"], cwd=cwd,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.messages: Queue[dict[str, Any]] = Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            assert length is not None
            self.messages.put(json.loads(stream.read(length)))

    def send(self, method: str, params: dict[str, Any], request: bool = False) -> int | None:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
        ident = None
        if request:
            self.next_id += 1
            ident = message["id"] = self.next_id
        body = json.dumps(message).encode("utf-8")
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body)
        stdin.flush()
        return ident

    def wait(self, match: Any, timeout: float = 60) -> dict[str, Any]:
        while True:
            try:
                message = self.messages.get(timeout=timeout)
            except Empty:
                stderr = self.process.stderr.read1(10_000) if self.process.stderr else b""  # type: ignore[attr-defined]
                raise AssertionError(f"no answer from the server; stderr: {stderr!r}") from None
            if match(message):
                return message

    def request(self, method: str, params: dict[str, Any]) -> Any:
        ident = self.send(method, params, request=True)
        answer = self.wait(lambda m: m.get("id") == ident and "method" not in m)
        assert "error" not in answer, answer
        return answer["result"]

    def close(self) -> None:
        try:
            if self.process.poll() is None:
                self.request("shutdown", {})
                self.send("exit", {})
                self.process.wait(timeout=20)
        finally:
            if self.process.poll() is None:
                self.process.kill()
            for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
                if stream is not None:
                    with contextlib.suppress(OSError):
                        stream.close()


def test_server_publishes_diagnostics_and_offers_fixes(tmp_path: Path) -> None:
    (tmp_path / ".lint-news.yaml").write_text("select: [whitespace]\n", encoding="utf-8")
    seed = tmp_path / "seed.txt"
    seed.write_text(DIRTY, encoding="utf-8")
    uri = seed.as_uri()
    client = Client(tmp_path)
    try:
        capabilities = client.request("initialize", {"processId": None, "rootUri": tmp_path.as_uri(),
                                                     "capabilities": {}})["capabilities"]
        assert capabilities["codeActionProvider"]
        client.send("initialized", {})
        client.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext",
                                                              "version": 1, "text": DIRTY}})
        published = client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")
        diagnostics = published["params"]["diagnostics"]
        assert published["params"]["uri"] == uri
        assert [(d["code"], d["range"]["start"], d["range"]["end"]) for d in diagnostics] == [
            ("whitespace", {"line": 3, "character": 3}, {"line": 3, "character": 5}),
            # after the emoji (two UTF-16 code units): columns as LSP counts them
            ("whitespace", {"line": 3, "character": 25}, {"line": 3, "character": 27}),
        ]
        assert all(d["source"] == "lint-news" and d["severity"] == 2 for d in diagnostics)

        actions = client.request("textDocument/codeAction", {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 0}},
            "context": {"diagnostics": diagnostics}})
        quick = [a for a in actions if a["kind"] == "quickfix"]
        assert len(quick) == 2 and all(a["isPreferred"] for a in quick)
        assert quick[0]["edit"]["changes"][uri] == [{
            "range": {"start": {"line": 3, "character": 3}, "end": {"line": 3, "character": 5}},
            "newText": " "}]
        (fix_all,) = [a for a in actions if a["kind"] == "source.fixAll.lint-news"]
        assert fix_all["edit"]["changes"][uri][0]["newText"] == DIRTY.replace("  ", " ")

        fixed = DIRTY.replace("  ", " ")
        client.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                               "contentChanges": [{"text": fixed}]})
        again = client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")
        assert again["params"]["diagnostics"] == []
    finally:
        client.close()
