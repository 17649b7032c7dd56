"""The gazetteer: places of the border and their spellings, found in text however they are written."""

import json
from pathlib import Path

import pytest

from archive import gazetteer

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "gazetteer.json"


def test_fixture_is_well_formed():
    entries = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert 40 <= len(entries) <= 80
    names = [gazetteer.fold(e["name"]) for e in entries]
    assert len(names) == len(set(names))
    kinds = {e["kind"] for e in entries}
    assert {"province", "city", "county", "river", "crossing", "country"} <= kinds
    # Every variant leads back to its own place: no spelling is claimed by two places.
    for entry in entries:
        for variant in entry["variants"]:
            assert gazetteer.canonical_place(variant) == entry["name"], variant


@pytest.mark.parametrize(
    "spelling, place",
    [
        ("Hoeryŏng", "Hoeryong"),
        ("hoeryeong", "Hoeryong"),
        ("회령", "Hoeryong"),
        ("會寧", "Hoeryong"),
        ("Yanggang", "Ryanggang"),
        ("Yanggang-do", "Ryanggang"),
        ("ryang gang", "Ryanggang"),
        ("양강도", "Ryanggang"),
        ("Poch'ŏn", "Pochon"),
        ("Bocheon", "Pochon"),
        ("Sinŭiju", "Sinuiju"),
        ("Amnok", "Yalu River"),
        ("鸭绿江", "Yalu River"),
        ("Tuman", "Tumen River"),
        ("Tumen", "Tumen River"),
        ("Tumen City", "Tumen City"),
        ("Hamgyŏng-pukto", "North Hamgyong"),
        ("HAMGYONGBUKDO", "North Hamgyong"),
        ("DPRK", "North Korea"),
        ("长白", "Changbai"),
        ("Changbai Mountain", "Mount Paektu"),
        ("丹东", "Dandong"),
        ("Ji'an", "Ji'an"),
    ],
)
def test_canonical_place_folds_spellings(spelling, place):
    assert gazetteer.canonical_place(spelling) == place


def test_variants_of_groups_the_romanisations():
    variants = gazetteer.variants_of("Hoeryeong")
    assert {"Hoeryong", "Hoeryŏng", "Hoeryeong", "회령"} <= variants
    assert gazetteer.variants_of("Pyongyang Zoo") == set()
    assert gazetteer.canonical_place("") is None


def test_find_places_in_text_longest_name_first():
    text = (
        "Smugglers crossed the Tumen River near Namyang, opposite Tumen City, while others went to "
        "Changbai Mountain from Changbai County and on to N. Korea's Hamgyong-Bukto."
    )
    found = [(m.text, m.place.name) for m in gazetteer.find_mentions(text)]
    assert found == [
        ("Tumen River", "Tumen River"),
        ("Namyang", "Namyang"),
        ("Tumen City", "Tumen City"),
        ("Changbai Mountain", "Mount Paektu"),
        ("Changbai County", "Changbai"),
        ("N. Korea", "North Korea"),
        ("Hamgyong-Bukto", "North Hamgyong"),
    ]


def test_the_city_of_a_name_shared_with_a_river_is_the_city():
    """Bare, "Tumen" is the river; "the city of Tumen" is Tumen City. A name with no city of its own stays
    what it is, and "velocity of" is not "city of"."""
    places = [p.name for p in gazetteer.find_places("held in the City of  Tumen, then sent across the Tumen")]
    assert places == ["Tumen City", "Tumen River"]
    assert [p.name for p in gazetteer.find_places("the city of Hyesan")] == ["Hyesan"]
    assert [p.name for p in gazetteer.find_places("the velocity of Tumen floods")] == ["Tumen River"]


@pytest.mark.parametrize(
    "text",
    ["markets closed in Yanji, Longjing and Tumen last week", "traders from Hunchun or Tumen", "near Helong, Tumen"],
)
def test_a_shared_name_in_a_list_of_places_after_a_preposition_is_the_city(text):
    assert "Tumen City" in [p.name for p in gazetteer.find_places(text)]


@pytest.mark.parametrize("text", ["ice on the Yalu and Tumen", "in the Yalu, the Tumen and the Amur"])
def test_a_shared_name_in_a_list_of_rivers_with_their_article_stays_the_river(text):
    assert "Tumen City" not in [p.name for p in gazetteer.find_places(text)]


def test_find_places_once_each_in_order():
    names = [p.name for p in gazetteer.find_places("Hyesan, then HYESAN, then 혜산시 and Musan.")]
    assert names == ["Hyesan", "Musan"]


def test_matching_respects_word_boundaries_and_lines():
    assert gazetteer.find_places("Samsung musings, a Hyesanite, and unmusanly words") == []
    # A name never runs across a line break or a comma.
    assert "North Hamgyong" not in [p.name for p in gazetteer.find_places("North\nHamgyong")]
    assert [p.name for p in gazetteer.find_places("Tumen, City officials said")] == ["Tumen River"]


def test_acronyms_match_only_in_capitals():
    assert [p.name for p in gazetteer.find_places("the DPRK said")] == ["North Korea"]
    assert gazetteer.find_places("a prc of the dprk kind") == []


def test_a_name_inside_a_longer_name_with_a_possessive_loses_to_it():
    """ "Republic of Korea" (the South) stands inside the North's full name: the longest name wins."""
    text = "The Democratic People’s Republic of Korea and the Republic of Korea met in Hyesan's old hall."
    found = [(m.text, m.place.name) for m in gazetteer.find_mentions(text)]
    assert found == [
        ("Democratic People’s Republic of Korea", "North Korea"),
        ("Republic of Korea", "South Korea"),
        ("Hyesan", "Hyesan"),
    ]
    assert [p.name for p in gazetteer.find_places("the Democratic People's Republic of Korea")] == ["North Korea"]


def test_starter_tags_with_possessives_inside_are_found_whole():
    from archive.importers import vocabulary

    matcher = vocabulary.tag_matcher()
    assert [t.name for t in matcher.find_places("the Workers' Party of Korea met")] == ["Workers' Party of Korea"]
    assert [t.name for t in matcher.find_places("the Ministry of People’s Security")] == ["Ministry of Social Security"]
    assert matcher.find_places("the workers' rights were read out") == []


@pytest.mark.parametrize(
    "text", ["the line between Tumen, Jilin, and Namyang", "a plant in Tumen, Yanbian", "Tumen, Jilin Province"]
)
def test_a_shared_name_placed_in_its_province_after_a_comma_is_the_city(text):
    assert "Tumen City" in [p.name for p in gazetteer.find_places(text)]


@pytest.mark.parametrize("text", ["along the Tumen, North Hamgyong's border", "the Tumen, Yalu and Amur rivers"])
def test_a_rivers_name_with_its_article_before_a_province_stays_the_river(text):
    assert "Tumen City" not in [p.name for p in gazetteer.find_places(text)]


def test_a_name_without_the_word_for_its_kind_of_place_still_names_it():
    """ "Paektu" is the mountain's name; "Mount" only says what kind of place it is."""
    assert "Mount Paektu" in [p.name for p in gazetteer.find_places("On a clear day you can see toward Paektu.")]
