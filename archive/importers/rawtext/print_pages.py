"""Text copied from a print edition or an e-paper: pages of hard-wrapped columns.

A text is read as printed pages only when it carries a page's furniture: a running page header or footer
("6  THE NORTHERN LEDGER  Tuesday, May 6, 2025", "Page 6") or a jump line ("Continued on Page 9", "From
Page 1", "See SMUGGLERS, Page 9"). Then:

- the furniture is dropped, and so is a jump head (the story's keyword over "From Page 6");
- a paragraph broken by a page turn is joined again (it ends mid-sentence, the next part starts in lower case);
- each paragraph's wrapped lines are reflowed into one, and a word hyphenated across a line end is mended
  ("smug-" "glers" is "smugglers"), unless the text writes that compound with its hyphen elsewhere
  ("cross-border" on one line, "cross-" "border" on another) or its second part is capitalised ("Sino-Korean");
- another story on the same page (a headline with its own byline under it, after the story has begun)
  is left out up to the next jump back to this story.

The running header's masthead and date are the edition's: the outlet and date when the text gives no other.
Other texts pass through unchanged.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime

from archive.importers.rawtext.boilerplate import AD_LABEL
from archive.importers.rawtext.credits import byline, staff_byline
from archive.importers.rawtext.dates import find_dates
from archive.importers.rawtext.headings import site_name_line
from archive.importers.rawtext.lines import BULLET, SENTENCE_END, blocks, is_capitals

_PAGE = r"(?i:page|p\.|pg\.?)\s*[A-Z]?\d{1,3}"
# "Page 6", "Page 6 of 24", "p. 6".
PAGE_LINE = re.compile(rf"^{_PAGE}(?:\s*(?i:of|/)\s*\d{{1,3}})?$")
# Where a story jumps to or comes from: "Continued on Page 9", "Continued on A9", "See SMUGGLERS, Page 9",
# "Turn to Page 5", "From Page 6", "SMUGGLERS, from Page 1". The story's keyword is in capitals.
_KEYWORD = r"[A-Z][A-Z'’ -]{1,30},?\s+"
JUMP_LINE = re.compile(
    rf"^(?:(?i:continued|cont(?:'d|\.)?)\s+(?i:on|from)\s+(?:{_PAGE}|[A-Z]\d{{1,3}})"
    rf"|(?i:(?:please\s+)?see|turn\s+to)\s+(?:{_KEYWORD})?(?i:on\s+)?{_PAGE}"
    rf"|(?:{_KEYWORD})?(?i:(?:continued\s+)?from)\s+{_PAGE}"
    rf"|{_KEYWORD}(?i:on\s+)?{_PAGE})\.?$"
)
# A jump at the end of the story's last line on the page: "… by the end of the month. See FERRY, Page 7".
_JUMP_AT_END = re.compile(
    rf"(?<=[.!?\"”’])\s+\(?(?:(?i:continued|cont(?:'d|\.)?)\s+(?i:on)\s+(?:{_PAGE}|[A-Z]\d{{1,3}})"
    rf"|(?i:(?:please\s+)?see|turn\s+to)\s+(?:{_KEYWORD})?(?i:on\s+)?{_PAGE})\)?\.?$"
)
_BRACKETED = re.compile(r"^(?P<before>[^()]*)\((?P<jump>[^()]+)\)\.?$")
_JUMP_FROM = re.compile(rf"\b(?i:from)\s+{_PAGE}\.?$")
# A page number standing at either end of a running header: "6", "A6", "Page 6".
_PAGE_NUMBER = re.compile(rf"^(?:{_PAGE}|[A-Z]?\d{{1,3}})\s+|\s+(?:{_PAGE}|[A-Z]?\d{{1,3}})$")
# A quarterly's issue in its running header: "SPRING 2024", "Winter 2023-24".
_SEASON = re.compile(r"\b(?:spring|summer|autumn|fall|winter)\s+\d{4}(?:[-–/]\d{2,4})?\b", re.I)
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b,?", re.I)
_SEPARATORS = re.compile(r"^[\s|·•,—–-]+|[\s|·•,—–-]+$")
_SMALL_WORDS = {"of", "the", "and", "for", "in", "on", "at", "de"}
# A headline's line ending with one of these words goes on in the next ("Nets in the" / "Harbour"): no line ends there.
_OPEN_ENDINGS = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "with", "from"}
# A wrapped line is this share of its block's widest line or more: shorter ones end a paragraph or are a
# headline's or a byline's own lines.
_WRAPPED = 0.6
# A printed column of prose is this many characters wide or more: narrower blocks are a headline's or a
# byline's lines.
NARROWEST_COLUMN = 45
# Lines wider than any printed column are whole paragraphs, never wrapped.
WIDEST_COLUMN = 100


@dataclass
class PrintedText:
    lines: list[str]
    masthead: str = ""
    edition_date: datetime | None = None
    dropped: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RunningHead:
    masthead: str
    date: datetime | None


def running_head(line: str) -> RunningHead | None:
    """A page's running header or footer: the outlet's name and the edition's date, with a page number."""
    if len(line) > 100:
        return None
    found = find_dates(line)
    if len(found) > 1:
        return None
    if found and found[0].day_known:
        start, end, value = found[0].start, found[0].end, found[0].value
    elif (issue := found[0] if found else _SEASON.search(line)) is not None:
        # A magazine's issue ("SPRING 2024", "May 2025") dates no day: the header names the outlet only.
        start, end, value = issue.start if found else issue.start(), issue.end if found else issue.end(), None
    else:
        return None
    rest = f"{line[:start]} | {line[end:]}"
    numbered = bool(_PAGE_NUMBER.search(rest.strip(" |·•,—–-")))
    if value is None and not numbered:
        return None
    rest = _SEPARATORS.sub("", _WEEKDAY.sub(" ", rest))
    rest = _SEPARATORS.sub("", _PAGE_NUMBER.sub("", _SEPARATORS.sub("", rest)))
    name = " ".join(rest.split())
    # A name of words: "14:35 JST, April 9, 2025" is a date line with its time, not a page's header.
    # A single word is a dateline's place ("SEOUL | May 6, 2025 | 3"), not a masthead.
    if not re.fullmatch(r"[A-Za-z][A-Za-z&'’. -]*", name) or not 2 <= len(name.split()) <= 6:
        return None
    # The masthead in capitals, or with the page number an outlet's name in title case.
    if is_capitals(name):
        return RunningHead(_ordinary_case(name), value)
    return RunningHead(name, value) if numbered and value is not None and site_name_line(name) else None


