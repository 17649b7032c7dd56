"""People's and organisations' names as they stand in bylines and credits."""

import re

from archive import gazetteer

# A person's name: capitalised words or initials, with the particles names carry; or a Korean name in Hangul.
# Letters with accents count ("Tomás", "Müller"); digits and underscores do not.
_UPPER = r"[A-ZÀ-ÖØ-Þ]"
_LETTERS = r"(?:[a-zA-Z'’\-]|[^\W\d_a-zA-Z\uac00-\ud7af])+"
# A name written as its patronymic's initial run into the given name, as Mongolian papers print them ("B.Enkhjargal").
_INITIAL_RUN_IN = rf"[A-Z]\.{_UPPER}[a-z]{{2,}}(?:-{_UPPER}?[a-z]+)?"
NAME = (
    rf"(?:{_INITIAL_RUN_IN}|[A-Z]\.|{_UPPER}{_LETTERS}|[\uac00-\ud7af]{{2,4}})"
    rf"(?:\s+(?:[A-Z]\.|{_UPPER}{_LETTERS}|de|van|von|der|bin|al|da))*"
)
NAMES = rf"{NAME}(?:\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*){NAME})*"

# Words that make a capitalised phrase an organisation rather than a person.
_ORGANISATION_WORDS = {
    "news",
    "service",
    "agency",
    "press",
    "wire",
    "times",
    "daily",
    "herald",
    "post",
    "journal",
    "courier",
    "chronicle",
    "monitor",
    "network",
    "institute",
    "center",
    "centre",
    "quarterly",
    "lens",
    "shimbun",
    "radio",
    "tv",
    "television",
    "broadcasting",
    "media",
    "magazine",
    "review",
    "report",
    "ledger",
    "gazette",
    "tribune",
    "bureau",
    "staff",
    "foundation",
    "lab",
    "laboratory",
    "fellowship",
    "society",
    "trust",
    "initiative",
    "forum",
    "alliance",
    "coalition",
    "academy",
    "relief",
    "university",
    "group",
    "writer",
    "correspondent",
    "reporter",
    "editor",
    "photo",
    "photos",
    "images",
    "pictures",
    "pix",
    "commons",
    "ministry",
    "office",
    "committee",
    "council",
    "company",
    "corp",
    "inc",
    "ltd",
    "association",
    "project",
    "program",
    "programme",
    "the",
    "korean",
    "english",
    "edition",
    "world",
    "global",
    "international",
    "online",
    "channel",
    "studio",
    "studios",
    "desk",
    "team",
    "department",
    "division",
    "section",
    "unit",
    "branch",
    "administration",
    "commission",
    "authority",
    "embassy",
    "consulate",
    "audio",
    "podcast",
    "podcasts",
    "films",
    # A masthead's last word ("Sakhalin Weekly", "The Amur Standard"): an outlet's name, not a person's.
    "weekly",
    "monthly",
    "bulletin",
    "digest",
    "dispatch",
    "express",
    "ilbo",
    "insider",
    "mail",
    "observer",
    "standard",
    "telegraph",
    "watch",
    "guardian",
    "independent",
    # A newsletter's or a blog's last word ("Amur Letters", "Border Notes", "Harbour Brief").
    "letter",
    "letters",
    "notes",
    "newsletter",
    "brief",
    "briefing",
    "blog",
    "today",
    "fm",
}
# Words of a site's section and desk labels ("Asia Pacific", "World News", "Middle East"): a label of these
# words alone is a section, not a person.
_SECTION_WORDS = set(
    """asia pacific europe africa americas america middle east west north south latin oceania australasia
    politics business economy opinion sport sports culture science tech technology health climate environment
    world national local regional international uk us features analysis lifestyle entertainment arts travel
    education markets finance investigations metro nation""".split()
)
_SECTION_WORDS |= {"breaking", "top", "latest", "desk", "live"}
_SECTION_ENDINGS = {"news", "today", "report", "desk", "updates", "briefing", "reporting", "coverage"}
# A holder's title ("Research Associate", "Programme Coordinator"): a role beside a name, never a name or an outlet.
_ROLE_WORDS = {
    "correspondent",
    "reporter",
    "writer",
    "editor",
    "fellow",
    "analyst",
    "contributor",
    "columnist",
    "associate",
    "coordinator",
    "director",
    "officer",
    "manager",
    "researcher",
    "lecturer",
    "professor",
    "scholar",
    "specialist",
    "adviser",
    "advisor",
    "consultant",
    "producer",
    "presenter",
    "secretary",
    "treasurer",
}


