"""Photo captions: a sentence describing a photograph, with or without its credit.

A caption is recognised by its credit ("… (Yonhap)", "… Photo: X", "… Credit: X", "… [AGENCY]",
"… Image © X", "… Photo courtesy of X", "… Courtesy of the X family", "… Jane Doe/Outlet" after the last full stop,
a "Photo: X" line above or below it) or, without a credit, by reading as the description of a picture standing alone:
one sentence about a scene that says it was photographed, taken, pictured, seen from somewhere, is a
"FILE" picture or a "Figure", or that the site cut off with "…". Captions grouped in a small block at the foot of a
story share the credit line under them ("All photographs: X").
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from archive.importers.rawtext import credits
from archive.importers.rawtext.boilerplate import PICTURE_LINK, PICTURE_LINKS, is_boilerplate, is_dated_entry, is_menu
from archive.importers.rawtext.dates import date_line
from archive.importers.rawtext.lines import (
    BULLET,
    PROSE_END,
    QUOTE_START,
    SENTENCE_END,
    Para,
    is_capitals,
    is_story_paragraph,
    is_title_case,
)
from archive.importers.rawtext.names import is_person_name
from archive.importers.record import PhotoRecord

_HINT = re.compile(
    r"\b(?:photo|photos|photograph|image|picture|credit|courtesy|file|commons|wikimedia|flickr|afp|reuters|yonhap|"
    r"ap|epa|getty|kcna|xinhua|newsis|news1|google earth|planet labs|maxar|shutterstock|unsplash|handout|provided|"
    r"screenshot|capture|video|graphic|illustration|press|news|wire|agency)\b|사진|제공|촬영|©",
    re.I,
)
# "Above" and "Pictured" label a caption only with their colon or comma ("Above all, …" is a sentence).
_LABEL = re.compile(
    # A picture's symbol opening the line marks its caption too: "🖼 A boat at dusk.", "📷 …".
    r"^(?:(?:caption|image caption|photo caption|\[(?:photo|image|picture|map|chart|graphic)\]|[🖼📷📸🎞🗺]\ufe0f?)\s*[:,]?|"
    r"(?:above|pictured)\s*[:,])\s*(?P<caption>.+)$",
    re.I,
)
# The mark a copy leaves where a picture stood, with what the picture shows ("[Image: A boat at dusk]"): a description
# in lower-case words, not a credit.
_PLACEHOLDER = re.compile(r"^\[(?:image|photo|picture|map|chart|graphic)\s*:\s*(?P<alt>[^\[\]]{2,300})\]$", re.I)
MIN_DESCRIPTION_WORDS = 3
_CREDIT_ONLY = re.compile(
    r"^(?P<open>[\[(])?(?:photo|photograph|image|picture|illustration|graphic|photo credit|image credit|image source|"
    r"credit)s?\s*"
    r"(?::|,|by\b|—|-|[©ⓒ])\s*(?P<credit>.{2,100}?)[\])]?\.?$",
    re.I,
)
# A photo's credit on the line under its caption after a copyright sign: a photographer and an agency ("© Jane
# Doe/AGENCY") or a photographer alone ("© Han Min-ji"), not a site's copyright line (a year, "All rights reserved").
_COPYRIGHT_CREDIT = re.compile(r"^[©ⓒ]\s*(?P<credit>[^\d/©ⓒ.]{2,60}/[^\d/©ⓒ.]{2,60})$")
_COPYRIGHT_PERSON = re.compile(r"^[©ⓒ]\s*(?P<credit>[^\d/©ⓒ.]{2,60})$")
# "Courtesy of the X family" alone on the line under a caption, as it stands after one ("… in 2005. Courtesy of …").
_COURTESY_ALONE = re.compile(r"^(?:(?:photo|image|picture)s?\s+)?courtesy(?:\s+of)?\s+(?P<credit>[^.]{2,80})\.?$", re.I)
# The same credit without a sign, a photographer and an outlet parted by a slash: "Rachel Okafor/CPR", "AP/Kim Lee".
_SLASHED_CREDIT = re.compile(
    r"^(?P<credit>(?P<left>[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3})\s?/\s?(?P<right>[A-Z][\w'’&-]*(?: [A-Z][\w'’&-]*){0,3}))$"
)


def credits_the_piece(text: str) -> bool:
    """Whether a line of credits names the piece's writer, translator or editor beside its photographer ("Photos by X ·
    Text by Y"): the article's credits under its headline, never one picture's credit."""
    roles = {credit.role for credit in credits.credit_line(text) or ()}
    return "photographer" in roles and len(roles) > 1


