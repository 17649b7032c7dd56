"""Turning a parsed, expanded query into tsqueries and a BM25 score the database computes.

PostgreSQL's ts_rank has no document frequencies, so a common word weighs as much as a rare name.
The score here is BM25 over the stored vector: each unit of the query (a word, a phrase, an OR group
with its expansions) contributes idf × saturated term frequency, where the term frequency is
ts_rank_cd of that unit alone with field weights (an occurrence in the title counts five times one in
the body) and the length is the vector's number of lexemes. Document frequencies come from
archive_searchterm for common words and from a capped count on the index for rare ones, so they are
exact where they matter most and never cost a scan of a common word's matches.
"""

import re
from dataclasses import dataclass, field

from django.db import connection

from archive.search import bm25
from archive.search.alternatives import PHRASE
from archive.search.alternatives import needed as alternatives_needed
from archive.search.expansion import is_hangul
from archive.search.limits import current_limits
from archive.search.public import public_sql
from archive.search.query import ParsedQuery, Term, Unit
from archive.textsearch import HANGUL_SYLLABLES, SEARCH_CONFIG, SIMPLE_CONFIG

# How much the words standing together (a phrase, or close) adds, as a share of the query's weight.
PROXIMITY_WEIGHT = 0.3
# Longer queries are requests in prose: their words are not expected to stand together.
MAX_PROXIMITY_UNITS = 6

_COMPILE_SQL = f"""
WITH alt AS (
    SELECT a.idx, a.unit, a.mode, a.txt,
           CASE a.mode
               WHEN 'phrase' THEN phraseto_tsquery('{SEARCH_CONFIG}', a.txt)
               WHEN 'plain' THEN plainto_tsquery('{SEARCH_CONFIG}', a.txt)
               -- Words as written; nothing when that is what the English form already looks for.
               WHEN 'exact' THEN CASE
                   WHEN tsvector_to_array(to_tsvector('{SIMPLE_CONFIG}', a.txt))
                        <@ tsvector_to_array(to_tsvector('{SEARCH_CONFIG}', a.txt)) THEN ''::tsquery
                   ELSE phraseto_tsquery('{SIMPLE_CONFIG}', a.txt) END
               WHEN 'bigrams' THEN a.txt::tsquery
               ELSE to_tsquery('{SIMPLE_CONFIG}', quote_literal(a.txt) || ':*')
           END AS q,
           CASE WHEN a.mode IN ('prefix', 'bigrams') THEN '{{}}'::text[]
                ELSE tsvector_to_array(to_tsvector(
                    CASE a.mode WHEN 'exact' THEN '{SIMPLE_CONFIG}' ELSE '{SEARCH_CONFIG}' END::regconfig, a.txt))
           END AS lexemes
    FROM unnest(%(units)s::int[], %(texts)s::text[], %(modes)s::text[]) WITH ORDINALITY AS a(unit, txt, mode, idx)
),
est AS (
    SELECT alt.*, s.est, s.listed, s.paired
    FROM alt CROSS JOIN LATERAL (
        SELECT coalesce(
                   CASE WHEN count(*) = cardinality(alt.lexemes) AND count(*) > 0 THEN min(st.ndoc) END,
                   -- A prefix is in at least as many articles as the word itself.
                   CASE WHEN alt.mode = 'prefix' THEN (
                       SELECT max(w.ndoc) FROM archive_searchterm w
                       WHERE w.lexeme = ANY(tsvector_to_array(to_tsvector('{SIMPLE_CONFIG}', alt.txt)))) END
               ) AS est,
               coalesce(bool_or(st.has_impact_list), false) AS listed,
               coalesce(array_agg(st.lexeme) FILTER (WHERE st.has_impact_list), '{{}}') AS paired
        FROM archive_searchterm st WHERE st.lexeme = ANY(alt.lexemes)
    ) s
),
stats AS (
    SELECT greatest(
        coalesce((SELECT ndocs FROM archive_searchstats ORDER BY id DESC LIMIT 1), 0),
        (SELECT reltuples::bigint FROM pg_class WHERE oid = 'archive_article'::regclass)
    ) AS n,
    coalesce((SELECT avg_length FROM archive_searchstats WHERE avg_length > 0 ORDER BY id DESC LIMIT 1),
             (SELECT avg(length(search_vector)) FROM (
                  SELECT search_vector FROM archive_article WHERE {public_sql()} LIMIT 1000) s)
    ) AS avgdl,
    (SELECT refreshed_at FROM archive_searchstats ORDER BY id DESC LIMIT 1) AS refreshed_at,
    coalesce((SELECT pairs_built FROM archive_searchstats ORDER BY id DESC LIMIT 1), false) AS pairs_built
),
-- A unit with alternatives (a tag and its aliases, synonyms) is in the articles with any of them. Its
-- spellings overlap (a tagged article holds every alias in its tag text), so the union is counted when
-- all are rare; with a common one, the commonest spelling's frequency (a lower bound) stands for it.
units AS (
    SELECT e.unit, CASE WHEN max(e.est) >= %(cap)s THEN max(e.est) ELSE (SELECT count(*) FROM (
               SELECT 1 FROM archive_article
               WHERE search_vector @@ string_agg('( ' || e.q::text || ' )', ' | ')::tsquery
                     AND {public_sql()} LIMIT %(cap)s) c)
           END AS df
    FROM est e WHERE numnode(e.q) > 0 GROUP BY e.unit HAVING count(*) > 1
)
SELECT est.unit, est.q::text, est.lexemes, est.listed, est.paired, stats.refreshed_at, stats.pairs_built, units.df,
       CASE WHEN numnode(est.q) = 0 THEN 0
            WHEN est.est >= %(cap)s THEN est.est
            ELSE (SELECT count(*) FROM (
                      SELECT 1 FROM archive_article WHERE search_vector @@ est.q AND {public_sql()} LIMIT %(cap)s) c)
       END AS df,
       CASE WHEN stats.n > 0 THEN stats.n ELSE (SELECT count(*) FROM archive_article WHERE {public_sql()}) END AS n,
       coalesce(stats.avgdl, 1)
FROM est CROSS JOIN stats LEFT JOIN units ON units.unit = est.unit
ORDER BY est.idx
"""


