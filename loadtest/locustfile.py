"""The load: readers searching and opening articles, partners querying the API.

Run by `make loadtest` (loadtest/run.py), which passes through the environment the article slugs, the
queries (drawn from the archive's own words), an API key and whether every query is to be distinct.
The mix: 60 % search pages, 25 % article pages, 15 % API searches, without think time. Queries are
drawn Zipf-like from the list (the n-th as often as 1/n of the first), as readers repeat the news of
the day; with LOADTEST_DISTINCT=1 every query is a pair of words no other request asks for.
Clients send X-Forwarded-Proto as the TLS proxy in front of gunicorn would.
"""

import itertools
import os
import random

from locust import FastHttpUser, constant, task

SLUGS = [line.strip() for line in open(os.environ["LOADTEST_SLUGS"]) if line.strip()]
QUERIES = [line.strip() for line in open(os.environ["LOADTEST_QUERIES"]) if line.strip()]
WORDS = [line.strip() for line in open(os.environ["LOADTEST_WORDS"]) if line.strip()]
API_KEY = os.environ.get("LOADTEST_API_KEY", "")
DISTINCT = os.environ.get("LOADTEST_DISTINCT") == "1"
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
ZIPF = list(itertools.accumulate(1 / n for n in range(1, len(QUERIES) + 1)))
# Pairs of words, each asked once: a per-process offset keeps the processes' pairs apart.
_pairs = itertools.count(random.randrange(len(WORDS) ** 2))


def query() -> str:
    if DISTINCT:
        n = next(_pairs) * 7919 % (len(WORDS) ** 2)  # a prime stride: no pair twice in a run
        return f"{WORDS[n // len(WORDS)]} {WORDS[n % len(WORDS)]}"
    return random.choices(QUERIES, cum_weights=ZIPF)[0]


class Reader(FastHttpUser):
    """No think time: each client sends its next request as soon as the last one is answered."""

    wait_time = constant(0)

    @task(12)
    def search(self):
        self.client.get("/search/", params={"q": query()}, headers=PROXY_HEADERS, name="/search/?q=")

    @task(5)
    def article(self):
        self.client.get(f"/articles/{random.choice(SLUGS)}/", headers=PROXY_HEADERS, name="/articles/[slug]/")

    @task(3)
    def api_search(self):
        self.client.get(
            "/api/v1/articles/",
            params={"q": query(), "page_size": 20},
            headers=PROXY_HEADERS | {"Authorization": f"Api-Key {API_KEY}"},
            name="/api/v1/articles/?q=",
        )