def _credit_under(text: str, caption: str, story_under: bool = False) -> re.Match | None:
    """A credit set alone on the line under its caption (see _COPYRIGHT_CREDIT, _SLASHED_CREDIT), or None. A name with
    no label credits the line above only when that line ends as a sentence does. A copyright line naming no person
    ("© X Charity") is the picture's, not the page's, when the story goes on under it (`story_under`): the page's own
    copyright line stands under all the story."""
    if credits_the_piece(text):
        return None
    if (found := _CREDIT_ONLY.match(text) or _COPYRIGHT_CREDIT.match(text)) is not None:
        return found
    if not PROSE_END.search(caption):
        return None
    if (courtesy := _COURTESY_ALONE.match(text)) is not None:
        return courtesy
    if (person := _COPYRIGHT_PERSON.match(text)) is not None and (
        story_under or is_person_name(person.group("credit").strip())
    ):
        return person
    slashed = _SLASHED_CREDIT.match(text)
    if slashed is not None and (is_person_name(slashed.group("left")) or is_person_name(slashed.group("right"))):
        return slashed
    return None


_PICTURE_WORD = (
    r"(?:photographer|photograph|photo|image|picture|video|satellite image|map|graphic|chart|illustration|사진)s?\b"
)
_INLINE = re.compile(
    # "Courtesy of" needs no separator and may name a family or a reader: "… from 2005. Courtesy of the Lind family".
    rf"^(?P<caption>.{{5,400}}?[.!?…])\s+(?:(?:{_PICTURE_WORD}\s*)?courtesy of\s+"
    rf"|(?:{_PICTURE_WORD}\s*(?:credit|courtesy)?"
    # Without a separator the credit is a name: "Satellite images show the fence …" is a sentence, not a label.
    # A name may open with its initials: "Photo: M. Park", "Photo: J. R. Lim".
    r"|credit)\s*(?:(?::|by\b|=)\s*|(?!\s|(?-i:[a-z]))))(?P<credit>(?:(?-i:[A-Z])\.\s?)*[^.]{2,80}?)\.?$",
    re.I | re.S,
)
_COPYRIGHT = re.compile(
    r"^(?P<caption>.{10,400}?[.!?…])\s+(?:(?:satellite\s+)?(?:image|photo|photograph)s?\s+)?[©ⓒ]\s*(?P<credit>.{2,120}?)\.?$",
    re.I | re.S,
)
# "… on March 1, 2025 | Photo: X/Outlet": a labelled credit after a bar, where the caption has no full stop.
_BARRED = re.compile(
    r"^(?P<caption>.{10,400}?)\s+\|\s+(?:(?:satellite\s+)?(?:photo|photograph|image|picture)s?(?:\s+credit)?|credit)"
    r"\s*(?::|by\b)\s*(?P<credit>[^|]{2,80}?)\.?$",
    re.I | re.S,
)
# "… near the quay PICTURE: X", "… at dusk Photo: X": a picture's label with its colon, capitalised, after a caption that
# has no full stop.
_LABEL_AFTER = re.compile(
    r"^(?P<caption>.{10,400}?[^\s.!?:])\s+(?-i:(?:PHOTO|PICTURE|IMAGE|PHOTOGRAPH|CREDIT)S?|(?:Photo|Picture|Image|Photograph|Credit)s?)"
    r"\s*:\s*(?P<credit>[^.|:]{2,80}?)\.?$",
    re.S,
)
_TAKEN_BY = re.compile(
    r"^(?P<caption>.*?\b(?:photo|photograph|picture|image|video|footage)s?\s+(?:was\s+|were\s+)?(?:taken|shot|filmed|captured)\b.*?)"
    r",?\s+by\s+(?P<credit>[^.]{2,80}?)\.?$",
    re.I | re.S,
)
_PAREN = re.compile(r"^(?P<caption>.+?)\s*\((?P<credit>[^()]{2,80})\)\s*$", re.S)
_BRACKET = re.compile(r"^(?P<caption>.+?[.!?…])\s*\[(?P<credit>[^\[\]]{2,60})\]\s*$", re.S)
# A credit set after a dash ("… of the river. — Lim Ha-eun/Northlight"): a photo credit, whatever the caption says.
_DASHED = re.compile(r"^(?P<caption>.{20,400}?[.!?])\s+[—–]\s+(?P<credit>[^.!?—–]{2,60})$", re.S)
# After a picture's label, a sentence of four words or more and a few words after its full stop: a caption and its credit.
_CAPTION_THEN_CREDIT = re.compile(r"^(?P<caption>(?:\S+\s+){3,}\S*[a-z]\S*[.!?])\s+(?P<credit>[^.!?]{2,40}?)$")
_TRAILING = re.compile(r"^(?P<caption>.{20,350}?[.!?…])\s+(?P<credit>[^.!?…]{2,60})$", re.S)
_SCENE = re.compile(
    # "can be seen from the bank" tells what is visible from a place, not what a picture shows.
    r"\b(?:photographed|pictured|(?<!be )seen (?:from|here|in|on|at|through)|(?:is|are) seen|"
    r"in a (?:photo|picture|satellite image|"
    r"file photo|video still)|in this (?:photo|image|picture)|(?:photo|picture|image) (?:taken|shot)|taken (?:on|in|from|at|by)|"
    r"captured|filmed)\b",
    re.I,
)
# A chart's or table's title ("Figure 1. …", "Chart 2: …", "Table 3 …") and the line under it naming where
# its figures come from ("Source: X"): the chart's caption and credit, not the outlet's source.
_CHART_TITLE = re.compile(r"^(?:figure|fig\.|chart|graph|graphic|infographic|table|map|exhibit)\s*\d*[.:]?\s+\S", re.I)
_CHART_SOURCE = re.compile(r"^(?:sources?|data|data source)\s*:\s*(?P<credit>.{2,120}?)\.?$", re.I)