def is_person_name(text: str) -> bool:
    """Two to four capitalised words (or a Hangul name, or an initial run into a name) that are not an organisation, a
    role or a place."""
    text = text.strip(" .")
    if re.fullmatch(r"[\uac00-\ud7af]{2,3}", text) or re.fullmatch(_INITIAL_RUN_IN, text):
        return True
    if not re.fullmatch(NAME, text):
        return False
    tokens = text.split()
    if not 2 <= len(tokens) <= 4:
        return False
    if any(t.lower().strip(".") in _ORGANISATION_WORDS for t in tokens):
        return False
    if is_section_label(text) or is_role(text):
        return False  # "Asia Pacific", "Senior Fellow": a desk or a title, not a name
    return gazetteer.lookup(text) is None and not is_desk(tokens)


def desk_outlet(name: str) -> str:
    """The outlet of a desk named with its place ("AFP South Korea" is AFP); any other name as it is."""
    tokens = name.split()
    for i in range(1, len(tokens)):
        if gazetteer.lookup(" ".join(tokens[i:])) is not None:
            return " ".join(tokens[:i])
    return name


def is_desk(tokens: list[str]) -> bool:
    """An agency's or outlet's desk named like a person: an acronym and a place ("AFP South Korea", "BBC Dandong"),
    or words that end with a place the gazetteer knows."""
    if len(tokens) >= 2 and re.fullmatch(r"[A-Z]{3,6}", tokens[0]) and not re.fullmatch(r"[A-Z]{3,6}", tokens[1]):
        return True
    return any(gazetteer.lookup(" ".join(tokens[i:])) is not None for i in range(1, len(tokens)))


def is_section_label(text: str) -> bool:
    """A site's section or desk label: "Asia Pacific", "World News", "Business Today"."""
    tokens = [t.lower().strip(".,") for t in text.split() if t.lower() not in ("&", "and", "the")]
    if not tokens or len(tokens) > 4:
        return False
    if tokens[-1] in _SECTION_ENDINGS:
        tokens = tokens[:-1]
    return bool(tokens) and all(t in _SECTION_WORDS for t in tokens)


# A rank before a title ("Senior Meteorologist", "Chief Hydrologist"): no name begins with one.
_RANKS = {"senior", "chief", "principal", "lead", "deputy", "assistant", "junior", "head"}
# A profession's word by its ending: "meteorologist", "economist", "cartographer".
_PROFESSION = re.compile(r"(?:ologist|onomist|ographer)$")


def is_role(text: str) -> bool:
    """A holder's title beside a name: "Reporter", "Senior Fellow", "Chief Hydrologist"."""
    tokens = re.findall(r"[a-z]+", text.lower())
    if not 0 < len(tokens) <= 4:
        return False
    return (
        tokens[-1] in _ROLE_WORDS or bool(_PROFESSION.search(tokens[-1])) or (len(tokens) >= 2 and tokens[0] in _RANKS)
    )


def is_organisation(text: str) -> bool:
    tokens = [t.lower().strip(".,") for t in text.split()]
    return 1 <= len(tokens) <= 8 and any(t in _ORGANISATION_WORDS for t in tokens)


def tidy_name(name: str) -> str:
    """A name as it is printed, with a name in capitals ("SEO JI-EUN") given ordinary case ("Seo Ji-eun")."""
    name = " ".join(name.split()).strip(" .,;:")
    if name.isupper() and len(name) > 3:
        name = " ".join(word.capitalize() for word in name.split())
    return name


def split_names(names: str) -> list[str]:
    # "BY MINA HOLT AND TOMAS LIND": a byline in capitals joins its names in capitals too.
    parts = re.split(r"\s*,\s*(?:and\s+)?|\s+(?:and|AND)\s+|\s*&\s*", names.strip(" ."))
    return [tidy_name(p) for p in parts if p.strip(" .")]


def organisation_name(text: str) -> str:
    """An outlet's name from a credit or copyright fragment: years, legal suffixes and notices removed."""
    # "ⓒ Outlet", "Copyright (c) 2025 Outlet": the notice is not part of the name.
    text = re.sub(r"(?i)^\s*(?:copyright\b\s*)?(?:[©ⓒ]|\(c\))?\s*", "", text)
    text = re.sub(r"\b(?:19|20)\d\d\b", " ", text)
    text = re.split(r"(?i)\ball rights reserved\b|무단|\bused with\b|\bpowered by\b|\s[·|•]\s", text)[0]
    text = re.sub(r"(?i)\b(?:corp(?:oration)?|inc|ltd|co|llc)\.?\s*$", "", text.strip(" .,"))
    text = re.sub(r"(?i)\s+(?:staff writer|staff|correspondent|reporter)$", "", text.strip(" .,"))
    # Where the outlet is ("X based in Seoul", "X, headquartered in Vladivostok") is no part of its name.
    text = re.sub(r",?\s+(?:based|headquartered|located) in\b.*$", "", text)
    # A separator left at the end ("UNHCR -", "Outlet |") is punctuation, not part of the name.
    return " ".join(text.split()).strip(" .,©ⓒ-–—|:;/")
