"""Related papers: for every paper, the most similar others by tf-idf cosine of title + abstract.

How it scales (N papers, L tokens per paper, T = TOP_TERMS, P = TOP_POSTINGS, both constants):

1. Tokenize every paper once: O(N * L) time; the token ids are kept as compact arrays.
2. Weights: sublinear tf (1 + log tf) times idf (log N/df), L2-normalised over the paper's
   whole vector. Each paper keeps only its T heaviest terms among those shared with at least
   one other paper: O(N * L) time, O(N * T) memory.
3. Inverted index, pruned: each term keeps the P papers where it weighs most: O(N * T log P).
4. Scoring a paper walks the postings of its T terms: at most T * P candidates, so
   O(N * T * P) in all -- linear in N, with no all-pairs comparison.

The score is the cosine restricted to those kept terms: the distinctive words two papers
share, which is what makes them related; it equals the exact cosine when both vectors have
at most T terms and no posting list was cut. Measured with `python -m bench.related`.

Deterministic: terms and postings are visited in a fixed order, scores are rounded to 1e-9
before comparing, and ties go to the smaller paper key.
"""

from __future__ import annotations

import heapq
import math
import re
from array import array
from collections import Counter
from collections.abc import Mapping, Sequence
from operator import itemgetter

from generator.models import Paper

RELATED = 5
TOP_TERMS = 10
TOP_POSTINGS = 32
_WORD = re.compile(r"[^\W\d_][^\W_]{2,}")
_STOPWORD_TEXT = (
    "the and for with that this from are was were which these those their its our has have "
    "been can not but also into such than then there they them using use used via over under "
    "between both each more most other some any all how what when where who why will would "
    "should could may might show shows shown paper propose proposed approach method methods "
    "results"
)
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def _document(paper: Paper) -> str:
    # The title twice: it is short and says most about what the paper is.
    return f"{paper.title}\n{paper.title}\n{paper.abstract}"


def _tokenize(papers: Sequence[Paper]) -> tuple[list[tuple[array[int], array[int]]], list[int]]:
    """Each paper's distinct term ids with their counts, and each term's document frequency."""
    vocabulary: dict[str, int] = {}
    documents: list[tuple[array[int], array[int]]] = []
    df: list[int] = []
    for paper in papers:
        counts = Counter(_WORD.findall(_document(paper).casefold()))
        terms, tfs = array("I"), array("I")
        for word, count in counts.items():
            if word in _STOPWORDS:
                continue
            term = vocabulary.get(word)
            if term is None:
                term = vocabulary[word] = len(df)
                df.append(0)
            df[term] += 1
            terms.append(term)
            tfs.append(count)
        documents.append((terms, tfs))
    return documents, df


def _top_terms(
    documents: list[tuple[array[int], array[int]]], df: list[int]
) -> tuple[list[list[tuple[int, float]]], dict[int, list[tuple[float, int]]]]:
    """Each paper's TOP_TERMS heaviest shared terms (term order), and the pruned postings."""
    n = len(documents)
    idf = [math.log(n / d) for d in df]
    log_tf = [0.0] + [1.0 + math.log(c) for c in range(1, 64)]
    tops: list[list[tuple[int, float]]] = []
    postings: dict[int, list[tuple[float, int]]] = {}
    for index, (terms, tfs) in enumerate(documents):
        weights = [
            (log_tf[c] if c < 64 else 1.0 + math.log(c)) * idf[t]
            for t, c in zip(terms, tfs, strict=True)
        ]
        norm = math.sqrt(math.fsum(w * w for w in weights)) or 1.0
        shared = [(w, t) for w, t in zip(weights, terms, strict=True) if w > 0 and df[t] > 1]
        top = sorted(heapq.nlargest(TOP_TERMS, shared), key=itemgetter(1))
        tops.append([(t, w / norm) for w, t in top])
        for w, t in top:
            postings.setdefault(t, []).append((w / norm, index))
    for term, posting in postings.items():
        if len(posting) > TOP_POSTINGS:
            posting.sort(key=lambda item: (-item[0], item[1]))
            del posting[TOP_POSTINGS:]
            posting.sort(key=itemgetter(1))
        postings[term] = posting
    return tops, postings


def related_papers(papers: Sequence[Paper], count: int = RELATED) -> dict[str, tuple[Paper, ...]]:
    """Paper key -> its `count` most similar papers, most similar first (no paper lists itself;
    papers that share no distinctive word with any other get an empty tuple)."""
    ordered = sorted(papers, key=lambda p: p.key)
    documents, df = _tokenize(ordered)
    tops, postings = _top_terms(documents, df)
    result: dict[str, tuple[Paper, ...]] = {}
    for index, top in enumerate(tops):
        scores: dict[int, float] = {}
        for term, weight in top:
            for other_weight, other in postings[term]:
                scores[other] = scores.get(other, 0.0) + weight * other_weight
        scores.pop(index, None)
        result[ordered[index].key] = tuple(ordered[i] for i in _best(scores, count))
    return result


def _best(scores: Mapping[int, float], count: int) -> list[int]:
    """The `count` highest-scoring indices; equal (rounded) scores go to the smaller index,
    which is the smaller paper key because papers are indexed in key order."""
    if len(scores) <= count:
        candidates = list(scores)
    else:
        cutoff = round(heapq.nlargest(count, scores.values())[-1], 9)
        candidates = [i for i, s in scores.items() if round(s, 9) >= cutoff]
    candidates.sort(key=lambda i: (-round(scores[i], 9), i))
    return candidates[:count]