def is_chart_source(text: str) -> bool:
    """A line naming where a chart's or a table's figures come from ("Source: X", "Data: X")."""
    return _CHART_SOURCE.match(text) is not None


# The same source as the title's last sentence: "Figure 1. The corridor's crossings. Source: authors' survey."
_CHART_SOURCE_AFTER = re.compile(
    r"^(?P<caption>.+?[.!?])\s+(?:sources?|data|data source)\s*:\s*(?P<credit>[^:]{2,120}?)\.?$", re.I | re.S
)
# A sentence about footage ("The video, filmed from …, shows …", "Footage shared widely was filmed …") is story text (a
# fact check's dek), not a caption: a caption describes its one still picture.
_ABOUT_MEDIA = re.compile(
    r"^(?:(?:the|this|that|a|an) (?:video|footage|photo|image|picture|clip|drone footage)s?|(?:footage|videos|clips))\b",
    re.I,
)
# What several pictures show ("Satellite images taken in May show …", "Photos shared online showed …", "Commercial
# satellite images … appear to show …"): the story's evidence; a caption describes its one picture.
_PICTURES_SHOW = re.compile(
    r"^(?:[A-Z][\w-]*\s+)?(?:[a-z][\w-]*\s+)?(?:images|photos|photographs|pictures|videos)\b[^.]{0,100}?\b(?:show|showed|reveal|revealed|"
    r"suggest|suggested|indicate|indicated)\b"
)
_REPORTED_SPEECH = re.compile(r"\b(?:said|says|told|according to)\b", re.I)


_ABBREVIATION_END = re.compile(r"\b(?:Inc|Ltd|Co|Corp|Bros|Jr|Sr|Pty|Plc|Mfg)\.$")
# A gallery's counter glued before a caption ("[1/2]A guard …", "3/8 Boats …") and the links a page sets after it
# ("Purchase Licensing Rights, opens new tab", "Enlarge this image"): neither caption nor credit.
# A grouped list's number before each picture's caption ("1. The river at dusk. X for Y") is its place in the list too.
_COUNTER = re.compile(r"^(?:[\[(]?\d{1,2}\s*(?:/|of)\s*\d{1,2}[\])]?\s*|\d{1,2}[.)]\s+)(?=[A-Z\"“‘'])")
_LINKS_AFTER = re.compile(rf"(?:\s*,?\s*{PICTURE_LINK})+\s*$", re.I)
# A photo's usage notice in parentheses ("(For Use Only in the Republic of Korea. No Redistribution)"): the
# agency's terms, neither caption nor credit.
_USAGE = re.compile(
    r"\s*[\[(][^()\[\]]*\b(?:use only|only for use|no (?:redistribution|sales|resale|archives)|not for (?:sale|resale|"
    r"redistribution|publication)|editorial use|mandatory credit)\b[^()\[\]]*[\])]",
    re.I,
)
# A picture's kind naming what it shows, without a credit: "Screenshot of the post, taken on January 21",
# "Screengrab from a video shared on X": a caption wherever it stands.
_PICTURE_LABEL = re.compile(
    r"^(?:an? )?(?:screenshots?|screen ?grabs?|screen captures?|video stills?|stills?)\b(?:\s+\w+)?\s+(?:of|from|showing)\b",
    re.I,
)
MAX_LABELLED_PICTURE_WORDS = 40


@dataclass(frozen=True)
class Caption:
    photo: PhotoRecord
    length: int  # how many paragraphs it takes


# A file photo's mark after its credit ("AGENCY/Jane Doe/File Photo", "Jane Doe/File", "Agency Photo/Jane Doe, File").
# With no separator it is the two words, capitalised as a mark: "Jane Doe/Agency File Photo" (an agency's "file photo"
# in words is its credit's own).
_FILE_SUFFIX = re.compile(r"\s*[/,]\s*(?i:file(?: photo| picture| image)?)$|\s+File (?:Photo|Picture|Image)$")


