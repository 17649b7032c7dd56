"""What search() returns: snippets, matched fields, facets and filters, promotions, suggestions, visibility."""

import datetime

import pytest
from django.utils import timezone

from archive.models import Article, Promotion
from archive.search import SearchRequest, refresh_search_stats, search, suggest

pytestmark = pytest.mark.django_db

Y2019 = datetime.datetime(2019, 6, 1, tzinfo=datetime.UTC)
Y2021 = datetime.datetime(2021, 6, 1, tzinfo=datetime.UTC)


def run(q="", **kwargs):
    return search(SearchRequest(q=q, **kwargs))


def test_snippet_escapes_article_text_and_adds_only_mark(make_article):
    make_article("Alert", body='Guards found <script>alert("x")</script> near the fence & the <b>river</b>.')
    snippet = run("fence").hits[0].snippet
    assert "<script>" not in snippet and "<b>" not in snippet
    assert "&lt;script&gt;" in snippet and "&amp;" in snippet and "&lt;b&gt;river" in snippet
    assert "<mark>fence</mark>" in snippet
    assert snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def _long_body(*sentences_at_the_end: str, filler_paragraphs: int = 40) -> str:
    filler = " ".join(
        f"Paragraph {n} describes the weather and the harvest in plain words." for n in range(filler_paragraphs)
    )
    return filler + " " + " ".join(sentences_at_the_end)


def _plain(snippet: str) -> str:
    return snippet.replace("<mark>", "").replace("</mark>", "")


def test_a_long_articles_snippet_shows_its_match_far_into_the_text(make_article):
    body = _long_body("Traders said smuggling across the river had slowed since the new fence.", "Then more weather.")
    assert len(body) > 2500
    make_article("Long report", body=body)
    snippet = run("smuggling").hits[0].snippet
    assert "<mark>smuggling</mark>" in snippet
    # Whole words of the text: no fragment starts inside a word cut at the window's edge.
    for fragment in _plain(snippet).split(" … "):
        assert f" {fragment.strip()}" in f" {body}"


def test_a_snippet_finds_the_match_when_its_letters_first_stand_inside_another_word(make_article):
    """'art' first stands inside 'party', near the start; the one match is far down the text."""
    body = "The party met at noon. " + _long_body("Smugglers sold art from the border towns.")
    make_article("Long report", body=body)
    assert "<mark>art</mark>" in run("art").hits[0].snippet


def test_a_snippet_finds_a_match_spelled_with_a_diacritic_far_into_the_text(make_article):
    make_article("Long report", body=_long_body("Guards in Hoeryŏng were replaced in spring."))
    assert "<mark>Hoeryŏng</mark>" in run("hoeryong").hits[0].snippet


def test_snippet_comes_from_the_caption_when_only_the_caption_matched(make_article):
    make_article("Photo story", body="Nothing relevant in the text.", captions=["Soldiers at the Hyesan fence"])
    hit = run("hyesan").hits[0]
    assert hit.snippet_field == "caption" and "<mark>Hyesan</mark>" in hit.snippet
    assert hit.matched == ["caption"]


def test_matched_lists_each_field_that_matched(make_article, make_tag):
    make_article("Fence news", dek="A fence story.", body="The fence.", tags=[make_tag("Fence")])
    assert run("fence").hits[0].matched == ["title", "dek", "tag", "body"]


def test_only_published_articles_past_their_embargo_are_found(make_article):
    make_article("Published fence")
    make_article("Draft fence", status=Article.Status.DRAFT)
    make_article("Review fence", status=Article.Status.REVIEW)
    make_article("Archived fence", status=Article.Status.ARCHIVED)
    make_article("Embargoed fence", publish_at=timezone.now() + datetime.timedelta(days=1))
    assert [h.article.title for h in run("fence").hits] == ["Published fence"]
    admin = search(SearchRequest(q="fence"), channel="admin", queryset=Article.objects.all())
    assert admin.total == 5


def test_facets_count_the_whole_result_set_under_filters(make_article, make_tag, make_source):
    daily, other = make_source(name="Daily NK", slug="daily-nk"), make_source()
    hyesan = make_tag("Hyesan", kind="place")
    smuggling = make_tag("Smuggling")
    for n in range(25):
        make_article(
            f"Fence {n}",
            source=daily if n % 5 else other,
            tags=[hyesan] if n < 10 else [smuggling],
            published_at=Y2019 if n < 15 else Y2021,
        )
    make_article("Unrelated", source=daily, tags=[hyesan])
    results = search(SearchRequest(q="fence"), per_page=5)
    assert results.total == 25 and len(results.hits) == 5 and results.num_pages == 5
    assert results.facets["places"] == [{"slug": "hyesan", "name": "Hyesan", "count": 10}]
    assert results.facets["tags"] == [{"slug": "smuggling", "name": "Smuggling", "count": 15}]
    assert {f["slug"]: f["count"] for f in results.facets["sources"]} == {"daily-nk": 20, other.slug: 5}
    assert results.facets["years"] == [{"year": 2019, "count": 15}, {"year": 2021, "count": 10}]
    filtered = search(SearchRequest(q="fence", sources=["daily-nk"], year=2019))
    assert filtered.total == 12
    assert filtered.facets["places"] == [{"slug": "hyesan", "name": "Hyesan", "count": 8}]


