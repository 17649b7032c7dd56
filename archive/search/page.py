"""A page of results: its rows ranked and highlighted in one query, then read as Hits.

The snippet is the article's own text escaped, with only the highlight markers turned into <mark>.
"""

import re
from dataclasses import dataclass, field

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from archive.search import display
from archive.search.ranking import CompiledQuery

# Private-use characters mark highlights inside the database; the text is escaped, then they become <mark>.
# Angle brackets travel as two more of them, or the headline parser would drop what looks like markup.
_START, _STOP, _LT, _GT = "\ue000", "\ue001", "\ue002", "\ue003"
_HEADLINE_OPTIONS = (
    f"StartSel={_START}, StopSel={_STOP}, MaxWords=35, MinWords=12, ShortWord=2, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)


# Each LATERAL step is fenced (OFFSET 0) so that it is computed once a row, not inlined where it is used.
# The snippet's text: the captions where only they match, else the body (the dek when there is none),
# read out of its TOAST storage once (|| ''): each of its uses below would otherwise fetch and
# decompress the stored text again.
# The headline parser reads all it is given, so it is given a window of the text around the first place
# one of the query's lexemes (less a Snowball y→i ending), in lower case or capitalised, occurs: in a long
# article most of the cost (lower() of the whole text would cost more than the window saves). A
# window that shows no highlight (the lexeme stood inside another word, or the text spells it otherwise)
# while the text does match is replaced by the whole text's headline.
SNIPPET_WINDOW_CHARS = 1500
SNIPPET_LEAD_CHARS = 300
_CONFIG = "CASE WHEN a.language = 'ko' THEN 'archive_simple'::regconfig ELSE 'archive_english'::regconfig END"
# Angle brackets, and any highlight markers the text itself holds, travel as the escape characters.
_ESCAPED = "translate({}, '<>' || chr(57344) || chr(57345), chr(57346) || chr(57347))"
# As SQL literals: a doubled quote, a quote, and the pattern of a quoted lexeme in a tsquery ('it''s':*).
_DOUBLED_QUOTE, _QUOTE = "''''''", "''''"
_LEXEME_PATTERN = "'''((?:[^'']|'''')+)'''"
_HIGHLIGHT_QUERY = f"""
    CROSS JOIN (
        SELECT q, ARRAY(
            SELECT DISTINCT nullif(rtrim(replace(m[1], {_DOUBLED_QUOTE}, {_QUOTE}), 'i'), '')
            FROM regexp_matches(q::text, {_LEXEME_PATTERN}, 'g') AS m) AS anchors
        FROM (SELECT %s::tsquery AS q) q0) hq
    CROSS JOIN LATERAL (SELECT
        ts_filter(a.search_vector, '{{c}}') @@ hq.q AND NOT ts_filter(a.search_vector, '{{d}}') @@ hq.q AS in_caption
        OFFSET 0) cap
    CROSS JOIN LATERAL (SELECT CASE WHEN cap.in_caption THEN a.caption_text
                                    ELSE coalesce(nullif(a.body, ''), a.dek) END || '' AS text OFFSET 0) src
    CROSS JOIN LATERAL (SELECT (SELECT min(nullif(strpos(src.text, form), 0))
                                FROM unnest(hq.anchors) AS w, unnest(ARRAY[w, initcap(w)]) AS form) AS at
        OFFSET 0) found
    CROSS JOIN LATERAL (SELECT CASE
        WHEN length(src.text) <= {SNIPPET_WINDOW_CHARS} THEN src.text
        WHEN found.at IS NULL OR found.at <= {SNIPPET_LEAD_CHARS} THEN left(src.text, {SNIPPET_WINDOW_CHARS})
        -- Cut mid-word, the window starts at its next word.
        ELSE regexp_replace(substr(src.text, found.at - {SNIPPET_LEAD_CHARS}, {SNIPPET_WINDOW_CHARS}), '^\\S*\\s+', '')
    END AS text OFFSET 0) win
    CROSS JOIN LATERAL (SELECT ts_headline({_CONFIG}, {_ESCAPED.format("win.text")}, hq.q, %s) AS snippet OFFSET 0) head
"""
_HIGHLIGHTED_DETAILS = f"""
    ts_filter(a.search_vector, '{{a}}') @@ hq.q, to_tsvector({_CONFIG}, a.dek) @@ hq.q,
    to_tsvector({_CONFIG}, a.tag_text) @@ hq.q, ts_filter(a.search_vector, '{{c}}') @@ hq.q,
    ts_filter(a.search_vector, '{{d}}') @@ hq.q,
    CASE WHEN cap.in_caption THEN 'caption' ELSE 'body' END,
    CASE WHEN strpos(head.snippet, chr(57344)) > 0 OR win.text = src.text
              OR NOT ts_filter(a.search_vector, '{{c,d}}') @@ hq.q THEN head.snippet
         ELSE ts_headline({_CONFIG}, {_ESCAPED.format("src.text")}, hq.q, %s) END
"""


@dataclass
class Hit:
    article: object
    rank: float = 0.0
    matched: list[str] = field(default_factory=list)
    snippet: SafeString = mark_safe("")  # nosec B308  # an empty string
    snippet_field: str = "body"
    promoted: bool = False


# Dates order by the listing date: an undated article's is when the archive first published it.
_ORDER = {
    "relevance": "tier DESC, score DESC, listing_date DESC NULLS LAST, id DESC",
    "newest": "tier DESC, listing_date DESC NULLS LAST, id DESC",
    "oldest": "tier DESC, listing_date ASC NULLS LAST, id ASC",
}


@dataclass(frozen=True)
class PageRow:
    """One article of a page as page_rows() reads it, in its SQL's column order."""

    id: int
    score: float | None
    promoted: bool
    in_title: bool
    in_dek: bool
    in_tags: bool
    in_captions: bool
    in_body: bool
    snippet_field: str
    snippet: str

    @property
    def matched(self) -> list[str]:
        flags = {
            "title": self.in_title,
            "dek": self.in_dek,
            "tag": self.in_tags,
            "caption": self.in_captions,
            "body": self.in_body,
        }
        return [name for name, flag in flags.items() if flag]


def page_rows(
    matches,
    compiled: CompiledQuery,
    sort: str,
    page: int,
    per_page: int,
    promoted_ids: list[int],
    in_memory: bool = False,
) -> list[PageRow]:
    """The page's articles in order (editors' picks first), with score, where they matched and a snippet.

    With `in_memory`, the matches' vectors are decompressed once into a materialised set before they
    are scored (each of the score's several uses of a stored vector would decompress it again).
    """
    if promoted_ids:
        matches = matches.exclude(id__in=promoted_ids)
    # Without words nothing is scored: the vectors (a few kB each) are not read.
    dates = ("published_at", "listing_date")
    columns = ("id", *dates) if compiled.is_empty else ("id", "search_vector", *dates)
    base_sql, base_params = matches.order_by().values(*columns).query.sql_with_params()
    params: list = [*base_params]
    if compiled.is_empty:
        ranked = "SELECT m.id, 0::float8 AS score, true AS tier, m.published_at, m.listing_date FROM m"
        order = _ORDER["newest" if sort == "relevance" else sort]
        highlight = None
    else:
        score_sql, score_params = compiled.score_sql(vector="m.search_vector", published="m.published_at")
        if sort == "relevance":
            ranked = f"SELECT m.id, {score_sql} AS score, m.search_vector @@ %s::tsquery AS tier, m.published_at, m.listing_date FROM m"
            params += [*score_params, compiled.all_query]
        else:
            ranked = "SELECT m.id, 0::float8 AS score, m.search_vector @@ %s::tsquery AS tier, m.published_at, m.listing_date FROM m"
            params += [compiled.all_query]
        order = _ORDER[sort]
        highlight = compiled.highlight_query
    params += [per_page, (page - 1) * per_page, promoted_ids]
    if highlight:
        details, hq = _HIGHLIGHTED_DETAILS, _HIGHLIGHT_QUERY
        # In text order: the whole text's headline options (SELECT list), the query, the window's options (FROM).
        params += [_HEADLINE_OPTIONS, highlight, _HEADLINE_OPTIONS]
    else:
        details = "false, false, false, false, false, 'body', left(coalesce(nullif(a.body, ''), a.dek), 400)"
        hq = ""
    if in_memory:
        m = (
            f"m0 AS ({base_sql}), m AS MATERIALIZED ("
            "SELECT id, search_vector || ''::tsvector AS search_vector, published_at, listing_date FROM m0)"
        )
    else:
        m = f"m AS ({base_sql})"
    sql = f"""
        WITH {m},
        page AS (SELECT id, score, tier, false AS promoted, row_number() OVER () AS pos FROM (
                    SELECT * FROM ({ranked}) r ORDER BY {order} LIMIT %s OFFSET %s) p),
        picks AS (SELECT id, NULL::float8 AS score, true AS tier, true AS promoted, pos - 1000 AS pos
                  FROM unnest(%s::bigint[]) WITH ORDINALITY AS x(id, pos)),
        rows AS (SELECT * FROM picks UNION ALL SELECT * FROM page)
        SELECT rows.id, rows.score, rows.promoted, {details}
        FROM rows JOIN archive_article a ON a.id = rows.id {hq}
        ORDER BY rows.pos
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [PageRow(*row) for row in cursor.fetchall()]


def hits(rows: list[PageRow], compiled: CompiledQuery, queryset=None) -> list[Hit]:
    """The rows as Hits, with their articles read through `queryset` (a caller's, with what it shows), or
    for display with their source and tags (one query, archive.search.display)."""
    if not rows:
        return []
    ids = [r.id for r in rows]
    articles = display.articles(ids) if queryset is None else queryset.in_bulk(ids)
    return [
        Hit(
            article=articles[row.id],
            rank=float(row.score or 0),
            matched=row.matched,
            snippet=_snippet(row.snippet or "", highlighted=not compiled.is_empty),
            snippet_field=row.snippet_field,
            promoted=bool(row.promoted),
        )
        for row in rows
        if row.id in articles
    ]


_SPACES = re.compile(r"\s+")
_MARKER = re.compile(f"([{_START}{_STOP}])")


def _snippet(text: str, *, highlighted: bool) -> SafeString:
    """The article's text escaped; only the highlight markers become <mark>."""
    text = _SPACES.sub(" ", text).strip()
    if not highlighted:
        text = Truncator(text).words(35)
    escaped = str(escape(text)).replace(_LT, "&lt;").replace(_GT, "&gt;")
    if highlighted:
        escaped = _balance(escaped)
    return mark_safe(escaped)  # nosec B308 B703  # the text was escaped above; only <mark> is added


def _balance(escaped: str) -> str:
    """The highlight markers as <mark> and </mark>, never nested, never left open."""
    out, open_mark = [], False
    for piece in _MARKER.split(escaped):
        if piece == _START:
            if not open_mark:
                out.append("<mark>")
            open_mark = True
        elif piece == _STOP:
            if open_mark:
                out.append("</mark>")
            open_mark = False
        else:
            out.append(piece)
    if open_mark:
        out.append("</mark>")
    return "".join(out)
