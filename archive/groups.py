"""The editorial groups (Editors, Contributors) and their permissions, from fixtures/groups.json."""

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

GROUPS_FILE = Path(settings.BASE_DIR) / "fixtures" / "groups.json"


@transaction.atomic
def load_groups(path: Path = GROUPS_FILE) -> dict[str, int]:
    """Create or update each group so it has exactly the listed permissions; returns name → count."""
    loaded = {}
    for entry in json.loads(Path(path).read_text(encoding="utf-8")):
        wanted = []
        for name in entry["permissions"]:
            app_label, _, codename = name.partition(".")
            permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if permission is None:
                raise ImproperlyConfigured(f"{path}: group {entry['name']!r} names an unknown permission {name!r}")
            wanted.append(permission)
        group, _ = Group.objects.get_or_create(name=entry["name"])
        group.permissions.set(wanted)
        loaded[group.name] = len(wanted)
    return loaded
