"""Dates as news pages print them, and which line of a text is a date line.

Recognised: "March 17, 2025", "Mar. 17, 2025", "17 March 2025", "17th of March 2025", "Wed 5 Feb 2025", "2025-03-17",
"2025/3/17", "2025.03.17", "17.03.2025", "17-03-2025" (day first, as in Europe; month first when the day cannot be
a month), "2025년 3월 17일", "2025年3月17日", and for report covers a month alone: "June 2025" (the 1st).
A date line is a short line that is a date and nothing else but labels ("Published", "Originally posted", "As of", an
edition's "Issue"), times, zones, an outlet in parentheses and separators.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_MONTHS = {m: i for i, m in enumerate(("jan feb mar apr may jun jul aug sep oct nov dec").split(), 1)}
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_DATE = re.compile(
    rf"(?<![\w/.-])(?:"
    rf"(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d\d)"
    rf"|(?P<d2>{_DAY})(?:st|nd|rd|th)?(?:\s+of)?(?:\s+|-)(?P<m2>{_MONTH}),?(?:\s+|-)(?P<y2>(?:19|20)\d\d)"
    rf"|(?P<y3>(?:19|20)\d\d)[-/.](?P<m3>\d{{1,2}})[-/.](?P<d3>\d{{1,2}})\.?"
    rf"|(?P<d4>\d{{1,2}})(?P<sep>[./-])(?P<m4>\d{{1,2}})(?P=sep)(?P<y4>(?:19|20)\d\d)"
    rf"|(?P<y5>(?:19|20)\d\d)\s*[년年]\s*(?P<m5>\d{{1,2}})\s*[월月]\s*(?P<d5>\d{{1,2}})\s*[일日]"
    rf"|(?P<m6>{_MONTH})\s+(?P<y6>(?:19|20)\d\d)"
    rf")(?:(?![\w/-])|(?=T\d{{2}}:))",  # a timestamp's time may follow: "2024-12-05T15:40:00+09:00"
    re.IGNORECASE,
)
_LABELS = re.compile(
    # A blog's poster named by a one-word handle ("Posted by admin on 5 June 2025"): no one to credit, the line a date's.
    r"\bposted by [\w.-]+ on\b"
    # "As of 14 August 2024": a report's state on that day, its date.
    # A label may have its adverb ("Originally posted", "Initially published"); an edition's label follows its date
    # ("October 23, 2023 Issue") or comes before it ("Edition of Tuesday, 8 July 2025").
    # A programme's broadcast: "Aired 3 April 2025", "First broadcast: …".
    r"|\b(?:[a-z]+ly\s+)?(?:published|posted|date|dated|updated|last updated|first published|modified|last modified|on|at|"
    r"issued|released|as of|(?:first )?(?:aired|broadcast)|(?:issue|edition)(?: of)?)\b\s*:?"
    r"|(?:기사입력|입력|수정|등록|게재|승인|公開|更新|配信|发布|更新时间)\s*:?",  # the same labels on Korean, Japanese, Chinese pages
    re.I,
)
_WEEKDAYS = re.compile(r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?", re.I)
# A time, with its morning or afternoon marker in English, Korean ("오후 3:12"), Japanese or Chinese ("下午").
_TIME = re.compile(
    # A terminal's time runs to the millisecond: "07:42:10.318".
    r"(?:오전|오후|午前|午後|上午|下午)?\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d{1,6})?)?\s*(?:[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\.?",
    re.I,
)
# An American zone may be written short, without its season: "5:02 p.m. ET".
_ZONE = re.compile(
    r"\b(?:[A-Z]{2,4}T|[ECMP]T|GMT|UTC|KST|JST|CST|EST|EDT|PST|PDT|BST|CET|CEST)(?:[+-]\d{1,2})?\b|\b[AP]M\b"
)
_PARENS = re.compile(r"\([^()]{1,60}\)")
_PLACE_PREFIX = re.compile(r"^[A-Z][a-zA-Z'’.-]+(?: [A-Z][a-zA-Z'’.-]+){0,2},\s+(?=\S)")
_UPDATED = re.compile(r"^\W*(?:updated|last updated|modified|수정|更新)", re.I)
# A copied page runs its date elements together: "March 4, 20259:12 AM GMT+9Updated 3 days ago",
# "05.00 GMTLast modified on …". A year glued to a time, and a word glued to what precedes it, are parted.
_GLUED_TIME = re.compile(r"(?<=(?:19|20)\d\d)(?=\d{1,2}[:.]\d{2})")
_GLUED_WORD = re.compile(r"(?<=[a-z0-9])(?=[A-Z][a-z])|(?<=[A-Z]{2})(?=[A-Z][a-z])")
# A relative time beside the date ("Updated 3 days ago") says nothing of when the article was published.
# A timestamp's time and offset ("T15:40:00+09:00") and a reading or listening time beside the date ("6 min read").
_ISO_TIME = re.compile(r"T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")
_READING_TIME = re.compile(r"\b\d+\s*min(?:ute)?s?\.?(?:\s+(?:read|listen|watch))?\b", re.I)
_RELATIVE = re.compile(r"\b\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b", re.I)


@dataclass(frozen=True)
class FoundDate:
    value: datetime
    start: int
    end: int
    day_known: bool = True


def find_dates(text: str) -> list[FoundDate]:
    found = []
    for match in _DATE.finditer(text):
        value, day_known = _value(match)
        if value is not None:
            found.append(FoundDate(value, match.start(), match.end(), day_known))
    return found


def _value(match: re.Match) -> tuple[datetime | None, bool]:
    g = match.groupdict()
    day_known = True
    if g["y1"]:
        year, month, day = g["y1"], _month(g["m1"]), g["d1"]
    elif g["y2"]:
        year, month, day = g["y2"], _month(g["m2"]), g["d2"]
    elif g["y3"]:
        year, month, day = g["y3"], g["m3"], g["d3"]
    elif g["y4"]:
        year, day, month = g["y4"], g["d4"], g["m4"]
        if int(month) > 12 >= int(day):  # 03.17.2025 can only be month first
            day, month = month, day
    elif g["y5"]:
        year, month, day = g["y5"], g["m5"], g["d5"]
    else:
        year, month, day, day_known = g["y6"], _month(g["m6"]), 1, False
    try:
        return datetime(int(year), int(month), int(day), tzinfo=UTC), day_known
    except ValueError:
        return None, day_known


def _month(name: str) -> int:
    return _MONTHS[name.strip(".").lower()[:3]]


@dataclass(frozen=True)
class DateLine:
    value: datetime | None
    updated_only: bool  # "Updated: …": not when the article was published


@lru_cache(maxsize=4096)
def date_line(text: str) -> DateLine | None:
    """The date a line gives when the line is a date line (see the module docstring); None otherwise."""
    if len(text) > 120:
        return None
    text = _GLUED_WORD.sub(" ", _GLUED_TIME.sub(" ", text))
    found = find_dates(text)
    if not found:
        return None
    # "Geneva, 18 February 2025": a place before the date makes it a dateline, still a date line.
    rest = _PLACE_PREFIX.sub("", text) if found[0].start > 0 else text
    found = find_dates(rest)
    if not found:
        return None
    for date in reversed(found):
        rest = rest[: date.start] + " " + rest[date.end :]
    for pattern in (_PARENS, _RELATIVE, _ISO_TIME, _READING_TIME, _LABELS, _WEEKDAYS, _TIME, _ZONE):
        rest = pattern.sub(" ", rest)
    if re.sub(r"[\s,|/·•∙—–\-:.()]+", "", rest):
        return None
    first = found[0]
    return DateLine(first.value, updated_only=bool(_UPDATED.match(text)))


def dateline_date(paragraph: str) -> datetime | None:
    """The date of a dateline opening a story: "Yanji, 10 December 2024 — …"."""
    head = re.split(r"\s(?:--|—|–)\s", paragraph, maxsplit=1)
    if len(head) < 2 or len(head[0]) > 60:
        return None
    found = find_dates(head[0])
    return found[0].value if found and found[0].day_known else None
