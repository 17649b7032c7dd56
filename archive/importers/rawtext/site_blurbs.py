"""The site's description of itself ("X is a listener-supported nonprofit newsroom.", "X is an independent record of
…"): a line of the page's foot whose subject is the site the page names at its top or in its copyright line. It is no
story text, as an author's bio is none, however it reads.
"""

import re

# The site's name: the page's first line (a masthead of a few words, no sentence) or a copyright line's holder.
MAX_MASTHEAD_WORDS = 5
_COPYRIGHT_HOLDER = re.compile(
    r"(?:©|ⓒ|\((?i:c)\)|(?i:copyright))\s*(?:©\s*)?(?:\d{4}(?:[-–]\d{4})?\s+)?"
    r"(?P<name>[A-Z][\w'’&.-]*(?: [A-Z][\w'’&.-]*){0,5})"
)
# Where a holder's name ends: a sentence's full stop ("X. All rights reserved."), a separator.
_NAME_END = re.compile(r"\.\s|\s[·|•–—-]\s")
# The site as the subject of a sentence in the present: "X is …", "X are …".
_DESCRIBED = re.compile(r"^(?P<name>\S.{1,60}?) (?:is|are)\s")
MAX_BLURB = 400


def site_names(texts: list[str]) -> frozenset[str]:
    """The names the page gives its site: its first line when it is a short masthead, and its copyright holders."""
    names = set()
    if texts and len(texts[0].split()) <= MAX_MASTHEAD_WORDS and not re.search(r"[.!?:]$", texts[0]):
        names.add(texts[0].strip())
    for text in texts:
        names.update(_NAME_END.split(m.group("name"))[0].rstrip(".") for m in _COPYRIGHT_HOLDER.finditer(text))
    return frozenset(names)


def is_site_blurb(text: str, names: frozenset[str]) -> bool:
    """Whether the line describes the site itself (see the module docstring)."""
    match = _DESCRIBED.match(text)
    return match is not None and match.group("name") in names and len(text) <= MAX_BLURB
