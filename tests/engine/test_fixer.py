"""Fixing: overlap handling, the fixed-point loop and its cap, and writing files safely.

Writes must keep every byte the fixes did not touch: CRLF or mixed line endings, a
byte-order mark, a missing final newline, the permission bits; happen atomically and only
when the content changed; and never happen to a file that could not be decoded.
"""

from __future__ import annotations

import io
import os
import stat
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from lint_news.app.cli import main
from lint_news.app.files import write_atomic
from lint_news.config import Config, load_config
from lint_news.core.document import Document
from lint_news.core.model import Applicability, Edit, Finding, Fix, Severity, apply_edits
from lint_news.engine.fixer import MAX_PASSES, fix_document, select_fixes
from lint_news.engine.runner import process_bytes


def pattern_rule(rule_id: str, pattern: str, replacement: str, applicability: str = "safe",
                 scope: str = "document") -> str:
    return textwrap.dedent(f"""\
        id: {rule_id}
        kind: pattern
        severity: warning
        scope: {scope}
        message: "{rule_id} {{match!r}}"
        description: "Test rule {rule_id}."
        options:
          patterns: ['{pattern}']
          replacement: '{replacement}'
          applicability: {applicability}
        """)


def config_with(tmp_path: Path, rules: dict[str, str], select: list[str] | None = None) -> Config:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    for rule_id, text in rules.items():
        (folder / f"{rule_id}.yaml").write_text(text, encoding="utf-8")
    ids = select if select is not None else list(rules)
    (tmp_path / ".lint-news.yaml").write_text(
        f"rule-paths: [rules]\nselect: [{', '.join(ids)}]\n", encoding="utf-8")
    return load_config(tmp_path / ".lint-news.yaml")


def finding(start: int, end: int, content: str = "", applicability: Applicability = Applicability.SAFE,
            rule: str = "r") -> Finding:
    fix = Fix.replace(start, end, content, "f", applicability)
    return Finding(rule, Severity.WARNING, "m", start, end, fix)


# ----- model ----------------------------------------------------------------------------------
def test_apply_edits_in_any_order() -> None:
    edits = [Edit(6, 11, "there"), Edit(0, 5, "Hi"), Edit(11, 11, "!")]
    assert apply_edits("hello world", edits) == "Hi there!"


def test_apply_edits_rejects_overlap() -> None:
    with pytest.raises(ValueError, match="overlapping"):
        apply_edits("hello", [Edit(0, 3, "x"), Edit(2, 4, "y")])


def test_fix_validates_its_edits() -> None:
    with pytest.raises(ValueError, match="at least one edit"):
        Fix("m", ())
    with pytest.raises(ValueError, match="overlap"):
        Fix("m", (Edit(0, 3, "x"), Edit(2, 4, "y")))
    with pytest.raises(ValueError, match="invalid edit span"):
        Edit(5, 2, "x")
    fix = Fix("m", (Edit(8, 9, ""), Edit(1, 2, "")))
    assert [e.start for e in fix.edits] == [1, 8], "edits are kept sorted"
    assert (fix.start, fix.end) == (1, 9)


# ----- choosing fixes ---------------------------------------------------------------------------
def test_overlapping_fixes_first_one_wins() -> None:
    findings = [finding(4, 10, rule="b"), finding(0, 5, rule="a"), finding(12, 14, rule="c")]
    chosen = select_fixes(findings, False)
    assert [f.rule for f in chosen] == ["a", "c"]


def test_adjacent_fixes_do_not_overlap() -> None:
    chosen = select_fixes([finding(0, 5), finding(5, 9), finding(9, 9, "x")], False)
    assert len(chosen) == 3


def test_two_insertions_at_one_point_conflict() -> None:
    chosen = select_fixes([finding(3, 3, "x", rule="a"), finding(3, 3, "y", rule="b")], False)
    assert [f.rule for f in chosen] == ["a"]


def test_unsafe_fixes_need_consent() -> None:
    findings = [finding(0, 1, applicability=Applicability.UNSAFE), finding(2, 3)]
    assert [f.start for f in select_fixes(findings, unsafe=False)] == [2]
    assert [f.start for f in select_fixes(findings, unsafe=True)] == [0, 2]


