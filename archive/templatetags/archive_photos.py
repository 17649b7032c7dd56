"""Photos on the public site: the article page's responsive image and the results' thumbnail."""

from django import template
from django.utils.html import format_html

from archive import renditions

register = template.Library()

FALLBACK_WIDTH = 960


@register.simple_tag
def article_image(photo):
    """The photo at reading size: a srcset of its renditions once made, the original until then."""
    widths = renditions.width_renditions(photo)
    if widths:
        # For browsers without srcset: the largest rendition a column of text is likely to need.
        fallback = max((r for r in widths if r.width <= FALLBACK_WIDTH), key=lambda r: r.width, default=widths[0])
        return format_html(
            '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" loading="lazy" decoding="async">',
            fallback.url,
            ", ".join(f"{r.url} {r.width}w" for r in widths),
            renditions.ARTICLE_SIZES,
            photo.width,
            photo.height,
            photo.alt,
        )
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}" loading="lazy" decoding="async">',
        photo.image.url,
        photo.width or "",
        photo.height or "",
        photo.alt,
    )


@register.simple_tag
def result_thumbnail(photo):
    """A small picture beside a result: the thumbnail rendition, or the original scaled down until it exists."""
    thumbnail = renditions.thumbnail_of(photo)
    width, height = renditions.THUMBNAIL_SIZE
    url = thumbnail.url if thumbnail else photo.image.url
    return format_html(
        '<img class="result-photo" src="{}" width="{}" height="{}" alt="{}" loading="lazy" decoding="async">',
        url,
        width,
        height,
        photo.alt,
    )
