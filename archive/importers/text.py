"""Raw text articles (as copied from a news site) parsed into interchange records.

The text is read by the parts of an article and where they stand, not by the phrases of particular
outlets (archive.importers.rawtext):

- lines.py: decoding, cleaning pasted web text, paragraphs (hard-wrapped lines joined), the shape of a line;
- forwards.py: an article forwarded by email, without the email's own lines;
- print_pages.py: a print edition's pages undone (running headers, jump lines, reflowed columns);
- interviews.py: a Q&A's turns;
- layout.py: the headline block, the lead-in (dek, byline, date, captions), the story and the tail;
- headings.py: the shapes of headlines, subheads, labelled fields and keyword lines;
- captions.py: photo captions with or without credits; credits.py: bylines and credit lines;
- dates.py: dates in the formats news pages print; boilerplate.py: page furniture (gates.py: a site's account gates);
  pull_quotes.py: pull quotes;
- outlet_names.py: the outlet a text names as its own (with archive.importers.outlets for known outlets);
  plain_names.py: its plain name where the text also names it as an acronym, a company or in Hangul.

Tags: keyword-line terms, gazetteer places named anywhere, and starter tags named in the title, dek or
captions, or at least twice in the body (archive.importers.vocabulary).
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from archive.importers import vocabulary
from archive.importers.outlets import detect_outlet
from archive.importers.rawtext import forwards, outlet_names, print_pages
from archive.importers.rawtext.layout import Layout
from archive.importers.rawtext.lines import HANGUL, QUOTE_START, TextError, clean, decode, paragraphs
from archive.importers.rawtext.plain_names import plain_name
from archive.importers.record import MAX_EXTERNAL_ID, MAX_TITLE, MAX_WORKING_TITLE, CreditRecord, Record, SourceRef

__all__ = ["TextError", "ParsedText", "decode", "parse_file", "parse_text", "derive_title", "language"]

MAX_TEXT_BYTES = 5 * 10**6


@dataclass
class ParsedText:
    record: Record
    dropped: list[str] = field(default_factory=list)


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


def parse_text(text: str, *, external_id: str = "", source: SourceRef | None = None, outlets=None) -> ParsedText:
    """Parse one raw text article. `source` overrides the outlet found in the text."""
    forwarded = forwards.read(clean(text))
    printed = print_pages.read(forwarded.lines)
    paras = paragraphs(printed.lines)
    if not paras:
        raise TextError("empty file")
    parts = Layout(paras).read()
    body = "\n\n".join(parts.body).strip()
    if not body and not parts.title:
        raise TextError("no article text found (only boilerplate)")
    title, needs_title = parts.title, False
    if not title:
        title, needs_title = derive_title(body), True
    title = title[:MAX_TITLE]
    if source is None:
        known = outlets if outlets is not None else vocabulary.outlets()
        source = (
            parts.byline_outlet
            or next(iter(parts.own_outlets), None)
            # A print edition's running header: printed on every page, the outlet's own name.
            or (outlet_names.resolve(printed.masthead) if printed.masthead else None)
            or detect_outlet(text, known)
            or next(iter(parts.photo_outlets), None)
            or next(iter(parts.masthead_outlets), None)
            or next(iter(parts.credit_outlets), None)
        )
        if source is not None:
            others = [*parts.own_outlets, *parts.photo_outlets, *parts.masthead_outlets, *parts.credit_outlets]
            source = plain_name(source, text, others)
    record = Record(
        title=title,
        body=body,
        dek=parts.dek,
        source=source,
        published_at=parts.published_at or printed.edition_date,
        language=language(body or title),
        external_id=external_id,
        needs_title=needs_title,
        # A copied page may repeat a caption (the image and its enlarged view): one photo.
        photos=list(dict.fromkeys(parts.photos)),
        # A Korean byline beside its romanised one ("김하늘 기자" over "By Kim Ha-neul"): one author.
        credits=without_names_in_other_script(_unique(parts.credits), language(body or title)),
    )
    record.tags = vocabulary.find_tags(record, parts.keywords)
    return ParsedText(record, forwarded.dropped + printed.dropped + parts.dropped)


def _unique(credits: list[CreditRecord]) -> list[CreditRecord]:
    """Each credit once: a name the text also sets in capitals (an interview's speaker label) is the same person."""
    seen: dict[tuple[str, str], CreditRecord] = {}
    for credit in credits:
        seen.setdefault((credit.role, credit.name.casefold()), credit)
    return list(seen.values())


def without_names_in_other_script(credits: list[CreditRecord], story_language: str) -> list[CreditRecord]:
    """An English story whose byline names its authors in Latin letters: the page's Hangul names of authors (its
    metadata's, its Korean byline's) are the same people in the other script, credited once, as the story spells them."""
    authors = [c for c in credits if c.role == "author"]
    hangul = [c for c in authors if HANGUL.search(c.name)]
    if story_language != "en" or not hangul or len(authors) - len(hangul) < len(hangul):
        return credits
    return [c for c in credits if c not in hangul]


def language(text: str) -> str:
    """ "ko" for a text mostly in Hangul, else "en"."""
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
    blocks = [p.strip() for p in body.split("\n\n") if p.strip() and not p.startswith("## ")]
    if not blocks:
        return "Untitled"
    plain = [p for p in blocks if p[:1] not in QUOTE_START] or blocks
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