@dataclass
class CompiledUnit:
    label: str
    tsquery: str
    df: int = 0
    idf: float = 0.0
    repeats: int = 1
    lexemes: list[str] = field(default_factory=list)
    # Every alternative has a lexeme with an impact list (archive.search.stats): candidates can be bounded.
    listed: bool = False
    # The alternatives that have none, with their document frequencies: a rare one's matches can join
    # the candidates instead (a place with its rarely used spellings).
    unlisted: list[tuple[str, int]] = field(default_factory=list)
    alternatives: int = 1
    # For a phrase of common words, a pair of listed lexemes standing together from each alternative
    # that has one ("haluha yarosi"), and the other alternatives, all rare (the phrase as written, say):
    # the articles with any of those pairs or matching any of those hold every match (archive.models.SearchPairs).
    pairs: list[str] = field(default_factory=list)
    unpaired: list[str] = field(default_factory=list)
    # Every alternative, those another covers too (archive.search.alternatives): what the snippet marks, so
    # that "North Pyongan Province" is marked whole where the search looked only for "North Pyongan".
    highlight: str = ""

    def unlisted_candidates(self, common_df: int) -> list[tuple[str, int]] | None:
        """The unlisted alternatives whose matches join the candidates, with their document frequencies,
        or None when the unit cannot be bounded (no alternative has lists).

        A rare one's matches are added. A common one without lists (a Hangul spelling, matched as a
        prefix) is left to its siblings' lists: what makes it common is mostly the tag text, which holds
        every spelling of a tag, so the articles it would add are on the other spellings' lists.
        """
        if len(self.unlisted) >= self.alternatives:
            return None
        return [(tsquery, df) for tsquery, df in self.unlisted if df < common_df]


