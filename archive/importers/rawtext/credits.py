"""Who wrote, translated, edited and photographed an article, from the lines that say so.

Bylines: "By X", "By X and Y, Outlet", "By X for Outlet", "by: X", "By X / Outlet Staff Writer",
"BY X [e-mail]", "By X | March 18, 2025", "By X Published: Jan 6, 2025", "Posted on 2025-04-12 by X"; "X Reporter", "김민수 기자";
a name alone (or with a role, or "in Place") in the lead-in under the headline.
Credit lines: "Translated by X. Edited by Y.", "Reporting by X in Beijing; Editing by Y", "Words by X",
"Photographs and text by X", "(Reporter: X / Translated by Y)", "(Japanese original by X, Bureau)"; a note on the
text after the story: "This article was translated from Korean by X and edited for length by Y."
"Follow X on …" and "e-mail him at" lines name the author and are otherwise boilerplate.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from archive.importers.rawtext.boilerplate import CONTRIBUTED
from archive.importers.rawtext.dates import DateLine, date_line, find_dates
from archive.importers.rawtext.lines import is_capitals
from archive.importers.rawtext.names import (
    NAME,
    NAMES,
    desk_outlet,
    is_person_name,
    is_role,
    organisation_name,
    split_names,
    tidy_name,
)
from archive.importers.record import CreditRecord

_ROLES = {
    "translated": "translator",
    "translation": "translator",
    "translator": "translator",
    # An interpreter puts the spoken words into another language: the archive's translator.
    "interpreted": "translator",
    "interpretation": "translator",
    "interpreter": "translator",
    "edited": "editor",
    "editing": "editor",
    "editor": "editor",
    "written": "author",
    "writing": "author",
    "words": "author",
    "text": "author",
    "story": "author",
    "reported": "author",
    "reporting": "author",
    "additional reporting": "author",
    "reporter": "author",
    "original": "author",
    "japanese original": "author",
    "korean original": "author",
    "photos": "photographer",
    "photo": "photographer",
    "photographs": "photographer",
    "photography": "photographer",
    "pictures": "photographer",
    "photographer": "photographer",
    "by": "author",
    "produced": "author",
    "producer": "author",
    "hosted": "author",
    "presented": "author",
    "compiled": "author",
    "production": "author",
    # Who asked the questions of an interview: "Interview by X", "Conducted by X".
    "interview": "author",
    "interviews": "author",
    "interviewed": "author",
    "conducted": "author",
    "interview conducted": "author",
    "author": "author",
    "writer": "author",
    "interviewer": "author",
    "correspondent": "author",
}
_ROLE = (
    r"(?:interviews?|interviewed|(?:interview )?conducted|translated|translation|interpreted|interpretation|edited|"
    r"editing|written|writing|words|text|story|additional reporting|reporting|reported|produced|compiled|production|"
    r"(?:japanese |korean )?original|photos|photographs|photography|pictures|hosted|presented)"
)
# Roles in a programme's credits that are none of the archive's (author, translator, editor, photographer): "Music by
# X", "Sound design by Y". Read as credits so the line is one, they credit no one.
_OTHER_ROLE = re.compile(
    r"^(?:(?:theme |original )?music|sound(?: design)?|mixing|mixed|audio engineering|engineered|artwork|illustrations?|"
    r"design|graphics|animation|cover art)\s+by\s+\S.{0,80}$",
    re.I,
)
# "Translated from Russian by X": the language translated from is not part of the role.
# "(with) reporting from X in Seoul": a reporter named with where they filed from.
# The role may say what it worked on first, in a word: "Interviews translated by X", "Captions written by Y",
# "Transcript edited by Z", "Korean passages translated by W" (a verb's helper, "was edited by", makes a sentence, no
# credit line).
_WORK = r"(?:(?:the\s+)?(?!(?:is|are|was|were|be|been|being|has|have|had|also|and|or|not|first|later)\s)[a-z]+\s+)"
# Or in two, a capitalised word and a word in lower case: "Korean passages translated by X" ("Foreign Desk" is a label).
_WORK_IN_TWO = r"(?-i:[A-Z][a-z]+\s+(?!(?:is|are|was|were|be|been|being|has|have|had|also|and|or|not)\s)[a-z]+\s+)"
# What the role was done for may follow it: "Edited for the web by X", "Translated for this edition by Y".
_ROLE_PAIR = re.compile(
    rf"^(?:with\s+)?(?:{_WORK_IN_TWO}|{_WORK})?(?P<roles>{_ROLE}(?:\s+(?:and|&)\s+{_ROLE})?)"
    r"(?:\s+from\s+[A-Z][a-z]+|\s+for\s+(?:the\s+|this\s+)?[a-z]+)?\s+by\s*:?\s+(?P<names>.+)$"
    # "With assistance from X", "With help from Y": a wire's credit for a reporter who helped.
    rf"|^(?:with\s+)?(?P<reporting>(?:additional\s+)?reporting|(?:additional\s+)?assistance|help)\s+from\s+(?P<reporters>.+)$",
    re.I,
)
# "Text: X", "Words: X", "Translation: X", "Editor: X", "Interview: X": a role as a label over a name.
# The role may say what it works on first: "Video editor: X", "Senior correspondent: Y".
_ROLE_LABEL = re.compile(
    r"^(?:(?:video|photo|picture|copy|news|web|digital|managing|senior|chief|deputy|associate|contributing|staff|"
    r"executive|responsible|duty|night|desk|section|commissioning|assigning|supervising)\s+)?"
    # Roles joined: "Text/Photo: X", "Words & pictures: X", "Text and pictures: X".
    r"(?P<role>{role}(?:/{role}|\s*&\s*{role}|\s+and\s+{role})?)(?:\s+in\s+charge|\s+responsible)?\s*:\s*"
    # "Text/Photo: All-media reporter X": a reporter's title before the name is not part of it.
    r"(?:(?:[\w-]+\s+)?(?i:reporter|correspondent)\s+(?=[A-Z]))?(?P<names>.+)$".format(
        # A role's noun too: "Reporting: X", "Additional reporting: Y", "Editing: Z".
        role=r"(?:reporter|correspondent|author|writer|byline|text|words|story|interview(?:er)?|translat(?:or|ion)|"
        r"interpret(?:er|ation)|editor|"
        r"(?:additional\s+)?reporting|editing|writing|"
        r"photographer|photography|photographs?|photos?|pictures)"
    ),
    re.I,
)
# "Reporter Lee Soo-jin", "Correspondent X": a reporter's title before the name, as Korean and Chinese pages set it.
_ROLE_BEFORE = re.compile(rf"^(?P<role>(?i:reporter|correspondent))\s+(?P<names>{NAMES})$")

BYLINE = re.compile(
    # "Guest post by X": a blog's byline for a writer from outside; "Review by X", "Analysis by X": the kind of piece
    # before "by" names no one.
    # "Story by X, University Communications": the piece's noun before "by", the writer's office after the comma.
    rf"^(?i:by|written by|words by|story by|posted by|(?:an?\s+)?guest (?:post|article|essay|column) by|"
    rf"(?:review|analysis|commentary|column|essay|opinion|profile|feature|explainer)\s+by|"
    # A book review's byline names its reviewer, its author: "Reviewed by X".
    rf"reviewed\s+by|"
    # "Summary prepared by X", "Report compiled by X": the piece and how it was made, before the name.
    rf"(?P<prepared>(?:[A-Za-z]+\s+)?(?:prepared|compiled)\s+by))\s*:?\s+"
    # "By our correspondent X", "By North Asia correspondent X": the desk or beat before the name is not part of it,
    # nor is a role in words of lower case ("Written by duty forecaster X").
    r"(?:(?:(?i:our|a|an|the)\s+)?(?:[\w'’-]+\s+){0,3}?(?i:correspondent|reporter|writer|editor)\s+(?=[A-Z])"
    r"|(?:[a-z][\w'’-]*\s+){1,3}(?=[A-Z]))?"
    rf"(?P<names>{NAMES}|[A-Z][A-Z' -]+[A-Z])"
    # "By X in Seoul | Outlet": where the reporter filed from is not part of the name.
    rf"(?:\s+in\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}}(?=\s*(?:,|\||$)))?"
    # "Posted by X on March 17, 2025": the date after "on" is the byline's rest.
    rf"(?:\s*(?:,|\||(?<!\w)-|–|—|/|\bfor\b|\bon\b(?=\s+\S*\d|\s+[A-Z][a-z]+\.?\s+\d)|\[|\()\s*(?P<rest>.{{2,100}}))?$"
)
# "Ilse Varga Staff Reporter": the names end where the title begins (a title's "Staff" is no part of a name).
_REPORTER_SUFFIX = re.compile(
    r"^(?P<names>[^\W\d_][^,|/()]{1,80}?)\s+(?i:(?:staff|senior|chief|special)\s+)?(?i:reporters?|기자|correspondents?)$"
)
_NAME_IN_PLACE = re.compile(rf"^(?P<names>{NAMES})\s+in\s+[A-Z][\w' -]{{1,40}}$")
# "X, Senior Fellow", "X | Asia Correspondent", "X — Staff Writer": a name and its holder's role beside it.
_NAME_ROLE = re.compile(rf"^(?P<names>{NAME})(?:,\s+|\s+[|·–—]\s+)(?P<role>[A-Za-z ]{{3,40}})$")
_FOLLOW = re.compile(rf"^follow\s+(?P<name>{NAME})\s+on\s+\w+", re.I)
# An e-mail address beside a name, bare or in brackets: contact details, not part of the credit.
EMAIL = re.compile(r"\s*[\[(<]?[\w.+-]+@[\w-]+\.[\w.-]*\w[\])>]?")
# "(now)", "(earlier)" after a live blog's names: which shift each wrote, not part of the name.
_SHIFT = re.compile(r"\s*\((?:now|earlier|later|until \w+|from \w+|morning|afternoon|evening|overnight)\)", re.I)
# A byline naming a desk, not a person: "By Staff Reporter", "Staff writer", "Our Correspondent",
# "From our correspondent in Dandong", "By a Staff Writer, Outlet".
_STAFF_BYLINE = re.compile(
    r"^(?:(?:by|from)\s+)?(?:(?:our|a|an|the)\s+)?(?:(?:own|staff|special|senior|foreign|local|regional|political|"
    r"diplomatic|economics?|business|news|city|border)\s+)?(?:reporters?|writers?|correspondents?|staff|desk|bureau)"
    r"(?:\s+in\s+[A-Z][\w'’ -]{1,40}|\s*[,|/]\s*.{2,60})?$",
    re.I,
)
# "By Pacific Lowdown Staff", "By Harbour Post Staff Writers", "By The Harbour Post Editorial Board": the outlet's staff
# or its board, no one by name.
_OUTLET_STAFF = re.compile(
    r"^by\s+(?:the\s+)?(?:[A-Z][\w'’&.-]*\s+){1,4}(?i:staff(?:\s+(?:writers?|reporters?))?|newsroom|news desk|desk|team|"
    r"(?:editorial\s+)?board|editors)$",
    re.I,
)
# "By Yoon Seo-yeon Staff Reporter": the reporter's title right after the name is not part of it (after a comma,
# "By X, Asia Correspondent", the byline's rest reads it).
_ROLE_AFTER = re.compile(
    r"^(?=[^,|/]*$)(?P<byline>.*?[a-z])\s+(?i:(?:staff|senior|chief|special)\s+)?(?i:reporter|writer|correspondent)$"
)
_EMAIL_PROMPT = re.compile(rf"^(?P<name>{NAME})\s+(?:can be reached|is on|tweets)\b", re.I)


# Where the first of several reporters filed from: "By X in Hunchun and Y" (the place is no name's part).
_FILED_FROM = re.compile(r"\s+in\s+[A-Z][a-z][\w'’.-]*(?:\s+[A-Z][a-z][\w'’.-]*){0,2}(?=\s+(?:and|&)\s+[A-Z])")


# Another reporter after the first one's role, with where they filed from or their own role: "and Y in Seoul".
_ANOTHER = re.compile(rf"^(?:and|&)\s+(?P<name>{NAME})(?:\s+in\s+[A-Z][\w'’ -]{{1,40}})?$")


# A title before a byline's name ("By Dr. X", "By Prof. X"): the name is the person's without it.
HONORIFIC = r"(?:Dr|Prof|Professor|Mr|Mrs|Ms|Sir|Dame)\.?\s+(?=[A-Z])"
_HONORIFIC = re.compile(rf"^(?P<marker>(?i:by)\s+){HONORIFIC}")


# "By X, University Communications", "By Y, Press Office": the writer's office inside a body that publishes through
# its own site; the site's name, not the office's, is the outlet.
_IN_HOUSE_OFFICE = re.compile(r"\b(?:Communications|Office|Department|Public Affairs|Media Relations)$")


@dataclass
class Byline:
    credits: list[CreditRecord] = field(default_factory=list)
    outlet: str = ""


def byline(text: str) -> Byline | None:
    """The credits and outlet of a byline ("By A and B, Outlet"), or None if the line is not one."""
    text = _HONORIFIC.sub(r"\g<marker>", _FILED_FROM.sub("", text))
    match = BYLINE.match(_ROLE_AFTER.sub(r"\g<byline>", _SHIFT.sub("", EMAIL.sub("", text.strip())).strip()))
    if match is None:
        return None
    found = Byline()
    parts = split_names(match.group("names"))
    rest = match.group("rest") or ""
    for part in parts:
        if is_person_name(part):
            found.credits.append(CreditRecord("author", part))
        elif (
            not found.outlet and not is_role(part) and not match.group("prepared") and not _IN_HOUSE_OFFICE.search(part)
        ):
            found.outlet = desk_outlet(organisation_name(part))
    if date_line(rest.strip(" []()")) is not None:
        rest = ""
    for part in re.split(r"\s*[,|/]\s*", rest):
        part = part.strip(" []")
        # "Written By: X | Edited By: Y", "By X, Fact-check reporter | Edited by Y": a credit, not an outlet.
        if part and (more := credit_line(part)) is not None:
            found.credits += more
            continue
        # "By X, Asia correspondent, and Y in Seoul": after the first name's role, another name and its place or role.
        if (other := _ANOTHER.match(part)) is not None and is_person_name(other.group("name")):
            found.credits.append(CreditRecord("author", other.group("name")))
            continue
        if not part or "@" in part or re.search(r"\d", part) or is_role(part) or find_dates(part + " 2000"):
            continue
        # "Summary prepared by X, Research Service": the body that prepared the text, not the outlet publishing it.
        # "Written by X, field partner in Yanbian": a role in words of lower case, no outlet's name.
        if (
            not found.outlet
            and re.match(r"(?:the\s+)?[A-Z\d]", part)
            and not is_person_name(part)
            and not _is_place(part)
            and not match.group("prepared")
            and not _IN_HOUSE_OFFICE.search(part)
        ):
            found.outlet = desk_outlet(organisation_name(part))
    if not found.credits:
        return None
    return found


# "By X Published: Jan 6, 2025 10:42 PM": a byline run together with its labelled date, nothing between them.
_DATED_BYLINE = re.compile(
    r"^(?P<byline>(?i:by)\s+\S.{1,80}?)\s+(?P<date>(?i:published|posted|updated|first published|last updated)\b.+)$"
)


@dataclass(frozen=True)
class DatedByline:
    byline: Byline | None  # None when it names an outlet or a desk, no one
    date: DateLine


def dated_byline(text: str) -> DatedByline | None:
    """A byline and its date on one line with no separator (see _DATED_BYLINE): never a headline."""
    match = _DATED_BYLINE.match(text.strip())
    if match is None or (date := date_line(match.group("date"))) is None:
        return None
    return DatedByline(byline(match.group("byline")), date)


def staff_byline(text: str) -> bool:
    """A byline that names a desk rather than a person (see _STAFF_BYLINE): no credit, and no name."""
    text = text.strip(" .")
    return len(text.split()) >= 2 and bool(_STAFF_BYLINE.match(text) or _OUTLET_STAFF.match(text))


def _is_place(text: str) -> bool:
    from archive import gazetteer

    return gazetteer.lookup(text) is not None


@lru_cache(maxsize=4096)
def lead_in_names(text: str) -> tuple[CreditRecord, ...] | None:
    """Authors from a lead-in line that is only names: "Min-jun Park", "A and B", "X in Dandong", "X, Senior Fellow",
    "X | Asia Correspondent", "X Reporter", "김민수 기자"."""
    # An e-mail address or a bracketed one beside the name ("Kim Ha-na Reporter hana@example.co.kr").
    text = re.sub(r"\s*[\[(<]?[\w.+-]+@[\w-]+\.[\w.-]+[\])>]?\s*$", "", text.strip())
    text = _FILED_FROM.sub("", _SHIFT.sub("", text))
    if re.match(r"(?i)by\b", text):
        return None  # a byline marker: read by byline(), which keeps the name without it
    if is_capitals(text):
        return None  # "SITUATION OVERVIEW", "MARKET PRICES": a heading or a section in capitals, not a byline
    for pattern in (_REPORTER_SUFFIX, _NAME_IN_PLACE):
        if (match := pattern.match(text)) is not None:
            names = split_names(match.group("names"))
            if all(is_person_name(n) for n in names):
                return tuple(CreditRecord("author", n) for n in names)
    if (match := _NAME_ROLE.match(text)) is not None and is_role(match.group("role")):
        # "IRINA VOLKOVA, Senior Correspondent": a name in capitals beside its role takes ordinary case.
        name = tidy_name(match.group("names"))
        return (CreditRecord("author", name),) if is_person_name(name) else None
    if len(text) <= 80 and re.fullmatch(NAMES, text):
        names = split_names(text)
        if names and all(is_person_name(n) for n in names):
            return tuple(CreditRecord("author", n) for n in names)
    return None


def beside_role(text: str) -> bool:
    """Whether the line is a name beside its holder's role ("X | Staff Writer", "X, Senior Fellow"): a byline, never a
    picture's caption, even over a credit line."""
    match = _NAME_ROLE.match(text.strip())
    return match is not None and is_role(match.group("role")) and lead_in_names(text) is not None


