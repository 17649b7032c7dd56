"""Loading JSON Lines into the archive for a measurement: through the archive's own import command.

Until that command exists, a plain bulk load (COPY-free ORM batches with the text refresh deferred,
as a bulk import does) stands in, so the measurements can run either way.
"""

import json
import time
from pathlib import Path

from django.core.management import call_command, get_commands
from django.db import transaction


def import_jsonl(path: Path) -> dict:
    """Import a JSON Lines file as published articles; returns {"articles", "seconds", "path"}."""
    started = time.monotonic()
    if "import_articles" in get_commands():
        call_command("import_articles", str(path), "--publish", verbosity=0)
        how = "import_articles --publish"
    else:
        _bulk_load(path)
        how = "bench bulk loader (import_articles not available)"
    from archive.models import Article

    return {"articles": Article.objects.count(), "seconds": time.monotonic() - started, "path": how}


def _bulk_load(path: Path, batch_size: int = 2000) -> None:
    from archive.models import Article, ArticleTag, Photo, Source, Tag
    from archive.textsearch import defer_text_refresh, refresh_article_text

    sources: dict[str, Source] = {}
    tags: dict[tuple[str, str], Tag] = {}

    def flush(batch):
        with transaction.atomic():
            defer_text_refresh()
            articles = Article.objects.bulk_create([a for a, _, _ in batch])
            links, photos = [], []
            for article, (_, tag_refs, captions) in zip(articles, batch):
                for ref in tag_refs:
                    if ref not in tags:
                        tags[ref], _ = Tag.objects.get_or_create(name=ref[0], defaults={"kind": ref[1]})
                    links.append(ArticleTag(article=article, tag=tags[ref]))
                photos += [Photo(article=article, caption=c, position=i) for i, c in enumerate(captions)]
            ArticleTag.objects.bulk_create(links, ignore_conflicts=True)
            Photo.objects.bulk_create(photos)
            refresh_article_text([a.id for a in articles])

    batch = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            data = json.loads(line)
            source = None
            if data.get("source"):
                name = data["source"] if isinstance(data["source"], str) else data["source"]["name"]
                if name not in sources:
                    sources[name], _ = Source.objects.get_or_create(
                        name=name, defaults={"slug": name.lower().replace(" ", "-")}
                    )
                source = sources[name]
            article = Article(
                title=data["title"], slug=data.get("slug") or f"a-{data['external_id']}", body=data.get("body", ""),
                dek=data.get("dek", ""), source=source, external_id=data.get("external_id", ""),
                published_at=data.get("published_at"), language=data.get("language", "en"),
                status=Article.Status.PUBLISHED,
            )
            tag_refs = [(t["name"], t.get("kind", "topic")) if isinstance(t, dict) else (t, "topic")
                        for t in data.get("tags", [])]
            batch.append((article, tag_refs, [p["caption"] for p in data.get("photos", [])]))
            if len(batch) >= batch_size:
                flush(batch)
                batch = []
    if batch:
        flush(batch)