@dataclass
class CompiledQuery:
    """The tsqueries and weights of one search; empty when nothing searchable was typed."""

    units: list[CompiledUnit] = field(default_factory=list)
    excluded: str = ""
    n_docs: int = 0
    avg_length: float = 1.0
    rare_words: list[str] = field(default_factory=list)
    stats_refreshed_at: object = None
    # Whether SearchPairs is built (see CompiledUnit.pairs).
    pairs_built: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.units

    def _join(self, operator: str) -> str:
        positive = f" {operator} ".join(f"( {u.tsquery} )" for u in self.units)
        if self.excluded:
            return f"( {positive} ) & !( {self.excluded} )"
        return positive

    @property
    def is_single_term(self) -> bool:
        """One unit of one lexeme: its candidate list is ordered by this query's own score."""
        return len(self.units) == 1 and len(self.units[0].lexemes) == 1 and "|" not in self.units[0].tsquery

    @property
    def has_phrase(self) -> bool:
        return any("<" in unit.tsquery for unit in self.units)

    @property
    def all_query(self) -> str:
        return self._join("&")

    @property
    def any_query(self) -> str:
        return self._join("|")

    @property
    def highlight_query(self) -> str:
        return " | ".join(f"( {u.highlight or u.tsquery} )" for u in self.units)

    def score_sql(
        self, vector: str = '"archive_article"."search_vector"', published: str = '"archive_article"."published_at"'
    ):
        """An SQL expression for the BM25 score (with proximity and recency) of the row, and its params
        (the formula is archive.search.bm25's)."""
        weights = bm25.ts_rank_weights()
        norm = bm25.length_norm_sql(vector)
        parts, params = [], []
        for unit in self.units:
            tf = f"(ts_rank_cd('{weights}'::float4[], {vector}, %s::tsquery, 0) / {bm25.WEIGHTS[0]})"
            parts.append(f"(%s * {bm25.saturation_sql(tf, norm)})")
            params += [bm25.unit_weight(unit.idf, unit.repeats), self.avg_length, unit.tsquery, self.avg_length]
        score = " + ".join(parts) or "0"
        if 1 < len(self.units) <= MAX_PROXIMITY_UNITS:
            together = " & ".join(f"( {u.tsquery} )" for u in self.units)
            near = f"(ts_rank_cd('{weights}'::float4[], {vector}, %s::tsquery, 0) / {bm25.WEIGHTS[0]})"
            # near / (near + 1), written so that near (the costly part) is computed once.
            score += f" + %s * (1 - 1 / ({near} + 1))"
            params += [PROXIMITY_WEIGHT * sum(u.idf for u in self.units), together]
        recency, recency_params = bm25.recency_sql(published)
        return f"(({score}) * {recency})", params + recency_params


def _pair_up(
    unit: CompiledUnit, tsqueries: list[str], df: dict[str, int], pair_of: dict[str, str | None], common_df: int
) -> None:
    """Give the unit its pairs when every alternative has one or is rare enough to match directly."""
    pairs = [pair_of.get(q) for q in tsqueries]
    unpaired = [q for q, pair in zip(tsqueries, pairs) if pair is None]
    if any(pairs) and all(df.get(q, common_df) < common_df for q in unpaired):
        unit.pairs, unit.unpaired = [pair for pair in pairs if pair], unpaired


_PHRASE_STEP = re.compile(r"'((?:[^']|'')*)' <(-|\d+)> (?='((?:[^']|'')*)')")


def phrase_pair(tsquery: str, listed: set[str]) -> str | None:
    """The first two adjacent lexemes of a phrase tsquery that are both in `listed`, as SearchPairs
    hashes them ("a b"); None when the tsquery is not a plain phrase or has no such pair."""
    if not PHRASE.fullmatch(tsquery):
        return None
    for first, distance, second in _PHRASE_STEP.findall(tsquery):
        first, second = first.replace("''", "'"), second.replace("''", "'")
        if distance == "-" and first in listed and second in listed:
            return f"{first} {second}"
    return None


