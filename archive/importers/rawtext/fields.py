"""Metadata lines: a header line of "Label: value" fields, with or without a date before them.

"Date of issue: 2 August 2024", "04.09.2024 14:20 Views: 2 913 Comments: 3",
"2025-03-17 09:42:15 Source: Bohai Morning Post Editor: Zhang Yuqing". Pasted text loses the spaces that set
such fields apart, so a field starts where a capitalised label and its colon stand. A metadata line is never a
headline; its fields are read one by one (a date, a credit, an outlet).
"""

import re
from functools import lru_cache

from archive.importers.rawtext.dates import date_line

# A field's label: a capitalised word, then up to two lower-case ones ("Date of issue", "Reporting period").
_LABEL = r"[A-Z][a-z]+(?:\s+[a-z]+){0,2}"
_FIELD_START = re.compile(rf"(?<=\S)\s+(?={_LABEL}\s*:\s)")
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
    fields = tuple(f.strip() for f in _FIELD_START.split(text) if f.strip())
    if not all(date_line(f) is not None or _short_field(f) for f in fields):
        return None
    if len(fields) >= 2:
        return fields
    # One field alone is metadata only when its value is a date or a figure ("Analysis: Why X waits" is a headline).
    value = field_value(fields[0]) if fields else ""
    return fields if value and (date_line(value) is not None or _FIGURE.match(value)) else None


def field_value(text: str) -> str:
    """A field's value without its label ("Date of issue: 2 August 2024" is "2 August 2024")."""
    match = _LABELLED.match(text)
    return match.group("value").strip() if match is not None else ""


def _short_field(text: str) -> bool:
    value = field_value(text)
    return bool(value) and len(value.split()) <= MAX_VALUE_WORDS and not value.endswith((".", "!", "?"))
