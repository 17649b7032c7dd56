"""A contact box under a wire story: a label naming whom to contact and their role ("To contact the reporter on this
story:", "To reach the editors responsible:", "Contact the author:") over the people, one a line, each perhaps with
where they work and an address ("X in Beijing at x@example.com"). They are the story's credits in that role."""

import re

from archive.importers.rawtext.credits import EMAIL
from archive.importers.rawtext.names import is_person_name
from archive.importers.record import CreditRecord

_LABEL = re.compile(
    r"^(?:to\s+)?(?:contact|reach|write to|e-?mail)\s+(?:the\s+)?(?P<role>reporters?|authors?|writers?|correspondents?|"
    r"editors?)\b[^:]{0,60}:$",
    re.I,
)
_ROLES = {"reporter": "author", "author": "author", "writer": "author", "correspondent": "author", "editor": "editor"}
# "X in Beijing at", "X at", "X:": where the person works and the address's lead-in are no part of the name.
_AFTER_NAME = re.compile(r"\s+in\s+[A-Z][\w' -]{1,40}$|\s+(?:at|on)$|[,:]$")
MAX_PEOPLE = 6


def contact_boxes(texts: list[str]) -> dict[int, tuple[CreditRecord, ...]]:
    """The contact boxes' lines (see the module docstring) by index: a person's line gives a credit, the label none."""
    found: dict[int, tuple[CreditRecord, ...]] = {}
    for i, text in enumerate(texts):
        if (label := _LABEL.match(text.strip())) is None:
            continue
        role = _ROLES[label.group("role").lower().rstrip("s")]
        people = {}
        for j in range(i + 1, min(i + 1 + MAX_PEOPLE, len(texts))):
            name = _person(texts[j])
            if name is None:
                break
            people[j] = (CreditRecord(role, name),)
        if people:
            found[i] = ()
            found.update(people)
    return found


def _person(text: str) -> str | None:
    name = EMAIL.sub("", text.strip()).strip()
    for _ in range(2):
        name = _AFTER_NAME.sub("", name).strip()
    return name if name and is_person_name(name) else None
