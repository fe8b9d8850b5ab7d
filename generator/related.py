"""Related papers: for every paper, the most similar others by tf-idf cosine of title + abstract.

How it scales (N papers, L tokens per paper, T = TOP_TERMS, P = TOP_POSTINGS, both constants):

1. Tokenize every paper once: O(N * L), the one step in Python (regex, Counter, dict lookups
   all in C); the rest works on flat numpy arrays, one entry per (paper, distinct term).
2. Weights: sublinear tf (1 + ln tf) times idf (ln N/df), L2-normalised over the paper's whole
   vector. Each paper keeps its T heaviest terms among those shared with another paper.
3. Inverted index, pruned: each term keeps the P papers where it weighs most.
4. Scoring a paper walks the postings of its T terms: at most T * P candidate pairs per paper,
   summed per pair and cut to the best `count`. O(N * T * P) in all -- linear in N, with no
   all-pairs comparison. Steps 2 and 4 run BLOCK papers at a time, so that besides the token
   arrays (three int32 per distinct term of each paper) memory is O(N * T + BLOCK * T * P).

numpy (not scipy's sparse products, which would build every pair sharing any term) does steps
2-4. `python -m bench.related 10000 100000` (synthetic Zipf text, 160 words a paper) measured
1.0 s CPU for 10,000 papers and 13.9 s CPU and 270 MB of peak memory for 100,000, most of it
tokenizing; the same algorithm in pure Python took about 60 s at 100,000.

The score is the cosine restricted to the kept terms: the distinctive words two papers share,
which is what makes them related. It equals the exact cosine when every paper has at most T
shared terms and no term is shared by more than P papers (small archives).

Deterministic: arrays are built in paper-key order and sorted stably, scores are rounded to
1e-9 before comparing, and ties go to the smaller paper key.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from generator.models import Paper

RELATED = 5
TOP_TERMS = 10
TOP_POSTINGS = 24
BLOCK = 4096
_WORD = re.compile(r"[^\W\d_][^\W_]{2,}")
_STOPWORD_TEXT = (
    "the and for with that this from are was were which these those their its our has have "
    "been can not but also into such than then there they them using use used via over under "
    "between both each more most other some any all how what when where who why will would "
    "should could may might show shows shown paper propose proposed approach method methods "
    "results"
)
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())

IntArray = npt.NDArray[np.int32]
"""Paper indexes, term ids and counts: int32 halves the memory of the largest arrays."""
FloatArray = npt.NDArray[np.float64]


def _document(paper: Paper) -> str:
    # The title twice: it is short and says most about what the paper is.
    return f"{paper.title}\n{paper.title}\n{paper.abstract}"


def _tokenize(papers: Sequence[Paper]) -> tuple[IntArray, IntArray, IntArray]:
    """One entry per (paper, distinct term): paper index, term id, term count. Ids go straight
    into flat C arrays: millions of small Python objects would cost memory and GC time."""
    vocabulary: defaultdict[str, int] = defaultdict()
    vocabulary.default_factory = vocabulary.__len__  # a new word gets the next id
    terms, counts, lengths = array("i"), array("i"), array("i")
    for paper in papers:
        words = Counter(_WORD.findall(_document(paper).casefold()))
        for stopword in _STOPWORDS.intersection(words):
            del words[stopword]
        terms.extend(map(vocabulary.__getitem__, words))
        counts.extend(words.values())
        lengths.append(len(words))
    doc = np.repeat(np.arange(len(lengths), dtype=np.int32), np.frombuffer(lengths, np.int32))
    return doc, np.frombuffer(terms, np.int32), np.frombuffer(counts, np.int32)


def _rank_in_group(keys: npt.NDArray[np.integer]) -> npt.NDArray[np.intp]:
    """For a sorted array, each position's rank within its run of equal keys (0, 1, ...)."""
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    return np.arange(len(keys)) - np.repeat(starts, np.diff(np.r_[starts, len(keys)]))