def test_tag_filters_all_any_none(make_article, make_tag):
    a, b = make_tag("Alpha"), make_tag("Beta")
    make_article("Fence A", tags=[a])
    make_article("Fence B", tags=[b])
    make_article("Fence AB", tags=[a, b])
    make_article("Fence none")

    def titles(mode):
        return {h.article.title for h in run("fence", tags=["alpha", "beta"], tag_mode=mode).hits}

    assert titles("all") == {"Fence AB"}
    assert titles("any") == {"Fence A", "Fence B", "Fence AB"}
    assert titles("none") == {"Fence none"}


def test_date_language_place_and_photo_filters(make_article, make_tag):
    make_article("Fence 2019", published_at=Y2019, captions=["A fence"])
    make_article("Fence 2021", published_at=Y2021, tags=[make_tag("Hyesan", kind="place")])
    make_article("Fence ko", body="fence", published_at=Y2021, language="ko")

    def titles(q="fence", **kwargs):
        return {h.article.title for h in run(q, **kwargs).hits}

    assert titles("", date_from="2020-01-01") == {"Fence 2021", "Fence ko"}
    assert titles(date_to=datetime.date(2019, 6, 1)) == {"Fence 2019"}
    assert titles("", language="ko") == {"Fence ko"}
    assert titles(places=["hyesan"]) == {"Fence 2021"}
    assert titles(has_photos=True) == {"Fence 2019"}


def test_promoted_articles_come_first_and_are_marked(make_article):
    best = make_article("Fence everywhere", body="fence fence fence")
    pick = make_article("Editor's choice", body="Background on the border.")
    Promotion.objects.create(article=pick, query="Border fence")
    hits = run("border  FENCE").hits
    assert hits[0].article == pick and hits[0].promoted
    assert best in [h.article for h in hits[1:]] and not any(h.promoted for h in hits[1:])
    assert not run("fence").hits[0].promoted


def test_promotion_for_queries_containing_words_respects_dates(make_article):
    pick = make_article("Pick", body="Nothing.")
    make_article("Fence", body="fence")
    Promotion.objects.create(article=pick, query="fence", match=Promotion.Match.CONTAINS)
    assert run("new fence").hits[0].article == pick
    Promotion.objects.update(
        ends_at=timezone.now() - datetime.timedelta(hours=1), starts_at=timezone.now() - datetime.timedelta(days=1)
    )
    assert run("new fence").hits[0].article.title == "Fence"


def test_promotion_of_an_unpublished_article_is_not_shown(make_article):
    draft = make_article("Draft pick", status=Article.Status.DRAFT)
    make_article("Fence")
    Promotion.objects.create(article=draft, query="fence")
    assert [h.article.title for h in run("fence").hits] == ["Fence"]


def test_tag_page_promotion(make_article, make_tag):
    tag = make_tag("Smuggling")
    make_article("Newest", tags=[tag], published_at=Y2021)
    pick = make_article("Pinned", tags=[tag], published_at=Y2019)
    Promotion.objects.create(article=pick, tag=tag)
    hits = run("", tags=["smuggling"]).hits
    assert [h.article.title for h in hits] == ["Pinned", "Newest"] and hits[0].promoted


@pytest.mark.parametrize(("typo", "fixed"), [("Hyesen", "hyesan"), ("defecters", "defectors"), ("Tumin", "tumen")])
def test_did_you_mean_offers_the_archive_spelling(make_article, typo, fixed):
    make_article("Defectors cross the Tumen", body="Defectors from Hyesan crossed the Tumen river.")
    make_article("Hyesan market", body="Traders in Hyesan.")
    refresh_search_stats()
    results = run(f"{typo} river")
    assert results.suggestion == f"{fixed} river"


def test_no_suggestion_for_words_the_archive_knows(make_article):
    make_article("Hyesan market", body="Traders in Hyesan.")
    refresh_search_stats()
    assert run("hyesan traders").suggestion is None


