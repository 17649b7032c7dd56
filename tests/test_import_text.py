"""The raw text parser: the three seed articles, and layouts of other outlets."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from archive.importers.record import CreditRecord, PhotoRecord
from archive.importers.text import TextError, decode, derive_title, parse_file, parse_text

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed(prefix: str):
    return parse_file(next(SEEDS.glob(f"{prefix}_*.txt")))


def tag_names(record, kind=None):
    return {t.name for t in record.tags if kind is None or t.kind == kind}


def paragraphs(record):
    return record.body.split("\n\n")


# ------------------------------------------------------------------------------------------------- seeds


def test_seed_with_headline():
    parsed = seed("000")
    record = parsed.record
    assert record.title == "New fence blocks well-trodden escape route into China"
    assert not record.needs_title
    assert record.external_id == "000_bbe638bd60689fb7"
    assert record.dek == ""
    # One paragraph per line in this layout; the headline is not repeated in the body.
    assert paragraphs(record)[0].startswith("China is installing a formidable barbed wire fence")
    assert len(paragraphs(record)) == 9
    assert "New fence blocks" not in record.body
    # NK Times is only quoted ("quoted in NK Times"): it is not the publisher.
    assert record.source is None
    assert {"Changbai", "Jilin", "Yalu River", "Pochon", "Ryanggang", "Ershiyidaogou"} <= tag_names(record, "place")
    assert "Defectors" in tag_names(record, "topic")


def test_seed_related_list_is_dropped():
    parsed = seed("000")
    assert "Manpower shortage" not in parsed.record.body
    assert "March 17, 2025" not in parsed.record.body
    assert len(parsed.dropped) == 3
    assert paragraphs(parsed.record)[-1].endswith("a gradual decrease in the number of defections.")


def test_seed_without_headline_gets_a_working_title():
    record = seed("001").record
    assert record.needs_title
    assert record.title.startswith("Daily NK has obtained video footage")
    assert len(record.title) <= 120
    # The working title comes from the body, which keeps its first paragraph.
    assert paragraphs(record)[0].startswith("Daily NK has obtained video footage")
    assert len(paragraphs(record)) == 14
    assert "\u00a0" not in record.body


def test_seed_outlet_named_as_publisher():
    assert seed("001").record.source.name == "Daily NK"
    assert seed("002").record.source.slug == "daily-nk"


def test_seed_places_and_topics():
    record = seed("001").record
    assert {"Hyesan", "Ryanggang"} <= tag_names(record, "place")  # "Yanggang Province" is Ryanggang
    assert {"Smuggling", "COVID-19"} <= tag_names(record, "topic")


def test_seed_with_keyword_line_caption_subhead_and_credits():
    parsed = seed("002")
    record = parsed.record
    # The keyword line is not a title; the next line is a photo caption; so there is no headline.
    assert record.needs_title
    assert record.title == "North Koreans continue attempts to smuggle across the China-North Korea frontier"
    assert record.photos == [
        PhotoRecord("A marker delineating the border between China and North Korea", "Wikimedia Commons")
    ]
    assert "## Barrier construction is dangerous work" in paragraphs(record)
    assert record.credits == [CreditRecord("translator", "David Black"), CreditRecord("editor", "Robert Lauler")]
    assert "border, china" not in record.body and "Wikimedia" not in record.body
    assert "Translated by" not in record.body


def test_seed_keyword_terms_become_tags():
    record = seed("002").record
    # dprk is North Korea, defections is Defectors, "defections. remittance" is two terms.
    assert {"North Korea", "China"} <= tag_names(record, "place")
    assert {"Defectors", "Remittances", "Border control"} <= tag_names(record, "topic")
    assert {"Hoeryong", "North Hamgyong", "Pochon", "Ryanggang"} <= tag_names(record, "place")
    assert {"Aug. 4 Unified Command", "Command 725", "Bureau 1215"} <= tag_names(record, "organization")


def test_seed_boilerplate_dropped():
    parsed = seed("002")
    body = parsed.record.body
    for text in ("Read in Korean", "Please direct any comments", "network of sources", "dailynkenglish@"):
        assert text not in body
    assert parsed.record.body.endswith("inspects their state of operations.")
    assert "Read in Korean" in parsed.dropped


# ------------------------------------------------------------------------------------- other layouts


WIRE_STYLE = """\
Smugglers switch to night crossings on the Tumen
Border guards in Onsong report a rise in attempts after the thaw

