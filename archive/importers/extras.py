"""Records of other kinds than articles: synonym groups, promotions and partners, one JSON line each.

A line with a `kind` field is one of these (a line without one is an article):

    {"kind": "synonym_group", "terms": ["defector", "escapee"], "one_way": false, "is_active": true, "note": ""}
    {"kind": "promotion", "article": "<article slug>", "query": "famine", "match": "exact", "tag": null,
     "position": 0, "starts_at": null, "ends_at": null, "note": ""}
    {"kind": "partner", "name": "Daily Wire", "contact_email": "", "notes": "", "rate_limit": "", "is_active": true}

Partners' API keys are not exported: only their hashes are stored, and a key cannot be rebuilt from
them. Imports are idempotent: a synonym group is found by its terms, a promotion by its article and
query or tag, a partner by its name.
"""

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.exceptions import ValidationError

from archive.importers.record import RecordError, _encodable
from archive.models import Article, Partner, Promotion, SynonymGroup, Tag

KINDS = ("synonym_group", "promotion", "partner")
CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


class ExtraError(RecordError):
    """A line of another kind that cannot be imported; the message names the field."""


@dataclass
class Extra:
    kind: str
    data: dict

    def to_json(self) -> str:
        return json.dumps({"kind": self.kind, **self.data}, ensure_ascii=False)


# ---------------------------------------------------------------------------------------------- export


def export_lines():
    """Every synonym group, promotion and partner, as JSON lines (without newlines)."""
    for group in SynonymGroup.objects.order_by("id"):
        yield Extra(
            "synonym_group",
            {
                "terms": list(group.terms),
                "one_way": group.one_way,
                "is_active": group.is_active,
                "note": group.note,
            },
        ).to_json()
    for promotion in Promotion.objects.order_by("id").select_related("article", "tag"):
        yield Extra(
            "promotion",
            {
                "article": promotion.article.slug,
                "query": promotion.query,
                "match": promotion.match,
                "tag": promotion.tag.slug if promotion.tag else None,
                "position": promotion.position,
                "starts_at": _iso(promotion.starts_at),
                "ends_at": _iso(promotion.ends_at),
                "note": promotion.note,
            },
        ).to_json()
    for partner in Partner.objects.order_by("name"):
        yield Extra(
            "partner",
            {
                "name": partner.name,
                "contact_email": partner.contact_email,
                "notes": partner.notes,
                "rate_limit": partner.rate_limit,
                "is_active": partner.is_active,
            },
        ).to_json()


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


# ---------------------------------------------------------------------------------------------- import


def from_dict(data: dict) -> Extra:
    kind = data.get("kind")
    if kind not in KINDS:
        raise ExtraError(f"kind: {kind!r} is not one of {', '.join(KINDS)}")
    fields = {key: value for key, value in data.items() if key != "kind"}
    for key, value in fields.items():
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and not _encodable(text):
                raise ExtraError(f"{key}: contains a NUL character or an unpaired surrogate")
    if kind == "synonym_group":
        terms = fields.get("terms")
        if not isinstance(terms, list) or len(terms) < 2 or not all(isinstance(t, str) and t.strip() for t in terms):
            raise ExtraError("terms: expected an array of at least two non-empty strings")
    elif kind == "promotion":
        if not isinstance(fields.get("article"), str) or not fields["article"]:
            raise ExtraError("article: expected an article's slug")
        if not fields.get("query") and not fields.get("tag"):
            raise ExtraError("a promotion needs a query or a tag")
    elif not isinstance(fields.get("name"), str) or not fields["name"].strip():
        raise ExtraError("name: expected a partner's name")
    return Extra(kind, fields)


def save(extra: Extra) -> str:
    """Write one record of another kind; returns created, updated or unchanged. ExtraError if it cannot be."""
    return {"synonym_group": _save_group, "promotion": _save_promotion, "partner": _save_partner}[extra.kind](
        extra.data
    )


def _apply(obj, values: dict) -> str:
    """Create or update `obj` with `values`, checked by the model's own validation."""
    changed = {key: value for key, value in values.items() if obj.pk is None or getattr(obj, key) != value}
    if not changed:
        return UNCHANGED
    action = CREATED if obj.pk is None else UPDATED
    for key, value in changed.items():
        setattr(obj, key, value)
    try:
        obj.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        field_name, messages = (
            next(iter(exc.message_dict.items())) if hasattr(exc, "error_dict") else ("", exc.messages)
        )
        raise ExtraError(f"{field_name}: {messages[0]}" if field_name not in ("", "__all__") else messages[0]) from None
    obj.save()
    return action


def _save_group(data: dict) -> str:
    terms = [t.strip() for t in data["terms"]]
    group = SynonymGroup.objects.filter(terms=terms).first() or SynonymGroup()
    values = {
        "terms": terms,
        "one_way": bool(data.get("one_way")),
        "is_active": data.get("is_active", True) is not False,
        "note": data.get("note") or "",
    }
    return _apply(group, values)


def _save_promotion(data: dict) -> str:
    article = Article.objects.filter(slug=data["article"]).first()
    if article is None:
        raise ExtraError(f"article: no article with the slug {data['article']!r}")
    tag = None
    if data.get("tag"):
        tag = Tag.objects.filter(slug=data["tag"]).first()
        if tag is None:
            raise ExtraError(f"tag: no tag with the slug {data['tag']!r}")
    query = (data.get("query") or "").strip()
    promotion = Promotion.objects.filter(article=article, query=query, tag=tag).first() or Promotion(article=article)
    values = {
        "query": query,
        "tag": tag,
        "match": data.get("match") or Promotion.Match.EXACT,
        "position": data.get("position") or 0,
        "starts_at": _date(data, "starts_at"),
        "ends_at": _date(data, "ends_at"),
        "note": data.get("note") or "",
    }
    return _apply(promotion, values)


def _save_partner(data: dict) -> str:
    partner = Partner.objects.filter(name=data["name"].strip()).first() or Partner()
    values = {
        "name": data["name"].strip(),
        "contact_email": data.get("contact_email") or "",
        "notes": data.get("notes") or "",
        "rate_limit": data.get("rate_limit") or "",
        "is_active": data.get("is_active", True) is not False,
    }
    return _apply(partner, values)


def _date(data: dict, key: str) -> datetime | None:
    value = data.get(key)
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        raise ExtraError(f"{key}: {str(value)[:40]!r} is not an ISO 8601 date") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
