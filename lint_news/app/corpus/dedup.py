"""Cross-document near-duplicates: MinHash + LSH over word shingles, confirmed exactly.

The same story reaches a corpus many times: scraped twice, retitled, with another date line,
inside another page's chrome, or quoted whole by a longer article. Comparing every pair is
quadratic, so each document is reduced to a MinHash signature of its word shingles
(datasketch) and only the pairs that locality-sensitive hashing puts in a common bucket are
compared. Candidates are then confirmed with an exact measure (rapidfuzz): the longest common
subsequence of the two word sequences over the length of the shorter one, i.e. the share of
the shorter document found, in order, in the longer. A retitled copy scores just under 1, a
copy wrapped in page chrome or contained in a longer article scores 1, two stories on the same
topic score far lower.

Memory: texts are never kept; they are read again from disk for the candidate pairs only. The
LSH bands are those datasketch's ``MinHashLSH`` chooses for the threshold and weights, but they
are kept as one 64-bit hash per band in a numpy array (256 bytes a document with 32 bands)
instead of in ``MinHashLSH``'s tables, whose Python objects cost about 8 KB a document: more
than the text of a typical article, on a 40,000-document corpus some 300 MB.
"""

from __future__ import annotations

import datetime
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...core.lazy import lazy_module
from ...text.words import words

if TYPE_CHECKING:
    import datasketch
    import numpy as np
    from rapidfuzz import distance as rapidfuzz_distance
else:  # the ``corpus`` extra, imported when a corpus is first deduplicated
    datasketch = lazy_module("datasketch")
    np = lazy_module("numpy")
    rapidfuzz_distance = lazy_module("rapidfuzz.distance")

# Defaults (documented in docs/corpus.md and `lint-news corpus --help`)
THRESHOLD = 0.9  # exact similarity for two documents to be the same story
LSH_THRESHOLD = 0.3  # estimated shingle Jaccard for a pair to be compared at all
# LSH tuned for recall (datasketch's false-positive and false-negative weights): a false
# candidate costs one exact comparison, a missed one is a duplicate never reported. With 128
# permutations this is 32 bands of 2 rows: a pair at Jaccard 0.35 (a short story inside a
# longer version of it) is a candidate 98.5 % of the time, one at 0.5 99.99 %.
LSH_WEIGHTS = (0.1, 0.9)
SHINGLE_SIZE = 5  # words per shingle
NUM_PERM = 128  # MinHash permutations: ~1 KB of signature per document
MIN_WORDS = 30  # shorter documents are never called duplicates (a caption is not a story)
SEED = 1
MAX_DF = 50  # shingles in more documents than this are not signed (see Deduplicator)
PREFILTER = 0.5  # candidates whose signatures agree on less than this share of lsh_threshold are dropped
BIG_BUCKET = 64  # a band bucket with more documents is paired as a star, not all pairs
MIN_RARE = 8  # fewer rare shingles than this: the document is signed with its MIN_RARE least common

__all__ = ["Cluster", "Deduplicator", "cluster_texts", "shingle_hashes", "similarity", "words"]


def shingle_hashes(tokens: list[str], size: int) -> list[int]:
    """32-bit hashes of the distinct ``size``-word shingles, computed as a rolling polynomial of
    the words' CRC-32 with numpy: hashing each joined shingle with SHA-1 (datasketch's default)
    cost 4 ms a document, most of the corpus run. Deterministic across runs and processes."""
    ids = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in tokens), dtype=np.uint64, count=len(tokens))
    count = max(len(tokens) - size + 1, 1)
    hashes = np.zeros(count, dtype=np.uint64)
    for offset in range(min(size, len(tokens))):
        hashes = (hashes * np.uint64(1_000_003) + ids[offset : offset + count]) & np.uint64(0xFFFFFFFF)
    values: list[int] = np.unique(hashes).tolist()
    return values


def similarity(a: list[str], b: list[str]) -> float:
    """The share of the shorter word sequence found, in order, in the longer (exact LCS)."""
    if not a or not b:
        return 0.0
    distance = rapidfuzz_distance.Indel.distance(a, b)  # len(a) + len(b) - 2 * LCS
    common = (len(a) + len(b) - distance) // 2
    return common / min(len(a), len(b))


