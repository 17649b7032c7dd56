"""The shapes of headings: headlines, subheads, labelled fields ("Title:", "Dek:", "Tags:") and keyword lines."""

import re

from archive.importers.rawtext import boilerplate
from archive.importers.rawtext.lines import BULLET, HANGUL, QUOTE_START, SENTENCE_END, Para, is_capitals

KEYWORD_LABEL = re.compile(r"^(?:tags|keywords|topics|subjects|filed under)\s*:\s*(?P<terms>.+)$", re.I)
TITLE_LABEL = re.compile(r"^(?:title|headline)\s*:\s*(?P<title>.+)$", re.I)
DEK_LABEL = re.compile(r"^(?:dek|standfirst|summary|subtitle|subhead)\s*:\s*(?P<dek>.+)$", re.I)
MARKDOWN_HEADING = re.compile(r"^(?P<level>#{1,4})\s+(?P<text>.+?)\s*#*$")
_BOLD_LINE = re.compile(r"^(?:\*\*|__)(?P<text>[^*_]{2,100})(?:\*\*|__)$")


def title_candidate(text: str) -> bool:
    if TITLE_LABEL.match(text) or MARKDOWN_HEADING.match(text):
        return True
    text = strip_markdown(text)
    tokens = text.split()
    if not (1 <= len(tokens) <= 25 and len(text) <= 160):
        return False
    if text[:1] in QUOTE_START or text[-1] in ".,;:" or BULLET.match(text):
        return False
    return text[0].isupper() or text[0].isdigit() or bool(HANGUL.match(text[0]))


def good_title(text: str) -> bool:
    """A headline rather than a section label or a masthead kicker: three words or more, not all capitals."""
    if HANGUL.search(text):
        return len(text) >= 8
    return len(text.split()) >= 3 and not is_capitals(text) and not boilerplate.is_menu(text)


def title_text(text: str) -> str:
    if (labelled := TITLE_LABEL.match(text)) is not None:
        return labelled.group("title").strip()
    if (heading := MARKDOWN_HEADING.match(text)) is not None:
        return heading.group("text")
    return strip_markdown(text)


def subhead(para: Para, nxt: Para | None, body_so_far: int) -> str | None:
    text = para.text
    if (heading := MARKDOWN_HEADING.match(text)) is not None:
        return heading.group("text")
    if (bold := _BOLD_LINE.match(text)) is not None:
        return bold.group("text").strip()
    if nxt is None:
        return None
    tokens = text.split()
    if not (1 <= len(tokens) <= 12 and len(text) <= 80):
        return None
    if SENTENCE_END.search(text) and not text.endswith("?"):
        return None
    if text[:1] in QUOTE_START or not (text[0].isupper() or text[0].isdigit()) or BULLET.match(text):
        return None
    # It stands alone: set apart by blank lines, or one per line in a layout of long lines.
    if para.blank_before and nxt.blank_before:
        return text
    return text if not para.blank_before and not nxt.blank_before and len(nxt.text) > 150 else None


def strip_markdown(text: str) -> str:
    if (bold := _BOLD_LINE.match(text)) is not None:
        return bold.group("text")
    return text


def keyword_terms(text: str) -> list[str] | None:
    """The terms of a keyword line, or None if the line is not one."""
    labelled = KEYWORD_LABEL.match(text)
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
    return terms if lowercase_share >= 0.5 and not SENTENCE_END.search(text.rstrip(".")) else None