def _ordinary_case(name: str) -> str:
    words = name.lower().split()
    return " ".join(w if i and w in _SMALL_WORDS else w.capitalize() for i, w in enumerate(words))


def is_page_furniture(line: str) -> bool:
    # A jump may stand in brackets after the story's keyword: "(continued on page 31)", "FERRY (continued from page 2)".
    jump = _BRACKETED.sub(r"\g<before>\g<jump>", line)
    return bool(PAGE_LINE.match(line) or JUMP_LINE.match(jump)) or running_head(line) is not None


def read(lines: list[str]) -> PrintedText:
    """The text with a print edition's pages undone (see the module docstring); others unchanged."""
    if not any(is_page_furniture(line) for line in lines):
        return PrintedText(lines)
    printed = PrintedText([])
    paragraphs: list[list[str]] = []
    page_turn = False  # page furniture since the last line of text
    for block in blocks(lines):
        kept: list[str] = []
        if AD_LABEL.match(block[0].strip()):
            printed.dropped += block  # an advertisement set between the story's columns, under its label
            continue
        for k, line in enumerate(block):
            head = running_head(line)
            if head is not None and not printed.masthead:
                printed.masthead, printed.edition_date = head.masthead, head.date
            jump_head = k + 1 < len(block) and _JUMP_FROM.search(block[k + 1]) and _is_jump_head(line)
            if is_page_furniture(line) or jump_head:
                printed.dropped.append(line)
                page_turn = True
                continue
            if (jump := _JUMP_AT_END.search(line)) is not None:
                printed.dropped.append(jump.group(0).strip())
                line = line[: jump.start()]
            elif not kept and page_turn and paragraphs and _cut_off(paragraphs[-1]) and line[:1].islower():
                kept = paragraphs.pop()  # a paragraph cut by the page turn goes on in lower case
            kept.append(line)
            page_turn = jump is not None
        if kept:
            paragraphs.append(kept)
    paragraphs = _without_other_stories(paragraphs, printed.dropped)
    compounds = _hyphenated_compounds(lines)
    for paragraph in paragraphs:
        printed.lines += _reflow(paragraph, compounds) + [""]
    return printed