@lru_cache(maxsize=4096)
def credit_line(text: str) -> tuple[CreditRecord, ...] | None:
    """The credits of a line made only of credits, or None (see the module docstring)."""
    if len(text) > 300:
        return None
    # A reporter's address beside the name is no part of it: "Reporter X (x@example.com)".
    # A wire's dashes before a closing credit are no part of it either: "--With assistance from X."
    inner = EMAIL.sub("", text.strip()).lstrip("-–— ").strip()
    if inner.startswith("(") and inner.endswith(")"):
        inner = inner[1:-1]
    # "Edited by X, with reporting from Y": a credit after a comma and "with" is a segment of its own.
    # "Words: X · Photos: Y": a magazine's credits side by side, parted by a middle dot or a bullet.
    separators = r"\s*(?:;|(?<=[a-z])\.\s+|\s/\s|\||\s[·•∙]\s|,(?=\s+with\s))\s*"
    segments = [s.strip() for s in re.split(separators, inner.rstrip(".")) if s.strip()]
    if not segments:
        return None
    credits = []
    for segment in segments:
        if _OTHER_ROLE.match(segment) and len(segments) > 1:
            continue
        if credits and is_role(segment) and not is_person_name(segment):
            continue  # "Photos by X | Photo Editor": the role of the name before the bar, as after a comma
        match = _ROLE_PAIR.match(segment) or _ROLE_LABEL.match(segment) or _ROLE_BEFORE.match(segment)
        if match is None:
            return None
        groups = match.groupdict()
        roles = re.split(
            r"\s+(?:and|&)\s+|/", (groups.get("roles") or groups.get("reporting") or groups["role"]).lower()
        )
        names = []
        for raw in split_names(groups.get("names") or groups["reporters"]):
            raw = re.sub(r"\s+in\s+[A-Z][\w' -]+$", "", raw)  # "X in Beijing"
            raw = re.sub(r"\s+for\s+(?:the\s+)?[A-Z][\w'’&. -]+$", "", raw)  # "X for The Y Weekly": whom X worked for
            # "Author: X (KSWA)": the outlet in brackets after the name is whom X works for, no part of the name.
            raw = re.sub(r"\s*\((?:[A-Z][\w'’&.-]*\s*){1,4}\)$", "", raw)
            if is_person_name(raw):
                names.append(raw)
            elif not _is_place(raw) and not re.search(r"(?i)bureau|desk|office", raw) and not is_role(raw):
                return None
        if not names:
            return None
        for role in roles:
            credits += [CreditRecord(_ROLES.get(role, "author"), name) for name in names]
    return tuple(credits)


