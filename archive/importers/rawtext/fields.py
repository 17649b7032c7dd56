"""Metadata lines: a header line of "Label: value" fields, with or without a date before them.

"Date of issue: 2 August 2024", "04.09.2024 14:20 Views: 2 913 Comments: 3",
"2025-03-17 09:42:15 Source: Bohai Morning Post Editor: Zhang Yuqing", "Source: X Author: Y Editor: Z 2024-05-21
10:33:12", "2025-03-17 09:12:45 Source: X By Y" (a byline beside the date is a field too). Pasted text loses the spaces that set such fields apart, so a field starts where a capitalised label and its
colon stand, and a date after the last field's value is a field of its own. A metadata line is never a
headline; its fields are read one by one (a date, a credit, an outlet).

A record's fields copied one line each (a repository's or a catalogue's list: "Document Type" over "Thesis", "First
Advisor" over a name): a label naming a kind of field over its value, two pairs or more in a row. Neither labels nor
values are headlines or bylines; a value that is a date dates the page.
"""

import re
from functools import lru_cache

from archive.importers.rawtext.dates import date_line

# A field's label: a capitalised word, then up to two lower-case ones ("Date of issue", "Reporting period").
_LABEL = r"[A-Z][a-z]+(?:\s+[a-z]+){0,2}"
# A byline may stand among the fields, a field of its own: "2025-03-17 09:12:45 Source: X By Y".
_BYLINE_FIELD = re.compile(r"^By\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){1,3}$")
_FIELD_START = re.compile(rf"(?<=\S)\s+(?={_LABEL}\s*:\s|By\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{1,3}}$)")
_LABELLED = re.compile(rf"^(?P<label>{_LABEL})\s*:\s*(?P<value>\S.*)$")
# A value that is a figure: "2 913", "3", "1,204".
_FIGURE = re.compile(r"^\d[\d\s,.]*$")
MAX_LENGTH = 200
MAX_VALUE_WORDS = 6


@lru_cache(maxsize=4096)
def metadata_fields(text: str) -> tuple[str, ...] | None:
    """The fields of a metadata line ("Label: value" or a date), or None when the line is not one."""
    if len(text) > MAX_LENGTH:
        return None
    fields = _date_apart(tuple(f.strip() for f in _FIELD_START.split(text) if f.strip()))
    if not all(date_line(f) is not None or _short_field(f) or _BYLINE_FIELD.match(f) for f in fields):
        return None
    if any(_BYLINE_FIELD.match(f) for f in fields) and not any(date_line(f) is not None for f in fields):
        return None  # a byline among fields stands beside the line's date: "… Why X waits By Y" is a headline's
    if len(fields) >= 2:
        return fields
    # One field alone is metadata only when its value is a date or a figure ("Analysis: Why X waits" is a headline).
    value = field_value(fields[0]) if fields else ""
    return fields if value and (date_line(value) is not None or _FIGURE.match(value)) else None


def _date_apart(fields: tuple[str, ...]) -> tuple[str, ...]:
    """The fields with a date the copy ran into the last field's value set apart: "Editor: Wang Lei 2024-05-21 10:33"
    is the editor's field and the line's date (pasted text loses the spaces between them)."""
    if len(fields) < 2 or date_line(fields[-1]) is not None or not (value := field_value(fields[-1])):
        return fields
    words = fields[-1].split()
    for cut in range(len(words) - len(value.split()) + 1, len(words)):
        if date_line(tail := " ".join(words[cut:])) is not None:
            return (*fields[:-1], " ".join(words[:cut]), tail)
    return fields


def field_value(text: str) -> str:
    """A field's value without its label ("Date of issue: 2 August 2024" is "2 August 2024")."""
    match = _LABELLED.match(text)
    return match.group("value").strip() if match is not None else ""


def _short_field(text: str) -> bool:
    value = field_value(text)
    return bool(value) and len(value.split()) <= MAX_VALUE_WORDS and not value.endswith((".", "!", "?"))


# The first or last word of a field's label names what kind of field it is.
_FIELD_NOUNS = set(
    """type name date department advisor adviser supervisor award degree subject subjects language publisher rights
    program programme committee institution identifier pages status category format license licence keywords series
    volume issue collection discipline school faculty level year number isbn issn doi citation""".split()
)
MAX_LABEL_WORDS = 4
MAX_STACKED_VALUE_WORDS = 8
MIN_STACKED_PAIRS = 2


def field_label(text: str) -> bool:
    """A field's label on a line of its own: a few capitalised words, the first or the last naming a kind of field
    ("Date of Award", "Document Type")."""
    words = text.split()
    return (
        1 <= len(words) <= MAX_LABEL_WORDS
        and text[:1].isupper()
        and not re.search(r"[\d:.,;!?]", text)
        and bool({words[0].casefold(), words[-1].casefold()} & _FIELD_NOUNS)
    )


def stacked_fields(texts: list[str]) -> dict[int, str]:
    """The lines of fields copied one line each (see the module docstring): each label's and value's index, with the
    value of the field the line belongs to."""
    pairs = [i for i in range(len(texts) - 1) if field_label(texts[i]) and _stacked_value(texts[i + 1])]
    found: dict[int, str] = {}
    run: list[int] = []
    for i in [*pairs, None]:
        if i is not None and (not run or i == run[-1] + 2):
            run.append(i)
            continue
        if len(run) >= MIN_STACKED_PAIRS:
            for label in run:
                found[label] = found[label + 1] = texts[label + 1]
        run = [i] if i is not None else []
    return found


def _stacked_value(text: str) -> bool:
    return len(text.split()) <= MAX_STACKED_VALUE_WORDS and not text.endswith((".", "!", "?")) and not field_label(text)
