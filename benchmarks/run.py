"""The lint-news benchmark: one run, every number side by side, ratios against the targets.

    python benchmarks/run.py            # 20 MB corpus (a few minutes on 2 cores)
    python benchmarks/run.py --size-mb 100
    python benchmarks/run.py --smoke    # 1 MB, seconds: checks the machinery, not the speed
    python benchmarks/run.py --only startup,cache   # some parts (throughput, cache, startup, rules)
    python benchmarks/run.py --repeat 5   # more interleaved runs per comparison (default 3)
    python benchmarks/run.py --only corpus   # corpus mode (near-duplicates) on 10,000 and 40,000 docs

Measured, each as a separate process on the same generated corpus (``generate.py``):

- ``lint-news -j 1 --no-cache`` and ``-j 2 --no-cache`` (MB/s), the full default rule set;
- a cold run with an empty cache and the warm re-run of the unchanged corpus (default jobs);
- start-up: ``lint-news FILE`` on the cleanest and on the dirtiest seed against
  ``python -c "import yaml, ftfy"`` (medians of interleaved runs);
- peak RSS of each run (``resource.getrusage(RUSAGE_CHILDREN)`` through a small wrapper, so
  worker processes count), on the full corpus and on a quarter of it (memory must stay flat);
- codespell over the same files, and a plain "read + decode + one regex" pass
  (``[ \\t]+$``, multiline, the trailing-whitespace check every linter has).
- each default rule alone (``--select RULE -j 1 --no-cache``) on the quarter corpus: CPU
  seconds and MB/s, against all rules together on the same files. The cheapest rule alone
  is close to the engine's own cost (reading, decoding, the document, the report); the
  others show what each rule adds, which is where the throughput gap comes from.

- corpus mode (``--only corpus``): ``lint-news corpus`` on 10,000 and 40,000 generated documents
  (1 % of them reposted copies with a new title, so that clusters exist), time and peak RSS,
  side by side. It runs with ``--select whitespace -j 1 --no-cache``: the cheapest rule, so that
  the rows show what corpus mode adds (reading, MinHash, LSH, exact comparisons), not the
  rules' cost, which the throughput rows measure.

Timings on a shared machine are noisy: only the ratios, measured in the same run, mean
anything, and one run of each side can put a ratio anywhere when neighbours steal CPU. So the
throughput and cache measurements are each taken ``--repeat`` times (default 3), interleaved
(-j 1, -j 2, codespell, the regex pass, cold, warm; again), and their medians are compared.
Results are printed as a table and written to ``benchmarks/out/results.json``.
"""

from __future__ import annotations

import argparse
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

TARGETS = {
    "vs_codespell": ("lint-news -j1 MB/s ÷ codespell MB/s", ">=", 2.0),
    "vs_regex_pass": ("read+decode+regex MB/s ÷ lint-news -j1 MB/s", "<=", 5.0),
    "jobs2_speedup": ("-j2 MB/s ÷ -j1 MB/s", ">=", 1.8),
    "warm_fraction": ("warm-cache time ÷ cold time", "<=", 0.05),
    "startup_clean": ("lint-news clean seed (not cached) ÷ import yaml, ftfy", "<=", 1.25),
    "rss_growth": ("peak RSS full corpus ÷ peak RSS quarter corpus", "<=", 1.25),
}


def lint_news_cmd() -> list[str]:
    exe = Path(PYTHON).with_name("lint-news")
    return [str(exe)] if exe.exists() else [PYTHON, "-m", "lint_news"]


def measure(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, float, int]:
    """(exit status, wall seconds, peak RSS in kB) of ``cmd`` and all its children."""
    done = subprocess.run([PYTHON, "-c", _WRAPPER, *cmd], cwd=cwd, env=env, capture_output=True,
                          text=True, check=True)
    code, elapsed, rss, cpu = done.stdout.split()
    CPU_SECONDS.append(float(cpu))
    return int(code), float(elapsed), int(rss)


