"""The lint-news benchmark: one run, every number side by side, ratios against the targets.

    python benchmarks/run.py            # 20 MB corpus (a few minutes on 2 cores)
    python benchmarks/run.py --size-mb 100
    python benchmarks/run.py --smoke    # 1 MB, seconds: checks the machinery, not the speed
    python benchmarks/run.py --only startup,cache   # some parts (throughput, cache, startup, rules, real)
    python benchmarks/run.py --repeat 5   # more interleaved runs per comparison (default 3)
    python benchmarks/run.py --only real,startup --against main   # this checkout against main
    python benchmarks/run.py --against-path ../other-checkout       # against a folder as it is
    python benchmarks/run.py --only corpus   # corpus mode (near-duplicates) on 10,000 and 40,000 docs

Measured, each as a separate process on the same generated corpus (``generate.py``):

- ``lint-news -j 1 --no-cache`` and ``-j 2 --no-cache`` (MB/s), the full default rule set,
  with the machine's load average (``os.getloadavg``) sampled before each round;
- a cold run with an empty cache and the warm re-run of the unchanged corpus (default jobs);
- start-up: ``lint-news FILE`` on the cleanest and on the dirtiest seed against
  ``python -c "import yaml, ftfy"`` (medians of interleaved runs), with the cache on but the
  file's result not cached, with it cached, and with ``--no-cache``;
- peak RSS of each run (``resource.getrusage(RUSAGE_CHILDREN)`` through a small wrapper, so
  worker processes count), on the full corpus and on a quarter of it (memory must stay flat);
- the machine's own ceiling for ``-j2 ÷ -j1``: two pure-Python busy loops at once against one
  (a virtual machine's two vCPUs may not give two cores' worth of work to anything);
- codespell over the same files, and a plain "read + decode + one regex" pass
  (``[ \\t]+$``, multiline, the trailing-whitespace check every linter has).
- each default rule alone (``--select RULE -j 1 --no-cache``) on the quarter corpus: CPU
  seconds and MB/s, against all rules together on the same files. The cheapest rule alone
  is close to the engine's own cost (reading, decoding, the document, the report); the
  others show what each rule adds, which is where the throughput gap comes from.
- ``real`` (real text, issue 16): the clean documents of the dev-eval set
  (``../shared/dev-eval/set/docs/clean/*.txt`` beside the repository, or beside the main
  checkout when this is a git worktree; ``--dev-eval PATH`` names the ``set`` folder) copied
  10 times into ``benchmarks/out/`` at run time (git-ignored, never committed), and the
  defect-dense corrupted documents (``docs/corrupted``) likewise: all rules,
  ``-j 1 --no-cache --output-format json``, MB/s from wall time and per core from CPU time.
  Beside them, datatrove's four standard quality filters (Gopher repetition, Gopher quality,
  C4, FineWeb: ``datatrove_filters.py``) on the same clean corpus, each alone and all four
  chained, timed once (a reference point, not a ratio to tune). They need
  ``pip install -e '.[datatrove]'`` and spaCy (datatrove's English word tokenizer); what cannot
  run is reported with the reason. Without the dev-eval set the part is skipped with a message.

``--against REF`` measures a second build in the same run: a temporary ``git worktree`` of REF
(a commit, a tag or a branch), removed at the end; ``--against-path DIR`` uses a checkout as it
is. Both builds are then run the same way, ``python -m lint_news`` with this Python and
``PYTHONPATH`` set to their own checkout (a checkout finds its ``rules/`` from the package's
parent), their runs interleaved, each in its own working folder (so their caches never meet),
on the same files and the same start-up seeds. The throughput, real-text and start-up rows
are printed for both, with the ratio new ÷ old, and so are the cache rows (cold, warm, and the
warm run's CPU); the per-rule rows are for this checkout only. The old build must run with
the libraries installed here.

- corpus mode (``--only corpus``): ``lint-news corpus`` on 10,000 and 40,000 generated documents
  (1 % of them reposted copies with a new title, so that clusters exist), time and peak RSS,
  side by side. It runs with ``--select whitespace -j 1 --no-cache``: the cheapest rule, so that
  the rows show what corpus mode adds (reading, MinHash, LSH, exact comparisons), not the
  rules' cost, which the throughput rows measure.

Timings on a shared machine are noisy: only the ratios, measured in the same run, mean
anything, and one run of each side can put a ratio anywhere when neighbours steal CPU. So the
throughput, cache and real-text measurements are each taken ``--repeat`` times (default 3),
interleaved (-j 1, -j 2, codespell, the regex pass, cold, warm, each build in turn; again),
and their medians are compared. CPU-time rates hardly depend on the load; wall-time ones do.
Results are printed as a table and written to ``benchmarks/out/results.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))

from generate import SEEDS, Generator, generate  # noqa: E402

PYTHON = sys.executable
_WRAPPER = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "elapsed = time.perf_counter() - start\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(code, elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)\n"
)
CPU_SECONDS: list[float] = []  # CPU time (all processes) of each measure(), in order
_REGEX_PASS = (
    "import os, re, sys\n"
    "rx = re.compile(r'[ \\t]+$', re.M)\n"
    "n = 0\n"
    "for d, _, files in os.walk(sys.argv[1]):\n"
    "    for f in files:\n"
    "        if f.endswith('.txt'):\n"
    "            with open(os.path.join(d, f), 'rb') as h:\n"
    "                n += len(rx.findall(h.read().decode('utf-8', 'surrogateescape')))\n"
    "print(n)\n"
)

_BUSY_LOOP = "n = 0\nfor i in range(12_000_000):\n    n += i\n"  # ~0.5 s of pure-Python CPU


def parallel_ceiling(cwd: Path, env: dict[str, str]) -> float:
    """How much two processes gain over one on this machine, for pure CPU work with nothing
    shared: twice one busy loop's wall time ÷ two loops' wall time together. A virtual
    machine's two vCPUs can share a physical core or be stolen from; then no program's
    ``-j2 ÷ -j1`` can reach 2, and this ceiling is what the pool's row is read against."""
    cmd = [PYTHON, "-c", _BUSY_LOOP]
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, check=True)
    single = time.perf_counter() - start
    start = time.perf_counter()
    pair = [subprocess.Popen(cmd, cwd=cwd, env=env) for _ in range(2)]
    for process in pair:
        process.wait()
    return 2 * single / (time.perf_counter() - start)

