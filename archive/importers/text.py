"""Raw text articles (as copied from a news site) parsed into interchange records.

The rules are for the kinds of layout news sites use, not for particular files. From the top:

- A keyword line: "Tags: a, b" or three or more short comma-separated terms ("border, china, dprk").
- Header lines in any order: a date ("March 17, 2025", "2025-03-17", "Published: …"), a byline
  ("By Jane Doe", "By Jane Doe, NK News"), "Part 2 of 3" series lines (dropped), photo captions.
- A headline: the first short line that does not read as a sentence (no closing full stop), or a
  line marked "Title:" or "# ". Without one the article gets a working title from its first sentence
  and `needs_title`.
- A dek: a line right under the headline with no blank line between, or one followed by the byline.
- The body: paragraphs separated by blank lines (or one per line when lines are long, unwrapped);
  hard-wrapped lines are joined. Short lines standing alone that do not end like a sentence are
  subheads, stored as "## Subhead".
- Photo captions, wherever they stand: a line ending in a credit in parentheses ("… (Wikimedia Commons)",
  "(Photo: Yonhap)"), a line followed or preceded by "Photo: X" / "Photo by X", "… Photo taken … by X".
- Credit lines: "Translated by X. Edited by Y.", "Reporting by X; Editing by Y", "Photos by X".
- Boilerplate, dropped and listed in ParsedText.dropped: related-article lists (bullets ending in a
  date, or under a "Related" / "Read more" heading), "Read in Korean", contact and tip lines with an
  e-mail address, newsletter, sharing, social-media and comment prompts, series lists, copyright
  lines, outlets' notes about their source networks, advertisement markers.
- The outlet: a known outlet (fixtures/sources.json) the text names as its own ("told Daily NK",
  "Daily NK has learned", "Daily NK's source", its e-mail domain), not one it merely cites ("quoted in
  NK Times", "according to NK News").
- Tags: keyword-line terms, gazetteer places named anywhere, and starter tags named in the title, dek
  or captions, or at least twice in the body.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from archive.importers import vocabulary
from archive.importers.outlets import detect_outlet, known_outlet
from archive.importers.record import (
    MAX_EXTERNAL_ID,
    MAX_TITLE,
    MAX_WORKING_TITLE,
    CreditRecord,
    PhotoRecord,
    Record,
    SourceRef,
)

MAX_TEXT_BYTES = 5 * 10**6


class TextError(ValueError):
    """A file that is not a readable text article."""


@dataclass
class ParsedText:
    record: Record
    dropped: list[str] = field(default_factory=list)


@dataclass
class _Para:
    text: str
    blank_before: bool


# ---------------------------------------------------------------------------------------------- decoding


def decode(data: bytes) -> str:
    """The text of a file's bytes: UTF-8 (with or without a byte order mark), not binary, not empty."""
    if not data.strip():
        raise TextError("empty file")
    if b"\x00" in data[:8192]:
        raise TextError("binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TextError(f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    controls = sum(1 for c in text[:8192] if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    if controls > 8:
        raise TextError("binary file, not text")
    if not text.strip():
        raise TextError("empty file")
    return text


def parse_file(path: Path, *, source: SourceRef | None = None) -> ParsedText:
    try:
        size = Path(path).stat().st_size
        if size > MAX_TEXT_BYTES:
            # No article is this long; a file this size is an archive dump or not an article at all.
            raise TextError(
                f"too large for one article ({size / 1e6:.0f} MB; the limit is {MAX_TEXT_BYTES // 10**6} MB): "
                "split it, or import it as JSON Lines"
            )
        data = Path(path).read_bytes()
    except OSError as exc:
        raise TextError(f"cannot read ({exc.strerror or exc})") from None
    return parse_text(decode(data), external_id=Path(path).stem[:MAX_EXTERNAL_ID], source=source)


# ------------------------------------------------------------------------------------------------ patterns

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_MONTHS = {
    m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)
}
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*\(?[A-Z]{2,4}\)?)?)?"
_DATE_LINE = re.compile(
    rf"^(?P<label>(?:published|posted|date|updated|last updated|first published)(?:\s+on)?\s*:?\s*)?{_WEEKDAY}"
    rf"(?:(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH}),?\s+(?P<y2>\d{{4}})"
    rf"|(?P<y3>\d{{4}})[-./](?P<m3>\d{{1,2}})[-./](?P<d3>\d{{1,2}}))"
    rf"{_TIME}\s*$",
    re.IGNORECASE,
)
_DATE_AT_END = re.compile(
    rf"(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\s*$", re.I
)

