"""A saved page of a story behind a paywall, saved by a reader who could read it all: the part under the paywall's box
is marked as the paid part ("paid-content", "premium-content"), which the extraction takes for a sponsor's box and
drops. On a page that has a paywall's box, that part is the story's own."""

import re

# A paywall's box or gate, by its class or id: "paywall", "pay-wall", "meter-wall", "regwall".
_PAYWALL = re.compile(r"""(?:class|id)\s*=\s*["'][^"']*\b(?:pay-?wall|meter(?:ed)?-?wall|reg-?wall)""", re.I)
# The paid part's class: "paid-content", "paidcontent", "premium-content", "content--paid".
_PAID_PART = re.compile(r"""(?<=class=["'])([^"']*?)\b(?:paid-?content|premium-?content|content--paid)\b""", re.I)


def with_paid_part(page: str) -> str:
    """The page with its paid part's class renamed, so the extraction keeps it, when the page has a paywall's box."""
    if not _PAYWALL.search(page):
        return page
    return _PAID_PART.sub(r"\1story-continued", page)
