"""Loading JSON Lines into the archive for a measurement: through the archive's own import command."""

import time
from pathlib import Path

from django.core.management import call_command


def import_jsonl(path: Path) -> dict:
    """Import a JSON Lines file as published articles; returns {"articles", "seconds", "path"}."""
    from archive.models import Article

    started = time.monotonic()
    call_command("import_articles", str(path), "--publish", verbosity=0)
    return {
        "articles": Article.objects.count(),
        "seconds": time.monotonic() - started,
        "path": "import_articles --publish",
    }
