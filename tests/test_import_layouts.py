"""The corpus of layouts (tests/layouts): every article file, raw text or saved web page, read as
`import_articles` reads it, field by field against its expected record; and imported for real, twice."""

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from archive.importers import accuracy
from archive.importers.files import dry_run_records
from archive.importers.html import parse_html
from archive.importers.record import Record
from archive.models import Article
from tests.commands import run_import

LAYOUTS = Path(__file__).resolve().parent / "layouts"
FILES = accuracy.corpus_files(LAYOUTS)
# Layouts written without sight of the importer (blind sets) whose fields the rules do not read yet: each such field
# must stay wrong no further than listed, and a field that comes right is removed here. All five blind sets are read
# right since the rules for parts of articles written for them.
KNOWN_WRONG: dict[str, set[str]] = {}


def test_corpus_is_as_large_as_promised():
    texts = [p for p in FILES if p.suffix == ".txt" and "holdout" not in p.parts]
    pages = [p for p in FILES if p.suffix == ".html"]
    assert len(texts) >= 24 and len(pages) >= 8
    assert len([p for p in FILES if "holdout" in p.parts]) >= 6


@pytest.mark.parametrize("article", FILES, ids=[str(p.relative_to(LAYOUTS)) for p in FILES])
def test_every_field_of_each_layout(article):
    """The record a dry run prints has each expected field right (see archive.importers.accuracy)."""
    (record,) = list(dry_run_records([article]))
    assert isinstance(record, Record), record
    expected = json.loads(accuracy.expected_path(article).read_text(encoding="utf-8"))
    known = KNOWN_WRONG.get(article.name, set())
    checks = accuracy.check(record, expected)
    failed = [check for check in checks if not check.ok and check.field not in known]
    assert not failed, "\n".join(f"{c.field}: expected {c.expected!r}, found {c.found!r}" for c in failed)
    mended = known - {check.field for check in checks if not check.ok}
    assert not mended, f"now right, remove from KNOWN_WRONG: {sorted(mended)}"


@dataclass
class _Stored:
    """A stored article in the shape the accuracy checks read."""

    title: str
    body: str
    photos: list
    credits: list
    source: object
    published_at: object
    tags: list

    @classmethod
    def of(cls, article: Article) -> "_Stored":
        return cls(
            article.title,
            article.body,
            list(article.photos.all()),
            list(article.credits.all()),
            article.source,
            article.published_at,
            list(article.tags.all()),
        )


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", [".txt", ".html"])
def test_corpus_imports_into_the_archive_and_again_unchanged(tmp_path, suffix):
    """Each file its own article with every field as expected; a second import changes nothing."""
    files = [p for p in FILES if p.suffix == suffix]
    for path in files:
        shutil.copy(path, tmp_path / path.name)
    out, err, error = run_import(tmp_path)
    assert error is None, err
    assert f"{len(files)} created, 0 updated, 0 unchanged, 0 failed" in out
    for path in files:
        article = Article.objects.get(external_id=path.stem)
        expected = json.loads(accuracy.expected_path(path).read_text(encoding="utf-8"))
        known = KNOWN_WRONG.get(path.name, set())
        failed = [c for c in accuracy.check(_Stored.of(article), expected) if not c.ok and c.field not in known]
        assert not failed, f"{path.name}: {failed}"
    out, _, _ = run_import(tmp_path)
    assert f"0 created, 0 updated, {len(files)} unchanged, 0 failed" in out


@pytest.mark.django_db
def test_a_page_without_an_article_fails_alone(tmp_path):
    shutil.copy(LAYOUTS / "photo_essay.html", tmp_path / "photo_essay.html")
    (tmp_path / "menu_only.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    out, err, error = run_import(tmp_path)
    assert error is not None
    assert "menu_only.html: no article text found" in err
    assert "1 created, 0 updated, 0 unchanged, 1 failed" in out
    assert Article.objects.filter(external_id="photo_essay").exists()


def test_json_ld_metadata_wins_over_the_page_text():
    """Headline, date, authors and publisher come from JSON-LD NewsArticle where the page has it."""
    page = (LAYOUTS / "korean_english_joongang.html").read_text(encoding="utf-8")
    page = page.replace('"name": "Seo Ji-eun"', '"name": "By HAN MI-RAE and Park Jun"')
    page = page.replace("2025-03-17T18:22", "2025-03-18T18:22")
    record = parse_html(page).record
    assert [(c.role, c.name) for c in record.credits] == [("author", "Han Mi-rae"), ("author", "Park Jun")]
    assert record.published_at.date().isoformat() == "2025-03-18"
    assert record.source.name == "Korea JoongAng Daily"
    # The signature line in the text is not story, and an image without a caption element is described by its alt.
    assert "SEO JI-EUN" not in record.body
    assert record.photos[0].credit == "MAXAR TECHNOLOGIES"


def test_accuracy_report_names_each_wrong_field(tmp_path, capsys):
    shutil.copy(LAYOUTS / "wire_international.txt", tmp_path / "a.txt")
    expected = json.loads((LAYOUTS / "wire_international.json").read_text(encoding="utf-8"))
    expected["date"] = "1999-01-01"
    (tmp_path / "a.json").write_text(json.dumps(expected))
    accuracy.main([str(tmp_path)])
    out = capsys.readouterr().out
    assert "corpus (1 files): 12/13 fields right (92.3%)" in out
    assert "✗ a.txt date: expected '1999-01-01', found '2024-10-03'" in out
    figures = {line.split()[0]: line.split()[1] for line in out.splitlines() if line.startswith("  ") and "/" in line}
    assert figures["date"] == "0/1" and figures["title"] == "1/1"


@pytest.mark.django_db
def test_page_in_the_encoding_it_declares(tmp_path):
    """A page saved as EUC-KR with its <meta charset> imports; one that lies about its encoding fails clearly."""
    page = (LAYOUTS / "korean_english_herald.html").read_text(encoding="utf-8")
    page = page.replace('<meta charset="utf-8">', '<meta charset="euc-kr">')
    page = page.replace("Defectors' arrivals rise", "탈북민 Defectors' arrivals rise")
    (tmp_path / "herald.html").write_bytes(page.encode("euc-kr"))
    (tmp_path / "broken.html").write_bytes(b'<meta charset="utf-8"><p>Caf\xe9 \xff\xfe</p>')
    out, err, error = run_import(tmp_path)
    assert "1 created, 0 updated, 0 unchanged, 1 failed" in out
    assert "broken.html: not UTF-8 text" in err
    assert Article.objects.get(external_id="herald").title.startswith("탈북민 Defectors")