def test_a_fix_with_several_edits_is_all_or_nothing() -> None:
    multi = Finding("m", Severity.WARNING, "m", 0, 20, Fix("two edits", (Edit(0, 2, ""), Edit(8, 10, ""))))
    blocker = finding(9, 12, rule="blocker")
    assert [f.rule for f in select_fixes([blocker, multi], False)] == ["m"]
    assert [f.rule for f in select_fixes([finding(0, 1, rule="first"), multi], False)] == ["first"]


# ----- the fixed-point loop ---------------------------------------------------------------
def test_overlapping_rules_are_resolved_over_passes(tmp_path: Path) -> None:
    config = config_with(tmp_path, {
        "first": pattern_rule("first", "lorem ipsum", "LI"),
        "second": pattern_rule("second", "ipsum dolor", "ID"),
    })
    result = fix_document(Document("x", "lorem ipsum dolor sit"), config)
    assert result.document.text == "LI dolor sit"
    assert [(a.rule, a.pass_number) for a in result.applied] == [("first", 1)]
    assert result.findings == []


def test_fixes_cascade_over_several_passes(tmp_path: Path) -> None:
    config = config_with(tmp_path, {"halve": pattern_rule("halve", "aa", "a")})
    result = fix_document(Document("x", "b" + "a" * 16 + "b"), config)
    assert result.converged
    assert result.document.text == "bab"
    assert max(a.pass_number for a in result.applied) == 4


def test_exactly_max_passes_still_converges(tmp_path: Path) -> None:
    """A file that needs every allowed pass is fixed, not reported as non-converging."""
    config = config_with(tmp_path, {"halve": pattern_rule("halve", "aa", "a")})
    result = fix_document(Document("x", "a" * 2**MAX_PASSES), config)
    assert result.converged
    assert result.document.text == "a"
    too_many = fix_document(Document("x", "a" * 2 ** (MAX_PASSES + 1)), config)
    assert not too_many.converged
    assert too_many.document.text == "a" * 2 ** (MAX_PASSES + 1), "left as it was, never half-fixed"


def test_oscillating_rules_are_reported_and_the_file_left_alone(tmp_path: Path) -> None:
    config = config_with(tmp_path, {
        "to-us": pattern_rule("to-us", "colour", "color"),
        "to-uk": pattern_rule("to-uk", "color(?!u)", "colour"),
    })
    text = "The colour of news.\n"
    result = fix_document(Document("x", text), config)
    assert not result.converged
    assert result.non_converging == ("to-uk", "to-us")
    assert result.document.text == text
    assert result.applied == []
    assert [f.rule for f in result.findings] == ["to-us"], "the findings of the original text"


def test_a_rule_whose_fix_never_settles_hits_the_cap(tmp_path: Path) -> None:
    """One user rule that always finds what its own fix produces: the text grows every pass."""
    config = config_with(tmp_path, {"grow": pattern_rule("grow", "x+", "\\\\g<0>x")})
    result = fix_document(Document("x", "a x b"), config)
    assert not result.converged
    assert result.non_converging == ("grow",)
    assert result.document.text == "a x b"


