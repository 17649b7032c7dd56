"""Outlets a text names as its own, known or not: in a copyright line, an "About X" box, a wire dateline's
parentheses, a date line's parentheses, "Source: X", "X is a reporter for Y", "appears in the … issue of Y",
"Thanks for reading Y", "Y is a programme of …", "Y is part of Z" (Y the site, Z its owner), and photo credits that pair
a credited person with an outlet ("Jane Doe/Outlet", "Jane Doe for Outlet")."""

import re

from archive.importers.outlets import known_outlet
from archive.importers.rawtext.boilerplate import is_boilerplate, is_menu
from archive.importers.rawtext.dates import date_line
from archive.importers.rawtext.headings import site_name_line
from archive.importers.rawtext.lines import is_capitals, is_title_case
from archive.importers.rawtext.names import (
    is_organisation,
    is_person_name,
    is_role,
    is_section_label,
    organisation_name,
)
from archive.importers.record import SourceRef

_COPYRIGHT = re.compile(
    r"(?:copyright\s*(?:©|\(c\))?|©|ⓒ|\(c\))\s*(?:(?:19|20)\d\d\s*[-–]?\s*)*(?P<name>[^.|·•]{2,80})", re.I
)
# A street address after a name ("… 12 Quay Road"); a number inside a name ("KPRV 12 News") is the name's own.
_STREET = (
    r"\s+\d[\w-]*\s+(?:[A-Z][\w'’.-]*\s+){0,3}(?:Road|Rd|Street|St|Avenue|Ave|Lane|Row|Way|Quay|Square|Sq|"
    r"Boulevard|Blvd|Drive|Place|Floor|Building|Suite|Plaza)\b"
)
_ABOUT = re.compile(r"^[Aa]bout (?:the )?(?P<name>[A-Z0-9][\w'’&.-]*(?: [\w'’&.-]+){0,6}):?$")
_SOURCE_LABEL = re.compile(r"(?:^|\|\s*)source\s*:\s*(?P<name>[^|]{2,80}?)\s*(?:\||$)", re.I)
_WORKS_FOR = re.compile(
    r"\bis (?:a|an|the) (?:[\w-]+ ){0,3}(?:reporter|correspondent|writer|editor|journalist|photographer) (?:for|at|with|of) (?:the )?(?P<name>[A-Z][\w'’&. -]{1,60}?)[.,;]"
)
_APPEARS_IN = re.compile(r"\bappears in the .{0,40}\b(?:issue|edition) of (?P<name>[A-Z][\w'’&. -]{1,60}?)[.,;]")
_THANKS = re.compile(r"^thanks for reading (?P<name>[A-Z][\w'’&. -]{1,60}?)[!.]", re.I)
_IS_OUTLET = re.compile(
    r"^(?P<name>(?:The )?[A-Z0-9][\w'’&.-]*(?: [A-Z0-9][\w'’&.-]*){0,6}) is "
    r"(?:(?:a|an) (?:[\w-]+ ){0,4}(?:program|programme|project|publication|website|service|news outlet|news site|magazine|"
    r"newsletter)\b|part of )"
)
# "SEOUL, March 3 (Yonhap) --", "(KNWT) —", "VLADIVOSTOK, June 3. /Pacific Wire/."
_PAREN_DATELINE = re.compile(
    r"^(?:[A-Z][\w .,'-]{0,60})?(?:\((?P<name>[^()]{2,50})\)\s*(?:--|—|–|-)\s|/(?P<slashed>[^/]{2,50})/\.?\s)"
)
_PAREN = re.compile(r"\((?P<name>[^()]{2,50})\)")


