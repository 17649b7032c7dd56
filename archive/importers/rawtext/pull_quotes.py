"""Pull quotes: a line of the story set again between its paragraphs in large type. It repeats, word for word, part
of a paragraph near it (the words in quotation marks or not), so it is no paragraph of its own. Only inside the
story: above it a dek may repeat the opening sentence."""

import re

from archive.importers.rawtext.lines import Para

# A pull quote is a phrase or a sentence or two; the paragraph it comes from stands within this many of it.
MIN_WORDS = 5
MAX_WORDS = 40
NEAR = 3


def _words(text: str) -> str:
    return " ".join(re.findall(r"[\w'’-]+", text.lower().replace("’", "'")))


def pull_quotes(paras: list[Para]) -> set[int]:
    """The indexes of the pull quotes in `paras`."""
    words = [_words(p.text) for p in paras]
    found: set[int] = set()
    story_begun = False  # a dek that repeats the story's first sentence stands above it: no pull quote
    for i, quote in enumerate(words):
        size = len(quote.split())
        if not story_begun or not MIN_WORDS <= size <= MAX_WORDS:
            story_begun = story_begun or size > MAX_WORDS
            continue
        near = [j for j in range(max(0, i - NEAR), min(len(paras), i + NEAR + 1)) if j != i]
        if any(len(words[j].split()) > size and f" {quote} " in f" {words[j]} " for j in near):
            found.add(i)
    return found
