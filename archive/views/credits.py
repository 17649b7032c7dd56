"""An article's credits read with the article itself (JSON in its row), not by a query of their own."""

from django.db.models import JSONField
from django.db.models.expressions import RawSQL

from archive.models import Credit
from archive.prefetched import as_prefetched

_COLUMNS = ("id", "role", "name", "position")
# In Credit's ordering (position, id). Written out rather than built from a queryset: compiling a
# subquery cost more Python than the query it saves.
_CREDITS_SQL = """
    SELECT coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'role', c.role, 'name', c.name, 'position', c.position)
                              ORDER BY c.position, c.id), '[]'::jsonb)
    FROM archive_credit c WHERE c.article_id = archive_article.id"""


def with_credits(queryset):
    """`queryset`'s articles, each with its credits' columns (`credit_rows`)."""
    return queryset.annotate(
        credit_rows=RawSQL(_CREDITS_SQL, [], output_field=JSONField())  # nosec B611  # SQL defined in code
    )


def attach_credits(article) -> None:
    """The credits of an article read through with_credits() as `article.credits.all()`, as a prefetch
    gives them."""
    credits = []
    for row in article.credit_rows:
        credit = Credit.from_db(article._state.db, ["article_id", *_COLUMNS], [article.pk, *map(row.get, _COLUMNS)])
        credit.article = article  # as the prefetch of a reverse foreign key leaves it
        credits.append(credit)
    as_prefetched(article, "credits", credits)
