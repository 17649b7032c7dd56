"""Which photo a result shows: the one whose caption the snippet came from, else the article's first."""

import html
import re
from dataclasses import dataclass

from django.db.models import Prefetch

from archive.models import Photo
from archive.search import display

_TAG = re.compile(r"<[^>]+>")
_MARKED = re.compile(r"<mark>(.*?)</mark>", re.S)
_SPACES = re.compile(r"\s+")
# The search core joins an article's captions with this, and its headline joins fragments with " … ".
CAPTION_JOINER = " ; "
FRAGMENT_JOINER = " … "


# For lists of articles (home, a month, related): each article's photos with an image, as
# `article.listed_photos`; the list item (archive_results.article_item) shows the first one's thumbnail.
LISTED_PHOTOS = Prefetch(
    "photos", queryset=Photo.objects.exclude(image="").order_by("position", "id"), to_attr="listed_photos"
)


def with_listed_photos(articles) -> None:
    """`listed_photos` as LISTED_PHOTOS reads it, from photos already prefetched (in their default order)."""
    for article in articles:
        article.listed_photos = [photo for photo in article.photos.all() if photo.image]


@dataclass(frozen=True)
class ResultRow:
    hit: object
    photo: Photo | None


def result_rows(hits) -> list[ResultRow]:
    """Each hit with the photo to show beside it (one query for the page)."""
    photos = display.photos_with_images([hit.article.pk for hit in hits]) if hits else {}
    return [ResultRow(hit, _photo_for(hit, photos.get(hit.article.pk, []))) for hit in hits]


def _photo_for(hit, photos: list[Photo]) -> Photo | None:
    if not photos:
        return None
    if hit.snippet_field == "caption":
        return caption_source(str(hit.snippet), photos) or photos[0]
    return photos[0]


def caption_source(snippet: str, photos: list[Photo]) -> Photo | None:
    """The photo whose caption holds the snippet's first highlighted passage (None if none does)."""
    for fragment in snippet.split(FRAGMENT_JOINER):
        if "<mark>" not in fragment:
            continue
        for piece in fragment.split(CAPTION_JOINER):
            if "<mark>" not in piece:
                continue
            text = _normal(_TAG.sub("", piece)).strip(" .…")
            for photo in photos:
                if text and text in _normal(photo.caption):
                    return photo
            # A passage cut mid-word at its ends: fall back to the highlighted words themselves.
            words = [_normal(_TAG.sub("", w)) for w in _MARKED.findall(piece)]
            for photo in photos:
                caption = _normal(photo.caption)
                if words and all(word in caption for word in words):
                    return photo
    return None


def _normal(text: str) -> str:
    return _SPACES.sub(" ", html.unescape(text)).casefold()