TARGETS = {
    "vs_codespell": ("lint-news -j1 MB/s ÷ codespell MB/s", ">=", 2.0),
    "vs_regex_pass": ("read+decode+regex MB/s ÷ lint-news -j1 MB/s", "<=", 5.0),
    "jobs2_speedup": ("-j2 MB/s ÷ -j1 MB/s", ">=", 1.8),
    "warm_fraction": ("warm-cache time ÷ cold time", "<=", 0.05),
    "startup_clean": ("lint-news clean seed (not cached) ÷ import yaml, ftfy", "<=", 1.25),
    "startup_no_cache": ("lint-news clean seed, --no-cache ÷ import yaml, ftfy", "<=", 1.5),
    "rss_growth": ("peak RSS full corpus ÷ peak RSS quarter corpus", "<=", 1.25),
    "real_clean_per_core": ("real clean text, -j1, MB/s per core (CPU time)", ">=", 4.0),
    "real_clean_vs_against": ("real clean text, MB/s per core ÷ the --against build's", ">=", 2.0),
    "real_corrupted_per_core": ("real corrupted text, -j1, MB/s per core (CPU time)", ">=", 2.0),
}

PARTS = ("throughput", "cache", "startup", "rules", "real", "corpus")
DEFAULT_PARTS = PARTS[:5]  # corpus mode needs lint-news[corpus] and minutes: only when asked
CORPUS_SIZES = (10_000, 40_000)  # documents, for the corpus-mode rows (--only corpus)
REAL_KINDS = ("clean", "corrupted")
DATATROVE_SETS = ("gopher-repetition", "gopher-quality", "c4", "fineweb",
                  "gopher-repetition,gopher-quality,c4,fineweb")


@dataclass
class Build:
    """One lint-news build under test: how to start it, and its own working folder."""

    name: str  # "new" (this checkout) or "old" (--against)
    label: str
    cmd: list[str]
    env: dict[str, str]
    work: Path = field(default_factory=Path)


def lint_news_cmd() -> list[str]:
    exe = Path(PYTHON).with_name("lint-news")
    return [str(exe)] if exe.exists() else [PYTHON, "-m", "lint_news"]


def measure(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, float, int]:
    """(exit status, wall seconds, peak RSS in kB) of ``cmd`` and all its children; its CPU
    seconds go to ``CPU_SECONDS``."""
    done = subprocess.run([PYTHON, "-c", _WRAPPER, *cmd], cwd=cwd, env=env, capture_output=True,
                          text=True, check=True)
    code, elapsed, rss, cpu = done.stdout.split()
    CPU_SECONDS.append(float(cpu))
    return int(code), float(elapsed), int(rss)


def corpus_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*.txt"))


def base_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LINT_NEWS_")}
    env["CI"] = "1"  # no progress bar in measured runs
    # Measure lint-news as installed: pip compiles the package to bytecode, so a run never
    # compiles its modules from source (PYTHONDONTWRITEBYTECODE would make every run do so).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def on_path(env: dict[str, str], root: Path) -> dict[str, str]:
    env = dict(env)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH")]))
    return env


def compile_package(env: dict[str, str]) -> Path:
    """The package directory ``env`` imports, compiled to bytecode. checked-hash: the bytecode
    is checked against the source on import, so an edit made in the same second as the compile
    can never run stale code in a working checkout."""
    where = "import lint_news, os; print(os.path.dirname(os.path.abspath(lint_news.__file__)))"
    package = subprocess.run([PYTHON, "-c", where], env=env, cwd=OUT, capture_output=True, text=True,
                             check=True).stdout.strip()
    subprocess.run([PYTHON, "-m", "compileall", "-q", "--invalidation-mode", "checked-hash", package],
                   env=env, capture_output=True, check=False)
    return Path(package)


def git(*args: str, cwd: Path = REPO) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"git {' '.join(args)} failed: {done.stderr.strip()[-1000:]}")
    return done.stdout.strip()


@contextlib.contextmanager
def against_checkout(ref: str | None, path: Path | None) -> Iterator[tuple[Path, dict[str, Any]] | None]:
    """The old build's checkout: ``path`` as it is, or a temporary detached git worktree of
    ``ref`` (outside the repository, so no tool walking this checkout meets it), removed on the
    way out even when the run fails or is interrupted."""
    if path is not None:
        root = path.resolve()
        if not (root / "lint_news" / "__init__.py").is_file():
            raise SystemExit(f"--against-path {path}: no lint_news package in that folder")
        try:
            commit: str | None = git("rev-parse", "--short", "HEAD", cwd=root)
        except SystemExit:  # not a git checkout: measured as it is all the same
            commit = None
        yield root, {"ref": None, "path": str(root), "commit": commit, "worktree": None}
        return
    if ref is None:
        yield None
        return
    try:
        commit = git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except SystemExit:
        raise SystemExit(f"--against {ref}: not a commit of the repository at {REPO}") from None
    parent = Path(tempfile.mkdtemp(prefix="lint-news-against-"))
    root = parent / "checkout"
    git("worktree", "add", "--detach", "--quiet", str(root), commit)
    try:
        # (its own worktree named, so that a check of its removal looks at that one only: other
        # runs of the same repository may hold theirs meanwhile)
        yield root, {"ref": ref, "path": None, "commit": commit[:12], "worktree": str(root)}
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(root)], cwd=REPO, capture_output=True)
        shutil.rmtree(parent, ignore_errors=True)


def make_builds(against: tuple[Path, dict[str, Any]] | None) -> list[Build]:
    env = base_env()
    if against is None:
        compile_package(env)
        return [Build("new", "this checkout", lint_news_cmd(), env)]
    root, info = against
    module = [PYTHON, "-m", "lint_news"]
    new_env, old_env = on_path(env, REPO), on_path(env, root)
    for build_env, expected in ((new_env, REPO), (old_env, root)):
        package = compile_package(build_env)
        if package.parent.resolve() != expected.resolve():
            raise SystemExit(f"PYTHONPATH={expected} imports lint_news from {package}, not from there")
    try:
        here = git("rev-parse", "--short", "HEAD")
        dirty = " + changes" if git("status", "--porcelain", "--untracked-files=no") else ""
    except SystemExit:
        here, dirty = "?", ""
    old = info["ref"] or info["path"]
    old_label = f"{old} ({info['commit']})" if info["commit"] and info["commit"] != old else str(old)
    return [Build("new", f"this checkout ({here}{dirty})", module, new_env),
            Build("old", f"--against {old_label}", module, old_env)]


