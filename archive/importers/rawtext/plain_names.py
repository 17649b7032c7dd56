"""An outlet's own plain name, when the text names it in more than one way.

- An acronym and its expansion: "TWS" is "Transpacific Wire Service" when the text spells it out.
- A corporate owner and its masthead: "Eastern Courier Media Group", "Straits Ledger Media Ltd.", "Amur Digital News &
  Media Ltd", "Highland Observer Newspapers Ltd." are "The Eastern Courier", "Straits Ledger", "The Amur", "The
  Highland Observer" when the text names the masthead alone too (a copyright line names the company), or a masthead on a
  line of its own that adds a word or two to the company's name ("Bench & Quay Asia" over "© Bench & Quay Media Ltd.");
  a company of another name ("© Korea Ferry Group") publishes the masthead that
  heads the page and that the page names again ("Join Ferry Times …").
- A Korean (or Chinese, Japanese) masthead and its English name: "동방일보" is "Dongbang Ilbo" when a line sets
  the English name beside it (an English edition's masthead: "동방일보 DONGBANG ILBO | ENGLISH"), or another of its
  own lines names it in Latin letters (a footer's "Copyright © The Dongbang Ilbo" under "ⓒ 동방일보").
- A company's name ("Tidewater Almanac Publishing Ltd") or a site's with its edition ("Hanbit Sinmun English
  Edition") is the name without those words when the page names its outlet so elsewhere too (its site name, its
  copyright line).
- A name the text spells only in capitals, a masthead's lettering, in ordinary case ("THE NORTHERN BUGLE" is "The
  Northern Bugle"); acronyms stay. A name in capitals that the text also spells otherwise (a dateline's
  "(GLOBENEWSLINE)" beside the masthead's "GlobeNewsline") is that spelling.
"""

import re

from archive.importers.rawtext.headings import MASTHEAD_ENDINGS, page_kind
from archive.importers.record import SourceRef

# Words a company adds to its masthead's name.
_CORPORATE = re.compile(
    r"\s+(?:(?:digital\s+)?(?:news\s+(?:&|and)\s+)?media(?:\s+group)?|group|holdings?|publishing|publishers?|publications|newspapers?|corporation|corp\.?|company|co\.?|"
    r"ltd\.?|inc\.?|limited|plc|llc|pvt\.?|private)(?:\s+(?:co\.?|ltd\.?|inc\.?|limited|pvt\.?|private))*$",
    re.I,
)
# An office that publishes a masthead of another name: "© Parliamentary Information Office" under "THE X RECORD".
_PUBLISHING_BODY = re.compile(r"\s(?:office|bureau|department|secretariat)$", re.I)
# A site named by the acronym and its kind or its edition: "AP News", "LEN English".
_SITE_ACRONYM = re.compile(r"(?P<acronym>[A-Z]{2,6})(?:\s+(?:News|Online|Digital|English))?")
_SMALL_WORDS = r"\s+(?:(?:for|of|and|on|in|the|&)\s+)*"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_LATIN_WORDS = re.compile(r"[A-Za-z][A-Za-z'’.-]*(?:\s+[A-Za-z][A-Za-z'’.-]*){0,4}")
# Words beside a masthead that name its edition, not the outlet.
_EDITION_WORDS = {"english", "edition", "korean", "chinese", "japanese", "global", "version", "online"}


def plain_name(source: SourceRef, text: str, others: list[SourceRef] = ()) -> SourceRef:
    """The outlet's own plain name as the text writes it (see the module docstring); a known outlet stays.
    `others`: the other names the text gives its outlet, weaker evidence."""
    if source.slug:
        return source
    name = source.name
    found = (
        _expansion(name, text, others)
        or _masthead(name, text)
        or _owned_masthead(name, text, others)
        or _without_company_or_edition(name, others)
        or _english_name(name, text)
        or _latin_name(name, others)
        or _full_name(name, text, others)
        or _station_name(name, text, others)
        or _brand(name, text)
        or _spelt_elsewhere(name, text)
        or _in_ordinary_case(name, text)
    )
    return SourceRef(found) if found else source


