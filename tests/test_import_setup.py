"""setup_archive loads outlets, starter tags, places and groups, adding only what is missing."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from archive import gazetteer
from archive.models import Source, Tag

pytestmark = pytest.mark.django_db


def setup() -> str:
    out = StringIO()
    call_command("setup_archive", stdout=out, stderr=StringIO())
    return out.getvalue()


def test_loads_sources_tags_places_and_says_where_data_lives():
    out = setup()
    assert Source.objects.filter(slug="daily-nk", name="Daily NK").exists()
    defectors = Tag.objects.get(name="Defectors")
    assert "escapees" in set(defectors.aliases.values_list("name", flat=True))
    assert Tag.objects.get(name="North Korea").aliases.filter(name="DPRK").exists()
    assert Tag.objects.filter(kind="place").count() == len(gazetteer.places())
    assert Tag.objects.get(name="Ryanggang").aliases.filter(name="Yanggang").exists()
    assert "Data lives in" in out and "createsuperuser" in out


def test_second_run_adds_nothing_and_keeps_editors_changes():
    setup()
    tag = Tag.objects.get(name="Defectors")
    tag.aliases.filter(name="escapees").delete()
    tag.description = "Edited by an editor"
    tag.save()
    Source.objects.filter(slug="nk-news").update(homepage="https://example.org/")
    counts = (Source.objects.count(), Tag.objects.count())
    out = setup()
    assert "Added 0 sources, 0 starter tags, 0 places and 0 groups" in out
    assert (Source.objects.count(), Tag.objects.count()) == counts
    tag.refresh_from_db()
    assert tag.description == "Edited by an editor"
    assert not tag.aliases.filter(name="escapees").exists()
    assert Source.objects.get(slug="nk-news").homepage == "https://example.org/"


def test_groups_from_fixture_when_present(settings, tmp_path):
    (tmp_path / "groups.json").write_text(
        '[{"name": "Readers club", "permissions": ["archive.view_article", "archive.nope"]}]'
    )
    settings.FIXTURE_DIRS = [tmp_path, *settings.FIXTURE_DIRS]
    setup()
    group = Group.objects.get(name="Readers club")
    assert list(group.permissions.values_list("codename", flat=True)) == ["view_article"]


def test_missing_groups_fixture_is_skipped(monkeypatch):
    from archive.importers import vocabulary

    real = vocabulary.fixture_path
    monkeypatch.setattr(vocabulary, "fixture_path", lambda name: None if name == "groups.json" else real(name))
    out = setup()
    assert not Group.objects.exists()
    assert "0 groups" in out
