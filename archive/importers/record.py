"""The archive's interchange record: one article as plain data, and its JSON Lines form.

The raw text parser and the JSON Lines reader both produce records, the store writes them, export and
`import_articles --dry-run --json` print them. One line of JSON per article:

    {"external_id": "000_bbe6", "source": "Daily NK", "url": "", "title": "…", "needs_title": false,
     "dek": "", "body": "Paragraph.\\n\\n## Subhead\\n\\nParagraph.", "published_at": "2025-03-17T00:00:00+00:00",
     "language": "en", "status": "published",
     "tags": [{"name": "Hyesan", "kind": "place"}, {"name": "Smuggling", "kind": "topic", "aliases": ["smuggler"]}],
     "photos": [{"caption": "…", "credit": "Wikimedia Commons"}],
     "credits": [{"role": "translator", "name": "David Black"}]}

On input `title` and `body` are required (a missing title is derived from the body and flagged
`needs_title`), every other field is optional, tags may be plain names, `source` may be a name, a
slug or {"name", "slug", "homepage"}, and unknown fields are ignored. Export adds `slug` and
`publish_at` (the embargo) so a round trip keeps them. A line with a `kind` field is not an article
but a synonym group, promotion or partner (archive.importers.extras).
"""

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

from archive.validators import slug_problem, web_url_problem

TAG_KINDS = ("topic", "place", "organization", "person")
CREDIT_ROLES = ("author", "translator", "editor", "photographer")
STATUSES = ("draft", "review", "published", "archived")

# Field limits of archive.models.Article and friends, checked here so a bad record fails before any write.
MAX_TITLE = 500
MAX_URL = 1000
MAX_EXTERNAL_ID = 200
MAX_NAME = 200
MAX_CREDIT = 300
MAX_ALT_TEXT = 500
MAX_LANGUAGE = 10
MAX_WORKING_TITLE = 90


class RecordError(ValueError):
    """A record that cannot be imported; the message names the field."""


@dataclass(frozen=True)
class SourceRef:
    name: str
    slug: str = ""
    homepage: str = ""

    def to_json_value(self):
        if not self.slug and not self.homepage:
            return self.name
        return {"name": self.name, "slug": self.slug, "homepage": self.homepage}


@dataclass(frozen=True)
class TagRef:
    name: str
    kind: str = "topic"
    aliases: tuple[str, ...] = ()

    def to_json_value(self) -> dict:
        value = {"name": self.name, "kind": self.kind}
        if self.aliases:
            value["aliases"] = list(self.aliases)
        return value


@dataclass(frozen=True)
class PhotoRecord:
    caption: str = ""
    credit: str = ""
    # An http(s) URL to fetch, or a path relative to the imported file (archive.importers.images).
    image: str = ""
    alt_text: str = ""

    def to_json_value(self) -> dict:
        value = {"caption": self.caption, "credit": self.credit}
        if self.image:
            value["image"] = self.image
        if self.alt_text:
            value["alt_text"] = self.alt_text
        return value


@dataclass(frozen=True)
class CreditRecord:
    role: str
    name: str


@dataclass
class Record:
    """One article in the interchange format."""

    title: str
    body: str = ""
    dek: str = ""
    source: SourceRef | None = None
    url: str = ""
    published_at: datetime | None = None
    language: str = "en"
    external_id: str = ""
    status: str | None = None
    needs_title: bool = False
    tags: list[TagRef] = field(default_factory=list)
    photos: list[PhotoRecord] = field(default_factory=list)
    credits: list[CreditRecord] = field(default_factory=list)
    slug: str = ""
    publish_at: datetime | None = None

    def to_dict(self) -> dict:
        data = {
            "external_id": self.external_id,
            "source": self.source.to_json_value() if self.source else None,
            "url": self.url,
            "title": self.title,
            "needs_title": self.needs_title,
            "dek": self.dek,
            "body": self.body,
            "published_at": _iso(self.published_at),
            "language": self.language,
            "status": self.status,
            "tags": [tag.to_json_value() for tag in self.tags],
            "photos": [photo.to_json_value() for photo in self.photos],
            "credits": [asdict(credit) for credit in self.credits],
        }
        if self.slug:
            data["slug"] = self.slug
        if self.publish_at:
            data["publish_at"] = _iso(self.publish_at)
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @property
    def content_hash(self) -> str:
        """The same digest as Article.content_hash: the import key of a record without an external id."""
        return hashlib.md5(f"{self.title.lower()}\n{self.body}".encode(), usedforsecurity=False).hexdigest()

    @property
    def import_key(self) -> str:
        return self.external_id or self.content_hash

    def field_values(self) -> dict:
        """What the store compares, field by field, to tell a file's edits from an editor's (see store.py)."""
        return {
            "title": self.title,
            "needs_title": self.needs_title,
            "dek": self.dek,
            "body": self.body,
            "url": self.url,
            "published_at": _iso(self.published_at),
            "language": self.language,
            "status": self.status,
            "publish_at": _iso(self.publish_at),
            "tags": sorted({(tag.name.casefold(), tag.kind) for tag in self.tags}),
            # Whether a photo has an image, not where it came from: a stored photo's file name never
            # equals the URL or path it was imported from. (Without one, as before images, so the
            # hashes of earlier imports still match.)
            "photos": [[photo.caption, photo.credit, *([True] if photo.image else [])] for photo in self.photos],
            "credits": [[credit.role, credit.name] for credit in self.credits],
        }

    def field_hashes(self) -> dict[str, str]:
        return {name: _digest(value) for name, value in self.field_values().items()}

    def fingerprint(self) -> str:
        return fingerprint_of(self.field_hashes())


