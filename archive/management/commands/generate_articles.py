"""Write a synthetic archive as JSON Lines, for measuring the bulk import and search at scale.

Articles have realistic shape and size (a headline, 3–8 paragraphs of about 60 words, captions,
credits, 2–6 tags drawn from the gazetteer and the starter tags) over a Zipf-distributed vocabulary
of invented words, so common words are common and rare ones rare. The same --seed gives the same file.
"""

import json
import random
import sys
from datetime import UTC, datetime, timedelta

from django.core.management.base import BaseCommand

from archive import gazetteer
from archive.importers import vocabulary

SYLLABLES = "ka ri mu san hye bo cheon on song yang gang dan dong ji lin tu men ya lu ro pa te ne si wo ha".split()
COMMON = (
    "the of and to in a that said border river fence smuggling soldiers guards source north korea china "
    "market trade people authorities crossing night village province county city police arrested goods"
).split()


class Command(BaseCommand):
    help = "Write N synthetic articles as JSON Lines (for benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("path", help="The file to write, or - for standard output.")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--words", type=int, default=200_000, help="Distinct invented words.")

    def handle(self, *args, count, path, seed, words: int, **options):
        rng = random.Random(seed)
        words = COMMON + [self._word(rng) for _ in range(words)]
        # Zipf weights: the n-th word is 1/n as frequent as the first.
        weights = [1 / n for n in range(1, len(words) + 1)]
        cumulative, total = [], 0.0
        for w in weights:
            total += w
            cumulative.append(total)
        tags = [{"name": p.name, "kind": "place"} for p in gazetteer.places()] + [
            {"name": t["name"], "kind": t["kind"]} for t in vocabulary.starter_tags()
        ]
        sources = [o.name for o in vocabulary.outlets()]
        start = datetime(2005, 1, 1, tzinfo=UTC)
        out = sys.stdout if path == "-" else open(path, "w", encoding="utf-8")
        try:
            for n in range(count):
                draw = lambda k: rng.choices(words, cum_weights=cumulative, k=k)  # noqa: E731
                record = {
                    "external_id": f"synthetic-{seed}-{n}",
                    "source": rng.choice(sources),
                    "title": " ".join(draw(rng.randint(5, 10))).capitalize(),
                    "dek": " ".join(draw(rng.randint(10, 20))).capitalize() + "." if rng.random() < 0.3 else "",
                    "body": "\n\n".join(
                        " ".join(draw(rng.randint(40, 80))).capitalize() + "." for _ in range(rng.randint(3, 8))
                    ),
                    "published_at": (start + timedelta(minutes=rng.randint(0, 20 * 365 * 24 * 60))).isoformat(),
                    "status": "published",
                    "tags": rng.sample(tags, rng.randint(2, 6)),
                    "photos": [
                        {
                            "caption": " ".join(draw(rng.randint(8, 16))).capitalize() + ".",
                            "credit": rng.choice(sources),
                        }
                        for _ in range(rng.choice((0, 0, 1, 1, 2)))
                    ],
                    "credits": [{"role": "author", "name": f"{self._word(rng).title()} {self._word(rng).title()}"}],
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        finally:
            if out is not sys.stdout:
                out.close()

    @staticmethod
    def _word(rng: random.Random) -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
