"""The query language: web-search syntax, stemming, accents, and input that must never raise."""

import datetime

import pytest

from archive.models import Article
from archive.search import SearchRequest, search
from archive.search.query import parse

pytestmark = pytest.mark.django_db


def titles(results):
    return [hit.article.title for hit in results.hits]


def run(q, **kwargs):
    return search(SearchRequest(q=q, **kwargs), facets=False)


def test_parse_reads_phrases_or_and_exclusions():
    parsed = parse('fence "Hyesan market" OR Sinuiju -smuggling -"river crossing"')
    assert [unit.label for unit in parsed.units] == ["fence", '"Hyesan market" OR Sinuiju']
    assert [term.text for term in parsed.excluded] == ["smuggling", "river crossing"]


def test_stemming_finds_other_forms(make_article):
    make_article("New fences along the river")
    make_article("Unrelated report")
    assert titles(run("fenced")) == ["New fences along the river"]


def test_case_and_accents_do_not_matter(make_article):
    make_article("Market day in Hoeryŏng")
    assert titles(run("HOERYONG")) == ["Market day in Hoeryŏng"]
    make_article("Trade through Hoeryong", body="Traders")
    assert set(titles(run("hoeryŏng"))) == {"Market day in Hoeryŏng", "Trade through Hoeryong"}


def test_phrase_needs_the_words_together(make_article):
    make_article("Border fence repaired", body="Soldiers repaired the border fence.")
    make_article("Fence and border", body="A fence stands far from the border of the county.")
    assert titles(run('"border fence"')) == ["Border fence repaired"]


def test_excluded_word_removes_articles(make_article):
    make_article("Smuggling on the river", body="Smugglers crossed the river.")
    make_article("Fishing on the river", body="Fishermen crossed the river.")
    assert titles(run("river -smuggling")) == ["Fishing on the river"]


def test_or_finds_either(make_article):
    make_article("Hyesan market", body="x")
    make_article("Sinuiju market", body="x")
    make_article("Pyongyang market", body="x")
    assert set(titles(run("Hyesan OR Sinuiju"))) == {"Hyesan market", "Sinuiju market"}


@pytest.mark.parametrize(
    "q",
    [
        '"',
        '"unclosed phrase',
        "the of and",
        "-",
        "OR",
        "OR OR fence",
        "fence OR",
        "!!!:*&|()",
        "a" * 2000,
        "fence\x00\x07\x1b river",
        "'; DROP TABLE archive_article; --",
        "<script>alert(1)</script>",
        "   ",
        "fence -",
        '"" ""',
        "\u202e\ufeffriver",
        "혜산",
    ],
)
def test_malformed_input_never_errors(make_article, q):
    make_article("River fence", body="A fence by the river.")
    results = run(q)
    assert results.total >= 0
    assert Article.objects.count() == 1


def test_only_stop_words_find_nothing_without_error(make_article):
    make_article("The river", body="Of the river and the fence.")
    results = run("the of and")
    assert results.total == 0 and results.hits == []


def test_empty_query_lists_filtered_articles_newest_first(make_article):
    old = make_article("Old report", published_at=datetime.datetime(2015, 1, 1, tzinfo=datetime.UTC))
    new = make_article("New report", published_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    assert [hit.article for hit in run("").hits] == [new, old]


def test_bad_request_values_raise_a_clear_error():
    with pytest.raises(ValueError, match="sort must be one of"):
        SearchRequest(q="x", sort="loudest")
    with pytest.raises(ValueError, match="tag_mode"):
        SearchRequest(q="x", tag_mode="some")
    with pytest.raises(ValueError, match="date_from must be a date"):
        SearchRequest(q="x", date_from="yesterday")


def test_korean_articles_match_words_with_particles(make_article):
    make_article("혜산에서 밀수 단속", body="혜산에서 국경 경비가 강화되었다.", language="ko")
    assert titles(run("혜산")) == ["혜산에서 밀수 단속"]


@pytest.mark.django_db(transaction=False)
def test_arbitrary_text_never_errors(make_article):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    make_article("Kim Jong-un at the Hyesan fence", body="Smugglers crossed the river.")

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.text(max_size=80) | st.text(alphabet=" \"-ORor()&|!:*\\'abc혜산ŏ", max_size=30))
    def check(q):
        results = search(SearchRequest(q=q), facets=True)
        assert results.total >= 0

    check()
