"""Articles as IPTC ninjs 2.0 (News in JSON), the news industry's JSON format, for partners who ask for it.

A partner asks with `Accept: application/vnd.iptc.ninjs+json` or `?format=ninjs` on the article
endpoints. Each article becomes one ninjs item: headlines, body, byline, subjects, places, people and
organisations from its tags, the source as an infosource, and each photo as an association of type
picture with its caption, credit and renditions (the original first). Errors stay plain JSON.
"""

from rest_framework.renderers import JSONRenderer

from archive.api.serializers import absolute_media_url
from archive.models import Credit, Tag
from archive.photos import CONTENT_TYPES
from archive.renditions import renditions_of

MEDIA_TYPE = "application/vnd.iptc.ninjs+json"
FORMAT = "ninjs"
STANDARD = {"name": "ninjs", "version": "2.0", "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json"}
# Where each kind of tag goes in a ninjs item.
TAG_PROPERTIES = {
    Tag.Kind.PLACE: "places",
    Tag.Kind.PERSON: "people",
    Tag.Kind.ORGANIZATION: "organisations",
    Tag.Kind.TOPIC: "subjects",
}


class NinjsRenderer(JSONRenderer):
    media_type = MEDIA_TYPE
    format = FORMAT


def article_item(article, request) -> dict:
    """One published article as a ninjs 2.0 item."""
    url = request.build_absolute_uri(article.get_absolute_url())
    item = {
        "standard": STANDARD,
        "uri": url,
        "type": "text",
        "representationtype": "full",
        "profile": "text-photo" if any(p.image for p in article.photos.all()) else "text-only",
        "version": str(article.version),
        "firstcreated": _iso(article.created_at),
        "versioncreated": _iso(article.updated_at),
        "pubstatus": "usable",
        "language": article.language or "en",
        "headlines": [{"role": "main", "value": article.title}],
        "bodies": [{"role": "main", "contenttype": "text/plain", "value": article.body}],
        "altids": [{"role": "slug", "value": article.slug}],
    }
    if article.published_at:
        item["contentcreated"] = _iso(article.published_at)
    if article.dek:
        item["headlines"].append({"role": "sub", "value": article.dek})
        item["descriptions"] = [{"role": "summary", "value": article.dek}]
    if article.external_id:
        item["altids"].append({"role": "external_id", "value": article.external_id})
    byline = _byline(article.credits.all())
    if byline:
        item["by"] = byline
    if article.source:
        source = {"name": article.source.name, "uri": request.build_absolute_uri(article.source.get_absolute_url())}
        item["infosources"] = [source]
        item["copyrightholder"] = article.source.name
    for tag in article.tags.all():
        entry = {"name": tag.name, "uri": request.build_absolute_uri(tag.get_absolute_url()), "literal": tag.slug}
        item.setdefault(TAG_PROPERTIES.get(tag.kind, "subjects"), []).append(entry)
    associations = [_photo_association(n, photo, url, request) for n, photo in enumerate(article.photos.all(), 1)]
    if associations:
        item["associations"] = associations
    return item


def _photo_association(number: int, photo, article_url: str, request) -> dict:
    association = {
        "name": f"photo{number}",
        "uri": f"{article_url}#photo-{photo.pk}",
        "type": "picture",
    }
    descriptions = []
    if photo.caption:
        descriptions.append({"role": "caption", "value": photo.caption})
    if photo.alt:
        descriptions.append({"role": "alt", "value": photo.alt})
    if descriptions:
        association["descriptions"] = descriptions
    if photo.credit:
        association["by"] = photo.credit
    if photo.image:
        extension = photo.image.name.rsplit(".", 1)[-1].lower()
        renditions = [
            _rendition("original", photo.image.url, photo.width, photo.height, CONTENT_TYPES.get(extension), request)
        ]
        renditions += [
            _rendition(r.name, r.url, r.width, r.height, "image/jpeg", request) for r in renditions_of(photo)
        ]
        association["renditions"] = renditions
    return association


def _rendition(name: str, url: str, width, height, content_type, request) -> dict:
    rendition = {"name": name, "href": absolute_media_url(request, url)}
    if content_type:
        rendition["contenttype"] = content_type
    if width and height:
        rendition["width"], rendition["height"] = width, height
    return rendition


def _byline(credits) -> str:
    authors = [c.name for c in credits if c.role == Credit.Role.AUTHOR]
    if not authors:
        return ""
    names = authors[0] if len(authors) == 1 else ", ".join(authors[:-1]) + " and " + authors[-1]
    return f"By {names}"


def _iso(moment) -> str:
    return moment.isoformat().replace("+00:00", "Z")
