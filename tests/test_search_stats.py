"""The statistics refresh: full when much changed, otherwise only the changed articles are read."""

import datetime

import pytest

from archive.models import SearchImpact, SearchWord
from archive.search import SearchRequest, refresh_search_stats, search
from archive.search.plans import RankingPlan
from archive.textsearch import SEARCH_SAMPLE_EVERY

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.datetime(2010, 5, 1, tzinfo=datetime.UTC)
RECENT = datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC)


SMALL_LISTS = {
    # Words in 5 articles or more are common and get lists of their 12 best; from 10 matches up (a
    # page 5 deep at most) relevance ranks the lists' candidates: the paths a large archive takes.
    "common_df": 5,
    "min_stored_df": 5,
    "impact_list_size": 12,
    "exhaustive_limit": 10,
    "single_term_exhaustive_limit": 10,
    "bounded_depth": 5,
    "small_archive": 0,
    "full_refresh_share": 0.5,
}


@pytest.fixture
def small_lists(settings):
    settings.ARCHIVE_SEARCH_LIMITS = SMALL_LISTS


def test_a_small_change_is_folded_in_incrementally(make_article, small_lists):
    for n in range(40):
        make_article(f"Report {n}", body="The fence. " * (1 + n % 5) + "Other words. " * (n % 7), published_at=LONG_AGO)
    assert refresh_search_stats()["full"]
    unchanged = refresh_search_stats()
    assert not unchanged["full"] and unchanged["changed"] == 0

    newest = make_article("Fence fence", body="fence fence fence Zanzibarite", published_at=RECENT)
    summary = refresh_search_stats()
    assert not summary["full"] and summary["changed"] == 1
    # The new article joined the word's candidate list, its new word the vocabulary.
    assert SearchImpact.objects.filter(lexeme="fenc", article_id=newest.id).exists()
    assert SearchWord.objects.filter(word="zanzibarite").exists()
    assert SearchImpact.objects.filter(lexeme="fenc").count() <= 15
    fast = search(SearchRequest(q="fence"), facets=False, per_page=5)
    reference = search(SearchRequest(q="fence"), facets=False, per_page=5, exhaustive=True)
    assert fast.plan.ranking.method == "bounded", fast.plan.ranking
    assert fast.hits[0].article == newest
    assert [h.article.id for h in fast.hits] == [h.article.id for h in reference.hits]


def test_a_large_change_refreshes_in_full(make_article, small_lists):
    for n in range(10):
        make_article(f"Report {n}", body="The fence.", published_at=LONG_AGO)
    refresh_search_stats()
    for n in range(20):
        make_article(f"More {n}", body="The fence.", published_at=LONG_AGO)
    assert refresh_search_stats()["full"]
    assert not refresh_search_stats(full=False)["full"]


def test_a_phrase_search_reads_its_matches_once(make_article, make_tag, django_assert_num_queries):
    tag = make_tag("Border")
    for n in range(6):
        make_article(
            f"Crossing {n}",
            body="They crossed the river fence at night." if n % 2 else "A fence by the river.",
            tags=[tag],
        )
    results = search(SearchRequest(q='"river fence"'))
    assert results.total == 3 and not results.total_is_estimate
    assert {h.article.title for h in results.hits} == {"Crossing 1", "Crossing 3", "Crossing 5"}
    assert results.facets["tags"][0]["count"] == 3


def test_a_one_word_search_ranks_only_the_top_of_its_list(make_article, small_lists):
    # bounded_depth 5: the 10 best entries of the list are ranked.
    for n in range(40):
        make_article(
            f"Report {n}" + (" on the fence" if n % 4 == 0 else ""),
            body="The fence. " * (1 + n % 5) + "Other words here. " * (n % 7),
            published_at=LONG_AGO,
        )
    refresh_search_stats()
    fast = search(SearchRequest(q="fence"), facets=False, per_page=5)
    reference = search(SearchRequest(q="fence"), facets=False, per_page=5, exhaustive=True)
    assert fast.plan.ranking == RankingPlan("bounded", top=10, budget=10)
    assert [h.article.id for h in fast.hits] == [h.article.id for h in reference.hits]