@dataclass
class Document:
    """What dedup keeps of one file: never its text."""

    path: str
    words: int
    date: datetime.date | None = None
    findings: int = 0


@dataclass
class Cluster:
    """One story found more than once: ``kept`` and the others, each with its similarity to it."""

    kept: str
    members: list[tuple[str, float]] = field(default_factory=list)  # (path, similarity), kept first

    @property
    def duplicates(self) -> list[str]:
        return [path for path, _ in self.members if path != self.kept]

    def as_dict(self) -> dict[str, Any]:
        return {
            "kept": self.kept,
            "members": [
                {"path": p, "similarity": round(s, 4), "kept": p == self.kept} for p, s in self.members
            ],
        }


class Deduplicator:
    """Record documents one at a time (``add``), then ask for ``clusters()``.

    Two passes, because the shingles shared by many documents say nothing about which story a
    document is (a wire service's standard sentence, a site's footer, the stock phrases of a
    generated corpus) and, kept, they make unrelated documents look alike to LSH: every pair
    becomes a candidate and the run turns quadratic. ``add`` counts in how many documents each
    shingle occurs (a count-min sketch of fixed size: memory does not grow with the corpus);
    the second pass (``clusters``) reads each document again and signs only its shingles found
    in at most ``max_df`` documents (its ``MIN_RARE`` least common ones if fewer are left, so a
    story syndicated more than ``max_df`` times is still found: its copies choose alike).
    Candidates from LSH are then confirmed exactly. ``read`` gives a document's text again,
    for the second pass and for the candidates; the last few texts' words are kept for the next
    comparison.
    """

    def __init__(
        self,
        read: Callable[[str], str],
        *,
        threshold: float = THRESHOLD,
        lsh_threshold: float = LSH_THRESHOLD,
        shingle_size: int = SHINGLE_SIZE,
        num_perm: int = NUM_PERM,
        min_words: int = MIN_WORDS,
        max_df: int = MAX_DF,
    ) -> None:
        if not 0 < threshold <= 1 or not 0 < lsh_threshold <= 1:
            raise ValueError("thresholds are between 0 (exclusive) and 1")
        if shingle_size < 1:
            raise ValueError("the shingle size is at least one word")
        self.read = read
        self.threshold = threshold
        self.shingle_size = shingle_size
        self.num_perm = num_perm
        self.min_words = min_words
        self.max_df = max_df
        # datasketch's choice of bands (b) and rows per band (r) for this threshold and weights
        lsh = datasketch.MinHashLSH(threshold=lsh_threshold, num_perm=num_perm, weights=LSH_WEIGHTS)
        self.bands, self.rows = int(lsh.b), int(lsh.r)
        self.prefilter = lsh_threshold * PREFILTER
        self.documents: dict[str, Document] = {}
        self.pairs: dict[tuple[str, str], float] = {}
        self.compared = 0
        self.candidates = 0
        self._words: dict[str, list[str]] = {}
        self._permutations: Any = None
        self._sketch = _Sketch()
        self._indexed = False

    def signature(self, hashes: list[int]) -> Any:
        if self._permutations is None:  # drawn once, not per document
            first = datasketch.MinHash(num_perm=self.num_perm, seed=SEED, hashfunc=int)
            self._permutations = (first.permutations, first.scheme)
        permutations, scheme = self._permutations
        minhash = datasketch.MinHash(
            num_perm=self.num_perm, seed=SEED, permutations=permutations, scheme=scheme, hashfunc=int
        )
        minhash.update_batch(hashes)
        return minhash

    def add(self, path: str, text: str, date: datetime.date | None = None, findings: int = 0) -> None:
        """Pass one: remember the document's few facts and count its shingles."""
        tokens = words(text)
        self.documents[path] = Document(path, len(tokens), date, findings)
        if len(tokens) >= self.min_words:
            self._sketch.add(shingle_hashes(tokens, self.shingle_size))

    def index(self) -> None:
        """Pass two: sign each document's rare shingles, band the signatures, confirm candidates.

        Two documents are candidates when all ``rows`` values of one of their ``bands`` bands
        are equal (each band hashed to 64 bits; a hash collision only adds a candidate, which
        the exact comparison rejects). Equal band hashes are found by sorting each band's
        column, so the candidates come out in one vectorised pass per band.
        """
        if self._indexed:
            return
        self._indexed = True
        paths: list[str] = []
        signed: list[Any] = []
        signatures: list[Any] = []
        width = self.bands * self.rows
        mixers = (np.arange(1, self.rows + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)) | np.uint64(1)
        for path, doc in self.documents.items():
            if doc.words < self.min_words:
                continue
            tokens = self._tokens(path)
            hashes = shingle_hashes(tokens, self.shingle_size)
            values = self.signature(self._sketch.rare(hashes, self.max_df, MIN_RARE)).hashvalues
            bands = values[:width].astype(np.uint64).reshape(self.bands, self.rows)
            with np.errstate(over="ignore"):
                signed.append((bands * mixers).sum(axis=1, dtype=np.uint64))
            signatures.append(values.astype(np.uint32))  # affine32 values: 32 bits each
            paths.append(path)
        if len(paths) < 2:
            return
        table = np.vstack(signed)
        del signed
        first, second = _candidates(table)
        del table
        self.candidates = len(first)
        # A band shared by chance (two documents with a few shingles in common) makes a
        # candidate that the full signature already rules out: compare the signatures first
        # (estimated Jaccard, vectorised), and read texts only for pairs that pass.
        matrix = np.vstack(signatures)
        del signatures
        keep = np.zeros(len(first), dtype=bool)
        for start in range(0, len(first), 4096):
            a, b = first[start:start + 4096], second[start:start + 4096]
            keep[start:start + 4096] = (matrix[a] == matrix[b]).mean(axis=1) >= self.prefilter
        for one, two in zip(first[keep].tolist(), second[keep].tolist(), strict=True):
            self._confirm(paths[one], paths[two], self._tokens(paths[two]))

    def _confirm(self, other: str, path: str, tokens: list[str]) -> None:
        self.compared += 1
        score = similarity(self._tokens(other), tokens)
        if score >= self.threshold:
            self.pairs[(other, path)] = score

    def _tokens(self, path: str) -> list[str]:
        cached = self._words.get(path)
        if cached is None:
            if len(self._words) >= 32:
                self._words.pop(next(iter(self._words)))
            cached = self._words[path] = words(self.read(path))
        return cached

    def clusters(self) -> list[Cluster]:
        """Connected groups of confirmed pairs, each reported once, in the order of their kept file."""
        self.index()
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            parent.setdefault(x, x)
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for a, b in self.pairs:
            parent[find(a)] = find(b)
        groups: dict[str, list[str]] = {}
        for path in parent:
            groups.setdefault(find(path), []).append(path)
        clusters = []
        for group in groups.values():
            clusters.extend(self._split(group))
        clusters.sort(key=lambda c: c.kept)
        return clusters

    def _split(self, group: list[str]) -> list[Cluster]:
        """Clusters around a kept file: every member is the same story *as the kept one*.

        Confirmed pairs alone would chain: a page quoting two stories would join them into one
        cluster and ``--fix`` would delete one of two different articles. So the kept file is
        chosen first and takes only what is similar to it; the rest may form further clusters.
        """
        clusters = []
        remaining = sorted(group, key=self._keep_order)
        while len(remaining) > 1:
            kept = remaining[0]
            kept_words: list[str] | None = None
            scored = [(kept, 1.0)]
            rest = []
            for path in remaining[1:]:
                score = self.pairs.get((kept, path), self.pairs.get((path, kept)))
                if score is None:
                    if kept_words is None:
                        kept_words = words(self.read(kept))
                    score = similarity(kept_words, words(self.read(path)))
                if score >= self.threshold:
                    scored.append((path, score))
                else:
                    rest.append(path)
            if len(scored) > 1:
                scored[1:] = sorted(scored[1:])
                clusters.append(Cluster(kept, scored))
            remaining = [
                p for p in rest if any((p, q) in self.pairs or (q, p) in self.pairs for q in rest if q != p)
            ]
        return clusters

    def _keep_order(self, path: str) -> tuple[int, datetime.date, int, int, str]:
        """Earliest date first (undated last), then the cleanest (fewest findings), then the
        longest (a full copy over a truncated one), then the path, for a stable answer."""
        doc = self.documents[path]
        return (doc.date is None, doc.date or datetime.date.max, doc.findings, -doc.words, path)


