"""A page's field list set in the lead-in (an infobox's or a case entry's "Label value" rows, one under another): rows
that each read as a title-like line, but none of them is the headline."""

# Four title-like lines or more in a row, nothing between them, are a list's rows: a headline stands alone, or with a
# kicker over it and a dek under it (three lines).
MIN_ROWS = 4


def row_run(titles: list[int], at: int) -> range | None:
    """The run of consecutive title-like lines (`titles`: their indexes) holding line `at`, if it is a field list's."""
    if at not in titles:
        return None
    lines = set(titles)
    first, last = at, at
    while first - 1 in lines:
        first -= 1
    while last + 1 in lines:
        last += 1
    return range(first, last + 1) if last - first + 1 >= MIN_ROWS else None


def headline_over_rows(titles: list[int], at: int) -> int:
    """The headline: line `at`, unless it is a field list's row and a title-like line stands above the list (set
    apart from it by a line of another kind, as a section's label)."""
    run = row_run(titles, at)
    if run is None:
        return at
    above = [i for i in titles if i < run.start - 1]
    return above[-1] if above else at