def test_planner_hints_end_with_the_query_that_needs_them(make_article, make_tag, settings):
    from django.db import connection

    # Every word counts as common and every result as large: the sample is read, under the hints.
    settings.ARCHIVE_SEARCH_LIMITS = {"common_df": 1, "sampled_above": 1}
    tag = make_tag("Border")
    make_article("Fence", body="A fence.", tags=[tag])
    make_article("Other fence", body="A fence.")
    search(SearchRequest(q="fence", tags=["border"]))
    search(SearchRequest(q="fence"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan')")
        assert cursor.fetchone() == ("on", "on")


@pytest.mark.django_db(transaction=True)
def test_a_search_leaves_its_planner_hints_to_its_own_commit(make_article, make_tag, settings):
    """Hints are local to their transaction: a search in autocommit sets them once and spends no round
    trip putting them back, and a tag filter (served by the tag ids' own index) is not hinted at all."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.ARCHIVE_SEARCH_LIMITS = {"common_df": 1, "sampled_above": 1}
    tag = make_tag("Border")
    fence = make_article("Fence", body="A fence.", tags=[tag])
    if fence.id % SEARCH_SAMPLE_EVERY == 0:  # in the sample it would be estimated there, not counted
        fence.delete()
        make_article("Fence", body="A fence.", tags=[tag])
    with CaptureQueriesContext(connection) as queries:
        found = search(SearchRequest(q="fence"), facets=False)
    assert found.total == 1 and found.plan.counting.method == "every word"  # the sample read, then counted
    hints = [q["sql"] for q in queries if "set_config('enable_" in q["sql"]]
    assert len(hints) == 1 and "current_setting" not in hints[0]
    settings.ARCHIVE_SEARCH_LIMITS = {"common_df": 1}
    with CaptureQueriesContext(connection) as queries:
        assert search(SearchRequest(q="fence", tags=["border"])).total == 1
    assert not [q for q in queries if "set_config('enable_" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan')")
        assert cursor.fetchone() == ("on", "on")


def test_a_filter_that_few_listed_articles_pass_still_gets_the_best_page(make_article, small_lists):
    # The list holds the 12 best "fence" articles, all recent; the reader asks for an old year.
    for n in range(16):
        make_article(f"Recent {n}", body="The fence. " * 6, published_at=RECENT)
    # More of them than the list holds, so that the list alone is not every match.
    old = [
        make_article(f"Old {n}", body="The fence. " * (1 + n % 3) + "Other words. " * n, published_at=LONG_AGO)
        for n in range(20)
    ]
    refresh_search_stats()
    req = SearchRequest(q="fence", year=2010)
    fast = search(req, facets=False, per_page=5)
    reference = search(req, facets=False, per_page=5, exhaustive=True)
    assert fast.total == 20
    assert fast.plan.ranking.method == "bounded, widened", fast.plan.ranking
    assert len(fast.hits) == 5
    assert [h.article.id for h in fast.hits] == [h.article.id for h in reference.hits]
    assert {h.article for h in fast.hits} <= set(old)


def test_a_phrase_of_common_words_is_estimated_from_the_sample(make_article, monkeypatch, settings):
    from archive import facets

    monkeypatch.setattr(facets, "SAMPLE_EVERY", 2)
    settings.ARCHIVE_SEARCH_LIMITS = SMALL_LISTS | {"sampled_above": 10}
    together = {make_article(f"Together {n}", body="A river fence here.").id for n in range(20)}
    for n in range(20):
        make_article(f"Apart {n}", body="A fence by the river.")
    refresh_search_stats()
    results = search(SearchRequest(q='"river fence"'), per_page=20)
    assert results.total_is_estimate and results.facets_are_estimates
    assert 10 <= results.total <= 30
    assert {h.article.id for h in results.hits} == together


def test_a_place_with_several_spellings_is_ranked_from_each_spellings_list(make_article, small_lists):
    from archive.search import core

    # More than the lists of the place's five spellings hold at 10 each.
    for n in range(60):
        spelling = ("Ryanggang", "Yanggang")[n % 2]
        make_article(
            f"Report {n}" + (f" from {spelling}" if n % 5 == 0 else ""),
            body=f"{spelling} province. " * (1 + n % 4) + "Other words here. " * (n % 6),
            published_at=LONG_AGO,
        )
    refresh_search_stats()
    compiled = core.prepare("Ryanggang")
    assert len(compiled.units) == 1 and compiled.units[0].alternatives > 1
    fast = search(SearchRequest(q="Ryanggang"), facets=False, per_page=5)
    reference = search(SearchRequest(q="Ryanggang"), facets=False, per_page=5, exhaustive=True)
    assert fast.plan.ranking.method == "bounded", fast.plan.ranking
    assert fast.total == 60
    assert [h.article.id for h in fast.hits] == [h.article.id for h in reference.hits]


def test_a_common_phrase_is_sampled_across_an_archive_imported_in_date_order(make_article, monkeypatch, settings):
    from archive import facets

    monkeypatch.setattr(facets, "SAMPLE_EVERY", 3)
    settings.ARCHIVE_SEARCH_LIMITS = SMALL_LISTS | {"sampled_above": 10}
    # Imported oldest first: the first articles the index yields are all from 2001.
    for year in range(2001, 2007):
        for n in range(10):
            make_article(
                f"Report {year} {n}",
                body="A river fence here.",
                published_at=datetime.datetime(year, 3, 1 + n, tzinfo=datetime.UTC),
            )
    refresh_search_stats()
    results = search(SearchRequest(q='"river fence"'))
    assert results.total_is_estimate and results.facets_are_estimates
    assert 40 <= results.total <= 80
    counts = {bar["year"]: bar["count"] for bar in results.facets["years"]}
    assert set(counts) == set(range(2001, 2007)), counts


def test_a_phrase_of_common_words_is_found_through_their_pairs_across_edits(make_article, small_lists):
    from archive.models import Article, SearchPairs
    from archive.search import core

    together = [make_article(f"Together {n}", body="Smugglers cross the river fence at night.") for n in range(3)]
    for n in range(12):
        make_article(f"Apart {n}", body="A fence by the river, and a river by the fence.")
    refresh_search_stats()
    phrase = core.prepare('"river fence"').units[0]
    assert phrase.pairs == ["river fenc"] and phrase.unpaired == ["'river' <-> 'fence'"]
    assert SearchPairs.objects.filter(article_id=together[0].id).exists()

    def found():
        results = search(SearchRequest(q='"river fence"'), facets=False)
        assert not results.total_is_estimate
        return {h.article.title for h in results.hits}

    assert found() == {"Together 0", "Together 1", "Together 2"}
    # Edited after the pairs were built: found by what the article says now, before and after a refresh.
    Article.objects.filter(title="Apart 0").update(body="Guards patrol the river fence.")
    Article.objects.filter(title="Together 0").update(body="The fence stood apart from the river.")
    expected = {"Apart 0", "Together 1", "Together 2"}
    assert found() == expected
    assert not refresh_search_stats()["full"]
    assert found() == expected


def test_phrase_pairs_are_read_from_plain_phrases_only():
    from archive.search.ranking import phrase_pair

    listed = {"river", "fenc", "night", "it's"}
    assert phrase_pair("'river' <-> 'fenc'", listed) == "river fenc"
    assert phrase_pair("'cross' <-> 'river' <-> 'fenc'", listed) == "river fenc"
    assert phrase_pair("'it''s' <-> 'night'", listed) == "it's night"
    # Not standing together (a stop word between), not both listed, or not a plain phrase.
    assert phrase_pair("'river' <2> 'fenc'", listed) is None
    assert phrase_pair("'river' <-> 'bank'", listed) is None
    assert phrase_pair("'river':* <-> 'fenc'", listed) is None
    assert phrase_pair("'river' & 'fenc'", listed) is None
    assert phrase_pair("'river' <-> ( 'fenc' | 'wall' )", listed) is None


def test_a_tag_whose_aliases_share_a_spelling_is_still_ranked_from_its_lists(make_article, make_tag, small_lists):
    from archive.search import core

    # Both aliases stem to "smuggler": one unlisted spelling, not two, beside the listed "smuggl".
    tag = make_tag("Smuggling", aliases=["smuggler", "smugglers"])
    for n in range(30):
        make_article(
            f"Report {n}",
            body="Smuggling at the river. " * (1 + n % 4) + "Other words here. " * (n % 5),
            tags=[tag] if n % 10 == 0 else [],
            published_at=LONG_AGO,
        )
    refresh_search_stats()
    unit = core.prepare("smuggling").units[0]
    spellings = [q for q, _ in unit.unlisted]
    assert len(spellings) == len(set(spellings)) and unit.unlisted_candidates(SMALL_LISTS["common_df"]) is not None
    fast = search(SearchRequest(q="smuggling"), facets=False, per_page=5)
    reference = search(SearchRequest(q="smuggling"), facets=False, per_page=5, exhaustive=True)
    assert fast.plan.ranking.method == "bounded", fast.plan.ranking
    assert [h.article.id for h in fast.hits] == [h.article.id for h in reference.hits]


def test_phrases_do_not_read_pairs_that_no_full_refresh_has_built(make_article, small_lists):
    from archive.models import SearchPairs, SearchStats

    for n in range(6):
        make_article(f"Together {n}", body="Smugglers cross the river fence at night.")
    refresh_search_stats()
    # As an archive migrated from before the pairs has it until its next full refresh.
    SearchPairs.objects.all().delete()
    SearchStats.objects.update(pairs_built=False)
    assert not refresh_search_stats(full=False)["full"]
    results = search(SearchRequest(q='"river fence"'), facets=False)
    assert results.total == 6
    assert not SearchPairs.objects.exists()


def pending_pages(index: str) -> int:
    """Pages an index still holds in its pending list (merging them to find out)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        return cursor.fetchone()[0]


def test_the_refresh_merges_new_articles_pending_index_entries_into_the_indexes(make_article):
    """A GIN index takes new rows into a pending list that every search scans in full until it is merged."""
    refresh_search_stats()
    make_article(title="Watchtower on the Yalu", body="A new watchtower went up on the riverbank.")
    assert pending_pages("article_search_vector_idx") > 0  # new rows wait in the pending list ...
    for n in range(3):
        make_article(title=f"Smuggling route {n}", body="Traders crossed the frozen river with fabric.")

    summary = refresh_search_stats()

    assert summary["pending_index_pages"] > 0
    assert pending_pages("article_search_vector_idx") == 0  # ... until the refresh merges them
    assert pending_pages("article_tag_ids_idx") == 0
    assert search(SearchRequest(q="fabric")).total == 3  # nothing lost in the merge


def test_writing_many_articles_never_leaves_a_long_pending_list_for_searches_to_read(make_article):
    """Between refreshes (during an import) a GIN index's pending list stays under 256 kB (migration 0028),
    so a search that looks the index up many times does not read PostgreSQL's 4 MB on each look-up."""
    import random

    refresh_search_stats()
    words = random.Random(5)
    for n in range(100):
        body = " ".join("".join(words.choice("bcdfghklmnprstvz") for _ in range(9)) for _ in range(300))
        make_article(title=f"Ledger {n}", body=body)
    # 30 000 new index entries, some 800 kB: merged by the writers as they went, 32 pages at a time.
    assert 0 < pending_pages("article_search_vector_idx") <= 256 // 8
    assert search(SearchRequest(q="ledger")).total == 100
