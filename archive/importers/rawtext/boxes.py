"""Summary boxes in the lead-in: a label naming a summary ("In short:", "Summary", "Key points", "What's next?") over
a few short lines, standing above the story ("In short:" and "What's next?" under the byline, a live page's
"Summary" under its headline). Their lines restate the story; they are neither the headline, the dek nor the
story's opening. Nor is a fact check's verdict box under its byline (labels in capitals over their values, "CLAIM: …"
over "OUR RATING: FALSE"), nor a paper's abstract (the paragraphs under its label "Abstract", above the paper's own
text).
A box ruled off in the story (a rule line, a few lines set tight under it with a heading or a button among them, a
rule line again: a members' or a donation appeal) is no story text either. Boxes after the story (a heading in
capitals with its lines set tight under it, or a word or two in ordinary case over two lines or more, where the
story's paragraphs stand apart under no such heading: the service details under an obituary, a list of prayers or show
notes, an appeal, a podcast's "Chapters", "Guests" and "Credits") end it, unless two paragraphs of the story's shape
stand apart under the box again: then it stood between them (a figure's label, title and source, a match's
statistics), no story text and no end. The page's foot under a rule line (its lines set tight to the end of the
text: contacts, opening hours, who keeps the page) ends it too. A table set in the text (its
title, its rows of cells between bars, the line naming where its figures come from) is neither story text nor a
caption.
"""

import re

from archive.importers.rawtext import credits
from archive.importers.rawtext.captions import is_chart, is_chart_source
from archive.importers.rawtext.dates import date_line
from archive.importers.rawtext.headings import title_candidate
from archive.importers.rawtext.lines import SENTENCE_END, Para, is_capitals, is_story_paragraph, reads_as_prose

# The words of a summary box's label, not of any outlet.
SUMMARY_LABEL = re.compile(
    r"^(?:summary|in short|in brief|briefly|key points|key takeaways|takeaways|key facts|highlights|at a glance|the gist|"
    r"the big picture|why it matters|what(?:'|’)s next|what happens next|what we know(?: so far)?|"
    r"what you need to know|need to know|quick read|tl;? ?dr|the short version|the bottom line|bottom line)\s*[:?]?$",
    re.I,
)
# A label that asks ("What's next?", "Why it matters") heads one line; a list's label ("In short:") a few.
_ASKING = re.compile(r"^why\b|\?$", re.I)
# A box's line is one short sentence or title-like line; the story's opening is longer, or opens with a dateline.
MAX_ITEM_WORDS = 30
MAX_ITEMS = 5
_ABSTRACT_LABEL = re.compile(r"^abstract\s*:?$", re.I)
_DATELINE = re.compile(r"^[A-Z][A-Z .'/-]{2,40}(?:,[^()\n]{0,30})?(?:\([^()]{1,40}\))?\s*(?:--|—|–|-)\s")


def summary_boxes(paras: list[Para]) -> set[int]:
    """The indexes of a summary box's labels and lines in `paras`, when the box stands above the story (no longer
    prose before it)."""
    found: set[int] = set()
    i = 0
    while i < len(paras):
        text = paras[i].text
        if not SUMMARY_LABEL.match(text):
            if is_story_paragraph(text) and len(text.split()) > MAX_ITEM_WORDS:
                break  # the story has begun: a label below this is a section of it
            i += 1
            continue
        items = _items(paras, i + 1)[: 1 if _ASKING.search(text) else MAX_ITEMS]
        if not items:
            i += 1
            continue
        found.add(i)
        found.update(items)
        i = max(items) + 1
    return found


def _items(paras: list[Para], begin: int) -> list[int]:
    items = []
    for j in range(begin, len(paras)):
        text = paras[j].text
        # A blank line under the box's lines ends it.
        if SUMMARY_LABEL.match(text) or not _is_item(text) or j > begin and paras[j].blank_before:
            break
        items.append(j)
    return items


def _is_item(text: str) -> bool:
    sentences = re.findall(r"[.!?]['\"”’]?(?:\s|$)", text)
    if credits.byline(text) is not None or credits.credit_line(text) is not None or date_line(text) is not None:
        return False
    if _DATELINE.match(text):
        return False
    return (
        len(text.split()) <= MAX_ITEM_WORDS
        and len(sentences) <= 1
        and (reads_as_prose(text) or title_candidate(text) and len(text.split()) >= 4)
    )


