"""Generate a reproducible, news-like benchmark corpus from the seed articles.

    python benchmarks/generate.py --size-mb 20 --defect-rate 0.3 --seed 1

Articles are recombined from the sentences and paragraphs of the raw seed files in
``tests/fixtures/raw-seeds/`` (only those: never from any licensed evaluation data): a title,
sometimes a byline and a date line, then body paragraphs of shuffled seed sentences. Each
article then receives each kind of defect with probability ``--defect-rate``: stray
whitespace, run-together words, mojibake, an SEO-spam keyword, a missing date, a duplicated
block, a related-news boilerplate tail and a missing space after punctuation. The seeds' own
defects come along wherever their sentences are reused.

The same ``--seed``, size and rate always give byte-identical files. Output goes to
``benchmarks/out/corpus-<size>mb-r<rate>-s<seed>/`` (git-ignored), 500 articles per folder,
and a ``manifest.json`` records the parameters and the count of each injected defect.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SEEDS = REPO / "tests" / "fixtures" / "raw-seeds"
OUT = HERE / "out"

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ỹ“\"])")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_SPAM = ("soi kèo slovakia", "nhà cái uy tín", "tỷ lệ kèo", "casino trực tuyến")
_SECTIONS = ("POLITICS", "WORLD", "BUSINESS", "SOCIETY", "FOREIGN RELATION NEWS")
DEFECTS = ("whitespace", "run-together", "mojibake", "seo-spam", "missing-date",
           "duplicate-block", "boilerplate", "no-space-after-punctuation")


def load_seed_text() -> tuple[list[str], list[str], list[str]]:
    """Titles, body sentences and short lines (bylines, captions) from the raw seeds."""
    titles: list[str] = []
    sentences: list[str] = []
    short: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        lines = [line for line in lines if line]
        if not lines:
            continue
        titles.append(lines[0])
        for line in lines[1:]:
            words = line.split()
            if len(words) >= 12:
                sentences.extend(s for s in _SENTENCE.split(line) if len(s.split()) >= 5)
            elif 2 <= len(words) < 12:
                short.append(line)
    if not sentences:
        raise SystemExit(f"no seed text found in {SEEDS}")
    return titles, sentences, short


class Generator:
    def __init__(self, seed: int, defect_rate: float) -> None:
        self.rng = random.Random(seed)
        self.rate = defect_rate
        self.titles, self.sentences, self.short = load_seed_text()
        self.counts = dict.fromkeys(DEFECTS, 0)

    def _hit(self, defect: str) -> bool:
        if self.rng.random() < self.rate:
            self.counts[defect] += 1
            return True
        return False

    def _paragraph(self) -> str:
        return " ".join(self.rng.choice(self.sentences) for _ in range(self.rng.randint(1, 4)))

    def _date(self) -> str:
        rng = self.rng
        if rng.random() < 0.5:
            return f"{rng.choice(_MONTHS)} {rng.randint(1, 28)}, {rng.randint(2015, 2025)} - " \
                   f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
        return f"Ngày đăng {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2015, 2025)}"

    def article(self) -> str:
        rng = self.rng
        title = rng.choice(self.titles)
        if len(title) > 200:
            title = title[:200].rsplit(" ", 1)[0]
        head: list[str] = []
        if rng.random() < 0.2:
            head.append(rng.choice(_SECTIONS))
        head.append(title)
        if rng.random() < 0.4:
            head.append(rng.choice(self.short))
        if not self._hit("missing-date"):
            head.append(self._date())
        paragraphs = [self._paragraph() for _ in range(rng.randint(4, 14))]
        if self._hit("duplicate-block") and len(paragraphs) > 3:
            start = rng.randrange(len(paragraphs) - 2)
            paragraphs.extend(paragraphs[start:start + rng.randint(2, 3)])
        if self._hit("boilerplate"):
            paragraphs.append("RELATED NEWS")
            paragraphs.extend(rng.choice(self.titles) for _ in range(rng.randint(2, 4)))
        body = paragraphs
        if self._hit("whitespace"):
            i = rng.randrange(len(body))
            body[i] = rng.choice((body[i] + "  ", body[i].replace(" ", "  ", 1),
                                  body[i].replace(" ", "\u00a0 ", 1), "\t" + body[i]))
        if self._hit("run-together"):
            body = self._fuse(body)
        if self._hit("no-space-after-punctuation"):
            i = rng.randrange(len(body))
            body[i] = re.sub(r", (?=[a-z])", ",", body[i], count=1)
        if self._hit("mojibake"):
            i = rng.randrange(len(body))
            body[i] = self._mojibake(body[i])
        if self._hit("seo-spam"):
            spam = rng.choice(_SPAM)
            head[-1 if len(head) == 1 else 0] += rng.choice(("_", " ", "")) + spam
        separator = "\n\n" if rng.random() < 0.7 else "\n"
        text = separator.join([*head, *body])
        return text + ("\n" if rng.random() < 0.8 else "")

    def _fuse(self, body: list[str]) -> list[str]:
        i = self.rng.randrange(len(body))
        words = body[i].split(" ")
        candidates = [j for j in range(len(words) - 1)
                      if words[j].isalpha() and words[j + 1].isalpha() and words[j + 1].islower()]
        if candidates:
            j = self.rng.choice(candidates)
            words[j:j + 2] = [words[j] + words[j + 1]]
        body[i] = " ".join(words)
        return body

    def _mojibake(self, paragraph: str) -> str:
        words = paragraph.split(" ")
        j = self.rng.randrange(len(words))
        word = words[j] if not words[j].isascii() else words[j] + "’s"
        try:
            words[j] = word.encode("utf-8").decode("cp1252", errors="replace").replace("\ufffd", "\u009d")
        except UnicodeError:  # pragma: no cover
            words[j] = word
        return " ".join(words)


def generate(size_mb: float, defect_rate: float = 0.3, seed: int = 1, out: Path | None = None,
             force: bool = False) -> Path:
    """Write the corpus (skipped when an identical one is already there); its folder."""
    folder = out or OUT / f"corpus-{size_mb:g}mb-r{defect_rate:g}-s{seed}"
    manifest = folder / "manifest.json"
    params = {"size_mb": size_mb, "defect_rate": defect_rate, "seed": seed, "version": 1}
    if manifest.exists() and not force:
        try:
            if json.loads(manifest.read_text(encoding="utf-8"))["params"] == params:
                return folder
        except (ValueError, KeyError):
            pass
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    generator = Generator(seed, defect_rate)
    target = int(size_mb * 1_000_000)
    written = 0
    count = 0
    while written < target:
        data = generator.article().encode("utf-8")
        sub = folder / f"{count // 500:04d}"
        if count % 500 == 0:
            sub.mkdir()
        (sub / f"{count:06d}.txt").write_bytes(data)
        written += len(data)
        count += 1
    manifest.write_text(json.dumps({"params": params, "files": count, "bytes": written,
                                    "defects": generator.counts}, indent=2) + "\n", encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=20.0, help="corpus size in MB (1 to 100)")
    parser.add_argument("--defect-rate", type=float, default=0.3,
                        help="probability that an article gets each kind of defect")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--force", action="store_true", help="regenerate even if present")
    args = parser.parse_args(argv)
    if not 0 < args.size_mb <= 1000 or not 0 <= args.defect_rate <= 1:
        parser.error("--size-mb must be in (0, 1000] and --defect-rate in [0, 1]")
    folder = generate(args.size_mb, args.defect_rate, args.seed, args.out, args.force)
    print(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