def _without_company_or_edition(name: str, others: list[SourceRef]) -> str | None:
    """A name whose last words are a company's legal form or kind ("Publishing Ltd") or an edition's ("English
    Edition"): the rest, as another of the page's own names for its outlet spells it, when one does."""
    words = name.split()
    edition = len(words)
    while edition > 1 and words[edition - 1].casefold() in _EDITION_WORDS:
        edition -= 1
    bare = {_CORPORATE.sub("", name).strip().casefold(), " ".join(words[:edition]).casefold()} - {name.casefold()}
    return next((o.name for o in others if o.name.casefold() in bare and len(o.name) >= 3), None)


def _spelt_elsewhere(name: str, text: str) -> str | None:
    """A name in capitals (a dateline's "(GLOBENEWSLINE)") that the text also spells in ordinary case, capitalised (the
    masthead's and the copyright line's "GlobeNewsline"): that spelling, the most frequent."""
    if not name.isupper():
        return None
    pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, name.split())) + r"(?!\w)"
    spellings = [
        m.group(0) for m in re.finditer(pattern, text, re.I) if not m.group(0).isupper() and m.group(0)[0].isupper()
    ]
    return max(spellings, key=spellings.count) if spellings else None


# A name in capitals is a masthead's lettering, not an acronym, when two of its words or more have four letters or more.
MIN_LONG_WORDS = 2


def _in_ordinary_case(name: str, text: str) -> str | None:
    """A name the text spells only in capitals ("THE NORTHERN BUGLE", in the masthead and the copyright line) in
    ordinary case, its small words in lower case after the first; acronyms ("KBS", "NK NEWS") stay."""
    words = name.split()
    if not name.isupper() or sum(len(w) >= 4 for w in words) < MIN_LONG_WORDS:
        return None
    pattern = r"\s+".join(map(re.escape, words))
    if any(not m.group(0).isupper() for m in re.finditer(pattern, text, re.I)):
        return None  # spelt in another case too: the other rules read that spelling
    small = {"of", "and", "the", "for", "on", "in", "at", "a", "an"}
    return " ".join(
        w.lower() if j and w.casefold() in small else w.capitalize() if len(w) > 3 or w.casefold() in small else w
        for j, w in enumerate(words)
    )


def _brand(name: str, text: str) -> str | None:
    """The page's first line naming the outlet's title for a kind of page, the outlet's name and words of a page kind
    ("AFP Fact Check" of "© AFP", "X Explainers"): the title the outlet publishes this page under ("KNWT 7 News" is
    the station's name with its channel, not such a title)."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    rest = first.removeprefix(name + " ")
    if rest == first or not page_kind(rest) or not all(w[:1].isupper() for w in rest.split()):
        return None
    return first


# A short name's fuller form adds at most this many words naming an outlet ("News Agency", "Wire Service").
MAX_OUTLET_WORDS_ADDED = 2


def _full_name(name: str, text: str, others: list[SourceRef]) -> str | None:
    """ "The Sentinel" ("About The Sentinel") is "The Capitol Sentinel" when the text names that as its own too: a
    short form keeps the full name's last words, or all its words but the last that names it an outlet."""
    words = _bare_words(name)
    for other in others:
        full = _bare_words(other.name)
        if len(full) > len(words) >= 1 and full[-len(words) :] == words:
            return other.name
        # "Arcbridge" of a dateline is "Arcbridge News" of the masthead, "Sakhalin" is "Sakhalin News Agency": the
        # name and the words that make it one. A company's name ("X Media") is no fuller name of its masthead. Two
        # words added ("News Agency") make a name the page's masthead must give too: a copyright line's full name
        # under a masthead with the short one ("SAKHALIN" over "© Sakhalin News Agency") is the company's.
        added = full[len(words) :] if full[: len(words)] == words else []
        if (
            1 <= len(added) <= MAX_OUTLET_WORDS_ADDED
            and all(word in MASTHEAD_ENDINGS for word in added)
            and not _CORPORATE.search(other.name)
            and (len(added) == 1 or _outside_copyright(other.name, text))
        ):
            return other.name
    return None