def tidy_credit(credit: str) -> str:
    """The bare credit: "©Lee Han-sol" is Lee Han-sol, "(Photo: Pacifica Press)" is Pacifica Press."""
    credit = credit.strip()
    if credit.startswith(("(", "[")) and credit.endswith((")", "]")):
        credit = credit[1:-1].strip()
    previous = None
    while previous != credit:
        previous = credit
        credit = re.sub(r"^(?:[©ⓒ]|\(c\))\s*", "", credit)
        # A separator set before the credit ("— X/Outlet", "| Photo Credit: X") is not part of it.
        credit = re.sub(r"^[|—–-]\s*", "", credit)
        credit = re.sub(
            # A picture's kind labelling its credit: "Photo: X", "Composite: X", "Map: X", "Graphic: X".
            r"^(?:photographers?|photographs?|photos?|images?|pictures?|video|credit|courtesy of|courtesy|source|사진)\s*(?::|=|by\b|-|—)?\s*"
            r"|^(?:composite|collage|montage|graphic|map|chart|illustration|infographic|screenshot)s?\s*(?::|by\b)\s*",
            "",
            credit,
            flags=re.I,
        )
    credit = re.sub(r"(?i)\.?\s*all rights reserved\.?$", "", credit)
    credit = _FILE_SUFFIX.sub("", credit)  # "X/Agency/File Photo": an archive picture's mark, not a name
    credit = credit.strip(" /")  # "… on May 1. /Yonhap"
    # The full stop of an abbreviation ending a company's name is the name's own: "Skyline Imaging Inc.".
    return credit if _ABBREVIATION_END.search(credit) else credit.strip(" ./")


def caption_at(paras: list[Para], i: int, *, standalone: bool) -> Caption | None:
    """The caption at paragraph i and how many paragraphs it takes, or None. `standalone`: the paragraph stands
    where captions stand (in the lead-in, or set apart between paragraphs), so a credit-less caption may count."""
    text = gallery_caption(paras[i].text)
    # "Published: July 30, 2024 at 7:15 a.m. PDT": a date line, whose time zone is no photo credit.
    if len(text) > 500 or text[:1] in QUOTE_START or date_line(text) is not None:
        return None
    nxt = paras[i + 1] if i + 1 < len(paras) else None
    if is_chart(text) and nxt is not None and (source := _CHART_SOURCE.match(nxt.text)):
        return Caption(PhotoRecord(text, tidy_credit(source.group("credit"))), 2)
    if (source := _figure_source(paras, i)) is not None:
        return Caption(PhotoRecord(text, tidy_credit(source)), 2)
    if (labelled_figure := _labelled_figure(paras, i)) is not None:
        return labelled_figure
    if (alt := _placeholder(text)) is not None:
        # Its caption is the line set tight under it, if one is; else what it shows.
        if nxt is not None and not nxt.blank_before and (under := caption_at(paras, i + 1, standalone=True)):
            return Caption(under.photo, under.length + 1)
        # It may hold the whole caption, its credit too ("[Photo: A ferry at dusk. Credit: X]").
        return Caption(PhotoRecord(*split_credit(alt)), 1)
    if (labelled := _LABEL.match(text)) is not None:
        caption, credit = split_credit(labelled.group("caption"))
        # "Image caption: …" over "Image source, Agency": the credit stands on the line below.
        if not credit and nxt is not None and not nxt.blank_before and (below := _CREDIT_ONLY.match(nxt.text)):
            return Caption(PhotoRecord(caption, tidy_credit(below.group("credit"))), 2)
        return Caption(PhotoRecord(caption, credit), 1)
    if (credit_line := _CREDIT_ONLY.match(text)) is not None and not credits_the_piece(text):
        # "Photo: X" alone: its caption is the short line under it, when one follows without a blank line, or
        # (for a credit set apart in brackets, "[Photo by X/Outlet]") the short paragraph under it.
        if nxt is not None and (
            not nxt.blank_before and len(nxt.text) <= 400 or _caption_under_bracket(credit_line, nxt)
        ):
            labelled = _LABEL.match(nxt.text)  # "Image source, Reuters" above "Image caption, …"
            caption = labelled.group("caption") if labelled else nxt.text
            return Caption(PhotoRecord(caption, tidy_credit(credit_line.group("credit"))), 2)
        # "Photo: Trucks queue at the yard. Outlet archive": the label over a caption, its credit after the full stop.
        if (inline := _CAPTION_THEN_CREDIT.match(credit_line.group("credit"))) is not None:
            return Caption(PhotoRecord(inline.group("caption"), tidy_credit(inline.group("credit"))), 1)
        return Caption(PhotoRecord("", tidy_credit(credit_line.group("credit"))), 1)
    if nxt is not None and not nxt.blank_before and len(text) <= 400:
        story_under = i + 2 < len(paras) and is_story_paragraph(paras[i + 2].text)
        if (below := _credit_under(nxt.text, text, story_under)) is not None:
            # A picture viewer's controls under it ("hide caption", "toggle caption") and the credit set again.
            return Caption(
                PhotoRecord(text, tidy_credit(below.group("credit"))), 2 + _viewer_lines(paras, i + 2, nxt.text)
            )
    caption, credit = split_credit(text)
    if credit:
        return Caption(PhotoRecord(caption, credit), 1)
    if (shared := _shared_credit(paras, i)) is not None:
        # The last caption takes the credit line under it along: the line credits the pictures, not a photographer.
        credit, credit_at = shared
        return Caption(PhotoRecord(text, credit), 2 if credit_at == i + 1 else 1)
    if _labels_a_picture(text):
        return Caption(PhotoRecord(text, ""), 1)
    if standalone and describes_picture(text) and not _in_a_list(paras, i):
        return Caption(PhotoRecord(text, ""), 1)
    if standalone and _present_scene(paras, i):
        return Caption(PhotoRecord(text, ""), 1)
    if standalone and _treated_picture(text):
        return Caption(PhotoRecord(text, ""), 1)
    return None