def describe(build: Build) -> str:
    command = " ".join("python" if part == PYTHON else part for part in build.cmd)
    path = build.env.get("PYTHONPATH")
    return f"PYTHONPATH={path} {command}" if path else command


def dev_eval_set(explicit: Path | None) -> tuple[Path | None, str]:
    """The dev-eval ``set`` folder, or None and why not."""
    if explicit is not None:
        return (explicit, "") if (explicit / "docs" / "clean").is_dir() else (
            None, f"--dev-eval {explicit}: no docs/clean folder there")
    candidates = [REPO.parent / "shared" / "dev-eval" / "set"]
    done = subprocess.run(["git", "rev-parse", "--path-format=absolute", "--git-common-dir"], cwd=REPO,
                          capture_output=True, text=True)
    if done.returncode == 0 and done.stdout.strip():  # a worktree: beside the main checkout too
        candidates.append(Path(done.stdout.strip()).parent.parent / "shared" / "dev-eval" / "set")
    for candidate in candidates:
        if (candidate / "docs" / "clean").is_dir():
            return candidate, ""
    looked = " or ".join(str(c) for c in dict.fromkeys(candidates))
    return None, f"no dev-eval set at {looked} (give one with --dev-eval PATH)"


def real_corpus(dev_set: Path, kind: str, copies: int, limit: int | None = None) -> Path:
    """``copies`` copies of the set's ``docs/<kind>/*.txt`` in ``benchmarks/out/`` (git-ignored):
    built at run time, never committed (the texts are under others' licences)."""
    sources = sorted((dev_set / "docs" / kind).glob("*.txt"))[:limit]
    target = OUT / f"real-{kind}-{copies}x{'' if limit is None else f'-first{limit}'}"
    shutil.rmtree(target, ignore_errors=True)
    for copy in range(copies):
        folder = target / f"copy{copy:02d}"
        folder.mkdir(parents=True)
        for source in sources:
            shutil.copyfile(source, folder / source.name)
    return target


def seed_extremes(lint: list[str], cwd: Path, env: dict[str, str]) -> tuple[Path, int, Path, int]:
    """The seeds with the fewest and the most findings (the 'clean' and the 'dirtiest')."""
    counts = []
    for seed in sorted(SEEDS.glob("*.txt")):
        done = subprocess.run([*lint, "--no-cache", "--isolated", "--exit-zero", "--output-format", "json",
                               str(seed)], cwd=cwd, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"lint-news failed on {seed.name}: {done.stderr[-2000:]}")
        counts.append((len(json.loads(done.stdout or "[]")), seed))
    counts.sort()
    return counts[0][1], counts[0][0], counts[-1][1], counts[-1][0]


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or not b else a / b


def run(size_mb: float, defect_rate: float, seed: int, startup_runs: int, smoke: bool,
        parts: tuple[str, ...] = PARTS, repeat: int = 3, against: str | None = None,
        against_path: Path | None = None, dev_eval: Path | None = None) -> dict[str, Any]:
    OUT.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "cores": os.cpu_count(),
                    "platform": platform.platform(), "load_average_at_start": _load()},
        "smoke": smoke,
        "repeat": repeat,
        "parts": list(parts),
        "load": {},
    }
    with against_checkout(against, against_path) as old_checkout:
        builds = make_builds(old_checkout)
        results["against"] = None if old_checkout is None else old_checkout[1]
        results["builds"] = {b.name: {"label": b.label, "command": describe(b)} for b in builds}
        work_root = Path(tempfile.mkdtemp(prefix="work-", dir=OUT))
        try:
            for build in builds:
                build.work = work_root / build.name
                build.work.mkdir()
                # each build's cache beside its runs, whatever project root lint-news would pick
                # for the working folder (the checkout's git work tree)
                build.env["LINT_NEWS_CACHE_DIR"] = str(build.work / ".lint-news-cache")
            measure_generated(results, builds, size_mb, defect_rate, seed, startup_runs, smoke, parts,
                              repeat)
            if "real" in parts:
                results["real"] = measure_real(results, builds, smoke, repeat, dev_eval)
        finally:
            shutil.rmtree(work_root, ignore_errors=True)
    results["ratios"] = ratios = compute_ratios(results)
    results["targets"] = {key: {"what": what, "op": op, "target": target, "value": ratios[key],
                                "met": _met(ratios[key], op, target)}
                          for key, (what, op, target) in TARGETS.items()}
    results["comparison"] = comparison(results)
    results["machine"]["load_average_at_end"] = _load()
    return results


