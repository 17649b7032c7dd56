"""An article's parts by position: the headline block, the lead-in, the story and the tail.

- The story starts at the first paragraph of running prose that is not a caption or page furniture (a Q&A's
  at its first turn).
- Above it: page furniture (menus, section labels, counters), the headline, the lead-in (a dek, the
  byline and date, captions); the headline is the last title-like line before the byline, unless that
  line is the dek of the one above it.
- The story ends with its last paragraph of prose that is not a blurb, or at a marker after which nothing
  is story (a comment section, "###", an "About …" box, a copyright line). Below it, the tail: lists of
  related articles and series parts, sharing and newsletter prompts, author promos. Everything there is
  dropped, except captions (kept as photos) and credits (kept as credits).
- Anywhere, a line that repeats the headline's words is a series entry or a running page header.
- Judged by shape against the story's own paragraphs: the page's head and foot copied as runs of lines set tight
  (`tight_runs`), a page's later sections of another kind (`sections`), and the headline as the line that repeats the
  story's opening words (`subject`).
"""

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from archive.importers.rawtext import (
    boilerplate,
    boxes,
    contacts,
    credits,
    digests,
    fact_boxes,
    field_lists,
    interviews,
    outlet_names,
    posts,
    sections,
    site_blurbs,
    subject,
    tight_runs,
)
from archive.importers.rawtext.captions import FINITE, caption_at, credit_above, is_chart, placed_scene
from archive.importers.rawtext.dates import date_line, dateline_date
from archive.importers.rawtext.fields import field_value, metadata_fields, stacked_fields
from archive.importers.rawtext.headings import (
    DEK_LABEL,
    KEYWORD_LABEL,
    MARKDOWN_HEADING,
    TITLE_LABEL,
    good_title,
    keyword_terms,
    page_kind,
    sentence_headline,
    site_name_line,
    strip_markdown,
    subhead,
    title_candidate,
    title_text,
)
from archive.importers.rawtext.lines import (
    BULLET,
    EAST_ASIAN,
    QUOTE_START,
    Para,
    content_words,
    is_capitals,
    is_story_paragraph,
    reads_as_prose,
)
from archive.importers.rawtext.names import is_organisation, tidy_name
from archive.importers.rawtext.pull_quotes import pull_quotes
from archive.importers.record import CreditRecord, PhotoRecord, SourceRef

# A box of points ("Key points" over its lines) or of links ("ELSEWHERE" over them) has at least this many.
MIN_LIST_ITEMS = 3
# A story's closing sentence standing alone has at least this many words ("He never went back."), and fewer than a
# sentence of prose has (six).
MIN_CLOSING_WORDS = 3
MAX_CLOSING_WORDS = 5
# A sentence about the page itself ("Comments are closed.", "This page was archived.") is no closing sentence.
_PAGE_FEATURE = re.compile(
    r"\b(?:comments?|replies|newsletter|subscri\w*|cookies?|page|site|website|app|links?|shar\w+|advert\w*|sponsor\w*)\b",
    re.I,
)
# A headline naming the story's subject has this many words of its own, and repeats this many of the story's opening.
MIN_SUBJECT_WORDS = 4
MIN_SUBJECT_WORDS_SHARED = 2
# How many lines (fields, labels) may stand between a lead-in's prose and the byline under it.
MAX_LEAD_IN_GAP = 4
_POSTED_BY = re.compile(r"^(?P<date>.+?)\s+by\s+(?P<names>.+)$", re.I)
# A blog post's categories after its poster: "by X in Field notes, Signage, Yanbian".
_CATEGORIES = re.compile(r"\s+in\s+[^,]+(?:,\s*[^,]+)+$")
_SENTENCES = re.compile(r"[.!?]['\"”’]?(?:\s|$)")
_SEGMENTS = re.compile(r"\s+[|·•∙]\s+")
_BYLINE_DATE = re.compile(r"\s+[-–—|]\s+")
_ON_DATE = re.compile(r"\son\s+(?P<date>.+)$")
# A list item's mark that is no part of its text: a dash or a dot, not a number ("12.5 percent").
_POINT_MARK = re.compile(r"^[-•*–—·▪►・»▶▸→]\s+")


# A column's label opening its headline: "Letters: …", "Editorial: …", "Opinion: …".
_COLUMN_LABEL = re.compile(r"^(?:letters|editorial|opinion|analysis|review|obituary|comment|commentary)\s*:\s*\S", re.I)


@dataclass
class Parts:
    """What the layout reading found."""

    title: str = ""
    dek: str = ""
    body: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    keywords: list[str] = field(default_factory=list)
    photos: list[PhotoRecord] = field(default_factory=list)
    credits: list[CreditRecord] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    # Outlets the text names as its own, strongest evidence first.
    byline_outlet: SourceRef | None = None
    own_outlets: list[SourceRef] = field(default_factory=list)
    photo_outlets: list[SourceRef] = field(default_factory=list)
    # A site's name standing above the headline: weak evidence, taken when nothing else names one.
    masthead_outlets: list[SourceRef] = field(default_factory=list)
    # A photo credited to an outlet alone ("Photo: Eastern Frontier Tribune"): the weakest evidence.
    credit_outlets: list[SourceRef] = field(default_factory=list)


class Line(StrEnum):
    """What a line above the story is."""

    KEYWORDS = "keywords"
    DATE = "date"
    BYLINE = "byline"
    CREDITS = "credits"
    NAMES = "names"  # a lead-in line of names only: a byline under the headline, a masthead's name above it
    SIGNATURE = "signature"  # a name over its holder's role ("Sophie Marsh" over "Live page editor"), and the role
    HANDLE = "handle"  # a poster's name beside their handle ("Jane Doe (@jdoe)"): the author, above the headline too
    FURNITURE = "furniture"
    CAPTION = "caption"
    SEGMENTS = "segments"  # "Source: X | Published: date"
    METADATA = "metadata"  # "2025-03-17 09:42:15 Source: X Editor: Y", "Date of issue: 2 August 2024"
    MARKED_TITLE = "marked title"  # "Title: …", "# …"
    TITLE = "title"
    WEAK_TITLE = "weak title"  # title-like but a section label or a kicker in capitals
    LABELLED_DEK = "labelled dek"
    DEK = "dek"
    OTHER = "other"


@dataclass(frozen=True)
class SignOff:
    """A letter's signature under the story: its writer, and how many lines it takes."""

    writer: CreditRecord
    length: int


