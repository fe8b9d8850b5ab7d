"""Related papers by tf-idf over title + abstract."""

from __future__ import annotations

import random
from datetime import date

from generator.models import Paper
from generator.related import related_papers

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
