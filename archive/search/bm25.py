"""The ranking formula, written once: BM25 with field weights, saturation, length norm and recency.

    score(unit) = idf × (k1 + 1) × tf / (tf + k1 × (1 − b + b × length / avg_length))
    article     = (Σ units + proximity) × (1 + recency_weight / (1 + age in years))

tf counts an occurrence by its field's weight relative to the body's. Both the ranking
(archive.search.ranking) and the candidate lists (archive.search.stats, which store each article's
score for a common word without its idf) build their SQL from here, so a list is ordered by exactly the
score the ranking gives: if they drifted apart, bounded ranking would silently stop being exact.
"""

import math

from django.conf import settings

# ts_rank_cd weights {D, C, B, A}: body, captions, dek and tags, title. Divided by the body's weight
# they are term frequencies: a title occurrence counts 5, dek or tag 2.5, caption 1.5, body 1.
WEIGHTS = (0.2, 0.3, 0.5, 1.0)
WEIGHT_OF_LETTER = {"A": WEIGHTS[3], "B": WEIGHTS[2], "C": WEIGHTS[1], "D": WEIGHTS[0]}
K1 = 1.2
B = 0.75
SECONDS_PER_YEAR = 31557600.0


def ts_rank_weights() -> str:
    """The weights as ts_rank_cd's float4[] literal."""
    return "{" + ",".join(str(w) for w in WEIGHTS) + "}"


def length_norm_sql(vector: str) -> str:
    """k1 × (1 − b + b × length / avg_length) for `vector`; one parameter: the average length.

    float8 throughout: numeric arithmetic on millions of rows costs several times more."""
    return f"({K1}::float8 * (1 - {B}::float8 + {B}::float8 * length({vector}) / %s::float8))"


def saturation_sql(tf: str, norm: str) -> str:
    """tf / (tf + norm), written so that tf (the costly part) appears once: 1 − norm / (tf + norm).

    Multiplied by idf × (k1 + 1) it is a unit's BM25 score."""
    return f"(1 - {norm} / ({tf} + {norm}))"


def recency_sql(published: str) -> tuple[str, list]:
    """The recency factor for the timestamp `published` (1 when unknown), and its parameter, read from
    settings at each call."""
    sql = (
        f"coalesce(1 + %s::float8 / (1 + greatest(0, extract(epoch FROM now() - {published}))::float8"
        f" / {SECONDS_PER_YEAR}), 1)"
    )
    return sql, [settings.ARCHIVE_RECENCY_WEIGHT]


def idf(n_docs: int, df: int) -> float:
    return math.log(1 + (n_docs - df + 0.5) / (df + 0.5))


def unit_weight(idf_value: float, repeats: int = 1) -> float:
    """What a unit's saturation is multiplied by: repeats × idf × (k1 + 1)."""
    return repeats * idf_value * (K1 + 1)
