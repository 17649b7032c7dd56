"""Rules for outlets the importer has never seen (issue 19): print pages, Q&As, charts, staff bylines, video
players and a saved page's lead paragraph. Each by the part of an article it reads, not by an outlet's phrase."""

from datetime import date

import pytest

from archive.importers.html import parse_html
from archive.importers.rawtext import print_pages
from archive.importers.rawtext.credits import byline, credit_line, staff_byline
from archive.importers.rawtext.lines import clean
from archive.importers.record import CreditRecord, PhotoRecord
from archive.importers.text import parse_text

STORY = (
    "Fares on the tourist ferries that sail the Yalu River out of Dandong have doubled since January, "
    "operators said, as fuel costs rose."
)

PRINTED = """Page 3 | The Harbour Chronicle | Friday, 14 March 2025
Ferry crews on the Tumen strike
over unpaid winter wages
By Ana Lindqvist
TUMEN CITY — Crews of the three ferries that carry tourists along
the Tumen River stopped work on Thursday, saying they had not been
paid since December.
The operators said the delay was caused by the late pay-
ment of a provincial subsidy and promised the wages would be paid
by the end of the month. See FERRY, Page 7
Page 3
Page 7 | The Harbour Chronicle | Friday, 14 March 2025
FERRY, from Page 3
"We have heard that before," said one deckhand, who has worked on
the river for nine years.
"""


@pytest.mark.parametrize(
    "line, masthead",
    [
        ("6  THE NORTHERN LEDGER  Tuesday, May 6, 2025", "The Northern Ledger"),
        ("THE NORTHERN LEDGER | Tuesday, May 6, 2025 | Page 6", "The Northern Ledger"),
        ("Page 6 | The Northern Ledger | May 6, 2025", "The Northern Ledger"),
        ("14:35 JST, April 9, 2025", None),
        ("HYESAN, May 6, 2025", None),
    ],
)
def test_running_page_headers(line, masthead):
    head = print_pages.running_head(" ".join(line.split()))
    assert (head.masthead if head else None) == masthead


@pytest.mark.parametrize(
    "line, jump",
    [
        ("Continued on Page 9", True),
        ("See SMUGGLERS, Page 9", True),
        ("SMUGGLERS, from Page 1", True),
        ("From Page 6", True),
        ("Continued on A9", True),
        ("The plan is on page 9", False),
    ],
)
def test_jump_lines(line, jump):
    assert bool(print_pages.JUMP_LINE.match(line)) is jump


def test_print_pages_are_reflowed_without_their_furniture():
    record = parse_text(PRINTED).record
    assert record.title == "Ferry crews on the Tumen strike over unpaid winter wages"
    assert record.credits == [CreditRecord("author", "Ana Lindqvist")]
    assert record.source.name == "The Harbour Chronicle"
    assert record.published_at.date() == date(2025, 3, 14)
    assert record.body.split("\n\n") == [
        "TUMEN CITY — Crews of the three ferries that carry tourists along the Tumen River stopped work on "
        "Thursday, saying they had not been paid since December.",
        "The operators said the delay was caused by the late payment of a provincial subsidy and promised the "
        "wages would be paid by the end of the month.",
        '"We have heard that before," said one deckhand, who has worked on the river for nine years.',
    ]


def test_a_compound_the_text_writes_with_its_hyphen_keeps_it_across_a_line_end():
    text = PRINTED.replace(
        "paid since December.",
        "paid since December, when the cross-border\nroute closed. Cross-\nborder trade has not recovered.",
    )
    body = parse_text(text).record.body
    assert "when the cross-border route closed. Cross-border trade has not recovered." in body
    assert "late payment of a provincial subsidy" in body


def test_a_text_without_page_furniture_is_not_reflowed():
    lines = clean(f"Ferry fares double\n\n{STORY[:60]}\n{STORY[60:]}\n")
    assert print_pages.read(lines).lines == lines


def test_the_next_story_on_the_page_is_left_out():
    text = (
        "9  THE NORTHERN LEDGER  Tuesday, May 6, 2025\n\nFerry fares double\non the Yalu River\n\nBy Ana Lindqvist\n\n"
        f"{STORY}\n\nHarbour board approves new\nsummer ferry timetable\n\nBy Tomas Ferreira\n\n"
        "The harbour board on Monday approved a summer timetable that adds two evening sailings.\n\nPage 9\n"
    )
    record = parse_text(text).record
    assert record.body == STORY
    assert record.credits == [CreditRecord("author", "Ana Lindqvist")]


