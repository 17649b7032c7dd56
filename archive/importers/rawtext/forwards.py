"""An article forwarded by email: the forwarded message's header (a marker line, "---------- Forwarded message
---------", "-----Original Message-----", "Begin forwarded message:", over its From:/Date:/Subject:/To: lines) stands
between the forwarder's note above it (a greeting, a few lines, a signature) and the article. The article is what
follows the header: a short note of the sender's set off from it by a rule line stands first, and a signature's
delimiter ("--") below it opens the signature and the disclaimer under it. None of these are the article's."""

import re
from dataclasses import dataclass, field

_MARKER = re.compile(
    r"^[-_=>\s]*(?:forwarded message|original message|begin forwarded message:?|forwarded by\b.{0,60})[-_=\s]*$", re.I
)
_HEADER = re.compile(r"^(?:from|sent|date|to|cc|bcc|subject|reply-to)\s*:\s*\S", re.I)
# A header names at least the sender and the subject.
_NEEDED = {"from", "subject"}
# A rule line, and a signature's delimiter (RFC 3676's "-- ").
_RULE = re.compile(r"^(?:[-–—_=~*]\s*){3,}$")
_SIGNATURE = re.compile(r"^--\s*$")
# The sender's note over the article is a few short lines.
MAX_NOTE_LINES = 3
MAX_NOTE_WORDS = 40


@dataclass
class Forwarded:
    lines: list[str]
    dropped: list[str] = field(default_factory=list)


def read(lines: list[str]) -> Forwarded:
    """The article's lines of a forwarded email, and the email's own lines dropped; other texts pass through."""
    header = _header_end(lines)
    if header is None:
        return Forwarded(lines)
    dropped = [line for line in lines[:header] if line.strip()]
    rest = lines[header:]
    note = _note_end(rest)
    dropped += [line for line in rest[:note] if line.strip()]
    rest = rest[note:]
    signature = next((i for i, line in enumerate(rest) if _SIGNATURE.match(line.strip())), None)
    if signature is not None:
        dropped += [line for line in rest[signature:] if line.strip()]
        rest = rest[:signature]
    return Forwarded(rest, dropped)


def _header_end(lines: list[str]) -> int | None:
    """The index after a forwarded message's header: its marker line and its field lines."""
    for i, line in enumerate(lines):
        if not _MARKER.match(line.strip()):
            continue
        names, j = set(), i + 1
        while j < len(lines) and (not lines[j].strip() and not names or _HEADER.match(lines[j].strip())):
            if lines[j].strip():
                names.add(lines[j].split(":", 1)[0].strip().lower())
            j += 1
        if _NEEDED <= names:
            return j
    return None


def _note_end(lines: list[str]) -> int:
    """The index after the sender's note under the header: a few short lines over a rule line; else 0."""
    texts = [(i, line.strip()) for i, line in enumerate(lines) if line.strip()]
    for k, (i, text) in enumerate(texts[: MAX_NOTE_LINES + 1]):
        if _RULE.match(text):
            note = [t for _, t in texts[:k]]
            return i + 1 if note and sum(len(t.split()) for t in note) <= MAX_NOTE_WORDS else 0
    return 0
