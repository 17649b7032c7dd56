"""A result, an article's meta line and a facet link, rendered by code: lists repeat them twenty to a
few hundred times a page, and an {% include %} per item costs more than the markup itself."""

from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from archive.templatetags.archive_photos import result_thumbnail
from archive.templatetags.archive_site import plain_snippet, thousands

register = template.Library()

DATE_FORMAT = "j F Y"
PICK_LABEL = mark_safe('<p class="pick-label">Editors’ pick</p>')  # nosec B308  # a constant
CAPTION_LABEL = mark_safe('<span class="snippet-label">Photo caption:</span>')  # nosec B308  # a constant
UNDATED = mark_safe('<span class="date-unknown">date unknown</span>')  # nosec B308  # a constant


@register.simple_tag
def article_date(article) -> SafeString:
    """When the article was published, as a <time>, or that it is not known."""
    if not article.published_at:
        return UNDATED
    day = timezone.localtime(article.published_at)
    return format_html('<time datetime="{}">{}</time>', format_date(day, "Y-m-d"), format_date(day, DATE_FORMAT))


@register.simple_tag
def article_meta(article) -> SafeString:
    """Source · date · tags, each a link, as a list item's meta line shows them."""
    source = article.source
    parts = [
        format_html('<a href="{}">{}</a> · ', source.get_absolute_url(), source.name) if source else "",
        article_date(article),
    ]
    tags = article.tags.all()
    if tags:
        links = format_html_join(", ", '<a href="{}">{}</a>', ((tag.get_absolute_url(), tag.name) for tag in tags))
        parts.append(format_html(' · <span class="visually-hidden">Tags: </span>{}', links))
    return mark_safe("".join(parts))  # nosec B308  # every part was escaped by format_html


@register.simple_tag
def result_item(hit, photo=None) -> SafeString:
    """One search result: an editor's pick label, the thumbnail, title, meta line and snippet."""
    article = hit.article
    url = article.get_absolute_url()
    classes = " ".join(name for name, on in (("promoted", hit.promoted), ("with-photo", photo)) if on)
    thumbnail = (
        format_html(
            '<a class="result-photo-link" href="{}" tabindex="-1" aria-hidden="true">{}</a>',
            url,
            result_thumbnail(photo),
        )
        if photo
        else ""
    )
    snippet = ""
    if hit.snippet:
        label = CAPTION_LABEL if hit.snippet_field == "caption" else ""
        snippet = format_html('<p class="snippet">{}{}</p>', label, plain_snippet(hit.snippet))
    return format_html(
        '<li class="{}">{}{}<h3><a href="{}">{}</a></h3><p class="meta">{}</p>{}</li>\n',
        classes,
        thumbnail,
        PICK_LABEL if hit.promoted else "",
        url,
        article.title,
        article_meta(article),
        snippet,
    )


@register.simple_tag
def facet_link(link, estimated=False) -> SafeString:
    """A facet's link with its count (`estimated`: counted on the sample); an active one removes its filter."""
    if link.active:
        return format_html(
            '<li><a href="{}" class="active" aria-current="true"><span class="visually-hidden">Remove filter: </span>'
            '{} <span aria-hidden="true">×</span></a> {}</li>\n',
            link.url,
            link.label,
            _count(link.count, estimated),
        )
    return format_html('<li><a href="{}">{}</a> {}</li>\n', link.url, link.label, _count(link.count, estimated))


def _count(count: int, estimated: bool) -> SafeString:
    return format_html(
        '<span class="count">{}{}<span class="visually-hidden"> article{}</span></span>',
        mark_safe('<span class="visually-hidden">about </span>') if estimated else "",  # nosec B308  # a constant
        thousands(count),
        "" if count == 1 else "s",
    )
