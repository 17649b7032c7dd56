"""Places of the North Korea–China border and the many ways their names are written.

fixtures/gazetteer.json lists each place once, under the name the archive uses for its tag (the
North's own romanisation for Korean places, pinyin for Chinese ones), with its variants: Revised
Romanization, McCune–Reischauer with its breves and apostrophes, former names, Hangul and Hanzi.

Names are compared folded: accents dropped (Hoeryŏng = Hoeryong), case ignored, apostrophes dropped
(Poch'ŏn = Pochon) and hyphens and spaces ignored (Hamgyong-bukto = Hamgyongbukto).

    fold(text) -> str                    the comparison key: "Hamgyŏng-pukto" -> "hamgyongpukto"
    places() -> tuple[Place, ...]        every place in the gazetteer
    lookup(term) -> Place | None         the place a name or any variant of it denotes
    canonical_place(term) -> str | None  that place's tag name: "Yanggang-do" -> "Ryanggang"
    variants_of(term) -> set[str]        every spelling of that place, the name included (empty if unknown)
    find_mentions(text) -> list[Mention] each place named in the text, with where
    find_places(text) -> list[Place]     the places named in the text, once each, in order of first mention

A bare ambiguous name goes to the more common referent: "Tumen" and "Yalu" are the rivers (the city is
"Tumen City", and so is "the city of Tumen"), "Jilin" is the province. The longest name wins, so
"Changbai Mountain" is Mount Paektu while "Changbai" alone is the county.
"""

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.conf import settings

GAZETTEER_FILE = "gazetteer.json"

_APOSTROPHES = "'’‘ʼʻ`´"
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_.]+")
# A word: letters or digits, possibly joined by an apostrophe (Poch'ŏn); Hangul and Hanzi are handled apart.
_WORD = re.compile(r"[^\W_](?:[^\W_]|['’ʼ](?=[^\W\d_]))*", re.UNICODE)
# What may stand between the words of one name: spaces or a single hyphen, never a line break or comma.
_JOINER = re.compile(r"[ \t\u00a0]*[-‐‑–]?[ \t\u00a0]*")
_CJK = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_MAX_WORDS = 6
# "the city of" just before a name: the name is the city's, not the river's or the county's it shares; so is a name
# in a list of cities ("the cities of Yanji and Tumen").
_LISTED = r"(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*(?:,\s+|,?\s+(?:and|or)\s+))*"
_CITY_OF = re.compile(rf"\b(?i:cit(?:y|ies))\s+of\s+{_LISTED}$")
# A river's bare name takes the article ("along the Tumen"); right after a place's preposition without it ("held in
# Tumen and Dandong"), or in a list of places after it ("in Longjing, Helong and Tumen", "in Hunchun or Tumen"), the
# name is the city's that shares it.
_PREPOSITION = re.compile(rf"(?<!\w)(?:[Ii]n|[Aa]t|[Ff]rom|[Nn]ear)\s+{_LISTED}$")
_CITY_CONTEXT = 60
# ", Jilin", ", Jilin Province", ", North Hamgyong": a region's name after a comma, up to three words.
_REGION_AFTER = re.compile(r",\s+(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})")
_REGION_KINDS = ("province", "prefecture")
_ARTICLE_BEFORE = re.compile(r"\b[Tt]he\s+$")


@dataclass(frozen=True)
class Place:
    """A place: its tag name, what it is (city, county, river …), its country code and its other spellings."""

    name: str
    kind: str
    country: str | None = None
    parent: str | None = None
    variants: tuple[str, ...] = ()
    note: str = ""

    @property
    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.variants)


@dataclass(frozen=True)
class Mention:
    place: Place
    start: int
    end: int
    text: str


def fold(text: str) -> str:
    """The comparison key for a name: no accents, no case, no apostrophes, hyphens or spaces."""
    return "".join(_fold_spaced(text).split())