# A figure's caption inside the story is a short sentence: at most this many words.
MAX_FIGURE_CAPTION_WORDS = 20
# The story goes on within this many lines under a figure's source line.
FIGURE_STORY_GAP = 2


def _figure_source(paras: list[Para], i: int) -> str | None:
    """The credit of a figure set inside the story without a "Figure 1." label: one short sentence over a "Source: X"
    line set tight under it ("Flooded fields along the river, 30 July." over "Source: satellite imagery"), between the
    story's paragraphs. A source line at the story's foot names the outlet instead."""
    text = paras[i].text
    if i + 1 >= len(paras) or paras[i + 1].blank_before or (source := _CHART_SOURCE.match(paras[i + 1].text)) is None:
        return None
    if len(text.split()) > MAX_FIGURE_CAPTION_WORDS or _REPORTED_SPEECH.search(text) or text[:1] in QUOTE_START:
        return None
    if len([s for s in _SENTENCE_BREAK.split(text) if s]) != 1 or not PROSE_END.search(text):
        return None
    # Set apart, or right under a paragraph of the story: not a row of a table whose rows the source line serves.
    if not paras[i].blank_before and (i == 0 or not is_story_paragraph(paras[i - 1].text)):
        return None
    under = paras[i + 2 : i + 2 + FIGURE_STORY_GAP]
    return source.group("credit") if any(is_story_paragraph(p.text) for p in under) else None


# A picture's kind alone on its line, a placeholder without its brackets ("Map", "Chart"), over the figure's title.
_FIGURE_LABEL = re.compile(r"^(?:map|chart|graph|graphic|infographic|figure)\s*:?$", re.I)


def _labelled_figure(paras: list[Para], i: int) -> Caption | None:
    """A figure set as a block of lines: its kind's label at line i, its title set tight under it and the "Source: X"
    line under the title. The title is the caption, X its credit; the label is neither."""
    if not _FIGURE_LABEL.match(paras[i].text) or i + 2 >= len(paras):
        return None
    title, source = paras[i + 1], paras[i + 2]
    if title.blank_before or source.blank_before or (found := _CHART_SOURCE.match(source.text)) is None:
        return None
    return Caption(PhotoRecord(title.text, tidy_credit(found.group("credit"))), 3)


# A note in brackets on how the picture was treated: "(Faces blurred for their safety.)", "(Image cropped.)".
_TREATMENT_NOTE = re.compile(
    r"^(?P<caption>[^()]{10,250}?[.!?])\s*\((?=[^()]*\b(?:blurred|pixell?ated|obscured|cropped|retouched|digitally "
    r"(?:altered|edited|enhanced))\b)[^()]{3,100}\)$",
    re.I,
)


def _treated_picture(text: str) -> bool:
    """One sentence with a note in brackets on how its picture was treated: a caption, however the sentence reads."""
    match = _TREATMENT_NOTE.match(text)
    if match is None or _REPORTED_SPEECH.search(text):
        return False
    return len([s for s in _SENTENCE_BREAK.split(match.group("caption")) if s]) == 1


def _viewer_lines(paras: list[Para], begin: int, credit: str) -> int:
    """How many lines set tight from `begin` are a picture viewer's controls or its credit again."""
    n = 0
    while begin + n < len(paras) and not paras[begin + n].blank_before:
        text = paras[begin + n].text
        if text != credit and not PICTURE_LINKS.match(text):
            break
        n += 1
    return n


# "A tour boat on the river passes the bank opposite Dandong.": a short sentence, what is shown doing what it does in
# the present, and where.
_PRESENT_SCENE = re.compile(
    r"^(?:A|An|The)\s[a-z][\w'’ -]{2,60}?\s(?!is\b|was\b|has\b|does\b|says\b)[a-z]{3,}s\s[^.!?\"“”;:]*"
    r"\b(?:at|in|on|near|along|beside|across|opposite|outside|inside|above|below|under|over|toward|towards|within)\s[^.!?\"“”;:]{2,80}\.$"
)
MAX_PRESENT_SCENE_WORDS = 20
_PAST = re.compile(r"\b(?:said|was|were|had|told|[a-z]{3,}ed)\b")


