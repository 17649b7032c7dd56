"""Template filters for the public site: article bodies, credit lines, snippets and counts."""

import re
from dataclasses import dataclass

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

SUBHEAD_PREFIX = "## "
_SUBHEAD_MARKER = re.compile(r"(^|\s)##\s+")


@dataclass(frozen=True)
class Block:
    kind: str  # "p" or "h2"
    text: str


def body_blocks(body: str) -> list[Block]:
    """Paragraphs and subheads of an article body.

    Paragraphs are separated by blank lines; a line starting "## " is a subhead wherever it stands. Lines
    of one paragraph are joined, as a single line break inside a paragraph is only a wrap in the source.
    """
    blocks: list[Block] = []
    for chunk in (body or "").replace("\r\n", "\n").split("\n\n"):
        lines: list[str] = []
        for line in chunk.split("\n"):
            line = line.strip()
            if line.startswith(SUBHEAD_PREFIX):
                if lines:
                    blocks.append(Block("p", " ".join(lines)))
                    lines = []
                blocks.append(Block("h2", line[len(SUBHEAD_PREFIX) :].strip()))
            elif line:
                lines.append(line)
        if lines:
            blocks.append(Block("p", " ".join(lines)))
    return blocks


register.filter("body_blocks", body_blocks)


@register.filter
def credits_by_role(credits) -> list[tuple[str, list[str]]]:
    """[("By", ["A", "B"]), ("Translated by", [...]), …] in the order the roles first appear."""
    labels = {"author": "By", "translator": "Translated by", "editor": "Edited by", "photographer": "Photos by"}
    grouped: dict[str, list[str]] = {}
    for credit in credits:
        grouped.setdefault(credit.role, []).append(credit.name)
    return [(labels.get(role, role.title()), names) for role, names in grouped.items()]


@register.filter
def summary(article, length: int = 240) -> str:
    """The dek, or else the opening of the first paragraph, for listings and meta descriptions."""
    text = article.dek.strip()
    if not text:
        text = next((block.text for block in body_blocks(article.body) if block.kind == "p"), "")
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0].rstrip(",;:—-") + "…"


@register.filter
def thousands(value) -> str:
    """12345 -> "12,345"."""
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return str(value)


@register.filter
def approximately(value) -> str:
    """A large estimated count to two significant figures: 12345 -> "12,000"."""
    try:
        n = int(value)
    except (TypeError, ValueError):
        return str(value)
    if n < 100:
        return str(n)
    digits = len(str(n)) - 2
    return f"{round(n, -digits):,}"


@register.filter
def plain_snippet(snippet):
    """A highlighted snippet without the body's subhead markers ("## "), still safe.

    Removing '#' characters from already escaped HTML cannot create markup, so the result stays safe.
    """
    return mark_safe(_SUBHEAD_MARKER.sub(r"\1", str(snippet)))  # nosec B308 B703  # the snippet was already safe; removing '#' adds no markup
