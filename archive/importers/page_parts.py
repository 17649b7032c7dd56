"""Parts of a saved page that has no article markup (no <article>, no <h1>, no JSON-LD): "div soup".

- The headline: an element whose class names a title ("tit", "ttl", "title", "headline", "subject") and that reads as
  one, where the page has no <h1>. A <title> that is a path of sections ("SITE :: News :: North Korea") is a
  menu, never the headline.
- The byline: an element whose class names a reporter or an author ("reporter", "byline", "author", "writer")
  holding names only ("Choi Jin-ho (jhchoi@…)").
- The dek: a heading right under the <h1> (an <h2> before the story's first paragraph) that reads as a sentence
  or two is the standfirst, not the story's opening.
- Pull quotes: an element whose class names one ("pullquote", "pull-quote", "callout") repeats the story's
  words; its text is not a paragraph. Nor is a note on the page (an element whose class names a note: "note",
  "gallery-note").
- A date line right under the headline (a report's "As of <date>", or a date in its own element inside the byline's,
  under the dek too) is the page's date when nothing else gives one.
- A byline right under another work's title (a book under review: "by X" under its title) credits that work, not
  the article, where the page credits its own writer elsewhere.
- A scholarly page's citation tags (`citation_author` "Last, First", `citation_publication_date`), which repositories
  and journals set for indexers, name its authors and date where no JSON-LD does.
- The site's name in its logo's own text (`<a id="logo">Site</a>`, no image) names the site when the page's metadata
  and <title> do not.
- The date: a date the extraction found is the article's only where the page shows it outside page furniture
  and outside a list of links to other articles (a "Latest news" list's dates are theirs), or in its date
  markup (<meta>, a <time> outside a comment or a sidebar: a comment's time is the comment's).
"""

import re
from datetime import datetime

from archive.importers.rawtext.boilerplate import is_menu
from archive.importers.rawtext.credits import byline, credit_line, lead_in_names
from archive.importers.rawtext.dates import date_line, find_dates
from archive.importers.rawtext.headings import good_title, title_candidate
from archive.importers.record import CreditRecord

_TITLE_CLASS = re.compile(r"^(?:\w+[-_])?(?:tit|ttl|title|headline|subject|heading)$", re.I)
_BYLINE_CLASS = re.compile(r"^(?:\w+[-_])?(?:reporter|byline|author|writer|journalist)s?$", re.I)
_PULL_QUOTE_CLASS = re.compile(r"\b(?:pull-?quote|pullout|callout|quote-?card)\b", re.I)
# An element whose class names a note ("note", "gallery-note", "editor_note", "endnote"): a note on the page (a book's
# coming out, a gallery's source, how the writer travelled), no story text. A podcast's "show-notes" may be its text.
_NOTE_CLASS = re.compile(r"^(?:\w+[-_])?(?:end)?note$", re.I)
_EMAIL = re.compile(r"\s*[\[(<]?[\w.+-]+@[\w-]+\.[\w.-]*\w[\])>]?")
MAX_BYLINE_LENGTH = 120
_AUTHOR_NOTE = re.compile(r"\s*\((?:corresponding|lead|senior|first|co-?)\s*author\)", re.I)


def class_headline(tree, in_furniture) -> str:
    """The headline an element's class names, outside page furniture; "" if none reads as one."""
    for node in tree.xpath("//*[@class]"):
        if not any(_TITLE_CLASS.match(name) for name in node.get("class").split()) or in_furniture(node):
            continue
        text = " ".join(node.text_content().split())
        if title_candidate(text) and good_title(text) and not is_menu(text):
            return text
    return ""


def usable_title(title: str) -> str:
    """A page title as a headline: "" when it is a path of sections (a menu)."""
    return "" if title and is_menu(title) else title


MIN_DEK_WORDS = 6


def heading_dek(tree) -> str:
    """The standfirst set as a heading under the headline (see the module docstring), or ""."""
    for h1 in tree.xpath("//h1"):
        for node in h1.itersiblings():
            if not isinstance(node.tag, str):
                continue
            if node.tag in ("h2", "h3"):
                text = " ".join(node.text_content().split())
                return text if len(text.split()) >= MIN_DEK_WORDS else ""
            if node.tag == "p" or node.xpath(".//p"):
                return ""
    return ""


# How many elements under the headline may stand before its date line (a dek, a kicker).
MAX_ELEMENTS_OVER_DATE = 3


def date_under_headline(tree) -> datetime | None:
    """The date of a date line standing right under the <h1>, before the story's first paragraph ("As of 14 August
    2024" under a report's heading, or in an element of its own inside the byline's: the writer's name, then the
    date), or None."""
    for h1 in tree.xpath("//h1"):
        elements = [node for node in h1.itersiblings() if isinstance(node.tag, str)]
        for at, node in enumerate(elements[:MAX_ELEMENTS_OVER_DATE]):
            # The dek right under the headline, over the byline's block, is the lead-in's: the date may stand below it.
            if at == 0 and node.tag == "p" and any(map(_byline_block, elements[1:MAX_ELEMENTS_OVER_DATE])):
                continue
            if (node.tag == "p" or node.xpath(".//p")) and not _byline_block(node):
                break
            for part in (node, *node.iterdescendants()):
                if not isinstance(part.tag, str):
                    continue
                found = date_line(" ".join(part.text_content().split()))
                if found is not None and found.value is not None and not found.updated_only:
                    return found.value
    return None