# Credits in brackets set at the end of the story's last paragraph: "… back to her books." (Reporting by X; Editing by Y)
_GLUED_CREDITS = re.compile(r"^(?P<text>.+?[.!?…][\"”’]?)\s+(?P<credits>\([^()]{5,200}\))$")


def glued_credits(text: str) -> tuple[str, str] | None:
    """A paragraph's text and the bracketed credit line set at its end, or None if it ends with no credits."""
    match = _GLUED_CREDITS.match(text)
    found = credit_line(match.group("credits")) if match is not None else None
    # "(Photo: X)" after a caption is the picture's credit, read with its caption.
    if not found or any(c.role == "photographer" for c in found):
        return None
    return match.group("text"), match.group("credits")


# The line under a name that says what its holder did: "Reporting from Seoul", "Live page editor", "Senior correspondent".
_SIGNATURE_ROLE = re.compile(r"^(?i:reporting|writing|filing|reporting and writing) from [A-Z][\w'’ -]{1,40}$")


def signature(name_line: str, role_line: str) -> tuple[CreditRecord, ...] | None:
    """A live blog entry's or a column's signature: a name alone over a line naming its holder's role. The role
    decides the credit ("Live page editor": an editor)."""
    names = lead_in_names(name_line)
    if not names or len(names) != 1:
        return None
    if _SIGNATURE_ROLE.match(role_line):
        role = "author"
    elif is_role(role_line) and not is_person_name(role_line) and ":" not in role_line:
        role = _ROLES.get(role_line.split()[-1].lower(), "author")
    else:
        return None
    return (CreditRecord(role, names[0].name),)


