"""Saved web pages (.html, .htm) read into interchange records.

The main text, headline, date, author and site name come from trafilatura, which strips navigation,
share bars, related stories, newsletter boxes, cookie banners, comments and footers; JSON-LD metadata of
type NewsArticle (or Article, BlogPosting, Report) takes precedence where the page has it. Each
`figure` becomes a photo with its `figcaption` (its credit from a credit/cite/small element, or from the
caption's text as in raw text); an image outside a figure counts when a caption element follows it or,
failing that, by its alt text (with the credit set alone beside it); a writer's portrait in an author's box does
not. The main text then goes through the raw text rules (credit lines, closing blurbs, captions left in the text)
and the same vocabulary: gazetteer places, starter tags, outlets.

A page in two languages is recorded in its story's: an English story under a Hangul headline takes the page's
English headline, and its authors as its byline spells them. A site named by an acronym or in Hangul goes by the
name its logo sets beside it.
"""

import json
import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from archive.importers import page_parts, vocabulary
from archive.importers.paywalls import with_paid_part
from archive.importers.rawtext import boilerplate, outlet_names
from archive.importers.rawtext.captions import credit_alone, split_credit, tidy_caption, tidy_credit
from archive.importers.rawtext.credits import byline, credit_line
from archive.importers.rawtext.headings import good_title, without_label
from archive.importers.rawtext.lines import TextError, content_words, decode, is_story_paragraph
from archive.importers.rawtext.names import is_person_name, organisation_name, split_names, tidy_name
from archive.importers.rawtext.plain_names import plain_name
from archive.importers.record import MAX_EXTERNAL_ID, MAX_TITLE, CreditRecord, PhotoRecord, SourceRef
from archive.importers.text import MAX_TEXT_BYTES, ParsedText, language, parse_text, without_names_in_other_script

_ARTICLE_TYPES = {"newsarticle", "article", "blogposting", "report", "reportagenewsarticle", "analysisnewsarticle"}
# Containers whose images are page furniture, not the article's photos.
_NOT_ARTICLE = re.compile(
    # "comment" is a comment box's, not a "commentary" article's.
    r"\b(?:logo|avatar|advert|ad-|banner|related|sidebar|widget|comments?(?![a-z])|promo|newsletter|share|footer|nav)",
    re.I,
)
# A class naming a picture's text: "caption", "pic-text", "img_desc", "photo-note".
_CAPTION_CLASS = re.compile(
    r"caption|(?<![a-z])(?:pic|img|image|photo)[-_]?(?:text|txt|desc|note|title)(?![a-z])", re.I
)
_CREDIT_CLASS = re.compile(r"credit|copyright|byline|source|photographer", re.I)
# A box on the writer (<div class="author-box">, "author-bio", "profile-card"): its picture is the writer's portrait.
_AUTHOR_BOX = re.compile(r"(?<![a-z])(?:author|bio|profile|contributor)", re.I)


@dataclass(frozen=True)
class PageMetadata:
    title: str = ""
    published_at: datetime | None = None
    authors: tuple[str, ...] = ()
    publisher: str = ""
    alternative_title: str = ""


