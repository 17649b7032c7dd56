"""The article lists' item (home, a month, related articles) is rendered by code (archive_results.article_item),
byte for byte as the {% include "archive/_article_item.html" %} it replaced wrote it."""

from datetime import UTC, datetime

import pytest
from django.db.models import prefetch_related_objects
from django.template import Context, Template

from archive.templatetags.archive_results import article_item
from archive.views.photos import LISTED_PHOTOS
from tests.factories import make_article, make_source, make_tag
from tests.photo_support import make_photo

pytestmark = pytest.mark.django_db

# The template as it was.
INCLUDED = (
    "{% load archive_site archive_photos archive_results %}{% with photo=article.listed_photos|first %}"
    '<li{% if photo %} class="with-photo"{% endif %}>\n'
    '  {% if photo %}<a class="result-photo-link" href="{{ article.get_absolute_url }}" tabindex="-1" '
    'aria-hidden="true">{% result_thumbnail photo %}</a>{% endif %}\n'
    '  <h3><a href="{{ article.get_absolute_url }}">{{ article.title }}</a></h3>\n'
    '  <p class="meta">{% article_meta article %}</p>\n'
    "  {% with text=article|summary %}{% if text %}<p>{{ text }}</p>{% endif %}{% endwith %}\n"
    "</li>{% endwith %}\n"
)


def test_an_item_is_what_the_include_wrote(media_root):
    from archive import renditions

    source = make_source(name='Daily "NK" & <Co>')
    tags = [make_tag("Trade & <aid>"), make_tag("Hyesan")]
    articles = [
        make_article('Boats <return> to Sinpo & "Nampo"', dek="Fishing 'boats' returned.", source=source, tags=tags),
        make_article("No dek", body="## A subhead\n\nThe first paragraph, with <b>markup</b> & more.", dek=""),
        make_article("Nothing to say", body="", dek="", published_at=None),
        make_article("Dated", published_at=datetime(2024, 5, 3, 12, tzinfo=UTC), body="word " * 80),
    ]
    photo = make_photo(articles[0], caption="Boats at the quay")
    renditions.make_renditions([photo.pk])
    make_photo(articles[1], caption="Not made yet")
    prefetch_related_objects(articles, LISTED_PHOTOS)
    assert articles[0].listed_photos and articles[1].listed_photos and not articles[2].listed_photos
    template = Template(INCLUDED)
    for article in articles:
        assert article_item(article) == template.render(Context({"article": article}))