# A letter's signature under its last paragraph: the writer and where they write from ("X, Sai Kung", "— X, Busan").
_SIGN_OFF = re.compile(rf"^(?:[-–—]\s*)?(?P<name>{NAME}),\s+(?P<place>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,2}})\.?$")


def sign_off(text: str) -> CreditRecord | None:
    """The writer a signature right under the story names (see _SIGN_OFF); the place after the comma is no name."""
    match = _SIGN_OFF.match(text.strip())
    if match is None or not is_person_name(match.group("name")) or is_role(match.group("place")):
        return None
    return CreditRecord("author", match.group("name"))


def sign_off_lines(name_line: str, place_line: str) -> CreditRecord | None:
    """A signature set as two lines, the writer's name over where they write from ("X" over "Harrogate")."""
    if "," in name_line or "," in place_line:
        return None
    return sign_off(f"{name_line}, {place_line}")


# A note on the text itself after the story: "This article was translated from Korean by X and edited for length by Y."
# A programme's note on who makes it: "The X Hour is produced by Y. Our editor is Z." (the sentence ends at the names:
# "The show is hosted by Y, who …" is the story's).
_NOTE = re.compile(
    r"^(?i:this (?:article|story|report|piece|interview|text) (?:was|has been))\b"
    rf"|^(?:The )?[A-Z][\w'’&.-]*(?: [A-Z][\w'’&.-]*){{0,5}} is (?:produced|edited|written|presented|hosted) by "
    rf"{NAMES}(?:\.\s|\.?$)"
)
_NOTE_ROLE = re.compile(
    rf"\b(?P<role>translated|edited|written|reported|compiled|produced)\b[^.;]{{0,60}}?\bby\s+(?P<names>{NAMES})"
    rf"|\b[Oo]ur (?P<our_role>editor|translator|producer|photographer)s? (?:is|are|was|were)\s+(?P<our_names>{NAMES})"
)
# Who helped with the story, named under it: "Staff writer X in Beijing contributed to this report." The archive has
# no contributor's role: a contributor reported, as an author does.
# The outlet may stand before the name as its possessive: "Harbour 6 News' X contributed to this report."
_CONTRIBUTOR = re.compile(
    rf"^(?:.{{0,60}}?\b(?:writer|reporter|correspondent|journalist|photographer)\s+"
    r"|[A-Z][^.!?]{1,60}?(?:'s?|’s?)\s+)?"
    rf"(?P<names>{NAMES})"
    rf"(?:\s+in\s+[A-Z][\w'’ -]{{1,40}}?)?\s+{CONTRIBUTED}$"
)


