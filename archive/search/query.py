"""Reading what a reader typed: web-search syntax into words, phrases, OR groups and exclusions.

The syntax is PostgreSQL's websearch_to_tsquery (words, "quoted phrases", OR, -excluded), parsed here
rather than in the database so that each part can be expanded with synonyms and weighed on its own.
Nothing a reader types raises: unbalanced quotes close at the end, control characters are dropped and
very long input is cut.
"""

import re
import unicodedata
from dataclasses import dataclass, field

MAX_QUERY_LENGTH = 500
MAX_UNITS = 64
# In a longer query, written in prose, capitals start sentences rather than mark names.
MAX_NAME_QUERY_WORDS = 6

_TOKEN = re.compile(r'(-?)"([^"]*)("?)|(\S+)')
# Word characters, hyphens and apostrophes inside words; everything else separates words.
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)


@dataclass
class Term:
    """A word or a quoted phrase, as typed (hyphens kept).

    `exact`: also matched as written, unstemmed and with its stop words (archive.search.ranking): the
    reader quoted it, or typed it like a name.
    """

    words: tuple[str, ...]
    phrase: bool = False
    exact: bool = False

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass
class Unit:
    """One thing the reader asked for: a term, or several joined by OR. Expansion adds alternatives."""

    terms: list[Term]
    alternatives: list[Term] = field(default_factory=list)

    @property
    def label(self) -> str:
        return " OR ".join(f'"{t.text}"' if t.phrase else t.text for t in self.terms)


@dataclass
class ParsedQuery:
    units: list[Unit]
    excluded: list[Term]
    text: str

    @property
    def is_empty(self) -> bool:
        return not self.units and not self.excluded

    def words(self) -> list[str]:
        """The words the reader asked for, in order (for "did you mean" and promotions)."""
        return [word for unit in self.units for term in unit.terms for word in term.words]


def clean(text: str) -> str:
    """The query without control characters, with normalised Unicode, cut to a sane length."""
    text = unicodedata.normalize("NFC", str(text or ""))
    text = "".join(" " if unicodedata.category(ch)[0] in "CZ" and ch not in "\n\t " else ch for ch in text)
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def _words(text: str) -> tuple[str, ...]:
    return tuple(m.group().replace("’", "'") for m in _WORD.finditer(text))


def parse(text: str) -> ParsedQuery:
    """Split a query into units (joined by AND) and excluded terms."""
    text = clean(text)
    units: list[Unit] = []
    excluded: list[Term] = []
    join_next = False
    for m in _TOKEN.finditer(text):
        negated, quoted, _closing, bare = m.group(1), m.group(2), m.group(3), m.group(4)
        if quoted is not None:
            words = _words(quoted)
            term = Term(words, phrase=len(words) > 1, exact=True) if words else None
        else:
            if bare == "OR" or bare.lower() == "or" and bare == "OR":
                join_next = bool(units)
                continue
            negated = "-" if bare.startswith("-") and len(bare) > 1 else ""
            word_text = bare[1:] if negated else bare
            words = _words(word_text)
            # A hyphenated or apostrophised word (Jong-un, Poch'on) is one term; other punctuation splits.
            terms = [Term((w,)) for w in words]
            if negated:
                excluded.extend(terms)
                join_next = False
                continue
            for i, term in enumerate(terms):
                if i == 0 and join_next and units:
                    units[-1].terms.append(term)
                else:
                    units.append(Unit([term]))
            join_next = False
            continue
        if term is None:
            continue
        if negated:
            excluded.append(term)
        elif join_next and units:
            units[-1].terms.append(term)
        else:
            units.append(Unit([term]))
        join_next = False
    _mark_names([term for unit in units for term in unit.terms])
    return ParsedQuery(units[:MAX_UNITS], excluded[:MAX_UNITS], text)


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _mark_names(terms: list[Term]) -> None:
    """Mark the words typed like names as exact: Will, Rich, US, WHO are not will, rich, us, who.

    A reader types a name capitalised, but capitals also start sentences: the first word of a short
    query is a name only when the next word is capitalised too (Will Smith, not "Will sanctions work")
    or when it stands alone, and an acronym (US, WHO) always is. Long queries are prose.
    """
    if sum(len(term.words) for term in terms) > MAX_NAME_QUERY_WORDS:
        return
    for i, term in enumerate(terms):
        if term.exact or not _capitalised(term.text):
            continue
        acronym = len(term.text) > 1 and term.text.isupper()
        starts_sentence = i == 0 and i + 1 < len(terms) and not _capitalised(terms[i + 1].text)
        term.exact = acronym or not starts_sentence
