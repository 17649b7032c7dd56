"""An article's credits read with the article itself (an array in its row), not by a query of their own."""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef
from django.db.models.functions import JSONObject

from archive.models import Credit
from archive.prefetched import as_prefetched

_COLUMNS = ("id", "role", "name", "position")


def with_credits(queryset):
    """`queryset`'s articles, each with its credits' columns in their model's order (`credit_rows`)."""
    rows = (
        Credit.objects.filter(article=OuterRef("pk"))
        .order_by(*Credit._meta.ordering)
        .values(row=JSONObject(**{column: column for column in _COLUMNS}))
    )
    return queryset.annotate(credit_rows=ArraySubquery(rows))


def attach_credits(article) -> None:
    """The credits of an article read through with_credits() as `article.credits.all()`, as a prefetch
    gives them."""
    credits = []
    for row in article.credit_rows:
        credit = Credit.from_db(article._state.db, ["article_id", *_COLUMNS], [article.pk, *map(row.get, _COLUMNS)])
        credit.article = article  # as the prefetch of a reverse foreign key leaves it
        credits.append(credit)
    as_prefetched(article, "credits", credits)
