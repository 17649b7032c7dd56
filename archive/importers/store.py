"""Records written to the models, and articles read back as records.

Import key: (source, external_id); a record without an external id is keyed by its content hash
(the same title and body). A re-import compares the record with the one imported last time
(ImportRecord keeps a hash per field):

- the same record again: "unchanged", nothing is written, whatever editors did since;
- a field the file changed and no editor touched: updated;
- a field an editor changed in the admin and the file did not: the editor's version stays;
- a field both changed: the editor's version stays and the outcome names it (`kept`), so the
  importer can report it. Editors are the last word on what is published.

`Store.save()` handles one record through the ORM; `Store.save_batch()` is the bulk path for JSON
Lines: new articles are inserted with one statement per table per batch, with the trigger refresh of
tag and caption text deferred and run once per batch (archive.textsearch).
"""

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import UTC

from django.db import transaction
from django.db.models import F, Q
from django.utils.text import slugify

from archive import duplicates
from archive.importers import vocabulary
from archive.importers.bulk import copy_rows
from archive.importers.record import (
    CreditRecord,
    PhotoRecord,
    Record,
    SourceRef,
    TagRef,
    check_links,
    fingerprint_of,
)
from archive.models import Article, ArticleTag, Credit, ImportRecord, Photo, Source, Tag, TagAlias
from archive.models.content import unique_slug
from archive.textsearch import defer_text_refresh, refresh_article_text

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"

SCALAR_FIELDS = {
    "title": "title",
    "needs_title": "needs_title",
    "dek": "dek",
    "body": "body",
    "url": "original_url",
    "published_at": "published_at",
    "language": "language",
    "status": "status",
    "publish_at": "publish_at",
}


def find_tag(ref: TagRef) -> tuple[str, str, Tag | None]:
    """The name and kind a tag reference resolves to, and the existing tag it names (None if new)."""
    name, kind = ref.name, ref.kind
    if not kind:
        resolved = vocabulary.resolve_term(name)
        name, kind = resolved.name, resolved.kind
    tag = Tag.objects.filter(name__iexact=name).first()
    if tag is None and not ref.kind:
        # A plain name may be an alias an editor gave an existing tag.
        tag = Tag.objects.filter(aliases__name__iexact=name).order_by("id").first()
    return name, kind, tag


@dataclass
class Outcome:
    action: str
    article_id: int
    kept: list[str] = field(default_factory=list)


