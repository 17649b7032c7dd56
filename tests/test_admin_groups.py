"""The Editors and Contributors groups of fixtures/groups.json."""

import json

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured

from archive.groups import GROUPS_FILE, load_groups


@pytest.mark.django_db
def test_groups_load_with_exactly_their_permissions():
    assert load_groups() == {"Contributors": 14, "Editors": 36}
    editors = Group.objects.get(name="Editors")
    assert editors.permissions.filter(codename="publish_article").exists()
    assert not Group.objects.get(name="Contributors").permissions.filter(codename="publish_article").exists()
    # Editors see the background jobs (and their failures) in the admin.
    assert editors.permissions.filter(codename="view_procrastinatejob").exists()
    # Loading again changes nothing.
    assert load_groups() == {"Contributors": 14, "Editors": 36}
    assert editors.permissions.count() == 36


@pytest.mark.django_db
def test_an_unknown_permission_is_a_clear_error(tmp_path):
    bad = tmp_path / "groups.json"
    bad.write_text(json.dumps([{"name": "Interns", "permissions": ["archive.fly_article"]}]))
    with pytest.raises(ImproperlyConfigured, match="archive.fly_article"):
        load_groups(bad)


def test_fixture_format():
    entries = json.loads(GROUPS_FILE.read_text())
    assert {entry["name"] for entry in entries} == {"Editors", "Contributors"}
    assert all(name.count(".") == 1 for entry in entries for name in entry["permissions"])