def abstracts(paras: list[Para]) -> set[int]:
    """The indexes of a paper's abstract (see the module docstring): its label and the prose under it, up to the next
    line that is not prose, when more prose (the paper) follows."""
    for i, para in enumerate(paras):
        if not _ABSTRACT_LABEL.match(para.text):
            continue
        end = next((j for j in range(i + 1, len(paras)) if not reads_as_prose(paras[j].text)), len(paras))
        if end > i + 1 and any(is_story_paragraph(p.text) for p in paras[end:]):
            return set(range(i, end))
        return set()
    return set()


# A line of a verdict box: a label in capitals and its value ("CLAIM: A video shows …", "OUR RATING: FALSE").
_LABELLED_LINE = re.compile(r"^[A-Z][A-Z'’]+(?: [A-Z][A-Z'’]+){0,2}\s*:\s+(?P<value>\S.*)$")
MAX_VERDICT_WORDS = 4
# How many lines (the byline, its dates) may stand between the lead-in's credits and the box under them.
MAX_LINES_OVER_BOX = 4


def verdict_boxes(paras: list[Para]) -> set[int]:
    """A fact check's box under its byline: lines set tight, each a label in capitals with its value, one value a
    short verdict ("OUR RATING: FALSE") and no sentence; the claim over it is the box's, not the story's opening."""
    found: set[int] = set()
    i = 0
    while i < len(paras):
        end = i
        while end < len(paras) and _LABELLED_LINE.match(paras[end].text) and (end == i or not paras[end].blank_before):
            end += 1
        values = [_LABELLED_LINE.match(paras[j].text).group("value") for j in range(i, end)]
        above = [paras[j].text for j in range(max(0, i - MAX_LINES_OVER_BOX), i)]
        if (
            len(values) >= 2
            and any(len(v.split()) <= MAX_VERDICT_WORDS and not SENTENCE_END.search(v) for v in values)
            and any(credits.byline(t) is not None or date_line(t) is not None for t in above)
        ):
            found.update(range(i, end))
        i = max(end, i + 1)
    return found


# A rule drawn across the page: "———", "----------", "* * *", "═══".
RULE_LINE = re.compile(r"^(?:[-–—_=~*═─━]\s*){3,}$")
# A ruled box holds a few lines: a heading, a pitch, a button.
MAX_RULED_LINES = 8


def ruled_boxes(paras: list[Para]) -> set[int]:
    """The indexes of the boxes ruled off in a text (see the module docstring): both rules and the lines between them,
    set tight (no blank line), one of them no prose (the box's heading or its button, "Join us →")."""
    found: set[int] = set()
    rules = [i for i, para in enumerate(paras) if RULE_LINE.match(para.text)]
    for opening, closing in zip(rules, rules[1:]):
        inside = range(opening + 1, closing)
        if not 0 < len(inside) <= MAX_RULED_LINES or any(paras[j].blank_before for j in [*inside, closing]):
            continue
        if any(not reads_as_prose(paras[j].text) for j in inside):
            found.update(range(opening, closing + 1))
    return found


# The page's foot: a rule line over at least two lines set tight (no blank line between them) that end the text.
MIN_FOOT_LINES = 2


def ruled_foot(paras: list[Para], i: int) -> bool:
    """Whether line i is a rule over the page's foot (see the module docstring). A foot is the page's, not the story's:
    one line of it at least is no prose ("Opening hours: Mon–Thu 09:00–12:00")."""
    foot = paras[i + 1 :]
    if not RULE_LINE.match(paras[i].text) or len(foot) < MIN_FOOT_LINES or any(p.blank_before for p in foot):
        return False
    return any(not reads_as_prose(p.text) for p in foot)


# A box's heading is a label of a few words; the story above it has at least this many paragraphs.
MAX_BOX_HEADING_WORDS = 6
MIN_STORY_ABOVE_BOX = 3


# A heading in ordinary case ("Chapters", "Guests", "Credits") is a word or two over two lines or more.
MAX_PLAIN_HEADING_WORDS = 2
MIN_PLAIN_BOX_LINES = 2