def median_time(cmd: list[str], cwd: Path, env: dict[str, str], runs: int) -> float:
    return statistics.median(measure(cmd, cwd, env)[1] for _ in range(runs))


def corpus_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*.txt"))


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


PARTS = ("throughput", "cache", "startup", "rules", "corpus")
DEFAULT_PARTS = PARTS[:4]  # corpus mode needs lint-news[corpus] and minutes: only when asked
CORPUS_SIZES = (10_000, 40_000)  # documents, for the corpus-mode rows (--only corpus)


def run(size_mb: float, defect_rate: float, seed: int, startup_runs: int, smoke: bool,
        parts: tuple[str, ...] = PARTS, repeat: int = 3) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LINT_NEWS_")}
    env["CI"] = "1"  # no progress bar in measured runs
    # Measure lint-news as installed: pip compiles the package to bytecode, so a run never
    # compiles its modules from source (PYTHONDONTWRITEBYTECODE would make every run do so).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    where = "import lint_news, os; print(os.path.dirname(lint_news.__file__))"
    package = subprocess.run([PYTHON, "-c", where], env=env, capture_output=True, text=True,
                             check=True).stdout.strip()
    # checked-hash: the bytecode is checked against the source on import, so an edit made in
    # the same second as the compile can never run stale code in a working checkout
    subprocess.run([PYTHON, "-m", "compileall", "-q", "--invalidation-mode", "checked-hash", package],
                   env=env, capture_output=True, check=False)
    lint = lint_news_cmd()
    corpus = generate(size_mb, defect_rate, seed)
    quarter = generate(max(size_mb / 4, 0.25), defect_rate, seed)
    size = corpus_bytes(corpus)
    mb = size / 1e6
    work = Path(tempfile.mkdtemp(prefix="work-", dir=OUT))
    results: dict[str, object] = {
        "corpus": {"path": corpus.relative_to(REPO).as_posix(), "bytes": size,
                   "files": sum(1 for _ in corpus.rglob("*.txt")), "defect_rate": defect_rate, "seed": seed},
        "machine": {"python": platform.python_version(), "cores": os.cpu_count(),
                    "platform": platform.platform(), "load_average_at_start": _load()},
        "smoke": smoke,
        "repeat": repeat,
        "parts": list(parts),
    }
    single = double = cold = warm = spell = regex_pass = None
    rss_single = rss_double = rss_quarter = None
    cpu_single = cpu_double = None
    startup: dict[str, float | None] = dict.fromkeys(
        ("import", "clean", "dirty", "clean_cached", "clean_no_cache", "dirty_no_cache"))
    clean = dirty = None
    clean_n = dirty_n = None
    per_rule: dict[str, dict[str, float]] = {}
    base = [*lint, "--isolated", "--exit-zero", "--output-format", "concise"]
    try:
        def lint_run(*flags: str, target: Path = corpus) -> tuple[float, int]:
            code, seconds, rss = measure([*base, *flags, str(target)], work, env)
            if code != 0:  # --exit-zero: anything else is a crash or a usage error
                raise SystemExit(f"lint-news {' '.join(flags)} {target} failed with status {code}")
            return seconds, rss

        if not smoke:  # warm the page cache and the imports, so the first run is not penalised
            lint_run("--no-cache", "-j", "1", target=quarter)
        # Each comparison is measured ``repeat`` times, its runs interleaved, and the medians
        # kept: on a shared machine (a virtual machine whose neighbours steal CPU) one run of
        # each can put the ratio anywhere.
        times: dict[str, list[float]] = {name: [] for name in
                                         ("j1", "j2", "cpu_j1", "cpu_j2", "cold", "warm", "spell", "regex")}
        codespell = shutil.which("codespell", path=str(Path(PYTHON).parent)) or shutil.which("codespell")
        for _ in range(repeat):
            if "throughput" in parts:
                seconds, rss_single = lint_run("--no-cache", "-j", "1")
                times["j1"].append(seconds)
                times["cpu_j1"].append(CPU_SECONDS[-1])
                seconds, rss_double = lint_run("--no-cache", "-j", "2")
                times["j2"].append(seconds)
                times["cpu_j2"].append(CPU_SECONDS[-1])
                if codespell:
                    times["spell"].append(measure([codespell, str(corpus)], work, env)[1])
                times["regex"].append(measure([PYTHON, "-c", _REGEX_PASS, str(corpus)], work, env)[1])
            if "cache" in parts:
                shutil.rmtree(work / ".lint-news-cache", ignore_errors=True)
                times["cold"].append(lint_run()[0])
                times["warm"].append(lint_run()[0])
        if "throughput" in parts:
            _, rss_quarter = lint_run("--no-cache", "-j", "1", target=quarter)

        def median(name: str) -> float | None:
            return statistics.median(times[name]) if times[name] else None

        single, double, cold, warm = median("j1"), median("j2"), median("cold"), median("warm")
        cpu_single, cpu_double = median("cpu_j1"), median("cpu_j2")
        spell, regex_pass = median("spell"), median("regex")
        if "rules" in parts:
            per_rule = measure_rules(lint_run, quarter, work, env)
        if "startup" in parts:
            clean, clean_n, dirty, dirty_n = seed_extremes(lint, work, env)
            startup = measure_startup(lint, work, env, clean, dirty, startup_runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    def ratio(a: float | None, b: float | None) -> float | None:
        return None if a is None or b is None else a / b

    rate = {
        "lint_news_j1": ratio(mb, single),
        "lint_news_j2": ratio(mb, double),
        "codespell": ratio(mb, spell),
        "regex_pass": ratio(mb, regex_pass),
    }
    ratios = {
        "vs_codespell": ratio(rate["lint_news_j1"], rate["codespell"]),
        "vs_regex_pass": ratio(rate["regex_pass"], rate["lint_news_j1"]),
        "jobs2_speedup": ratio(rate["lint_news_j2"], rate["lint_news_j1"]),
        "warm_fraction": ratio(warm, cold),
        "startup_clean": ratio(startup["clean"], startup["import"]),
        "rss_growth": ratio(rss_single, rss_quarter),
    }
    results.update({
        "seconds": {"j1": single, "j2": double, "cold_cache": cold, "warm_cache": warm,
                    "codespell": spell, "regex_pass": regex_pass},
        "mb_per_s": rate,
        "cpu_seconds": {"j1": cpu_single, "j2": cpu_double, "j2_over_j1": ratio(cpu_double, cpu_single)},
        "rules_alone": {"corpus_bytes": corpus_bytes(quarter), "cpu_seconds": per_rule},
        "startup_seconds": startup,
        "startup_files": {"clean": clean.name if clean else None, "clean_findings": clean_n,
                          "dirty": dirty.name if dirty else None, "dirty_findings": dirty_n},
        "startup_dirty_ratio": ratio(startup["dirty"], startup["import"]),
        "peak_rss_kb": {"j1": rss_single, "j2": rss_double, "j1_quarter_corpus": rss_quarter},
        "ratios": ratios,
        "targets": {key: {"what": what, "op": op, "target": target,
                          "value": ratios[key], "met": _met(ratios[key], op, target)}
                    for key, (what, op, target) in TARGETS.items()},
    })
    results["machine"]["load_average_at_end"] = _load()  # type: ignore[index]
    return results


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


def measure_startup(lint: list[str], work: Path, env: dict[str, str], clean: Path, dirty: Path,
                    startup_runs: int) -> dict[str, float | None]:
    """Medians of interleaved one-file runs against ``python -c "import yaml, ftfy"``."""
    baseline_cmd = [PYTHON, "-c", "import yaml, ftfy"]
    default = [*lint, "--isolated", "--exit-zero"]
    uncached = [*default, "--no-cache"]
    names = ("import", "clean", "dirty", "clean_cached", "clean_no_cache", "dirty_no_cache")
    times: dict[str, list[float]] = {name: [] for name in names}

    def forget_results() -> None:
        """A pre-commit run on a changed file: the results cache misses (the parsed rule
        files stay known, as they do between commits)."""
        for entry in (work / ".lint-news-cache").glob("v*"):
            shutil.rmtree(entry, ignore_errors=True)

    subprocess.run([*default, str(clean)], cwd=work, env=env, capture_output=True)
    for _ in range(startup_runs):  # interleaved, so load changes hit all alike
        times["import"].append(measure(baseline_cmd, work, env)[1])
        forget_results()
        times["clean"].append(measure([*default, str(clean)], work, env)[1])
        times["clean_cached"].append(measure([*default, str(clean)], work, env)[1])
        forget_results()
        times["dirty"].append(measure([*default, str(dirty)], work, env)[1])
        times["clean_no_cache"].append(measure([*uncached, str(clean)], work, env)[1])
        times["dirty_no_cache"].append(measure([*uncached, str(dirty)], work, env)[1])
    return {k: statistics.median(v) for k, v in times.items()}


def _load() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):
        return None