def parse_html_file(path: Path, *, source: SourceRef | None = None) -> ParsedText:
    try:
        size = Path(path).stat().st_size
        if size > MAX_TEXT_BYTES:
            raise TextError(
                f"too large for one web page ({size / 1e6:.0f} MB; the limit is {MAX_TEXT_BYTES // 10**6} MB)"
            )
        data = Path(path).read_bytes()
    except OSError as exc:
        raise TextError(f"cannot read ({exc.strerror or exc})") from None
    return parse_html(decode_page(data), external_id=Path(path).stem[:MAX_EXTERNAL_ID], source=source)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?(?P<charset>[\w.:-]{2,40})""", re.I)


def decode_page(data: bytes) -> str:
    """A saved page's text: UTF-8, or the encoding its <meta charset> declares (older Korean and Japanese
    sites save EUC-KR or Shift_JIS pages)."""
    try:
        return decode(data)
    except TextError as error:
        declared = _META_CHARSET.search(data[:4096])
        if declared is None or "not UTF-8" not in str(error):
            raise
        charset = declared.group("charset").decode("ascii")
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            raise TextError(f"{error}; the page declares {charset!r} but is not that either") from None


def parse_html(page: str, *, external_id: str = "", source: SourceRef | None = None) -> ParsedText:
    try:
        tree = lxml_html.fromstring(page)
    except (etree.ParserError, ValueError) as exc:
        raise TextError(f"not a readable web page ({exc})") from None
    amp_pictures_as_images(tree)
    linked = json_ld(tree)
    extracted = trafilatura.bare_extraction(
        with_paid_part(without_note_marks(page)),
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
        with_metadata=True,
        # The page's own date markup only: a free search of the text finds the dates of related-story lists,
        # comments and "more stories" boxes, which are not the article's.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if extracted is None or not (extracted.text or "").strip():
        raise TextError("no article text found in the web page")
    # The headline the page shows wins over og:title and <title>, which are often another, punchier line.
    shown = visible_headline(tree)
    title = without_label(
        _quoted_as_shown(linked.title, shown)
        or shown
        or page_parts.class_headline(tree, _in_furniture)
        or page_parts.usable_title(extracted.title or "")
        or _first_text(tree, "//h1")
    )
    photos = figures(tree)
    captions = {p.caption for p in photos}
    paragraphs = [line.strip() for line in extracted.text.split("\n") if line.strip()]
    story_language = language(" ".join(paragraphs))
    heading_dek = page_parts.heading_dek(tree)
    title = headline_in_language(title, story_language, [linked.alternative_title, heading_dek])
    heading_dek = "" if heading_dek == title else heading_dek
    paragraphs = lead_paragraphs(tree, paragraphs) + paragraphs
    # A caption trafilatura left in the text is a photo's, not the story's; so is a credit standing alone ("Image: X").
    photo_credits = {p.credit for p in photos if p.credit}
    paragraphs = [
        p
        for p in paragraphs
        if p not in captions
        and split_credit(p)[0] not in captions
        and p != title
        and credit_alone(p) not in photo_credits
    ]
    # A pull quote repeats the story's words in large type; it is not a paragraph of its own, nor is a note on the page.
    pulled = page_parts.pull_quotes(tree) | page_parts.page_notes(tree)
    # The standfirst, which the extraction may keep as the text's first line, is the dek, not the story.
    deks = (heading_dek, standfirst_element(tree, title))
    paragraphs = [p for p in paragraphs if p not in pulled and p not in deks]
    # The headline is marked as one, so the raw text rules never take it for a caption or a paragraph.
    raw = "\n\n".join([f"Title: {title}", *paragraphs]) if title else "\n\n".join(paragraphs)
    parsed = parse_text(raw, external_id=external_id, source=source)
    record = parsed.record
    authors = linked.authors or page_parts.citation_authors(tree) or tuple((extracted.author or "").split(";"))
    # Metadata names people ("By Jane Doe", "A and B") and sometimes organisations, which are not credits.
    # A firm's name with its legal form ("X Logistics Co., Ltd.") is no person's, whatever its words.
    authors = [a for a in authors if not _LEGAL_FORM.search(a)]
    names = [tidy_name(n) for a in authors for n in split_names(re.sub(r"(?i)^\s*by\s+", "", a)) if n.strip()]
    credits = [CreditRecord("author", name) for name in dict.fromkeys(names) if is_person_name(name)]
    credits += [c for c in record.credits if c not in credits]
    found_date = _date(extracted.date)
    if found_date is not None and not page_parts.date_shown(tree, found_date, _in_furniture):
        found_date = None  # another article's date, in a list of links beside this one
    published = (
        linked.published_at
        or page_parts.citation_date(tree)
        or found_date
        or record.published_at
        or page_parts.date_under_headline(tree)
    )
    credits += [c for c in page_credits(tree, bylines=not linked.authors) if c not in credits]
    credits += [c for c in page_parts.class_bylines(tree, _in_furniture) if c not in credits]
    works = page_parts.work_bylines(tree, title)
    if any(c.role == "author" and c.name not in works for c in credits):
        credits = [c for c in credits if c.name not in works]
    credits = without_names_in_other_script(credits, story_language)
    if source is None:
        sitename = "" if repeats_headline(extracted.sitename or "", title) else extracted.sitename
        sitename = spelt_out(sitename, site_name(tree, title)) if sitename else sitename
        publisher = linked.publisher or sitename or site_name(tree, title) or any_publisher(tree)
        # The page's own metadata names a site, even one whose name reads like a person's ("Frontier Audio").
        site = outlet_names.resolve(publisher) or SourceRef(publisher) if publisher else None
        if site is not None:
            # The text's or the footer's name for the outlet may spell out the site's ("AP News": "The Associated
            # Press").
            own = [o for o in (record.source, footer_outlet(tree)) if o is not None]
            # The site's own name beside its publisher's company name ("X" beside "X Publishing Ltd").
            shown = site_name(tree, title)
            own += [SourceRef(shown)] if shown and shown != publisher else []
            spelt = plain_name(site, "\n".join(logo_lines(tree)), own)
            # Unless the story's own sentences name the outlet as the site does ("… told NFW News") and never by the
            # footer's company name ("© The Northern Freight Wire"): the outlet goes by the name its story gives it.
            if not (_names_outlet(record.body, site.name) and not _names_outlet(record.body, spelt.name)):
                site = spelt
        if site is not None and site.slug and publisher == linked.publisher:
            # A known outlet as its JSON-LD spells itself ("Yonhap News Agency"), still filed under the known outlet.
            site = replace(site, name=organisation_name(publisher) or site.name)
        # A photo credited to the page's own photographer and the outlet ("Photo: Zhao Lin/The Evening Clarion").
        people = {c.name for c in credits}
        paired = (outlet_names.from_photo_credit(p.credit, people) for p in photos if p.credit)
        source = site or record.source or next((o for o in paired if o is not None), None)
    dek = record.dek or heading_dek or standfirst(tree, title, record.body)
    record = replace(
        record,
        dek=dek,
        title=(title or record.title)[:MAX_TITLE],
        needs_title=not title and record.needs_title,
        published_at=published,
        source=source,
        credits=list(dict.fromkeys(credits)),
        photos=photos + [p for p in record.photos if p.caption not in captions],
    )
    record.tags = vocabulary.find_tags(record, [])
    return ParsedText(record, parsed.dropped)


_LEGAL_FORM = re.compile(r"(?i)\b(?:co|ltd|inc|llc|corp|plc|gmbh)\.?\s*$")


# A note's mark set above a sentence (<sup><a href="#fn1">1</a></sup>): a link to a footnote, no word of the text.
_NOTE_MARK = re.compile(r"<sup\b[^>]*>\s*(?:<a\b[^>]*>\s*)?\[?\d{1,3}\]?\s*(?:</a>\s*)?</sup>", re.I)


def _names_outlet(body: str, name: str) -> bool:
    """Whether the story names an outlet so ("The" before it or not), as a whole name."""
    bare = re.sub(r"(?i)^the\s+", "", name.strip())
    return bool(bare) and re.search(rf"(?<![\w-]){re.escape(bare)}(?![\w-])", body) is not None


def without_note_marks(page: str) -> str:
    """The page without its footnotes' marks, which the extraction would glue to the sentence's end ("… under.1")."""
    return _NOTE_MARK.sub("", page)


def headline_in_language(headline: str, story_language: str, alternatives: list[str]) -> str:
    """A headline in Hangul over a story in English gives way to the page's English headline (JSON-LD's
    alternativeHeadline, the heading under the <h1>): the record's title is in its story's language."""
    if story_language != "en" or language(headline) != "ko":
        return headline
    return next((a for a in alternatives if a and language(a) == "en" and good_title(a)), headline)


# A site's name has a few words; a title of this many that are all the headline's is the headline again.
MIN_HEADLINE_WORDS = 3


def repeats_headline(name: str, headline: str) -> bool:
    """Whether a name the extraction guessed as the site's is the headline again (a page titled "Headline | Site")."""
    words = content_words(name)
    return len(words) >= MIN_HEADLINE_WORDS and words <= content_words(headline)


