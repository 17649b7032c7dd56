"""The tag admin: usage counts, kind filter, aliases, and merging tags without losing anything."""

import pytest

from archive.history.versions import TAG, versions
from archive.models import Article, Promotion, Tag
from archive.tagging import merge_tags


@pytest.mark.django_db
def test_merge_keeps_every_tagging_and_turns_names_into_aliases(make_article, make_tag):
    north = make_tag("North Korea", aliases=["DPRK"])
    nk = make_tag("N. Korea", aliases=["Pukchosŏn"])
    dprk_tag = make_tag("Democratic People's Republic of Korea")
    both = make_article("Both", tags=[north, nk])
    only_nk = make_article("Only NK", tags=[nk])
    only_long = make_article("Only long", tags=[dprk_tag])
    promotion = Promotion.objects.create(article=only_nk, tag=nk)

    result = merge_tags(north, [north, nk, dprk_tag])

    assert set(Tag.objects.values_list("name", flat=True)) == {"North Korea"}
    assert set(north.articles.all()) == {both, only_nk, only_long}
    assert set(north.aliases.values_list("name", flat=True)) == {
        "DPRK",
        "N. Korea",
        "Pukchosŏn",
        "Democratic People's Republic of Korea",
    }
    assert result.articles_retagged == 2
    promotion.refresh_from_db()
    assert promotion.tag == north
    # The search text of every article reflects the merge in the same transaction.
    for article in (both, only_nk, only_long):
        text = Article.objects.get(pk=article.pk).tag_text
        assert "North Korea" in text and "N. Korea" in text and "Pukchosŏn" in text


@pytest.mark.django_db
def test_merged_names_still_find_the_articles(make_article, make_tag):
    old = make_tag("Escapees")
    new = make_tag("Defectors")
    article = make_article("A border crossing", body="Nothing else.", tags=[old])
    merge_tags(new, [old])
    assert list(Article.objects.published().search("escapees")) == [article]
    assert list(Article.objects.published().search("defectors")) == [article]


@pytest.mark.django_db
def test_merge_through_the_admin_action(editor_client, make_article, make_tag):
    keep, drop = make_tag("Smuggling"), make_tag("Smugglers")
    article = make_article(tags=[drop])
    step = editor_client.post(
        "/admin/archive/tag/", {"action": "merge", "index": 0, "_selected_action": [keep.pk, drop.pk]}
    )
    assert step.status_code == 200 and "Merge into" in step.content.decode()
    done = editor_client.post(
        "/admin/archive/tag/",
        {"action": "merge", "index": 0, "apply": "1", "_selected_action": [keep.pk, drop.pk], "target": keep.pk},
        follow=True,
    )
    assert "Merged Smugglers into Smuggling" in done.content.decode()
    assert list(article.tags.all()) == [keep]
    assert list(keep.aliases.values_list("name", flat=True)) == ["Smugglers"]
    merge = versions(TAG, drop.pk)[0]
    assert (merge.author.user, merge.author.what, merge.changes) == (
        "edith",
        "merge of tag Smugglers into Smuggling",
        ["deleted"],
    )


@pytest.mark.django_db
def test_merge_needs_two_tags(editor_client, make_tag):
    only = make_tag("Alone")
    response = editor_client.post(
        "/admin/archive/tag/", {"action": "merge", "index": 0, "_selected_action": [only.pk]}, follow=True
    )
    assert "at least two tags" in response.content.decode()
    assert Tag.objects.filter(pk=only.pk).exists()


@pytest.mark.django_db
def test_tag_list_shows_usage_aliases_and_filters_by_kind(editor_client, make_article, make_tag):
    hyesan = make_tag("Hyesan", kind="place", aliases=["Hyesan-si"])
    make_tag("Smuggling")
    make_article(tags=[hyesan])
    make_article(tags=[hyesan])
    response = editor_client.get("/admin/archive/tag/", {"kind__exact": "place"})
    rows = list(response.context["cl"].result_list)
    assert [(t.name, t.usage_count) for t in rows] == [("Hyesan", 2)]
    assert "Hyesan-si" in response.content.decode()


@pytest.mark.django_db
def test_tag_autocomplete_finds_aliases(editor_client, make_tag):
    make_tag("Yanggang", aliases=["Ryanggang"])
    response = editor_client.get(
        "/admin/autocomplete/", {"term": "Ryang", "app_label": "archive", "model_name": "article", "field_name": "tags"}
    )
    assert [r["text"] for r in response.json()["results"]] == ["Yanggang"]
