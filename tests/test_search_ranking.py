"""Ranking: field weights, rare words over common ones, all words first, proximity, recency, fallback."""

import datetime

import pytest

from archive.search import SearchRequest, refresh_search_stats, search

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.datetime(2010, 5, 1, tzinfo=datetime.UTC)
RECENT = datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC)


def order(q, **kwargs):
    return [hit.article.title for hit in search(SearchRequest(q=q, **kwargs), facets=False).hits]


def test_title_ranks_above_dek_above_caption_above_body(make_article):
    kwargs = {"published_at": LONG_AGO}
    make_article("Body", body="The fence was mended.", **kwargs)
    make_article("Caption", body="Nothing here.", captions=["A fence at dawn"], **kwargs)
    make_article("Dek", dek="About a fence.", body="Nothing here.", **kwargs)
    make_article("Fence title", body="Nothing here.", **kwargs)
    assert order("fence") == ["Fence title", "Dek", "Caption", "Body"]


def test_tag_counts_like_the_dek(make_article, make_tag):
    fence = make_tag("Fence")
    make_article("Tagged", body="Nothing here.", tags=[fence], published_at=LONG_AGO)
    make_article("In body", body="There is a fence.", published_at=LONG_AGO)
    assert order("fence") == ["Tagged", "In body"]


def test_rare_word_outweighs_common_word(make_article):
    for n in range(12):
        make_article(f"Market report {n}", body="The market opened.", published_at=LONG_AGO)
    make_article("Rare", body="Hyesan hyesan and nothing else.", published_at=LONG_AGO)
    make_article("Common", body="Market market and nothing else.", published_at=LONG_AGO)
    refresh_search_stats()
    results = order("hyesan market")
    assert results.index("Rare") < results.index("Common")


def test_a_page_of_articles_with_every_word_is_all_that_is_shown(make_article):
    from archive.search.limits import current_limits

    FALLBACK_BELOW = current_limits().fallback_below
    make_article("Fence fence fence", body="Fence fence fence fence.", published_at=LONG_AGO)
    for n in range(FALLBACK_BELOW):
        make_article(f"Both {n}", body="A fence near the river.", published_at=LONG_AGO)
    results = search(SearchRequest(q="fence river"), facets=False, per_page=50)
    assert not results.fallback and results.total == FALLBACK_BELOW
    assert {h.article.title for h in results.hits} == {f"Both {n}" for n in range(FALLBACK_BELOW)}


def test_articles_with_every_word_come_before_those_with_some(make_article):
    make_article("Fence fence fence", body="Fence fence fence fence.", published_at=LONG_AGO)
    for n in range(6):
        make_article(f"Both {n}", body="A fence near the river.", published_at=LONG_AGO)
    results = search(SearchRequest(q="fence river"), facets=False)
    assert results.fallback and results.every_word == 6 and results.total == 7
    titles = [h.article.title for h in results.hits]
    assert set(titles[:6]) == {f"Both {n}" for n in range(6)} and titles[6] == "Fence fence fence"


def test_few_articles_with_every_word_fall_back_to_some_words_after_them(make_article):
    make_article("Both", body="A fence near the river.", published_at=LONG_AGO)
    make_article("Fence only", body="A fence fence fence.", published_at=LONG_AGO)
    make_article("River only", body="A river river river.", published_at=LONG_AGO)
    results = search(SearchRequest(q="fence river"), facets=False)
    assert results.fallback
    titles = [h.article.title for h in results.hits]
    assert titles[0] == "Both" and set(titles[1:]) == {"Fence only", "River only"}


def test_long_natural_language_query_is_never_empty(make_article):
    make_article("Smuggling on the Yalu", body="Smugglers carry phones across the river at night.")
    results = search(SearchRequest(q="what do we know about phones being smuggled over the border by night"))
    assert results.fallback and results.total == 1


def test_phrase_and_proximity_rank_before_scattered_words(make_article):
    make_article("Scattered", body="The border was quiet. Far away, a guard post was empty.", published_at=LONG_AGO)
    make_article("Together", body="Officials said the border guard was quiet. Nothing else.", published_at=LONG_AGO)
    assert order("border guard") == ["Together", "Scattered"]


def test_newer_article_wins_a_tie(make_article):
    make_article("Old", body="The fence.", published_at=LONG_AGO)
    make_article("New", body="The fence.", published_at=RECENT)
    assert order("fence") == ["New", "Old"]


def test_sort_by_newest_and_oldest(make_article):
    make_article("Old fence", published_at=LONG_AGO)
    make_article("Fence in title, fence again", published_at=RECENT - datetime.timedelta(days=400))
    make_article("New fence", published_at=RECENT)
    assert order("fence", sort="newest") == ["New fence", "Fence in title, fence again", "Old fence"]
    assert order("fence", sort="oldest") == ["Old fence", "Fence in title, fence again", "New fence"]


def test_rank_is_reported_and_decreasing(make_article):
    make_article("Fence", body="fence", published_at=LONG_AGO)
    make_article("Other", body="a fence", published_at=LONG_AGO)
    ranks = [hit.rank for hit in search(SearchRequest(q="fence")).hits]
    assert ranks == sorted(ranks, reverse=True) and ranks[0] > 0


def test_queryset_search_is_ranked_and_annotated(make_article):
    from archive.models import Article

    make_article("Body", body="A fence.", published_at=LONG_AGO)
    make_article("Fence", body="Nothing.", published_at=LONG_AGO)
    make_article("Unrelated", body="Nothing.", published_at=LONG_AGO)
    found = list(Article.objects.published().search("fences"))
    assert [a.title for a in found] == ["Fence", "Body"]
    assert found[0].rank > found[1].rank
    assert list(Article.objects.search("")) == []


def test_bounded_ranking_of_a_common_word_keeps_the_best_and_sees_new_articles(make_article, settings):
    settings.ARCHIVE_SEARCH_LIMITS = {
        "common_df": 5,
        "min_stored_df": 5,
        "impact_list_size": 12,
        "exhaustive_limit": 10,
        "single_term_exhaustive_limit": 10,
        "bounded_depth": 5,
    }
    for n in range(40):
        make_article(
            f"Report {n}" + (" on the fence" if n % 4 == 0 else ""),
            body="The fence. " * (1 + n % 5) + "Other words here. " * (n % 7),
            published_at=LONG_AGO,
        )
    refresh_search_stats()
    fast = search(SearchRequest(q="fence"), facets=False, per_page=5)
    reference = search(SearchRequest(q="fence"), facets=False, per_page=5, exhaustive=True)
    assert fast.plan.ranking.method == "bounded" and reference.plan.ranking.method == "exhaustive"
    assert fast.total == reference.total == 40
    assert [h.article.id for h in fast.hits] == [h.article.id for h in reference.hits]
    newest = make_article("Fence fence", body="fence fence fence", published_at=RECENT)
    after = search(SearchRequest(q="fence"), facets=False, per_page=5)
    assert after.plan.ranking.method == "bounded" and after.hits[0].article == newest
    # A common word without an impact list (statistics older than the word) is ranked exhaustively.
    for n in range(12):
        make_article(f"Hyesan {n}", body="hyesan " * (n + 1), published_at=LONG_AGO)
    unlisted = search(SearchRequest(q="hyesan"), facets=False, per_page=5)
    assert unlisted.total == 12 and len(unlisted.hits) == 5
    assert unlisted.plan.ranking.method == "exhaustive"