def _fold_spaced(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    # NFKD would split Hangul syllables into jamo; recompose so Hangul names stay comparable to text.
    stripped = unicodedata.normalize("NFC", stripped).casefold()
    stripped = stripped.translate({ord(c): None for c in _APOSTROPHES})
    return " ".join(_SEPARATORS.sub(" ", stripped).split())


def _is_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


@dataclass
class Gazetteer:
    """An index over a list of places; the module functions use the one loaded from the fixture."""

    places: tuple[Place, ...]
    _by_key: dict[str, Place] = field(default_factory=dict, repr=False)
    _by_spaced: dict[str, Place] = field(default_factory=dict, repr=False)
    _cjk: re.Pattern | None = field(default=None, repr=False)
    _cjk_places: dict[str, Place] = field(default_factory=dict, repr=False)
    _acronyms: set[str] = field(default_factory=set, repr=False)
    _starts: set[str] = field(default_factory=set, repr=False)

    def __post_init__(self):
        # Earlier entries win a shared spelling, so the fixture's order settles ambiguity.
        for place in self.places:
            for name in place.all_names:
                if _is_cjk(name):
                    self._cjk_places.setdefault(name, place)
                self._by_key.setdefault(fold(name), place)
                self._by_spaced.setdefault(_fold_spaced(name), place)
                if name.isalpha() and name.isupper() and len(name) <= 5:
                    self._acronyms.add(_fold_spaced(name))
        # A name can only start with a word that begins one of the spellings (or a prefix of a spelling
        # written as one word, for Hamgyong-Bukto): most words of a text are skipped at once.
        self._starts = {key.split(" ")[0] for key in self._by_spaced} | {
            key[:n] for key in self._by_key for n in range(1, len(key) + 1)
        }
        if self._cjk_places:
            names = sorted(self._cjk_places, key=len, reverse=True)
            self._cjk = re.compile("|".join(re.escape(name) for name in names))

    @classmethod
    def from_file(cls, path: Path) -> "Gazetteer":
        with open(path, encoding="utf-8") as f:
            entries = json.load(f)
        return cls(
            tuple(
                Place(
                    name=entry["name"],
                    kind=entry["kind"],
                    country=entry.get("country"),
                    parent=entry.get("in"),
                    variants=tuple(entry.get("variants", ())),
                    note=entry.get("note", ""),
                )
                for entry in entries
            )
        )

    def lookup(self, term: str) -> Place | None:
        return self._by_key.get(fold(term or "")) if term else None

    def find_mentions(self, text: str) -> list[Mention]:
        mentions = self._latin_mentions(text)
        if self._cjk is not None:
            mentions += [
                Mention(self._cjk_places[m.group()], m.start(), m.end(), m.group()) for m in self._cjk.finditer(text)
            ]
        return sorted(mentions, key=lambda mention: mention.start)

    def _latin_mentions(self, text: str) -> list[Mention]:
        words = [m for m in _WORD.finditer(text) if not _is_cjk_word(m.group())]
        folded = [_fold_word(m.group()) for m in words]
        # Inside a longer name a possessive is part of it ("Democratic People's Republic of Korea"); only a
        # name's last word drops it ("Hyesan's markets").
        whole = [_fold_spaced(m.group()) for m in words]
        # links[k]: whether word k and word k + 1 may belong to one name (only spaces or a hyphen between).
        links = [_joins(a.group(), text[a.end() : b.start()]) for a, b in zip(words, words[1:])] + [False]
        mentions, i = [], 0
        while i < len(words):
            if folded[i] not in self._starts:
                i += 1
                continue
            reach = 1
            while reach < _MAX_WORDS and i + reach < len(words) and links[i + reach - 1]:
                reach += 1
            match = None
            # Longest run of words first, so "Tumen River" beats "Tumen" and "Changbai Mountain" beats "Changbai".
            for n in range(reach, 0, -1):
                run = words[i : i + n]
                place = self._by_spaced.get(" ".join(folded[i : i + n]))
                if place is None and n > 1:
                    place = self._by_spaced.get(" ".join(whole[i : i + n - 1] + folded[i + n - 1 : i + n]))
                if place is not None and n == 1 and folded[i] in self._acronyms and not _in_capitals(run[0].group()):
                    # An acronym (UN, MSS) is found in text only in capitals, so "un" or "mss" stay words; its
                    # possessive ("the DPRK's") is still the acronym.
                    place = None
                if place is None and n > 1:
                    # Written with different word breaks than any listed variant (Hamgyong-Bukto for
                    # Hamgyongbuk-do): accept only if hyphenated or capitalised, so "on song" is not Onsong.
                    place = self._by_key.get("".join(folded[i : i + n]))
                    joiners = [text[a.end() : b.start()] for a, b in zip(run, run[1:])]
                    if (
                        place is not None
                        and not any("-" in j or "‐" in j for j in joiners)
                        and not any(w.group()[0].isupper() for w in run[1:])
                    ):
                        place = None
                if place is not None and (
                    _names_a_city(text, run[0].start(), place)
                    or self._placed_in_region(text, run[0].start(), run[-1].end(), place)
                ):
                    place = self._city_named(" ".join(folded[i : i + n])) or place
                if place is not None:
                    end = run[-1].end() - (2 if run[-1].group().endswith(("'s", "’s")) else 0)
                    match = Mention(place, run[0].start(), end, text[run[0].start() : end])
                    break
            if match:
                mentions.append(match)
                i += n
            else:
                i += 1
        return mentions

    def _placed_in_region(self, text: str, start: int, end: int, place: Place) -> bool:
        """Whether a river's bare name, without its article, is followed by a province's or a prefecture's after a
        comma ("Tumen, Jilin"): a city is placed so, a river never is ("the Tumen, North Hamgyong's border")."""
        if place.kind != "river" or _ARTICLE_BEFORE.search(text, max(0, start - 5), start):
            return False
        if (after := _REGION_AFTER.match(text, end)) is None:
            return False
        words = after.group("name").split()
        # The longest run of its words that names a region: "Jilin Province", "North Hamgyong", "Jilin".
        for n in range(len(words), 0, -1):
            region = self.lookup(" ".join(words[:n]))
            if region is not None and region.kind in _REGION_KINDS:
                return True
        return False

    def _city_named(self, key: str) -> Place | None:
        """The city listed as "<name> City" when a text says "the city of <name>", whose bare name (Tumen)
        the gazetteer gives to something else (the river)."""
        place = self._by_spaced.get(f"{key} city")
        return place if place is not None and place.kind == "city" else None

    def find_places(self, text: str) -> list[Place]:
        mentions = self.find_mentions(text)
        named = {mention.place.name for mention in mentions if not _shortened(mention)}
        seen: dict[str, Place] = {}
        for mention in mentions:
            # A shortened name ("Friendship Bridge" of the Sino-Korean one) is shared by places elsewhere (Russia's
            # with North Korea): it names this place only where the text also names the place it stands in.
            if _shortened(mention) and mention.place.parent not in named:
                continue
            seen.setdefault(mention.place.name, mention.place)
        return list(seen.values())


def _names_a_city(text: str, start: int, place: Place) -> bool:
    """Whether the words before a name at `start` say it is a city's: "the city of", or a river's bare name after
    a preposition without its article."""
    before = max(0, start - _CITY_CONTEXT)
    if _CITY_OF.search(text, before, start):
        return True
    return place.kind == "river" and bool(_PREPOSITION.search(text, before, start))


# The word before a name that says what kind of place it is: "Paektu" of "Mount Paektu" is the name itself.
_KIND_WORDS = {"mountain": {"mount", "mt"}}


def _shortened(mention: Mention) -> bool:
    """Whether a mention names its place by the last words of its full name alone, the words left out more than the
    place's kind ("Mount")."""
    words, full = mention.text.split(), mention.place.name.split()
    if len(full) <= len(words) or [fold(w) for w in full[-len(words) :]] != [fold(w) for w in words]:
        return False
    return not {fold(w) for w in full[: -len(words)]} <= _KIND_WORDS.get(mention.place.kind, set())


def _joins(word: str, joiner: str) -> bool:
    """Whether `joiner` may stand inside a name after `word`: an abbreviation's full stop (N. Korea, Aug. 4) may."""
    if joiner.startswith(".") and len(word) <= 4 and word[:1].isupper():
        joiner = joiner[1:]
    elif joiner[:1] in "'’" and word.endswith("s"):
        joiner = joiner[1:]  # a plural possessive inside a name: "Workers' Party of Korea"
    return bool(_JOINER.fullmatch(joiner))


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    return _fold_spaced(_without_possessive(word))


@lru_cache(maxsize=65536)
def _is_cjk_word(word: str) -> bool:
    return _is_cjk(word)


def _in_capitals(word: str) -> bool:
    return _without_possessive(word).isupper()


def _without_possessive(word: str) -> str:
    return word[:-2] if word.endswith(("'s", "’s")) and len(word) > 3 else word


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer in fixtures/gazetteer.json (read once per process)."""
    for folder in settings.FIXTURE_DIRS:
        path = Path(folder) / GAZETTEER_FILE
        if path.exists():
            return Gazetteer.from_file(path)
    return Gazetteer(())


def places() -> tuple[Place, ...]:
    return default_gazetteer().places


def lookup(term: str) -> Place | None:
    return default_gazetteer().lookup(term)


def canonical_place(term: str) -> str | None:
    place = lookup(term)
    return place.name if place else None


def variants_of(term: str) -> set[str]:
    place = lookup(term)
    return set(place.all_names) if place else set()


def find_mentions(text: str) -> list[Mention]:
    return default_gazetteer().find_mentions(text)


def find_places(text: str) -> list[Place]:
    return default_gazetteer().find_places(text)