def measure_generated(results: dict[str, Any], builds: list[Build], size_mb: float, defect_rate: float,
                      seed: int, startup_runs: int, smoke: bool, parts: tuple[str, ...],
                      repeat: int) -> None:
    """The parts on the generated corpus and the seeds: throughput, cache, rules, startup."""
    new = builds[0]
    generated = {"throughput", "cache", "rules"} & set(parts)
    corpus = quarter = None
    if generated:
        corpus = generate(size_mb, defect_rate, seed)
        quarter = generate(max(size_mb / 4, 0.25), defect_rate, seed)
        size = corpus_bytes(corpus)
        results["corpus"] = {"path": corpus.relative_to(REPO).as_posix(), "bytes": size,
                             "files": sum(1 for _ in corpus.rglob("*.txt")), "defect_rate": defect_rate,
                             "seed": seed}
    else:
        results["corpus"] = None
    per_build: dict[str, dict[str, list[float]]] = {
        b.name: {name: [] for name in ("j1", "j2", "cpu_j1", "cpu_j2", "cold", "warm",
                                                 "cpu_warm")} for b in builds}
    rss: dict[str, dict[str, int | None]] = {b.name: {"j1": None, "j2": None, "j1_quarter_corpus": None}
                                             for b in builds}
    times: dict[str, list[float]] = {"spell": [], "regex": [], "ceiling": []}
    base = ["--isolated", "--exit-zero", "--output-format", "concise"]

    def lint_run(build: Build, *flags: str, target: Path | None = None) -> tuple[float, int]:
        assert target is not None or corpus is not None
        path = target or corpus
        code, seconds, peak = measure([*build.cmd, *base, *flags, str(path)], build.work, build.env)
        if code != 0:  # --exit-zero: anything else is a crash or a usage error
            raise SystemExit(f"{build.label}: lint-news {' '.join(flags)} {path} failed with status {code}")
        return seconds, peak

    if generated and corpus is not None and quarter is not None:
        if not smoke:  # warm the page cache and the imports, so the first run is not penalised
            for build in builds:
                lint_run(build, "--no-cache", "-j", "1", target=quarter)
        # Each comparison is measured ``repeat`` times, its runs interleaved, and the medians
        # kept: on a shared machine (a virtual machine whose neighbours steal CPU) one run of
        # each can put the ratio anywhere.
        codespell = shutil.which("codespell", path=str(Path(PYTHON).parent)) or shutil.which("codespell")
        loads = results["load"].setdefault("throughput", [])
        for _ in range(repeat):
            if "throughput" in parts:
                loads.append(_load())
                for build in builds:
                    got = per_build[build.name]
                    seconds, rss[build.name]["j1"] = lint_run(build, "--no-cache", "-j", "1")
                    got["j1"].append(seconds)
                    got["cpu_j1"].append(CPU_SECONDS[-1])
                    seconds, rss[build.name]["j2"] = lint_run(build, "--no-cache", "-j", "2")
                    got["j2"].append(seconds)
                    got["cpu_j2"].append(CPU_SECONDS[-1])
                if codespell:
                    times["spell"].append(measure([codespell, str(corpus)], new.work, new.env)[1])
                times["regex"].append(measure([PYTHON, "-c", _REGEX_PASS, str(corpus)], new.work,
                                              new.env)[1])
                times["ceiling"].append(parallel_ceiling(new.work, new.env))
            if "cache" in parts:  # each build's cold and warm runs in turn (issue 17: no worse)
                for build in builds:
                    shutil.rmtree(build.work / ".lint-news-cache", ignore_errors=True)
                    per_build[build.name]["cold"].append(lint_run(build)[0])
                    per_build[build.name]["warm"].append(lint_run(build)[0])
                    per_build[build.name]["cpu_warm"].append(CPU_SECONDS[-1])
        if not loads:
            del results["load"]["throughput"]
        if "throughput" in parts:
            for build in builds:
                rss[build.name]["j1_quarter_corpus"] = lint_run(build, "--no-cache", "-j", "1",
                                                                target=quarter)[1]
    mb = results["corpus"]["bytes"] / 1e6 if results["corpus"] else None
    spell, regex_pass = _median(times["spell"]), _median(times["regex"])
    results["machine"]["parallel_ceiling"] = _median(times["ceiling"])
    per_rule: dict[str, float] = {}
    if "rules" in parts and quarter is not None:
        per_rule = measure_rules(lambda *flags, target: lint_run(new, *flags, target=target), quarter,
                                 new.work, new.env)
    startup: dict[str, dict[str, float | None]] = {b.name: dict.fromkeys(STARTUP_ROWS) for b in builds}
    clean = dirty = None
    clean_n = dirty_n = None
    if "startup" in parts:
        clean, clean_n, dirty, dirty_n = seed_extremes(new.cmd, new.work, new.env)
        results["load"]["startup"] = [_load()]
        startup = measure_startup(builds, clean, dirty, startup_runs)
    results["startup_files"] = {"clean": clean.name if clean else None, "clean_findings": clean_n,
                                "dirty": dirty.name if dirty else None, "dirty_findings": dirty_n}
    for build in builds:
        got = per_build[build.name]
        single, double = _median(got["j1"]), _median(got["j2"])
        cpu_single, cpu_double = _median(got["cpu_j1"]), _median(got["cpu_j2"])
        rows: dict[str, Any] = {
            "seconds": {"j1": single, "j2": double, "cold_cache": _median(got["cold"]),
                        "warm_cache": _median(got["warm"])},
            "mb_per_s": {"lint_news_j1": ratio(mb, single), "lint_news_j2": ratio(mb, double)},
            "cpu_seconds": {"j1": cpu_single, "j2": cpu_double, "j2_over_j1": ratio(cpu_double, cpu_single),
                            "warm_cache": _median(got["cpu_warm"])},
            # Each round's -j 1 and -j 2 run back to back: the median of those pairs' ratios is
            # less moved by a machine whose speed drifts over the rounds than the ratio of the
            # two medians (the target row), which can pair a slow -j 1 with a fast -j 2.
            "jobs2_rounds": {"j1": got["j1"], "j2": got["j2"], "median_of_ratios": _median(
                [one / two for one, two in zip(got["j1"], got["j2"], strict=True) if two])},
            "startup_seconds": startup[build.name],
            "startup_dirty_ratio": ratio(startup[build.name]["dirty"], startup[build.name]["import"]),
            "peak_rss_kb": rss[build.name],
        }
        if build.name == "new":  # this checkout's rows stay at the top level, as before
            rows["seconds"].update({"codespell": spell, "regex_pass": regex_pass})
            rows["mb_per_s"].update({"codespell": ratio(mb, spell), "regex_pass": ratio(mb, regex_pass)})
            rows["rules_alone"] = {"corpus_bytes": corpus_bytes(quarter) if quarter else None,
                                   "cpu_seconds": per_rule}
            results.update(rows)
        else:
            results["old"] = rows


