"""A box of facts after the story: lines set tight, each a short label, its colon and a value that is no sentence
("Urea, ex-warehouse: CNY 2,480/t (−6%)", "Case: District Court, 2024-123", "Presiding judge: X"), perhaps under a
heading of its own. It restates figures or a case's details beside the story; it is no part of it, so it ends it."""

import re

from archive.importers.rawtext.lines import Para

# "Label: value": the label a few words, the value a figure, a name or a reference, no sentence.
_FACT = re.compile(r"^(?P<label>[A-Z\d][^:]{1,60}):\s+(?P<value>\S.{0,100})$")
MAX_LABEL_WORDS = 8
MAX_VALUE_WORDS = 12
MIN_FACTS = 2
MAX_LOWER_WORDS = 3
# The box's heading: a short line with no sentence's end over its facts.
MAX_HEADING_WORDS = 10
# The story has at least this many paragraphs above the box.
MIN_STORY_ABOVE = 3


def is_fact(text: str) -> bool:
    """A line of a box of facts: "Label: value", with no sentence in it."""
    match = _FACT.match(text)
    if match is None or len(match.group("label").split()) > MAX_LABEL_WORDS:
        return False
    value = match.group("value")
    # A sentence has its lower-case words; a figure, a name or a reference few ("CNY 7.92/l (unch.)").
    lower = re.findall(r"\b[a-z][a-z'’-]{2,}\b", value)
    ends_sentence = re.search(r"[a-z]{2}[.!?][\"”’]?$", value) is not None
    return len(value.split()) <= MAX_VALUE_WORDS and len(lower) <= MAX_LOWER_WORDS and not ends_sentence


def box_after_story(paras: list[Para], i: int, start: int) -> bool:
    """Whether line i opens a box of facts (see the module docstring) after the story that started at `start`."""
    if not paras[i].blank_before or i - start < MIN_STORY_ABOVE:
        return False
    first = i
    if not is_fact(paras[i].text):
        heading = paras[i].text
        if len(heading.split()) > MAX_HEADING_WORDS or heading.endswith((".", "?", "!", ":")) or ": " in heading:
            return False
        if not re.search(r"[^\W\d_]", heading):  # a rule line over the page's foot: see boxes.ruled_foot
            return False
        first = i + 1
    facts = 0
    for j in range(first, len(paras)):
        if j > i and paras[j].blank_before or not is_fact(paras[j].text):
            break
        facts += 1
    return facts >= MIN_FACTS
