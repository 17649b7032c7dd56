"""The public site: only published, non-embargoed articles appear here."""

from archive.views.browse import archive_index, archive_month, archive_year
from archive.views.pages import (
    article_detail,
    home,
    place_index,
    source_detail,
    source_index,
    tag_detail,
    tag_index,
)
from archive.views.search import search, suggest
from archive.views.site import robots_txt

__all__ = [
    "archive_index",
    "archive_month",
    "archive_year",
    "article_detail",
    "home",
    "place_index",
    "robots_txt",
    "search",
    "source_detail",
    "source_index",
    "suggest",
    "tag_detail",
    "tag_index",
]