def _present_scene(paras: list[Para], i: int) -> bool:
    """A present-tense scene set apart between paragraphs of a story told in the past: a picture's caption, not a
    sentence of the story (which keeps its tense)."""
    text = paras[i].text
    if len(text.split()) > MAX_PRESENT_SCENE_WORDS or not _PRESENT_SCENE.match(text) or re.search(r"\d", text):
        return False
    # Its neighbours are the story's paragraphs, past a live blog's furniture between them ("Share", "07.40 BST").
    around = [t for t in (_neighbour(paras, i, -1), _neighbour(paras, i, 1)) if t is not None]
    return len(around) == 2 and all(
        len(t.split()) > 2 * len(text.split()) and _PAST.search(t) and PROSE_END.search(t) for t in around
    )


MAX_FURNITURE_BETWEEN = 2


def _neighbour(paras: list[Para], i: int, step: int) -> str | None:
    """The nearest paragraph before (step -1) or after (step 1) paragraph i that is not page furniture."""
    for n in range(1, MAX_FURNITURE_BETWEEN + 2):
        j = i + step * n
        if not 0 <= j < len(paras):
            return None
        if not is_boilerplate(paras[j].text):
            return paras[j].text
    return None


# The credit of all the pictures captioned above it: "All photographs: X", "Photos by X", "Pictures: X".
_SHARED_CREDIT = re.compile(
    r"^(?:all\s+)?(?:photographs|photos|pictures|images)\s*(?::|by\b)\s*(?P<credit>.{2,80}?)\.?$", re.I
)
# Captions grouped at the foot of a story are a small block (a heading, a few captions, their credit) of short lines.
MAX_CAPTION_BLOCK = 10
MAX_GROUPED_CAPTION_WORDS = 40


def _shared_credit(paras: list[Para], i: int) -> tuple[str, int] | None:
    """The credit of a block of captions grouped together (a heading such as "In pictures" over short lines set tight,
    the last line crediting all the pictures: "All photographs: X"), when line i is one of those captions, and the
    index of the credit line."""
    first = i
    while first > 0 and not paras[first].blank_before:
        first -= 1
    last = i
    while last + 1 < len(paras) and not paras[last + 1].blank_before:
        last += 1
    credit = _SHARED_CREDIT.match(paras[last].text)
    if credit is None or last - first > MAX_CAPTION_BLOCK or i == last:
        return None
    # The block may open with its heading, a line that is no sentence.
    lines = [p.text for p in paras[first:last]]
    if not SENTENCE_END.search(lines[0]) and first < i:
        lines = lines[1:]
    if not all(PROSE_END.search(t) and len(t.split()) <= MAX_GROUPED_CAPTION_WORDS for t in lines):
        return None
    return tidy_credit(credit.group("credit")), last


def _placeholder(text: str) -> str | None:
    """What a picture's placeholder in brackets says it shows ("[Image: A boat at dusk]"), or None."""
    match = _PLACEHOLDER.match(text)
    if match is None or len(re.findall(r"\b[a-z]+\b", match.group("alt"))) < MIN_DESCRIPTION_WORDS:
        return None  # "[Photo: Lim Ha-eun/Northlight]" is a credit
    return match.group("alt").strip()


def _in_a_list(paras: list[Para], i: int) -> bool:
    """An item of a list ("- … in samples taken at Nanping.") beside another: a point of the text, not a caption."""
    neighbours = [paras[j].text for j in (i - 1, i + 1) if 0 <= j < len(paras)]
    if not BULLET.match(paras[i].text) or not any(BULLET.match(text) for text in neighbours):
        return False
    # A numbered list of captions ("1. The river at dusk. X for Y") lists pictures: an item beside captions that carry
    # their credits is one of them, not a point of the text.
    return not any(split_credit(gallery_caption(text))[1] for text in neighbours if _COUNTER.match(text))


def gallery_caption(text: str) -> str:
    """A caption without the gallery's counter before it and the page's links after it."""
    return _LINKS_AFTER.sub("", _COUNTER.sub("", text))


def _labels_a_picture(text: str) -> bool:
    sentences = re.findall(r"[.!?](?:\s|$)", text)
    return (
        bool(_PICTURE_LABEL.match(text))
        and len(text.split()) <= MAX_LABELLED_PICTURE_WORDS
        and len(sentences) <= 1
        and not _REPORTED_SPEECH.search(text)
    )


def is_chart(caption: str) -> bool:
    """A chart's or a table's title rather than a photo's caption."""
    return bool(_CHART_TITLE.match(caption)) and len(caption) <= 300


def _caption_under_bracket(credit_line: re.Match, nxt: Para) -> bool:
    if not credit_line.group("open") or len(nxt.text) > 300 or nxt.text[:1] in QUOTE_START:
        return False
    if _CREDIT_ONLY.match(nxt.text) or _REPORTED_SPEECH.search(nxt.text):
        return False
    return len(re.findall(r"[.!?…](?:\s|$)", nxt.text)) <= 2


def credit_alone(text: str) -> str | None:
    """The bare credit of a line that is only a picture's credit ("Photo: X", "Image: X", "[Photo by X]"), or None."""
    match = _CREDIT_ONLY.match(text)
    return tidy_credit(match.group("credit")) if match is not None else None