_DOMAIN = re.compile(r"^(?:www\.)?(?P<label>[a-z0-9-]+)(?:\.[a-z0-9-]+)+$", re.I)


def spelt_out(name: str, words: str) -> str:
    """A site's name that is only its domain ("amurledger.example", the extraction's guess from the page's address)
    gives way to the name the page spells in words ("Amur Ledger", "The Amur Ledger") where its letters are the
    domain's."""
    domain = _DOMAIN.match(name)
    if domain is None or not words:
        return name
    letters = re.sub(r"[\W_]", "", re.sub(r"(?i)^the\s+", "", words)).casefold()
    return words if letters == domain.group("label").replace("-", "").casefold() else name


def logo_lines(tree) -> list[str]:
    """The site's logo as text: its image's alt text and the name set beside it ("KNS logo Korea Northern Service",
    "동방일보 DONGBANG ILBO"), one line a logo."""
    lines = []
    for img in tree.xpath("//img[@alt]"):
        logo = next((a for a in img.iterancestors() if "logo" in f"{a.get('class')} {a.get('id')}".lower()), None)
        if logo is not None:
            beside = " ".join(logo.text_content().split())
            lines.append(f"{img.get('alt')} {beside}".strip())
    return lines


def _quoted_as_shown(headline: str, shown: str) -> str:
    """The linked data's headline, in the quotation marks the page shows it in: a quote that is the headline keeps
    its marks ("“They took the phone”" where the data says They took the phone)."""
    quotes = "“”\"‘’'«»"
    if headline and shown != headline and shown.strip(quotes) == headline.strip(quotes) and shown[:1] in quotes:
        return shown
    return headline


