"""The shapes of headings: headlines, subheads, labelled fields ("Title:", "Dek:", "Tags:") and keyword lines."""

import re

from archive.importers.rawtext import boilerplate
from archive.importers.rawtext.lines import (
    BULLET,
    HANGUL,
    QUOTE_START,
    SENTENCE_END,
    Para,
    is_capitals,
    is_title_case,
)
from archive.importers.rawtext.names import is_section_label

KEYWORD_LABEL = re.compile(r"^(?:tags|keywords|topics|subjects|filed under)\s*:\s*(?P<terms>.+)$", re.I)
# A draft's labels too: "HED:", "HEAD:" over the headline, "DEK:" over its dek.
TITLE_LABEL = re.compile(r"^(?:title|headline|hed|head)\s*:\s*(?P<title>.+)$", re.I)
DEK_LABEL = re.compile(r"^(?:dek|standfirst|summary|subtitle|subhead)\s*:\s*(?P<dek>.+)$", re.I)
MARKDOWN_HEADING = re.compile(r"^(?P<level>#{1,4})\s+(?P<text>.+?)\s*#*$")
# A label in brackets before a headline: 【Exclusive】, [UPDATE], (LEAD), (2nd LD): not part of the title.
HEADLINE_LABEL = re.compile(
    r"^(?:【[^】]{1,20}】|\[[A-Za-z0-9][^\[\]]{0,20}\]|\((?=[^()]*[A-Z]{2})[A-Za-z0-9 .-]{2,20}\))\s*"
)
# A wire's label joined to its headline by a hyphen, in capitals with the version's counter or naming the kind of
# item ("UPDATE 3-Ferry …", "EXCLUSIVE-Port …"): where the story stands on the wire, not part of the title.
_WIRE_LABEL = re.compile(r"^(?P<label>[A-Z]{3,}(?P<counter> \d{1,2})?)-(?=[A-Z][a-z])")
# A quotation and then the headline's own words: "'When the iron stopped, the town stopped': a former miner …".
_QUOTE_LEAD = re.compile(r"^['‘\"“][^'’\"”]{3,120}['’\"”]\s*[:,—–-]?\s+\w")
MAX_HEADLINE_WORDS = 20
CAPITALS_HEADLINE_WORDS = 7
# A document's reference number ("Ref. No. MOU-PR-2024-187", "Reference: 12/2024", "Case No. 2024-11"): an
# identifier, never what the page is about.
REFERENCE_NUMBER = re.compile(
    r"^(?:ref(?:erence)?|doc(?:ument)?|file|case|release|circular)\.?\s*(?:no\.?|number|#|:)\s*[:.]?\s*\S*\d\S*$", re.I
)
# A series' label with the part's counter in parentheses or after the label's colon ("Series: X (part 4 of 6)",
# "Borderlands: part 2 of 3"): where the piece stands in its series, a kicker over the headline.
_SERIES_PART = re.compile(r"\(\s*part \d+ of \d+\s*\)|^[^:]{2,40}:\s.*\bpart \d+ of \d+\b", re.I)
_BOLD_LINE = re.compile(r"^(?:\*\*|__)(?P<text>[^*_]{2,100})(?:\*\*|__)$")


def title_candidate(text: str) -> bool:
    if TITLE_LABEL.match(text) or MARKDOWN_HEADING.match(text):
        return True
    text = without_label(strip_markdown(text))
    tokens = text.split()
    if not (1 <= len(tokens) <= 25 and len(text) <= 160):
        return False
    if text[-1] in ".,;:" or BULLET.match(text):
        return False
    if text[:1] in QUOTE_START:
        # A quotation opening a headline ("'When the iron stopped…': a miner on …"), not a line all quoted, unless
        # in capitals: a pull quote is set in the story's case, a tabloid's quoted headline in capitals.
        return bool(_QUOTE_LEAD.match(text)) or is_capitals(text) and len(tokens) >= CAPITALS_HEADLINE_WORDS
    return text[0].isupper() or text[0].isdigit() or bool(HANGUL.match(text[0]))


