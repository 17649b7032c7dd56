"""Which of a unit's alternative tsqueries the search needs: those no other alternative already covers.

A place or a tag is searched in all its spellings, and several of them hold another: "North Hamgyong
Province" and "North Hamgyeong Province" beside "North Hamgyong" and "North Hamgyeong". An article
that matches the longer one matches a shorter one inside the same words, so the longer one finds no
article the shorter ones do not. ts_rank_cd scores the shortest stretches of text satisfying the query
(its covers), and the shorter spelling's stretch lies inside the longer one's; it also counts every
word of the query found inside a stretch, so an alternative goes only while its words stay in the
query through the others (of the two "Province" spellings one stays, for "province"). Then the score
is the same to the last digits, and each match is read for one alternative less.

An alternative X is covered by another Y when every stretch of text matching X holds one matching Y:

- Y is one word, and X has it (`'tuman' <-> 'river'` by `'tuman'`);
- Y is words in any order (`'north' & 'hamgyong'`, what plainto_tsquery writes), and X has them all;
- Y is a phrase, and X is a phrase with Y's words at Y's distances in a row.

Anything else (a prefix, a weight, a negation, a Hangul bigram query) is kept, and covers nothing.
"""

import re
from dataclasses import dataclass

_LEXEME = r"'(?:[^']|'')*'"
_SINGLE = re.compile(_LEXEME)
_ALL_OF = re.compile(f"{_LEXEME}(?: & {_LEXEME})+")
# A phrase as phraseto_tsquery writes it: quoted lexemes, each followed by a distance to the next.
PHRASE = re.compile(f"{_LEXEME}(?: <(?:-|\\d+)> {_LEXEME})+")
_PHRASE_TOKEN = re.compile(f"{_LEXEME}|<(?:-|\\d+)>")


@dataclass(frozen=True)
class Alternative:
    """One alternative as the kind of match it asks for: a word, words in any order, or a phrase."""

    tsquery: str
    kind: str  # "word", "all of", "phrase", or "other" (not read)
    lexemes: frozenset[str] = frozenset()
    # A phrase's lexemes and the distances between them, in order ("'a'", "<->", "'b'").
    tokens: tuple[str, ...] = ()

    @classmethod
    def read(cls, tsquery: str) -> "Alternative":
        if _SINGLE.fullmatch(tsquery):
            return cls(tsquery, "word", frozenset([tsquery]))
        if _ALL_OF.fullmatch(tsquery):
            return cls(tsquery, "all of", frozenset(_SINGLE.findall(tsquery)))
        if PHRASE.fullmatch(tsquery):
            tokens = tuple(_PHRASE_TOKEN.findall(tsquery))
            return cls(tsquery, "phrase", frozenset(tokens[::2]), tokens)
        return cls(tsquery, "other")

    def covered_by(self, other: "Alternative") -> bool:
        """Whether every stretch of text matching this one holds a match of `other`."""
        if self.kind == "other" or other.kind == "other" or self.tsquery == other.tsquery:
            return False
        if other.kind in ("word", "all of"):
            return other.lexemes <= self.lexemes
        if self.kind != "phrase":
            return False
        width = len(other.tokens)
        return any(self.tokens[i : i + width] == other.tokens for i in range(0, len(self.tokens) - width + 1, 2))


def needed(tsqueries: list[str]) -> list[str]:
    """The alternatives, in their order, less those another one covers (of two that cover each other, the
    first is kept)."""
    read = [Alternative.read(q) for q in tsqueries]
    kept = list(read)
    for i, alternative in enumerate(read):
        others = [other for other in kept if other is not alternative]
        covered = any(
            alternative.covered_by(other) and (read.index(other) < i or not other.covered_by(alternative))
            for other in others
        )
        # Its words stay in the query through the others: ts_rank_cd counts every word of the query found
        # inside a stretch it scores, so a word no longer searched for would change the score there.
        words_kept = alternative.lexemes <= frozenset().union(*(other.lexemes for other in others))
        if covered and words_kept:
            kept.remove(alternative)
    return [alternative.tsquery for alternative in kept]
