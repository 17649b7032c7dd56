"""A headline names the story's subject: it repeats words of the story's opening paragraphs ("Kholmsk ferry makes its
last crossing" over "The ferry from Kholmsk made its last crossing …"), where a masthead, a menu's item or a page's
field above it ("The Daily X", "Partner: Y") shares none, or one by chance. Words are compared by their first letters,
so that "smuggler" repeats "smuggled" and "roads" "road"; short words ("our", "new") say nothing of a subject.
"""

from archive.importers.rawtext.lines import content_words, is_story_paragraph

# Words compared by this many first letters ("smuggler", "smuggled"); shorter words whole.
STEM_LETTERS = 5
MIN_WORD_LETTERS = 4
# How many of the story's paragraphs its opening holds.
OPENING_PARAGRAPHS = 3


def _stems(text: str) -> set[str]:
    return {word.rstrip("s")[:STEM_LETTERS] for word in content_words(text) if len(word) >= MIN_WORD_LETTERS}


def shared_words(line: str, opening: list[str]) -> int:
    """How many of the line's words the story's opening paragraphs (`opening`: the story's text from its start) repeat;
    lines that are no paragraph of the story (a copyright line under a short text) are not its opening."""
    paragraphs = [text for text in opening if is_story_paragraph(text)][:OPENING_PARAGRAPHS]
    return len(_stems(line) & _stems(" ".join(paragraphs)))