# A person's name: capitalised words or initials, with the particles names carry.
_NAME = r"(?:[A-Z]\.|[A-Z][a-zA-Z'’\-]+|[\uac00-\ud7af]{2,4})(?:\s+(?:[A-Z]\.|[A-Z][a-zA-Z'’\-]+|de|van|von|der|bin|al|da))*"
_NAMES = rf"{_NAME}(?:\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*){_NAME})*"
_ROLE_WORDS = {
    "translated": "translator",
    "translation": "translator",
    "edited": "editor",
    "editing": "editor",
    "written": "author",
    "reported": "author",
    "reporting": "author",
    "additional reporting": "author",
    "story": "author",
    "text": "author",
    "photos": "photographer",
    "photo": "photographer",
    "photographs": "photographer",
    "photography": "photographer",
    "by": "author",
}
_CREDIT = re.compile(
    rf"\b(?P<role>translated|translation|edited|editing|written|additional reporting|reporting|reported|story|text|"
    rf"photos|photographs|photography)\s+by\s*:?\s+(?P<names>{_NAMES})",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    rf"^(?:by|written by|words by)\s*:?\s+(?P<names>{_NAMES})(?:\s*(?:,|\||-|–|—|/)\s*(?P<rest>.{{2,80}}))?$", re.I
)

_CREDIT_HINT = re.compile(
    r"\b(?:photo|photos|image|picture|credit|courtesy|file|commons|wikimedia|flickr|afp|reuters|yonhap|ap|epa|"
    r"getty|kcna|rodong|sinmun|xinhua|newsis|news1|google earth|planet labs|maxar|shutterstock|unsplash|handout|"
    r"provided|screenshot|screen capture|capture|daily nk|nk news|asiapress|rfa|video|graphic|illustration)\b",
    re.I,
)
_PAREN_CREDIT = re.compile(r"^(?P<caption>.+?)\s*\((?P<credit>[^()]{2,80})\)\s*$", re.S)
_CREDIT_LINE = re.compile(
    r"^\(?(?:photo|photograph|image|picture|photo credit|image credit|credit)s?\s*(?::|by\b|—|-)\s*(?P<credit>.{2,100}?)\)?\.?$",
    re.I,
)
_INLINE_CREDIT = re.compile(
    r"^(?P<caption>.{10,400}?[.!?])\s+(?:photo|photograph|image|picture)s?(?: credit)?\s*(?::|by\b)\s*(?P<credit>[^.]{2,80})\.?$",
    re.I | re.S,
)
_TAKEN_BY = re.compile(
    r"^(?P<caption>.*?\b(?:photo|photograph|picture|image|video|footage)s?\s+(?:was\s+|were\s+)?(?:taken|shot|filmed|captured)\b.*?)"
    r",?\s+by\s+(?P<credit>[^.]{2,80}?)\.?$",
    re.I | re.S,
)
_CAPTION_LABEL = re.compile(
    r"^(?:caption|above|pictured|photo caption|\[photo\]|\[image\])\s*:?\s*(?P<caption>.+)$", re.I
)