def resolve(name: str, organisations: frozenset[str] = frozenset()) -> SourceRef | None:
    """An outlet by name: the known outlet it is (or begins with: "RFA Korean" is RFA), else the name as it is.
    `organisations`: names shaped like a person's that the text describes as an organisation."""
    if _is_date(name):
        return None  # "SEOUL (18 March 2025) –": a date in a dateline's parentheses names no outlet
    name = name if name in organisations else organisation_name(name)
    if not name or len(name) > 80 or is_person_name(name) and name not in organisations:
        return None
    # A label ("PRESS RELEASE", "FOR IMMEDIATE RELEASE") or menu words ("News", "Home | World") name no outlet, unless
    # the text names it as one (a masthead the copyright line names again: "Border Weather Watch").
    if is_boilerplate(name) and name not in organisations:
        return None
    known = known_outlet(name)
    if known is None:
        words = name.split()
        for size in range(len(words) - 1, 0, -1):
            known = known_outlet(" ".join(words[:size]).rstrip("'’s"))
            if known is not None:
                break
    return known or SourceRef(name)


def _is_date(name: str) -> bool:
    """A date, with its year or without it ("18 March")."""
    return date_line(name) is not None or date_line(f"{name} 2000") is not None


# A page's first line names its site when it is a short name with the site's tagline under it: "BORDERLANDS NOTES"
# over "A research blog of the Frontier Societies Lab".
MAX_TOP_LINE_WORDS = 4
_TAGLINE = re.compile(r"^[A-Z][\w'’-]*(?: [\w'’&,–-]+){3,14}$")


# A tagline saying whose the site is: "Notes from the Border Lab, University of Aldmere".
_OF_ORGANISATIONS = re.compile(r"\s(?:of|from|by|at)\s+(?:the\s+)?(?P<owners>[A-Z].*)$")


def is_tagline(tagline: str) -> bool:
    """A site's tagline: a phrase of mostly lower-case words, no sentence, or one naming the organisations it is of."""
    if not _TAGLINE.match(tagline):
        return False
    lower = [w for w in tagline.split()[1:] if w[:1].islower()]
    if len(lower) >= len(tagline.split()) / 2:
        return True
    owners = _OF_ORGANISATIONS.search(tagline)
    return owners is not None and all(is_organisation(owner) for owner in owners.group("owners").split(","))


def from_top_line(line: str, tagline: str) -> SourceRef | None:
    """The site's name as the page's first line gives it, over its tagline (a phrase of mostly lower-case words, no
    sentence): weak evidence, taken when nothing else names one. A name in capitals takes ordinary case, except
    short words (acronyms: "HBS", "NK")."""
    words = line.split()
    if not 1 <= len(words) <= MAX_TOP_LINE_WORDS or not (is_capitals(line) or is_title_case(line)):
        return None
    if not is_tagline(tagline):
        return None
    if is_section_label(line) or is_boilerplate(line) or is_menu(line):
        return None
    line = ordinary_case(line)
    return resolve(line, frozenset({line}))  # the tagline says it is a site, whatever its name looks like


# An edition's label after a masthead ("English Edition", "Global Service").
_EDITION_LABEL = re.compile(
    r"^(?P<name>.+?)\s+(?P<label>(?:English|Korean|Japanese|Chinese|Global|International|Asia)\s+(?:Edition|Service|Version))$",
    re.I,
)


def ordinary_case(name: str) -> str:
    """A site's name set in capitals ("TIDEWATER TRADE WIRE") in ordinary case; short words, acronyms ("HBS", "NK"),
    stay. An edition's label set apart from a name in capitals by its ordinary case ("AMUR HERALD English Edition")
    is no part of the name; one in the name's own case ("The Amur Herald English Edition") is the edition's name."""
    found = _EDITION_LABEL.match(name)
    if found is not None and is_capitals(found["name"]) and not is_capitals(found["label"]):
        name = found["name"]
    if not is_capitals(name):
        return name
    return " ".join(w.capitalize() if len(w) > 3 else w for w in name.split())


# "ⓒ The Hanbit Ilbo & hanbitilbo.co.kr": the site's domain beside the holder's name is not part of it.
_WITH_DOMAIN = re.compile(r"(?<=\w)\s*(?:&|\band\b|/|\|)\s*(?:www\.)?[a-z0-9-]+(?:\.[a-z]{2,})+\b")


