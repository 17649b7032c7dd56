"""A unit's spellings that another one covers are left out of the search: the same articles, the same
scores and the same marks in the snippet, for less work on every match."""

import pytest
from django.db import connection

from archive.search import SearchRequest, bm25, prepare, search
from archive.search.alternatives import needed


def test_a_longer_spelling_holding_a_shorter_one_is_left_out_while_its_words_stay_searched():
    spellings = [
        "'north' & 'hamgyong'",
        "'north' <-> 'hamgyong' <-> 'provinc'",
        "'north' <-> 'hamgyeong' <-> 'provinc'",
        "'north' <-> 'hamgyeong'",
    ]
    # Both "Province" spellings are covered; one stays, so that "province" is still looked for.
    assert needed(spellings) == [
        "'north' & 'hamgyong'",
        "'north' <-> 'hamgyeong' <-> 'provinc'",
        "'north' <-> 'hamgyeong'",
    ]
    # The shorter phrase anywhere in the longer one, at the same distances.
    assert needed(["'sinuiju' <-> 'custom' <-> 'hous'", "'custom' <-> 'hous'", "'sinuiju'"]) == [
        "'custom' <-> 'hous'",
        "'sinuiju'",
    ]


def test_words_in_any_order_cover_every_spelling_that_has_them_all():
    assert needed(["'north' & 'pyongan'", "'north' <-> 'pyongan'", "'pyongan' <-> 'north'"]) == ["'north' & 'pyongan'"]
    # A single word covers what holds it, as before.
    assert needed(["'tuman' <-> 'river'", "'tuman'", "'river'"]) == ["'tuman'", "'river'"]


def test_what_is_not_held_whole_is_kept():
    kept = [
        "'north' <-> 'pyongan'",
        "'north' <2> 'pyongan'",  # another distance: a word between them
        "'pyongan' <-> 'north'",  # the other order
        "'sino' & 'korean' & 'friendship' & 'bridg'",  # words in any order are not a phrase
        "'friendship' <-> 'bridg'",
        "'평안북도':*",  # a prefix is not read, and covers nothing
        "'north' <-> 'pyongan' & !'south'",
        # Covered by "friendship bridge", but its other words would no longer be searched for.
        "'china' <-> 'north' <-> 'korea' <-> 'friendship' <-> 'bridg'",
    ]
    assert needed(kept) == kept


def test_of_two_that_cover_each_other_the_first_stays():
    assert needed(["'a' & 'b'", "'b' & 'a'"]) == ["'a' & 'b'"]


@pytest.mark.django_db
def test_a_place_searched_without_its_covered_spellings_scores_and_marks_as_with_all_of_them(make_article, make_tag):
    province = make_tag(
        "North Hamgyong",
        aliases=["North Hamgyong Province", "North Hamgyeong Province", "North Hamgyeong"],
        kind="place",
    )
    make_article(
        "Floods in North Hamgyong Province",
        body="North Korea said rain in the province of North Hamgyeong cut roads. North Hamgyong Province is hilly.",
    )
    make_article("Chongjin port", body="The port serves North Hamgyeong Province and the north of the country.")
    make_article("North of Hamgyong", body="North winds; in Hamgyong the province's harvest failed.")
    tagged = make_article("Market prices", body="Rice prices rose in the markets.")
    tagged.tags.add(province)
    make_article("Unrelated", body="A northern province far from the border.")

    (unit,) = prepare("North Hamgyong").units
    province_spellings = ["'north' <-> 'hamgyong' <-> 'provinc'", "'north' <-> 'hamgyeong' <-> 'provinc'"]
    # One of the two is searched for (the other is covered), and the snippet's query marks both.
    assert sum(spelling in unit.tsquery for spelling in province_spellings) == 1
    assert all(spelling in unit.highlight for spelling in province_spellings)

    results = search(SearchRequest(q="North Hamgyong"), facets=False)
    with connection.cursor() as cursor:
        # Each article's term frequency as ranking computes it, with the unit as searched and with every spelling.
        weights = bm25.ts_rank_weights()
        cursor.execute(
            f"SELECT a.title, ts_rank_cd('{weights}'::float4[], a.search_vector, %s::tsquery, 0), "
            f"ts_rank_cd('{weights}'::float4[], a.search_vector, %s::tsquery, 0) "
            "FROM archive_article a WHERE a.search_vector @@ %s::tsquery",
            [unit.tsquery, unit.highlight, unit.highlight],
        )
        with_every_spelling = {title: (searched, every) for title, searched, every in cursor.fetchall()}

    assert (
        {hit.article.title for hit in results.hits}
        == set(with_every_spelling)
        == {
            "Floods in North Hamgyong Province",
            "Chongjin port",
            "North of Hamgyong",
            "Market prices",
        }
    )
    assert all(searched == pytest.approx(every, rel=1e-9) for searched, every in with_every_spelling.values())
    floods = next(hit for hit in results.hits if hit.article.title.startswith("Floods"))
    assert "<mark>North</mark> <mark>Hamgyong</mark> <mark>Province</mark>" in floods.snippet