def _byline_block(node) -> bool:
    """Whether an element is the byline's block: paragraphs of credits and dates only ("Words by X", "Edited by Y",
    "Thursday 12 September 2024"), one of them a credit."""
    lines = [" ".join(p.text_content().split()) for p in (node.xpath("self::p | .//p") or [node])]
    lines = [line for line in lines if line]
    if not lines or any(len(line) > MAX_CREDIT_CHARS for line in lines):
        return False
    credits = [bool(byline(line) or credit_line(line)) for line in lines]
    return any(credits) and all(c or date_line(line) is not None for c, line in zip(credits, lines))


MAX_CREDIT_CHARS = 200


def pull_quotes(tree) -> set[str]:
    """The texts of the page's pull quotes (see the module docstring)."""
    found = set()
    for node in tree.xpath("//*[@class]"):
        if _PULL_QUOTE_CLASS.search(node.get("class")):
            found.add(" ".join(node.text_content().split()))
    return found


def page_notes(tree) -> set[str]:
    """The texts of the page's notes (see _NOTE_CLASS)."""
    found = set()
    for node in tree.xpath("//*[@class]"):
        if any(_NOTE_CLASS.match(name) for name in node.get("class").split()):
            found.add(" ".join(node.text_content().split()))
    return found


def text_without_marks(node) -> str:
    """An element's text without the marks set above its words (<sup>: an author's affiliation "a", a note's "1")."""
    return " ".join("".join(node.xpath(".//text()[not(ancestor::sup)]")).split())


def class_bylines(tree, in_furniture) -> list[CreditRecord]:
    """Authors an element whose class names a reporter or byline gives, their e-mail addresses, affiliation marks and
    notes on their part ("(corresponding author)") aside."""
    found: list[CreditRecord] = []
    for node in tree.xpath("//*[@class]"):
        if not any(_BYLINE_CLASS.match(name) for name in node.get("class").split()) or in_furniture(node):
            continue
        text = _AUTHOR_NOTE.sub("", _EMAIL.sub("", text_without_marks(node))).strip(" ()")
        if len(text) > MAX_BYLINE_LENGTH:
            continue
        by = byline(text)
        found += [c for c in (by.credits if by else lead_in_names(text) or ()) if c not in found]
    return found


def work_bylines(tree, headline: str) -> frozenset[str]:
    """The names of bylines set right under the title of another work than the page's (a book under review: its title's
    element over "by X"): that work's authors, not the article's, where the page credits its own writer elsewhere."""
    names: set[str] = set()
    for node in tree.xpath("//body//*[self::p or self::div or self::span]"):
        above = node.getprevious()
        text = text_without_marks(node)
        if above is None or not isinstance(above.tag, str) or len(text) > MAX_BYLINE_LENGTH:
            continue
        title = " ".join(above.text_content().split())
        if title == headline or not title_candidate(title) or not good_title(title):
            continue
        if (by := byline(text)) is not None:
            names.update(c.name for c in by.credits)
    return frozenset(names)


def date_shown(tree, date: datetime, in_furniture) -> bool:
    """Whether the page shows this date as the article's (see the module docstring)."""
    iso = date.date().isoformat()
    for value in tree.xpath("//meta/@content"):
        if str(value).startswith(iso):
            return True
    # A comment's or a sidebar's <time> dates that, not the article; the article's header holds its own.
    for node in tree.xpath("//time[@datetime]"):
        if node.get("datetime").startswith(iso) and not in_furniture(node, allow_header=True):
            return True
    for node in tree.iter():
        if not isinstance(node.tag, str) or node.tag in ("script", "style", "title", "head"):
            continue
        own = " ".join(t for t in (node.text, node.tail) if t)
        if not any(f.value.date() == date.date() for f in find_dates(own)):
            continue
        holder = node if node.text and node.text in own else node.getparent()
        if holder is not None and not in_furniture(holder) and not _in_link_list(holder):
            return True
    return False


def _in_link_list(node) -> bool:
    """An entry of a list of other articles: the date's element, or its parent, holds a link."""
    parent = node.getparent()
    return bool(node.xpath(".//a")) or (parent is not None and bool(parent.xpath("./a")))


def citation_authors(tree) -> tuple[str, ...]:
    """The authors a scholarly page's citation tags name ("Kovač, Mirela" is Mirela Kovač)."""
    names = []
    for value in tree.xpath('//meta[@name="citation_author"]/@content'):
        last, _, first = (part.strip() for part in value.partition(","))
        names.append(f"{first} {last}" if first else last)
    return tuple(n for n in names if n)


def citation_date(tree) -> datetime | None:
    """The date a scholarly page's citation tags give it ("2021/05/14")."""
    for value in tree.xpath('//meta[@name="citation_publication_date" or @name="citation_date"]/@content'):
        if (found := date_line(value.strip())) is not None and found.value:
            return found.value
    return None


_LOGO = re.compile(r"(?<![a-z])logo(?![a-z])", re.I)
MAX_LOGO_WORDS = 6


def logo_text(tree) -> str:
    """The site's name a logo sets in text (a logo element with no image of its own)."""
    for node in tree.xpath("//body//*[@class or @id]"):
        if not _LOGO.search(f"{node.get('class')} {node.get('id')}") or node.xpath(".//img"):
            continue
        text = " ".join(node.text_content().split())
        if text and len(text.split()) <= MAX_LOGO_WORDS:
            return text
    return ""