@lru_cache(maxsize=4096)
def note_credits(text: str) -> tuple[CreditRecord, ...] | None:
    """The people a note on the text credits (see _NOTE), each in the role the note gives them, or a contributor
    line's (see _CONTRIBUTOR); None for any other line."""
    if len(text) > 400:
        return None
    if (contributor := _CONTRIBUTOR.match(text)) is not None:
        names = [name for name in split_names(contributor.group("names")) if is_person_name(name)]
        return tuple(CreditRecord("author", name) for name in names) or None
    if not _NOTE.match(text):
        return None
    found = tuple(
        CreditRecord(_ROLES[match.group("role") or match.group("our_role")], name)
        for match in _NOTE_ROLE.finditer(text)
        for name in split_names(match.group("names") or match.group("our_names"))
        if is_person_name(name)
    )
    return found or None


@lru_cache(maxsize=4096)
def follow_line(text: str) -> str | None:
    """The author named in "Follow X on Twitter …, e-mail him at …" (a promotion line, not story text)."""
    if len(text) > 300:
        return None
    match = _FOLLOW.match(text) or _EMAIL_PROMPT.match(text)
    if match is not None and is_person_name(match.group("name")):
        return match.group("name")
    return None


_GUEST = re.compile(r"(?i:\b(?:with|featuring|feat\.|ft\.|and|meets|vs\.?|versus))\s*$")


