"""Which outlet published a raw text: the one it names as its own, not one it merely cites.

"told Daily NK", "Daily NK has learned", "Daily NK's source", "obtained by Daily NK", a wire dateline
"SEOUL, March 3 (Yonhap) --" and the outlet's e-mail domain count for an outlet; "quoted in NK Times",
"according to NK News", "NK News reported" count against. The known outlets are in fixtures/sources.json.
"""

import re
from functools import lru_cache

from archive.importers import vocabulary
from archive.importers.record import SourceRef

# An outlet that calls itself by name ("told Daily NK") is the publisher; one it cites is not.
_OWN_OUTLET = [
    r"\btold {o}\b",
    r"\b{o} has (?:learned|obtained|confirmed|reported|received|acquired|verified|found)\b",
    r"\b{o}[’']s (?:source|sources|correspondent|reporter|sister|own|inquiry|investigation|analysis)\b",
    r"\b{o} (?:works with|spoke with|spoke to|reached|contacted|asked|interviewed)\b",
    r"\bin an interview with {o}\b",
    r"\b(?:sources?|residents?|officials?) (?:in|inside|near) [\w ,]{{2,40}} (?:told|said to) {o}\b",
    r"\b(?:video|footage|photos?|images?|documents?) obtained by {o}\b",
    r"^[A-Z][\w .,'-]{{1,40}}\({o}\)\s*(?:--|—|–)",  # a wire dateline: "SEOUL, March 3 (Yonhap) --"
]
_CITED_OUTLET = [
    r"\b(?:quoted|cited|reported|published) (?:in|by) {o}\b",
    r"\baccording to (?:a |an )?(?:report (?:by|in|from) )?{o}\b",
    r"\b{o} reported\b",
    r"\b{o} (?:said|says|claims|claimed)\b",
    r"\bas {o} (?:reported|put it)\b",
]


def known_outlet(name: str) -> SourceRef | None:
    folded = name.strip(" .").casefold()
    for outlet in vocabulary.outlets():
        if folded in {n.casefold() for n in (outlet.name, *outlet.aliases)}:
            return SourceRef(outlet.name, outlet.slug, outlet.homepage)
    return None


def detect_outlet(text: str, known) -> SourceRef | None:
    """The known outlet that publishes this text, judged by how the text names it (see module docstring)."""
    best, best_score = None, 0
    folded = text.replace("’", "'")
    lowered = folded.lower()
    for outlet in known:
        own, cited, domains = _outlet_patterns(outlet)
        # Only the neighbourhood of the outlet's names is searched: most outlets are not named at all.
        nearby = _around(folded, lowered, [n.replace("’", "'").lower() for n in (outlet.name, *outlet.aliases)])
        score = 2 * len(own.findall(nearby)) - 2 * len(cited.findall(nearby)) if nearby else 0
        if domains is not None and any(d.lower() in lowered for d in outlet.domains):
            score += 2 * len(domains.findall(folded))
        if score > best_score:
            best, best_score = outlet, score
    if best is None:
        return None
    return SourceRef(best.name, best.slug, best.homepage) if best.slug else SourceRef(best.name)


def _around(text: str, lowered: str, names: list[str], reach: int = 120) -> str:
    """The lines of `text` around each occurrence of one of `names`, joined by line breaks."""
    spans = []
    for name in names:
        start = lowered.find(name)
        while start != -1:
            spans.append((max(0, start - reach), start + len(name) + reach))
            start = lowered.find(name, start + 1)
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    # A window that starts mid-line starts with a space, so the dateline rule (anchored at a line start) only sees
    # real line starts.
    return "\n".join(
        text[start:end] if start == 0 or text[start - 1] == "\n" else " " + text[start:end] for start, end in merged
    )


@lru_cache(maxsize=256)
def _outlet_patterns(outlet) -> tuple[re.Pattern, re.Pattern, re.Pattern | None]:
    names = "(?:" + "|".join(re.escape(n.replace("’", "'")) for n in (outlet.name, *outlet.aliases)) + ")"
    own = re.compile("|".join(f"(?:{rule.format(o=names)})" for rule in _OWN_OUTLET), re.M)
    cited = re.compile("|".join(f"(?:{rule.format(o=names)})" for rule in _CITED_OUTLET), re.M)
    domains = None
    if outlet.domains:
        alternatives = "|".join(re.escape(d) for d in outlet.domains)
        domains = re.compile(rf"@[\w.-]*(?:{alternatives})\b|\b(?:{alternatives})\b", re.I)
    return own, cited, domains
