"""The article change list and edit form: columns, search, filters, query count, inlines, preview."""

import datetime
from datetime import UTC

import pytest
from django.urls import reverse

from archive.models import Article
from tests.admin_support import article_form_data

CHANGELIST = "/admin/archive/article/"


def change_url(article):
    return reverse("admin:archive_article_change", args=[article.pk])


@pytest.mark.django_db
def test_editor_edits_a_draft_with_tags_and_photos(editor_client, make_article, make_tag):
    smuggling = make_tag("Smuggling")
    article = make_article("Fence raised", status=Article.Status.DRAFT)
    data = article_form_data(
        article, title="Fence raised at Hyesan", tags=[smuggling], photos=[("Guards at the fence", "Daily NK")]
    )
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    article.refresh_from_db()
    assert article.title == "Fence raised at Hyesan"
    assert list(article.tags.values_list("name", flat=True)) == ["Smuggling"]
    assert list(article.photos.values_list("caption", "credit")) == [("Guards at the fence", "Daily NK")]
    assert article.version == 2
    # The stored text the search reads follows the edit at once.
    assert "Smuggling" in article.tag_text and "Guards at the fence" in article.caption_text


@pytest.mark.django_db
def test_change_list_shows_columns(editor_client, make_article, make_tag, make_source):
    source = make_source(name="Daily NK")
    article = make_article(
        "Sinuiju market", source=source, tags=[make_tag("Markets")], captions=["A", "B"], needs_title=True
    )
    response = editor_client.get(CHANGELIST)
    assert response.status_code == 200
    row = next(r for r in response.context["cl"].result_list if r.pk == article.pk)
    assert row.photo_total == 2
    html = response.content.decode()
    assert "Sinuiju market" in html and "Daily NK" in html and "Markets" in html


@pytest.mark.django_db
def test_change_list_query_count_is_constant(clear_cache, editor_client, make_article, make_tag, make_source):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for_page():
        with CaptureQueriesContext(connection) as ctx:
            assert editor_client.get(CHANGELIST).status_code == 200
        return len(ctx.captured_queries)

    source, tag = make_source(), make_tag("Fences")
    for i in range(3):
        make_article(f"Small {i}", source=source, tags=[tag], captions=["c"])
    queries_for_page()  # the filters' choices are cached from here on
    small = queries_for_page()
    for i in range(12):
        make_article(f"Large {i}", source=make_source(), tags=[tag, make_tag()], captions=["c", "d"])
    assert queries_for_page() == small


@pytest.mark.django_db
def test_search_box_ranks_title_matches_first(editor_client, make_article):
    body_only = make_article("Market prices", body="Talk of the fence near Hyesan.", status=Article.Status.DRAFT)
    in_title = make_article("The fence at Hyesan", body="Guards.", status=Article.Status.DRAFT)
    make_article("Unrelated", body="Rice.")
    response = editor_client.get(CHANGELIST, {"q": "fence"})
    assert [a.pk for a in response.context["cl"].result_list] == [in_title.pk, body_only.pk]


@pytest.mark.django_db
def test_search_box_uses_stemming_not_substrings(editor_client, make_article):
    stemmed = make_article("Fences went up", status=Article.Status.DRAFT)
    make_article("Offences recorded")
    response = editor_client.get(CHANGELIST, {"q": "fenced"})
    assert [a.pk for a in response.context["cl"].result_list] == [stemmed.pk]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params, expected",
    [
        ({"status": "draft"}, {"draft"}),
        ({"status": "scheduled"}, {"scheduled"}),
        ({"status": "live"}, {"live"}),
        ({"tag": "smuggling"}, {"live"}),
        ({"place": "hyesan"}, {"draft"}),
        ({"year": "2019"}, {"draft"}),
        ({"has_photos": "yes"}, {"scheduled"}),
        ({"has_photos": "no"}, {"draft", "live"}),
        ({"needs_title__exact": "1"}, {"live"}),
        ({"year": "nonsense"}, {"draft", "live", "scheduled"}),
        ({"year": "²⁰¹⁹"}, {"draft", "live", "scheduled"}),
    ],
)
def test_change_list_filters(clear_cache, editor_client, make_article, make_tag, params, expected):
    from datetime import datetime, timedelta

    from django.utils import timezone as dj_timezone

    make_article(
        "draft",
        status=Article.Status.DRAFT,
        tags=[make_tag("Hyesan", kind="place")],
        published_at=datetime(2019, 5, 1, tzinfo=UTC),
    )
    make_article("live", tags=[make_tag("Smuggling")], needs_title=True, published_at=datetime(2021, 5, 1, tzinfo=UTC))
    make_article("scheduled", publish_at=dj_timezone.now() + timedelta(days=1), captions=["x"])
    response = editor_client.get(CHANGELIST, params)
    assert response.status_code == 200
    assert {a.title for a in response.context["cl"].result_list} == expected