def box_after_story(paras: list[Para], i: int, start: int) -> bool:
    """Whether line i heads a box after the story that started at `start` (see the module docstring)."""
    return _box_at(paras, i, start) and not _story_goes_on(paras, i)


def box_in_story(paras: list[Para], i: int, start: int) -> range | None:
    """The lines of a box of the same shape set between the story's paragraphs (a figure's label, title and source, a
    match's statistics), when paragraphs of the story's shape stand apart under it again: no story text, and no end."""
    if not _box_at(paras, i, start) or not _story_goes_on(paras, i):
        return None
    return range(i, _block_end(paras, i))


# The story goes on under a box when at least this many of its paragraphs stand apart under it.
MIN_STORY_UNDER_BOX = 2


def _block_end(paras: list[Para], i: int) -> int:
    """The index after the lines set tight from line i (the next line standing apart)."""
    return next((j for j in range(i + 1, len(paras)) if paras[j].blank_before), len(paras))


def _story_goes_on(paras: list[Para], i: int) -> bool:
    """Whether story paragraphs stand apart under the box at line i, up to the next line set tight (subheads standing
    apart among them): the box stood between the story's paragraphs, not after them."""
    found = 0
    for j in range(_block_end(paras, i), len(paras)):
        if not paras[j].blank_before:
            break
        found += is_story_paragraph(paras[j].text)
    return found >= MIN_STORY_UNDER_BOX


def _box_at(paras: list[Para], i: int, start: int) -> bool:
    """Whether line i heads a box (a heading and its lines set tight) under the story's paragraphs standing apart."""
    if i + 1 >= len(paras) or not paras[i].blank_before or paras[i + 1].blank_before:
        return False
    if i - start < MIN_STORY_ABOVE_BOX:
        return False
    if not _box_heading(paras[i].text) and not (
        _plain_heading(paras[i].text) and _box_lines(paras, i + 1) >= MIN_PLAIN_BOX_LINES
    ):
        return False
    # The story's own paragraphs stand apart, and no heading of the box's shape stands among them.
    story = paras[start + 1 : i]
    return all(p.blank_before for p in story if reads_as_prose(p.text)) and not any(_box_heading(p.text) for p in story)


def _box_heading(text: str) -> bool:
    """A heading of words in capitals: no sentence, no figure ("16.20 BST" is a live blog's entry time)."""
    short = len(text.split()) <= MAX_BOX_HEADING_WORDS
    return is_capitals(text) and short and not SENTENCE_END.search(text) and not re.search(r"\d", text)


def _plain_heading(text: str) -> bool:
    """A heading of a word or two in ordinary case, capitalised, with no sentence and no figure: "Chapters", "Guests"."""
    words = text.split()
    return (
        len(words) <= MAX_PLAIN_HEADING_WORDS
        and text[:1].isupper()
        and not SENTENCE_END.search(text)
        and not re.search(r"[\d|·•]", text)
    )


# A box's line is shorter than a story's paragraph.
MAX_BOX_LINE_WORDS = 60


def _box_lines(paras: list[Para], begin: int) -> int:
    """How many lines stand set tight from `begin`, none a story's paragraph (0 if one is)."""
    n = 0
    while begin + n < len(paras) and (n == 0 or not paras[begin + n].blank_before):
        if len(paras[begin + n].text.split()) > MAX_BOX_LINE_WORDS:
            return 0
        n += 1
    return n


# A table's row: cells between bars ("| Heihe | 1,200 | open |"), or three cells or more parted by bars.
_TABLE_ROW = re.compile(r"^\|.*\|$|^[^|]+(?:\s\|\s[^|]+){2,}$")


def text_tables(paras: list[Para]) -> set[int]:
    """Tables set in the text: a table's or chart's title ("Table 1. …"), its rows right under it and the line naming
    where its figures come from ("Source: X") under them. Their indexes in `paras`."""
    found: set[int] = set()
    for i, para in enumerate(paras):
        if not is_chart(para.text):
            continue
        end = i + 1
        while end < len(paras) and _TABLE_ROW.match(paras[end].text):
            end += 1
        if end == i + 1:
            continue  # a chart's title with no rows: a picture's caption (see captions.py)
        if end < len(paras) and is_chart_source(paras[end].text):
            end += 1
        found.update(range(i, end))
    return found
