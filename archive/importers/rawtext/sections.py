"""A page set out in sections under headings in capitals (a briefing's items, a report's parts), judged by the shape of
the story's own paragraphs rather than by the headings' words.

The story is the section, or the run of sections, whose paragraphs are shaped like its opening ones. A later heading in
capitals over a first paragraph of one sentence, shorter than half the story's middle paragraph, opens a section of another kind (a
briefing's one-line items, "Tokyo: Shares closed higher."; a report's note on its funding), and the story ends above it.
The page must show its sections above the story too (a heading in capitals over the headline or the story's opening):
a story whose only capitals stand under its start keeps its short sections.
"""

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
