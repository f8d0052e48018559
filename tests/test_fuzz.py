"""Property-based tests: lint-news never crashes, never loses text, and --fix is a fixed point.

They run against whatever rules are enabled: the default configuration and every rule
(``select: ALL``), so a rule added later is fuzzed without touching this file.

Two profiles:

- the normal suite runs each property on a bounded number of examples (``QUICK``), the same
  ones every run (derandomized: a rule change, not luck, makes it fail);
- ``pytest -m fuzz`` (a separate CI job) runs the same properties on ``LINT_NEWS_FUZZ_EXAMPLES``
  examples each (default 1500), still bounded so the job ends.

Properties: never crashes (and every span and edit lies inside the text), ``--fix`` is
idempotent, fixes converge (or roll back cleanly), safe fixes touch nothing outside their edits
(replaying them reproduces the written bytes), and a file without findings is never rewritten.

Inputs: arbitrary Unicode with the characters seed files actually contain weighted up,
arbitrary bytes, mixed line endings, and the real seeds in ``tests/fixtures/raw-seeds``
corrupted at random (bytes inserted, deleted, duplicated, truncated mid-character, lines
re-terminated, text double-encoded).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint_news.app.process import process_file
from lint_news.config import Config, load_config
from lint_news.core.document import Document
from lint_news.core.model import Applicability, apply_edits
from lint_news.engine.fixer import fix_document
from lint_news.engine.linter import lint_document
from lint_news.engine.runner import process_bytes

RAW_SEEDS = Path(__file__).resolve().parent / "fixtures" / "raw-seeds"
QUICK = 50
LONG = int(os.environ.get("LINT_NEWS_FUZZ_EXAMPLES", "1500"))


# ----- configurations -------------------------------------------------------------------
@cache
def default_config() -> Config:
    return load_config(isolated=True)


@cache
def all_rules_config() -> Config:
    return load_config(isolated=True, select=["ALL"])


CONFIGS = {"default": default_config, "all-rules": all_rules_config}


# ----- strategies -----------------------------------------------------------------------
SEED_CHARS = (
    " \t\u00a0\u2009\u200b\u3000\ufeff\r\n\x00\x1b\x7f\x85\u2028\u2029"
    "“”‘’\"'«»—–-…&;#<>/|:.,!?%$€₫0123456789"
    "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ"
    "áàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
    "\u0301\u0300\u0303\u0309\u0323Ã©Ã¢â€™Â"
)
WORDS = ("Hà Nội", "the", "and", "NEWS", "WORLD NEWS", "2024", "&nbsp;", "&amp;", "Ngày 12/3/2024",
         "VIETNAM NEWS", "Share", "Facebook", "Tags:", "Xem thêm", "Việt Nam", "iPhone", "  ", "\t")
NEWLINES = ("\n", "\r\n", "\r", "\n\n", "\r\n\r\n")


def seed_texts() -> list[bytes]:
    return [path.read_bytes() for path in sorted(RAW_SEEDS.glob("*.txt"))]


unicode_text = st.one_of(
    st.text(max_size=400),
    st.text(st.sampled_from(SEED_CHARS), max_size=400),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(st.sampled_from(SEED_CHARS), max_size=6)),
             max_size=80).map(" ".join),
)


@st.composite
def mixed_line_endings(draw: st.DrawFn) -> str:
    lines = draw(st.lists(st.one_of(st.sampled_from(WORDS), unicode_text.map(lambda t: t[:60])),
                          max_size=30))
    out = []
    for line in lines:
        out.append(line)
        out.append(draw(st.sampled_from(NEWLINES)))
    if out and draw(st.booleans()):
        out.pop()  # no final newline
    return "".join(out)


@st.composite
def corrupted_seed(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(seed_texts())))
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(["insert", "delete", "duplicate", "truncate", "newlines", "mojibake",
                                   "insert-text"]))
        at = draw(st.integers(0, len(data)))
        if op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif op == "insert-text":
            data[at:at] = draw(unicode_text).encode("utf-8", "surrogatepass")[:200]
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 200))]
        elif op == "duplicate":
            end = min(len(data), at + draw(st.integers(1, 2000)))
            data[at:at] = data[at:end] * draw(st.integers(1, 3))
        elif op == "truncate":
            del data[at:]
        elif op == "newlines":
            newline = draw(st.sampled_from([b"\r\n", b"\r", b"\n"]))
            data = bytearray(bytes(data).replace(b"\n", newline) if at % 2 else
                             bytes(data[:at]) + bytes(data[at:]).replace(b"\n", newline))
        else:  # double-encode a slice: UTF-8 read as Latin-1/CP1252, written again as UTF-8
            end = min(len(data), at + draw(st.integers(1, 300)))
            piece = bytes(data[at:end]).decode("utf-8", "ignore")
            data[at:end] = piece.encode("utf-8").decode("latin-1").encode("utf-8")
    return bytes(data)


any_bytes = st.one_of(
    st.binary(max_size=600),
    corrupted_seed(),
    mixed_line_endings().map(lambda t: t.encode("utf-8", "surrogatepass")),
    unicode_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
)


# ----- properties ---------------------------------------------------------------------------
def never_crashes(raw: bytes, config: Config) -> None:
    for fix, unsafe in ((False, False), (True, False), (True, True)):
        result = process_bytes(raw, "fuzz.txt", config, fix=fix, unsafe=unsafe)
        crashes = [p.message for p in result.problems if "internal error" in p.message]
        assert not crashes, crashes
        if result.fixed_bytes is not None:
            result.fixed_bytes.decode("utf-8")  # a written file is always valid UTF-8
        doc = result.document
        assert doc is not None
        for finding in result.findings:
            assert 0 <= finding.start <= finding.end <= len(doc.text), finding
            doc.position(finding.start)
            if finding.fix is not None:
                assert all(0 <= e.start <= e.end <= len(doc.text) for e in finding.fix.edits), finding


def fix_is_idempotent(text: str, config: Config) -> None:
    for unsafe in (False, True):
        once = fix_document(Document("fuzz.txt", text, structure=config.structure), config, unsafe=unsafe)
        if not once.converged or once.rolled_back:
            continue  # reported to the user and left unchanged: a rule bug, tested elsewhere
        fixed = once.document.text
        twice = fix_document(Document("fuzz.txt", fixed, structure=config.structure), config, unsafe=unsafe)
        assert twice.document.text == fixed, (unsafe, [a.rule for a in twice.applied])
        assert not twice.applied


def fixes_converge(text: str, config: Config) -> None:
    """The fix loop reaches a fixed point (not converging would be a rule bug). A rollback is
    allowed (a fix may uncover an error another defect hid: repairing mojibake reveals spam),
    but then nothing at all is applied and the original findings are reported.

    The ``mojibake`` rollbacks the long runs print have one cause so far (hypothesis, 2 x 3,000
    examples, shrunk to ``"Â\t!"``; none left with ``whitespace`` off in 2 x 4,000 more):
    whitespace's safe fix turns a tab after "Â" or "Ã" into a space, and "Â " / "Ã " is what
    ftfy's ``restore_byte_a0`` reads as a UTF-8 no-break space / "à" whose 0xA0 byte became a
    space, so an error finding appears that the file did not have ("Một câu Â\tkhác." too).
    Its fix is unsafe, so a safe-only ``--fix`` rolls the file back; with ``--unsafe-fixes``
    mojibake repairs it in the next pass and nothing is rolled back.
    """
    for unsafe in (False, True):
        doc = Document("fuzz.txt", text, structure=config.structure)
        result = fix_document(doc, config, unsafe=unsafe)
        assert result.converged, ("did not converge", unsafe, result.non_converging)
        if result.rolled_back:
            ROLLBACKS[result.rolled_back] = ROLLBACKS.get(result.rolled_back, 0) + 1
            assert result.document is doc and not result.applied
            assert result.findings == lint_document(doc, config)


ROLLBACKS: dict[tuple[str, ...], int] = {}


def safe_fixes_touch_only_their_edits(raw: bytes, config: Config) -> None:
    """Each safe fix alone keeps everything outside its span, and replaying the applied edits
    on the original reproduces the written bytes exactly: nothing outside an edit changed."""
    linted = process_bytes(raw, "fuzz.txt", config)
    assert linted.document is not None
    text = linted.document.text
    for finding in linted.findings:
        fix = finding.fix
        if fix is None or fix.applicability is not Applicability.SAFE:
            continue
        alone = apply_edits(text, fix.edits)
        tail = len(text) - fix.end
        assert alone[: fix.start] == text[: fix.start]
        assert alone[len(alone) - tail :] == text[fix.end :]
    result = process_bytes(raw, "fuzz.txt", config, fix=True, unsafe=False)
    if result.fixed_bytes is None:
        return
    assert all(applied.applicability is Applicability.SAFE for applied in result.applied)
    replayed = text
    for pass_number in sorted({a.pass_number for a in result.applied}):
        replayed = apply_edits(replayed, [e for a in result.applied if a.pass_number == pass_number
                                          for e in a.edits])
    assert replayed.encode("utf-8") == result.fixed_bytes
    # each pass's offsets agree with the original's before the earliest edit of any pass so far
    first = min(e.start for a in result.applied for e in a.edits)
    assert result.fixed_bytes.startswith(raw[: len(text[:first].encode("utf-8", "surrogateescape"))])


_WORKDIR = Path(tempfile.mkdtemp(prefix="lint-news-fuzz-"))


def unchanged_file_is_never_rewritten(raw: bytes, config: Config) -> None:
    """No findings (or no applicable change): same inode, same mtime, same bytes."""
    path = _WORKDIR / "seed.txt"
    path.write_bytes(raw)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = os.stat(path)
    clean = not process_bytes(raw, "seed.txt", config).findings
    result = process_file(str(path), config, fix=True, unsafe=True)
    after = os.stat(path)
    if clean:
        assert result.fixed_bytes is None
    if result.fixed_bytes is None:
        assert not result.written
        assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
        assert path.read_bytes() == raw


PROPERTIES: dict[str, tuple[Callable[[bytes, Config], None], st.SearchStrategy[bytes]]] = {
    "never-crashes": (never_crashes, any_bytes),
    "idempotent": (lambda raw, c: fix_is_idempotent(raw.decode("utf-8", "replace"), c), any_bytes),
    "converges": (lambda raw, c: fixes_converge(raw.decode("utf-8", "replace"), c), any_bytes),
    "safe-fixes-local": (safe_fixes_touch_only_their_edits, any_bytes),
    "no-findings-no-write": (unchanged_file_is_never_rewritten, any_bytes),
}


def _run(name: str, config_name: str, examples: int, derandomize: bool) -> None:
    check, strategy = PROPERTIES[name]
    config = CONFIGS[config_name]()

    @settings(max_examples=examples, deadline=None, database=None, derandomize=derandomize,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(strategy)
    def run(raw: bytes) -> None:
        check(raw, config)

    run()


@pytest.mark.parametrize("config_name", sorted(CONFIGS))
@pytest.mark.parametrize("name", sorted(PROPERTIES))
def test_property(name: str, config_name: str) -> None:
    _run(name, config_name, QUICK, derandomize=True)  # the same examples every run


@pytest.mark.fuzz
@pytest.mark.parametrize("config_name", sorted(CONFIGS))
@pytest.mark.parametrize("name", sorted(PROPERTIES))
def test_property_long(name: str, config_name: str, request: pytest.FixtureRequest) -> None:
    markexpr = request.config.option.markexpr or ""
    if "fuzz" not in markexpr or "not fuzz" in markexpr:
        pytest.skip("long fuzz run: select it with 'pytest -m fuzz'")
    _run(name, config_name, LONG, derandomize=False)  # new examples every run
    if name == "converges" and ROLLBACKS:
        print(f"\n{config_name}: rollbacks (reported, file unchanged) by error rule: {ROLLBACKS}")


@pytest.mark.parametrize("config_name", sorted(CONFIGS))
def test_real_seeds_are_fixed_points_after_one_fix(config_name: str) -> None:
    config = CONFIGS[config_name]()
    for raw in seed_texts():
        never_crashes(raw, config)
        fix_is_idempotent(raw.decode("utf-8", "replace"), config)
        fixes_converge(raw.decode("utf-8", "replace"), config)
        safe_fixes_touch_only_their_edits(raw, config)


def teardown_module() -> None:
    shutil.rmtree(_WORKDIR, ignore_errors=True)