def measure_real(results: dict[str, Any], builds: list[Build], smoke: bool, repeat: int,
                 dev_eval: Path | None) -> dict[str, Any]:
    """All rules, ``-j 1 --no-cache --output-format json``, on real clean and corrupted text,
    each build in turn, ``repeat`` rounds; then datatrove's filters on the clean copy once."""
    dev_set, why = dev_eval_set(dev_eval)
    if dev_set is None:
        print(f"real: skipped: {why}", file=sys.stderr)
        return {"skipped": why}
    copies, limit = (1, 20) if smoke else (10, None)
    corpora = {kind: real_corpus(dev_set, kind, copies, limit) for kind in REAL_KINDS}
    real: dict[str, Any] = {
        "set": str(dev_set), "copies": copies,
        "corpus": {kind: {"bytes": corpus_bytes(path), "files": sum(1 for _ in path.rglob("*.txt"))}
                   for kind, path in corpora.items()},
    }
    flags = ["--isolated", "--exit-zero", "--no-cache", "-j", "1", "--output-format", "json"]
    wall: dict[tuple[str, str], list[float]] = {(b.name, k): [] for b in builds for k in REAL_KINDS}
    cpu: dict[tuple[str, str], list[float]] = {(b.name, k): [] for b in builds for k in REAL_KINDS}
    if not smoke:  # page cache and imports warm for every build
        for build in builds:
            measure([*build.cmd, *flags, str(corpora["clean"])], build.work, build.env)
    loads = results["load"].setdefault("real", [])
    try:
        for _ in range(repeat):
            loads.append(_load())
            for kind in REAL_KINDS:
                for build in builds:
                    code, seconds, _ = measure([*build.cmd, *flags, str(corpora[kind])], build.work,
                                               build.env)
                    if code != 0:
                        raise SystemExit(f"{build.label}: lint-news on the real {kind} text failed ({code})")
                    wall[build.name, kind].append(seconds)
                    cpu[build.name, kind].append(CPU_SECONDS[-1])
        for build in builds:
            real[build.name] = {}
            for kind in REAL_KINDS:
                size = real["corpus"][kind]["bytes"] / 1e6
                median_wall, median_cpu = _median(wall[build.name, kind]), _median(cpu[build.name, kind])
                real[build.name][kind] = {"seconds": median_wall, "cpu_seconds": median_cpu,
                                          "mb_per_s": ratio(size, median_wall),
                                          "mb_per_s_per_core": ratio(size, median_cpu)}
        real["datatrove"] = measure_datatrove(corpora["clean"], builds[0], smoke)
    finally:
        for path in corpora.values():
            shutil.rmtree(path, ignore_errors=True)
    return real


def measure_datatrove(corpus: Path, build: Build, smoke: bool) -> dict[str, Any]:
    """Each filter alone and all four chained, each a process timed like a lint-news run."""
    script = str(HERE / "datatrove_filters.py")
    report = build.work / "datatrove.json"
    env = {k: v for k, v in build.env.items() if k != "PYTHONPATH"}
    rows: dict[str, Any] = {}
    for names in DATATROVE_SETS[-1:] if smoke else DATATROVE_SETS:
        report.unlink(missing_ok=True)
        code, seconds, _ = measure([PYTHON, script, str(corpus), "--filters", names, "--report", str(report)],
                                   build.work, env)
        data: dict[str, Any] = json.loads(report.read_text(encoding="utf-8")) if report.is_file() else {
            "error": f"datatrove_filters.py exited with status {code} and wrote no report"}
        if data.get("error"):
            return {"error": data["error"]}
        mb = data["bytes"] / 1e6
        row: dict[str, Any] = {"ran": data["ran"], "errors": data["errors"], "kept": data["kept"],
               "documents": data["documents"], "seconds": seconds, "cpu_seconds": CPU_SECONDS[-1]}
        if data["ran"]:
            row.update({"mb_per_s": ratio(mb, seconds), "mb_per_s_per_core": ratio(mb, CPU_SECONDS[-1])})
        rows["all four, chained" if "," in names else names] = row
        rows.setdefault("_version", data.get("datatrove"))
    return {"version": rows.pop("_version", None), "filters": rows}


def compute_ratios(r: dict[str, Any]) -> dict[str, float | None]:
    rate, st = r.get("mb_per_s", {}), r.get("startup_seconds", {})
    real = r.get("real") or {}
    new_real, old_real = real.get("new") or {}, real.get("old") or {}

    def per_core(side: dict[str, Any], kind: str) -> float | None:
        return (side.get(kind) or {}).get("mb_per_s_per_core")

    return {
        "vs_codespell": ratio(rate.get("lint_news_j1"), rate.get("codespell")),
        "vs_regex_pass": ratio(rate.get("regex_pass"), rate.get("lint_news_j1")),
        "jobs2_speedup": ratio(rate.get("lint_news_j2"), rate.get("lint_news_j1")),
        "warm_fraction": ratio(r["seconds"]["warm_cache"], r["seconds"]["cold_cache"]),
        "startup_clean": ratio(st.get("clean"), st.get("import")),
        "startup_no_cache": ratio(st.get("clean_no_cache"), st.get("import")),
        "rss_growth": ratio(r["peak_rss_kb"]["j1"], r["peak_rss_kb"]["j1_quarter_corpus"]),
        "real_clean_per_core": per_core(new_real, "clean"),
        "real_clean_vs_against": ratio(per_core(new_real, "clean"), per_core(old_real, "clean")),
        "real_corrupted_per_core": per_core(new_real, "corrupted"),
    }


