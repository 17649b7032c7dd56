"""A server-rendered bar chart of matching articles per year; each bar links to that year."""

import math
from dataclasses import dataclass

from archive.forms import SearchParams

WIDTH = 640
HEIGHT = 96
AXIS = 18  # room under the bars for the year labels
GAP = 0.18  # share of each slot left empty between bars
MIN_LABEL_SPACING = 44


@dataclass(frozen=True)
class Bar:
    year: int
    count: int
    x: float
    y: float
    width: float
    height: float
    label_x: float
    slot_x: float
    slot_width: float
    url: str
    current: bool
    show_label: bool


def year_chart(params: SearchParams, years: list[dict]) -> dict | None:
    """Bars for every year from the first to the last match (empty years included), or None if < 2 years."""
    counts = {item["year"]: item["count"] for item in years or [] if item.get("year")}
    if len(counts) < 2:
        return None
    first, last = min(counts), max(counts)
    span = list(range(first, last + 1))
    slot = WIDTH / len(span)
    peak = max(counts.values())
    plot = HEIGHT - AXIS
    every = max(1, math.ceil(MIN_LABEL_SPACING / slot))  # label every nth year so labels never overlap
    bars = []
    for i, year in enumerate(span):
        count = counts.get(year, 0)
        height = round(plot * count / peak, 1) if count else 0
        # A year with few matches still gets a visible sliver so its link can be found and clicked.
        if count and height < 2:
            height = 2
        bars.append(
            Bar(
                year=year,
                count=count,
                x=round(i * slot + slot * GAP / 2, 1),
                y=round(plot - height, 1),
                width=round(slot * (1 - GAP), 1),
                height=height,
                label_x=round(i * slot + slot / 2, 1),
                slot_x=round(i * slot, 1),
                slot_width=round(slot, 1),
                url=params.url(year=None if params.year == year else year),
                current=params.year == year,
                show_label=(year - first) % every == 0 or year == last and (last - first) % every >= every / 2,
            )
        )
    return {
        "bars": bars,
        "width": WIDTH,
        "height": HEIGHT,
        "baseline": plot,
        "peak": peak,
        "first": first,
        "last": last,
    }
