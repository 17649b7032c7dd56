"""How well the importer reads a corpus of layouts: each article file beside its expected record.

    python -m archive.importers.accuracy tests/layouts            (make import-accuracy)

For every `name.txt` / `name.html` with `name.json` / `name.html.json` beside it, the article is parsed as
`import_articles` would parse it and each field of the expected record is checked:

- title: equal; body_start / body_end: the body's first / last paragraph (subheads aside) starts / ends so;
- no_boilerplate: one check per line in `not_in_body`: no body paragraph is that line (and a line longer
  than 30 characters appears nowhere in the body);
- captions: the photos' captions and credits, equal and in order (a null credit is an empty one); credits: the same set of (role, name);
- source: the outlet's name (null: none); date: the published date (YYYY-MM-DD; null: undated);
- places: the same set of place tags.

The `holdout/` folder is reported apart: layouts kept out of sight while the rules were written.
"""

import argparse
import json
import os
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

FIELDS = ("title", "body_start", "body_end", "no_boilerplate", "captions", "credits", "source", "date", "places")
SUFFIXES = (".txt", ".html", ".htm")
HOLDOUT = "holdout"


@dataclass(frozen=True)
class Check:
    field: str
    ok: bool
    expected: object = None
    found: object = None


@dataclass
class Score:
    right: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    total: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    failures: list[tuple[str, Check]] = field(default_factory=list)

    def add(self, name: str, checks: list[Check]) -> None:
        for check in checks:
            self.total[check.field] += 1
            self.right[check.field] += check.ok
            if not check.ok:
                self.failures.append((name, check))

    @property
    def overall(self) -> float:
        total = sum(self.total.values())
        return sum(self.right.values()) / total if total else 1.0


def expected_path(article: Path) -> Path:
    return article.with_name(article.stem + ".json") if article.suffix == ".txt" else Path(f"{article}.json")


def corpus_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES and expected_path(p).exists())


def parse(article: Path):
    from archive.importers.files import parse_article

    return parse_article(article)


def check(record, expected: dict) -> list[Check]:
    paragraphs = [p for p in record.body.split("\n\n") if p.strip() and not p.startswith("## ")]
    first, last = (paragraphs[0], paragraphs[-1]) if paragraphs else ("", "")
    body_lines = {p.removeprefix("## ").strip() for p in record.body.split("\n\n")}
    checks = [
        Check("title", record.title == expected["title"], expected["title"], record.title),
        Check("body_start", first.startswith(expected["body_start"]), expected["body_start"], first[:80]),
        Check("body_end", last.endswith(expected["body_end"]), expected["body_end"], last[-80:]),
    ]
    for line in expected.get("not_in_body", []):
        present = line in body_lines or (len(line) > 30 and line in record.body)
        checks.append(Check("no_boilerplate", not present, line, "in the body" if present else ""))
    captions = [{"caption": p.caption, "credit": p.credit} for p in record.photos]
    # A caption without a credit: an empty credit, written null in some records.
    wanted_captions = [{**c, "credit": c.get("credit") or ""} for c in expected["captions"]]
    checks.append(Check("captions", captions == wanted_captions, expected["captions"], captions))
    credits = sorted({(c.role, c.name) for c in record.credits})
    wanted = sorted({(c["role"], c["name"]) for c in expected["credits"]})
    checks.append(Check("credits", credits == wanted, wanted, credits))
    source = record.source.name if record.source else None
    checks.append(Check("source", source == expected["source"], expected["source"], source))
    date = record.published_at.date().isoformat() if record.published_at else None
    checks.append(Check("date", date == expected["date"], expected["date"], date))
    places = sorted(t.name for t in record.tags if t.kind == "place")
    checks.append(Check("places", places == sorted(expected["places"]), sorted(expected["places"]), places))
    return checks


def evaluate(files: list[Path]) -> Score:
    score = Score()
    for article in files:
        expected = json.loads(expected_path(article).read_text(encoding="utf-8"))
        score.add(article.name, check(parse(article).record, expected))
    return score


def report(title: str, score: Score, out, *, verbose: bool) -> None:
    print(
        f"{title}: {sum(score.right.values())}/{sum(score.total.values())} fields right ({score.overall:.1%})", file=out
    )
    for name in FIELDS:
        if score.total[name]:
            print(
                f"  {name:<15} {score.right[name]:>4}/{score.total[name]:<4} {score.right[name] / score.total[name]:.1%}",
                file=out,
            )
    if verbose:
        for article, failed in score.failures:
            print(f"  ✗ {article} {failed.field}: expected {failed.expected!r}, found {failed.found!r}", file=out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", default="tests/layouts")
    parser.add_argument("--quiet", action="store_true", help="figures only, not each failed field")
    parser.add_argument("--skip-holdout", action="store_true", help="leave the held-out layouts out")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
    import django

    django.setup()
    folder = Path(args.folder)
    files = corpus_files(folder)
    corpus = [p for p in files if HOLDOUT not in p.relative_to(folder).parts]
    held = [p for p in files if HOLDOUT in p.relative_to(folder).parts]
    report(f"corpus ({len(corpus)} files)", evaluate(corpus), sys.stdout, verbose=not args.quiet)
    if held and not args.skip_holdout:
        report(f"held out ({len(held)} files)", evaluate(held), sys.stdout, verbose=not args.quiet)
    return 0


if __name__ == "__main__":
    sys.exit(main())
