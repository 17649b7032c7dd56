"""Near-duplicates: articles with the same text (content hash) or a nearly identical title (trigrams).

Editors see the flags on the article's page and in the import preview; they decide what to do.
"""

from dataclasses import dataclass

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.db.models.signals import post_save
from django.dispatch import receiver

from archive.models import Article, DuplicateFlag

# Titles at least this similar (pg_trgm, 0..1) are flagged; 0.6 catches re-edited headlines of one
# story without joining different stories about the same place.
TITLE_SIMILARITY = 0.6
MAX_MATCHES = 5
# Titles close enough that are read to find the closest: a series' parts ("Dispatch 1", "Dispatch 2", …)
# are all alike, and ranking every one of them would make each new part slower than the last.
TITLE_CANDIDATES = 100


@dataclass(frozen=True)
class Match:
    article: Article
    reason: str
    similarity: float


def content_hash(title: str, body: str) -> str:
    """The hash the database stores for this title and body (its lower() is the one that counts)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT md5(lower(%s) || E'\\n' || %s)", [title, body])
        return cursor.fetchone()[0]


def find_duplicates(title: str, body: str = "", *, exclude_pk=None) -> list[Match]:
    """Articles with the same text, then those whose title is nearly the same, best first."""
    others = Article.objects.exclude(pk=exclude_pk) if exclude_pk else Article.objects.all()
    others = others.only("id", "title", "slug", "status")
    matches = [
        Match(article, DuplicateFlag.Reason.SAME_TEXT, 1.0)
        for article in others.filter(content_hash=content_hash(title, body))[:MAX_MATCHES]
    ]
    seen = {m.article.pk for m in matches}
    lowered = title.lower().strip()
    if lowered:
        # `%` on lower(title) uses the trigram index; the similarity then narrows to close matches, of
        # which the first TITLE_CANDIDATES the index yields are ranked.
        candidates = (
            others.annotate(title_lower=Lower("title"))
            .filter(title_lower__trigram_similar=lowered)
            .annotate(similarity=TrigramSimilarity(Lower("title"), lowered))
            .filter(similarity__gte=TITLE_SIMILARITY)
            .exclude(pk__in=seen)[:TITLE_CANDIDATES]
        )
        similar = sorted(candidates, key=lambda a: (-a.similarity, a.id))[:MAX_MATCHES]
        matches += [Match(a, DuplicateFlag.Reason.SIMILAR_TITLE, round(a.similarity, 3)) for a in similar]
    return matches[:MAX_MATCHES]


@transaction.atomic
def flag_duplicates(article: Article) -> list[DuplicateFlag]:
    """Replace `article`'s flags with its current matches; returns the new flags."""
    DuplicateFlag.objects.filter(article=article).delete()
    flags = [
        DuplicateFlag(article=article, other=m.article, reason=m.reason, similarity=m.similarity)
        for m in find_duplicates(article.title, article.body, exclude_pk=article.pk)
    ]
    return DuplicateFlag.objects.bulk_create(flags, ignore_conflicts=True)


def flags_for(article: Article):
    """Flags naming this article on either side, with the other article loaded."""
    return DuplicateFlag.objects.filter(Q(article=article) | Q(other=article)).select_related("article", "other")


def flag_same_text(article_ids) -> int:
    """Flag, in one statement, the given articles whose text is identical to another's (for bulk imports)."""
    table, articles = DuplicateFlag._meta.db_table, Article._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {table} (article_id, other_id, reason, similarity, created_at)
            SELECT a.id, b.id, %s, 1.0, now()
            FROM unnest(%s::bigint[]) AS new(id) JOIN {articles} a ON a.id = new.id
            -- Per new article, its hash looked up in the index: inside a long import the table has no
            -- statistics yet, and a join planned without them scans the whole table for every batch.
            CROSS JOIN LATERAL (SELECT b.id FROM {articles} b WHERE b.content_hash = a.content_hash AND b.id <> a.id) b
            ON CONFLICT DO NOTHING
            """,  # nosec B608  # table names come from the models; values are parameters
            [DuplicateFlag.Reason.SAME_TEXT, list(article_ids)],
        )
        return cursor.rowcount


@receiver(post_save, sender=Article, dispatch_uid="archive.duplicates.flag_new_article")
def _flag_new_article(sender, instance, created, raw=False, **kwargs):
    # A new article (the admin, a text import) is compared as it arrives; edits are checked by the admin.
    if created and not raw:
        flag_duplicates(instance)