def comparison(r: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows measured for both builds: (what, unit, new, old, new ÷ old); empty without --against."""
    old = r.get("old")
    if not old:
        return []
    rows: list[dict[str, Any]] = []

    def add(what: str, unit: str, new_value: float | None, old_value: float | None) -> None:
        if new_value is not None or old_value is not None:
            rows.append({"what": what, "unit": unit, "new": new_value, "old": old_value,
                         "new_over_old": ratio(new_value, old_value)})

    real = r.get("real") or {}
    for kind in REAL_KINDS:
        new_row, old_row = (real.get("new") or {}).get(kind) or {}, (real.get("old") or {}).get(kind) or {}
        add(f"real {kind} text, -j1, MB/s per core (CPU time)", "MB/s",
            new_row.get("mb_per_s_per_core"), old_row.get("mb_per_s_per_core"))
        add(f"real {kind} text, -j1, MB/s (wall)", "MB/s", new_row.get("mb_per_s"), old_row.get("mb_per_s"))
    add("generated corpus, -j1, MB/s (wall)", "MB/s", r["mb_per_s"]["lint_news_j1"],
        old["mb_per_s"]["lint_news_j1"])
    add("generated corpus, -j1, MB/s per core (CPU time)", "MB/s",
        ratio(r["corpus"]["bytes"] / 1e6, r["cpu_seconds"]["j1"]) if r["corpus"] else None,
        ratio(r["corpus"]["bytes"] / 1e6, old["cpu_seconds"]["j1"]) if r["corpus"] else None)
    add("generated corpus, -j2, MB/s (wall)", "MB/s", r["mb_per_s"]["lint_news_j2"],
        old["mb_per_s"]["lint_news_j2"])
    add("-j2 MB/s ÷ -j1 MB/s", "×", ratio(r["mb_per_s"]["lint_news_j2"], r["mb_per_s"]["lint_news_j1"]),
        ratio(old["mb_per_s"]["lint_news_j2"], old["mb_per_s"]["lint_news_j1"]))
    for key, what in (("cold_cache", "cold cache, wall"), ("warm_cache", "warm cache, wall")):
        add(f"generated corpus, {what}", "ms", _ms(r["seconds"][key]), _ms(old["seconds"][key]))
    add("generated corpus, warm cache, CPU", "ms", _ms(r["cpu_seconds"].get("warm_cache")),
        _ms(old["cpu_seconds"].get("warm_cache")))
    new_st, old_st = r["startup_seconds"], old["startup_seconds"]
    for key, what in STARTUP_ROWS.items():
        if key != "import":
            add(f"start-up: {what}", "ms", _ms(new_st.get(key)), _ms(old_st.get(key)))
    for key, what in (("clean", "clean seed, not cached"), ("clean_no_cache", "clean seed, --no-cache")):
        add(f"start-up ÷ import yaml, ftfy: {what}", "×", ratio(new_st.get(key), new_st.get("import")),
            ratio(old_st.get(key), old_st.get("import")))
    return rows


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else seconds * 1000


def generate_documents(count: int, defect_rate: float, seed: int) -> Path:
    """``count`` generated documents (``generate.Generator``), 500 per folder, one in a hundred a
    reposted copy of the document before it with a new title line; reused when present."""
    folder = OUT / f"corpus-docs-{count}-r{defect_rate:g}-s{seed}"
    marker = folder / "complete"
    if marker.exists():
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    generator = Generator(seed, defect_rate)
    previous = ""
    for index in range(count):
        sub = folder / f"{index // 500:04d}"
        if index % 500 == 0:
            sub.mkdir(parents=True)
        if index % 100 == 99 and previous:
            lines = previous.splitlines(keepends=True)
            text = "Reposted: " + "".join(lines)
        else:
            text = previous = generator.article()
        (sub / f"{index:06d}.txt").write_text(text, encoding="utf-8")
    marker.write_text("", encoding="utf-8")
    return folder


def measure_corpus(defect_rate: float, seed: int, sizes: tuple[int, ...] = CORPUS_SIZES) -> dict[str, Any]:
    """Time and peak RSS of ``lint-news corpus`` on each size, and the clusters it found."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LINT_NEWS_")}
    env["CI"] = "1"
    lint = lint_news_cmd()
    rows = []
    for count in sizes:
        folder = generate_documents(count, defect_rate, seed)
        flags = ["corpus", "--isolated", "--select", "whitespace", "-j", "1", "--no-cache",
                 "--output-format", "json"]
        report_file = OUT / f"corpus-mode-{count}.json"
        # one run, timed, its JSON report redirected by a shell (counted in the peak RSS: tiny)
        command = f"{shlex.join([*lint, *flags, str(folder)])} > {shlex.quote(str(report_file))}"
        code, seconds, rss = measure(["/bin/sh", "-c", command], REPO, env)
        if code not in (0, 1):
            raise SystemExit(f"lint-news corpus failed with status {code} on {folder}")
        report = json.loads(report_file.read_text(encoding="utf-8"))
        row = {"documents": count, "bytes": corpus_bytes(folder), "seconds": seconds,
               "peak_rss_kb": rss, "clusters": len(report["clusters"]),
               "compared_pairs": report["compared_pairs"], "lsh_candidates": report.get("lsh_candidates"),
               "ms_per_document": 1000 * seconds / count}
        rows.append(row)
        print(f"corpus mode, {count} documents: {seconds:.1f} s, peak RSS {rss // 1024} MB, "
              f"{row['clusters']} clusters", file=sys.stderr, flush=True)
    return {"rows": rows, "machine_load_at_end": _load()}


def corpus_table(result: dict[str, Any]) -> str:
    lines = ["| corpus mode (`lint-news corpus --select whitespace -j 1`) | documents | MB | time | "
             "ms/doc | peak RSS | clusters | exact comparisons |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for row in result["rows"]:
        lines.append(f"| generated, 1 % reposted | {row['documents']:,} | {row['bytes'] / 1e6:.0f} | "
                     f"{row['seconds']:.1f} s | {row['ms_per_document']:.2f} | "
                     f"{row['peak_rss_kb'] // 1024} MB | "
                     f"{row['clusters']} | {row['compared_pairs']:,} |")
    rows = result["rows"]
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        lines.append(f"| ratio {last['documents']:,} ÷ {first['documents']:,} | "
                     f"{last['documents'] / first['documents']:.1f} | | "
                     f"{last['seconds'] / first['seconds']:.2f} | | "
                     f"{last['peak_rss_kb'] / first['peak_rss_kb']:.2f} | | |")
    return "\n".join(lines)


def measure_rules(lint_run: Any, quarter: Path, work: Path, env: dict[str, str]) -> dict[str, float]:
    """CPU seconds of ``-j 1 --no-cache`` on the quarter corpus, all rules and each rule alone
    (best of two: CPU time, unlike wall time, hardly depends on the machine's load)."""
    listed = subprocess.run([PYTHON, "-c", "from lint_news.config import load_config\n"
                             "print(' '.join(r.id for r in load_config(isolated=True).rules))"],
                            cwd=work, env=env, capture_output=True, text=True, check=True)
    cpu: dict[str, float] = {}
    for rule in ["(all)", *listed.stdout.split()]:
        flags = () if rule == "(all)" else ("--select", rule)
        best = None
        for _ in range(2):
            lint_run("--no-cache", "-j", "1", *flags, target=quarter)
            best = CPU_SECONDS[-1] if best is None else min(best, CPU_SECONDS[-1])
        cpu[rule] = best or 0.0
    return cpu


STARTUP_ROWS = {
    "import": "python -c 'import yaml, ftfy'",
    "clean": "clean seed, result not cached",
    "clean_cached": "clean seed, result cached",
    "clean_no_cache": "clean seed, --no-cache",
    "dirty": "dirtiest seed, result not cached",
    "dirty_no_cache": "dirtiest seed, --no-cache",
}


def measure_startup(builds: list[Build], clean: Path, dirty: Path,
                    startup_runs: int) -> dict[str, dict[str, float | None]]:
    """Medians of interleaved one-file runs of every build against ``python -c "import yaml,
    ftfy"`` (the same baseline runs serve every build: their ratios share a denominator)."""
    baseline_cmd = [PYTHON, "-c", "import yaml, ftfy"]
    times: dict[str, dict[str, list[float]]] = {b.name: {name: [] for name in STARTUP_ROWS} for b in builds}
    imports: list[float] = []

    def forget_results(build: Build) -> None:
        """A pre-commit run on a changed file: the results cache misses (the parsed rule
        files stay known, as they do between commits)."""
        for entry in (build.work / ".lint-news-cache").glob("v*"):
            shutil.rmtree(entry, ignore_errors=True)

    for build in builds:  # derived data (rule YAML, word lists) built once, as after any first run
        for seed in (clean, dirty):
            for no_cache in ([], ["--no-cache"]):
                subprocess.run([*build.cmd, "--isolated", "--exit-zero", *no_cache, str(seed)],
                               cwd=build.work, env=build.env, capture_output=True)
    for _ in range(startup_runs):  # interleaved, so load changes hit all alike
        imports.append(measure(baseline_cmd, builds[0].work, builds[0].env)[1])
        for build in builds:
            default = [*build.cmd, "--isolated", "--exit-zero"]
            uncached = [*default, "--no-cache"]
            got, work, env = times[build.name], build.work, build.env
            forget_results(build)
            got["clean"].append(measure([*default, str(clean)], work, env)[1])
            got["clean_cached"].append(measure([*default, str(clean)], work, env)[1])
            forget_results(build)
            got["dirty"].append(measure([*default, str(dirty)], work, env)[1])
            got["clean_no_cache"].append(measure([*uncached, str(clean)], work, env)[1])
            got["dirty_no_cache"].append(measure([*uncached, str(dirty)], work, env)[1])
    result: dict[str, dict[str, float | None]] = {}
    for build in builds:
        times[build.name]["import"] = imports
        result[build.name] = {k: _median(v) for k, v in times[build.name].items()}
    return result


def _load() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):
        return None