_HANGUL_WORD = re.compile(f"{HANGUL_SYLLABLES}{{3,}}")


def hangul_bigram_query(word: str) -> str:
    """The tsquery of a Hangul word anywhere inside a longer one: its syllable pairs at one position
    (archive.textsearch indexes them so)."""
    return " <0> ".join(f"'{word[i : i + 2]}'" for i in range(len(word) - 1))


def _forms(term: Term) -> list[tuple[str, str]]:
    """The (text, mode) forms a term is looked for in; a unit matches any form of any of its terms.

    What a reader of a news archive expects: ordinary words are stemmed (fence finds fences and fenced)
    and stop words ignored. A name is not an ordinary word: Will, "The Who", US or Gates, typed like a
    name or quoted (archive.search.query), is also looked for as written in titles and tags, where the
    archive names its subjects (archive.textsearch). That form is dropped when stemming gives the same
    lexemes (Rich, Pyongyang), so it only adds stop words (found at all) and unstemmed spellings (Gates
    the person counts on top of gate). Words typed in lowercase are searched and ranked as before.
    """
    if is_hangul(term.text):
        # No Korean stemmer exists: a Hangul word matches as a prefix, so 혜산 finds 혜산에서 ("in Hyesan"),
        # and (three syllables or more; two-syllable pairs are lexemes already) inside a longer word, so
        # 양강도 finds 북한양강도. A prefix match is found both ways and counts twice: a word that starts
        # with what was typed is likelier to be it than one that merely contains it.
        forms = [(term.text, "prefix")]
        if not term.phrase and _HANGUL_WORD.fullmatch(term.text):
            forms.append((hangul_bigram_query(term.text), "bigrams"))
        return forms
    forms = [(term.text, "phrase" if term.phrase or len(term.words) == 1 else "plain")]
    if term.exact:
        forms.append((term.text, "exact"))
    return forms


def _as_written(parsed: ParsedQuery) -> ParsedQuery:
    """A query of stop words only (the who, will) as one name written out: its words together, as typed."""
    name = Term(tuple(parsed.words()), phrase=len(parsed.words()) > 1, exact=True)
    return ParsedQuery([Unit([name])], parsed.excluded, parsed.text)


def compile_query(parsed: ParsedQuery) -> CompiledQuery:
    """Normalise every alternative in the database and weigh each unit by its document frequency (one query,
    two when only stop words were typed)."""
    compiled, only_stop_words = _compile(parsed)
    if only_stop_words:
        compiled, _ = _compile(_as_written(parsed))
    return compiled


@dataclass(frozen=True)
class _Form:
    """One form an alternative of a unit is looked for in (unit -1: an excluded term)."""

    unit: int
    text: str
    mode: str


@dataclass(frozen=True)
class _AlternativeRow:
    """What _COMPILE_SQL says of one form, in its columns' order; the statistics repeat on every row."""

    unit: int
    tsquery: str
    lexemes: list[str] | None
    listed: bool
    paired: list[str] | None
    refreshed_at: object
    pairs_built: bool
    unit_df: int | None
    df: int
    n_docs: int
    avg_length: float