# A broadcaster's call letters with its licence's suffix ("KSWA-TV", "KSWA-FM"), or alone.
_CALL_LETTERS = re.compile(r"(?P<letters>[A-Z]{3,5})(?:-(?:TV|FM|AM|DT|CA|LP))?")


def _station_name(name: str, text: str, others: list[SourceRef]) -> str | None:
    """ "KSWA-TV" of a copyright line is "KSWA 5 News" when the masthead names the station by its call letters and
    more (a channel, "News"): the name it goes by on air, spelt as the story writes it ("told KSWA 5 News")."""
    if (call := _CALL_LETTERS.fullmatch(name)) is None:
        return None
    letters = call.group("letters")
    for other in others:
        words = other.name.split()
        if len(words) >= 2 and words[0].upper() == letters and words[-1].casefold() in MASTHEAD_ENDINGS:
            pattern = re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, words)) + r"(?![\w-])", re.I)
            # Named so in a sentence of the story, not only on the masthead ("KNWT 7 News" over a story and a
            # copyright that call it "KNWT" is the station's KNWT): spelt as the sentence spells it.
            for line in text.splitlines():
                for match in pattern.finditer(line):
                    found = match.group(0)
                    if line.strip() != found and found.split()[0] == letters and not found.isupper():
                        return found
    return None


