"""A result, an article's meta line and a facet link, rendered by code: lists repeat them twenty to a
few hundred times a page, and an {% include %} per item costs more than the markup itself. Text is
escaped here as the templates escaped it (unless safe, with html.escape, as Django does)."""

from html import escape

from django import template
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.safestring import SafeString, mark_safe

from archive.templatetags.archive_photos import result_thumbnail
from archive.templatetags.archive_site import plain_snippet, summary, thousands

register = template.Library()

PICK_LABEL = '<p class="pick-label">Editors’ pick</p>'
CAPTION_LABEL = '<span class="snippet-label">Photo caption:</span>'
UNDATED = '<span class="date-unknown">date unknown</span>'
ABOUT = '<span class="visually-hidden">about </span>'


def _text(value) -> str:
    """`value` escaped unless it is safe already, as {{ value }} shows it (conditional_escape, faster)."""
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))


def _date(article) -> str:
    if not article.published_at:
        return UNDATED
    day = timezone.localtime(article.published_at)
    # As the date filter's "Y-m-d" and "j F Y" write it.
    return f'<time datetime="{day.year:04d}-{day.month:02d}-{day.day:02d}">{day.day} {MONTHS[day.month]} {day.year:04d}</time>'


def _meta(article) -> str:
    source = article.source
    html = f'<a href="{escape(source.get_absolute_url())}">{_text(source.name)}</a> · ' if source else ""
    html += _date(article)
    tags = article.tags.all()
    if tags:
        links = ", ".join(f'<a href="{escape(tag.get_absolute_url())}">{_text(tag.name)}</a>' for tag in tags)
        html += f' · <span class="visually-hidden">Tags: </span>{links}'
    return html


@register.simple_tag
def article_date(article) -> SafeString:
    """When the article was published, as a <time>, or that it is not known."""
    return mark_safe(_date(article))  # nosec B308 B703  # markup from code, no text in it


@register.simple_tag
def article_meta(article) -> SafeString:
    """Source · date · tags, each a link, as a list item's meta line shows them."""
    return mark_safe(_meta(article))  # nosec B308 B703  # every text in it was escaped


@register.simple_tag
def result_items(rows) -> SafeString:
    """Each result row (archive.views.photos.ResultRow) as result_item writes it: one tag for the list, not
    one a row (resolving a tag's arguments costs as much as writing a row)."""
    return mark_safe("".join(result_item(row.hit, row.photo) for row in rows))  # nosec B308 B703  # each item is safe


@register.simple_tag
def result_item(hit, photo=None) -> SafeString:
    """One search result: an editor's pick label, the thumbnail, title, meta line and snippet."""
    article = hit.article
    url = escape(article.get_absolute_url())
    classes = " ".join(name for name, on in (("promoted", hit.promoted), ("with-photo", photo)) if on)
    html = f'<li class="{classes}">'
    if photo:
        thumbnail = result_thumbnail(photo)  # already safe
        html += f'<a class="result-photo-link" href="{url}" tabindex="-1" aria-hidden="true">{thumbnail}</a>'
    if hit.promoted:
        html += PICK_LABEL
    html += f'<h3><a href="{url}">{_text(article.title)}</a></h3><p class="meta">{_meta(article)}</p>'
    if hit.snippet:
        label = CAPTION_LABEL if hit.snippet_field == "caption" else ""
        html += f'<p class="snippet">{label}{plain_snippet(hit.snippet)}</p>'  # the snippet is safe (search/page.py)
    return mark_safe(html + "</li>\n")  # nosec B308 B703  # every text in it was escaped


@register.simple_tag
def article_item(article) -> SafeString:
    """One article of a list (home, a month, related articles): its first listed photo's thumbnail, title,
    meta line and summary."""
    url = escape(article.get_absolute_url())
    photos = article.listed_photos
    html = "<li>\n  "
    if photos:
        html = '<li class="with-photo">\n  '
        thumbnail = result_thumbnail(photos[0])  # already safe
        html += f'<a class="result-photo-link" href="{url}" tabindex="-1" aria-hidden="true">{thumbnail}</a>'
    html += f'\n  <h3><a href="{url}">{_text(article.title)}</a></h3>\n  <p class="meta">{_meta(article)}</p>\n  '
    text = summary(article)
    if text:
        html += f"<p>{_text(text)}</p>"
    return mark_safe(html + "\n</li>\n")  # nosec B308 B703  # every text in it was escaped


@register.simple_tag
def facet_links(links, estimated=False) -> SafeString:
    """facet_link for each of `links`, in one tag: a results page writes about eighty."""
    return mark_safe("".join(facet_link(link, estimated) for link in links))  # nosec B308 B703  # each link is safe


@register.simple_tag
def facet_link(link, estimated=False) -> SafeString:
    """A facet's link with its count (`estimated`: counted on the sample); an active one removes its filter."""
    plural = "" if link.count == 1 else "s"
    count = (
        f'<span class="count">{ABOUT if estimated else ""}{thousands(link.count)}'
        f'<span class="visually-hidden"> article{plural}</span></span>'
    )
    url, label = _text(link.url), _text(link.label)
    if link.active:
        return mark_safe(  # nosec B308 B703  # every text in it was escaped
            f'<li><a href="{url}" class="active" aria-current="true"><span class="visually-hidden">Remove filter: '
            f'</span>{label} <span aria-hidden="true">×</span></a> {count}</li>\n'
        )
    return mark_safe(f'<li><a href="{url}">{label}</a> {count}</li>\n')  # nosec B308 B703  # every text in it was escaped


@register.simple_tag
def year_chart_figure(chart) -> SafeString:
    """The matches per year as SVG bars (archive.views.charts), each bar a link to its year."""
    width, height, baseline = chart["width"], chart["height"], chart["baseline"]
    html = (
        '<figure class="year-chart" aria-labelledby="year-chart-caption">\n'
        f'  <svg viewBox="0 -4 {width} {height + 4}" preserveAspectRatio="xMidYMid meet" focusable="false">\n'
        f'    <line x1="0" x2="{width}" y1="{baseline}" y2="{baseline}" stroke="#b9b4a9" stroke-width="1"/>\n'
    )
    for bar in chart["bars"]:
        if bar.count:
            what = f"{bar.year}: {bar.count} article{'' if bar.count == 1 else 's'}"
            current = ' class="current" aria-current="true"' if bar.current else ""
            html += (
                f'    <a href="{_text(bar.url)}"{current} aria-label="{what}">\n'
                f"      <title>{what}</title>\n"
                f'      <rect x="{bar.slot_x}" y="0" width="{bar.slot_width}" height="{baseline}" fill="transparent"/>\n'
                f'      <rect class="bar" x="{bar.x}" y="{bar.y}" width="{bar.width}" height="{bar.height}" rx="1"/>\n'
                "    </a>\n"
            )
        if bar.show_label:
            html += (
                f'    <text x="{bar.label_x}" y="{height}" text-anchor="middle" aria-hidden="true">{bar.year}</text>\n'
            )
    html += (
        "  </svg>\n"
        f'  <figcaption id="year-chart-caption">Matching articles per year, {chart["first"]}–{chart["last"]} '
        f"(most in one year: {chart['peak']}). Choose a bar to see that year.</figcaption>\n"
        "</figure>\n"
    )
    return mark_safe(html)  # nosec B308 B703  # numbers, and the links' addresses escaped