def credit_above(paras: list[Para], i: int) -> bool:
    """Whether paragraph i is the caption of a credit line standing alone above it. A credit set tight under a caption
    of its own, a sentence ("A quay at dusk." over "Image: X"), credits that one: a paragraph shaped like the story's
    under it is the story's."""
    if i == 0 or _CREDIT_ONLY.match(paras[i - 1].text) is None:
        return False
    if i >= 2 and not paras[i - 1].blank_before and is_story_paragraph(paras[i].text):
        over = caption_at(paras, i - 2, standalone=True)
        if over is not None and over.length >= 2 and PROSE_END.search(over.photo.caption):
            return False
    caption = caption_at(paras, i - 1, standalone=True)
    return caption is not None and caption.length == 2


# A file photo's marker between the caption and its credit ("… in Tumen. File | Photo: X") is neither.
_FILE_MARK = re.compile(r"(?<=[.!?])\s+(?i:file(?: photo)?)$")
_FILE_MARK_BEFORE = re.compile(r"(?<=[.!?])\s+(?i:file(?: photo)?)\s*\|\s*(?=\S)")


_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=4096)
def split_credit(text: str) -> tuple[str, str]:
    """A caption's text and its credit; the credit is empty when the text carries none."""
    caption, credit = _split_credit(_FILE_MARK_BEFORE.sub(" ", _USAGE.sub("", text)))
    if credit and not _LETTER.search(credit):
        return text, ""  # "… No. 47": a number is no one's credit; a credit names someone, in letters
    return (tidy_caption(caption), credit) if credit else (caption, credit)


def tidy_caption(caption: str) -> str:
    """A caption without the file-photo marker standing between it and its credit."""
    return _FILE_MARK.sub("", caption)


def _split_credit(text: str) -> tuple[str, str]:
    if len(text) > 450 or text.endswith(("…", "...")):
        return text, ""  # cut off by the site: what looks like a credit may be the caption's own words
    if is_dated_entry(text):
        return text, ""  # another article's entry in a related list: its date is no credit
    if is_chart(text) and (source := _CHART_SOURCE_AFTER.match(text)) is not None:
        return source.group("caption"), tidy_credit(source.group("credit"))
    if (taken := _TAKEN_BY.match(text)) is not None:
        caption = taken.group("caption").rstrip(" ,")
        return (caption if SENTENCE_END.search(caption) else caption + "."), tidy_credit(taken.group("credit"))
    for pattern in (_COPYRIGHT, _INLINE, _BARRED, _LABEL_AFTER):
        if (match := pattern.match(text)) is not None:
            return match.group("caption").strip(), tidy_credit(match.group("credit"))
    if (paren := _PAREN.match(text)) is not None:
        caption, credit = paren.group("caption").strip(), paren.group("credit").strip()
        after_sentence = bool(re.search(r"[.!?…]['\"”’]?$", caption))
        credit_like = _HINT.search(credit) or (is_title_case(credit) and len(credit.split()) <= 6)
        if (
            credit_like
            and (after_sentence or _HINT.search(credit))
            and len(caption.split()) >= 3
            and not caption.endswith(("said", "says"))
        ):
            return caption, tidy_credit(credit)
    if (dashed := _DASHED.match(text)) is not None and text[:1] not in QUOTE_START:
        credit = dashed.group("credit")
        if "/" in credit or _HINT.search(credit):  # "X/Outlet", "Photo by X": a quotation's speaker is neither
            return dashed.group("caption").strip(), tidy_credit(credit)
    if (bracket := _BRACKET.match(text)) is not None:
        return bracket.group("caption").strip(), tidy_credit(bracket.group("credit"))
    if (trailing := _TRAILING.match(text)) is not None:
        credit = trailing.group("credit").strip()
        caption = trailing.group("caption")
        # A button after its box's pitch ("… readers like you. Donate") is a control's label, no one's credit.
        button = "/" not in credit and is_menu(credit)
        credit_like = (
            # "… Licence No. 0471-2": a number's label ends no sentence.
            not _NUMBER_LABEL.search(caption)
            and len(credit.split()) <= 8
            and (is_title_case(credit) or is_capitals(credit))
            and not _REPORTED_SPEECH.search(caption)
            and len(caption.split()) >= 5
            and not button
        )
        if credit_like:
            return caption.strip(), tidy_credit(credit)
    return text, ""


# A time's "a.m." ends no sentence either: "Memorial service: Saturday at 11 a.m. in the hall" names no one.
_NUMBER_LABEL = re.compile(r"\b(?:No|Nos|Nr|Ref)\.$|\d\s*[ap]\.m\.$")
MIN_CUT_OFF_LOWER_WORDS = 3
# "A child's drawing of a house, made at a school.", "An aerial photograph of the bridge.": the line names the picture
# by what kind of picture it is, and what it is of; a note on it may follow ("Names are withheld."). A sentence about
# such a picture states something of it ("A map of the area shows …").
_DEPICTION = re.compile(
    r"^(?:A|An|The)\s(?:[\w'’-]+\s){0,3}?(?:drawing|painting|sketch|illustration|map|mural|poster|portrait|photograph|"
    r"photo|aerial (?:photo|image|view)|satellite image|still)\s+of\s"
)
_STATEMENT = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|shows?|showed|shown|says?|said|reads?)\b")
# Sentences part after their full stop, not after a title's ("Mrs. Kim at her stall.").
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bProf\.)\s+(?=[A-Z])")