_AFFILIATES = re.compile(
    r"\s+(?:and/or|or|and)\s+its\s+(?:affiliate|affiliated|licensor|subsidiar|parent)\w*\b.*$", re.I
)


# A firm's legal form spelt with full stops ("Harbour Ledger L.P.", "Kestrel S.A."): no part of the name, and no
# end of it either.
_DOTTED_LEGAL_FORM = re.compile(
    r"(?<=\w),?\s+(?:L\.\s?L\.\s?P\.|L\.\s?L\.\s?C\.|L\.\s?P\.|S\.\s?A\.|N\.\s?V\.|B\.\s?V\.)"
)


def from_copyright(line: str, people: set[str], organisations: frozenset[str] = frozenset()) -> SourceRef | None:
    line = _WITH_DOMAIN.sub("", line)
    # A holder with a firm's legal form is a firm, whatever its name looks like.
    firm = _DOTTED_LEGAL_FORM.search(line) is not None
    match = _COPYRIGHT.search(_DOTTED_LEGAL_FORM.sub("", line))
    if match is None:
        return None
    # "© 2025 Outlet, 12 Harbour Road | Terms": the name ends at the first comma, street address or separator.
    name = re.split(
        rf",\s*(?!(?:inc|ltd|llc|co|corp)\b)|{_STREET}|\s+[-–—|·•]\s*|\s*\|", match.group("name"), maxsplit=1
    )[0]
    # "Guardian News & Media Limited or its affiliated companies": the holder, not its affiliates.
    holder = _AFFILIATES.split(name, maxsplit=1)[0]
    name = organisation_name(holder)
    if name[:1].islower():
        return None  # "All images are copyright of the photographers": holders described, not named
    if firm:
        organisations = organisations | {name}
    # A masthead in capitals given ordinary case ("PAN-ARC WIRE" is "Pan-arc Wire") is the name the copyright spells.
    folded = {organisation.casefold() for organisation in organisations}
    # A masthead the copyright names whole keeps the words a byline's rest would shed ("Northern Courts Reporter").
    whole = " ".join(holder.split()).strip(" .,")
    if whole != name and whole.casefold() in folded:
        return resolve(whole, organisations | {whole})
    for part in re.split(r"\s*/\s*", name):
        part = part.strip()
        if part.casefold() in folded:
            return resolve(part, organisations | {part})
        if part and part not in people and not is_person_name(part) and not re.fullmatch(r"[\d\s]*", part):
            return resolve(part)
    return None


def about_heading(line: str) -> bool:
    """Whether the line reads as an "About X" box's heading; a box has its text under it, a footer's link has none."""
    return _ABOUT.search(line) is not None


def from_line(line: str, organisations: frozenset[str] = frozenset()) -> SourceRef | None:
    """An outlet a closing or header line names as the text's own (see the module docstring)."""
    for pattern in (_ABOUT, _SOURCE_LABEL, _WORKS_FOR, _APPEARS_IN, _THANKS, _IS_OUTLET):
        match = pattern.search(line)
        if match is not None:
            name = match.group("name")
            if pattern is _ABOUT and (is_role(name) or _WHO_WROTE.match(name)):
                continue  # "About the Writer", "About the Author": an author's box, no outlet
            # "Thanks for reading Border Notes", "a reporter for X": the line says X is a publication, whatever
            # its name looks like ("About X" may be a person's box).
            if pattern not in (_ABOUT, _SOURCE_LABEL):
                organisations = organisations | {organisation_name(name)}
            if pattern is _SOURCE_LABEL and _describes(name):
                continue  # "Source: X compilation of monitoring reports": where figures come from, described
            return resolve(name, organisations)
    return None


# Whom an author's box is about: "About the Author", "About the Contributors".
_WHO_WROTE = re.compile(
    r"^(?:authors?|writers?|reporters?|contributors?|columnists?|journalists?|photographers?)$", re.I
)

# The small words a name may hold in lower case ("Centre for Border Studies", "Voice of the Border").
_NAME_SMALL_WORDS = {"of", "for", "and", "the", "on", "in", "at", "de", "&"}