@pytest.mark.parametrize(
    "labels",
    [("Q:", "A:"), ("Q.", "A."), ("PRIYA RAMAN:", "HAN SEUNG-HO:")],
)
def test_interview_turns_are_the_story_and_the_introduction_its_dek(labels):
    ask, answer = labels
    text = (
        "Five questions for a border economist\n\nInterview by Lars Mikkelsen\n\n"
        "The economist Ji-woo Baek has tracked prices in the markets along the Yalu River for a decade. "
        "We asked her what the numbers say.\n\n"
        f"{ask} What changed?\n\n{answer} The exchange rate, which traders pass on to buyers within a day.\n\n"
        f"{ask} Are markets open?\n\n{answer} Most days, unless there is an inspection.\n"
    )
    record = parse_text(text).record
    assert record.dek.startswith("The economist Ji-woo Baek")
    assert record.body.split("\n\n")[0] == f"{ask} What changed?"
    assert record.body.endswith("unless there is an inspection.")
    assert CreditRecord("author", "Lars Mikkelsen") in record.credits


def test_the_speaker_named_in_full_who_asks_is_the_interviewer():
    record = parse_text(
        "Talking trade with a Dandong wholesaler\n\n"
        "Mei Lin has sold flour and cooking oil to buyers from across the river since 2008. We spoke to her in April.\n\n"
        "Tomas Berg: How is business this spring?\n\nMei Lin: Better than last year, but the buyers come back slowly.\n\n"
        "Berg: What do they buy most?\n\nLin: Flour, always flour, and cooking oil.\n"
    ).record
    assert record.credits == [CreditRecord("author", "Tomas Berg")]
    assert record.body.startswith("Tomas Berg: How is business")


def test_interviewer_credits():
    assert credit_line("Interview by Daniel Okafor") == (CreditRecord("author", "Daniel Okafor"),)
    assert credit_line("Conducted by Priya Raman") == (CreditRecord("author", "Priya Raman"),)


def test_source_under_a_chart_is_its_credit_not_the_outlet():
    record = parse_text(
        f"Rice prices in Hyesan rise\n\n{STORY}\n\n"
        "Figure 1. Rice prices in Hyesan, won per kilogram, 2024\nSource: Korea Grain Watch\n\n"
        "Corn prices rose far less over the same months, traders told our informants in the city.\n"
    ).record
    assert record.photos == [
        PhotoRecord("Figure 1. Rice prices in Hyesan, won per kilogram, 2024", "Korea Grain Watch")
    ]
    assert record.source is None
    assert "Source" not in record.body


@pytest.mark.parametrize(
    "line", ["By Staff Reporter", "Staff writer", "Our Correspondent", "From our correspondent in Dandong"]
)
def test_staff_bylines_name_no_one(line):
    assert staff_byline(line)
    assert byline(line) is None
    record = parse_text(f"Ferry fares double on the Yalu River\n\n{line}\n\n{STORY}\n").record
    assert record.title == "Ferry fares double on the Yalu River"
    assert record.credits == []


def test_a_photo_credited_to_an_outlet_names_the_source_when_nothing_else_does():
    text = (
        f"Ferry fares double on the Yalu River\n\nPhoto: Eastern Frontier Tribune\n"
        f"Ferries moored at the Dandong pier in March.\n\n{STORY}\n"
    )
    assert parse_text(text).record.source.name == "Eastern Frontier Tribune"
    agency = text.replace("Eastern Frontier Tribune", "Pacific Press Agency")
    assert parse_text(agency).record.source is None


def test_english_edition_masthead_is_the_source():
    text = f"The Songhua Valley Star English Edition\n\nFerry fares double on the Yalu River\n\n{STORY}\n"
    assert parse_text(text).record.source.name == "The Songhua Valley Star English Edition"


@pytest.mark.parametrize(
    "label", ["Watch", "Play video", "Now playing", "02:31", "Video by Lena Marchetti", "Up next: Ferry crews strike"]
)
def test_video_player_labels_are_never_names_or_body(label):
    record = parse_text(
        f"{label}\n\nDrone footage shows new watchtowers\n\n{label}\n\nBy Tomasz Wren\n\n{STORY}\n\n{label}\n"
    ).record
    assert record.title == "Drone footage shows new watchtowers"
    assert record.credits == [CreditRecord("author", "Tomasz Wren")]
    assert record.body == STORY


@pytest.mark.parametrize(
    "lead",
    [
        f'<div class="intro">{STORY}</div>',
        f'<div class="news-lead"><span>{STORY}</span></div>',
        f'<p class="lede"><strong>{STORY}</strong></p>',
    ],
)
def test_a_lead_paragraph_the_extraction_drops_is_restored(lead):
    page = (
        "<html><head><title>Ferry fares double - Tideline Herald</title></head><body><article>"
        f"<h1>Ferry fares double on the Yalu River</h1>{lead}<div class='body'>"
        "<p>Operators expect fares to fall again once the river freezes and the tourist season ends.</p>"
        "<p>The ferries carry about two hundred passengers a day in the summer months, they said.</p>"
        "</div></article></body></html>"
    )
    record = parse_html(page).record
    assert record.body.split("\n\n")[0] == STORY
    assert record.body.count(STORY) == 1
    assert record.dek != STORY
