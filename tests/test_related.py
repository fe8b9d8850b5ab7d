"""Related papers by tf-idf over title + abstract."""

from __future__ import annotations

import math
import random
from collections import Counter
from datetime import date

from generator.models import Paper
from generator.related import _STOPWORDS, _WORD, _document, related_papers

GREEK = "alpha beta gamma delta epsilon zeta theta kappa lambda sigma omega"
TOPICS = {
    "graphs": "graph neural network message passing node embedding",
    "galaxy": "galaxy redshift survey telescope cosmology dark matter",
    "protein": "protein folding structure prediction amino sequence",
}


def paper(key: str, title: str, abstract: str) -> Paper:
    return Paper(key=key, slug=key, title=title, abstract=abstract, first_seen=date(2026, 1, 1))


def corpus() -> list[Paper]:
    rng = random.Random(7)
    papers = []
    for topic, words in TOPICS.items():
        vocabulary = words.split()
        for i in range(6):
            body = " ".join(rng.choices(vocabulary, k=25))
            papers.append(paper(f"{topic}-{i}", f"On {topic} study {i}", f"We look at {body}."))
    return papers


def test_related_papers_share_the_topic_and_exclude_the_paper_itself() -> None:
    related = related_papers(corpus())
    for key, found in related.items():
        topic = key.split("-")[0]
        assert len(found) == 5
        assert key not in [p.key for p in found]
        assert all(p.key.startswith(topic) for p in found), (key, [p.key for p in found])


def test_result_does_not_depend_on_input_order() -> None:
    papers = corpus()
    shuffled = papers[:]
    random.Random(3).shuffle(shuffled)
    assert related_papers(papers) == related_papers(shuffled)


def test_ties_go_to_the_smaller_key() -> None:
    papers = [paper(k, "quasar", "quasar") for k in ("d", "b", "c", "a", "e", "f", "g")]
    papers.append(paper("z", "unrelated", "nothing shared"))
    related = related_papers(papers, count=3)
    assert [p.key for p in related["d"]] == ["a", "b", "c"]
    assert [p.key for p in related["a"]] == ["b", "c", "d"]
    assert related["z"] == ()


def test_tiny_archives() -> None:
    assert related_papers([]) == {}
    assert related_papers([paper("a", "x", "y")]) == {"a": ()}


def exact_cosine_neighbours(papers: list[Paper], count: int) -> dict[str, list[str]]:
    """The definition, computed the slow way: every pair, full tf-idf vectors."""
    bags = {
        p.key: Counter(w for w in _WORD.findall(_document(p).casefold()) if w not in _STOPWORDS)
        for p in papers
    }
    df = Counter(term for bag in bags.values() for term in bag)
    vectors = {}
    for key, bag in bags.items():
        vector = {t: (1 + math.log(c)) * math.log(len(papers) / df[t]) for t, c in bag.items()}
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        vectors[key] = {t: w / norm for t, w in vector.items()}
    result = {}
    for key, vector in vectors.items():
        scores = []
        for other, other_vector in vectors.items():
            score = sum(w * other_vector.get(t, 0.0) for t, w in vector.items())
            if other != key and score > 0:
                scores.append((-round(score, 9), other))
        result[key] = [other for _, other in sorted(scores)[:count]]
    return result


def test_equals_exact_cosine_when_nothing_is_pruned() -> None:
    """Few distinct shared words per paper (<= TOP_TERMS) and few papers per word (<=
    TOP_POSTINGS): the pruned index must give exactly the all-pairs cosine ranking."""
    rng = random.Random(11)
    words = GREEK.split()
    papers = [
        paper(f"p{i:02d}", rng.choice(words), " ".join(rng.choices(words, k=6))) for i in range(30)
    ]
    found = {key: [p.key for p in found] for key, found in related_papers(papers).items()}
    assert found == exact_cosine_neighbours(papers, 5)