def _candidates(table: Any) -> tuple[Any, Any]:
    """Index pairs (first < second, sorted, distinct) of rows sharing a value in any column."""
    count = table.shape[0]
    chunks = []
    for band in range(table.shape[1]):
        column = table[:, band]
        order = np.argsort(column, kind="stable")
        ordered = column[order]
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        sizes = np.diff(np.r_[starts, count])
        pairs = starts[sizes == 2]  # most buckets: two documents, paired at once
        low = np.minimum(order[pairs], order[pairs + 1]).astype(np.uint64)
        high = np.maximum(order[pairs], order[pairs + 1]).astype(np.uint64)
        chunks.append(low * np.uint64(count) + high)
        for start, size in zip(starts[sizes > 2].tolist(), sizes[sizes > 2].tolist(), strict=True):
            members = np.sort(order[start:start + size]).astype(np.uint64)
            if size > BIG_BUCKET:  # many copies of one story: each against the first
                chunks.append(members[0] * np.uint64(count) + members[1:])
            else:
                upper = np.triu_indices(size, 1)
                chunks.append(members[upper[0]] * np.uint64(count) + members[upper[1]])
    keys = np.unique(np.concatenate(chunks)) if chunks else np.zeros(0, dtype=np.uint64)
    return (keys // np.uint64(count)).astype(np.intp), (keys % np.uint64(count)).astype(np.intp)


class _Sketch:
    """In how many documents each shingle hash occurs, at most: a count-min sketch (two rows of
    2**23 saturating byte counters, 16 MB whatever the corpus size; collisions only ever raise
    a count, so a rare shingle may be dropped, never a common one kept)."""

    BITS = 23

    def __init__(self) -> None:
        self.rows = np.zeros((2, 1 << self.BITS), dtype=np.uint8)

    def _slots(self, hashes: Any) -> tuple[Any, Any]:
        values = np.asarray(hashes, dtype=np.uint64)
        mask = np.uint64((1 << self.BITS) - 1)
        first = values & mask
        second = ((values * np.uint64(0x9E3779B1)) >> np.uint64(32 - self.BITS + 9)) & mask
        return first.astype(np.intp), second.astype(np.intp)

    def add(self, hashes: list[int]) -> None:
        """Count one document's distinct shingle hashes (``shingle_hashes`` gives them distinct)."""
        if not hashes:
            return
        for row, slots in zip(self.rows, self._slots(hashes), strict=True):
            slots = np.unique(slots)
            row[slots] = np.minimum(row[slots].astype(np.uint16) + 1, 255).astype(np.uint8)

    def rare(self, hashes: list[int], max_df: int, least: int) -> list[int]:
        """The hashes counted in at most ``max_df`` documents; if fewer than ``least`` are, the
        ``least`` least common ones (ties by hash value, so copies of one text choose alike).

        Falling back to every shingle instead made documents made of common text (a story
        syndicated everywhere, or the benchmark's generated articles, recombined from a small
        pool of sentences) all look alike: 604,572 exact comparisons on 40,000 generated
        documents, against 103 on 10,000.
        """
        if not hashes:
            return []
        first, second = self._slots(hashes)
        counts = np.minimum(self.rows[0][first], self.rows[1][second])
        values = np.asarray(hashes, dtype=np.uint64)
        chosen = counts <= max_df
        if int(chosen.sum()) < least:
            order = np.lexsort((values, counts))[:least]
            kept: list[int] = values[order].tolist()
            return kept
        rare: list[int] = values[chosen].tolist()
        return rare


def cluster_texts(texts: Iterable[tuple[str, str]], **options: Any) -> list[Cluster]:
    """Clusters among in-memory ``(id, text)`` pairs (tests, small jobs, the datatrove stats)."""
    store = dict(texts)
    dedup = Deduplicator(store.__getitem__, **options)
    for key, text in store.items():
        dedup.add(key, text)
    return dedup.clusters()
