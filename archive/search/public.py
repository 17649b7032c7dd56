"""What the public may see, as SQL for the search statistics: the same rule as ArticleQuerySet.published().

Everything search learns from the archive's text (the vocabulary behind "did you mean", document
frequencies) comes from public articles only, or a draft's or an embargoed article's words would be
observable from outside before publication.
"""

from archive.textsearch import SEARCH_CONFIG, SIMPLE_CONFIG


def public_sql(alias: str = "archive_article") -> str:
    """A condition true for the public rows of archive_article named `alias` (published, embargo past).

    statement_timestamp(), as Django's Now(): inside a long transaction now() would stay at its start.
    """
    return f"({alias}.status = 'published' AND ({alias}.publish_at IS NULL OR {alias}.publish_at <= statement_timestamp()))"


def public_word_sql(word: str) -> str:
    """A condition true when a public article holds the word `word` (an SQL expression), stemmed or as
    written (titles and tags keep their words as written, Korean text is not stemmed), found through
    the text index."""
    query = f"(plainto_tsquery('{SEARCH_CONFIG}', {word}) || to_tsquery('{SIMPLE_CONFIG}', quote_literal({word})))"
    return f"EXISTS (SELECT 1 FROM archive_article pw WHERE pw.search_vector @@ {query} AND {public_sql('pw')})"