class Layout:
    def __init__(self, paras: list[Para]):
        self.paras = paras = _credits_apart(paras)
        self.parts = Parts()
        self._tail_lines: list[str] = []
        self._above_headline: list[str] = []
        # An "Updated: …" date: the article's date only when the text gives no other.
        self._updated_at: datetime | None = None
        texts = [p.text for p in paras]
        # Set-apart furniture that reads as prose: a video player's residue, newsletter sign-up boxes, summary boxes,
        # a paper's abstract, boxes ruled off in the story, tables set in the text, pull quotes, the story's numbered notes.
        self._set_apart = (
            boilerplate.player_residue(texts)
            | boilerplate.footnotes(texts)
            | boilerplate.signup_boxes(texts)
            | boxes.summary_boxes(paras)
            | boxes.abstracts(paras)
            | boxes.ruled_boxes(paras)
            | boxes.text_tables(paras)
            | pull_quotes(paras)
        )
        # A record's fields copied one line each ("Document Type" over "Thesis"): furniture, a date's value read.
        self._stacked = stacked_fields(texts)
        self._set_apart |= set(self._stacked)
        self._interview = interviews.read(texts)
        self._turns = self._interview.turns
        # A conversation's turns in capitals ("ANCHOR: …") are its text, never a verdict box.
        self._set_apart |= boxes.verdict_boxes(paras) - set(self._turns)
        # No conversation: turns in capitals above the story are a broadcast's transcript, the player's furniture.
        if not self._turns:
            self._set_apart |= interviews.transcripts(texts)
        # A digest's item, when the headline is its numbered heading: the next number ends the story.
        self._item: digests.Item | None = None
        self._contents = digests.contents_list(texts)
        self._credited = _credited_names([p.text for p in paras])
        self._site = site_blurbs.site_names(texts)
        # A field's value over the next field's label ("Thomas Ahn" over "Second Advisor") is no signature.
        self._signatures = {i: c for i, c in _signatures(texts).items() if i not in self._stacked}
        self._signatures |= contacts.contact_boxes(texts)
        self._sign_offs: set[int] | None = None
        # The page's foot under a rule line: contacts and labels, never captions.
        self._foot: set[int] = set()
        # The lead picture's caption standing alone over the story's block, with no credit.
        self._lead_caption: int | None = None
        # Boxes set between the story's paragraphs (a figure, a match's statistics): captions or furniture, no story.
        self._inner_boxes: set[int] = set()

    # ------------------------------------------------------------------------------------------- reading

    def read(self) -> Parts:
        start = self._story_start()
        self._header(start)
        if self._interview.interviewer:
            self.parts.credits.append(CreditRecord("author", self._interview.interviewer))
        end = self._story_end(start)
        self._story(start, end)
        self._tail(end)
        self._outlets()
        if self.parts.published_at is None and start < len(self.paras):
            self.parts.published_at = dateline_date(self.paras[start].text)
        if self.parts.published_at is None:
            self.parts.published_at = self._updated_at
        if self.parts.published_at is None and end < len(self.paras):
            # The page's last line a date alone, under the story: a newsletter's edition, dated in its footer.
            found = date_line(self.paras[-1].text)
            self.parts.published_at = found.value if found is not None and not found.updated_only else None
        # A subhead with nothing under it is a leftover label, not a section.
        while self.parts.body and self.parts.body[-1].startswith("## "):
            self.parts.dropped.append(self.parts.body.pop()[3:])
        return self.parts

    def _story_start(self) -> int:
        start = self._first_prose(0)
        if self._turns:
            # A Q&A starts at its first turn. One paragraph of prose above it is the introduction (the dek);
            # a longer introduction is the story's own opening.
            first_turn = min(self._turns)
            if start is None or start > first_turn:
                return first_turn
            following = self._first_prose(start + 1)
            if following is None or following >= first_turn:
                return first_turn
        if start is None:
            # No paragraph of prose: the first line after a headline-like first line.
            return 1 if len(self.paras) > 1 and title_candidate(self.paras[0].text) else 0
        start = self._below_byline(start)
        # The page's head copied as lines set tight over the story's paragraphs standing apart: the story opens on its
        # last line, under the byline or date line; prose higher in it (a dek, a caption) is the lead-in's.
        head = next((j for j in range(start + 1, len(self.paras)) if self.paras[j].blank_before), len(self.paras))
        lead_in = {j for j in range(start, head) if self._furniture(self.paras[j].text)}
        start = tight_runs.opening_under_head(self.paras, start, lead_in) or start
        # The story's paragraphs set tight in a block of their own: a short sentence in the head above it is the
        # lead-in's, and one in a block of its own right above it the lead picture's caption.
        below = tight_runs.opening_under_short_head(self.paras, start)
        if below is not None and self._first_prose(below) == below:
            start = below
        if tight_runs.lead_caption(self.paras, start) and self._first_prose(start + 1) == start + 1:
            self._lead_caption = start
            start += 1
        return start

    def _below_byline(self, start: int) -> int:
        """Prose right above the byline (a fact check's "Claim: …", a summary box) is the lead-in's: the story starts
        under the byline when only lines that are not prose stand between them. A headline written as sentences may
        stand over its dek there, both prose."""
        dek_under = sentence_headline(self.paras[start].text)
        # One sentence right under the headline, over the date line, is the dek ("X calls for … ." over "20/06/2024").
        dek = start > 0 and title_candidate(self.paras[start - 1].text) and _one_sentence(self.paras[start].text)
        for i in range(start + 1, min(start + MAX_LEAD_IN_GAP + 1, len(self.paras))):
            text = self.paras[i].text
            if credits.byline(text) is not None or credits.credit_line(text) is not None or credits.staff_byline(text):
                return self._first_prose(i + 1) or start
            if dek and date_line(text) is not None:
                return self._first_prose(i + 1) or start
            if reads_as_prose(text):
                if not dek_under:
                    break
                dek_under = False
        return start

    def _first_prose(self, begin: int) -> int | None:
        for i in range(begin, len(self.paras)):
            text = self.paras[i].text
            if TITLE_LABEL.match(text) or MARKDOWN_HEADING.match(text) and i == 0:
                continue
            if not is_story_paragraph(text) or self._furniture(text) or i in self._set_apart:
                continue
            if digests.introduces_issue(text) or digests.is_greeting(text) and self._contents is not None:
                continue  # a newsletter's greeting introduces the issue, not the story
            if caption_at(self.paras, i, standalone=True) is not None or credit_above(self.paras, i):
                continue
            return i
        return None

    def _furniture(self, text: str) -> bool:
        return (
            boilerplate.is_boilerplate(text)
            or boilerplate.is_closing(text)
            or date_line(text) is not None
            or credits.byline(text) is not None
            or credits.dated_byline(text) is not None
            or credits.staff_byline(text)
            or credits.credit_line(text) is not None
            or credits.follow_line(text) is not None
            or _is_bio(text, self._credited)
            or site_blurbs.is_site_blurb(text, self._site)
        )

    # ------------------------------------------------------------------------------------------- header

    def _header(self, start: int) -> None:
        parts, paras = self.parts, self.paras
        kinds: dict[int, Line] = {}
        lead_names: dict[int, tuple[CreditRecord, ...]] = {}
        first = 0
        if paras and start > 0 and (terms := keyword_terms(paras[0].text)) is not None:
            parts.keywords = terms
            kinds[0] = Line.KEYWORDS
            first = 1
        listed = self._header_lists(first, start)
        if self._contents is not None:
            listed |= self._contents.lines
        menu = boilerplate.menu_runs([p.text for p in paras[:start]])
        i = first
        while i < start:
            text = paras[i].text
            kind = Line.FURNITURE if i in self._set_apart or i in listed else self._header_kind(i, text)
            if i == self._lead_caption:
                parts.photos.append(PhotoRecord(text, ""))
                kinds[i] = Line.CAPTION
                i += 1
                continue
            if i in self._signatures:
                kind = Line.SIGNATURE
            if kind == Line.NAMES and i in menu:
                kind = Line.FURNITURE  # "Just In", "Real Estate": a menu's items, not a byline
            if kind in (Line.TITLE, Line.WEAK_TITLE) and i in menu and self._menu_item_follows(i, menu):
                # "Science & Space": a menu's item, no headline. The run's last item may be the headline under it.
                kind = Line.FURNITURE
            if kind == Line.CAPTION:
                caption = caption_at(paras, i, standalone=True)
                parts.photos.append(caption.photo)
                for j in range(i, min(i + caption.length, start)):
                    kinds[j] = Line.CAPTION
                i += caption.length
                continue
            if kind == Line.KEYWORDS:
                parts.keywords += keyword_terms(text) or []
            if kind == Line.NAMES:
                lead_names[i] = credits.lead_in_names(text) or ()
            kinds[i] = kind
            i += 1
        # A person's name in capitals under the headline, beside the date line ("MINA HOLT" over "May 2, 2025"), is the
        # byline without its "By"; it credits the name in ordinary case.
        for i, kind in list(kinds.items()):
            if (
                kind in (Line.TITLE, Line.WEAK_TITLE)
                and is_capitals(paras[i].text)
                and Line.DATE in (kinds.get(i - 1), kinds.get(i + 1))
                and any(kinds.get(j) == Line.TITLE for j in range(first, i))
                and (names := credits.lead_in_names(tidy_name(paras[i].text))) is not None
            ):
                kinds[i], lead_names[i] = Line.NAMES, names
        # A title-like line repeating an item of the site's menu above it ("News | Reports | Donate" … "Reports") is the
        # section's label, not the headline.
        sections = _menu_items(
            [paras[i].text for i in range(first, start) if i in menu or kinds.get(i) == Line.SEGMENTS]
        )
        for i, kind in kinds.items():
            if kind in (Line.TITLE, Line.WEAK_TITLE) and i not in menu and paras[i].text.casefold() in sections:
                kinds[i] = Line.FURNITURE
        headline_at = self._pick_headline(kinds, start)
        if headline_at is not None and self._item is not None and not self._item.labelled:
            parts.title = digests.heading_in_case(self._item.heading, [p.text for p in paras])
            if self._item.byline:
                self._byline(self._item.byline)
        elif headline_at is not None:
            parts.title = title_text(paras[headline_at].text)
            elsewhere = "\n".join(p.text for j, p in enumerate(paras) if j != headline_at)
            name = credits.piped_byline(parts.title) or credits.trailing_name(parts.title, elsewhere)
            if name is not None:
                parts.title = parts.title[: -len(name)].rstrip(" |,-–—")
                parts.credits.append(CreditRecord("author", name))
            dek_at = self._pick_dek(kinds, headline_at, start)
            if dek_at is not None:
                parts.dek = strip_markdown(DEK_LABEL.sub(r"\g<dek>", paras[dek_at].text))
                kinds[dek_at] = Line.DEK
        for i in range(first, start):
            kind, text = kinds.get(i), paras[i].text
            if kind in (Line.CAPTION, Line.KEYWORDS, Line.DEK) or i == headline_at:
                continue
            if kind == Line.OTHER and headline_at is not None and i > headline_at and placed_scene(text):
                parts.photos.append(PhotoRecord(text, ""))  # the lead picture's caption, with no credit
                continue
            if kind == Line.DATE:
                self._date(text)
            elif kind == Line.BYLINE and self._work_byline(kinds, headline_at, i):
                parts.dropped.append(text)  # "by X" under a book's title: the reviewed work's author
            elif kind == Line.BYLINE and self._reviewer_beside_writer(kinds, first, start, i):
                parts.credits += [CreditRecord("editor", c.name) for c in credits.byline(text).credits]
            elif kind == Line.BYLINE:
                self._byline(text)
            elif kind == Line.CREDITS:
                self._credit_line(text)
            elif kind == Line.NAMES and headline_at is not None and i > headline_at:
                parts.credits += lead_names[i]
            elif kind == Line.SIGNATURE:
                parts.credits += self._signatures[i]
                parts.dropped.append(text)
            elif i in self._stacked:
                self._take_date(date_line(self._stacked[i]))
                parts.dropped.append(text)
            elif kind == Line.HANDLE:
                parts.credits.append(CreditRecord("author", posts.handle_name(text)))
                parts.dropped.append(text)
            else:
                if kind == Line.SEGMENTS:
                    self._segments(text)
                if kind == Line.METADATA:
                    self._metadata(text)
                if headline_at is not None and i < headline_at:
                    self._above_headline.append(text)
                parts.dropped.append(text)

    @staticmethod
    def _work_byline(kinds: dict[int, Line], headline_at: int | None, i: int) -> bool:
        """A byline right under a title-like line lower in the lead-in than the article's own byline: the lead-in
        credits its writer once, under the headline, so this one credits the work the title names (a book under
        review, "The Narrow River" over "by X"), not the article."""
        if headline_at is None or kinds.get(i - 1) not in (Line.TITLE, Line.WEAK_TITLE):
            return False
        return any(kinds.get(j) in _BYLINE_KINDS for j in range(headline_at + 1, i - 1))

    def _reviewer_beside_writer(self, kinds: dict[int, Line], first: int, start: int, i: int) -> bool:
        """ "Reviewed by X" beside another line crediting the writer ("Words: Y", "By Y"): X checked the piece, an
        editor. Alone, it is a review's byline, its author."""
        if not _REVIEWED_BY.match(self.paras[i].text):
            return False
        return any(
            kinds.get(j) in (Line.BYLINE, Line.CREDITS, Line.NAMES)
            and not _REVIEWED_BY.match(self.paras[j].text)
            and any(c.role == "author" for c in _line_credits(self.paras[j].text))
            for j in range(first, start)
            if j != i
        )

    def _menu_item_follows(self, i: int, menu: set[int]) -> bool:
        """Whether the line under line i is another item of the menu, not a short byline the run took in."""
        return i + 1 in menu and not _is_byline(self.paras[i + 1].text)

    def _header_lists(self, first: int, start: int) -> set[int]:
        """A box of points in the lead-in: a short heading ("Key points", "Highlights") over three lines or more, set
        apart by blank lines, with a title-like line above it. Its lines are neither the headline nor the dek."""
        found: set[int] = set()
        paras = self.paras
        heads = [i for i in range(first + 1, start) if paras[i].blank_before]
        for head in heads:
            end = next((j for j in range(head + 1, start + 1) if j == start or paras[j].blank_before), start)
            items = [paras[j].text for j in range(head + 1, end)]
            heading = paras[head].text
            if (
                len(items) >= MIN_LIST_ITEMS
                and len(heading.split()) <= 3
                and title_candidate(heading)
                and all(title_candidate(t) or reads_as_prose(t) for t in items)
                # Its points tell the story; a byline, a date or a line of dated fields ("Issued: … | Valid until: …")
                # is the lead-in's, under a label in capitals ("ACTIVE ALERT") too.
                and not any(
                    _is_byline(t) or date_line(t) is not None or metadata_fields(t) is not None
                    for t in [heading, *items]
                )
                # A draft's labelled fields ("HED: …", "BYLINE: …") are its headline and credits, not a list.
                and not any(TITLE_LABEL.match(t) for t in [heading, *items])
                and any(title_candidate(paras[j].text) and good_title(paras[j].text) for j in range(first, head))
            ):
                found.update(range(head, end))
        return found

    def _header_kind(self, i: int, text: str) -> Line:
        if KEYWORD_LABEL.match(text):
            return Line.KEYWORDS
        if date_line(text) is not None:
            return Line.DATE
        if credits.byline(text) is not None or _POSTED_BY.match(text) and self._posted_by(text, dry=True):
            return Line.BYLINE
        if credits.dated_byline(text) is not None:
            return Line.BYLINE
        if credits.staff_byline(text):
            return Line.BYLINE  # "By Staff Reporter": where the byline stands, naming no one
        if credits.credit_line(text) is not None:
            return Line.CREDITS
        if posts.handle_name(text) is not None:
            return Line.HANDLE
        if metadata_fields(text) is not None:
            return Line.METADATA
        if boilerplate.is_dated_entry(text):
            return Line.FURNITURE  # "Ice road closes early — 2 March 2025": another article in a "Latest" box
        if boilerplate.is_boilerplate(text) and not _SEGMENTS.search(text):
            return Line.FURNITURE
        if credits.beside_role(text):
            return Line.NAMES  # "X | Staff Writer" over "Photos by Y | Photo Editor": a byline, not a caption
        if caption_at(self.paras, i, standalone=True) is not None and not TITLE_LABEL.match(text):
            return Line.CAPTION
        if credits.lead_in_names(text) is not None:
            return Line.NAMES  # "X | Asia Correspondent": a name and its role, not a line of parts
        if (name := credits.piped_byline(text)) is not None:
            title = text.strip()[: -len(name)].rstrip(" |")
            return Line.TITLE if good_title(title) else Line.WEAK_TITLE
        if _SEGMENTS.search(text):
            return Line.SEGMENTS
        if TITLE_LABEL.match(text) or MARKDOWN_HEADING.match(text):
            return Line.MARKED_TITLE
        if title_candidate(text):
            return Line.TITLE if good_title(text) else Line.WEAK_TITLE
        if DEK_LABEL.match(text):
            return Line.LABELLED_DEK
        return Line.OTHER

    def _pick_headline(self, kinds: dict[int, Line], start: int) -> int | None:
        chosen = self._headline_by_place(kinds, start)
        if chosen is None or self._item is not None or kinds.get(chosen) == Line.MARKED_TITLE:
            return chosen
        # The line the lead-in's places point to shares no word with the story's opening, or one by chance (a
        # masthead, a page's field over the byline): the headline is the title-like line above the story that names its
        # subject, repeating more of the opening's words (its dek, the longer line right under it, aside).
        opening = [p.text for p in self.paras[start:]]
        shared = subject.shared_words(self.paras[chosen].text, opening)
        if shared > 1:
            return chosen
        titles = sorted(i for i, kind in kinds.items() if kind == Line.TITLE)
        named = {
            i: subject.shared_words(self.paras[i].text, opening)
            for i, kind in kinds.items()
            if kind == Line.TITLE
            and len(content_words(self.paras[i].text)) >= MIN_SUBJECT_WORDS
            and not (i == chosen + 1 and len(self.paras[i].text) > len(self.paras[chosen].text))
            and field_lists.row_run(titles, i) is None
        }
        named = {i: n for i, n in named.items() if n >= max(MIN_SUBJECT_WORDS_SHARED, shared + 2)}
        return max(named, key=lambda i: (named[i], -i)) if named else chosen

    def _headline_by_place(self, kinds: dict[int, Line], start: int) -> int | None:
        marked = [i for i, k in kinds.items() if k == Line.MARKED_TITLE]
        if marked:
            return min(marked)
        # A heading that the issue's contents list names is the headline of the item the story is.
        if self._contents is not None:
            for i in sorted(kinds):
                if (
                    i not in self._contents.lines
                    and (item := self._contents.item_named(self.paras[i].text)) is not None
                ):
                    if item.labelled and kinds.get(i + 1) != Line.TITLE:
                        continue  # a section's label with no headline under it
                    self._item = item
                    return i + 1 if item.labelled else i
        # A digest's numbered heading over a byline is the headline of the item the story is.
        for i in sorted(kinds, reverse=True):
            below = self.paras[i + 1].text if i + 1 < start else ""
            if (item := digests.item_over_byline(self.paras[i].text, below, _is_byline)) is not None:
                self._item = item
                return i
        # Right above the byline stands the headline, even one written as a sentence.
        lead = [i for i, k in kinds.items() if k in _BYLINE_KINDS]
        if lead and kinds.get(min(lead) - 1) == Line.OTHER:
            at = min(lead) - 1
            # Written as sentences, it may stand over its dek, both prose right above the byline; the dek may be one
            # long sentence ("Sand barges cross every day, but the tourist boats stay tied up along the promenade.").
            if kinds.get(at - 1) == Line.OTHER and sentence_headline(self.paras[at - 1].text):
                if sentence_headline(self.paras[at].text) or reads_as_prose(self.paras[at].text):
                    at -= 1
            if sentence_headline(self.paras[at].text):
                kinds[at] = Line.TITLE
        candidates = sorted(i for i, k in kinds.items() if k == Line.TITLE)
        if not candidates:
            candidates = sorted(i for i, k in kinds.items() if k in (Line.WEAK_TITLE, Line.NAMES))
        if not candidates:
            return None
        # The lead-in follows the headline: the byline, or without one the date, marks where it starts.
        after_first = [i for i in kinds if i > candidates[0]]
        bylines = [i for i in after_first if kinds[i] in _BYLINE_KINDS]
        bylines = bylines or [i for i in after_first if kinds[i] in (Line.DATE, Line.METADATA)]
        has_byline = any(kinds[i] in _BYLINE_KINDS for i in after_first)
        pool = [i for i in candidates if not bylines or i < min(bylines)] or candidates
        chosen = pool[-1]
        # Without a byline, a date may stand over the headline under the site's masthead and menu (a section label and
        # the time of posting): the headline is then the line right above the story, not the masthead.
        if not has_byline and bylines and candidates[-1] == start - 1 > min(bylines) > chosen:
            if any(kinds.get(j) in (Line.FURNITURE, Line.SEGMENTS) for j in range(chosen + 1, min(bylines))):
                chosen = candidates[-1]
        if (under_fields := self._headline_under_fields(kinds, start, candidates)) is not None:
            return under_fields
        chosen = field_lists.headline_over_rows(candidates, chosen)
        earlier = [i for i in candidates if i < chosen]
        if earlier and self._is_dek_of(earlier[-1], chosen, kinds, start):
            return earlier[-1]
        return chosen

    def _headline_under_fields(self, kinds: dict[int, Line], start: int, candidates: list[int]) -> int | None:
        """A release's fields (date, reference, division) stand above its headline: over them only a site's short labels
        ("Republic of Korea"), if anything; under them, right above the story, a line that says what happened."""
        fields = [i for i, k in kinds.items() if k in _BYLINE_KINDS or k in (Line.DATE, Line.METADATA)]
        below = start - 1
        if not fields or below <= max(fields) or kinds.get(below) != Line.TITLE:
            return None
        if len(self.paras[below].text.split()) < _HEADLINE_UNDER_FIELDS_WORDS:
            return None
        # A label naming the kind of page ("PRESS RELEASE") opens the release's own block: above it stands the site's.
        labels = [i for i in range(min(fields)) if page_kind(self.paras[i].text)]
        over = [i for i in candidates if (max(labels) if labels else -1) < i < min(fields)]
        short = all(len(self.paras[i].text.split()) < _HEADLINE_UNDER_FIELDS_WORDS // 2 for i in over)
        return below if short else None

    def _is_dek_of(self, above: int, below: int, kinds: dict[int, Line], start: int) -> bool:
        between = [kinds.get(i) for i in range(above + 1, below)]
        if any(k not in (Line.DATE, Line.CAPTION) for k in between):
            return False
        # A site's name over the headline is a masthead, not a headline with its dek under it; a labelled field under
        # the page's fields ("Areas: …" under "Issued: … | Valid until: …") is one of them.
        if site_name_line(self.paras[above].text):
            return False
        if kinds.get(above - 1) == Line.METADATA and field_value(self.paras[above].text):
            return False
        # An English edition's headline under the original's (Korean over English) is the headline of an English story.
        story = self.paras[start].text if start < len(self.paras) else ""
        if EAST_ASIAN.search(self.paras[above].text) and not EAST_ASIAN.search(self.paras[below].text + story):
            return False
        # A headline with its own dek under it (prose) has a kicker above it, a series' or a desk's label, not a
        # headline over a dek.
        if below + 1 < start and kinds.get(below + 1) == Line.OTHER and reads_as_prose(self.paras[below + 1].text):
            return False
        a, b = self.paras[above].text.split(), self.paras[below].text.split()
        # A headline under its column's label ("Letters: …", "Editorial: …") is one, however long: the line under it,
        # with no label of its own, is its dek.
        if _COLUMN_LABEL.match(self.paras[above].text) and ":" not in self.paras[below].text:
            return len(b) >= 6
        return len(a) >= 3 and len(b) >= 6 and len(b) >= len(a) - 2

    def _pick_dek(self, kinds: dict[int, Line], headline_at: int, start: int) -> int | None:
        for i in range(headline_at + 1, start):
            kind = kinds.get(i)
            if kind == Line.LABELLED_DEK:
                return i
            if kind in (Line.DATE, Line.CAPTION, Line.FURNITURE):
                continue
            if self._turns and kind in (Line.BYLINE, Line.CREDITS, Line.SEGMENTS, Line.NAMES):
                continue  # a Q&A's introduction may stand under the interviewer's credit
            text = self.paras[i].text
            if kind in (Line.TITLE, Line.WEAK_TITLE, Line.OTHER) and len(text.split()) >= 6 and len(text) <= 400:
                if text[:1] in QUOTE_START or BULLET.match(text):
                    return None
                return i
            return None
        return None

    # --------------------------------------------------------------------------------------- lead-in items

    def _take_date(self, found) -> bool:
        """Keep a date line's date as the article's, or an "Updated" one as a fallback; whether it was kept."""
        if found is None or not found.value:
            return False
        if found.updated_only:
            self._updated_at = self._updated_at or found.value
            return False
        if self.parts.published_at is None:
            self.parts.published_at = found.value
            return True
        return False

    def _date(self, text: str) -> None:
        if not self._take_date(date_line(text)):
            self.parts.dropped.append(text)  # a date the record does not keep
        if (outlet := outlet_names.from_date_line(text)) is not None:
            self.parts.own_outlets.append(outlet)

    def _byline(self, text: str) -> None:
        found = credits.byline(text)
        if found is None and (dated := credits.dated_byline(text)) is not None:
            self._take_date(dated.date)
            found = dated.byline
            if found is None:
                return
        if found is None:
            self._posted_by(text)
            return
        self.parts.credits += found.credits
        if found.outlet and self.parts.byline_outlet is None:
            self.parts.byline_outlet = outlet_names.resolve(found.outlet)
        # "By X | Outlet | Updated: 2025-06-12 09:31": each part after the name read for itself.
        for segment in _SEGMENTS.split(BYLINE_REST.sub("", text)) if "|" in text else []:
            self._take_date(date_line(segment))
        # "By X - January 14, 2025 4:30 pm": the date after a dash or bar.
        if len(rest := _BYLINE_DATE.split(text, maxsplit=1)) == 2:
            self._take_date(date_line(rest[1]))
        # "Posted by X on March 17, 2025 · 14 min read": the date after "on".
        if (on := _ON_DATE.search(_SEGMENTS.split(text)[0])) is not None:
            self._take_date(date_line(on.group("date")))

    def _posted_by(self, text: str, *, dry: bool = False) -> bool:
        """ "Posted on 2025-04-12 by Ethan Brooks": a date and a byline in one. A blog's poster may be no person ("by
        Border Lab in Field notes, Maps": a team, and the post's categories after "in"), and the line is still its date's."""
        match = _POSTED_BY.match(text)
        if match is None or (date := date_line(match.group("date"))) is None:
            return False
        poster = _CATEGORIES.sub("", match.group("names"))
        names = credits.lead_in_names(poster)
        if names is None and not is_organisation(poster):
            return False
        if not dry:
            self.parts.credits += names or ()
            if date.value and self.parts.published_at is None:
                self.parts.published_at = date.value
        return True

    def _credit_line(self, text: str) -> None:
        self.parts.credits += credits.credit_line(text) or []

    def _segments(self, text: str) -> None:
        """A header line of parts ("Source: X | Published: date", "By X | date"): each part read for itself."""
        for segment in _SEGMENTS.split(text):
            if (date := date_line(segment)) is not None:
                self._take_date(date)
            elif (found := credits.byline(segment)) is not None:
                self.parts.credits += found.credits
                if (on := _ON_DATE.search(segment)) is not None:
                    self._take_date(date_line(on.group("date")))  # "Posted by X on March 17, 2025"
            elif (found := credits.credit_line(segment)) is not None:
                self.parts.credits += found
            elif (outlet := outlet_names.from_line(segment)) is not None:
                self.parts.own_outlets.append(outlet)

    def _metadata(self, text: str) -> None:
        """A metadata line's fields, each read for itself: a date, a credit ("Editor: X"), an outlet ("Source: X")."""
        for item in metadata_fields(text) or ():
            date = date_line(item) or date_line(field_value(item))
            if date is not None:
                self._take_date(date)
            elif (found := credits.credit_line(item)) is not None:
                self.parts.credits += found
            elif (by := credits.byline(item)) is not None:
                self.parts.credits += by.credits
            elif (outlet := outlet_names.from_line(item)) is not None:
                self.parts.own_outlets.append(outlet)

    # ----------------------------------------------------------------------------------------- the story

    def _story_end(self, start: int) -> int:
        """The index after the story's last paragraph."""
        last = start
        entries: set[int] = set()
        # A thread's last line of engagement counts stands under its last post. A thread shows its posts' counters or
        # each post's counts; one line of counts in an article is a widget's, and the story goes on under it.
        counts = [i for i, p in enumerate(self.paras) if i > start and posts.is_engagement_counts(p.text)]
        if len(counts) < 2 and sum(posts.is_post_counter(p.text) for p in self.paras) < 2:
            counts = []
        # The page's furniture copied as a long run of lines set tight, where the story's paragraphs stand apart: its
        # sentences (an author's note, a box's pitch) are the box's, not the story's.
        runs = tight_runs.furniture_runs(self.paras, start)
        for i in range(start, len(self.paras)):
            text = self.paras[i].text
            if i > start and (box := boxes.box_in_story(self.paras, i, start)) is not None:
                self._inner_boxes.update(box)  # a figure or a table of figures between the story's paragraphs
            if i > start and (
                boilerplate.ends_story(text)
                or boxes.box_after_story(self.paras, i, start)
                or fact_boxes.box_after_story(self.paras, i, start)
                or sections.other_section(self.paras, i, start)
                or sections.foot_section(self.paras, i, start)
            ):
                break
            if counts and i == counts[-1]:
                break
            if i > start and boxes.ruled_foot(self.paras, i):
                self._foot = set(range(i, len(self.paras)))
                break
            if self._item is not None and digests.is_next_item(text, self._item.number):
                break  # the digest's next item
            if (
                self._item is not None
                and self._contents is not None
                and self._contents.is_later_item(text, self._item.number)
            ):
                break  # a later item of the issue's contents
            if boilerplate.is_related_heading(text):
                entries |= self._entries_under(i)
            elif i > start and (items := self._capitals_list(i)):
                entries |= items | {i}
            if i in entries or i in runs:
                continue  # another article's headline, even one written as a question; a box's line
            if i in self._turns:
                last = i  # a conversation's last turn, however short ("Thank you.")
            elif self._letter_signature(i) and any(self._letter_signature(j) for j in range(start, i)):
                last = i  # a letters page's last signature: each letter is signed, and none is the page's byline
            elif (
                reads_as_prose(text)
                and i not in self._set_apart
                and not self._furniture(text)
                and not boilerplate.is_closing(text)
                and caption_at(self.paras, i, standalone=True) is None
                and not credit_above(self.paras, i)
                and not self._repeats_headline(text)
            ):
                last = i
        if last + 1 < len(self.paras) and self._closing_sentence(last + 1):
            last += 1
        return self._list_after(last + 1)

    def _closing_sentence(self, i: int) -> bool:
        """A short sentence standing alone right under the story's last paragraph ("The notice is hereby given.", "He
        never went back."): the story's last line, too short to read as prose. A statement, with its verb: a prompt
        ("Sign up today.") has none."""
        para = self.paras[i]
        words = re.findall(r"[A-Za-z][\w'’-]*", para.text)
        return (
            para.blank_before
            and i not in self._set_apart
            and MIN_CLOSING_WORDS <= len(words) <= MAX_CLOSING_WORDS
            and para.text.endswith(".")
            and para.text[:1].isupper()
            and all(w[:1].islower() for w in words[1:])
            and FINITE.search(para.text) is not None
            and _PAGE_FEATURE.search(para.text) is None
            and not self._furniture(para.text)
            and not boilerplate.ends_story(para.text)
        )

    def _letter_signature(self, i: int) -> bool:
        """A letter's signature on a page of several ("X, Aberdeen" under each letter): a line of the story, neither a
        subhead nor the page's byline."""
        if self._sign_offs is None:
            self._sign_offs = {j for j, p in enumerate(self.paras) if credits.sign_off(p.text) is not None}
        return i in self._sign_offs and len(self._sign_offs) >= 2

    def _entries_under(self, heading: int) -> set[int]:
        """The entries of a related list under its heading: one-sentence lines in the heading's block, or bullets. A
        sentence ending with a full stop is the story again (a copy with one line a paragraph): no headline ends so."""
        found = set()
        for j in range(heading + 1, len(self.paras)):
            para = self.paras[j]
            one_line = not para.blank_before and len(para.text) <= 160 and len(_SENTENCES.findall(para.text)) <= 1
            one_line = one_line and not (para.text.endswith(".") and reads_as_prose(para.text))
            if not (one_line or BULLET.match(para.text) and len(para.text) <= 250):
                break
            found.add(j)
        return found

    def _capitals_list(self, heading: int) -> set[int]:
        """A heading in capitals over a block of one-sentence lines, in a text whose paragraphs stand apart: a box of
        recommendations, however its entries end."""
        text = self.paras[heading].text
        if not self.paras[heading].blank_before or not is_capitals(text) or len(text.split()) > 6:
            return set()
        if boilerplate.is_boilerplate(text):
            return set()
        found = set()
        for j in range(heading + 1, len(self.paras)):
            para = self.paras[j]
            if (
                (j > heading + 1 and para.blank_before)
                or len(para.text) > 160
                or len(_SENTENCES.findall(para.text)) > 1
            ):
                break
            found.add(j)
        return found if len(found) >= MIN_LIST_ITEMS else set()

    def _list_after(self, end: int) -> int:
        """A list the story announces ("The demands are:" and its bullets) belongs to the story."""
        if end >= len(self.paras) or not self.paras[end].text.endswith(":") or len(self.paras[end].text.split()) < 4:
            return min(end, len(self.paras))
        i = end + 1
        while (
            i < len(self.paras)
            and BULLET.match(self.paras[i].text)
            and not boilerplate.is_related_item(self.paras[i].text)
        ):
            i += 1
        return i if i > end + 1 else end

    def _story(self, start: int, end: int) -> None:
        parts = self.parts
        in_related = False
        i = start
        while i < end:
            para = self.paras[i]
            text = para.text
            nxt = self.paras[i + 1] if i + 1 < len(self.paras) else None
            if i in self._signatures:
                parts.credits += self._signatures[i]
                parts.dropped.append(text)
                i += 1
                continue
            if in_related:
                if boilerplate.is_list_item(text) and credits.credit_line(text) is None and not reads_as_prose(text):
                    parts.dropped.append(text)
                    i += 1
                    continue
                in_related = False
            standalone = para.blank_before or i == start or (nxt is not None and nxt.blank_before)
            # A line the site cut off ("… and the far side…") stands as a caption stands, however the copy sets lines.
            standalone = standalone or text.endswith("…")
            # A heading in capitals over a list of titles is a recommendations box; over prose, a subhead.
            # A live blog's entry time ("12:58 BST") is in capitals too, but furniture, not a heading.
            capitals_box = (
                is_capitals(text) and len(text.split()) <= 6 and i > start and not boilerplate.is_boilerplate(text)
            )
            capitals_box = capitals_box and not (nxt is not None and reads_as_prose(nxt.text))
            if boilerplate.is_related_heading(text) or capitals_box:
                parts.dropped.append(text)
                in_related = True
            elif i in self._inner_boxes:
                caption = caption_at(self.paras, i, standalone=True)
                if caption is not None and caption.photo.caption and caption.photo.credit:
                    parts.photos.append(caption.photo)  # a figure's title over its source
                    i += caption.length
                    continue
                parts.dropped.append(text)
            elif (caption := self._credit_over_caption(i)) is not None:
                parts.photos.append(caption.photo)
                i += caption.length
                continue
            elif self._closing_item(text):
                pass
            elif i in self._turns:
                parts.body.append(text)
            elif (caption := self._credited_caption(i)) is not None or (caption := self._chart(i)) is not None:
                parts.photos.append(caption.photo)
                i += caption.length
                continue
            elif (
                i in self._set_apart
                or boilerplate.is_boilerplate(text)
                or boilerplate.is_related_item(text)
                or self._repeats_headline(text)
            ):
                parts.dropped.append(text)
            elif (caption := caption_at(self.paras, i, standalone=standalone and i != start)) is not None:
                parts.photos.append(caption.photo)
                i += caption.length
                continue
            elif not self._letter_signature(i) and (heading := subhead(para, nxt, len(parts.body))) is not None:
                parts.body.append(f"## {heading}")
            else:
                parts.body.append(strip_markdown(self._opening_point(i, start, text)))
            i += 1

    def _opening_point(self, i: int, start: int, text: str) -> str:
        """A story that opens with a list of points in prose (a report's highlights): the points are its opening
        paragraphs, without their list marks."""
        opening = range(start, i + 1)
        if all(_POINT_MARK.match(self.paras[j].text) for j in opening) and reads_as_prose(text):
            return _POINT_MARK.sub("", text, count=1)
        return text

    def _credited_caption(self, i: int):
        """A caption whose credit reads like page furniture ("… Image © 2025 X. All rights reserved.")."""
        text = self.paras[i].text
        if not boilerplate.is_boilerplate(text):
            return None
        caption = caption_at(self.paras, i, standalone=False)
        if caption is None or not caption.photo.credit or boilerplate.is_boilerplate(caption.photo.caption):
            return None
        return caption if len(caption.photo.caption.split()) >= 5 else None

    def _chart(self, i: int):
        """A chart's title and its source, whatever words of the headline the title repeats."""
        return caption_at(self.paras, i, standalone=True) if is_chart(self.paras[i].text) else None

    def _credit_over_caption(self, i: int):
        """A "Photo: X" line with its caption on the line under it: a photo, not a photographer's credit line."""
        if i + 1 >= len(self.paras) or not credit_above(self.paras, i + 1):
            return None
        caption = caption_at(self.paras, i, standalone=True)
        return caption if caption is not None and caption.photo.caption else None

    def _closing_item(self, text: str) -> bool:
        """Credit, byline and follow lines, wherever they stand: their names are kept, the line is not story."""
        if (found := credits.credit_line(text)) is not None:
            self.parts.credits += found
        elif (by := credits.byline(text)) is not None:
            self.parts.credits += by.credits
            if by.outlet and self.parts.byline_outlet is None:
                self.parts.byline_outlet = outlet_names.resolve(by.outlet)
        elif (name := credits.follow_line(text)) is not None:
            self.parts.credits.append(CreditRecord("author", name))
        elif (names := _reporter_line(text) or credits.note_credits(text)) is not None:
            self.parts.credits += names
        elif credits.staff_byline(text):
            pass  # "Staff writer" under the story: a byline naming no one
        else:
            return False
        return True

    def _tail(self, end: int) -> None:
        i = end
        while i < len(self.paras):
            text = self.paras[i].text
            if i in self._signatures:
                self.parts.credits += self._signatures[i]
            if (caption := self._credit_over_caption(i)) is not None:
                self.parts.photos.append(caption.photo)
                i += caption.length
                continue
            if i in self._signatures or self._closing_item(text):
                i += 1
                continue
            if i == end and (signed := self._sign_off(i)) is not None:
                self.parts.credits.append(signed.writer)
                self.parts.dropped += [p.text for p in self.paras[i : i + signed.length]]
                i += signed.length
                continue
            caption = None
            # A related list's entry ("» Headline (28.08.2024)") names another article; it is no caption.
            related = boilerplate.is_related_item(text) or boilerplate.is_dated_entry(text)
            if (
                not related
                and i not in self._foot
                and not boilerplate.is_boilerplate(text)
                and not boilerplate.ends_story(text)
            ):
                caption = caption_at(self.paras, i, standalone=True)
            # A line the site cut off right under a title-like line is that item's teaser (another letter, a related
            # story), not a caption.
            cut_off = caption is not None and caption.photo.caption.endswith(("…", "..."))
            above = self.paras[i - 1].text if i > 0 and not self.paras[i].blank_before else ""
            cut_off = cut_off and not (title_candidate(above) and good_title(above))
            if caption is not None and (caption.photo.credit or cut_off):
                self.parts.photos.append(caption.photo)
                i += caption.length
                continue
            self._tail_lines.append(text)
            self.parts.dropped.append(text)
            i += 1

    def _sign_off(self, i: int) -> SignOff | None:
        """A letter's signature right under the story: "X, Place" on one line, or the name over the place, the two set
        tight under the last paragraph and ending their block."""
        if (writer := credits.sign_off(self.paras[i].text)) is not None:
            return SignOff(writer, 1)
        paras = self.paras
        if i + 1 >= len(paras) or paras[i].blank_before or paras[i + 1].blank_before:
            return None
        if i + 2 < len(paras) and not paras[i + 2].blank_before:
            return None
        writer = credits.sign_off_lines(paras[i].text, paras[i + 1].text)
        return SignOff(writer, 2) if writer is not None else None

    def _repeats_headline(self, text: str) -> bool:
        """A line that is not prose and carries most of the headline's words: a series entry or a page header."""
        title_words = content_words(self.parts.title)
        if len(title_words) < 3 or text == self.parts.title or reads_as_prose(text):
            return False
        line_words = content_words(text)
        return len(title_words & line_words) >= 0.7 * len(title_words) and len(text) <= 200

    # ----------------------------------------------------------------------------------------- outlets

    def _outlets(self) -> None:
        parts = self.parts
        people = {c.name for c in parts.credits}
        for photo in parts.photos:
            if photo.credit and (outlet := outlet_names.from_photo_credit(photo.credit, people)) is not None:
                parts.photo_outlets.append(outlet)
            elif photo.credit and not is_chart(photo.caption):
                if (outlet := outlet_names.from_outlet_credit(photo.credit)) is not None:
                    parts.credit_outlets.append(outlet)
        organisations = outlet_names.described_organisations("\n".join(p.text for p in self.paras))
        # A name standing above the headline that the copyright line names again is the site's, even one shaped like
        # a person's ("VeriCheck Asia" over the headline, "© VeriCheck Asia." at the foot).
        # A masthead in capitals ("HARBOUR LANTERN") names the outlet the foot spells in ordinary case.
        mastheads = frozenset(self._above_headline) | {tidy_name(line) for line in self._above_headline}
        # An English edition's masthead beside the original's ("한누리일보 HANNURI ILBO | ENGLISH") names it in Latin letters.
        mastheads |= {tidy_name(latin) for line in self._above_headline if (latin := _latin_masthead(line))}
        # "PNW | Pacific Newswire": a masthead setting the outlet's acronym and its name apart by a bar names it in each.
        mastheads |= {part.strip() for line in self._above_headline if line.count("|") == 1 for part in line.split("|")}
        # "About X" among a footer's links (another link under it, no text of its own) is a link, not the box on X.
        links = {
            p.text
            for p, below in zip(self.paras, self.paras[1:])
            if outlet_names.about_heading(p.text) and not below.blank_before and not reads_as_prose(below.text)
        }
        for text in self._tail_lines + parts.dropped:
            outlet = outlet_names.from_line(text, organisations) if text not in links else None
            if outlet is None and (boilerplate.ends_story(text) or re.search(r"©|ⓒ|\(c\)|copyright", text, re.I)):
                outlet = outlet_names.from_copyright(text, people, organisations | mastheads)
            if outlet is not None:
                parts.own_outlets.append(outlet)
        for paragraph in parts.body[:1]:
            if (outlet := outlet_names.from_dateline(paragraph)) is not None:
                parts.own_outlets.insert(0, outlet)
        tail = "\n".join(self._tail_lines)
        if len(self._above_headline) >= 2 and self._above_headline[0] == self.paras[0].text:
            top, tagline = self._above_headline[:2]
            if (outlet := outlet_names.from_top_line(top, tagline)) is not None:
                parts.masthead_outlets.append(outlet)
                # The tagline says whose the site is ("A research blog of the X Lab"): the owner a copyright line names
                # publishes the site; the site is the outlet.
                if any(owner.name in tagline for owner in parts.own_outlets):
                    parts.own_outlets.insert(0, outlet)
        for line in self._above_headline:
            if (outlet := outlet_names.from_masthead(line, tail)) is not None:
                parts.own_outlets.append(outlet)
            elif (
                site_name_line(line) and (outlet := outlet_names.resolve(outlet_names.ordinary_case(line))) is not None
            ):
                parts.masthead_outlets.append(outlet)


BYLINE_REST = re.compile(r"^.*?\|\s*")
_REVIEWED_BY = re.compile(r"^reviewed\s+by\b", re.I)
# A headline under a release's fields is a sentence's length; the site's labels over them are half that or less.
_HEADLINE_UNDER_FIELDS_WORDS = 8
_BYLINE_KINDS = (Line.BYLINE, Line.NAMES, Line.CREDITS, Line.SIGNATURE)


def _menu_items(lines: list[str]) -> set[str]:
    """The items of a site's menu, one a line or several on a line between separators ("News | Reports | Donate")."""
    return {item.casefold() for line in lines for item in re.split(r"\s*[|·•]\s*", line.strip()) if item}


def _latin_masthead(line: str) -> str:
    """The Latin letters of a masthead set beside its name in Korean, Chinese or Japanese, before any separator."""
    if not EAST_ASIAN.search(line):
        return ""
    return " ".join(EAST_ASIAN.sub(" ", re.split(r"\s*[|·•]\s*", line)[0]).split())


def _signatures(texts: list[str]) -> dict[int, tuple[CreditRecord, ...]]:
    """Signatures (see credits.signature): the name line's index gives its credits, the role line's none."""
    found: dict[int, tuple[CreditRecord, ...]] = {}
    for i, (name_line, role_line) in enumerate(zip(texts, texts[1:])):
        if len(name_line) <= 60 and (records := credits.signature(name_line, role_line)) is not None:
            found[i], found[i + 1] = records, ()
    return found


# An author's bio: a short paragraph whose subject is a person the page credits ("X is a Toronto-based lawyer …",
# "X covers North Korea from Seoul", "X edits the Y Letter from Z"), under the byline or under the story; never story
# text. Its verb is in the present or the perfect; a verb of speech ("X says") is the story's.
_BIO = re.compile(
    r"^(?P<name>.{4,60}?) (?:is|was|has [a-z]+ed|has written"
    r"|(?!(?:says|asks|tells|adds|notes|explains|recalls|argues)\b)[a-z]{3,}s)\b"
)
MAX_BIO = 400
_TITLED = re.compile(rf"^{credits.HONORIFIC}")


def _credited_names(texts: list[str]) -> frozenset[str]:
    names = set()
    for i, text in enumerate(texts):
        if len(text) > 300:
            continue
        found = credits.byline(text)
        records = found.credits if found is not None else credits.credit_line(text)
        # A name alone opening the page is the site's masthead ("ClaimWatch Asia"), no one the page credits.
        records = records or (credits.lead_in_names(text) if i > 0 else None)
        names.update(c.name for c in records or ())
    return frozenset(names)


def _credits_apart(paras: list[Para]) -> list[Para]:
    """Paragraphs with the credits a wire glues to the story's last one in brackets set apart, a line of their own."""
    apart = []
    for para in paras:
        if (glued := credits.glued_credits(para.text)) is None:
            apart.append(para)
        else:
            apart += [Para(glued[0], para.blank_before), Para(glued[1], True)]
    return apart


def _is_bio(text: str, credited: frozenset[str]) -> bool:
    match = _BIO.match(text)
    # "Dr. X is a sociologist …": the title before the name is not part of the credited name.
    return match is not None and _TITLED.sub("", match.group("name")) in credited and len(text) <= MAX_BIO


def _line_credits(text: str) -> tuple[CreditRecord, ...]:
    """The credits a lead-in line of credits gives: a byline's, a credit line's or a line of names'."""
    if (found := credits.byline(text)) is not None:
        return tuple(found.credits)
    return tuple(credits.credit_line(text) or credits.lead_in_names(text) or ())


def _is_byline(text: str) -> bool:
    return credits.byline(text) is not None or credits.lead_in_names(text) is not None


def _reporter_line(text: str) -> tuple[CreditRecord, ...] | None:
    """ "김민수 기자", "Jane Doe, Staff Reporter" standing alone after the story."""
    if len(text) > 80:
        return None
    names = credits.lead_in_names(text)
    if names is not None and (re.search(r"기자|reporter|correspondent", text, re.I)):
        return names
    return None


def _one_sentence(text: str) -> bool:
    return len(_SENTENCES.findall(text)) == 1