def _describes(name: str) -> bool:
    """Whether a label's value describes rather than names: lower-case words beyond a name's small words ("X
    compilation of monitoring group reports"); a domain ("nkwire.example") is a name."""
    words = name.split()
    return any(w[:1].islower() and w not in _NAME_SMALL_WORDS and "." not in w for w in words)


# "Borderline Witness, a human rights organisation based in …": a name the text itself calls an organisation.
_DESCRIBED = re.compile(
    r"(?P<name>[A-Z][\w'’&.-]*(?: [A-Z][\w'’&.-]*){1,5})(?:,| is) (?:a|an|the) (?:[\w-]+ ){0,4}(?:organi[sz]ation|group|"
    r"charity|NGO|non-?profit|foundation|network|coalition|campaign|association|alliance|society|trust|magazine|"
    r"newsletter|publication|news outlet|news site|website)\b"
)


def described_organisations(text: str) -> frozenset[str]:
    """Names the text describes as an organisation, even those shaped like a person's name."""
    return frozenset(m.group("name") for m in _DESCRIBED.finditer(text))


def from_masthead(line: str, tail: str) -> SourceRef | None:
    """An organisation's name above the headline ("CENTER FOR BORDERLAND STUDIES") that the tail names again
    (in a citation, a copyright or a disclaimer): the publisher, spelt as the tail spells it."""
    name = line.split("|")[0].strip()
    # Its length counts its own words, not the small ones ("EMBASSY OF THE KINGDOM OF X IN Y": five).
    if not is_organisation(name) or len([w for w in name.split() if w.casefold() not in _NAME_SMALL_WORDS]) > 6:
        return None
    match = re.search(r"(?<!\w)" + r"\s+".join(map(re.escape, name.split())) + r"(?!\w)", tail, re.I)
    return resolve(match.group(0)) if match is not None else None


def from_dateline(paragraph: str) -> SourceRef | None:
    """ "DANDONG, China, Oct 3 (Meridian Wire) - …", "(KNWT) — …": the wire or station filing the story."""
    match = _PAREN_DATELINE.match(paragraph)
    if match is None:
        return None
    name = (match.group("name") or match.group("slashed")).strip()
    if re.search(r"\d", name) and not re.search(r"[A-Za-z]{3}", name):
        return None
    return resolve(name)


def from_date_line(line: str) -> SourceRef | None:
    """ "March 2, 2025 (The Tohoku Times Japan)": an outlet in a date line's parentheses."""
    match = _PAREN.search(line)
    if match is None or not is_organisation(match.group("name")) and not known_outlet(match.group("name")):
        return None
    return resolve(match.group("name"))


def from_photo_credit(credit: str, people: set[str]) -> SourceRef | None:
    """ "Martin Alvarez/The Northern Courier", "Tomasz Nowak for Meridian Quarterly": the outlet beside a person
    the text credits (or a name shaped like an outlet's)."""
    parts = [p.strip() for p in re.split(r"\s*/\s*|\s+for\s+", credit) if p.strip()]
    if len(parts) != 2:
        return None
    for person, outlet in (parts, parts[::-1]):
        # An agency's photo of someone the text does not credit ("AP Photo/Jane Doe") is not the text's own.
        if person in people and not is_person_name(outlet):
            return resolve(outlet)
    return None


# A news agency's or a picture library's credit names who sold the photo, not who published the text.
_AGENCY = re.compile(
    r"\b(?:agency|press|wire|photos?|images|pictures|handout|courtesy|file|getty|reuters|afp|ap|epa|xinhua|yonhap|"
    r"kcna|kyodo|jiji)\b",
    re.I,
)


def from_outlet_credit(credit: str) -> SourceRef | None:
    """ "Photo: Eastern Frontier Tribune": a photo credited to an outlet by its name alone, not to a person
    or an agency."""
    name = organisation_name(credit)
    if not name or "/" in name or _AGENCY.search(name) or not site_name_line(name):
        return None
    return resolve(name)