def _met(value: float | None, op: str, target: float) -> bool | None:
    if value is None:
        return None
    return value >= target if op == ">=" else value <= target


def f(value: float | None, unit: str = "", digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}{unit}"


def table(r: dict[str, Any]) -> str:
    rate, sec, rss = r["mb_per_s"], r["seconds"], r["peak_rss_kb"]
    st, files = r["startup_seconds"], r["startup_files"]
    corpus = r["corpus"]

    def ms(value: float | None) -> str:
        return f(None if value is None else value * 1000, " ms", 0)

    def mb(kb: int | None) -> str:
        return "n/a" if kb is None else f"{kb // 1024} MB"

    machine = r["machine"]
    loads = "; ".join(f"{part}: {', '.join(f(x) for x in values)}" for part, values in r["load"].items())
    lines = [
        f"machine: {machine['cores']} cores, Python {machine['python']}, load average "
        f"{machine['load_average_at_start']} at start, {machine['load_average_at_end']} at end"
        + (f" (sampled before each round: {loads})" if loads else ""),
        f"corpus: {corpus['files']} files, {corpus['bytes'] / 1e6:.1f} MB, "
        f"defect rate {corpus['defect_rate']}"
        if corpus else "generated corpus: not used (no throughput, cache or rules part)",
        f"{'smoke run: numbers are not meaningful; ' if r['smoke'] else ''}"
        f"throughput, cache and real-text rows: medians of {r.get('repeat', 1)} interleaved runs each",
    ]
    for build in r["builds"].values():
        lines.append(f"build: {build['label']}: {build['command']}")
    generated = [
        f"| lint-news -j 1 (no cache) | {f(sec['j1'], ' s')} | {f(rate['lint_news_j1'])} "
        f"| {mb(rss['j1'])} |",
        f"| lint-news -j 2 (no cache) | {f(sec['j2'], ' s')} | {f(rate['lint_news_j2'])} "
        f"| {mb(rss['j2'])} |",
        f"| (-j 2 CPU time ÷ -j 1 CPU time: the pool's overhead, independent of load) "
        f"| {f(r['cpu_seconds']['j2_over_j1'], '', 3)} | | |",
        f"| (-j 2 ÷ -j 1, median of each round's back-to-back pair; the target row divides the medians) "
        f"| {f((r.get('jobs2_rounds') or {}).get('median_of_ratios'), '', 3)} | | |",
        f"| lint-news cold cache (default jobs) | {f(sec['cold_cache'], ' s')} | | |",
        f"| lint-news warm cache (unchanged corpus) | {f(sec['warm_cache'], ' s')} | | |",
        f"| lint-news -j 1 on a quarter of the corpus | | | {mb(rss['j1_quarter_corpus'])} |",
        f"| codespell | {f(sec['codespell'], ' s')} | {f(rate['codespell'])} | |",
        f"| read + decode + one regex | {f(sec['regex_pass'], ' s')} | {f(rate['regex_pass'])} | |",
    ] if r["corpus"] else []
    startup = [
        f"| python -c 'import yaml, ftfy' | {ms(st['import'])} | | |",
        f"| lint-news on clean seed {files['clean']} ({files['clean_findings']} findings), result not cached "
        f"| {ms(st['clean'])} | | |",
        f"| same, result cached | {ms(st['clean_cached'])} | | |",
        f"| same, --no-cache (derived data remembered) | {ms(st['clean_no_cache'])} | | |",
        f"| lint-news on dirtiest seed {files['dirty']} ({files['dirty_findings']} findings), not cached "
        f"| {ms(st['dirty'])} | | |",
        f"| same, --no-cache | {ms(st['dirty_no_cache'])} | | |",
    ] if files["clean"] else []
    if generated or startup:
        lines += ["", "| measurement (this checkout) | time | MB/s | peak RSS |",
                  "| --- | ---: | ---: | ---: |", *generated, *startup]
    lines.append("")
    lines += real_table(r.get("real"), r["builds"])
    alone = r.get("rules_alone") or {}
    cpu = alone.get("cpu_seconds") or {}
    if cpu:
        quarter_mb = alone["corpus_bytes"] / 1e6
        lines += [
            f"| rule, alone, -j 1 on the quarter corpus ({quarter_mb:.1f} MB) | CPU | MB/s |",
            "| --- | ---: | ---: |",
        ]
        lines += [f"| {rule} | {f(seconds, ' s')} | {f(quarter_mb / seconds if seconds else None)} |"
                  for rule, seconds in sorted(cpu.items(), key=lambda item: -item[1])]
        lines.append("")
    if r["comparison"]:
        new, old = r["builds"]["new"]["label"], r["builds"]["old"]["label"]
        lines += [
            f"new: {new}; old: {old}. new ÷ old: above 1 is faster for MB/s, below 1 is faster for ms",
            "",
            "| measured for both builds, same run | new | old | new ÷ old |",
            "| --- | ---: | ---: | ---: |",
        ]
        for row in r["comparison"]:
            digits = 0 if row["unit"] == "ms" else 2
            unit = "" if row["unit"] == "×" else f" {row['unit']}"
            lines.append(f"| {row['what']} | {f(row['new'], unit, digits)} | {f(row['old'], unit, digits)} "
                         f"| {f(row['new_over_old'], '', 3)} |")
        lines.append("")
    lines += [
        "| target (this checkout) | value | goal | met |",
        "| --- | ---: | ---: | :---: |",
    ]
    for target in r["targets"].values():
        met = {True: "yes", False: "**no**", None: "n/a"}[target["met"]]
        goal = f"{target['op']} {target['target']}"
        lines.append(f"| {target['what']} | {f(target['value'], '', 3)} | {goal} | {met} |")
    dirty = f(r["startup_dirty_ratio"], "", 3)
    lines.append(f"| (dirtiest seed, not cached, ÷ import yaml, ftfy) | {dirty} | | |")
    ceiling = machine.get("parallel_ceiling")
    if ceiling:
        lines.append(f"| (this machine's own ceiling for -j2 ÷ -j1: two pure-Python busy loops ÷ one) "
                     f"| {f(ceiling, '', 3)} | | |")
    return "\n".join(lines)