def test_suggest_as_you_type_offers_tags_and_titles(make_article, make_tag):
    make_tag("Hyesan", kind="place")
    make_article("Hyesan prices rise")
    make_article("Draft about Hyesan", status=Article.Status.DRAFT)
    found = suggest("hye")
    assert found[0] == {"label": "Hyesan", "kind": "place", "url": "/tags/hyesan/"}
    assert [s["label"] for s in found if s["kind"] == "article"] == ["Hyesan prices rise"]
    assert suggest("") == [] and suggest("%_'") == []


def test_query_count_is_constant_whatever_the_page_size(make_article, make_tag, django_assert_num_queries, settings):
    settings.ARCHIVE_SEARCH_CACHE_SECONDS = 0  # every search computed (tests/test_search_cache.py: cached)
    tags = [make_tag(f"Topic {n}") for n in range(3)]
    for n in range(30):
        make_article(f"Fence {n}", tags=tags, captions=["A fence"])
    search(SearchRequest(q="fence"), per_page=2)  # warm the content type and connection caches
    # Many matches: no "did you mean" (its query runs only when few match).
    with django_assert_num_queries(7):
        search(SearchRequest(q="fence"), per_page=2)
    with django_assert_num_queries(7):
        search(SearchRequest(q="fence OR river"), per_page=30)
    # Few matches: "did you mean" looks for a likelier spelling of a rare word too, among the archive's
    # words and its tags' (read once per generation of the vocabulary, here with nothing cached each time).
    make_article("River crossing", tags=tags)
    with django_assert_num_queries(9):
        results = search(SearchRequest(q="river"), per_page=30)
    assert results.total == 1 and results.plan.counting.method == "every word"
    # Few matches, none of its words rare: nothing to look up, no query for it.
    for n in range(4):
        make_article(f"River bank {n}", tags=tags)
    with django_assert_num_queries(7):
        results = search(SearchRequest(q="river"), per_page=30)
    assert results.total == 5 and results.suggestion is None


def test_search_is_recorded_once(make_article, monkeypatch):
    calls = []
    monkeypatch.setattr("archive.insights.record_search", lambda q, channel, total: calls.append((q, channel, total)))
    make_article("Fence")
    search(SearchRequest(q="fence"), channel="api")
    assert calls == [("fence", "api", 1)]


def test_huge_result_counts_are_estimates_and_say_so(make_article, monkeypatch, settings):
    from archive import facets

    monkeypatch.setattr(facets, "SAMPLE_EVERY", 2)  # the sample's partial index is built for 32
    settings.ARCHIVE_SEARCH_LIMITS = {"sampled_above": 6}
    for n in range(12):
        make_article(f"Fence {n}", published_at=Y2019)
    results = run("fence")
    assert results.plan.counting.method == "sample"
    assert results.total_is_estimate and results.total >= 6
    assert results.facets_are_estimates and results.facets["years"][0]["year"] == 2019
    assert not run("fence", year=2018).total_is_estimate


def test_sampled_year_counts_are_spread_over_an_archive_imported_in_date_order(make_article, monkeypatch, settings):
    from archive import facets

    monkeypatch.setattr(facets, "SAMPLE_EVERY", 3)
    settings.ARCHIVE_SEARCH_LIMITS = {"sampled_above": 10}
    # Imported oldest first, as an outlet's archive usually is: the first matches are all from 2001.
    for year in range(2001, 2007):
        for n in range(10):
            make_article(f"Fence {year} {n}", published_at=datetime.datetime(year, 3, 1 + n, tzinfo=datetime.UTC))
    results = run("fence")
    assert results.facets_are_estimates
    counts = {bar["year"]: bar["count"] for bar in results.facets["years"]}
    assert set(counts) == set(range(2001, 2007)), counts
    assert max(counts.values()) < 3 * min(counts.values()), counts


def test_a_word_in_most_articles_is_estimated_from_the_thin_sample(make_article, monkeypatch, settings):
    from archive import facets

    monkeypatch.setattr(facets, "SAMPLE_EVERY", 2)
    monkeypatch.setattr(facets, "THIN_SAMPLE_EVERY", 4)
    settings.ARCHIVE_SEARCH_LIMITS = {"sampled_above": 10, "thin_sample_matches": 3}
    for year in range(2001, 2005):
        for n in range(12):
            make_article(f"Fence {year} {n}", published_at=datetime.datetime(year, 3, 1 + n, tzinfo=datetime.UTC))
    make_article("Something else")
    results = run("fence")
    assert results.plan.counting.method == "thin sample"
    assert results.total_is_estimate and 32 <= results.total <= 64
    assert results.facets_are_estimates
    assert {bar["year"] for bar in results.facets["years"]} == set(range(2001, 2005))
