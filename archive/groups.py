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
    entries = json.loads(Path(path).read_text(encoding="utf-8"))
    names = {name for entry in entries for name in entry["permissions"]}
    known = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in Permission.objects.filter(
            codename__in={name.partition(".")[2] for name in names}
        ).values_list("pk", "content_type__app_label", "codename")
    }
    loaded = {}
    for entry in entries:
        missing = [name for name in entry["permissions"] if name not in known]
        if missing:
            raise ImproperlyConfigured(f"{path}: group {entry['name']!r} names unknown permissions {missing}")
        group, _ = Group.objects.get_or_create(name=entry["name"])
        group.permissions.set([known[name] for name in entry["permissions"]])
        loaded[group.name] = len(entry["permissions"])
    return loaded
