"""A site's account gate: a line asking the reader to log in, register or become a member or subscriber (to read
on, to comment, to save), or saying what only members may do. It speaks to the reader about the site, never about
the story's subject, so it is furniture wherever it stands: in the masthead's bar ("Become a member"), in the story
or under it ("Comments are for members only. Log in or become a member to join the conversation.")."""

import re

# What a site asks a reader to do with an account.
_ACTION = (
    r"(?:log ?in|sign ?in|sign up|register|subscribe|create an? (?:free )?account|"
    r"(?:become|join as) an? (?:(?:paying|paid|digital|premium) )?(?:member|subscriber|supporter|patron))"
)
# The request standing alone, perhaps with when or how: "Become a member", "Sign in now", "Register for free".
_REQUEST = re.compile(rf"^{_ACTION}(?: (?:now|today|here|for free|free))?[.!]?$", re.I)
# What the site gives for it: reading on, commenting, saving ("… to join the conversation", "… for full access").
_FOR_WHAT = (
    r"(?:to (?:read|continue|keep reading|comment|reply|join|save|access|unlock|listen|watch|follow|get|receive|view|"
    r"download|enjoy)|for (?:free|unlimited|full access|access|our|a free))\b"
)
# A sentence opening with the request and saying what for, or offering another request ("Log in or become a member to
# join the conversation.", "Subscribe to read the full story."); "Register to vote …" is a story's sentence.
_REQUEST_SENTENCE = re.compile(
    rf"^{_ACTION}(?: (?:now|today|here|for free|free))?,?(?: or {_ACTION})? {_FOR_WHAT}", re.I
)
# What only account holders may do: "Comments are for members only.", "This story is available to subscribers."
_MEMBERS_ONLY = re.compile(
    r"\b(?:is|are) (?:only )?(?:for|open to|available to|reserved for) (?:paying |paid |registered )?"
    r"(?:members|subscribers|supporters|registered users|account holders)(?: only)?\.?$",
    re.I,
)
# A gate is a short notice: a sentence or three.
MAX_GATE_CHARS = 300
MAX_GATE_SENTENCES = 3
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def is_account_gate(text: str) -> bool:
    """Whether the line is a site's account gate: every sentence of it a request to log in, register or join, or a
    notice of what only members may do."""
    text = text.strip()
    if _REQUEST.match(text):
        return True
    if not text or len(text) > MAX_GATE_CHARS:
        return False
    sentences = _SENTENCE.split(text)
    if len(sentences) > MAX_GATE_SENTENCES:
        return False
    return all(_REQUEST_SENTENCE.match(s) or _MEMBERS_ONLY.search(s) for s in sentences)