@pytest.mark.django_db
def test_draft_preview_is_for_staff_only(editor_client, make_article, client):
    draft = make_article("Unpublished scoop", status=Article.Status.DRAFT)
    preview = reverse("admin:archive_article_preview", args=[draft.pk])
    response = editor_client.get(preview)
    assert response.status_code == 200 and "Unpublished scoop" in response.content.decode()
    assert "Preview" in response.content.decode()
    assert client.get(preview).status_code == 404
    assert client.get(draft.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_view_on_site_points_drafts_to_the_preview(editor_client, make_article):
    draft = make_article("Draft", status=Article.Status.DRAFT)
    live = make_article("Live")
    assert (
        reverse("admin:archive_article_preview", args=[draft.pk])
        in editor_client.get(change_url(draft)).content.decode()
    )
    assert live.get_absolute_url() in editor_client.get(change_url(live)).content.decode()


@pytest.mark.django_db
def test_edit_form_has_autocomplete_and_read_only_record(editor_client, make_article):
    article = make_article("Record")
    html = editor_client.get(change_url(article)).content.decode()
    assert 'data-model-name="article"' in html and 'data-field-name="tags"' in html  # tag autocomplete
    assert article.content_hash in html
    form = editor_client.get(change_url(article)).context["adminform"].form
    assert "content_hash" not in form.fields and "created_at" not in form.fields


@pytest.mark.django_db
def test_admin_search_is_counted_as_admin_channel(clean_insights, editor_client, make_article):
    from archive import insights
    from archive.models import SearchCount

    make_article("Fence")
    editor_client.get(CHANGELIST, {"q": "Fence  "})
    insights.flush()
    assert SearchCount.objects.get(channel="admin", query="fence").searches == 1


@pytest.mark.django_db
@pytest.mark.parametrize("query", ['"', "the of", "\x00\x01", "a" * 2000, "-", "fence OR"])
def test_odd_searches_never_fail(editor_client, make_article, query):
    make_article("Fence")
    assert editor_client.get(CHANGELIST, {"q": query}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "abc/history/1/",
        "1/history/abc/",
        "999999/history/",
        "999999/history/00000000-0000-0000-0000-000000000000/",
        "999999/preview/",
    ],
)
def test_bad_history_and_preview_addresses_are_404(editor_client, path):
    assert editor_client.get(CHANGELIST + path).status_code == 404


@pytest.mark.django_db
def test_filter_choices_list_the_most_used_tags_and_places(clear_cache, editor_client, make_article, make_tag):
    from datetime import datetime

    hyesan, smuggling = make_tag("Hyesan", kind="place"), make_tag("Smuggling")
    make_article(tags=[hyesan, smuggling], published_at=datetime(2020, 1, 1, tzinfo=UTC))
    filters = {f.title: f for f in editor_client.get(CHANGELIST).context["cl"].filter_specs}
    assert [c for c, _ in filters["tag"].lookup_choices] == ["smuggling"]
    assert [c for c, _ in filters["place"].lookup_choices] == ["hyesan"]
    assert [c for c, _ in filters["year"].lookup_choices] == ["2020"]


@pytest.mark.django_db
def test_a_search_matching_much_of_the_archive_shows_an_estimated_count(
    editor_client, make_article, monkeypatch, settings
):
    from archive import facets

    monkeypatch.setattr(facets, "SAMPLE_EVERY", 2)
    settings.ARCHIVE_SEARCH_LIMITS = {"sampled_above": 10}
    for n in range(30):
        make_article(f"Fence report {n}", status=Article.Status.DRAFT)
    make_article("Rice prices")
    response = editor_client.get(CHANGELIST, {"q": "fence"})
    changelist = response.context["cl"]
    assert 20 <= changelist.result_count <= 40
    assert len(changelist.result_list) == 30
    assert editor_client.get(CHANGELIST, {"q": "rice"}).context["cl"].result_count == 1


@pytest.mark.django_db
def test_a_search_too_large_to_rank_is_listed_newest_first_and_says_so(editor_client, make_article, monkeypatch):
    monkeypatch.setattr("archive.admin.articles.RANKED_AT_MOST", 2)
    old = make_article("Fence fence fence", published_at=datetime.datetime(2010, 1, 1, tzinfo=datetime.UTC))
    new = make_article("Rice and a fence", published_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    middle = make_article("A fence", published_at=datetime.datetime(2015, 1, 1, tzinfo=datetime.UTC))
    response = editor_client.get(CHANGELIST, {"q": "fence"})
    assert [a.pk for a in response.context["cl"].result_list] == [new.pk, middle.pk, old.pk]
    assert "listed newest first" in response.content.decode()