def visible_headline(tree) -> str:
    """The page's <h1> headline: in the article, else in the main content, else any outside page furniture."""
    for xpath, in_content in (("//article//h1", True), ("//main//h1", True), ("//h1", False)):
        for node in tree.xpath(xpath):
            # An article's own <header> holds its headline; a page's header holds the site's name.
            if _in_furniture(node, allow_header=in_content):
                continue
            text = " ".join(node.text_content().split())
            if len(text.split()) >= 3:
                return text
    return ""


def site_name(tree, headline: str) -> str:
    """The site's name where the page names it: its og:site_name, after the headline in its <title>
    ("Headline – Site", or the last "| Site" part), or in the footer's copyright line."""
    if declared := _first_attr(tree, '//meta[@property="og:site_name" or @name="application-name"]/@content'):
        return declared
    title = _first_text(tree, "//title")
    # A title that is a path of sections ("SITE :: News :: North Korea", "Site > World") names the site first.
    path = re.split(r"\s+(?:::|>|»|›)\s+", title)
    if len(path) >= 3 and 1 <= len(path[0].split()) <= 6:
        return path[0].strip()
    if headline and title.startswith(headline):
        rest = title[len(headline) :].strip(" -–—|·:_")  # "Headline_Site": Chinese sites join them with "_"
        # "Headline_Channel_Site": the channel between them, the site last.
        rest = re.split(r"_(?=[A-Z])", rest)[-1].strip()
        if rest and len(rest) <= 80:
            return rest
    # "Site - Headline" or "Headline | Site": the one part that is not (the start of) the headline.
    others = [p for p in re.split(r"\s+[-|–—·]\s+", title) if p and p not in headline]
    if headline and len(others) == 1 and others[0] != title and 1 <= len(others[0].split()) <= 6:
        return others[0].strip()
    parts = re.split(r"\s+[|–—·]\s+", title)
    if len(parts) >= 2 and 1 <= len(parts[-1].split()) <= 6:
        return parts[-1].strip()
    outlet = footer_outlet(tree)
    return outlet.name if outlet is not None else page_parts.logo_text(tree)


def footer_outlet(tree) -> SourceRef | None:
    """The outlet the footer's copyright line names."""
    # The footer: a <footer>, or an element whose class or id names one (<div class="footer">) or a copyright line.
    footers = tree.xpath("//footer") + [
        n for n in tree.xpath("//body//*[@class or @id]") if _FOOTER.search(f"{n.get('class')} {n.get('id')}")
    ]
    for footer in footers:
        for line in footer.text_content().split("\n"):
            outlet = outlet_names.from_copyright(line.strip(), set()) if line.strip() else None
            if outlet is not None:
                return outlet
    return None


# A footer, or the copyright line's own element ("view_copyright") at the article's foot.
_FOOTER = re.compile(r"(?<![a-z])(?:footer|copyright)(?![a-z])", re.I)