def _cut_off(paragraph: list[str]) -> bool:
    return not SENTENCE_END.search(paragraph[-1])


def _is_compound(previous: str, line: str, compounds: set[str]) -> bool:
    first, second = re.search(r"([a-z]+)-$", previous.lower()), re.match(r"[a-z]+", line.lower())
    return bool(first and second) and f"{first.group(1)}-{second.group(0)}" in compounds


def _is_jump_head(line: str) -> bool:
    return len(line.split()) <= 3 and not SENTENCE_END.search(line)


def _without_other_stories(paragraphs: list[list[str]], dropped: list[str]) -> list[list[str]]:
    """The story's paragraphs without another story printed after it: from that story's headline (a line
    that is not prose with a byline under it) to the jump back to this story, or to the end."""
    bylines = [i for i, p in enumerate(paragraphs) if _is_byline(p[0])]
    if len(bylines) < 2:
        return paragraphs
    kept = paragraphs[: bylines[0] + 1]
    i = bylines[0] + 1
    while i < len(paragraphs):
        nxt = i + 1
        if nxt in bylines and not SENTENCE_END.search(paragraphs[i][-1]) and len(" ".join(paragraphs[i])) <= 160:
            # Another story's headline and byline: skip to where this story resumes.
            resume = next((j for j in range(nxt + 1, len(paragraphs)) if _JUMP_FROM.search(paragraphs[j][0])), None)
            end = resume if resume is not None else len(paragraphs)
            dropped += [line for p in paragraphs[i:end] for line in p]
            i = end
            continue
        kept.append(paragraphs[i])
        i += 1
    return kept


def _is_byline(line: str) -> bool:
    return byline(line) is not None or staff_byline(line)


_COMPOUND = re.compile(r"\b([a-z]+)-([a-z]+)\b")


def _hyphenated_compounds(lines: list[str]) -> set[str]:
    """Compounds the text writes with a hyphen inside a line ("cross-border"): a line-end break of one keeps it."""
    return {match.group(0).lower() for line in lines for match in _COMPOUND.finditer(line)}


def _reflow(lines: list[str], compounds: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """A paragraph's wrapped lines as one line; short lines (a headline's, a byline's) stay apart unless the
    next goes on in lower case."""
    widest = max(len(line) for line in lines)
    if widest > WIDEST_COLUMN or any(BULLET.match(line) for line in lines[1:]):
        return lines  # a list, or lines that are whole paragraphs (a web page copied beside the print one)
    out = [lines[0]]
    for above, line in zip(lines, lines[1:]):
        previous = out[-1]
        wrapped = widest >= NARROWEST_COLUMN and len(above) >= _WRAPPED * widest
        open_end = previous.split()[-1].lower() in _OPEN_ENDINGS if previous.split() else False
        if not (wrapped or open_end or line[:1].islower() or previous.endswith("-")):
            out.append(line)
        elif re.search(r"[a-z]-$", previous) and line[:1].islower() and not _is_compound(previous, line, compounds):
            out[-1] = previous[:-1] + line  # "smug-" "glers": one word broken at the line end
        elif previous.endswith("-") and not previous.endswith(" -"):
            out[-1] = previous + line  # "Sino-" "Korean": a hyphenated word, its hyphen kept
        else:
            out[-1] = f"{previous} {line}"
    return out