By Kim Min-ji and Lee Sang-ho, NK News
March 3, 2024

Smugglers on the Tumen River have moved their crossings to the night, residents of Hoeryŏng said.

Part 2 of 3

Prices of goods carried across the river rose after the guards changed shifts. Traders said the
changes made the work harder and the margins smaller, and many of them are now waiting to see
what the spring brings to the border towns of North Hamgyŏng province.

Guards and their pay

The guards are paid in corn, one resident said. “They take whatever we offer,” she said.

Soldiers patrol the riverbank near Hoeryong.
Photo: Reuters

Subscribe to our newsletter for weekly updates from the border.
Share this article
Follow us on Twitter @borderdesk

Related:
- Onsong traders face new checks
- Guards paid in corn as rations fail

Reporting by Kim Min-ji; Editing by Jane Doe
"""


def test_wire_layout_headline_dek_byline_date():
    record = parse_text(WIRE_STYLE).record
    assert record.title == "Smugglers switch to night crossings on the Tumen"
    assert record.dek == "Border guards in Onsong report a rise in attempts after the thaw"
    assert record.published_at == datetime(2024, 3, 3, tzinfo=UTC)
    assert CreditRecord("author", "Kim Min-ji") in record.credits
    assert CreditRecord("author", "Lee Sang-ho") in record.credits
    assert CreditRecord("editor", "Jane Doe") in record.credits


def test_wire_layout_body_unwraps_hard_wrapped_lines_and_keeps_subheads():
    record = parse_text(WIRE_STYLE).record
    assert "margins smaller, and many of them are now waiting" in record.body
    assert "## Guards and their pay" in paragraphs(record)
    assert paragraphs(record)[0].startswith("Smugglers on the Tumen River")


def test_wire_layout_caption_with_credit_line_and_boilerplate():
    parsed = parse_text(WIRE_STYLE)
    record = parsed.record
    assert record.photos == [PhotoRecord("Soldiers patrol the riverbank near Hoeryong.", "Reuters")]
    for text in ("Part 2 of 3", "Subscribe", "Share this", "Follow us", "Onsong traders face", "Related"):
        assert text not in record.body, text
    assert "Part 2 of 3" in parsed.dropped


def test_wire_layout_places_fold_accents_and_spellings():
    record = parse_text(WIRE_STYLE).record
    assert {"Tumen River", "Onsong", "Hoeryong", "North Hamgyong"} <= tag_names(record, "place")
    assert "Smuggling" in tag_names(record, "topic")


def test_photo_taken_by_caption():
    text = (
        "Market day in Hyesan\n\n"
        "Traders sell Chinese goods in the Hyesan market. Photo taken in May 2023 by a Daily NK source.\n\n"
        "Business has picked up since the border reopened, traders say, and prices have fallen.\n"
    )
    record = parse_text(text).record
    assert record.photos == [
        PhotoRecord("Traders sell Chinese goods in the Hyesan market. Photo taken in May 2023.", "a Daily NK source")
    ]
    assert "Photo taken" not in record.body


def test_parenthesised_credit_needs_to_look_like_one():
    text = (
        "Fences go up\n\n"
        "Soldiers put up a fence on the Yalu (Photo: Yonhap)\n\n"
        "The work went on for weeks, the source said (speaking on condition of anonymity).\n\n"
        "A second paragraph about the work at the border that is long enough to be a paragraph.\n"
    )
    record = parse_text(text).record
    assert record.photos == [PhotoRecord("Soldiers put up a fence on the Yalu", "Yonhap")]
    assert "speaking on condition of anonymity" in record.body


def test_labelled_fields_and_markdown():
    text = (
        "Title: Brokers raise fees\n"
        "Tags: brokers; defectors; Hyesan\n\n"
        "**Costs of escape keep rising**\n\n"
        "Brokers now ask for twice what they asked last year, defectors in Seoul said.\n\n"
        "### What it costs\n\n"
        "A crossing at Hyesan costs more than one at Musan, they said.\n"
    )
    record = parse_text(text).record
    assert record.title == "Brokers raise fees"
    assert "## What it costs" in paragraphs(record)
    assert {"Brokers", "Defectors"} <= tag_names(record, "topic")
    assert {"Hyesan", "Musan"} <= tag_names(record, "place")


def test_dateline_variants_and_updated_lines():
    text = (
        "Rain floods the Amnok\n"
        "Published: 2023-08-09 14:30\n"
        "Updated: August 10, 2023\n\n"
        "Heavy rain flooded farms along the Amnok River near Sinŭiju this week, residents said.\n"
    )
    parsed = parse_text(text)
    assert parsed.record.published_at == datetime(2023, 8, 9, tzinfo=UTC)
    assert "Updated: August 10, 2023" in parsed.dropped
    assert {"Yalu River", "Sinuiju"} <= tag_names(parsed.record, "place")


def test_cited_outlet_is_not_the_publisher():
    text = (
        "Guards arrested\n\n"
        "Three guards were arrested in Musan, according to NK News. The report, cited by Daily NK, "
        "said the guards had taken bribes.\n"
    )
    assert parse_text(text).record.source is None


def test_outlet_contact_address_names_the_publisher():
    text = (
        "Guards arrested\n\n"
        "Three guards were arrested in Musan for taking bribes from smugglers, residents said.\n\n"
        "Send tips to tips@nknews.org\n"
    )
    parsed = parse_text(text)
    assert parsed.record.source.name == "NK News"
    assert "Send tips" not in parsed.record.body


def test_explicit_source_wins():
    from archive.importers.record import SourceRef

    record = parse_text(
        "Body about smuggling that told Daily NK nothing at all.", source=SourceRef("Asia Press")
    ).record
    assert record.source.name == "Asia Press"


def test_single_word_lowercase_not_mistaken_for_place():
    text = "Singers\n\nThe choir sang on song after song while they carried on.\n\nNothing more to add here today.\n"
    assert tag_names(parse_text(text).record, "place") == set()


def test_korean_text_is_language_ko():
    text = "혜산 국경 경비 강화\n\n양강도 혜산시에서 국경 경비가 강화됐다고 소식통이 전했다.\n"
    record = parse_text(text).record
    assert record.language == "ko"
    assert {"Hyesan", "Ryanggang"} <= tag_names(record, "place")


def test_working_title_cuts_long_sentences_at_a_clause():
    body = (
        "Authorities in Ryanggang Province have ordered every household near the river to report strangers "
        "to the police, following a string of defections in the spring."
    )
    title = derive_title(body)
    assert (
        title
        == "Authorities in Ryanggang Province have ordered every household near the river to report strangers to the police"
    )
    assert derive_title("Short first sentence. Another one.") == "Short first sentence"


def test_only_boilerplate_is_an_error():
    with pytest.raises(TextError, match="no article text"):
        parse_text("Share this article\n\nRead in Korean\n")


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty file"),
        (b"  \n\n \t\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Hoeryŏng".encode("cp1252", errors="replace") + b"\xff\xfe", "not UTF-8"),
        ("Title\n\nBody".encode("utf-16"), "binary|not UTF-8"),
    ],
)
def test_decode_rejects_bad_bytes(data, message):
    with pytest.raises(TextError, match=message):
        decode(data)


def test_decode_accepts_byte_order_mark_and_crlf():
    text = decode("\ufeffHeadline here\r\n\r\nA body paragraph for the article.\r\n".encode("utf-8-sig"))
    record = parse_text(text).record
    assert record.title == "Headline here"
    assert record.body == "A body paragraph for the article."


def test_wire_dateline_names_the_outlet_and_stays_out_of_the_title():
    parsed = parse_text(
        "SEOUL, March 3 (Yonhap) -- North Korea has reinforced its border with China, officials said.\n\n"
        "The move follows a series of defections.\n\n(END)\n"
    )
    assert parsed.record.source.name == "Yonhap"
    assert parsed.record.title == "North Korea has reinforced its border with China"
    assert parsed.record.body.startswith("SEOUL, March 3 (Yonhap) --")
    assert parsed.dropped == ["(END)"]


def test_copyright_social_and_comment_prompts_dropped():
    text = (
        "Hyesan: a city on the edge\n\nBy Jane Doe\n\nThe city of Hyesan sits on the Yalu.\n\n"
        "Share on Facebook | Twitter\n\nLeave a comment\n\nComments (12)\n\n"
        "© 2024 Border Weekly. All rights reserved.\n"
    )
    parsed = parse_text(text)
    assert parsed.record.body == "The city of Hyesan sits on the Yalu."
    assert len(parsed.dropped) == 4
