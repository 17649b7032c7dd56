"""Newsletters and digests: the greeting and contents list above the story, and the numbered items of a digest.

- A newsletter's greeting ("Hello and welcome back. This week: …", "Good morning,") is an introduction to the
  issue, not the story's opening; one that goes on into the writer's account of the subject opens the story.
- A digest numbers its items ("1. HYESAN'S SMUGGLERS GO QUIET", "2. ALSO THIS WEEK"). A numbered heading right
  above a byline is the story's headline, without its number, and in the case the text writes it elsewhere (a
  contents list: "1. Hyesan's smugglers go quiet"), not in capitals. The next number ends the story: the
  digest's other items are not this story.
- A contents list ("In this issue" over numbered or marked entries) names the issue's items: a heading above the
  story that one of its entries names is the headline, in the entry's case; the heading of a later entry ends the
  story, however it is written (numbered or not, in capitals or not). An entry may open with its section's label
  ("The lead: a market for traders"): the label names the section's heading ("THE LEAD"), and the headline is the
  title-like line under that heading.
"""

import re
from dataclasses import dataclass

from archive.importers.rawtext.lines import BULLET, SENTENCE_END, is_capitals

# "Hello and welcome back.", "Good morning, and welcome.", "Hi everyone!": punctuation closes a greeting, so a story
# opening "Welcome to Dandong, where …" or "Hi-tech smuggling …" is none.
_GREETING = re.compile(
    r"^(?:hello|hi|hey|greetings|good (?:morning|afternoon|evening)|welcome back|dear (?:readers?|subscribers?|"
    r"friends|all))(?:,?\s+and\s+welcome(?:\s+back)?|\s+(?:everyone|all|friends|readers))?\s*[,!.—–]",
    re.I,
)
_NUMBERED = re.compile(r"^(?P<number>\d{1,2})[.)]\s+(?P<heading>\S.{2,140})$")
MAX_HEADING_WORDS = 24
# A heading in capitals and then its byline, on one line: "HYESAN'S SMUGGLERS GO QUIET by Kwon Tae-sik".
_JOINED_BYLINE = re.compile(r"^(?P<heading>[^a-z]{6,}?)\s+(?P<byline>[Bb]y\s+\S.{2,60})$")


def is_greeting(text: str) -> bool:
    """A newsletter's greeting opening the issue (see the module docstring)."""
    return bool(_GREETING.match(text))


# What an introduction announces: "This week: …", "In this issue, …", "Today: …".
_ANNOUNCES = re.compile(r"\b(?:this week|this month|today|in this (?:issue|edition|newsletter))\s*[:,—–]", re.I)
# A greeting and a sentence or two ("Hi all, and welcome back. Short one today.") is an introduction by its length.
MAX_INTRODUCTION_SENTENCES = 2


def introduces_issue(text: str) -> bool:
    """A newsletter's greeting that introduces the issue: the greeting alone, a sentence or two, or one announcing
    what the issue holds ("This week: …"). A greeting that goes on in the writer's account of the subject ("Hi all,
    and welcome to the 58th issue. … every month I collect prices … All prices are in won.") opens the story."""
    if not is_greeting(text):
        return False
    sentences = len(re.findall(r"[.!?](?:\s|$)", text))
    return sentences <= MAX_INTRODUCTION_SENTENCES or bool(_ANNOUNCES.search(text))


@dataclass(frozen=True)
class Item:
    """A digest item's heading over its byline: its number, its heading, and the byline when the heading's line
    carries it ("1. HYESAN'S SMUGGLERS GO QUIET by Kwon Tae-sik", two lines the paragraph joined)."""

    number: int
    heading: str
    byline: str = ""
    # Named by its entry's label ("The lead" of "The lead: a market for traders"): a section's heading, the item's
    # headline under it.
    labelled: bool = False


def item_over_byline(text: str, below: str, is_byline) -> Item | None:
    """The digest item whose numbered heading is `text`, when a byline follows it (on its line or `below`)."""
    found = numbered_heading(text)
    joined = _JOINED_BYLINE.match(found[1]) if found else None
    if found is not None and joined is not None and is_byline(joined.group("byline")):
        return Item(found[0], joined.group("heading"), joined.group("byline"))
    if found is not None and is_byline(below):
        return Item(found[0], found[1])
    return None


def numbered_heading(text: str) -> tuple[int, str] | None:
    """A digest item's number and heading ("1. HYESAN'S SMUGGLERS GO QUIET"), or None."""
    match = _NUMBERED.match(text)
    if match is None:
        return None
    heading = match.group("heading").strip()
    if SENTENCE_END.search(heading) and not heading.endswith("?") or len(heading.split()) > MAX_HEADING_WORDS:
        return None
    return int(match.group("number")), heading


def heading_in_case(heading: str, lines: list[str]) -> str:
    """A heading in capitals as another line writes it in ordinary case (a contents list's entry), else as it is."""
    if not is_capitals(heading):
        return heading
    for line in lines:
        found = numbered_heading(line)
        text = found[1] if found else line
        if text.lower() == heading.lower() and not is_capitals(text):
            return text
    return heading


def is_next_item(text: str, number: int) -> bool:
    """The heading of the digest's next item, after the item numbered `number`."""
    found = numbered_heading(text)
    return found is not None and found[0] == number + 1 and is_capitals(found[1])


_CONTENTS_HEADING = re.compile(
    r"^(?:in (?:this|today['’]s) (?:issue|edition|newsletter)|inside this (?:issue|edition)|contents)\s*:?$", re.I
)
MIN_CONTENTS_ENTRIES = 2


@dataclass(frozen=True)
class Contents:
    """A newsletter's contents list: where its lines stand and its entries, in order."""

    lines: frozenset[int]
    entries: tuple[str, ...]

    def item_named(self, text: str) -> Item | None:
        """The item a heading names when it is one of the entries (numbered by its place in the list), or the label
        an entry opens with ("The lead" of "The lead: a market for traders")."""
        heading = text.strip().lower()
        for number, entry in enumerate(self.entries, 1):
            if heading == entry.lower():
                return Item(number, entry)
            if heading == _entry_label(entry):
                return Item(number, entry, labelled=True)
        return None

    def is_later_item(self, text: str, number: int) -> bool:
        """The heading of an entry listed after the item numbered `number`, or of its label."""
        heading = text.strip().lower()
        return any(heading in (entry.lower(), _entry_label(entry)) for entry in self.entries[number:])


def _entry_label(entry: str) -> str:
    """An entry's label before its colon ("the lead" of "The lead: a market for traders"), or "" without one."""
    label, colon, _ = entry.partition(":")
    return label.strip().lower() if colon and label.strip() else ""


def contents_list(texts: list[str]) -> Contents | None:
    """The contents list under an "In this issue" heading: its numbered or marked lines (see the module docstring)."""
    for i, text in enumerate(texts):
        if not _CONTENTS_HEADING.match(text):
            continue
        entries = []
        for line in texts[i + 1 :]:
            entry = _contents_entry(line)
            if entry is None:
                break
            entries.append(entry)
        if len(entries) >= MIN_CONTENTS_ENTRIES:
            return Contents(frozenset(range(i, i + 1 + len(entries))), tuple(entries))
    return None


def _contents_entry(line: str) -> str | None:
    if (found := numbered_heading(line)) is not None:
        return found[1]
    if BULLET.match(line) and not SENTENCE_END.search(line) and len(line.split()) <= MAX_HEADING_WORDS:
        return BULLET.sub("", line, count=1).strip()
    return None
