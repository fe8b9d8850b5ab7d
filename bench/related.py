"""Micro-benchmark: related papers (generator.related) on synthetic archives.

    python -m bench.related 10000 100000

Synthetic papers: a Zipf-distributed vocabulary of 50,000 made-up words plus one of 500
topics (each with its own 40 words) per paper, a 10-word title and a 150-word abstract, so
that postings are as skewed as real text. Prints wall and CPU time (CPU time is the steadier
number on a shared machine) and the process's peak memory (RSS) before and after the call.
"""

from __future__ import annotations

import random
import resource
import sys
import time
from datetime import date
from itertools import accumulate

from generator.models import Paper
from generator.related import related_papers

VOCABULARY = 50_000
TOPICS = 500


def synthetic_papers(count: int, seed: int = 1) -> list[Paper]:
    rng = random.Random(seed)
    words = [f"w{i:x}q" for i in range(VOCABULARY)]
    weights = list(accumulate(1.0 / (rank + 1) for rank in range(VOCABULARY)))
    topics = [rng.sample(words[1000:], 40) for _ in range(TOPICS)]
    papers = []
    for i in range(count):
        topic = topics[rng.randrange(TOPICS)]
        text = rng.choices(words, cum_weights=weights, k=130) + rng.choices(topic, k=30)
        rng.shuffle(text)
        papers.append(
            Paper(
                key=f"arxiv:2601.{i:06d}",
                slug=f"paper-{i}",
                title=" ".join(text[:10]),
                abstract=" ".join(text[10:]),
                first_seen=date(2026, 1, 1),
            )
        )
    return papers


def main(sizes: list[int]) -> None:
    for size in sizes:
        papers = synthetic_papers(size)
        before_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        start, cpu = time.perf_counter(), time.process_time()
        related = related_papers(papers)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        with_related = sum(1 for found in related.values() if found)
        print(
            f"{size:>7} papers: {elapsed:6.2f} s wall, {cpu:6.2f} s CPU "
            f"({cpu / size * 1e6:.0f} µs/paper); peak RSS {before_mb:.0f} MB before, "
            f"{peak_mb:.0f} MB after; {with_related} papers with related"
        )


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [10_000])
