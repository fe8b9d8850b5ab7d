"""The arXiv API Atom reader, on the real sample and small broken or hostile cases."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from generator.errors import InputError
from generator.models import Link
from generator.readers import ReadResult, read_bytes, read_file
from tests.helpers import FIXTURES

ARXIV_SAMPLE = FIXTURES / "arxiv-api-query.xml"
HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">'
)


def entry(
    id: str = "http://arxiv.org/abs/2601.00001v2",
    title: str = "A Title",
    summary: str = "An abstract.",
    extra: str = "",
) -> str:
    parts = [f"<id>{id}</id>" if id else "", f"<title>{title}</title>" if title else ""]
    parts.append(f"<summary>{summary}</summary><published>2026-01-02T03:04:05Z</published>")
    return "<entry>" + "".join(parts) + extra + "</entry>"


def read(*entries: str, head: str = HEAD) -> ReadResult:
    text = head + "".join(entries) + "</feed>"
    return read_bytes(text.encode(), where="q.xml", source="q.xml")


def test_real_sample() -> None:
    result = read_file(ARXIV_SAMPLE)
    assert len(result.records) == 5 and result.diagnostics == ()
    mana = result.records[0]
    assert mana.arxiv_id == "2606.13677"
    assert mana.title == "Mana: Dexterous Manipulation of Articulated Tools"
    assert mana.authors == ("Zhao-Heng Yin", "Guanya Shi", "Pieter Abbeel", "C. Karen Liu")
    assert mana.published == datetime(2026, 6, 11, 17, 59, 49, tzinfo=UTC)
    assert mana.updated == datetime(2026, 6, 11, 17, 59, 49, tzinfo=UTC)
    assert mana.links == (
        Link("arxiv", "https://arxiv.org/abs/2606.13677"),
        Link("pdf", "https://arxiv.org/pdf/2606.13677"),
    )
    assert mana.keywords == (
        "Robotics",
        "Artificial Intelligence",
        "Computer Vision",
        "Machine Learning",
    )
    assert "(<1 minute per tool)" in mana.abstract
    assert mana.comment == "Project Page: https://zhaohengyin.github.io/mana"
    assert Link("project", "https://zhaohengyin.github.io/mana") not in mana.links
    cup = result.records[2]
    assert cup.keywords == ("Machine Learning", "Mathematical Physics")
    assert [r.arxiv_id for r in result.records] == [
        "2606.13677",
        "2606.13591",
        "2606.13568",
        "2606.13515",
        "2606.13501",
    ]


def test_wrapped_indented_text_is_joined() -> None:
    wrapped = entry(
        title="Attention Is\n      All You Need",
        summary="\n  The dominant sequence transduction models\n  are based on\tRNNs.\n",
    )
    (record,) = read(wrapped).records
    assert record.title == "Attention Is All You Need"
    assert record.abstract == "The dominant sequence transduction models are based on RNNs."


def test_categories_primary_first_unknown_code_kept_and_doi_linked() -> None:
    extra = (
        '<category term="stat.ML"/><category term="cs.LG"/><category term="xx.ZZ"/>'
        '<arxiv:primary_category term="cs.CL"/><arxiv:doi>10.1000/abc.1</arxiv:doi>'
    )
    (record,) = read(entry(extra=extra)).records
    assert record.keywords == ("Computation and Language", "Machine Learning", "xx.ZZ")
    assert Link("doi", "https://doi.org/10.1000/abc.1") in record.links


def test_bad_doi_drops_the_link_only() -> None:
    result = read(entry(extra="<arxiv:doi>javascript:x</arxiv:doi>"))
    assert len(result.records) == 1
    assert [str(d) for d in result.warnings] == [
        "q.xml: record 1: arxiv:doi: not a DOI: 'javascript:x'; link dropped"
    ]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (entry(title=""), "q.xml: record 2: title: missing; skipped"),
        (entry(summary="  "), "q.xml: record 2: summary: empty; skipped"),
        (entry(id=""), "q.xml: record 2: id: missing; skipped"),
        (
            entry(id="http://example.org/x"),
            "q.xml: record 2: id: not an arXiv id (like 2401.12345): "
            "'http://example.org/x'; skipped",
        ),
        (
            entry(extra="<updated>soon</updated>"),
            "q.xml: record 2: updated: not an ISO 8601 date: 'soon'; skipped",
        ),
    ],
)
def test_bad_entry_is_skipped_and_named(bad: str, message: str) -> None:
    result = read(entry(id="2601.00001"), bad, entry(id="2601.00003"))
    assert [r.arxiv_id for r in result.records] == ["2601.00001", "2601.00003"]
    assert [str(d) for d in result.rejected] == [message]


def test_entity_expansion_is_refused() -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&b;</title></entry></feed>'
    )
    with pytest.raises(InputError) as caught:
        read_bytes(bomb.encode(), where="q.xml", source="q.xml")
    assert caught.value.one_line() == (
        "q.xml: XML refused: EntitiesForbidden (entity declarations are not allowed) "
        "(give an arXiv API response as saved)"
    )


def test_external_entity_is_refused() -> None:
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&x;</title></entry></feed>'
    )
    with pytest.raises(InputError, match="XML refused: EntitiesForbidden"):
        read_bytes(xxe.encode(), where="q.xml", source="q.xml")


def test_api_error_response_is_an_error() -> None:
    error = entry(
        id="http://arxiv.org/api/errors#incorrect_id_format_for_1234",
        title="Error",
        summary="incorrect id format for 1234",
    )
    with pytest.raises(InputError) as caught:
        read(error)
    assert caught.value.one_line() == (
        "q.xml: record 1: the arXiv API answered with an error: incorrect id format for 1234 "
        "(fix the query)"
    )


def test_not_atom_and_not_xml() -> None:
    with pytest.raises(InputError) as caught:
        read_bytes(b"<rss><channel/></rss>", where="q.xml", source="q.xml")
    assert caught.value.one_line() == (
        "q.xml: not an Atom feed (root element 'rss') "
        "(give an arXiv API response, or choose another --format)"
    )
    with pytest.raises(InputError, match=r"^not well-formed XML: mismatched tag: line 1"):
        read_bytes(b"<feed><entry></feed>", where="q.xml", source="q.xml")


def test_empty_feed_has_no_records() -> None:
    assert read().records == ()


def test_nameless_author_is_left_out_with_a_warning() -> None:
    authors = "<author><name>Ada</name></author><author><name> </name></author>"
    result = read(entry(extra=authors))
    assert result.records[0].authors == ("Ada",)
    assert [str(d) for d in result.warnings] == ["q.xml: record 1: author[1]: no name; left out"]