def test_oscillation_through_the_cli_exits_2_and_writes_nothing(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    config_with(tmp_path, {
        "to-us": pattern_rule("to-us", "colour", "color"),
        "to-uk": pattern_rule("to-uk", "color(?!u)", "colour"),
    })
    seed = tmp_path / "a.txt"
    seed.write_text("The colour of news.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    err = io.StringIO()
    code = main(["--fix", "a.txt"], stdout=io.StringIO(), stderr=err)
    assert code == 2
    assert "a.txt: error: fixes did not converge (rules: to-uk, to-us); file left unchanged" in err.getvalue()
    assert seed.read_text(encoding="utf-8") == "The colour of news.\n"


def test_fix_is_idempotent_on_the_raw_seeds() -> None:
    from ..conftest import RAW_SEEDS

    config = load_config(isolated=True)
    for path in sorted(RAW_SEEDS.glob("*.txt")):
        once = process_bytes(path.read_bytes(), str(path), config, fix=True, unsafe=True)
        fixed = once.fixed_bytes if once.fixed_bytes is not None else path.read_bytes()
        again = process_bytes(fixed, str(path), config, fix=True, unsafe=True)
        assert again.fixed_bytes is None, f"{path.name}: a second --fix changed the text again"


# ----- writing files ------------------------------------------------------------------------
@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".lint-news.yaml").write_text("select: [whitespace]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def lint_news_fix(*paths: str) -> tuple[int, str]:
    err = io.StringIO()
    code = main(["--fix", "--no-cache", *paths], stdout=io.StringIO(), stderr=err)
    return code, err.getvalue()


PRESERVED = [
    ("lf", b"Title\n\nA  line. \nEnd\n", b"Title\n\nA line.\nEnd\n"),
    ("crlf", b"Title\r\n\r\nA  line. \r\nEnd\r\n", b"Title\r\n\r\nA line.\r\nEnd\r\n"),
    ("mixed", b"Title\r\n\nA  line. \r\nB \nC\t \r\n", b"Title\r\n\nA line.\r\nB\nC\r\n"),
    ("bom", b"\xef\xbb\xbf Title\nA  line.\n", b"\xef\xbb\xbfTitle\nA line.\n"),
    ("bom-crlf", b"\xef\xbb\xbfTitle \r\nA  line.\r\n", b"\xef\xbb\xbfTitle\r\nA line.\r\n"),
    ("no-final-newline", b"Title\n\nA  line. ", b"Title\n\nA line."),
    ("no-final-newline-crlf", b"Title\r\n\r\nA  line.", b"Title\r\n\r\nA line."),
    ("utf-8", "Tiêu đề  \nHà  Nội\n".encode(), "Tiêu đề\nHà Nội\n".encode()),
]


@pytest.mark.parametrize(("raw", "expected"), [c[1:] for c in PRESERVED], ids=[c[0] for c in PRESERVED])
def test_fix_preserves_untouched_bytes(project: Path, raw: bytes, expected: bytes) -> None:
    seed = project / "seed.txt"
    seed.write_bytes(raw)
    code, err = lint_news_fix("seed.txt")
    assert (code, err) == (1, "Fixing seed.txt\n")
    assert seed.read_bytes() == expected


@pytest.mark.parametrize("raw", [c[2] for c in PRESERVED], ids=[c[0] for c in PRESERVED])
def test_clean_file_is_never_rewritten(project: Path, raw: bytes) -> None:
    seed = project / "seed.txt"
    seed.write_bytes(raw)
    os.utime(seed, ns=(1_000_000_000, 1_000_000_000))
    before = seed.stat()
    code, err = lint_news_fix("seed.txt")
    assert (code, err) == (0, "")
    after = seed.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert seed.read_bytes() == raw


def test_permission_bits_are_kept(project: Path) -> None:
    seed = project / "seed.txt"
    seed.write_bytes(b"Title \n")
    seed.chmod(0o640)
    assert lint_news_fix("seed.txt")[0] == 1
    assert stat.S_IMODE(seed.stat().st_mode) == 0o640
    assert seed.read_bytes() == b"Title\n"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give files away")
def test_owner_and_group_are_kept(project: Path) -> None:
    """Root (CI containers, pre-commit in Docker) fixing someone else's file keeps it theirs."""
    seed = project / "seed.txt"
    seed.write_bytes(b"Title \n")
    os.chown(seed, 4321, 4322)
    assert lint_news_fix("seed.txt")[0] == 1
    assert seed.read_bytes() == b"Title\n"
    assert (seed.stat().st_uid, seed.stat().st_gid) == (4321, 4322)


def test_write_is_atomic_rename_with_no_temporary_left(project: Path) -> None:
    seed = project / "seed.txt"
    seed.write_bytes(b"Title \n")
    old_inode = seed.stat().st_ino
    keep_open = seed.open("rb")  # a reader holding the old file sees the old content whole
    try:
        assert lint_news_fix("seed.txt")[0] == 1
        assert keep_open.read() == b"Title \n"
    finally:
        keep_open.close()
    assert seed.stat().st_ino != old_inode, "replaced by rename, not rewritten in place"
    assert sorted(p.name for p in project.iterdir()) == [".lint-news.yaml", "seed.txt"]


def test_write_through_a_symlink_replaces_the_target(project: Path) -> None:
    target = project / "real.txt"
    target.write_bytes(b"Title \n")
    (project / "link.txt").symlink_to("real.txt")
    assert lint_news_fix("link.txt")[0] == 1
    assert (project / "link.txt").is_symlink(), "the link itself is kept"
    assert target.read_bytes() == b"Title\n"


def test_read_only_file_is_not_written(project: Path, read_only: Callable[[Path], None]) -> None:
    seed = project / "seed.txt"
    seed.write_bytes(b"Title \n")
    read_only(seed)
    out, err = io.StringIO(), io.StringIO()
    code = main(["--fix", "--no-cache", "--output-format", "concise", "seed.txt"], stdout=out, stderr=err)
    assert code == 2
    assert err.getvalue() == "seed.txt: error: file is read-only; fix not written\n"
    assert seed.read_bytes() == b"Title \n"
    assert out.getvalue() == ("seed.txt:1:6: whitespace [*] trailing whitespace\n"
                              "Found 1 finding(s) in 1 file (0 fixed, 1 remaining).\n"
                              "1 file could not be fixed.\n"), "nothing was fixed"


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may write a file whose mode forbids it")
def test_root_fixes_a_0444_file_and_keeps_its_mode(project: Path) -> None:
    """What the OS allows is what lint-news does: root may fix a 0444 copy (as the dev-set
    scorer's copies are), and the file stays 0444."""
    seed = project / "seed.txt"
    seed.write_bytes(b"Title \n")
    seed.chmod(0o444)
    code = main(["--fix", "--no-cache", "-q", "seed.txt"], stdout=io.StringIO(), stderr=io.StringIO())
    assert code == 1
    assert seed.read_bytes() == b"Title\n"
    assert stat.S_IMODE(seed.stat().st_mode) == 0o444


def test_write_atomic_reports_a_vanished_file(tmp_path: Path) -> None:
    problem = write_atomic(str(tmp_path / "gone.txt"), b"x")
    assert problem is not None
    assert "vanished" in problem.message


def test_undecodable_file_is_never_written(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Even when a rule that runs on undecodable files offers fixes, the bytes that are not
    UTF-8 would be lost by writing: the file is reported and left alone."""
    import lint_news.kinds.whitespace as whitespace

    monkeypatch.setattr(whitespace, "HANDLES_UNDECODABLE", True, raising=False)
    raw = b"Title\n\nCaf\xe9  au lait. \n"  # Latin-1 e-acute: not UTF-8
    seed = project / "seed.txt"
    seed.write_bytes(raw)
    code, err = lint_news_fix("seed.txt")
    assert code == 2
    assert "seed.txt: error: not written: the file still has bytes that are not UTF-8" in err
    assert seed.read_bytes() == raw


def test_undecodable_file_without_handling_rules_is_left_alone(project: Path) -> None:
    raw = b"Title\n\nCaf\xe9  au lait. \n"
    seed = project / "seed.txt"
    seed.write_bytes(raw)
    lint_news_fix("seed.txt")
    assert seed.read_bytes() == raw


def test_binary_file_is_left_alone(project: Path) -> None:
    raw = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    seed = project / "image.txt"
    seed.write_bytes(raw)
    code, _ = lint_news_fix("image.txt")
    assert code == 0
    assert seed.read_bytes() == raw


def test_a_finding_outside_the_text_is_an_internal_error_not_a_corrupted_file(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kind with a bug (a span past the end) is reported with its name; nothing is written."""
    import lint_news.kinds.whitespace as whitespace

    def broken_check(doc: Document, rule: object) -> list[Finding]:
        end = len(doc.text) + 5
        fix = Fix.replace(0, end, "", "boom")
        return [Finding("whitespace", Severity.WARNING, "bad span", 0, end, fix)]

    monkeypatch.setattr(whitespace, "check", broken_check)
    seed = project / "seed.txt"
    seed.write_bytes(b"Title \n")
    code, err = lint_news_fix("seed.txt")
    assert code == 2
    assert "seed.txt: error: internal error: rule 'whitespace' failed on seed.txt: " in err
    assert "ValueError: finding 0..12 (fix edits included) lies outside the text (length 7)" in err
    assert seed.read_bytes() == b"Title \n"


def test_public_api_lint_text_and_fix_text(tmp_path: Path) -> None:
    import lint_news

    config = lint_news.load_config(isolated=True, select=["whitespace"])
    text = "Title\n\nTwo  spaces. \n"
    findings = lint_news.lint_text(text, config)
    assert [text[f.start:f.end] for f in findings] == ["  ", " "]
    assert lint_news.fix_text(text, config) == "Title\n\nTwo spaces.\n"
    assert lint_news.fix_text("Café  au lait", config) == "Café au lait"
    with pytest.raises(AttributeError):
        _ = lint_news.no_such_name  # type: ignore[attr-defined]