def real_table(real: dict[str, Any] | None, builds: dict[str, Any]) -> list[str]:
    if real is None:
        return []
    if "skipped" in real:
        return [f"real text: skipped: {real['skipped']}", ""]
    corpus = real["corpus"]
    lines = [
        f"real text: dev-eval docs copied {real['copies']}×: clean {corpus['clean']['files']} files, "
        f"{corpus['clean']['bytes'] / 1e6:.2f} MB; corrupted {corpus['corrupted']['files']} files, "
        f"{corpus['corrupted']['bytes'] / 1e6:.2f} MB",
        "",
        "| real text, all rules, -j 1 --no-cache --output-format json | wall | MB/s | CPU | MB/s per core |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name in builds:
        for kind in REAL_KINDS:
            row = real[name][kind]
            who = "" if len(builds) == 1 else f" ({name})"
            lines.append(f"| lint-news{who}, {kind} | {f(row['seconds'], ' s')} | {f(row['mb_per_s'])} "
                         f"| {f(row['cpu_seconds'], ' s')} | {f(row['mb_per_s_per_core'])} |")
    datatrove = real.get("datatrove") or {}
    if datatrove.get("error"):
        lines.append(f"| datatrove quality filters: not run: {datatrove['error']} | | | | |")
    for name, row in (datatrove.get("filters") or {}).items():
        what = f"datatrove {datatrove.get('version') or ''} {name} (kept {row['kept']}/{row['documents']})"
        if row["errors"]:
            what += "; could not run: " + "; ".join(f"{k}: {v}" for k, v in row["errors"].items())
        if not row["ran"]:
            lines.append(f"| {what} | | | | |")
            continue
        lines.append(f"| {what}, clean | {f(row['seconds'], ' s')} | {f(row.get('mb_per_s'))} "
                     f"| {f(row['cpu_seconds'], ' s')} | {f(row.get('mb_per_s_per_core'))} |")
    lines.append("")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=20.0)
    parser.add_argument("--defect-rate", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--startup-runs", type=int, default=None,
                        help="interleaved one-file runs per start-up row (default 9; 3 with --smoke)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="interleaved runs of each throughput, cache and real-text measurement (medians)")
    parser.add_argument("--smoke", action="store_true",
                        help="1 MB, one round, 3 start-up runs, real text 1× (20 files): seconds")
    parser.add_argument("--json", type=Path, default=OUT / "results.json")
    parser.add_argument("--only", default=",".join(DEFAULT_PARTS), metavar="PARTS",
                        help=f"comma-separated parts to measure, of {','.join(PARTS)} "
                        f"(default: {','.join(DEFAULT_PARTS)})")
    parser.add_argument("--corpus-sizes", default=None, metavar="N,N",
                        help="documents in each corpus-mode run (default: 10000,40000; --smoke: 500,2000)")
    against = parser.add_mutually_exclusive_group()
    against.add_argument("--against", metavar="REF",
                         help="also measure REF (commit, tag, branch) from a temporary git worktree")
    against.add_argument("--against-path", type=Path, metavar="DIR",
                         help="also measure the lint-news checkout in DIR, as it is")
    parser.add_argument("--dev-eval", type=Path, metavar="SET",
                        help="the dev-eval set folder for the real part (default: ../shared/dev-eval/set)")
    args = parser.parse_args(argv)
    parts = tuple(part.strip() for part in args.only.split(",") if part.strip())
    unknown = sorted(set(parts) - set(PARTS))
    if unknown or not parts:
        wrong = unknown[0] if unknown else "(none)"
        parser.error(f"--only: unknown part {wrong!r}; choose from {', '.join(PARTS)}")
    if args.smoke:
        args.size_mb, args.repeat = 1.0, 1
    startup_runs = args.startup_runs or (3 if args.smoke else 9)
    started = time.perf_counter()
    per_file = tuple(part for part in parts if part != "corpus")
    results: dict[str, Any] = {}
    if per_file:
        results = run(args.size_mb, args.defect_rate, args.seed, startup_runs, args.smoke, per_file,
                      max(1, args.repeat), args.against, args.against_path, args.dev_eval)
        print(table(results))
    if "corpus" in parts:
        sizes: tuple[int, ...] = (500, 2000) if args.smoke else CORPUS_SIZES
        if args.corpus_sizes:
            sizes = tuple(int(n) for n in args.corpus_sizes.split(",") if n.strip())
        results["corpus_mode"] = measure_corpus(args.defect_rate, args.seed, sizes)
        print(("\n" if per_file else "") + corpus_table(results["corpus_mode"]))
    results["benchmark_seconds"] = time.perf_counter() - started
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nresults: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
