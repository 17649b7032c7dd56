"""Keyset ("cursor") pagination: each page continues after the last row of the one before.

Pages hold still while articles are added or removed elsewhere in the order, and there is no depth
limit: a partner can walk the whole archive. The cursor is opaque (base64 JSON of the last row's
sort key and the ordering it belongs to).
"""

import base64
import binascii
import datetime
import json
from dataclasses import dataclass

from django.db.models import F, Q
from django.utils.dateparse import parse_datetime
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


def page_size(request) -> int:
    raw = request.query_params.get("page_size")
    if raw in (None, ""):
        return DEFAULT_PAGE_SIZE
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE_SIZE:
        raise ValidationError({"page_size": [f"Must be a whole number from 1 to {MAX_PAGE_SIZE}, not {raw!r}."]})
    return int(raw)


def encode_cursor(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(raw: str) -> dict:
    try:
        data = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        data = None
    if not isinstance(data, dict):
        raise ValidationError({"cursor": ["Not a cursor from this API: use the `next` link of a previous page."]})
    return data


@dataclass(frozen=True)
class Key:
    """One column of a keyset ordering; NULLs sort last in either direction."""

    field: str
    descending: bool = False
    nullable: bool = False
    is_datetime: bool = False

    def order_by(self):
        expression = F(self.field)
        return expression.desc(nulls_last=True) if self.descending else expression.asc(nulls_last=True)

    def dump(self, value):
        return value.isoformat() if isinstance(value, datetime.datetime) else value

    def load(self, value):
        if value is None and self.nullable:
            return None
        if self.is_datetime:
            moment = parse_datetime(value) if isinstance(value, str) else None
            if moment is None:
                raise ValueError(value)
            return moment
        if self.field == "id" and not isinstance(value, int):
            raise ValueError(value)
        if not isinstance(value, (int, float, str)):
            raise ValueError(value)
        return value

    def after(self, value) -> Q:
        if value is None:
            return Q(pk__in=[])  # only more NULLs follow a NULL, and those tie on this key
        q = Q(**{f"{self.field}__{'lt' if self.descending else 'gt'}": value})
        return q | Q(**{f"{self.field}__isnull": True}) if self.nullable else q

    def equal(self, value) -> Q:
        return Q(**{f"{self.field}__isnull": True}) if value is None else Q(**{self.field: value})


class KeysetPagination(BasePagination):
    """Paginates a queryset by the view's `keyset` (a name and a tuple of Keys ending in a unique one)."""

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        name, keys = view.get_keyset()
        size = page_size(request)
        raw = request.query_params.get("cursor")
        if raw:
            queryset = queryset.filter(self._after(name, keys, decode_cursor(raw)))
        rows = list(queryset.order_by(*(key.order_by() for key in keys))[: size + 1])
        self.next_cursor = None
        if len(rows) > size:
            rows = rows[:size]
            last = rows[-1]
            self.next_cursor = encode_cursor({"o": name, "k": [key.dump(getattr(last, key.field)) for key in keys]})
        return rows

    def _after(self, name, keys, cursor) -> Q:
        values = cursor.get("k")
        if cursor.get("o") != name or not isinstance(values, list) or len(values) != len(keys):
            raise ValidationError({"cursor": ["This cursor belongs to another ordering or endpoint: start again without it."]})
        try:
            values = [key.load(value) for key, value in zip(keys, values)]
        except (ValueError, TypeError):
            raise ValidationError({"cursor": ["Not a cursor from this API: use the `next` link of a previous page."]}) from None
        condition = Q(pk__in=[])
        for i, key in enumerate(keys):
            term = key.after(values[i])
            for earlier, value in zip(keys[:i], values[:i]):
                term &= earlier.equal(value)
            condition |= term
        return condition

    def get_next_link(self):
        if self.next_cursor is None:
            return None
        return replace_query_param(self.request.build_absolute_uri(), "cursor", self.next_cursor)

    def get_paginated_response(self, data):
        return Response({"next": self.get_next_link(), "results": data})

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "results"],
            "properties": {
                "next": {"type": "string", "format": "uri", "nullable": True, "description": "The next page; null on the last."},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "cursor",
                "in": "query",
                "required": False,
                "description": "Where to continue: taken from the `next` link of the previous page.",
                "schema": {"type": "string"},
            },
            {
                "name": "page_size",
                "in": "query",
                "required": False,
                "description": f"Results per page, 1 to {MAX_PAGE_SIZE} (default {DEFAULT_PAGE_SIZE}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE},
            },
        ]