def any_publisher(tree) -> str:
    """The publisher a page's JSON-LD names on any object (a PodcastEpisode's, a WebPage's)."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in _objects(data):
            if name := next(iter(_names(item.get("publisher"))), ""):
                return name
    return ""


# A class naming the dek: "standfirst", "subtitle" (a block's element too: "feature__standfirst"), or "sub" alone
# after a prefix ("c-sub", "art_sub").
_STANDFIRST_CLASS = re.compile(
    r"(?:\b|__)(?:standfirst|dek|subtitle|sub-?headline|summary|excerpt|strapline)\b|(?:^|\s)\w+[-_]sub(?:\s|$)", re.I
)
# A class naming the story's opening paragraph, set apart from the rest: "intro", "lede", "news-lead".
_LEAD_CLASS = re.compile(r"^(?:\w+[-_])?(?:lede|lead|intro|opening|first-para(?:graph)?)$", re.I)


def lead_paragraphs(tree, paragraphs: list[str]) -> list[str]:
    """The story's opening in a lead element (<div class="intro">, <p class="lede"> in the article's header),
    which the extraction sometimes drops: prose it left out, to stand first. A dek is no lead: it is not a
    story paragraph of prose, or its class names it (see standfirst)."""
    found: list[str] = []
    extracted = " ".join(" ".join(paragraphs).split())
    for node in tree.xpath("//*[@class]"):
        if not any(_LEAD_CLASS.match(name) for name in node.get("class").split()):
            continue
        if _in_furniture(node, allow_header=True) or _STANDFIRST_CLASS.search(node.get("class")):
            continue
        if node.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            continue  # a heading set as the intro is the dek, not the story's opening paragraph
        text = " ".join(node.text_content().split())
        # Its opening words suffice to tell it is in the text already (the extraction may break its lines).
        if not is_story_paragraph(text) or text[:60] in extracted:
            continue
        if not any(text in other or other in text for other in found):  # nested lead elements
            found.append(text)
    return found


def standfirst(tree, headline: str, body: str) -> str:
    """The dek under the headline: a standfirst element, or the page's og:description / description when it
    is not just the story's opening words."""
    if element := standfirst_element(tree, headline):
        return element
    described = _first_attr(tree, '//meta[@property="og:description" or @name="description"]/@content')
    opening = " ".join(body.split())[:200]
    if described and described != headline and not opening.startswith(described.rstrip(".…")[:60]):
        return described
    return ""


def standfirst_element(tree, headline: str) -> str:
    """The text of an element whose class names a standfirst (see _STANDFIRST_CLASS), or failing one, of an element
    whose class names a lead standing where a dek stands (see _lead_as_dek), or ""."""
    for node in tree.xpath("//*[@class]"):
        # A standfirst often stands in the article's <header>, which is furniture for photos but not here.
        if _STANDFIRST_CLASS.search(node.get("class") or "") and not _in_furniture(node, allow_header=True):
            text = " ".join(node.text_content().split())
            if 3 <= len(text.split()) <= 80 and text != headline:
                return text
    for node in tree.xpath("//*[@class]"):
        if any(_LEAD_CLASS.match(name) for name in node.get("class").split()) and _lead_as_dek(node):
            return " ".join(node.text_content().split())
    return ""


def _lead_as_dek(node) -> bool:
    """A lead element right under the headline and right above the byline (<h1>, <p class="intro">, <div
    class="meta">By X</div>) stands where a dek stands: as in raw text, prose above the byline is the lead-in's."""
    above, below = node.getprevious(), node.getnext()
    if above is None or below is None or above.tag != "h1" or _in_furniture(node, allow_header=True):
        return False
    lines = [" ".join(n.text_content().split()) for n in below.iter() if isinstance(n.tag, str)]
    return any(line and len(line) <= 200 and (byline(line) or credit_line(line)) for line in lines)


def page_credits(tree, *, bylines: bool = True) -> list[CreditRecord]:
    """Credit lines and bylines the text extraction may leave out ("Photographs and text by X" beside the byline, an
    "Editor: X" cell under a story laid out in a table), in the article element, or in the body of a page without one
    ("div soup": "Written by X | Posted on …"), outside furniture; affiliation marks (<sup>) are no part of a name.
    Outside an article the bylines count only when `bylines` (the JSON-LD names no author: metadata wins)."""
    found = []
    in_article = bool(tree.xpath("//article"))
    scope = "//article" if in_article else "//body"
    for node in tree.xpath(f"{scope}//*[self::p or self::div or self::span or self::li or self::td]"):
        text = page_parts.text_without_marks(node)
        # The article's own header is its headline block (headline, dek, credits), not the site's furniture.
        if not text or len(text) > 200 or _in_furniture(node, allow_header=in_article):
            continue
        for segment in re.split(r"\s+[·|•]\s+", text):
            # A byline in the article's meta line ("By X · February 18, 2025") that the extraction left out.
            by = byline(segment) if in_article or bylines else None
            for credit in credit_line(segment) or (by.credits if by else []):
                if credit not in found:
                    found.append(credit)
    return found