_NUMBER = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|first|second|third|fourth|fifth|final|last)"
_BOILERPLATE = [
    re.compile(p, re.I)
    for p in (
        r"^read (?:this |the )?(?:article |story |it )?in (?:korean|english|chinese|japanese)\.?$",
        r"^(?:korean|chinese|japanese|english) (?:version|edition)\b.{0,80}$",
        r"^please (?:direct|send|address) (?:any |your )?(?:comments|questions|feedback|tips)\b.*$",
        r"^(?=.{0,300}$).*\b(?:subscribe|sign up|signup|register)\b.*\b(?:newsletter|updates|inbox|briefing|digest)\b.*$",
        r"^(?=.{0,300}$).*\b(?:get|receive)\b.*\b(?:in your inbox|our newsletter)\b.*$",
        r"^(?:share|share this|share this (?:article|story|post|page)|share on \w+|share via \w+)\b.{0,60}$",
        r"^(?:tweet|email|e-mail|print|save|copy link|facebook|twitter|linkedin|whatsapp|telegram)(?:\s*[|/·•]\s*\w+)*$",
        r"^(?=.{0,200}$)(?:follow|like|find|join) (?:us|\w+(?: \w+)?) on (?:twitter|x|facebook|instagram|telegram|youtube|"
        r"linkedin|threads|bluesky|mastodon|kakaotalk)\b.*$",
        r"^(?:leave|post|add|write) a (?:comment|reply)\b.*$",
        r"^(?:\d+\s+)?comments?\s*(?:\(\d+\))?:?$",
        r"^join the (?:conversation|discussion|debate)\b.*$",
        r"^(?:click|tap) here\b.{0,200}$",
        r"^(?:advertisement|advertising|sponsored(?: content)?|ad)$",
        r"^(?:copyright\b|©|\(c\)\s).{0,200}$",
        r"^.{0,200}\ball rights reserved\.?$",
        rf"^(?:this is )?part {_NUMBER}\s+(?:of|in)\s+(?:a |the |our )?(?:{_NUMBER}[- ]part )?(?:series|{_NUMBER})\b.{{0,200}}$",
        rf"^part {_NUMBER}\s*(?:of\s+{_NUMBER})?\s*[:\-–—]\s*.{{0,150}}$",
        r"^(?:read|see) (?:part|the (?:first|second|third|previous|next|last|final) (?:part|installment))\b.{0,200}$",
        r"^this (?:article|story|report) is (?:part|the \w+ (?:part|installment|article)) (?:of|in) .{0,120}series\b.*$",
        r"^(?:have|got) a (?:news )?tip\b.{0,200}$",
        r"^(?=.{0,300}$).*\b(?:comments|questions|tips|contact|reach|write to|email|e-mail)\b.*[\w.+-]+@[\w-]+\.[\w.-]+.*$",
        r"^.*\bworks with a network of sources\b.*$",
        r"^.*\bidentities (?:remain|are kept|will remain) (?:anonymous|confidential)\b.*$",
        r"^.*\bcan be found on our faq page\b.*$",
        r"^the views expressed\b.{0,300}$",
        r"^about the author\b.{0,300}$",
        r"^(?:###|-30-|\*\*\*|\(?end\)?|— end —)$",
        r"^this (?:article|story) (?:was|has been) (?:originally |first )?(?:published|written|translated)\b.{0,200}$",
        r"^(?:download|get) (?:our|the) (?:app|\w+ app)\b.*$",
        r"^listen to (?:this|the) (?:article|story)\b.*$",
        r"^\d+\s+min(?:ute)?s?\s+read$",
        r"^(?:related|read more|read also|also read|see also|more on this|recommended|further reading)\s*:\s*.{3,200}$",
    )
]
_RELATED_HEADING = re.compile(
    r"^(?:related|related (?:articles?|stories|posts|coverage|reading|news)|read more|read also|also read|see also|"
    r"more on this(?: story| topic)?|more from [\w .]{2,40}|recommended(?: for you| articles| stories)?|you may also like|"
    r"most read|more stories|further reading|previous (?:parts|installments)|other parts of (?:this|the) series|"
    r"in this series)\s*:?$",
    re.I,
)
_BULLET = re.compile(r"^(?:[-•*–—·▪►]|\d{1,2}[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?…:;,]['\"”’)]*$|[\"”’]$")
_KEYWORD_LABEL = re.compile(r"^(?:tags|keywords|topics|subjects|filed under)\s*:\s*(?P<terms>.+)$", re.I)
_TITLE_LABEL = re.compile(r"^(?:title|headline)\s*:\s*(?P<title>.+)$", re.I)
_DEK_LABEL = re.compile(r"^(?:dek|standfirst|summary|subtitle|subhead)\s*:\s*(?P<dek>.+)$", re.I)
_MARKDOWN_HEADING = re.compile(r"^(?P<level>#{1,4})\s+(?P<text>.+?)\s*#*$")
_BOLD_LINE = re.compile(r"^(?:\*\*|__)(?P<text>[^*_]{2,100})(?:\*\*|__)$")
_QUOTE_START = "\"“‘'«「"
# Invisible characters pasted from web pages. Joiners (U+200C, U+200D) stay: Persian and Indic words and
# emoji sequences need them.
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"), None)

# --------------------------------------------------------------------------------------------- entry point


