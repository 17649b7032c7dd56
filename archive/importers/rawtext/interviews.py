"""Interviews and Q&As: turns that open with the speaker's label ("Q:", "A:", "PRIYA RAMAN:", "Raman:").

The turns are the story, questions and answers alike, never subheads or captions; a single paragraph of
prose above the first turn is the interviewer's introduction, the dek. Who asked is credited by the lead-in
("Interview by X", "Conducted by X": see credits.py).
"""

import re

from archive.importers.rawtext.lines import is_capitals
from archive.importers.rawtext.names import is_person_name, tidy_name

_TURN = re.compile(
    r"^(?:\*\*)?(?:(?P<qa>Q|A|Question|Answer)\s*[:.—]|(?P<label>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})\s*:)"
    r"(?:\*\*)?\s+\S"
)
_QUESTION_ANSWER = {"Q", "A", "Question", "Answer"}
# An interview is a conversation: a few turns and two speakers at least.
MIN_TURNS = 4


def turns(texts: list[str]) -> set[int]:
    """The indexes of a Q&A's turns in `texts`, or none when the text is not a Q&A."""
    labels = {i: m.group("qa") or m.group("label") for i, text in enumerate(texts) if (m := _TURN.match(text))}
    names = {label.casefold() for label in labels.values() if _is_name(label)}
    # A speaker named in full once may go by one of the name's words after ("PRIYA RAMAN:", then "RAMAN:").
    short = {word for name in names for word in name.split()}
    speakers = {
        i: label.casefold()
        for i, label in labels.items()
        if label in _QUESTION_ANSWER or label.casefold() in names or label.casefold() in short
    }
    if len(speakers) < MIN_TURNS or len(set(speakers.values())) < 2:
        return set()
    return set(speakers)


def _is_name(label: str) -> bool:
    """A speaker's full name: a person's name, in capitals or not."""
    return is_person_name(tidy_name(label)) and (is_capitals(label) or len(label.split()) >= 2)
