"""Every way search() counts and ranks, each reached on one small archive with the limits lowered.

Large archives take these paths; here the sizes they go by (archive.search.limits) are lowered through
settings so that a few dozen articles take each of them, and the plan recorded in the results says
which ran. Each bounded page is compared with exhaustive ranking of the same request.
"""

import datetime

import pytest

from archive.search import SearchRequest, refresh_search_stats, search
from archive.search.plans import COUNTING_METHODS, RANKING_METHODS
from tests.factories import make_article, make_tag

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.datetime(2010, 5, 1, tzinfo=datetime.UTC)
RECENT = datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC)

SMALL = {
    "common_df": 5,
    "min_stored_df": 5,
    "impact_list_size": 12,
    "exhaustive_limit": 10,
    "single_term_exhaustive_limit": 10,
    "bounded_depth": 5,
}


@pytest.fixture
def archive(settings):
    settings.ARCHIVE_SEARCH_LIMITS = SMALL
    border = make_tag("Border")
    for n in range(24):
        # n words of its own: each a different length, so no two score alike.
        own_words = " ".join(f"w{i}x" for i in range(n))
        make_article(f"Recent {n}", body="The fence. " * 6 + own_words, published_at=RECENT, tags=[border])
    for n in range(24):
        make_article(f"Old {n}", body="The fence. " * (1 + n % 3) + "Other words. " * n, published_at=LONG_AGO)
    make_article("River crossing", body="They crossed the river by the fence.", published_at=LONG_AGO)
    for n in range(3):
        make_article(f"Bridge {n}", body="A bridge over the river.", published_at=LONG_AGO)
    refresh_search_stats()


def test_every_counting_and_ranking_path_is_reached(archive, settings, monkeypatch):
    from archive import facets

    reached = {"counting": set(), "ranking": set()}

    def run(q="", limits=None, per_page=5, **request):
        settings.ARCHIVE_SEARCH_LIMITS = SMALL | (limits or {})
        results = search(SearchRequest(q=q, **request), per_page=per_page)
        reached["counting"].add(results.plan.counting.method)
        reached["ranking"].add(results.plan.ranking.method)
        if results.plan.ranking.method.startswith("bounded"):
            reference = search(SearchRequest(q=q, **request), per_page=per_page, exhaustive=True)
            assert reference.plan.ranking.method == "exhaustive"
            assert [h.article.id for h in results.hits] == [h.article.id for h in reference.hits]
        return results

    only_filters = run(tags=["border"])
    assert only_filters.plan.counting.method == "filters" and only_filters.total == 24
    assert only_filters.plan.ranking.method == "by date"
    assert run(limits={"count_limit": 20}, tags=["border"]).plan.counting.method == "filters, estimated"
    assert run("½").plan.counting.method == "unsearchable"

    bridge = run("bridge")
    assert (bridge.plan.counting.method, bridge.plan.ranking.method, bridge.total) == ("every word", "exhaustive", 3)
    fence = run("fence")
    assert (fence.plan.counting.method, fence.plan.ranking.method, fence.total) == ("every word", "bounded", 49)
    assert fence.plan.ranking.top == 10
    estimated = run("fence", limits={"count_limit": 20})
    assert estimated.plan.counting.method == "every word, estimated" and estimated.total_is_estimate
    # Fewer than fallback_below have both words: those with either follow.
    some = run("river bridge fence", per_page=10)
    assert some.plan.counting.method == "some words" and some.fallback and some.every_word == 0
    assert run("river bridge fence", limits={"count_limit": 20}).plan.counting.method == "some words, estimated"
    # The old articles are all below the recent ones in the list: none of its candidates pass the year.
    old = run("fence", year=2010)
    assert old.plan.ranking.method == "bounded, widened" and len(old.hits) == 5
    assert {h.article.title[:3] for h in old.hits} == {"Old"}
    assert run("fence", sort="newest").plan.ranking.method == "by date"

    monkeypatch.setattr(facets, "SAMPLE_EVERY", 2)
    sampled = run("fence", limits={"sampled_above": 10})
    assert sampled.plan.counting.method == "sample" and sampled.total_is_estimate and sampled.facets_are_estimates
    monkeypatch.setattr(facets, "THIN_SAMPLE_EVERY", 4)
    thin = run("fence", limits={"sampled_above": 10, "thin_sample_matches": 3})
    assert thin.plan.counting.method == "thin sample" and thin.total_is_estimate

    assert reached == {"counting": set(COUNTING_METHODS), "ranking": set(RANKING_METHODS)}


def test_limits_are_read_at_each_call(archive, settings):
    settings.ARCHIVE_SEARCH_LIMITS = SMALL
    assert search(SearchRequest(q="fence"), per_page=5).plan.ranking.method == "bounded"
    settings.ARCHIVE_SEARCH_LIMITS = SMALL | {"exhaustive_limit": 100, "single_term_exhaustive_limit": 100}
    assert search(SearchRequest(q="fence"), per_page=5).plan.ranking.reason == "few matches"


def test_an_unknown_limit_is_a_clear_error(settings):
    from archive.search.limits import current_limits

    settings.ARCHIVE_SEARCH_LIMITS = {"exhaustive_limt": 3}
    with pytest.raises(ValueError, match="unknown exhaustive_limt"):
        current_limits()


def test_a_name_with_many_spellings_ranks_its_lists_candidates_not_every_match(settings):
    """A tagged article holds every spelling of its tag in its tag text, so the spellings' lists hold mostly the
    same articles: counted once, they cannot hold every match, and the lists' candidates are ranked."""
    settings.ARCHIVE_SEARCH_LIMITS = SMALL
    place = make_tag("Hoeryong", aliases=["Hoeryeong", "Huining", "Kaesong-ri"], kind="place")
    for n in range(30):
        # n words of its own: each a different length, so no two score alike.
        own_words = " ".join(f"w{i}x" for i in range(n))
        make_article(f"Market day {n}", body=f"Traders came. {own_words}", published_at=RECENT, tags=[place])
    refresh_search_stats()

    results = search(SearchRequest(q="Hoeryong"), per_page=5)

    # Four spellings' lists of 10 would be 40, more than the 30 matches; counted once they are 10.
    assert results.total == 30
    assert results.plan.ranking.method == "bounded" and results.plan.ranking.budget >= 40
    reference = search(SearchRequest(q="Hoeryong"), per_page=5, exhaustive=True)
    assert [h.article.id for h in results.hits] == [h.article.id for h in reference.hits]
