"""Text into paragraphs: decoding, cleaning pasted web text, joining hard-wrapped lines, and the shape of a line."""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


class TextError(ValueError):
    """A file that is not a readable text article."""


@dataclass
class Para:
    text: str
    blank_before: bool


SENTENCE_END = re.compile(r"[.!?…:;,。]['\"”’)]*$|[\"”’]$")
# A sentence's end, with a footnote's mark after it ("… below Onsong.[1]", "… in 2019.²") as blogs and reports set it.
_FOOTNOTE_MARK = r"(?:\[\d{1,3}\]|[¹²³⁰⁴-⁹]+)*"
PROSE_END = re.compile(rf"(?:[.!?…。]['\"”’)]*|[\"”’]|다\.?|요\.?){_FOOTNOTE_MARK}$")
# A list item's mark: dashes, dots and arrows ("» headline", "▶ headline"), or a number.
BULLET = re.compile(r"^(?:[-•*–—·▪►・»▶▸→]|\d{1,2}[.)])\s*")
QUOTE_START = "\"“‘'«「"
HANGUL = re.compile(r"[\uac00-\ud7af]")
# Hangul, kana and Han characters: a line written in Korean, Japanese or Chinese rather than in Latin letters.
EAST_ASIAN = re.compile(r"[\uac00-\ud7af\u3040-\u30ff\u4e00-\u9fff]")
# Invisible characters pasted from web pages. Joiners (U+200C, U+200D) stay: Persian and Indic words and
# emoji sequences need them.
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"), None)


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


def clean(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    # Non-breaking and other odd spaces (pasted from web pages) become plain spaces; tabs too.
    text = re.sub(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]", " ", text)
    return [" ".join(line.split()) for line in text.split("\n")]


def blocks(lines: list[str]) -> list[list[str]]:
    """The runs of non-blank lines, blank lines between them dropped."""
    found, block = [], []
    for line in lines + [""]:
        if line:
            block.append(line)
        elif block:
            found.append(block)
            block = []
    return found


def paragraphs(lines: list[str]) -> list[Para]:
    """Blank-line separated blocks; a block of hard-wrapped lines is one paragraph, of long lines one each."""
    paras = []
    for i, block in enumerate(blocks(lines)):
        for j, text in enumerate(_unwrap(block)):
            paras.append(Para(text, blank_before=(i > 0 and j == 0)))
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
        and (len(block) >= 3 or (not SENTENCE_END.search(block[0]) and block[1][:1].islower()))
    )
    # Lines that each end a sentence, the next opening with a capital, are a list's items, one a line.
    items = all(PROSE_END.search(line) for line in block) and all(line[:1].isupper() for line in block[1:])
    if wrapped and not items and not any(BULLET.match(line) for line in block[1:]):
        joined = block[0]
        for line in block[1:]:
            # A word broken at the line end with a hyphen is mended; a dash between words is kept.
            if joined.endswith("-") and line[:1].islower() and not joined.endswith(" -"):
                joined = joined[:-1] + line
            else:
                joined += " " + line
        return [joined]
    return block


def words(text: str) -> list[str]:
    return text.split()


@lru_cache(maxsize=4096)
def reads_as_prose(text: str) -> bool:
    """A sentence of running text: ends like one, long enough, mostly lower-case words (not a title or a menu)."""
    if not PROSE_END.search(text):
        return False
    if HANGUL.search(text):
        return len(text) >= 25
    tokens = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text)]
    if len(tokens) < 6:
        return False
    capitalised = sum(1 for w in tokens[1:] if w[0].isupper())
    share = capitalised / max(1, len(tokens) - 1)
    # A sentence full of names ("The Chinese Foreign Ministry has repeatedly said China fully implements Security
    # Council resolutions on North Korea.") still ends with a full stop and has its lower-case words; a title does not.
    lower = len(tokens) - 1 - capitalised
    return share < 0.5 or (text.endswith(".") and lower >= 5 and share < 0.7)


# A paragraph's last sentence introducing what follows with a colon ("Here are some facts about it:").
_INTRODUCTION = re.compile(r"(?<=[.!?])\s+[A-Z][^.!?:]{10,200}:$")


def is_story_paragraph(text: str) -> bool:
    """Prose long enough to be the story's first paragraph rather than a dek, a caption or a page element. Its last
    sentence may introduce a list with a colon, after sentences of prose or after a short one that, with it, reads as
    prose ("We're closing this blog now. Here is a summary of the day's main developments:")."""
    lead = _INTRODUCTION.search(text)
    if not reads_as_prose(text) and not (
        lead and (reads_as_prose(text[: lead.start()]) or reads_as_prose(text[:-1] + "."))
    ):
        return False
    return len(text) >= 40 if HANGUL.search(text) else (len(text.split()) >= 12 or len(text) >= 80)


def is_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(not c.islower() for c in letters) and any(c.isupper() for c in letters)


def is_title_case(text: str) -> bool:
    # A hyphenated name ("Kim Do-yun") is one capitalised word; a dash between words is a separator.
    tokens = [w for w in re.split(r"[\s/,&|·•]+|\s[-–—]\s", text) if w.strip("-–—")]
    small = {"of", "the", "and", "de", "for", "via", "on", "in", "by", "at", "a", "an", "to"}
    return bool(tokens) and all(w[0].isupper() or w[0].isdigit() or w.lower() in small for w in tokens)


def content_words(text: str) -> set[str]:
    small = {"the", "a", "an", "of", "and", "in", "on", "at", "to", "for", "by", "with", "from", "part", "is", "as"}
    return {w for w in re.findall(r"[\w'’]+", text.lower()) if w not in small and not w.isdigit()}