def parse_text(text: str, *, external_id: str = "", source: SourceRef | None = None, outlets=None) -> ParsedText:
    """Parse one raw text article. `source` overrides the outlet found in the text."""
    paras = _paragraphs(_clean(text))
    if not paras:
        raise TextError("empty file")
    parser = _Parser(paras)
    parser.run()
    body = "\n\n".join(parser.body).strip()
    if not body and not parser.title:
        raise TextError("no article text found (only boilerplate)")
    title, needs_title = parser.title, False
    if not title:
        title, needs_title = derive_title(body), True
    title = title[:MAX_TITLE]
    if source is None:
        source = parser.byline_outlet or detect_outlet(text, outlets if outlets is not None else vocabulary.outlets())
    record = Record(
        title=title,
        body=body,
        dek=parser.dek,
        source=source,
        published_at=parser.published_at,
        language=_language(body or title),
        external_id=external_id,
        needs_title=needs_title,
        photos=parser.photos,
        credits=_unique(parser.credits),
    )
    record.tags = vocabulary.find_tags(record, parser.keywords)
    return ParsedText(record, parser.dropped)


# ------------------------------------------------------------------------------------------------ cleaning


def _clean(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    # Non-breaking and other odd spaces (pasted from web pages) become plain spaces; tabs too.
    text = re.sub(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]", " ", text)
    return [" ".join(line.split()) for line in text.split("\n")]


def _paragraphs(lines: list[str]) -> list[_Para]:
    """Blank-line separated blocks; a block of hard-wrapped lines is one paragraph, of long lines one each."""
    blocks, block = [], []
    for line in lines + [""]:
        if line:
            block.append(line)
        elif block:
            blocks.append(block)
            block = []
    paras = []
    for i, block in enumerate(blocks):
        for j, text in enumerate(_unwrap(block)):
            paras.append(_Para(text, blank_before=(i > 0 and j == 0)))
    return paras


def _unwrap(block: list[str]) -> list[str]:
    if len(block) < 2:
        return block
    # Hard wrapping leaves every line but the last at a similar width under ~100 characters, and the
    # wrapped line continues mid-sentence; lines of a web page copy are whole paragraphs.
    widths = [len(line) for line in block[:-1]]
    wrapped = (
        all(45 <= w <= 100 for w in widths)
        and (max(widths) - min(widths) <= 30)
        and (len(block) >= 3 or (not _SENTENCE_END.search(block[0]) and block[1][:1].islower()))
    )
    if wrapped and not any(_BULLET.match(line) for line in block[1:]):
        joined = block[0]
        for line in block[1:]:
            # A word broken at the line end with a hyphen is mended; a dash between words is kept.
            if joined.endswith("-") and line[:1].islower() and not joined.endswith(" -"):
                joined = joined[:-1] + line
            else:
                joined += " " + line
        return [joined]
    return block


# ------------------------------------------------------------------------------------------------- parsing


class _Parser:
    def __init__(self, paras: list[_Para]):
        self.paras = paras
        self.title = ""
        self.dek = ""
        self.published_at: datetime | None = None
        self.keywords: list[str] = []
        self.body: list[str] = []
        self.photos: list[PhotoRecord] = []
        self.credits: list[CreditRecord] = []
        self.dropped: list[str] = []
        self.byline_outlet: SourceRef | None = None

    def run(self) -> None:
        i = self._header()
        in_related = False
        while i < len(self.paras):
            para = self.paras[i]
            text = para.text
            nxt = self.paras[i + 1] if i + 1 < len(self.paras) else None
            if in_related:
                if _is_list_item(text) and not self._credit_line(text):
                    self.dropped.append(text)
                    i += 1
                    continue
                in_related = False
            if _RELATED_HEADING.match(text):
                self.dropped.append(text)
                in_related = True
            elif _is_boilerplate(text) or _is_related_item(text):
                self.dropped.append(text)
            elif self._credit_line(text):
                pass
            elif (caption := self._caption(i)) is not None:
                self.photos.append(caption[0])
                i += caption[1]
                continue
            elif (heading := _subhead(para, nxt, len(self.body))) is not None:
                self.body.append(f"## {heading}")
            else:
                self.body.append(_strip_markdown(text))
            i += 1
        # A subhead with nothing under it is a leftover label, not a section.
        while self.body and self.body[-1].startswith("## "):
            self.dropped.append(self.body.pop()[3:])

    def _header(self) -> int:
        """Read keyword, date, byline, caption, headline and dek lines at the top; return where the body starts."""
        i = 0
        paras = self.paras
        if paras and (terms := _keyword_terms(paras[0].text)) is not None:
            self.keywords = terms
            i = 1
        headline_at = None
        while i < len(paras):
            text = paras[i].text
            if (published := _date_line(text)) is not False:
                label = (_DATE_LINE.match(text).group("label") or "").lower()
                if published and not self.published_at and not label.startswith(("updated", "last")):
                    self.published_at = published
                else:
                    self.dropped.append(text)
            elif (byline := _BYLINE.match(text)) is not None:
                self._byline(byline)
            elif _is_boilerplate(text):
                self.dropped.append(text)
            elif self._credit_line(text):
                pass
            elif (caption := self._caption(i)) is not None:
                self.photos.append(caption[0])
                i += caption[1]
                continue
            elif headline_at is None and not self.title and (title := _headline(paras, i)) is not None:
                self.title = title
                headline_at = i
            elif headline_at is not None and not self.dek and (dek := self._dek(i, headline_at)) is not None:
                self.dek = dek
            else:
                break
            i += 1
        return i

    def _byline(self, match: re.Match) -> None:
        """Authors from "By A and B, Outlet"; an outlet named in the byline is the publisher."""
        parts = _split_names(match.group("names")) + ([match.group("rest")] if match.group("rest") else [])
        for part in parts:
            outlet = known_outlet(part)
            if outlet is not None:
                self.byline_outlet = outlet
            elif re.fullmatch(_NAME, part):
                self.credits.append(CreditRecord("author", part))

    def _dek(self, i: int, headline_at: int) -> str | None:
        text = self.paras[i].text
        if (labelled := _DEK_LABEL.match(text)) is not None:
            return labelled.group("dek")
        if i != headline_at + 1 or len(text) > 400 or text[:1] in _QUOTE_START:
            return None
        if not self.paras[i].blank_before and len(self.paras) > i + 1:
            return _strip_markdown(text)
        # Set apart by blank lines, a short line is a dek only if the byline or date comes after it.
        after = self.paras[i + 1].text if i + 1 < len(self.paras) else ""
        if len(text) <= 300 and (_BYLINE.match(after) or _date_line(after) is not False):
            return _strip_markdown(text)
        return None

    def _credit_line(self, text: str) -> bool:
        """Consume a line made only of credits ("Translated by X. Edited by Y.")."""
        if len(text) > 300:
            return False
        matches = list(_CREDIT.finditer(text))
        if not matches:
            return False
        rest = _CREDIT.sub("", text)
        if re.sub(r"[\s.;,|/()\-–—]+", "", rest):
            return False
        for match in matches:
            role = _ROLE_WORDS[match.group("role").lower()]
            self.credits += [CreditRecord(role, name) for name in _split_names(match.group("names"))]
        return True

    def _caption(self, i: int) -> tuple[PhotoRecord, int] | None:
        """A photo caption at paragraph i with its credit, and how many paragraphs it takes; or None."""
        para = self.paras[i]
        text = para.text
        if len(text) > 500:
            return None
        nxt = self.paras[i + 1] if i + 1 < len(self.paras) else None
        if (labelled := _CAPTION_LABEL.match(text)) is not None:
            caption, credit = _split_caption_credit(labelled.group("caption"))
            return PhotoRecord(caption, credit), 1
        if (credit_line := _CREDIT_LINE.match(text)) is not None:
            # "Photo: X" alone: its caption is the short line under it, when one follows without a blank line.
            if nxt is not None and not nxt.blank_before and len(nxt.text) <= 400:
                return PhotoRecord(nxt.text, _tidy_credit(credit_line.group("credit"))), 2
            return PhotoRecord("", _tidy_credit(credit_line.group("credit"))), 1
        if nxt is not None and not nxt.blank_before and len(text) <= 400 and _CREDIT_LINE.match(nxt.text):
            return PhotoRecord(text, _tidy_credit(_CREDIT_LINE.match(nxt.text).group("credit"))), 2
        if (taken := _TAKEN_BY.match(text)) is not None and len(text) <= 400:
            return PhotoRecord(
                _end_sentence(taken.group("caption").rstrip(" ,")), _tidy_credit(taken.group("credit"))
            ), 1
        if (inline := _INLINE_CREDIT.match(text)) is not None:
            return PhotoRecord(inline.group("caption"), _tidy_credit(inline.group("credit"))), 1
        if (paren := _PAREN_CREDIT.match(text)) is not None and len(text) <= 400:
            caption, credit = paren.group("caption"), paren.group("credit").strip()
            looks_like_credit = _CREDIT_HINT.search(credit) or (
                not _SENTENCE_END.search(caption) and _is_title_case(credit) and len(credit.split()) <= 6
            )
            if looks_like_credit and len(caption.split()) >= 3 and not caption.endswith(("said", "says")):
                return PhotoRecord(caption, _tidy_credit(credit)), 1
        return None


def _split_caption_credit(text: str) -> tuple[str, str]:
    if (paren := _PAREN_CREDIT.match(text)) is not None and _CREDIT_HINT.search(paren.group("credit")):
        return paren.group("caption"), _tidy_credit(paren.group("credit"))
    if (inline := _INLINE_CREDIT.match(text)) is not None:
        return inline.group("caption"), _tidy_credit(inline.group("credit"))
    return text, ""


def _tidy_credit(credit: str) -> str:
    credit = re.sub(
        r"^(?:photo|photograph|image|picture|credit|courtesy of|courtesy|source)\s*(?::|by\b|-|—)?\s*",
        "",
        credit.strip(),
        flags=re.I,
    )
    return credit.strip(" .")


def _end_sentence(text: str) -> str:
    return text if _SENTENCE_END.search(text) else text + "."


def _is_title_case(text: str) -> bool:
    words = [w for w in re.split(r"[\s/,&-]+", text) if w]
    small = {"of", "the", "and", "de", "for", "via", "on", "in", "by"}
    return bool(words) and all(w[0].isupper() or w[0].isdigit() or w.lower() in small for w in words)


def _keyword_terms(text: str) -> list[str] | None:
    """The terms of a keyword line, or None if the line is not one."""
    labelled = _KEYWORD_LABEL.match(text)
    line = labelled.group("terms") if labelled else text
    if len(line) > 300:
        return None
    # Keyword lines are typed by hand: a stray full stop often stands where a comma should.
    terms = [t.strip(" .") for t in re.split(r"\s*[,;|]\s*|\.\s+", line) if t.strip(" .")]
    if labelled:
        return terms or None
    if len(terms) < 3 or not all(1 <= len(t.split()) <= 4 and len(t) <= 40 for t in terms):
        return None
    if not all(re.fullmatch(r"[\w'’\- ]+", t) for t in terms):
        return None
    # Unlabelled, they are lower case words and names, not a sentence with commas.
    lowercase_share = sum(1 for t in terms if t == t.lower()) / len(terms)
    return terms if lowercase_share >= 0.5 and not _SENTENCE_END.search(text.rstrip(".")) else None


def _date_line(text: str) -> datetime | None | bool:
    """The date a date line gives (None if it is one we ignore), or False if the line is not a date line."""
    match = _DATE_LINE.match(text)
    if match is None:
        return False
    if match.group("y1"):
        year, month, day = match.group("y1"), _month(match.group("m1")), match.group("d1")
    elif match.group("y2"):
        year, month, day = match.group("y2"), _month(match.group("m2")), match.group("d2")
    else:
        year, month, day = match.group("y3"), match.group("m3"), match.group("d3")
    try:
        return datetime(int(year), int(month), int(day), tzinfo=UTC)
    except ValueError:
        return None


def _month(name: str) -> int:
    return _MONTHS[name.strip(".").lower()[:3]]


def _headline(paras: list[_Para], i: int) -> str | None:
    text = paras[i].text
    if (labelled := _TITLE_LABEL.match(text)) is not None:
        return labelled.group("title").strip()
    if (heading := _MARKDOWN_HEADING.match(text)) is not None:
        return heading.group("text")
    if i + 1 >= len(paras):
        return None  # A single line is the article, not its headline.
    text = _strip_markdown(text)
    words = text.split()
    if not (2 <= len(words) <= 25 and len(text) <= 160):
        return None
    if text[:1] in _QUOTE_START or text[-1] in ".,;:" or not (text[0].isupper() or text[0].isdigit()):
        return None
    if _BULLET.match(text):
        return None
    return text


def _subhead(para: _Para, nxt: _Para | None, body_so_far: int) -> str | None:
    text = para.text
    if (heading := _MARKDOWN_HEADING.match(text)) is not None:
        return heading.group("text")
    if (bold := _BOLD_LINE.match(text)) is not None:
        return bold.group("text").strip()
    if nxt is None or body_so_far == 0:
        return None
    words = text.split()
    if not (2 <= len(words) <= 12 and len(text) <= 80):
        return None
    if _SENTENCE_END.search(text) and not text.endswith("?"):
        return None
    if text[:1] in _QUOTE_START or not (text[0].isupper() or text[0].isdigit()) or _BULLET.match(text):
        return None
    # It stands alone: set apart by blank lines, or one per line in a layout of long lines.
    if para.blank_before and nxt.blank_before:
        return text
    return text if not para.blank_before and not nxt.blank_before and len(nxt.text) > 150 else None


def _strip_markdown(text: str) -> str:
    if (bold := _BOLD_LINE.match(text)) is not None:
        return bold.group("text")
    return text


def _is_boilerplate(text: str) -> bool:
    return any(pattern.match(text) for pattern in _BOILERPLATE)


def _is_related_item(text: str) -> bool:
    """A bullet naming another article with its date: "- Students mobilized for exercises - March 10, 2025"."""
    return bool(_BULLET.match(text)) and len(text) <= 250 and bool(_DATE_AT_END.search(text))


def _is_list_item(text: str) -> bool:
    """An entry under a "Related" heading: a bullet, or a short headline-like line."""
    if _BULLET.match(text) and len(text) <= 250:
        return True
    return len(text) <= 160 and (not _SENTENCE_END.search(text) or bool(_DATE_AT_END.search(text)))


def _split_names(names: str) -> list[str]:
    parts = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*", names.strip(" ."))
    return [" ".join(p.split()).strip(" .") for p in parts if p.strip(" .")]


def _unique(credits: list[CreditRecord]) -> list[CreditRecord]:
    return list(dict.fromkeys(credits))


def _language(text: str) -> str:
    letters = [c for c in text[:5000] if c.isalpha()]
    hangul = sum(1 for c in letters if "\uac00" <= c <= "\ud7af")
    return "ko" if letters and hangul / len(letters) > 0.3 else "en"


# -------------------------------------------------------------------------------------------------- title


_CLAUSE_BREAK = re.compile(
    r"\s+(?=(?:amid|despite|as|after|while|because|since|following|according to|which|who|when|where|even as|"
    r"in order to|so that|but|although|though|with)\b)|\s*[,;:–—]\s+|\s+-\s+"
)
_ATTRIBUTION = re.compile(
    r",?\s+(?:[\w’' ]{2,40}\s+)?(?:has|have|had)\s+(?:learned|reported|confirmed|found)\.?$|,?\s+(?:a |the )?"
    r"(?:source|sources|officials?|residents?)[\w ]{0,40}\s+(?:said|says|told [\w ]{2,30})\.?$",
    re.I,
)


# "SEOUL, March 3 (Yonhap) -- " or "HYESAN — ": where a wire story was filed, not part of a title.
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{1,30}(?:,[^()\n]{0,30})?(?:\([^()]{1,40}\))?\s*(?:--|—|–)\s*")


def derive_title(body: str) -> str:
    """A working title: the first sentence of the first plain paragraph, cut at a clause if long."""
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip() and not p.startswith("## ")]
    if not paragraphs:
        return "Untitled"
    plain = [p for p in paragraphs if p[:1] not in _QUOTE_START] or paragraphs
    first = re.split(r"(?<=[.!?])[\"”’]?\s+(?=[A-Z\"“‘])", _DATELINE.sub("", plain[0]), maxsplit=1)[0].strip()
    sentence = _ATTRIBUTION.sub("", first).rstrip(" .")
    if len(sentence) <= MAX_WORKING_TITLE:
        return sentence or "Untitled"
    # Cut at the last clause break that leaves a title of reasonable length.
    cuts = [m.start() for m in _CLAUSE_BREAK.finditer(sentence) if 30 <= m.start() <= MAX_WORKING_TITLE + 30]
    if cuts:
        return sentence[: cuts[-1]].rstrip(" ,;:")
    cut = sentence[:MAX_WORKING_TITLE].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"