def json_ld(tree) -> PageMetadata:
    """The page's JSON-LD article metadata (the first object of an article type), or empty metadata."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in _objects(data):
            kinds = item.get("@type")
            kinds = {k.lower() for k in (kinds if isinstance(kinds, list) else [kinds]) if isinstance(k, str)}
            if kinds & _ARTICLE_TYPES:
                return PageMetadata(
                    title=_string(item.get("headline")),
                    alternative_title=_string(item.get("alternativeHeadline")),
                    published_at=_date(_string(item.get("datePublished"))),
                    authors=tuple(_names(item.get("author"))),
                    publisher=next(iter(_names(item.get("publisher"))), ""),
                )
    return PageMetadata()


def _objects(data):
    if isinstance(data, list):
        for item in data:
            yield from _objects(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _objects(data["@graph"])


def _names(value) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [name for item in value for name in _names(item)]
    return []


def _string(value) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    # The day the page gives, at midnight UTC, as raw text dates are.
    return datetime(parsed.year, parsed.month, parsed.day, tzinfo=UTC)


# AMP pages draw their pictures with elements of their own in place of <img>.
AMP_IMAGES = ("amp-img", "amp-anim")


def amp_pictures_as_images(tree) -> None:
    """Read an AMP page's pictures as images; each one's fallback for readers without JavaScript is the same
    picture again, and goes."""
    for amp_image in tree.iter(*AMP_IMAGES):
        amp_image.tag = "img"
        for fallback in amp_image.xpath(".//noscript"):
            fallback.drop_tree()


def figures(tree) -> list[PhotoRecord]:
    """A photo per figure (caption and credit) and per captioned or described image outside figures."""
    photos = []
    for node in tree.xpath("//figure | //img"):
        if _in_furniture(node) or _in_author_box(node):
            continue
        if node.tag == "figure":
            photo = _figure(node)
        elif node.xpath("ancestor::figure"):
            continue
        else:
            photo = _image(node)
        if photo is not None and (photo.caption or photo.credit) and photo not in photos:
            photos.append(photo)
    return photos


def _figure(node) -> PhotoRecord | None:
    # A figure holding a table of figures and no picture: its figcaption titles the table, which is no photo.
    if node.xpath(".//table") and not node.xpath(".//img | .//picture | .//svg | .//canvas"):
        return None
    caption_nodes = node.xpath(".//figcaption")
    if not caption_nodes:
        # WordPress's figure: the caption in an element of its own class (<p class="wp-caption-text">).
        captions = [
            n for n in node.iterdescendants() if isinstance(n.tag, str) and _CAPTION_CLASS.search(n.get("class") or "")
        ]
        if captions:
            return _caption_element(captions[0])
        alt = _first_attr(node, ".//img/@alt")
        return PhotoRecord(*split_credit(alt)) if alt else None
    figcaption = caption_nodes[0]
    credit_nodes = [n for n in figcaption.iter() if n is not figcaption and _is_credit_node(n)]
    if credit_nodes:
        credit = " ".join(credit_nodes[0].text_content().split())
        for n in credit_nodes[:1]:
            n.drop_tree()
        caption = " ".join(figcaption.text_content().split())
        return PhotoRecord(tidy_caption(caption), tidy_credit(credit))
    caption = " ".join(figcaption.text_content().split())
    # A credit element beside the caption inside the figure (often above it, over the image).
    beside = [n for n in node.iter() if _is_credit_node(n) and not n.xpath("ancestor-or-self::figcaption")]
    if beside and (credit := " ".join(beside[0].text_content().split())):
        return PhotoRecord(caption, tidy_credit(credit))
    return PhotoRecord(*split_credit(caption))


def _image(img) -> PhotoRecord | None:
    # A caption element right after the image, or after the image's container.
    for following in (img.getnext(), img.getparent().getnext() if img.getparent() is not None else None):
        if following is not None and _CAPTION_CLASS.search(following.get("class") or ""):
            return _credited_below(_caption_element(following), following.getnext())
    if (caption := _caption_in_next_row(img)) is not None:
        return caption
    if (caption := _caption_beside(img)) is not None:
        return caption
    alt = _alt_caption(img)
    return PhotoRecord(*split_credit(alt)) if alt else None


MAX_CAPTION_LENGTH = 400


def _caption_element(node) -> PhotoRecord:
    """A caption element's text and credit: the credit from a credit element inside it (as in a figcaption), else
    from the text; a gallery's counter ("1 of 8") is no part of it."""
    parts, credit = [node.text or ""], ""
    for child in node:
        if isinstance(child.tag, str):
            text = " ".join(child.text_content().split())
            if _is_credit_node(child):
                credit = credit or tidy_credit(text)
            elif not boilerplate.is_boilerplate(text):
                parts.append(text)
        parts.append(child.tail or "")
    caption = " ".join(" ".join(parts).split())
    return PhotoRecord(caption, credit) if credit else PhotoRecord(*split_credit(caption))


