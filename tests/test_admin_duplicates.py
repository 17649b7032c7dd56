"""Near-duplicates: an article whose text or title closely matches another is flagged with a link to it."""

import pytest

from archive import duplicates
from archive.models import Article, DuplicateFlag
from tests.admin_support import article_form_data


@pytest.mark.django_db
def test_same_text_and_similar_titles_are_found_but_not_different_stories(make_article):
    original = make_article("New fence blocks escape route into China", body="The body.")
    same = make_article("NEW FENCE BLOCKS ESCAPE ROUTE INTO CHINA", body="The body.")
    reworded = make_article("New fence blocks escape routes into China", body="Other words.")
    make_article("Rice prices fall in Hyesan market", body="The body.")
    matches = duplicates.find_duplicates(original.title, original.body, exclude_pk=original.pk)
    assert [(m.article.pk, m.reason) for m in matches] == [
        (same.pk, DuplicateFlag.Reason.SAME_TEXT),
        (reworded.pk, DuplicateFlag.Reason.SIMILAR_TITLE),
    ]


@pytest.mark.django_db
def test_saving_in_the_admin_flags_and_links_the_duplicate(editor_client, make_article):
    original = make_article("Smugglers caught at the Tumen river", body="First report.")
    copy = make_article("Draft", body="Something.", status=Article.Status.DRAFT)
    response = editor_client.post(
        f"/admin/archive/article/{copy.pk}/change/",
        article_form_data(copy, title="Smugglers caught at the Tumen River again"),
        follow=True,
    )
    assert "This article closely matches" in response.content.decode()
    assert DuplicateFlag.objects.filter(article=copy, other=original).exists()
    # Both articles show the link to the other.
    for article, other in ((copy, original), (original, copy)):
        page = editor_client.get(f"/admin/archive/article/{article.pk}/change/").content.decode()
        assert f"/admin/archive/article/{other.pk}/change/" in page
    listing = editor_client.get("/admin/archive/article/", {"duplicate": "yes"})
    assert [a.pk for a in listing.context["cl"].result_list] == [copy.pk]


@pytest.mark.django_db
def test_fixing_the_title_clears_the_flag(editor_client, make_article):
    make_article("Smugglers caught at the Tumen river")
    copy = make_article("Smugglers caught at the Tumen river!", status=Article.Status.DRAFT)
    duplicates.flag_duplicates(copy)
    editor_client.post(
        f"/admin/archive/article/{copy.pk}/change/", article_form_data(copy, title="Border guards rotated in Musan")
    )
    assert not DuplicateFlag.objects.filter(article=copy).exists()


@pytest.mark.django_db
def test_new_articles_are_flagged_as_they_arrive(make_article):
    original = make_article("Border guards rotated in Musan", body="Text.")
    imported = make_article("Border guards rotated in Musan.", body="Other text.", status=Article.Status.DRAFT)
    assert DuplicateFlag.objects.filter(article=imported, other=original).exists()


@pytest.mark.django_db
def test_bulk_imports_flag_identical_text_in_one_statement(make_article, django_assert_num_queries):
    original = make_article("Same", body="Same body.")
    copies = Article.objects.bulk_create([Article(title="Same", slug=f"same-{i}", body="Same body.") for i in range(3)])
    with django_assert_num_queries(1):
        duplicates.flag_same_text([c.pk for c in copies])
    assert DuplicateFlag.objects.filter(article=copies[0], other=original).exists()
    assert DuplicateFlag.objects.filter(article=copies[0], other=copies[1]).exists()


@pytest.mark.django_db
def test_each_part_of_a_long_series_is_compared_with_a_bounded_few_alike_titles(make_article, monkeypatch):
    """A series' parts all look alike: a new part ranks only the first few close titles the index yields,
    so an import of thousands of parts does not slow down part after part. Those it flags are close."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(duplicates, "TITLE_CANDIDATES", 4)
    for n in range(1, 10):
        make_article(f"Dispatch from the border, part {n}", body=f"Part {n}.")
    with CaptureQueriesContext(connection) as queries:
        matches = duplicates.find_duplicates("Dispatch from the border, part 10", "Part 10.")
    assert len(matches) == 4  # of the nine alike parts, the four read (five would be flagged otherwise)
    assert all(m.similarity >= duplicates.TITLE_SIMILARITY for m in matches)
    assert any("LIMIT 4" in query["sql"] for query in queries)