def fingerprint_of(field_hashes: dict[str, str]) -> str:
    """One digest for the whole record, from its field hashes."""
    return _digest("".join(f"{name}={digest};" for name, digest in sorted(field_hashes.items())))


def _digest(value) -> str:
    if isinstance(value, str):
        data = b"s" + value.encode()
    else:
        data = json.dumps(value, ensure_ascii=False, sort_keys=True).encode()
    return hashlib.sha256(data).hexdigest()[:32]


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def from_json(line: str) -> Record:
    """A record from one line of JSON Lines (an Extra if it has another `kind`); RecordError says what is wrong."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise RecordError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise RecordError("not valid JSON (nested too deeply)") from None
    if isinstance(data, dict) and data.get("kind") not in (None, "article"):
        from archive.importers import extras  # other kinds of record: synonym groups, promotions, partners

        return extras.from_dict(data)
    return from_dict(data)


def from_dict(data) -> Record:
    if not isinstance(data, dict):
        raise RecordError(f"expected a JSON object, found {_json_type(data)}")
    body = _text(data, "body")
    title = _text(data, "title", limit=MAX_TITLE).strip()
    needs_title = _bool(data, "needs_title")
    if not title:
        if not body.strip():
            raise RecordError("title and body are both empty")
        title, needs_title = working_title(body), True
    status = data.get("status")
    if status is not None and status not in STATUSES:
        raise RecordError(f"status: {status!r} is not one of {', '.join(STATUSES)}")
    return check_links(
        Record(
            title=title,
            body=body,
            dek=_text(data, "dek"),
            source=_source(data.get("source")),
            url=_text(data, "url", limit=MAX_URL).strip(),
            published_at=_datetime(data, "published_at"),
            language=_text(data, "language", limit=MAX_LANGUAGE).strip() or "en",
            external_id=_text(data, "external_id", limit=MAX_EXTERNAL_ID, allow_number=True).strip(),
            status=status,
            needs_title=needs_title,
            tags=_tags(data.get("tags")),
            photos=_photos(data.get("photos")),
            credits=_credits(data.get("credits")),
            slug=_text(data, "slug", limit=MAX_NAME).strip(),
            publish_at=_datetime(data, "publish_at"),
        )
    )


def check_links(record: Record) -> Record:
    """`record` if its links and slugs may be stored (archive.validators); else RecordError names the field."""
    fields = {"url": record.url, "slug": record.slug}
    if record.source is not None:
        fields |= {"source.homepage": record.source.homepage, "source.slug": record.source.slug}
    for name, value in fields.items():
        check = web_url_problem if name.endswith(("url", "homepage")) else slug_problem
        if problem := check(value):
            raise RecordError(f"{name}: {problem}")
    return record


def working_title(body: str) -> str:
    """A stand-in title from the first sentence of the body, for articles that arrived without one."""
    from archive.importers.text import derive_title

    return derive_title(body)


def _json_type(value) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "true/false", type(None): "null"}.get(
        type(value), "a number"
    )


def _text(data: dict, key: str, *, limit: int | None = None, allow_number: bool = False, where: str = "") -> str:
    """A string field; `where` prefixes the field's name in errors (tags[0] for tags[0].name)."""
    value = data.get(key)
    label = f"{where}.{key}" if where else key
    if value is None:
        return ""
    if allow_number and isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise RecordError(f"{label}: expected a string, found {_json_type(value)}")
    if "\x00" in value:
        raise RecordError(f"{label}: contains a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        # JSON can escape half of a surrogate pair (\ud800) on its own: no character, and no database stores it.
        raise RecordError(f"{label}: contains an unpaired surrogate (\\u{ord(value[exc.start]):04x})") from None
    if limit and len(value) > limit:
        raise RecordError(f"{label}: longer than {limit} characters")
    return value


def _encodable(value: str) -> bool:
    """No NUL and no unpaired surrogate: text PostgreSQL can store."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\x00" not in value


def _bool(data: dict, key: str) -> bool:
    value = data.get(key, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise RecordError(f"{key}: expected true or false, found {_json_type(value)}")
    return value


def _datetime(data: dict, key: str) -> datetime | None:
    value = data.get(key)
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise RecordError(f"{key}: expected an ISO 8601 date, found {_json_type(value)}")
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise RecordError(
            f"{key}: {value[:40]!r} is not an ISO 8601 date (2025-03-17 or 2025-03-17T09:30:00+09:00)"
        ) from None
    if parsed.tzinfo is None:
        # A date without a zone is taken as UTC, the archive's time zone.
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def _source(value) -> SourceRef | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        name = value.strip()
        if len(name) > MAX_NAME:
            raise RecordError(f"source: longer than {MAX_NAME} characters")
        return SourceRef(name) if name else None
    if isinstance(value, dict):
        name = _text(value, "name", limit=MAX_NAME, where="source").strip()
        slug = _text(value, "slug", limit=MAX_NAME, where="source").strip()
        if not name and not slug:
            raise RecordError("source: needs a name or a slug")
        return SourceRef(name or slug, slug, _text(value, "homepage", limit=MAX_URL, where="source").strip())
    raise RecordError(f"source: expected a name or an object, found {_json_type(value)}")


def _list(value, key: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise RecordError(f"{key}: expected an array, found {_json_type(value)}")
    return value


def _tags(value) -> list[TagRef]:
    tags, seen = [], set()
    for i, item in enumerate(_list(value, "tags")):
        where = f"tags[{i}]"
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict):
            raise RecordError(f"{where}: expected a name or an object, found {_json_type(item)}")
        name = " ".join(_text(item, "name", limit=MAX_NAME, where=where).split())
        if not name:
            raise RecordError(f"{where}.name: is empty")
        kind = item.get("kind") or ""
        if kind and kind not in TAG_KINDS:
            raise RecordError(f"{where}.kind: {kind!r} is not one of {', '.join(TAG_KINDS)}")
        aliases = []
        for j, alias in enumerate(_list(item.get("aliases"), f"{where}.aliases")):
            if not isinstance(alias, str) or not alias.strip() or len(alias) > MAX_NAME or not _encodable(alias):
                raise RecordError(f"{where}.aliases[{j}]: expected a name of at most {MAX_NAME} characters")
            aliases.append(alias.strip())
        if name.casefold() not in seen:
            seen.add(name.casefold())
            # An empty kind means "whatever the tag already is": the store decides (see store.resolve_tag).
            tags.append(TagRef(name, kind, tuple(aliases)))
    return tags


def _photos(value) -> list[PhotoRecord]:
    photos = []
    for i, item in enumerate(_list(value, "photos")):
        if isinstance(item, str):
            item = {"caption": item}
        if not isinstance(item, dict):
            raise RecordError(f"photos[{i}]: expected an object, found {_json_type(item)}")
        caption = _text(item, "caption", where=f"photos[{i}]").strip()
        credit = _text(item, "credit", limit=MAX_CREDIT, where=f"photos[{i}]").strip()
        image = _text(item, "image", limit=MAX_URL, where=f"photos[{i}]").strip()
        alt_text = _text(item, "alt_text", limit=MAX_ALT_TEXT, where=f"photos[{i}]").strip()
        if caption or credit or image:
            photos.append(PhotoRecord(caption, credit, image, alt_text))
    return photos


def _credits(value) -> list[CreditRecord]:
    credits = []
    for i, item in enumerate(_list(value, "credits")):
        if not isinstance(item, dict):
            raise RecordError(f"credits[{i}]: expected an object, found {_json_type(item)}")
        role = item.get("role") or "author"
        if role not in CREDIT_ROLES:
            raise RecordError(f"credits[{i}].role: {role!r} is not one of {', '.join(CREDIT_ROLES)}")
        name = " ".join(_text(item, "name", limit=MAX_NAME, where=f"credits[{i}]").split())
        if not name:
            raise RecordError(f"credits[{i}].name: is empty")
        credits.append(CreditRecord(role, name))
    return credits
