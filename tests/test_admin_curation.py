"""Synonym groups and promoted results, from the admin form to the reader's search."""

from datetime import timedelta

import pytest
from django.utils import timezone

from archive.models import Promotion, SynonymGroup

SYNONYM_ADD = "/admin/archive/synonymgroup/add/"
PROMOTION_ADD = "/admin/archive/promotion/add/"


@pytest.fixture
def escapee_articles(make_article):
    return [
        make_article("A defector speaks", body="He crossed in winter."),
        make_article("Escapee caught", body="Caught near the river."),
        make_article("Runaway soldiers", body="Two soldiers left their post."),
    ]


@pytest.mark.django_db
def test_preview_shows_what_the_group_adds_without_saving(editor_client, escapee_articles):
    response = editor_client.post(
        SYNONYM_ADD,
        {
            "terms": "defector, escapee, runaway",
            "is_active": "on",
            "note": "",
            "sample_query": "defector",
            "_preview": "Preview",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "finds 1 article(s) now and 3 with this group as in the form (+2)" in html
    assert not SynonymGroup.objects.exists()


@pytest.mark.django_db
def test_preview_of_an_edit_compares_with_the_saved_group(editor_client, escapee_articles):
    group = SynonymGroup.objects.create(terms=["defector", "escapee"])
    response = editor_client.post(
        f"/admin/archive/synonymgroup/{group.pk}/change/",
        {
            "terms": "defector, escapee, runaway",
            "is_active": "on",
            "sample_query": "defector",
            "_preview": "1",
        },
    )
    assert "finds 2 article(s) now and 3 with this group as in the form (+1)" in response.content.decode()
    group.refresh_from_db()
    assert group.terms == ["defector", "escapee"]


@pytest.mark.django_db
def test_promotion_article_autocomplete_uses_the_archive_search(editor_client, make_article):
    make_article("Fences at Hyesan")
    make_article("Rice prices")
    response = editor_client.get(
        "/admin/autocomplete/",
        {"term": "fence", "app_label": "archive", "model_name": "promotion", "field_name": "article"},
    )
    assert [r["text"] for r in response.json()["results"]] == ["Fences at Hyesan"]


@pytest.mark.django_db
def test_saved_group_changes_the_readers_search_at_once(editor_client, client, escapee_articles):
    def site_titles(q):
        return {hit.article.title for hit in client.get("/search/", {"q": q}).context["results"].hits}

    assert site_titles("escapee") == {"Escapee caught"}
    response = editor_client.post(
        SYNONYM_ADD,
        {
            "terms": "defector, escapee, runaway",
            "is_active": "on",
            "note": "",
            "sample_query": "escapee",
        },
        follow=True,
    )
    assert "“escapee” now finds 3 article(s)" in response.content.decode()
    assert site_titles("escapee") == {a.title for a in escapee_articles}
    # Inside a phrase too.
    assert "A defector speaks" in site_titles('"escapee"')


@pytest.mark.django_db
def test_one_way_group(editor_client, client, escapee_articles):
    editor_client.post(
        SYNONYM_ADD, {"terms": "defector, runaway", "one_way": "on", "is_active": "on", "sample_query": ""}
    )
    group = SynonymGroup.objects.get()
    assert group.one_way and group.terms == ["defector", "runaway"]
    titles = {h.article.title for h in client.get("/search/", {"q": "runaway"}).context["results"].hits}
    assert titles == {"Runaway soldiers"}


@pytest.mark.django_db
def test_a_group_needs_two_terms(editor_client):
    response = editor_client.post(SYNONYM_ADD, {"terms": "defector", "is_active": "on", "sample_query": ""})
    assert response.status_code == 200 and "at least two different terms" in response.content.decode()
    assert not SynonymGroup.objects.exists()


@pytest.mark.django_db
def test_insights_link_prefills_the_synonym_form(editor_client):
    form = editor_client.get(SYNONYM_ADD, {"terms": "kim jong-un"}).context["adminform"].form
    assert form["terms"].value() == "kim jong-un"
    assert form["sample_query"].value() == "kim jong-un"


@pytest.mark.django_db
def test_promotion_puts_the_article_first_marked_as_a_pick(editor_client, client, make_article):
    best = make_article("Fence report", body="The fence at Hyesan, fence after fence.")
    pinned = make_article("Background explainer", body="Why the fence was built.")
    response = editor_client.post(
        PROMOTION_ADD,
        {
            "query": "fence",
            "match": "exact",
            "article": pinned.pk,
            "position": 0,
            "starts_at_0": "",
            "starts_at_1": "",
            "ends_at_0": "",
            "ends_at_1": "",
            "note": "",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    hits = client.get("/search/", {"q": "fence"}).context["results"].hits
    assert [(h.article.pk, h.promoted) for h in hits] == [(pinned.pk, True), (best.pk, False)]
    assert "Editors’ pick" in client.get("/search/", {"q": "fence"}).content.decode()


@pytest.mark.django_db
def test_a_promotion_added_or_removed_in_the_admin_shows_on_the_very_next_search(editor_client, client, make_article):
    """The search page's picks are kept per archive generation: an editor's change is seen at once."""
    make_article("Fence report", body="The fence at Hyesan.")
    pinned = make_article("Background explainer", body="Why the wall was built.")
    assert "Editors’ pick" not in client.get("/search/", {"q": "fence Hyesan"}).content.decode()
    form = {"query": "fence", "match": "contains", "article": pinned.pk, "position": 0, "note": ""}
    form |= {"starts_at_0": "", "starts_at_1": "", "ends_at_0": "", "ends_at_1": ""}
    assert editor_client.post(PROMOTION_ADD, form).status_code == 302
    html = client.get("/search/", {"q": "fence Hyesan"}).content.decode()
    assert "Editors’ pick" in html and html.index("Background explainer") < html.index("Fence report")
    promotion = Promotion.objects.get()
    assert editor_client.post(f"/admin/archive/promotion/{promotion.pk}/delete/", {"post": "yes"}).status_code == 302
    html = client.get("/search/", {"q": "fence Hyesan"}).content.decode()
    assert "Editors’ pick" not in html and "Background explainer" not in html


@pytest.mark.django_db
def test_promotion_outside_its_dates_is_not_shown(client, make_article):
    make_article("Fence report", body="fence fence")
    pinned = make_article("Old explainer", body="fence")
    Promotion.objects.create(
        article=pinned,
        query="fence",
        ends_at=timezone.now() - timedelta(days=1),
        starts_at=timezone.now() - timedelta(days=3),
    )
    hits = client.get("/search/", {"q": "fence"}).context["results"].hits
    assert not any(h.promoted for h in hits)


@pytest.mark.django_db
def test_promotion_for_a_tag_page_and_a_clear_error_for_neither(editor_client, make_article, make_tag):
    tag = make_tag("Hyesan", kind="place")
    article = make_article(tags=[tag])
    base = {
        "match": "exact",
        "article": article.pk,
        "position": 0,
        "starts_at_0": "",
        "starts_at_1": "",
        "ends_at_0": "",
        "ends_at_1": "",
        "note": "",
    }
    neither = editor_client.post(PROMOTION_ADD, base | {"query": ""})
    assert neither.status_code == 200 and "either for a query or for a tag page" in neither.content.decode()
    assert editor_client.post(PROMOTION_ADD, base | {"query": "", "tag": tag.pk}).status_code == 302
    listing = editor_client.get("/admin/archive/promotion/")
    assert "tag page: Hyesan" in listing.content.decode()
