"""The rules every stored link and slug follows, whoever writes it.

Links are rendered as `<a href>` on the site and handed to partners, so only http and https are
allowed (a `javascript:` link would run in the reader's browser). Slugs are parts of page addresses
(`<slug:…>` routes), so they keep to the characters those routes accept. Forms use the validators,
imports turn the problems into a per-record error, and the database checks the same patterns
(constraints on the models) for writes that bypass both, such as bulk copies.
"""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_slug

WEB_URL_SCHEMES = ["http", "https"]
# Its own code: a model field replaces the message of an "invalid" error with its generic "Enter a valid URL."
validate_web_url = URLValidator(
    schemes=WEB_URL_SCHEMES, message="Enter an http:// or https:// address.", code="not_web_url"
)

# The database's version of the same rules (PostgreSQL regular expressions; the URL one is case-insensitive).
WEB_URL_PATTERN = r"^https?://"
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"


def web_url_problem(value: str) -> str | None:
    """Why `value` cannot be stored as a link, or None if it can (an empty value is no link, and fine)."""
    if not value:
        return None
    try:
        validate_web_url(value)
    except ValidationError:
        return f"{value[:60]!r} is not an http:// or https:// address"
    return None


def slug_problem(value: str) -> str | None:
    """Why `value` cannot be a slug, or None if it can (empty: the archive makes one from the title)."""
    if not value:
        return None
    try:
        validate_slug(value)
    except ValidationError:
        return f"{value[:60]!r} may hold only letters, digits, hyphens and underscores"
    return None