def _top_terms(
    doc: IntArray, term: IntArray, tf: IntArray, n: int
) -> tuple[IntArray, IntArray, FloatArray]:
    """Each paper's TOP_TERMS heaviest shared terms with their normalised weights, worked out
    BLOCK papers at a time so that the temporaries stay small (entries are in paper order)."""
    df = np.bincount(term)
    idf = np.log(n / np.maximum(df, 1))
    kept: list[tuple[IntArray, IntArray, FloatArray]] = []
    for low in range(0, n, BLOCK):
        start, end = np.searchsorted(doc, [low, low + BLOCK])
        d, t = doc[start:end], term[start:end]
        weight = (1.0 + np.log(tf[start:end])) * idf[t]
        norms = np.sqrt(np.bincount(d - low, weights=weight * weight, minlength=BLOCK))
        weight = weight / np.where(norms > 0, norms, 1.0)[d - low]
        shared = (df[t] > 1) & (weight > 0)
        d, t, weight = d[shared], t[shared], weight[shared]
        keep = _top(d, weight, TOP_TERMS)
        kept.append((d[keep], t[keep], weight[keep]))
    if not kept:
        return doc, term, np.zeros(0)
    return (
        np.concatenate([k[0] for k in kept]),
        np.concatenate([k[1] for k in kept]),
        np.concatenate([k[2] for k in kept]),
    )


def _top(group: IntArray, weight: FloatArray, keep: int) -> npt.NDArray[np.bool_]:
    """A mask of the entries among the `keep` heaviest of their group. Weights lie in (0, 1],
    so one stable sort on `2 * group - weight` orders by group, then by weight, heaviest
    first; equal weights keep their input order (paper-key order, term order)."""
    order = np.argsort(2.0 * group - weight, kind="stable")
    mask = np.zeros(len(group), dtype=bool)
    mask[order[_rank_in_group(group[order]) < keep]] = True
    return mask


@dataclass(frozen=True, slots=True)
class _Postings:
    """The pruned inverted index: term t's papers and weights are entries starts[t] to
    starts[t] + lengths[t] of `doc` and `weight`."""

    starts: npt.NDArray[np.intp]
    lengths: npt.NDArray[np.intp]
    doc: IntArray
    weight: FloatArray


def related_papers(papers: Sequence[Paper], count: int = RELATED) -> dict[str, tuple[Paper, ...]]:
    """Paper key -> its `count` most similar papers, most similar first (no paper lists itself;
    papers that share no distinctive word with any other get an empty tuple)."""
    ordered = sorted(papers, key=lambda p: p.key)
    n = len(ordered)
    doc, term, weight = _top_terms(*_tokenize(ordered), n)
    # Postings: per term, its TOP_POSTINGS heaviest papers, grouped by term.
    in_postings = _top(term, weight, TOP_POSTINGS)
    by_term = np.lexsort((doc[in_postings], term[in_postings]))
    post_term = term[in_postings][by_term]
    vocabulary = int(term.max()) + 1 if len(term) else 0
    postings = _Postings(
        starts=np.searchsorted(post_term, np.arange(vocabulary)),
        lengths=np.bincount(post_term, minlength=vocabulary),
        doc=doc[in_postings][by_term],
        weight=weight[in_postings][by_term],
    )

    best: list[list[int]] = [[] for _ in range(n)]
    for low in range(0, n, BLOCK):
        block = (doc >= low) & (doc < low + BLOCK)
        _score_block(doc[block], term[block], weight[block], postings, n, count, best)
    return {
        paper.key: tuple(ordered[i] for i in best[index]) for index, paper in enumerate(ordered)
    }


def _score_block(
    q_doc: IntArray,
    q_term: IntArray,
    q_weight: FloatArray,
    postings: _Postings,
    n: int,
    count: int,
    best: list[list[int]],
) -> None:
    """Score the query entries of a block of papers against the postings of their terms and
    store each paper's `count` best in `best`."""
    fan = postings.lengths[q_term]
    query = np.repeat(np.arange(len(q_term)), fan)
    offset = np.arange(len(query)) - np.repeat(np.cumsum(fan) - fan, fan)
    posting = postings.starts[q_term][query] + offset
    left, right = q_doc[query], postings.doc[posting]
    score = q_weight[query] * postings.weight[posting]
    other = left != right
    pair = left[other].astype(np.int64) * n + right[other]
    score = score[other]
    order = np.argsort(pair, kind="stable")
    pair, score = pair[order], score[order]
    if not len(pair):
        return
    heads = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]])
    totals = np.round(np.add.reduceat(score, heads), 9)
    pairs = pair[heads]
    left, right = pairs // n, pairs % n
    # By paper, then score, highest first; equal scores stay in `right` (paper-key) order.
    ranked = np.argsort(2.0 * left - totals, kind="stable")
    left, right = left[ranked], right[ranked]
    chosen = _rank_in_group(left) < count
    for a, b in zip(left[chosen].tolist(), right[chosen].tolist(), strict=True):
        best[a].append(b)
