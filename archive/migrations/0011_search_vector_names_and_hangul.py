"""Search vector: title and tag words also as written (names), and Hangul syllable pairs (Korean compounds).

See archive.textsearch. The generated column's expression is changed in place (ALTER COLUMN ... SET
EXPRESSION): PostgreSQL rewrites the table once, computing every vector in SQL, and rebuilds its indexes,
the GIN index on the vector included, once after. Django itself would drop and re-add the column.
Refresh the search statistics afterwards (`manage.py refresh_search_stats --full`): vector lengths and
candidate lists changed.
"""

import django.contrib.postgres.search
from django.db import migrations, models

import archive.textsearch

# Frozen copies of the SQL in archive/textsearch.py at the time of this migration.
ADD_FUNCTIONS_SQL = r"""
CREATE OR REPLACE FUNCTION archive_add_exact_words(stemmed tsvector, exact tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN (stemmed::text || ' ' || ts_delete(exact, tsvector_to_array(stemmed))::text)::tsvector;

CREATE OR REPLACE FUNCTION archive_add_hangul_bigrams(doc tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN (doc::text || ' ' || coalesce((
    SELECT string_agg(format('%s:%s%s', quote_literal(substr(run.m[1], i, 2)), p.pos, p.weight), ' ')
    FROM unnest(doc) AS w(lexeme, positions, weights)
    CROSS JOIN LATERAL unnest(w.positions, w.weights) AS p(pos, weight)
    CROSS JOIN LATERAL regexp_matches(w.lexeme, '[\uAC00-\uD7A3]{2,}', 'g') AS run(m)
    CROSS JOIN LATERAL generate_series(1, char_length(run.m[1]) - 1) AS i
), ''))::tsvector;
"""

DROP_FUNCTIONS_SQL = """
DROP FUNCTION IF EXISTS archive_add_exact_words(tsvector, tsvector);
DROP FUNCTION IF EXISTS archive_add_hangul_bigrams(tsvector);
"""


def set_vector_expression(apps, schema_editor):
    """Give the column the search_vector expression of the migration state `apps` (one table rewrite).

    PostgreSQL before 17 cannot change a generated column's expression: there the column is dropped
    and added again (with its storage, in the same statement, so the rewrite stores vectors in the row)
    and its GIN index rebuilt.
    """
    field = apps.get_model("archive", "Article")._meta.get_field("search_vector")
    expression, params = field.generated_sql(schema_editor.connection)
    if schema_editor.connection.pg_version >= 170000:
        schema_editor.execute(
            f"ALTER TABLE archive_article ALTER COLUMN search_vector SET EXPRESSION AS ({expression})", params
        )
        return
    schema_editor.execute(
        "ALTER TABLE archive_article DROP COLUMN search_vector, "
        f"ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({expression}) STORED, "
        "ALTER COLUMN search_vector SET STORAGE MAIN",
        params,
    )
    schema_editor.execute("CREATE INDEX article_search_vector_idx ON archive_article USING gin (search_vector)")


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0010_api_keyset_indexes"),
    ]

    # On the way back: the previous expression (state before AlterField), then the functions go.
    operations = [
        # Vectors (about 4 kB for a news story) stay in the row, uncompressed where they fit: ranking and
        # phrase checks then read them without a TOAST lookup per article (about 2.5 times faster
        # for a phrase check over every article, 1.4 times for ranking, measured at 100 000 articles).
        # The rewrite below stores every vector so.
        migrations.RunSQL(
            "ALTER TABLE archive_article ALTER COLUMN search_vector SET STORAGE MAIN",
            "ALTER TABLE archive_article ALTER COLUMN search_vector SET STORAGE EXTENDED",
        ),
        migrations.RunSQL(ADD_FUNCTIONS_SQL, DROP_FUNCTIONS_SQL),
        migrations.RunPython(migrations.RunPython.noop, set_vector_expression),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="article",
                    name="search_vector",
                    field=models.GeneratedField(
                        db_persist=True,
                        expression=models.Case(
                            models.When(
                                language="ko",
                                then=archive.textsearch.WithHangulBigrams(
                                    django.contrib.postgres.search.CombinedSearchVector(
                                        django.contrib.postgres.search.CombinedSearchVector(
                                            django.contrib.postgres.search.CombinedSearchVector(
                                                django.contrib.postgres.search.CombinedSearchVector(
                                                    django.contrib.postgres.search.SearchVector(
                                                        "title", config="archive_simple", weight="A"
                                                    ),
                                                    "||",
                                                    django.contrib.postgres.search.SearchVector(
                                                        "dek", config="archive_simple", weight="B"
                                                    ),
                                                    django.contrib.postgres.search.SearchConfig("archive_simple"),
                                                ),
                                                "||",
                                                django.contrib.postgres.search.SearchVector(
                                                    "tag_text", config="archive_simple", weight="B"
                                                ),
                                                django.contrib.postgres.search.SearchConfig("archive_simple"),
                                            ),
                                            "||",
                                            django.contrib.postgres.search.SearchVector(
                                                "caption_text", config="archive_simple", weight="C"
                                            ),
                                            django.contrib.postgres.search.SearchConfig("archive_simple"),
                                        ),
                                        "||",
                                        django.contrib.postgres.search.SearchVector(
                                            "body", config="archive_simple", weight="D"
                                        ),
                                        django.contrib.postgres.search.SearchConfig("archive_simple"),
                                    )
                                ),
                            ),
                            default=django.contrib.postgres.search.CombinedSearchVector(
                                django.contrib.postgres.search.CombinedSearchVector(
                                    django.contrib.postgres.search.CombinedSearchVector(
                                        django.contrib.postgres.search.CombinedSearchVector(
                                            archive.textsearch.WithExactWords("title", "A"),
                                            "||",
                                            django.contrib.postgres.search.SearchVector(
                                                "dek", config="archive_english", weight="B"
                                            ),
                                            None,
                                        ),
                                        "||",
                                        archive.textsearch.WithExactWords("tag_text", "B"),
                                        None,
                                    ),
                                    "||",
                                    django.contrib.postgres.search.SearchVector(
                                        "caption_text", config="archive_english", weight="C"
                                    ),
                                    None,
                                ),
                                "||",
                                django.contrib.postgres.search.SearchVector(
                                    "body", config="archive_english", weight="D"
                                ),
                                None,
                            ),
                        ),
                        output_field=django.contrib.postgres.search.SearchVectorField(),
                    ),
                ),
            ],
        ),
        migrations.RunPython(set_vector_expression, migrations.RunPython.noop),
    ]