def sentence_headline(text: str) -> bool:
    """A headline written as up to three short sentences ("The world forgot the border. Its people can't
    afford to.", "Barges are moving again. Ferries? Next year, maybe."): taken only where a headline stands, right
    above the byline."""
    sentences = re.findall(r"[.!?](?:['\"”’]?)(?:\s|$)", text)
    return 1 <= len(sentences) <= 3 and 4 <= len(text.split()) <= MAX_HEADLINE_WORDS and len(text) <= 160


def good_title(text: str) -> bool:
    """A headline rather than a section label or a masthead kicker: three words or more, not a few in capitals, not a
    label naming what kind of page this is, not a reference number, not a series' label with the part's counter."""
    text = without_label(text)
    if HANGUL.search(text):
        return len(text) >= 8
    return (
        len(text.split()) >= 3
        # A kicker in capitals is a few words ("EXCLUSIVE", "LETTER FROM YANJI"); a headline in capitals says more.
        and (not is_capitals(text) or len(text.split()) >= CAPITALS_HEADLINE_WORDS)
        and not boilerplate.is_menu(text)
        and not page_kind(text)
        and not REFERENCE_NUMBER.match(text)
        and not _SERIES_PART.search(text)
    )


# Words that name a kind of page or item rather than say what it is about.
_PAGE_KIND_WORDS = set(
    """press media news briefing transcript release statement advisory fact check sheet explainer obituary analysis
    opinion commentary editorial interview profile feature photo essay gallery video podcast live update updates
    flash bulletin special exclusive long read q&a full text official""".split()
)


def page_kind(text: str) -> bool:
    """A label naming what kind of page this is ("Press briefing transcript", "Fact check", "Photo essay"): a kicker
    over the headline, not the headline."""
    words = text.lower().split()
    return 1 <= len(words) <= 4 and all(w.strip(":") in _PAGE_KIND_WORDS for w in words)


def title_text(text: str) -> str:
    if (labelled := TITLE_LABEL.match(text)) is not None:
        return without_label(labelled.group("title").strip())
    if (heading := MARKDOWN_HEADING.match(text)) is not None:
        return without_label(heading.group("text"))
    return without_label(strip_markdown(text))


# The word an outlet's name ends with: "The Harbour Post", "Asia Wire", "Coastal Daily".
MASTHEAD_ENDINGS = set(
    """news times post herald daily journal tribune gazette monitor review press wire chronicle courier media
    network radio tv agency service magazine online report ledger shimbun ilbo weekly observer standard mail
    express telegraph guardian independent insider today watch institute foundation center centre council
    initiative alliance forum project bulletin digest dispatch insight insights audio fm""".split()
)


_EDITION = re.compile(r"\s(?:English|Korean|Japanese|Chinese|Global|International|Asia)\s+(?:Edition|Service|Version)$")


def site_name_line(text: str) -> bool:
    """A masthead: the site's name (an outlet's name, or a domain) standing alone above the headline."""
    from archive.importers.outlets import known_outlet

    text = text.strip()
    words = text.split()
    if not words or SENTENCE_END.search(text) or not is_title_case(text):
        return False
    if _EDITION.search(text) and len(words) <= 8:
        return True  # "The Songhua Valley Star English Edition": an outlet's edition in another language
    if len(words) > 5:
        return False
    if is_section_label(text):
        return False  # "World News", "Business Today": a section of the site, not its name
    return (
        words[-1].lower() in MASTHEAD_ENDINGS
        or known_outlet(text) is not None
        or bool(re.fullmatch(r"[\w.-]+\.[a-z]{2,6}", text))
    )


def without_label(text: str) -> str:
    """A headline without the bracketed label a site puts before it, or the label a wire joins to it with a hyphen,
    if what is left is a headline."""
    rest = HEADLINE_LABEL.sub("", text, count=1)
    if (wire := _WIRE_LABEL.match(text)) is not None and (wire["counter"] or page_kind(wire["label"])):
        rest = text[wire.end() :]
    return rest if rest != text and len(rest.split()) >= 2 else text


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
