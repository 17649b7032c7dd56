"""A results page's articles (with their source and tags) and photos, read for display: one query each,
its SQL written once per process.

Building a queryset's SQL costs the ORM about as much CPU as running it; every results page reads the
same two shapes of rows, only the ids differ. So the SQL is written once from the models' fields, and
the rows become instances by Model.from_db, as the ORM's own iteration makes them: an article as
`without_search_columns(keep=("tag_ids",)).select_related("source")` reads it, a photo as
`Photo.objects.all()` does.
"""

import functools
from dataclasses import dataclass

from django.db import connection

from archive.search.article_tags import attach_tags


@dataclass(frozen=True)
class RowShape:
    """The columns of one model in a row, from `start`, and what turns them into an instance."""

    model: type
    names: tuple[str, ...]
    start: int
    converters: tuple[tuple[int, list], ...]

    @classmethod
    def of(cls, model, fields, start: int = 0) -> "RowShape":
        columns = [field.get_col(model._meta.db_table) for field in fields]
        converters = tuple(
            (i, found)
            for i, column in enumerate(columns)
            if (found := connection.ops.get_db_converters(column) + column.get_db_converters(connection))
        )
        return cls(model, tuple(field.attname for field in fields), start, converters)

    def instance(self, row):
        values = list(row[self.start : self.start + len(self.names)])
        for i, converters in self.converters:
            for convert in converters:
                values[i] = convert(values[i], None, connection)
        return self.model.from_db(connection.alias, self.names, values)


def _columns(fields) -> str:
    """The fields' columns as the ORM writes them ("table"."column")."""
    quote = connection.ops.quote_name
    return ", ".join(f"{quote(field.model._meta.db_table)}.{quote(field.column)}" for field in fields)


@functools.cache
def _article_query() -> tuple[str, RowShape, RowShape]:
    from archive.models import Article, Source
    from archive.models.content import SEARCH_COLUMNS

    article_fields = [
        f for f in Article._meta.concrete_fields if f.attname not in SEARCH_COLUMNS or f.attname == "tag_ids"
    ]
    source_fields = list(Source._meta.concrete_fields)
    sql = (
        f'SELECT {_columns(article_fields)}, {_columns(source_fields)} FROM "archive_article" '
        'LEFT OUTER JOIN "archive_source" ON ("archive_article"."source_id" = "archive_source"."id") '
        'WHERE "archive_article"."id" = ANY(%s::bigint[])'
    )
    return sql, RowShape.of(Article, article_fields), RowShape.of(Source, source_fields, start=len(article_fields))


def articles(ids: list[int]) -> dict:
    """The articles with these ids by id, for display: without the search columns (but their tag ids),
    with their source and their tags (archive.search.article_tags)."""
    from archive.models import Article

    sql, article, source = _article_query()
    with connection.cursor() as cursor:
        cursor.execute(sql, [ids])
        rows = cursor.fetchall()
    set_source = Article._meta.get_field("source").set_cached_value
    found = {}
    for row in rows:
        instance = article.instance(row)
        set_source(instance, source.instance(row) if row[source.start] is not None else None)
        found[instance.pk] = instance
    attach_tags(found.values())
    return found


@functools.cache
def _photo_query() -> tuple[str, RowShape]:
    from archive.models import Photo

    fields = list(Photo._meta.concrete_fields)
    sql = (
        f'SELECT {_columns(fields)} FROM "archive_photo" '
        """WHERE "archive_photo"."article_id" = ANY(%s::bigint[]) AND "archive_photo"."image" <> '' """
        'ORDER BY "archive_photo"."article_id", "archive_photo"."position", "archive_photo"."id"'
    )
    return sql, RowShape.of(Photo, fields)


def photos_with_images(article_ids: list[int]) -> dict[int, list]:
    """The photos that have an image of each of these articles, in their order (position, then id)."""
    sql, photo = _photo_query()
    with connection.cursor() as cursor:
        cursor.execute(sql, [article_ids])
        rows = cursor.fetchall()
    found: dict[int, list] = {}
    for row in rows:
        instance = photo.instance(row)
        found.setdefault(instance.article_id, []).append(instance)
    return found
