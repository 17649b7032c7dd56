"""The names the importer recognises: starter tags (fixtures/tags.json), outlets (fixtures/sources.json)
and the gazetteer's places, and how a keyword or a tag name becomes a tag."""

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from archive import gazetteer
from archive.gazetteer import Gazetteer, Place
from archive.importers.record import Record, TagRef


def fixture_path(name: str) -> Path | None:
    for folder in settings.FIXTURE_DIRS:
        path = Path(folder) / name
        if path.exists():
            return path
    return None


def _load(name: str) -> list[dict]:
    path = fixture_path(name)
    if path is None:
        return []
    with open(path, encoding="utf-8") as f:
        return json.load(f)


@dataclass(frozen=True)
class Outlet:
    name: str
    slug: str = ""
    homepage: str = ""
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def starter_tags() -> tuple[dict, ...]:
    return tuple(_load("tags.json"))


@lru_cache(maxsize=1)
def outlets() -> tuple[Outlet, ...]:
    return tuple(
        Outlet(
            o["name"],
            o.get("slug", ""),
            o.get("homepage", ""),
            tuple(o.get("aliases", ())),
            tuple(o.get("domains", ())),
        )
        for o in _load("sources.json")
    )


@lru_cache(maxsize=1)
def tag_matcher() -> Gazetteer:
    """Starter tags as a gazetteer, so their names and aliases are found in text the way places are."""
    return Gazetteer(tuple(Place(t["name"], t["kind"], variants=tuple(t.get("aliases", ()))) for t in starter_tags()))


@lru_cache(maxsize=1)
def _keywords() -> dict[str, TagRef]:
    index = {}
    for tag in starter_tags():
        ref = TagRef(tag["name"], tag["kind"])
        for name in (tag["name"], *tag.get("aliases", ()), *tag.get("keywords", ())):
            index.setdefault(gazetteer.fold(name), ref)
    return index


def resolve_term(term: str) -> TagRef:
    """The tag a keyword or tag name stands for: a gazetteer place, a starter tag, or a new topic."""
    place = gazetteer.lookup(term)
    if place is not None:
        return TagRef(place.name, "place")
    known = _keywords().get(gazetteer.fold(term))
    if known is not None:
        return known
    name = " ".join(term.split())
    # Keyword lines are often all lower case; a tag name reads better capitalised ("remittance" -> "Remittance").
    if name.islower():
        name = name[0].upper() + name[1:]
    return TagRef(name, "")


def aliases_for(name: str) -> tuple[str, ...]:
    """The aliases a new tag of this name starts with: the place's variants or the starter tag's aliases."""
    place = gazetteer.lookup(name)
    if place is not None and gazetteer.fold(place.name) == gazetteer.fold(name):
        return place.variants
    for tag in starter_tags():
        if gazetteer.fold(tag["name"]) == gazetteer.fold(name):
            return tuple(tag.get("aliases", ()))
    return ()


def description_for(name: str) -> str:
    for tag in starter_tags():
        if gazetteer.fold(tag["name"]) == gazetteer.fold(name):
            return tag.get("description", "")
    place = gazetteer.lookup(name)
    if place is not None and gazetteer.fold(place.name) == gazetteer.fold(name):
        return place.note
    return ""


def find_tags(record: Record, keywords: list[str]) -> list[TagRef]:
    """Tags for a parsed article: its keyword terms, the places it names, the starter tags it is about."""
    tags: dict[str, TagRef] = {}

    def add(tag: TagRef) -> None:
        tags.setdefault(tag.name.casefold(), tag)

    for term in keywords:
        add(resolve_term(term))
    prominent = "\n".join([record.title, record.dek, *(p.caption for p in record.photos)])
    for place in gazetteer.find_places(prominent + "\n" + record.body):
        add(TagRef(place.name, "place"))
    matcher = tag_matcher()
    for tag in matcher.find_places(prominent):
        add(TagRef(tag.name, tag.kind))
    counts: dict[str, int] = {}
    for mention in matcher.find_mentions(record.body):
        counts[mention.place.name] = counts.get(mention.place.name, 0) + 1
    # One passing mention in the body is not what an article is about; two or more is.
    for tag in matcher.places:
        if counts.get(tag.name, 0) >= 2:
            add(TagRef(tag.name, tag.kind))
    return [TagRef(t.name, t.kind or "topic") for t in tags.values()]