def trailing_name(title: str, text_elsewhere: str) -> str | None:
    """A byline glued to the end of a title line, confirmed by the same name elsewhere in the text."""
    match = re.search(rf"\s(?P<name>{NAME})$", title)
    if match is None or _GUEST.search(title[: match.start()]) or len(title[: match.start()].split()) < 2:
        # "…, with Ana Kowalski": a guest the headline names, not a byline; "The Long Road": a title of its own.
        return None
    tokens = match.group("name").split()
    # Try the shortest ending first: a name is two or three words, the title's own words come before it.
    for size in (2, 3):
        if len(tokens) < size:
            continue
        name = " ".join(tokens[-size:])
        if is_person_name(name) and text_elsewhere.count(name) >= 1:
            return name
    return None


# "Exporters bet on a bridge that goes nowhere | Lim Hye-jin": a headline and its writer's name parted by a bar, as a
# page's title sets them. The bar says the name is a field of its own, so no other mention is needed to confirm it.
_PIPED_NAME = re.compile(rf"^(?P<title>\S.{{10,}}?)\s+\|\s+(?P<name>{NAME})$")


def piped_byline(text: str) -> str | None:
    """The writer's name set after a bar at the end of a headline line, or None."""
    match = _PIPED_NAME.match(text.strip())
    if match is None or "|" in match.group("title") or len(match.group("title").split()) < 4:
        return None  # "News | Opinion | Lim Hye-jin": a menu's items, not a headline
    name = match.group("name")
    return name if is_person_name(name) and not _is_place(name) else None
