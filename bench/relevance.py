"""Relevance of the search core on the CISI test collection (see ../shared/relevance/README.md).

    DATABASE_URL=<its own database> python -m bench.relevance

Imports the collection as JSON Lines through the archive's import path (once), then runs every query
through archive.search.search(), the function the site and the API use, and prints nDCG@10, MAP@100,
recall@100 and the number of judged queries left without a result, for the full and the 3-word
queries, beside the collection's published baselines. The collection's folder comes from
ARCHIVE_RELEVANCE_DIR (default: ../shared/relevance next to the repository).
"""

import json
import math
import os
import sys
import time
from pathlib import Path

import django

BASELINES = {
    "full": {"tantivy BM25": 0.294, "PostgreSQL BM25 in SQL (best)": 0.404},
    "short3": {"tantivy BM25": 0.182, "PostgreSQL BM25 in SQL (best)": 0.223},
}
SOURCE = "CISI test collection"


def collection_dir() -> Path:
    default = Path(__file__).resolve().parent.parent.parent / "shared" / "relevance"
    return Path(os.environ.get("ARCHIVE_RELEVANCE_DIR") or default) / "cisi"


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def read_qrels(path: Path) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = {}
    for line in path.read_text().splitlines():
        if line.strip():
            qid, _, docid, grade = line.split()
            if int(grade) > 0:
                qrels.setdefault(qid, {})[docid] = int(grade)
    return qrels


def ensure_imported(folder: Path) -> dict | None:
    from archive.models import Article
    from archive.search import refresh_search_stats
    from bench.load import import_jsonl

    docs = read_jsonl(folder / "docs.jsonl")
    if Article.objects.filter(source__name=SOURCE).count() == len(docs):
        return None
    data_dir = Path(os.environ.get("ARCHIVE_DATA_DIR") or Path(__file__).resolve().parent.parent / ".data")
    out = data_dir / "relevance" / "cisi-articles.jsonl"
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        for doc in docs:
            record = {
                "title": doc["title"] or f"Document {doc['id']}",
                "body": doc["body"],
                "external_id": f"cisi-{doc['id']}",
                "source": SOURCE,
                "status": "published",
            }
            f.write(json.dumps(record) + "\n")
    summary = import_jsonl(out)
    refresh_search_stats()
    return summary


def ranked_by_search(text: str) -> list[str]:
    """The first 100 results of search(), as the site and the API get them."""
    from archive.search import SearchRequest, search

    results = search(SearchRequest(q=text), channel="api", per_page=100, facets=False)
    return [hit.article.external_id for hit in results.hits]


def ranked_by_score_alone(text: str) -> list[str]:
    """The first 100 articles by the same score without the rule that articles with every word come
    first: what that rule costs on this collection."""
    from archive.models import Article

    ranked = Article.objects.published().search(text).order_by("-rank", "-id")
    return list(ranked.values_list("external_id", flat=True)[:100])


def evaluate(queries: list[dict], qrels: dict[str, dict[str, int]], ranked=ranked_by_search) -> dict:
    ndcg, ap, recall, zero, seconds = [], [], [], 0, []
    for query in queries:
        judged = qrels.get(query["id"])
        if not judged:
            continue
        started = time.monotonic()
        ranking = [external_id.removeprefix("cisi-") for external_id in ranked(query["text"])]
        seconds.append(time.monotonic() - started)
        if not ranking:
            zero += 1
        gains = [judged.get(doc, 0) for doc in ranking]
        dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains[:10]))
        ideal = sum(g / math.log2(i + 2) for i, g in enumerate(sorted(judged.values(), reverse=True)[:10]))
        ndcg.append(dcg / ideal if ideal else 0.0)
        hits, precision_sum = 0, 0.0
        for i, g in enumerate(gains[:100]):
            if g > 0:
                hits += 1
                precision_sum += hits / (i + 1)
        ap.append(precision_sum / len(judged))
        recall.append(hits / len(judged))
    n = len(ndcg) or 1
    seconds.sort()
    return {
        "queries": len(ndcg),
        "ndcg@10": sum(ndcg) / n,
        "map@100": sum(ap) / n,
        "recall@100": sum(recall) / n,
        "zero": zero,
        "p50_ms": 1000 * seconds[len(seconds) // 2] if seconds else 0,
    }


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
    django.setup()
    folder = collection_dir()
    if not (folder / "docs.jsonl").exists():
        print(f"No CISI collection in {folder}; set ARCHIVE_RELEVANCE_DIR.", file=sys.stderr)
        return 2
    summary = ensure_imported(folder)
    if summary:
        print(f"Imported {summary['articles']} articles in {summary['seconds']:.1f} s via {summary['path']}.")
    qrels = read_qrels(folder / "qrels.txt")
    print(
        f"{'queries':8} {'judged':>6} {'nDCG@10':>8} {'MAP@100':>8} {'R@100':>7} {'zero':>5} {'p50 ms':>7}   baselines (nDCG@10)"
    )
    for name, filename in (("full", "queries.jsonl"), ("short3", "queries_short3.jsonl")):
        queries = read_jsonl(folder / filename)
        m = evaluate(queries, qrels)
        baselines = ", ".join(f"{k} {v:.3f}" for k, v in BASELINES[name].items())
        print(
            f"{name:8} {m['queries']:>6} {m['ndcg@10']:>8.3f} {m['map@100']:>8.3f} {m['recall@100']:>7.3f} "
            f"{m['zero']:>5} {m['p50_ms']:>7.1f}   {baselines}"
        )
        alone = evaluate(queries, qrels, ranked=ranked_by_score_alone)
        print(
            f"{'':8} {'':>6} {alone['ndcg@10']:>8.3f} {alone['map@100']:>8.3f} {alone['recall@100']:>7.3f} "
            f"{alone['zero']:>5} {'':>7}   (the same score without every-word-first)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
