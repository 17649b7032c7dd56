"""Interviews and Q&As: turns that open with the speaker's label ("Q:", "A:", "PRIYA RAMAN:", "Raman:"); once
speakers named so make a conversation, a label in capitals naming a role ("ANCHOR:", "RESIDENT (voice altered):")
opens a turn too.

The turns are the story, questions and answers alike, never subheads or captions; a single paragraph of
prose above the first turn is the interviewer's introduction, the dek. Who asked is the author: the
speaker named in full whose turns are questions, or the one a credit names ("Interview by X", "Conducted
by X": see credits.py).

A broadcast's transcript copied above its written story (lines one after another, each a turn under a label in capitals:
"ANCHOR: …", "REPORTER: …") is no interview and none of the story: the player's furniture, set apart.
"""

import re
from dataclasses import dataclass, field

from archive.importers.rawtext.lines import PROSE_END, is_capitals, is_story_paragraph
from archive.importers.rawtext.names import is_person_name, tidy_name

_TURN = re.compile(
    r"^(?:\*\*)?(?:(?P<qa>Q|A|Question|Answer)\s*[:.—]|(?P<label>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})\s*:)"
    r"(?:\*\*)?\s+\S"
)
_QUESTION_ANSWER = {"Q", "A", "Question", "Answer"}
# In a conversation, a label in capitals names a speaker by role, or with a note: "ANCHOR:", "TRADER (voice altered):".
_CAPITALS_LABEL = re.compile(r"^[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){0,2}(?:\s*\([^()]{1,40}\))?\s*:\s+\S")
# An interview is a conversation: a few turns and two speakers at least.
MIN_TURNS = 4
# A transcript above the story: a few turns one after another, then the story's own paragraphs with no turn among them.
MIN_TRANSCRIPT_TURNS = 2
MIN_STORY_UNDER_TRANSCRIPT = 3


@dataclass(frozen=True)
class Interview:
    turns: frozenset[int] = field(default_factory=frozenset)  # indexes of the paragraphs that are turns
    interviewer: str = ""


def read(texts: list[str]) -> Interview:
    """A Q&A's turns in `texts` and who asked, or an empty Interview when the text is not a Q&A."""
    # A turn is something said: it ends like a sentence. A page's labelled lines ("Also Read: <headline>",
    # "Written By: X | Edited By: Y", "First Published: <date>") are not turns, however many there are.
    labels = {
        i: m.group("qa") or m.group("label")
        for i, text in enumerate(texts)
        if (m := _TURN.match(text)) and PROSE_END.search(text)
    }
    names = {label.casefold(): tidy_name(label) for label in labels.values() if _is_name(label)}
    # A speaker named in full once may go by one of the name's words after ("PRIYA RAMAN:", then "RAMAN:").
    short = {word: name for name in names for word in name.split()}
    speakers = {}
    for i, label in labels.items():
        key = label.casefold()
        if label in _QUESTION_ANSWER or key in names or key in short:
            speakers[i] = short.get(key, key)
    if len(speakers) < MIN_TURNS or len(set(speakers.values())) < 2:
        return Interview()
    by_role = {i for i, text in enumerate(texts) if _CAPITALS_LABEL.match(text) and PROSE_END.search(text)}
    return Interview(frozenset(speakers) | by_role, _interviewer(texts, speakers, names))


def _interviewer(texts: list[str], speakers: dict[int, str], names: dict[str, str]) -> str:
    """The speaker named in full whose turns are all questions."""
    for speaker in dict.fromkeys(speakers.values()):
        asked = [texts[i].rstrip().endswith("?") for i, s in speakers.items() if s == speaker]
        if speaker in names and len(asked) >= 2 and all(asked):
            return names[speaker]
    return ""


def _is_name(label: str) -> bool:
    """A speaker's full name: a person's name, in capitals or not."""
    return is_person_name(tidy_name(label)) and (is_capitals(label) or len(label.split()) >= 2)


def transcripts(texts: list[str]) -> set[int]:
    """The lines of a broadcast's transcript above the story: turns under labels in capitals, one after another, over
    the story's paragraphs where no label in capitals opens a line again and no story paragraph stands above them."""
    turn = [bool(_CAPITALS_LABEL.match(t)) and bool(PROSE_END.search(t)) for t in texts]
    first = next((i for i, is_turn in enumerate(turn) if is_turn), None)
    if first is None or any(is_story_paragraph(t) for t in texts[:first]):
        return set()
    end = first
    while end < len(texts) and turn[end]:
        end += 1
    if end - first < MIN_TRANSCRIPT_TURNS or any(turn[end:]):
        return set()
    if sum(1 for t in texts[end:] if is_story_paragraph(t)) < MIN_STORY_UNDER_TRANSCRIPT:
        return set()
    return set(range(first, end))