@lru_cache(maxsize=4096)
def describes_picture(text: str) -> bool:
    """One sentence describing a picture (see the module docstring), not a sentence of the story."""
    if len(text) > 300 or len(text.split()) < 4 or _REPORTED_SPEECH.search(text):
        return False
    if text.endswith(("…", "...")) and not text.endswith(("....",)):
        # Cut off by the site, it still reads as a sentence: a run of names and menu items ("Outlet | Research
        # Events About Search...") is a page's header, not a caption.
        return len(re.findall(r"(?<!\S)[a-z][\w'’-]*", text)) >= MIN_CUT_OFF_LOWER_WORDS and "|" not in text
    if not PROSE_END.search(text) or _ABOUT_MEDIA.match(text) or _PICTURES_SHOW.match(text):
        return False
    sentences = [s for s in _SENTENCE_BREAK.split(text) if s]
    if len(sentences) > 2:
        return False
    if re.match(r"^(?:FILE\b|Figure \d+)", text):
        return True
    if _DEPICTION.match(text) and not _STATEMENT.search(sentences[0]):
        return True
    return len(sentences) == 1 and (bool(_SCENE.search(text)) or _verbless_scene(text))


# Words that make a clause a statement rather than a picture's label: auxiliaries and common verbs.
FINITE = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|may|might|must|should|do|does|did|says?|said|"
    r"told|went|came|made|took|saw|got|gave|became|began|left|kept|ran|met|found|felt|thought|knew|heard)\b|"
    r"\b[a-z]{3,}ed\b",
    re.I,
)
# "The Yalu River at dusk, looking across from …": a noun phrase naming a scene, then a participle.
_SCENE_LABEL = re.compile(
    r"^(?:The|A|An)\s[^,]{3,80}?\b(?:at|in|on|near|from|during|after|before|under|along|beside|by)\b[^,]{2,60}"
    r",\s+(?:looking|seen|viewed|facing|taken|photographed|as seen)\b.*[.!]$"
)


# "Old and new: the customs house at Heihe at dawn, with the new bridge behind it.": a short title, its colon, then a
# noun phrase placing a scene.
_TITLED_SCENE = re.compile(
    r"^[A-Z][\w'’ -]{2,40}:\s+(?:the|a|an)\s[^:]*?\b(?:at|in|on|near|from|along|beside|across|over|under|by)\s[^:]+[.!]$"
)


# "A state-run restaurant in Yanji, Jilin province, in September.": a noun phrase placing what is shown.
_PLACED_SCENE = re.compile(
    r"^(?:The|A|An)\s(?:[^.!?]{3,200}?)\b(?:at|in|on|near|along|beside|across|outside|inside|above|below)\s[^.!?]{2,200}\.$"
)
MAX_SCENE_WORDS = 30


def placed_scene(text: str) -> bool:
    """One sentence naming a scene and where it is, with no verb at all: a picture's caption where it stands in the
    lead-in, under the credits and over the story (a story's sentence has its verb)."""
    return len(text.split()) <= MAX_SCENE_WORDS and bool(_PLACED_SCENE.match(text)) and not FINITE.search(text)


# "Mrs. Kim behind the counter of her stall, near the market gate.": who is shown (a name, perhaps with a title), then
# where, with no verb at all.
_PLACED_PERSON = re.compile(
    r"^(?:(?P<title>Mr|Mrs|Ms|Dr|Prof)\.?\s+)?(?P<who>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})"
    r"\s(?:at|in|on|near|along|behind|beside|outside|inside|above|below|under|across|among)\s[^!?;:\"“”]{2,200}[^.]\.$"
)
MIN_PLACED_PERSON_WORDS = 6


def _verbless_scene(text: str) -> bool:
    """A one-line label of a scene without a verb of its own ("The Yalu River at dusk, looking across from
    Changbai County toward Hyesan."), a scene under a short title and its colon with no verb at all, or who or what is
    is shown and where with no verb at all ("Mrs. Kim behind the counter of her stall, near the market gate."): a
    picture's caption, not a sentence of the story."""
    if len(text.split()) > 30:
        return False
    head = text.split(",", 1)[0]
    if _SCENE_LABEL.match(text) and not FINITE.search(head):
        return True
    if len(text.split()) >= MIN_PLACED_PERSON_WORDS and not FINITE.search(text):
        # A person, by title or by name: a place's name first ("Nevelsk in winter looks …") opens a sentence.
        if (placed := _PLACED_PERSON.match(text)) and (placed["title"] or is_person_name(placed["who"])):
            return True
    return bool(_TITLED_SCENE.match(text)) and not FINITE.search(text)