def _met(value: float | None, op: str, target: float) -> bool | None:
    if value is None:
        return None
    return value >= target if op == ">=" else value <= target


def table(results: dict[str, object]) -> str:
    r = results
    rate, sec, rss = r["mb_per_s"], r["seconds"], r["peak_rss_kb"]  # type: ignore[index]
    st, files = r["startup_seconds"], r["startup_files"]  # type: ignore[index]
    corpus = r["corpus"]  # type: ignore[index]

    def f(value: float | None, unit: str = "", digits: int = 2) -> str:
        return "n/a" if value is None else f"{value:.{digits}f}{unit}"

    def ms(value: float | None) -> str:
        return f(None if value is None else value * 1000, " ms", 0)

    def mb(kb: int | None) -> str:
        return "n/a" if kb is None else f"{kb // 1024} MB"

    machine = r["machine"]  # type: ignore[index]
    lines = [
        f"machine: {machine['cores']} cores, Python {machine['python']}, load average "
        f"{machine['load_average_at_start']} at start, {machine['load_average_at_end']} at end",
        f"corpus: {corpus['files']} files, {corpus['bytes'] / 1e6:.1f} MB, "
        f"defect rate {corpus['defect_rate']}"
        f"{' (smoke run: numbers are not meaningful)' if r['smoke'] else ''}",
        f"throughput and cache rows: medians of {r.get('repeat', 1)} interleaved runs each",
        "",
        "| measurement | time | MB/s | peak RSS |",
        "| --- | ---: | ---: | ---: |",
        f"| lint-news -j 1 (no cache) | {f(sec['j1'], ' s')} | {f(rate['lint_news_j1'])} "
        f"| {mb(rss['j1'])} |",
        f"| lint-news -j 2 (no cache) | {f(sec['j2'], ' s')} | {f(rate['lint_news_j2'])} "
        f"| {mb(rss['j2'])} |",
        f"| (-j 2 CPU time ÷ -j 1 CPU time: the pool's overhead, independent of load) "
        f"| {f(r['cpu_seconds']['j2_over_j1'], '', 3)} | | |",  # type: ignore[index]
        f"| lint-news cold cache (default jobs) | {f(sec['cold_cache'], ' s')} | | |",
        f"| lint-news warm cache (unchanged corpus) | {f(sec['warm_cache'], ' s')} | | |",
        f"| lint-news -j 1 on a quarter of the corpus | | | {mb(rss['j1_quarter_corpus'])} |",
        f"| codespell | {f(sec['codespell'], ' s')} | {f(rate['codespell'])} | |",
        f"| read + decode + one regex | {f(sec['regex_pass'], ' s')} | {f(rate['regex_pass'])} | |",
        f"| python -c 'import yaml, ftfy' | {ms(st['import'])} | | |",
        f"| lint-news on clean seed {files['clean']} ({files['clean_findings']} findings), result not cached "
        f"| {ms(st['clean'])} | | |",
        f"| same, result cached | {ms(st['clean_cached'])} | | |",
        f"| same, --no-cache (rule files parsed too) | {ms(st['clean_no_cache'])} | | |",
        f"| lint-news on dirtiest seed {files['dirty']} ({files['dirty_findings']} findings), not cached "
        f"| {ms(st['dirty'])} | | |",
        f"| same, --no-cache | {ms(st['dirty_no_cache'])} | | |",
        "",
    ]
    alone = r.get("rules_alone") or {}  # type: ignore[union-attr]
    cpu = alone.get("cpu_seconds") or {}  # type: ignore[union-attr]
    if cpu:
        quarter_mb = alone["corpus_bytes"] / 1e6  # type: ignore[index]
        lines += [
            f"| rule, alone, -j 1 on the quarter corpus ({quarter_mb:.1f} MB) | CPU | MB/s |",
            "| --- | ---: | ---: |",
        ]
        lines += [f"| {rule} | {f(seconds, ' s')} | {f(quarter_mb / seconds if seconds else None)} |"
                  for rule, seconds in sorted(cpu.items(), key=lambda item: -item[1])]
        lines.append("")
    lines += [
        "| target | value | goal | met |",
        "| --- | ---: | ---: | :---: |",
    ]
    for target in r["targets"].values():  # type: ignore[union-attr]
        met = {True: "yes", False: "**no**", None: "n/a"}[target["met"]]
        goal = f"{target['op']} {target['target']}"
        lines.append(f"| {target['what']} | {f(target['value'], '', 3)} | {goal} | {met} |")
    dirty = f(r["startup_dirty_ratio"], "", 3)  # type: ignore[arg-type]
    lines.append(f"| (dirtiest seed, not cached, ÷ import yaml, ftfy) | {dirty} | | |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=20.0)
    parser.add_argument("--defect-rate", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--startup-runs", type=int, default=9)
    parser.add_argument("--repeat", type=int, default=3,
                        help="interleaved runs of each throughput and cache measurement (medians)")
    parser.add_argument("--smoke", action="store_true", help="1 MB and 3 start-up runs: seconds")
    parser.add_argument("--json", type=Path, default=OUT / "results.json")
    parser.add_argument("--only", default=",".join(DEFAULT_PARTS), metavar="PARTS",
                        help=f"comma-separated parts to measure, of {','.join(PARTS)} "
                        f"(default: {','.join(DEFAULT_PARTS)})")
    parser.add_argument("--corpus-sizes", default=None, metavar="N,N",
                        help="documents in each corpus-mode run (default: 10000,40000; --smoke: 500,2000)")
    args = parser.parse_args(argv)
    parts = tuple(part.strip() for part in args.only.split(",") if part.strip())
    unknown = sorted(set(parts) - set(PARTS))
    if unknown or not parts:
        wrong = unknown[0] if unknown else "(none)"
        parser.error(f"--only: unknown part {wrong!r}; choose from {', '.join(PARTS)}")
    if args.smoke:
        args.size_mb, args.startup_runs, args.repeat = 1.0, 3, 1
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    per_file = tuple(part for part in parts if part != "corpus")
    results: dict[str, Any] = {}
    if per_file:
        results = run(args.size_mb, args.defect_rate, args.seed, args.startup_runs, args.smoke, per_file,
                      max(1, args.repeat))
        print(table(results))
    if "corpus" in parts:
        sizes = (500, 2000) if args.smoke else CORPUS_SIZES
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