def _compile(parsed: ParsedQuery) -> tuple[CompiledQuery, bool]:
    """The compiled query, and whether the reader typed words but every one of them was a stop word."""
    limits = current_limits()
    forms: list[_Form] = []
    for index, unit in enumerate(parsed.units):
        for term in unit.terms + unit.alternatives:
            forms += [_Form(index, text, mode) for text, mode in _forms(term)]
    for term in parsed.excluded:
        forms += [_Form(-1, text, mode) for text, mode in _forms(term)]
    if not forms:
        return CompiledQuery(), False
    with connection.cursor() as cursor:
        cursor.execute(
            _COMPILE_SQL,
            {
                "units": [f.unit for f in forms],
                "texts": [f.text for f in forms],
                "modes": [f.mode for f in forms],
                "cap": limits.common_df,
            },
        )
        rows = [_AlternativeRow(*row) for row in cursor.fetchall()]
    by_unit: dict[int, list[tuple[str, int]]] = {}
    n_docs, avg_length = 0, 1.0
    lexemes_of: dict[str, set[str]] = {}
    refreshed_at = None
    listed_of: dict[str, bool] = {}
    only_stop_words = bool(parsed.units) and not any(
        row.tsquery for form, row in zip(forms, rows) if form.unit >= 0 and form.mode != "exact"
    )
    union_df: dict[int, int] = {}
    # Alternatives without candidate lists, with their document frequencies.
    unlisted: dict[int, list[tuple[str, int]]] = {}
    # An alternative's pair of listed lexemes standing together, when it is a phrase that has one.
    pair_of: dict[str, str | None] = {}
    pairs_built = False
    for row in rows:
        n_docs, avg_length = int(row.n_docs), float(row.avg_length) or 1.0
        refreshed_at, pairs_built = row.refreshed_at, row.pairs_built
        pair_of[row.tsquery] = phrase_pair(row.tsquery, set(row.paired or ()))
        if row.unit_df is not None:
            union_df[row.unit] = int(row.unit_df)
        if row.tsquery:
            by_unit.setdefault(row.unit, []).append((row.tsquery, int(row.df)))
            lexemes_of.setdefault(row.tsquery, set()).update(row.lexemes or ())
            listed_of[row.tsquery] = listed_of.get(row.tsquery, True) and row.listed
            if not row.listed:
                unlisted.setdefault(row.unit, []).append((row.tsquery, int(row.df)))
    compiled = CompiledQuery(
        n_docs=max(n_docs, 1), avg_length=avg_length, stats_refreshed_at=refreshed_at, pairs_built=bool(pairs_built)
    )
    compiled.excluded = " | ".join(f"( {q} )" for q, _ in by_unit.get(-1, []))
    seen: dict[str, CompiledUnit] = {}
    for index, unit in enumerate(parsed.units):
        alternatives = by_unit.get(index)
        if not alternatives:
            continue  # only stop words
        every = list(dict.fromkeys(q for q, _ in alternatives))
        tsqueries = alternatives_needed(every)
        df = min(union_df.get(index, sum(d for _, d in alternatives)), compiled.n_docs)
        compiled.n_docs = max(compiled.n_docs, df)
        tsquery = " | ".join(f"( {q} )" for q in tsqueries)
        if tsquery in seen:
            # The same word twice, or two forms of one stem (retrieval, retrieving): a word a reader
            # repeats matters more to them, so it counts twice, for the price of one.
            seen[tsquery].repeats += 1
            continue
        # Once each, and only those still among the alternatives: two spellings may give one tsquery
        # (smuggler, smugglers), and it must not count twice against the unit's alternatives.
        unit_unlisted = [(q, d) for q, d in dict(unlisted.get(index, [])).items() if q in tsqueries]
        seen[tsquery] = CompiledUnit(
            unit.label,
            tsquery,
            df,
            lexemes=sorted(set().union(*(lexemes_of.get(q, ()) for q in tsqueries))),
            listed=all(listed_of.get(q, False) for q in tsqueries),
            unlisted=unit_unlisted,
            alternatives=len(tsqueries),
            highlight=" | ".join(f"( {q} )" for q in every),
        )
        _pair_up(seen[tsquery], tsqueries, dict(alternatives), pair_of, limits.common_df)
        compiled.units.append(seen[tsquery])
        if df < limits.rare_df:
            compiled.rare_words.extend(w for t in unit.terms for w in t.words)
    for unit in compiled.units:
        unit.idf = bm25.idf(compiled.n_docs, unit.df)
    return compiled, only_stop_words
