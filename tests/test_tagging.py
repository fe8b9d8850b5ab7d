from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.errors import ConfigError
from generator.models import Paper
from generator.readers import read_file
from generator.tagging import Taxonomy, compile_taxonomy, load_taxonomy
from tests.helpers import DAY, ROOT, SAMPLE


def paper(title: str, abstract: str = "") -> Paper:
    return Paper(key="k", slug="s", title=title, abstract=abstract, first_seen=DAY)


def names(taxonomy_spec: dict[str, list[str]], title: str, abstract: str = "") -> list[str]:
    taxonomy = compile_taxonomy(taxonomy_spec)
    return [tag.name for tag in taxonomy.tags_for(paper(title, abstract))]


def test_whole_words_case_insensitive() -> None:
    spec = {"Stats": ["statistics"], "Art": ["art"]}
    assert names(spec, "Bayesian STATISTICS today") == ["Stats"]
    assert names(spec, "Partial results") == []


def test_prefix_phrases_and_hyphens() -> None:
    spec = {"Opt": ["optimi*"], "HP": ["hyper parameter*"]}
    assert names(spec, "An optimizer", "tuning hyper-parameters") == ["Opt", "HP"]


def test_tags_keep_taxonomy_order_and_get_slugs() -> None:
    taxonomy = compile_taxonomy({"B & C": ["b"], "A": ["a"], "index": ["i"]})
    assert [t.name for t in taxonomy.tags] == ["B & C", "A", "index"]
    assert [t.slug for t in taxonomy.tags] == ["b-c", "a", "index-tag"]


def test_bundled_taxonomy_tags_every_sample_paper() -> None:
    taxonomy = load_taxonomy(ROOT / "data" / "taxonomy.yml")
    untagged = [
        r.title
        for r in read_file(SAMPLE).records
        if not taxonomy.tags_for(paper(r.title, r.abstract))
    ]
    assert untagged == []


def test_bundled_taxonomy_finds_the_topics_of_the_sample() -> None:
    taxonomy = load_taxonomy(ROOT / "data" / "taxonomy.yml")
    by_title = {r.title: r for r in read_file(SAMPLE).records}

    def tags_of(title: str) -> set[str]:
        record = by_title[title]
        return {t.name for t in taxonomy.tags_for(paper(record.title, record.abstract))}

    assert "Survival Analysis" in tags_of(
        "A Flexible Parametric Modelling Framework for Survival Analysis"
    )
    assert "Scaling Laws" in tags_of("(Mis)Fitting: A Survey of Scaling Laws")
    assert "Model Merging" in tags_of("Merging Models with Fisher-Weighted Averaging")
    assert "Astronomy & Astrophysics" in tags_of(
        "Phemenological Modelling of a Group of Eclipsing Binary Stars"
    )
    assert "Optimization" in tags_of("Adam: A Method for Stochastic Optimization")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("- a\n- b\n", "taxonomy must map tag names to lists of phrases"),
        ("ML: machine learning\n", "tag 'ML' must have a non-empty list of non-empty phrases"),
        ("ML: []\n", "tag 'ML' must have a non-empty list"),
        ("ML: ['*']\n", "tag 'ML' must have a non-empty list"),
        ("ML: [\n", "cannot read taxonomy"),
    ],
)
def test_invalid_taxonomy(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "taxonomy.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_taxonomy(path)
    assert message in caught.value.one_line()
    assert str(path) in caught.value.one_line()


def test_metadata_keywords_join_taxonomy_tags_by_slug_and_add_their_own() -> None:
    taxonomy = compile_taxonomy({"Machine Learning": ["machine learning"], "Stats": ["stat"]})
    a = replace(paper("Robots"), key="a", keywords=("Robotics", "machine learning"))
    b = replace(paper("Stat things"), key="b", keywords=("robotics", "Zoology", "Index"))
    extended = taxonomy.with_keywords([a, b])
    assert [(t.name, t.slug) for t in extended.tags] == [
        ("Machine Learning", "machine-learning"),
        ("Stats", "stats"),
        ("Index", "index-tag"),
        ("Robotics", "robotics"),
        ("Zoology", "zoology"),
    ]
    assert [t.name for t in extended.tags_for(a)] == ["Machine Learning", "Robotics"]
    assert [t.name for t in extended.tags_for(b)] == ["Stats", "Index", "Robotics", "Zoology"]


def test_a_metadata_tag_slug_does_not_depend_on_other_papers() -> None:
    taxonomy = compile_taxonomy({"A": ["a"]})
    alone = taxonomy.with_keywords([replace(paper("x"), keywords=("Sound",))])
    crowded = taxonomy.with_keywords(
        [replace(paper("x"), keywords=("Sound", "sound", "SOUND!", "Sounds"))]
    )
    assert next(t for t in alone.tags if t.name == "Sound").slug == "sound"
    assert {t.slug for t in crowded.tags} == {"a", "sound", "sounds"}


# Letters whose case-insensitive matching differs from lower(): dotless i, dotted I, long s,
# Kelvin sign.
TRICKY = "aAbBkKsS- \n\u0131\u0130\u017fK\u212a\u00e9"


@given(st.text(alphabet=st.sampled_from(TRICKY), max_size=40))
def test_the_quick_prefilter_never_changes_the_tags(text: str) -> None:
    spec = {"A": ["ab*", "sk"], "B": ["b a", "KS"], "C": ["é*", "ss"], "D": ["\u017fk"]}
    taxonomy = compile_taxonomy(spec)
    unfiltered = Taxonomy(taxonomy.rules)
    assert taxonomy.tags_for(paper(text)) == unfiltered.tags_for(paper(text))
    assert taxonomy.tags_for(paper("x", text)) == unfiltered.tags_for(paper("x", text))
