"""Query-time expansion: tag names and aliases, editors' synonym groups and gazetteer spellings.

Every run of words in what the reader typed (inside quoted phrases too) is looked up, folded (no case,
accents, hyphens or spaces), among tag names and aliases, active synonym groups and the gazetteer's
place names. A run that is known gains the other spellings as alternatives, so Ryanggang finds
Yanggang, DPRK finds North Korea and Kim Jong-un finds Kimjongun. Nothing is reindexed: an editor's
new synonym counts from the next search.
"""

import itertools
import re
import unicodedata
from dataclasses import dataclass

from django.db import connection

from archive import gazetteer
from archive.search import cache as search_cache
from archive.search.query import ParsedQuery, Term, Unit, _words

MAX_NGRAM = 5
MAX_ALTERNATIVES = 24

_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")

# Every tag's names (its name and aliases) and every active synonym group: the groups a query's runs of
# words are looked up in. Read once per generation of the vocabulary (a change to a tag, an alias or a
# synonym group moves it; an import of articles does not), not per search.
_GROUPS_SQL = """
SELECT false, array_agg(name) FROM (
    SELECT t.id, t.name FROM archive_tag t
    UNION ALL
    SELECT a.tag_id, a.name FROM archive_tagalias a
) names GROUP BY id
UNION ALL
SELECT g.one_way, g.terms FROM archive_synonymgroup g WHERE g.is_active
"""


@dataclass(frozen=True)
class NameGroup:
    """Spellings of one thing: a tag's name and aliases, or an editors' synonym group (a one-way group
    expands only its first term; a later term searches only for itself)."""

    names: tuple[str, ...]
    one_way: bool = False


def fold(text: str) -> str:
    """The comparison key of a name: "Kim Jong-un", "kim jong un" and "Kimjongun" share one."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFC", stripped).casefold())


def is_hangul(text: str) -> bool:
    return bool(_HANGUL.search(text))


def _split(words) -> list[str]:
    """Words with hyphens and apostrophes taken apart: the pieces an n-gram is built from."""
    return [piece for word in words for piece in re.split(r"[-']", word) if piece]


def _candidate_keys(parsed: ParsedQuery) -> set[str]:
    keys = set()
    for unit in parsed.units:
        for term in unit.terms:
            pieces = _split(term.words)
            for n in range(1, min(MAX_NGRAM, len(pieces)) + 1):
                for i in range(len(pieces) - n + 1):
                    keys.add(fold("".join(pieces[i : i + n])))
    # Unquoted words next to each other may name one thing (North Korea): look their runs up too.
    singles = [unit.terms[0] for unit in parsed.units if len(unit.terms) == 1 and not unit.terms[0].phrase]
    for n in range(2, MAX_NGRAM + 1):
        for i in range(len(singles) - n + 1):
            keys.add(fold("".join(w for term in singles[i : i + n] for w in term.words)))
    return {key for key in keys if key}


def _read_groups() -> dict[str, list[NameGroup]]:
    """The name groups by the folded spelling of each of their names."""
    with connection.cursor() as cursor:
        cursor.execute(_GROUPS_SQL)
        rows = cursor.fetchall()
    by_key: dict[str, list[NameGroup]] = {}
    for one_way, names in rows:
        group = NameGroup(tuple(name for name in names if fold(name)), one_way)
        for key in {fold(name) for name in group.names}:
            by_key.setdefault(key, []).append(group)
    return by_key


_groups = search_cache.PerGeneration(_read_groups, vocabulary=True)


def lookup_variants(keys: set[str]) -> dict[str, set[str]]:
    """For each known key, the other spellings it expands to."""
    variants: dict[str, set[str]] = {}
    if not keys:
        return variants
    groups = _groups.get()
    for key in keys:
        for group in groups.get(key, ()):
            sources = group.names[:1] if group.one_way else group.names
            for source in sources:
                if fold(source) == key:
                    variants.setdefault(key, set()).update(n for n in group.names if fold(n) != key)
    for key in keys:
        for name in gazetteer.variants_of(key) if len(key) > 2 else ():
            if fold(name) != key:
                variants.setdefault(key, set()).add(name)
    return variants


def _term_alternatives(term: Term, variants: dict[str, set[str]]) -> list[Term]:
    """The term with each known run of its words replaced by each of its other spellings."""
    pieces = _split(term.words)
    segments: list[list[tuple[str, ...]]] = []
    i = 0
    while i < len(pieces):
        for n in range(min(MAX_NGRAM, len(pieces) - i), 0, -1):
            key = fold("".join(pieces[i : i + n]))
            if key in variants:
                own = tuple(pieces[i : i + n])
                segments.append([own] + [_words(v) for v in sorted(variants[key]) if _words(v)])
                i += n
                break
        else:
            segments.append([(pieces[i],)])
            i += 1
    alternatives = []
    for combo in itertools.islice(itertools.product(*segments), 1, MAX_ALTERNATIVES + 1):
        words = tuple(w for part in combo for w in part)
        alternatives.append(Term(words, phrase=True))
    # Run-together spelling of a hyphenated word (Jong-un: Jongun), which the index keeps as one word.
    for word in term.words:
        if "-" in word and len(alternatives) < MAX_ALTERNATIVES:
            joined = tuple(w.replace("-", "") if w is word else w for w in term.words)
            alternatives.append(Term(joined, phrase=True))
    return alternatives


def expand(parsed: ParsedQuery) -> ParsedQuery:
    """Fill in each unit's alternatives (and merge runs of unquoted words that name one thing)."""
    variants = lookup_variants(_candidate_keys(parsed))
    units = _merge_named_runs(parsed.units, variants)
    for unit in units:
        seen = {(t.words, t.phrase) for t in unit.terms}
        unit.alternatives = []
        for term in unit.terms:
            for alt in _term_alternatives(term, variants):
                if (alt.words, alt.phrase) not in seen and len(unit.alternatives) < MAX_ALTERNATIVES:
                    seen.add((alt.words, alt.phrase))
                    unit.alternatives.append(alt)
    return ParsedQuery(units, parsed.excluded, parsed.text)


def _merge_named_runs(units: list[Unit], variants: dict[str, set[str]]) -> list[Unit]:
    """Join consecutive one-word units whose run is a known name (north korea) into one unit."""
    merged: list[Unit] = []
    i = 0
    while i < len(units):
        for n in range(min(MAX_NGRAM, len(units) - i), 1, -1):
            run = units[i : i + n]
            if all(len(u.terms) == 1 and not u.terms[0].phrase for u in run):
                words = tuple(w for u in run for w in u.terms[0].words)
                if fold("".join(words)) in variants:
                    # As typed the words need not be adjacent; the known spellings are matched as phrases.
                    exact = any(u.terms[0].exact for u in run)
                    merged.append(Unit([Term(words, phrase=False, exact=exact)]))
                    i += n
                    break
        else:
            merged.append(units[i])
            i += 1
    return merged