def _credited_below(photo: PhotoRecord, below) -> PhotoRecord:
    """A caption element without a credit, and a credit element right under it (a gallery slide's "Photo: X")."""
    if photo.credit or below is None or not isinstance(below.tag, str) or not _is_credit_node(below):
        return photo
    credit = tidy_credit(" ".join(below.text_content().split()))
    return replace(photo, credit=credit) if credit else photo


def _in_author_box(node) -> bool:
    """Whether the node stands in a box on the writer, inside the article (a page or an article whose class names its
    author is no box)."""
    for ancestor in node.iterancestors():
        if ancestor.tag in ("article", "main", "body"):
            return False
        if _AUTHOR_BOX.search(f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}"):
            return True
    return False


def _caption_in_next_row(img) -> PhotoRecord | None:
    """An old portal's picture table: the image in one row's cell, its caption in the next row's cell of a caption's
    class (<tr><td><img></td></tr><tr><td class="pictext">…</td></tr>)."""
    rows = img.xpath("ancestor::tr[1]")
    below = rows[0].getnext() if rows else None
    if below is None or below.tag != "tr" or below.xpath(".//img"):
        return None
    cells = [c for c in below if isinstance(c.tag, str)]
    if len(cells) != 1 or not _CAPTION_CLASS.search(cells[0].get("class") or ""):
        return None
    return _caption_element(cells[0])


def _caption_beside(img) -> PhotoRecord | None:
    """A figure without figure markup: a container holding only the image and, after it, one short text (<div
    class="pic"><img><div>caption. Photo: X</div></div>). The text is the image's caption; a text that is only its
    credit (<p class="hero-credit">Image: X</p>) credits the image, whose alt text is then the caption."""
    parent = img.getparent()
    children = [c for c in parent if isinstance(c.tag, str)] if parent is not None else []
    if len(children) != 2 or children[0] is not img or children[1].xpath(".//img"):
        return None
    if children[1].tag == "a":
        return None  # a thumbnail's link: the headline of the page it leads to, not a caption
    text = " ".join(children[1].text_content().split())
    if (credit := credit_alone(text)) is not None or _is_credit_node(children[1]) and (credit := tidy_credit(text)):
        return PhotoRecord(_alt_caption(img), credit)
    return PhotoRecord(*split_credit(text)) if 0 < len(text) <= MAX_CAPTION_LENGTH else None


# An alt text that is a sentence describes the photo; a word or two ("logo", "photo") does not.
MIN_ALT_CAPTION_WORDS = 5


def _alt_caption(img) -> str:
    alt = " ".join((img.get("alt") or "").split())
    return alt if len(alt.split()) >= MIN_ALT_CAPTION_WORDS else ""


def _is_credit_node(node) -> bool:
    return node.tag in ("cite", "small") or bool(_CREDIT_CLASS.search(node.get("class") or ""))


def _in_furniture(node, *, allow_header: bool = False) -> bool:
    for ancestor in node.iterancestors():
        if ancestor.tag == "header" and allow_header:
            continue
        if ancestor.tag in ("header", "nav", "footer", "aside", "dialog"):
            return True
        if _NOT_ARTICLE.search(f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}"):
            return True
    return False


def _first_text(tree, xpath: str) -> str:
    found = tree.xpath(xpath)
    return " ".join(found[0].text_content().split()) if found else ""


def _first_attr(node, xpath: str) -> str:
    found = node.xpath(xpath)
    return " ".join(str(found[0]).split()) if found else ""
