"""Search insights: what readers, partners and editors search for (implemented by the editors' issue).

record_search() is called by the search core for every search; it must never slow a search down.
"""


def record_search(query: str, channel: str, result_count: int) -> None:
    """Count one search of `query` on `channel` ("site", "api" or "admin") that found `result_count` articles."""
