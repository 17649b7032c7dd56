"""Statistics the search ranking and "did you mean" read, refreshed from the articles by archive.search.stats."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models


class SearchTerm(models.Model):
    """How many articles contain a stemmed lexeme (BM25's document frequency), estimated from a sample."""

    lexeme = models.TextField(primary_key=True)
    ndoc = models.PositiveIntegerField()
    has_impact_list = models.BooleanField(db_default=False, help_text="Whether SearchImpact lists its best articles.")

    def __str__(self):
        return f"{self.lexeme} ({self.ndoc})"


class SearchWord(models.Model):
    """A word of the archive as written (accents folded, not stemmed): the vocabulary of "did you mean"."""

    word = models.TextField(primary_key=True)
    ndoc = models.PositiveIntegerField()

    class Meta:
        indexes = [GinIndex(OpClass("word", name="gin_trgm_ops"), name="searchword_trgm_idx")]

    def __str__(self):
        return self.word


class SearchStats(models.Model):
    """One row: the archive's size and mean vector length when the statistics were last refreshed."""

    ndocs = models.PositiveIntegerField(default=0)
    avg_length = models.FloatField(default=0)
    sampled = models.PositiveIntegerField(default=0, help_text="Articles read to estimate the frequencies.")
    refreshed_at = models.DateTimeField(null=True)
    pairs_built = models.BooleanField(
        db_default=False,
        help_text="Whether SearchPairs holds every article's pairs of listed lexemes as of refreshed_at.",
    )

    class Meta:
        verbose_name_plural = "search statistics"

    def __str__(self):
        return f"{self.ndocs} articles, refreshed {self.refreshed_at}"


class SearchImpact(models.Model):
    """For a common lexeme, the articles where it weighs most: the candidates a search ranks first.

    Ranking every article with a common word costs too much at a million articles; the best-scoring
    ones for that word (by term weight, length and recency) are kept here by the statistics refresh,
    and articles changed since then are always considered as well.
    """

    lexeme = models.TextField()
    article_id = models.BigIntegerField()
    impact = models.FloatField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["lexeme", "article_id"], name="searchimpact_unique")]

    def __str__(self):
        return f"{self.lexeme} → {self.article_id}"


class SearchPairs(models.Model):
    """For one article, a hash of each pair of common lexemes (those with a SearchImpact list) that stand
    next to each other in it.

    A quoted phrase of two common words that seldom stand together ("a of": 3 300 articles among the
    60 000 at a million with both words) is otherwise found by reading every article with both words:
    the text index keeps no positions. With the pair's hash the index names those few articles (the
    "common grams" of other search engines). A hash may collide; the phrase is still tested on each
    article found, so a collision costs a check, never a wrong result.
    """

    article_id = models.BigIntegerField(primary_key=True)
    hashes = ArrayField(models.IntegerField())

    class Meta:
        verbose_name_plural = "search pairs"
        indexes = [GinIndex(fields=["hashes"], name="searchpairs_hashes_idx")]

    def __str__(self):
        return f"pairs of article {self.article_id}"


class ArchiveChange(models.Model):
    """The archive's generation, kept by database triggers (migration 0023): each transaction that writes
    to a table a public search result is made of (articles, tags, aliases, synonyms, promotions, photos,
    credits, sources, the search statistics) adds to its own row's `weight`, once per statement.

    The sum of the weights a reader sees changes exactly when the data it can see does: a writer's row
    becomes visible with its writes, at commit. archive.search.cache folds committed rows into the row
    of txid 0, which keeps the sum.

    `vocabulary_weight` counts the writes to tags, aliases, synonym groups and promotions alone (migration
    0027): the vocabulary's generation, which imports of articles leave as it is.
    """

    txid = models.BigIntegerField(primary_key=True)
    weight = models.BigIntegerField(db_default=1)
    vocabulary_weight = models.BigIntegerField(db_default=0)

    def __str__(self):
        return f"{self.txid}: {self.weight}"
