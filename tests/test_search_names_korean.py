"""Names that are English words or stop words are found as written; Korean words are found inside compounds."""

import datetime

import pytest

from archive.search import SearchRequest, search
from archive.search.query import parse

pytestmark = pytest.mark.django_db


def titles(q, **kwargs):
    return [hit.article.title for hit in search(SearchRequest(q=q, **kwargs), facets=False).hits]


# Names


def test_name_that_is_a_stop_word_is_found_by_its_tag(make_article, make_tag):
    make_article("Profile of a striker", body="He scored twice.", tags=[make_tag("Will")])
    make_article("Forecast", body="It will rain and will snow.")
    assert titles("Will") == ["Profile of a striker"]
    assert titles("will") == ["Profile of a striker"]


def test_quoted_stop_words_find_the_title_that_has_them_together(make_article):
    make_article("The Who play Pyongyang", body="A concert.")
    make_article("Who runs the border", body="The guards who stay.")
    make_article("Market prices", body="The rice who the buyers.")
    assert titles('"The Who"') == ["The Who play Pyongyang"]
    assert titles("the who") == ["The Who play Pyongyang"]


def test_stop_word_name_beside_an_ordinary_word(make_article):
    make_article("Smith family flees", body="They will settle in Seoul.")
    make_article("Will Smith visits Seoul", body="The actor arrived.")
    results = search(SearchRequest(q="Will Smith"), facets=False)
    assert [hit.article.title for hit in results.hits][:1] == ["Will Smith visits Seoul"]
    assert results.fallback  # the other Smith only among the articles with some of the words


def test_capitalised_english_word_name_ranks_its_exact_spelling_first(make_article, make_tag):
    make_article(
        "Minister interviewed",
        body="Nothing here.",
        tags=[make_tag("Gates")],
        published_at=datetime.datetime(2010, 1, 1, tzinfo=datetime.UTC),
    )
    make_article(
        "Border repairs",
        body="Nothing here.",
        tags=[make_tag("Gate")],
        published_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
    )
    assert titles("Gates") == ["Minister interviewed", "Border repairs"]
    # Typed lowercase it is an ordinary word: both forms weigh the same and the newer article wins.
    assert titles("gates") == ["Border repairs", "Minister interviewed"]


def test_capitalised_name_that_stems_to_itself_is_found(make_article, make_tag):
    make_article("Meeting with envoys", body="The minister spoke.", tags=[make_tag("Rich")])
    make_article("Poor harvest", body="Nothing here.")
    assert titles("Rich") == ["Meeting with envoys"]


def test_acronym_that_is_a_stop_word_counts(make_article, make_tag):
    make_article("Sanctions eased", body="Let us see.")
    make_article("Sanctions tightened", body="Washington acted.", tags=[make_tag("US")])
    assert titles("US sanctions")[:1] == ["Sanctions tightened"]
    # Typed lowercase it is the pronoun, a stop word.
    assert set(titles("us sanctions")) == {"Sanctions eased", "Sanctions tightened"}


def test_lowercase_words_keep_stemming_and_ignore_stop_words(make_article):
    make_article("Fenced border", body="Soldiers patrol.")
    make_article("New fences", body="Built by the army.")
    make_article("A fence for the market", body="Traders wait.")
    expected = {"Fenced border", "New fences", "A fence for the market"}
    assert set(titles("fence")) == set(titles("fenced")) == set(titles("the fences")) == expected


def test_sentence_capitals_are_not_names():
    parsed = parse("Will sanctions work")
    assert [term.exact for unit in parsed.units for term in unit.terms] == [False, False, False]
    parsed = parse("Will Smith")
    assert [term.exact for unit in parsed.units for term in unit.terms] == [True, True]
    long_question = parse("What Will the new sanctions on the North change for traders")
    assert not any(term.exact for unit in long_question.units for term in unit.terms)


def test_ordinary_query_ranking_is_unchanged_by_exact_words(make_article):
    make_article("Fences along the river", body="Nothing here.")
    make_article("Nothing here", body="The fences along the river.")
    assert titles("fences") == ["Fences along the river", "Nothing here"]
    assert titles("Fences") == titles("fences")


# Korean


def test_korean_compound_is_found_by_its_part(make_article):
    make_article("북한양강도 소식", body="국경 지역의 시장이 열렸다.", language="ko")
    make_article("평양 소식", body="시장이 열렸다.", language="ko")
    assert titles("양강도") == ["북한양강도 소식"]


def test_two_syllable_korean_word_is_found_inside_a_longer_word(make_article):
    make_article("국경 소식", body="북한양강도혜산시 주민들이 말했다.", language="ko")
    make_article("평양 소식", body="주민들이 말했다.", language="ko")
    assert titles("혜산") == ["국경 소식"]
    assert titles("강도혜산") == ["국경 소식"]


def test_korean_word_at_the_start_ranks_above_one_inside_a_compound(make_article):
    make_article("안에 있음", body="북한양강도 시장.", language="ko")
    make_article("앞에 있음", body="양강도에서 시장.", language="ko")
    assert titles("양강도") == ["앞에 있음", "안에 있음"]


def test_korean_article_is_not_found_by_an_unrelated_word(make_article):
    make_article("북한양강도 소식", body="혜산에서 국경 경비가 강화되었다.", language="ko")
    assert titles("평양") == []
    assert titles("양평") == []
    assert titles("fence") == []


def test_latin_words_and_accents_in_korean_articles_still_match(make_article):
    make_article("회령 소식", body="Hoeryŏng 시장에서 UN 관계자가 말했다.", language="ko")
    assert titles("Hoeryong") == ["회령 소식"]
    assert titles("hoeryŏng 시장") == ["회령 소식"]