class Store:
    """Writes records; caches sources and tags for the length of one import."""

    def __init__(self, *, publish: bool = False, default_source: SourceRef | None = None):
        self.publish = publish
        self.default_source = default_source
        self._sources: dict[str, Source | None] = {}
        self._tags: dict[str, Tag] = {}
        self._aliases: dict[int, list[str]] = {}

    # ------------------------------------------------------------------------------------------ one record

    def prepare(self, record: Record) -> Record:
        """The record as it will be stored: its status and source settled (RecordError if it cannot be)."""
        check_links(record)  # records not read from JSON Lines (text files, jobs) meet the same rules
        status = record.status or ("published" if self.publish else "draft")
        # Tags as the archive names them (a plain "Yanggang" is the tag Ryanggang, kind place), and times
        # in UTC, so the field hashes compare equal with the article read back from the database.
        tags = list(
            {
                tag.pk: TagRef(tag.name, tag.kind, ref.aliases) for ref in record.tags if (tag := self.tag_for(ref))
            }.values()
        )
        return replace(
            record,
            status=status,
            source=record.source or self.default_source,
            tags=tags,
            published_at=_utc(record.published_at),
            publish_at=_utc(record.publish_at),
        )

    def save(self, record: Record, origin: str = "") -> Outcome:
        record = self.prepare(record)
        source = self.source_for(record.source)
        article = self._find(source, record)
        if article is None:
            article = self._create(record, source)
            self._remember(article.pk, record, origin)
            return Outcome(CREATED, article.pk)
        previous = ImportRecord.objects.filter(article=article).first()
        if previous is not None and previous.fingerprint == record.fingerprint():
            return Outcome(UNCHANGED, article.pk)
        applied, kept = self._merge(article, record, previous)
        self._remember(article.pk, record, origin)
        return Outcome(UPDATED if applied else UNCHANGED, article.pk, kept)

    def _find(self, source: Source | None, record: Record) -> Article | None:
        articles = Article.objects.filter(source=source) if source else Article.objects.filter(source__isnull=True)
        if record.external_id:
            return articles.filter(external_id=record.external_id).first()
        return articles.filter(external_id="", content_hash=record.content_hash).order_by("id").first()

    def _create(self, record: Record, source: Source | None) -> Article:
        article = Article(source=source, external_id=record.external_id, **self._scalars(record))
        if record.slug and not Article.objects.filter(slug=record.slug).exists():
            article.slug = record.slug
        article.save()
        self._write_relations(article.pk, record, replace_existing=False)
        return article

    def _merge(self, article: Article, record: Record, previous: ImportRecord | None) -> tuple[list[str], list[str]]:
        """Apply the fields the file changed and no editor did; return (applied, kept as the editor left them)."""
        current = article_to_record(article).field_hashes()
        new = record.field_hashes()
        old = previous.field_hashes if previous is not None else current
        applied, kept = [], []
        for name, new_hash in new.items():
            if new_hash == old.get(name) or new_hash == current.get(name):
                continue
            if current.get(name) != old.get(name):
                kept.append(name)
                continue
            applied.append(name)
        scalars = self._scalars(record)
        changed = {SCALAR_FIELDS[name]: scalars[SCALAR_FIELDS[name]] for name in applied if name in SCALAR_FIELDS}
        if changed:
            for attribute, value in changed.items():
                setattr(article, attribute, value)
            article.save(update_fields=[*changed, "updated_at"])
        relations = {name for name in applied if name in ("tags", "photos", "credits")}
        if relations:
            self._write_relations(article.pk, record, replace_existing=True, only=relations)
        if applied:
            # As an admin save does: an editor's form opened before this import is now stale, not silently undone.
            Article.objects.filter(pk=article.pk).update(version=F("version") + 1)
        return applied, kept

    def _scalars(self, record: Record) -> dict:
        return {
            "title": record.title,
            "needs_title": record.needs_title,
            "dek": record.dek,
            "body": record.body,
            "original_url": record.url,
            "published_at": record.published_at,
            "language": record.language,
            "status": record.status,
            "publish_at": record.publish_at,
        }

    def _write_relations(
        self, article_id: int, record: Record, *, replace_existing: bool, only=("tags", "photos", "credits")
    ):
        if "tags" in only:
            tag_ids = list(dict.fromkeys(self.tag_for(tag).pk for tag in record.tags))
            if replace_existing:
                ArticleTag.objects.filter(article_id=article_id).exclude(tag_id__in=tag_ids).delete()
                tag_ids = [
                    t for t in tag_ids if not ArticleTag.objects.filter(article_id=article_id, tag_id=t).exists()
                ]
            ArticleTag.objects.bulk_create([ArticleTag(article_id=article_id, tag_id=t) for t in tag_ids])
        if "photos" in only:
            if replace_existing:
                Photo.objects.filter(article_id=article_id).delete()
            Photo.objects.bulk_create(_photos(article_id, record.photos))
        if "credits" in only:
            if replace_existing:
                Credit.objects.filter(article_id=article_id).delete()
            Credit.objects.bulk_create(_credits(article_id, record.credits))

    def _remember(self, article_id: int, record: Record, origin: str) -> None:
        ImportRecord.objects.update_or_create(
            article_id=article_id,
            defaults={
                "fingerprint": record.fingerprint(),
                "field_hashes": record.field_hashes(),
                "origin": origin[:500],
            },
        )

    # ------------------------------------------------------------------------------------------- bulk path

    def save_batch(self, items: list[tuple[Record, str]]) -> list[Outcome]:
        """Save (record, origin) pairs in bulk; the caller holds the transaction. Outcomes in input order."""
        defer_text_refresh()
        prepared = [(self.prepare(record), origin) for record, origin in items]
        sources = [self.source_for(record.source) for record, _ in prepared]
        existing = self._existing(prepared, sources)
        outcomes: list[Outcome | None] = [None] * len(prepared)
        new, later, seen = [], [], set()
        for i, ((record, _origin), source) in enumerate(zip(prepared, sources)):
            key = (source.pk if source else None, bool(record.external_id), record.import_key)
            found = existing.get(key)
            if found is not None and found[1] == record.fingerprint():
                outcomes[i] = Outcome(UNCHANGED, found[0])
            elif found is not None or key in seen:
                later.append(i)  # an update, or a key repeated in this batch: the ORM path, in order
            else:
                seen.add(key)
                new.append(i)
        if new:
            for i, article_id in zip(new, self._insert([prepared[i] for i in new], [sources[i] for i in new])):
                outcomes[i] = Outcome(CREATED, article_id)
            # COPY sends no post_save signal: flag copies of existing texts here, in one statement.
            duplicates.flag_same_text([outcomes[i].article_id for i in new])
        for i in later:
            outcomes[i] = self.save(*prepared[i])
        refresh_article_text([o.article_id for o in outcomes])
        return outcomes

    def _existing(self, prepared, sources) -> dict:
        with_id = {record.external_id for record, _ in prepared if record.external_id}
        by_hash = {record.content_hash for record, _ in prepared if not record.external_id}
        found = {}
        rows = []
        if with_id:
            # Unordered: the articles' default order would lead the planner to walk every article by date.
            rows += (
                Article.objects.filter(external_id__in=with_id)
                .order_by()
                .values_list("id", "source_id", "external_id", "content_hash", "import_record__fingerprint")
            )
        if by_hash:
            rows += (
                Article.objects.filter(external_id="", content_hash__in=by_hash)
                .order_by()
                .values_list("id", "source_id", "external_id", "content_hash", "import_record__fingerprint")
            )
        for article_id, source_id, external_id, content_hash, fingerprint in sorted(rows):
            key = (source_id, bool(external_id), external_id or content_hash)
            found.setdefault(key, (article_id, fingerprint))
        return found

    def _insert(self, prepared, sources) -> list[int]:
        slugs = allocate_slugs(
            [record.slug or record.title for record, _ in prepared], exact=[bool(r.slug) for r, _ in prepared]
        )
        articles, tag_lists = [], []
        for (record, _), source, slug in zip(prepared, sources, slugs):
            tags = [self.tag_for(ref) for ref in record.tags]
            tag_lists.append(tags)
            articles.append(
                {
                    "source_id": source.pk if source else None,
                    "external_id": record.external_id,
                    "slug": slug,
                    **self._scalars(record),
                    # Written as the refresh function would write them, so its pass after the batch changes nothing.
                    "tag_text": self._tag_text(tags),
                    "caption_text": " ; ".join(photo.caption for photo in record.photos),
                    "tag_ids": sorted({tag.pk for tag in tags}),
                }
            )
        ids = copy_rows(Article, articles)
        links, photos, credits, imports = [], [], [], []
        for article_id, tags, (record, origin) in zip(ids, tag_lists, prepared):
            links += [{"article_id": article_id, "tag_id": tag.pk} for tag in tags]
            photos += [
                {
                    "article_id": article_id,
                    "caption": p.caption,
                    "credit": p.credit,
                    "alt_text": p.alt_text,
                    "position": n,
                }
                for n, p in enumerate(record.photos)
            ]
            credits += [
                {"article_id": article_id, "role": c.role, "name": c.name, "position": n}
                for n, c in enumerate(record.credits)
            ]
            field_hashes = record.field_hashes()
            imports.append(
                {
                    "article_id": article_id,
                    "fingerprint": fingerprint_of(field_hashes),
                    "field_hashes": field_hashes,
                    "origin": origin[:500],
                }
            )
        for model, rows in ((ArticleTag, links), (Photo, photos), (Credit, credits), (ImportRecord, imports)):
            copy_rows(model, rows)
        return ids

    def _tag_text(self, tags: list[Tag]) -> str:
        parts = []
        for tag in sorted(tags, key=lambda t: t.name):
            aliases = self._aliases.get(tag.pk)
            if aliases is None:
                aliases = self._aliases[tag.pk] = sorted(
                    TagAlias.objects.filter(tag=tag).values_list("name", flat=True)
                )
            parts.append(" ".join([tag.name, *aliases]))
        return " ; ".join(parts)

    # ---------------------------------------------------------------------------------------- sources, tags

    def source_for(self, ref: SourceRef | None) -> Source | None:
        if ref is None:
            return None
        key = (ref.slug or ref.name).casefold()
        if key not in self._sources:
            self._sources[key] = self._find_or_create_source(ref)
        return self._sources[key]

    def find_source(self, ref: SourceRef) -> Source | None:
        """The existing source a reference names (by slug, name or a known outlet's alias); None if new."""
        if (key := (ref.slug or ref.name).casefold()) in self._sources:
            return self._sources[key]
        known = _known_outlet(ref)
        slug = ref.slug or (known.slug if known else "") or slugify(ref.name)[:200] or "source"
        source = Source.objects.filter(slug=slug).first() or Source.objects.filter(name__iexact=ref.name).first()
        if source is None and known is not None:
            source = Source.objects.filter(name__iexact=known.name).first()
        return source

    def find_article(self, record: Record) -> Article | None:
        """The article `save(record)` would update, found without creating anything (None: it would create one)."""
        ref = record.source or self.default_source
        source = self.find_source(ref) if ref is not None else None
        if ref is not None and source is None:
            return None  # a new source has no articles yet
        return self._find(source, record)

    def _find_or_create_source(self, ref: SourceRef) -> Source:
        source = self.find_source(ref)
        if source is None:
            known = _known_outlet(ref)
            slug = ref.slug or (known.slug if known else "") or slugify(ref.name)[:200] or "source"
            name = known.name if known and not ref.slug else ref.name
            if Source.objects.filter(slug=slug).exists():
                slug = unique_slug(Source, name)
            source = Source.objects.create(
                name=name, slug=slug, homepage=ref.homepage or (known.homepage if known else "")
            )
        return source

    def tag_for(self, ref: TagRef) -> Tag:
        """The tag a reference names; created, with its known aliases, if the archive has none yet."""
        key = (ref.name.casefold(), ref.kind)
        if key in self._tags:
            return self._tags[key]
        name, kind, tag = find_tag(ref)
        if tag is None:
            tag = Tag(name=name, kind=kind or Tag.Kind.TOPIC, description=vocabulary.description_for(name))
            tag.save()
            aliases = ref.aliases or vocabulary.aliases_for(name)
            TagAlias.objects.bulk_create([TagAlias(tag=tag, name=a) for a in _distinct_aliases(name, aliases)])
        elif ref.aliases:
            have = {a.casefold() for a in tag.aliases.values_list("name", flat=True)}
            missing = [a for a in _distinct_aliases(tag.name, ref.aliases) if a.casefold() not in have]
            TagAlias.objects.bulk_create([TagAlias(tag=tag, name=a) for a in missing])
            if missing:
                self._aliases.pop(tag.pk, None)
        self._tags[key] = tag
        return tag


