"""A page's strip of figures above the headline: the weather, exchange rates, an index ("Seoul 12°C", "USD 84.12",
"KOSPI 2,501.30 ▲0.4%"), each a name beside its figure and unit, side by side. No sentence, no headline: furniture."""

import re

# A figure: a number, perhaps signed, perhaps with its unit or change glued on ("+4", "84.12", "▲0.4%", "12°C").
_FIGURE = re.compile(r"^[+−–-]?[▲▼↑↓]?[$€£¥₩]?\d[\d,.]*(?:°[CF]?|%|[KkMm]|bn)?$")
# What marks a figure as a reading: its sign, a unit, a change's arrow, a currency's code or symbol.
_READING = re.compile(r"^[+−▲▼↑↓]|°|%|^(?:[A-Z]{3})$|^[$€£¥₩]|^°[CF]$")
_WORD = re.compile(r"^[a-z]{2,}$")
MIN_FIGURES = 2
MAX_TOKENS = 16


def is_info_strip(text: str) -> bool:
    """A strip of figures (see the module docstring): two figures or more, a mark of a reading among its tokens, and
    no lower-case word of a sentence."""
    tokens = [t.strip("|·•()") for t in text.split()]
    tokens = [t for t in tokens if t]
    if not tokens or len(tokens) > MAX_TOKENS or any(_WORD.match(t) for t in tokens):
        return False
    figures = [t for t in tokens if _FIGURE.match(t)]
    if len(figures) < MIN_FIGURES or len(figures) * 3 < len(tokens):
        return False
    return any(_READING.search(t) for t in tokens)