def _outside_copyright(name: str, text: str) -> bool:
    """Whether a line of the text other than a copyright notice names the outlet so (its masthead)."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", re.I)
    return any(pattern.search(line) and not _COPYRIGHT_LINE.search(line) for line in text.splitlines())


_COPYRIGHT_LINE = re.compile(r"©|ⓒ|\(c\)|\bcopyright\b|\ball rights reserved\b", re.I)


def _bare_words(name: str) -> list[str]:
    return re.sub(r"^the\s+", "", name.strip(), flags=re.I).casefold().split()


def _expansion(name: str, text: str, others: list[SourceRef]) -> str | None:
    """An acronym spelt out beside it on one line ("KNS  Korea Northern Service") or where the text names its outlet
    again (a copyright line: "© 2024 Transpacific Wire Service"). A spelt-out name standing apart (a logo's "British
    Broadcasting Corporation" over "Copyright BBC") is a formal name, not the one the outlet goes by."""
    # A site named by the acronym and its kind ("AP News") is the acronym's too.
    if (acronym := _SITE_ACRONYM.fullmatch(name)) is None:
        return None
    name = acronym.group("acronym")
    # "The Associated Press" for AP: the article is no letter of the acronym, nor are the small words between the
    # name's words ("Centre for Frontier Studies" for CFS); each capitalised part of a hyphenated word gives its
    # letter ("Sakhalin-Kuril Information Agency" for SKIA), a part in lower case none ("Trans-border"), or the word
    # gives one letter for all its parts ("Korea Agency for Inter-Korean Health Cooperation" for KAIHC).
    words = r"(?:The\s+)?" + rf"(?:-|{_SMALL_WORDS})".join(
        rf"{letter}[a-z][\w'’]*(?:-[A-Za-z][\w'’]*)*?" for letter in name
    )
    if (own := next((o.name for o in others if re.fullmatch(words, o.name)), None)) is not None:
        return own
    # The text's own name for its outlet may give one word two letters ("HLP": "HarbourLine Press" set as one word).
    spelt = (o.name for o in others if len(_bare_words(o.name)) >= 2 and _abbreviates(name, _bare_words(o.name)))
    if (own := next(spelt, None)) is not None:
        return own
    beside = rf"(?m)^.*(?<![\w-]){name}(?![\w-]).*$"
    for line in re.findall(beside, text):
        if (match := re.search(rf"(?<![\w-]){words}(?![\w-])", line)) is not None:
            return match.group(0)
    return None


def _abbreviates(acronym: str, words: list[str]) -> bool:
    """Whether each word gives the acronym its next letter by its initial, and maybe more from inside it, in order."""
    if not acronym or not words:
        return not acronym and not words
    first, rest = words[0], words[1:]
    if acronym[0].casefold() != first[:1]:
        return False
    for taken in range(1, len(acronym) - len(rest) + 1):
        if _in_order(acronym[1:taken].casefold(), first[1:]) and _abbreviates(acronym[taken:], rest):
            return True
    return False


def _in_order(letters: str, word: str) -> bool:
    found = iter(word)
    return all(letter in found for letter in letters)


def _masthead(name: str, text: str) -> str | None:
    bare = _CORPORATE.sub("", name).strip()
    if bare == name or len(bare) < 3:
        return None
    # The masthead on a line of its own may add a word or two to the company's name ("Bench & Bar Asia" over "© Bench &
    # Bar Media Ltd."): the name the site goes by, when the text never names it without them.
    fuller = re.search(rf"(?m)^{re.escape(bare)}(?:[^\S\n]+[A-Z][\w'’-]*){{1,2}}[^\S\n]*$", text)
    if fuller is not None and not _CORPORATE.search(fuller.group()):
        alone = re.findall(rf"(?<![\w-]){re.escape(bare)}(?![^\S\n]*\w)", text)
        if not alone:
            return fuller.group().strip()
    # A one-word remainder ("Asia" of "Asia Media") is named alone only as "The X" or on a line of its own.
    for candidate in (f"The {bare}", bare) if len(bare.split()) >= 2 else (f"The {bare}",):
        # The masthead alone, not only inside the company's name again.
        if re.search(
            rf"(?<![\w-]){re.escape(candidate)}(?!\w|[^\S\n]+(?:Digital|News|Media|Group|Holdings?|Publishing|Corp|Co\b|Ltd|Inc))",
            text,
        ):
            return candidate
    # Only in capitals on a line of its own ("THE AMUR STANDARD"): the masthead, spelt as the company spells it.
    if (alone := re.search(rf"(?im)^\s*(?P<the>the\s+)?{re.escape(bare)}\s*$", text)) is not None:
        return f"The {bare}" if alone.group("the") else bare
    return None


def _owned_masthead(name: str, text: str, others: list[SourceRef]) -> str | None:
    """A company's copyright ("© Korea Ferry Group") or an office named as the source ("Source: County Water Bureau")
    under a masthead of another name that heads the page and that the page names again ("Join Ferry Times to read
    on"): the company or the office's government publishes the masthead, the outlet."""
    if not _CORPORATE.search(name) and not _PUBLISHING_BODY.search(name):
        return None
    lines = [line.strip() for line in text.splitlines() if line.strip()][:2]
    # A masthead in Hangul or Chinese heads the page with its name in Latin letters under it: both are its first line.
    heads = {line.casefold() for line in lines[: 2 if lines and _only_cjk(lines[0]) else 1]}
    for other in others:
        mentions = re.findall(rf"(?<![\w-]){re.escape(other.name)}(?![\w-])", text, re.I)
        if other.name.casefold() in heads and other.name != name and len(mentions) >= 2:
            # Spelt as the page's text spells it, where a line names it out of capitals.
            return next((m for m in mentions if not m.isupper()), other.name)
    return None


def _only_cjk(line: str) -> bool:
    return bool(_CJK.search(line)) and not re.search(r"[A-Za-z]", line)


def _latin_name(name: str, others: list[SourceRef]) -> str | None:
    """A masthead in Hangul (or Chinese, Japanese) that another of the text's own lines names in Latin letters (an
    English copyright line in the footer): the name the English text goes by."""
    if not _CJK.search(name) or re.search(r"[A-Za-z]", name):
        return None
    return next((o.name for o in others if not _CJK.search(o.name) and re.search(r"[A-Za-z]{3}", o.name)), None)


def _english_name(name: str, text: str) -> str | None:
    if not _CJK.search(name) or re.search(r"[A-Za-z]", name):
        return None
    for line in text.splitlines():
        if name not in line:
            continue
        rest = line.split(name, 1)[1]
        match = _LATIN_WORDS.search(rest.split("|")[0])
        if match is None:
            continue
        words = [w for w in match.group(0).split() if w.lower() not in _EDITION_WORDS]
        if words:
            return " ".join(w.capitalize() if w.isupper() else w for w in words)
    return None
