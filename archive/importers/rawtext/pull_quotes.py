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


# A quote in quotation marks, set again with the attribution between its sentences cut out: "“A. B.”" from
# '"A," he said. "B."'
_QUOTED = re.compile(r"^[“\"].+[”\"]$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _cut_quote(text: str, paragraph: str, size: int) -> bool:
    """Each sentence of the quoted `text`, two words or more, stands in the longer `paragraph`, in order."""
    if len(paragraph.split()) <= size:
        return False
    pieces = [_words(piece) for piece in _SENTENCE_END.split(text.strip('“”" '))]
    if len(pieces) < 2 or any(len(piece.split()) < 2 for piece in pieces):
        return False
    at = 0
    padded = f" {paragraph} "
    for piece in pieces:
        at = padded.find(f" {piece} ", at)
        if at < 0:
            return False
        at += len(piece)
    return True


# The speaker a pull quote names after a dash: '"…" — Dr. X'.
_SPEAKER = re.compile(r"(?<=[”\"])\s*[—–-]+\s*[A-Z][^\"“”]{2,60}$")


def pull_quotes(paras: list[Para]) -> set[int]:
    """The indexes of the pull quotes in `paras`."""
    words = [_words(_SPEAKER.sub("", p.text)) for p in paras]
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
        elif (quoted := _SPEAKER.sub("", paras[i].text)) and _QUOTED.match(quoted):
            if any(_cut_quote(quoted, words[j], size) for j in near):
                found.add(i)
    return found