def _known_outlet(ref: SourceRef):
    """The outlet of the archive's vocabulary that `ref` names, if any."""
    names = ref.name.casefold()
    return next(
        (o for o in vocabulary.outlets() if names in {n.casefold() for n in (o.name, *o.aliases, o.slug)}), None
    )


def _utc(value):
    return value.astimezone(UTC) if value else None


def _distinct_aliases(name: str, aliases) -> list[str]:
    seen, result = {name.casefold()}, []
    for alias in aliases:
        if alias.casefold() not in seen:
            seen.add(alias.casefold())
            result.append(alias[:200])
    return result


def _photos(article_id: int, photos: list[PhotoRecord]) -> list[Photo]:
    return [
        Photo(article_id=article_id, caption=p.caption, credit=p.credit, alt_text=p.alt_text, position=n)
        for n, p in enumerate(photos)
    ]


def _credits(article_id: int, credits: list[CreditRecord]) -> list[Credit]:
    return [Credit(article_id=article_id, role=c.role, name=c.name, position=n) for n, c in enumerate(credits)]


def allocate_slugs(texts: list[str], exact: list[bool] | None = None) -> list[str]:
    """Unique article slugs for a batch, with two queries rather than one per article."""
    bases = []
    for n, text in enumerate(texts):
        if exact and exact[n]:
            bases.append(text[:200])
        else:
            bases.append((slugify(text) or "untitled")[:192].strip("-") or "untitled")
    taken = set(Article.objects.filter(slug__in=set(bases)).values_list("slug", flat=True))
    clashing = taken | {base for base, count in Counter(bases).items() if count > 1}
    if clashing:
        query = Q()
        for base in clashing:
            query |= Q(slug__startswith=f"{base}-")
        taken |= set(Article.objects.filter(query).values_list("slug", flat=True))
    slugs = []
    for base in bases:
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        slugs.append(slug)
    return slugs


def article_to_record(article: Article) -> Record:
    """An article as an interchange record (what export writes)."""
    source = article.source
    return Record(
        external_id=article.external_id,
        source=SourceRef(source.name, source.slug, source.homepage) if source else None,
        url=article.original_url,
        title=article.title,
        needs_title=article.needs_title,
        dek=article.dek,
        body=article.body,
        published_at=article.published_at,
        language=article.language,
        status=article.status,
        tags=[TagRef(tag.name, tag.kind, tuple(a.name for a in tag.aliases.all())) for tag in article.tags.all()],
        # The image as its storage name; export_archive turns it into a file beside the export.
        photos=[PhotoRecord(p.caption, p.credit, p.image.name or "", p.alt_text) for p in article.photos.all()],
        credits=[CreditRecord(c.role, c.name) for c in article.credits.all()],
        slug=article.slug,
        publish_at=article.publish_at,
    )


def save_in_transaction(store: Store, record: Record, origin: str = "") -> Outcome:
    with transaction.atomic():
        return store.save(record, origin)
