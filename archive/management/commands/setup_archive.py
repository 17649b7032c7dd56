"""Load the archive's starting data, adding only what is missing.

Outlets (fixtures/sources.json), starter tags with their aliases (fixtures/tags.json), the
gazetteer's places as place tags with their spellings as aliases (fixtures/gazetteer.json), and the
editors' groups with their permissions (fixtures/groups.json, when it exists). A source, tag or group
that already exists is left as editors made it: nothing is renamed, re-added or removed. Run by
`make setup` before the seed import; safe to run again.
"""

import json

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.db import transaction

from archive import gazetteer
from archive.importers import vocabulary
from archive.models import Source, Tag, TagAlias


class Command(BaseCommand):
    help = "Load sources, starter tags, gazetteer places and groups that are not there yet."

    @transaction.atomic
    def handle(self, *args, **options):
        sources = self._sources()
        tags = self._tags(
            [(t["name"], t["kind"], t.get("aliases", ()), t.get("description", "")) for t in vocabulary.starter_tags()]
        )
        places = self._tags([(p.name, "place", p.variants, p.note) for p in gazetteer.places()])
        groups = self._groups()
        if options["verbosity"]:
            self.stdout.write(
                f"Added {sources} sources, {tags} starter tags, {places} places and {groups} groups "
                "(existing ones left as they are)."
            )
            self._where()

    def _sources(self) -> int:
        added = 0
        for outlet in vocabulary.outlets():
            if (
                Source.objects.filter(slug=outlet.slug).exists()
                or Source.objects.filter(name__iexact=outlet.name).exists()
            ):
                continue
            Source.objects.create(name=outlet.name, slug=outlet.slug, homepage=outlet.homepage)
            added += 1
        return added

    def _tags(self, entries) -> int:
        existing = {name.casefold() for name in Tag.objects.values_list("name", flat=True)}
        added, aliases_to_add = 0, []
        for name, kind, aliases, description in entries:
            if name.casefold() in existing:
                continue
            existing.add(name.casefold())
            tag = Tag.objects.create(name=name, kind=kind, description=description)
            seen = {name.casefold()}
            for alias in aliases:
                if alias.casefold() not in seen:
                    seen.add(alias.casefold())
                    aliases_to_add.append(TagAlias(tag=tag, name=alias))
            added += 1
        TagAlias.objects.bulk_create(aliases_to_add)
        return added

    def _groups(self) -> int:
        path = vocabulary.fixture_path("groups.json")
        if path is None:
            return 0
        with open(path, encoding="utf-8") as f:
            entries = json.load(f)
        added = 0
        for entry in entries:
            group, created = Group.objects.get_or_create(name=entry["name"])
            if not created:
                continue
            for codename in entry.get("permissions", ()):
                app_label, _, code = codename.partition(".")
                permission = Permission.objects.filter(content_type__app_label=app_label, codename=code).first()
                if permission is None:
                    self.stderr.write(f"warning: groups.json: no permission {codename!r} (skipped)")
                    continue
                group.permissions.add(permission)
            added += 1
        return added

    def _where(self) -> None:
        db = settings.DATABASES["default"]
        host = db.get("HOST") or db.get("OPTIONS", {}).get("host") or "localhost"
        self.stdout.write(f"Data lives in {settings.ARCHIVE_DATA_DIR} (database {db['NAME']!r} on {host}).")
        self.stdout.write("Create an admin user with: .venv/bin/python manage.py createsuperuser")
