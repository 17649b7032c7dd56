"""What a person's import may do: no more than that person could do in the admin.

The command line imports as the archive itself (`ImportPermissions()`, no user). An import made by a
person (the admin's upload, and the background job that finishes it) is decided record by record,
before anything is written, with the same matching as the store (`Store.find_article`):

- a new article needs `add_article`;
- an existing article is updated only if the person may edit it in the admin
  (`archive.workflow.can_edit`: contributors only drafts and articles in review), and a person's
  import never changes an article's status (publishing is the workflow's, not the file's);
- an embargo (`publish_at`) needs `publish_article`, as in the admin's form;
- a new source, tag or alias needs `add_source`, `add_tag` or `add_tagalias`; without it the unknown
  one is left out of the record and the decision says so (a new alias changes public search).
"""

from dataclasses import dataclass, field, replace

from django.db import transaction

from archive import duplicates, workflow
from archive.importers.record import Record, RecordError, TagRef, check_links
from archive.importers.store import CREATED, Outcome, Store, find_tag
from archive.models import Article

CREATE, UPDATE, REFUSE = "create", "update", "refuse"


@dataclass(frozen=True)
class ImportPermissions:
    """The powers an import runs with: a user's, or the archive's own (user None, the command line)."""

    user: object = None

    def may(self, codename: str) -> bool:
        return self.user is None or self.user.has_perm(f"archive.{codename}")

    def may_update(self, article: Article) -> bool:
        return self.user is None or workflow.can_edit(self.user, article)

    def may_schedule(self) -> bool:
        """Setting an embargo (publish_at) is the editors' power, as in the admin's form."""
        return self.user is None or workflow.can_publish(self.user)


@dataclass
class Decision:
    """What the import will do with one record, and the record as it will be stored."""

    action: str
    record: Record
    existing: Article | None = None
    # Why the record is refused, or what was left out of it, in words for the person importing.
    notes: list[str] = field(default_factory=list)

    @property
    def allowed(self) -> bool:
        return self.action != REFUSE


@dataclass
class Imported:
    decision: Decision
    outcome: Outcome | None = None  # None when the decision refused the record


def decide(store: Store, record: Record, permissions: ImportPermissions, *, lock: bool = False) -> Decision:
    """Decide create, update or refuse for `record`, leaving out what `permissions` may not add.

    With `lock`, the existing article's row stays locked until the caller's transaction ends, so an
    editor cannot publish it between this decision and the write.
    """
    try:
        check_links(record)
    except RecordError as exc:
        return Decision(REFUSE, record, None, [str(exc)])
    notes: list[str] = []
    record = replace(record, source=_permitted_source(store, record, permissions, notes))
    record = replace(record, tags=[ref for ref in (_permitted_tag(r, permissions, notes) for r in record.tags) if ref])
    existing = store.find_article(record)
    if existing is not None and lock:
        existing = Article.objects.select_for_update().get(pk=existing.pk)
    record = _permitted_embargo(record, existing, permissions, notes)
    if existing is None:
        if not permissions.may("add_article"):
            return Decision(REFUSE, record, None, ["you may not add articles"])
        return Decision(CREATE, record, None, notes)
    where = f"already in the archive as “{existing.title}” ({existing.get_status_display().lower()})"
    if not permissions.may_update(existing):
        return Decision(REFUSE, record, existing, [f"{where}, which you may not edit: nothing was changed"])
    if permissions.user is not None:
        record = replace(record, status=existing.status)
    return Decision(UPDATE, record, existing, notes)


def save_permitted(store: Store, record: Record, permissions: ImportPermissions, origin: str = "") -> Imported:
    """Decide and, if allowed, store `record` in one transaction; new articles get duplicate flags."""
    with transaction.atomic():
        decision = decide(store, record, permissions, lock=True)
        if not decision.allowed:
            return Imported(decision)
        outcome = store.save(decision.record, origin)
        if outcome.action == CREATED:
            duplicates.flag_duplicates(Article.objects.get(pk=outcome.article_id))
        return Imported(decision, outcome)


def _permitted_source(store: Store, record: Record, permissions: ImportPermissions, notes: list[str]):
    ref = record.source
    if ref is None or permissions.may("add_source") or store.find_source(ref) is not None:
        return ref
    notes.append(f"source “{ref.name}” is not in the archive and you may not add sources: left out")
    return None


def _permitted_embargo(record: Record, existing: Article | None, permissions: ImportPermissions, notes: list[str]):
    current = existing.publish_at if existing is not None else None
    if permissions.may_schedule() or record.publish_at == current:
        return record
    notes.append("publish_at: setting an embargo needs the permission to publish: left as it was")
    return replace(record, publish_at=current)


def _permitted_tag(ref: TagRef, permissions: ImportPermissions, notes: list[str]) -> TagRef | None:
    name, _kind, tag = find_tag(ref)
    if tag is None and not permissions.may("add_tag"):
        notes.append(f"tag “{name}” is not in the archive and you may not add tags: left out")
        return None
    if ref.aliases and not permissions.may("add_tagalias"):
        have = {name.casefold()} if tag is None else {tag.name.casefold(), *_aliases_of(tag)}
        new = [alias for alias in ref.aliases if alias.casefold() not in have]
        if new:
            notes.append(f"new aliases of “{name}” ({', '.join(new)}) need the permission to add aliases: left out")
        return replace(ref, aliases=())
    return ref


def _aliases_of(tag) -> set[str]:
    return {alias.casefold() for alias in tag.aliases.values_list("name", flat=True)}
