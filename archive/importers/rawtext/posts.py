"""A thread of social posts collected into an article: the poster's name beside a handle ("Jane Doe (@jdoe)") is its
author, wherever it stands above the story; a post's counter ("3/12", "Thread 🧵 1/12") is furniture, never a headline;
a line of engagement counts ("💬 38 🔁 412 ❤️ 1.9K") is furniture, and in a thread the last one stands under the last
post, so the story ends there (what follows is the page's: its prompts and notes)."""

import re
import unicodedata

from archive.importers.rawtext.names import is_person_name

HANDLE = r"@[A-Za-z0-9_][A-Za-z0-9_.]{1,29}"
# "Jane Doe (@jdoe)", "Jane Doe @jdoe", "Jane Doe · @jdoe".
_NAME_AND_HANDLE = re.compile(rf"^(?P<name>[^@()|·•]{{3,60}}?)\s*(?:\(\s*{HANDLE}\s*\)|[·•|]?\s*{HANDLE})$")
# A post's counter closing a line of at most two other words or symbols: "2/12", "(3/7)", "Thread 🧵 1/12".
_COUNTER = re.compile(r"^(?P<label>(?:\S+\s+){0,2})\(?(?P<n>\d{1,3})\s*/\s*(?P<of>\d{1,3})\)?$")
# An engagement count: a number, perhaps in thousands ("1.9K", "12,408").
_COUNT = re.compile(r"^\d[\d,.]*[KkMm]?$")
MIN_COUNTS = 2


def handle_name(text: str) -> str | None:
    """The person a name beside its social handle names, or None."""
    match = _NAME_AND_HANDLE.match(text.strip())
    if match is None:
        return None
    name = match.group("name").strip(" ,-–—")
    return name if is_person_name(name) else None


def is_post_counter(text: str) -> bool:
    """A post's place in its thread ("3/12"): the first number no greater than the second, no words of a sentence."""
    match = _COUNTER.match(text.strip())
    if match is None or not 0 < int(match.group("n")) <= int(match.group("of")):
        return False
    return not any(word[:1].isalpha() and word.islower() for word in match.group("label").split())


def is_engagement_counts(text: str) -> bool:
    """A line of counts, each beside its symbol ("💬 38 🔁 412 ❤️ 1.9K", "♥ 12 · ↻ 4"): no letters but a count's K or M."""
    tokens = text.split()
    counts = [t for t in tokens if _COUNT.match(t)]
    others = [t for t in tokens if not _COUNT.match(t)]
    # Each count has its symbol ("♥", "💬"); separators ("·", "/") may stand between them: "3 / 12" is a counter.
    symbols = [t for t in others if any(unicodedata.category(c).startswith("S") for c in t)]
    if len(counts) < MIN_COUNTS or len(symbols) < len(counts):
        return False
    return all(not any(c.isalnum() for c in t) for t in others)
