"""A page set out in sections under headings in capitals (a briefing's items, a report's parts), judged by the shape of
the story's own paragraphs rather than by the headings' words.

The story is the section, or the run of sections, whose paragraphs are shaped like its opening ones. A later heading in
capitals over a first paragraph of one sentence, shorter than half the story's middle paragraph, opens a section of another kind (a
briefing's one-line items, "Tokyo: Shares closed higher."; a report's note on its funding), and the story ends above it.
The page must show its sections above the story too (a heading in capitals over the headline or the story's opening):
a story whose only capitals stand under its start keeps its short sections.

In a copy set tight throughout (no blank lines, so no run of the page's furniture stands apart), the page's foot may
be sections under headings in ordinary case ("Service details" over "Visitation: Friday, 6–8 p.m."): a heading over a
line shorter than half the story's middle paragraph, with no two paragraphs of the story's shape in a row under it,
ends the story.
"""

import re
from statistics import median

from archive.importers.rawtext.boilerplate import is_boilerplate
from archive.importers.rawtext.lines import Para, is_capitals, is_story_paragraph, reads_as_prose
from archive.importers.rawtext.tight_runs import one_sentence

# A section's heading is a few words.
MAX_HEADING_WORDS = 6
# The story has at least this many paragraphs above a section of another kind.
MIN_STORY_PARAGRAPHS = 3


def is_heading(text: str) -> bool:
    """A section's heading: a short line in capitals that is no page furniture."""
    return is_capitals(text) and len(text.split()) <= MAX_HEADING_WORDS and not is_boilerplate(text)


# A heading in ordinary case is a few capitalised words, no sentence and no figure: "Service details", "Prayer requests".
MAX_PLAIN_HEADING_WORDS = 4
_PLAIN_HEADING = re.compile(r"^[A-Z][^.!?:;\d|·•]*$")


def foot_section(paras: list[Para], i: int, start: int) -> bool:
    """Whether line i heads a section of the page's foot in a copy set tight throughout (no blank line under the story's
    opening at `start`): a short heading in ordinary case over a line shorter than half the story's middle paragraph,
    no two paragraphs of the story's shape (half its middle one at least) in a row anywhere under it (an obituary's
    service details, a parish letter's notices). A subhead of the story has the story's paragraphs under it."""
    text = paras[i].text
    if (
        i <= start
        or i + 1 >= len(paras)
        or len(text.split()) > MAX_PLAIN_HEADING_WORDS
        or not _PLAIN_HEADING.match(text)
    ):
        return False
    if is_boilerplate(text) or any(p.blank_before for p in paras[start + 1 :]):
        return False
    lengths = [len(p.text.split()) for p in paras[start:i] if is_story_paragraph(p.text)]
    if len(lengths) < MIN_STORY_PARAGRAPHS:
        return False
    middle = median(lengths)
    shaped = [is_story_paragraph(p.text) and len(p.text.split()) * 2 >= middle for p in paras[i + 1 :]]
    if shaped[0] or (reads_as_prose(paras[i + 1].text) and len(paras[i + 1].text.split()) * 2 >= middle):
        return False
    # The story goes on where two paragraphs of its shape follow one another under the heading.
    return not any(a and b for a, b in zip(shaped, shaped[1:]))


def other_section(paras: list[Para], i: int, start: int) -> bool:
    """Whether line i, after the story's opening at `start`, heads a section of another kind (see the module
    docstring)."""
    if i <= start or i + 1 >= len(paras) or not is_heading(paras[i].text):
        return False
    if not any(is_heading(p.text) for p in paras[:start]):
        return False
    first = paras[i + 1].text
    lengths = [len(p.text.split()) for p in paras[start:i] if is_story_paragraph(p.text)]
    if not reads_as_prose(first) or not one_sentence(first) or len(lengths) < MIN_STORY_PARAGRAPHS:
        return False
    return len(first.split()) * 2 < median(lengths)
