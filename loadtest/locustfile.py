"""The load: readers searching and opening articles, partners querying the API.

Run by `make loadtest` (loadtest/run.py), which passes the article slugs and an API key through the
environment. Clients send X-Forwarded-Proto as the TLS proxy in front of gunicorn would.
"""

import os
import random

from locust import FastHttpUser, constant, task

WORDS = [
    "border", "defector", "smuggling", "Hyesan", "Tumen", "Yalu", "fence", "market", "police", "China",
    "refugees", "Sinuiju", "broker", "trade", "famine", "Dandong", "crackdown", "river", "soldiers", "phone",
]  # fmt: skip
SLUGS = [line.strip() for line in open(os.environ["LOADTEST_SLUGS"]) if line.strip()]
API_KEY = os.environ.get("LOADTEST_API_KEY", "")
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


def query() -> str:
    return " ".join(random.sample(WORDS, random.choice((1, 1, 2))))


class Reader(FastHttpUser):
    """No think time: each client sends its next request as soon as the last one is answered."""

    wait_time = constant(0)
    weight = 3

    @task(3)
    def search(self):
        self.client.get("/search/", params={"q": query()}, headers=PROXY_HEADERS, name="/search/?q=")

    @task(2)
    def article(self):
        self.client.get(f"/articles/{random.choice(SLUGS)}/", headers=PROXY_HEADERS, name="/articles/[slug]/")


class Partner(FastHttpUser):
    wait_time = constant(0)
    weight = 1

    @task
    def api_search(self):
        self.client.get(
            "/api/v1/articles/",
            params={"q": query(), "page_size": 20},
            headers=PROXY_HEADERS | {"Authorization": f"Api-Key {API_KEY}"},
            name="/api/v1/articles/?q=",
        )
