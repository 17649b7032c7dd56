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

from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
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
    if not raw.isdecimal() or not 1 <= int(raw) <= MAX_PAGE_SIZE:
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
    """One column of a keyset ordering. `sql` is its SQL expression, `{table}` standing for the model's table.

    A nullable column is ordered through a COALESCE to an infinite date, so NULLs (undated articles)
    come last in either direction and the whole key compares as one row value, which a matching
    index can serve at any depth of the walk.
    """

    attribute: str
    sql: str
    bound: str = "%s"  # the same expression over a cursor's value
    is_datetime: bool = False

    def dump(self, value):
        return value.isoformat() if isinstance(value, datetime.datetime) else value

    def load(self, value):
        if self.is_datetime:
            moment = parse_datetime(value) if isinstance(value, str) else None
            if value is not None and moment is None:
                raise ValueError(value)
            return moment
        if isinstance(value, bool) or not isinstance(value, (int, str)) or (isinstance(value, str) and "\x00" in value):
            raise ValueError(value)
        return value


@dataclass(frozen=True)
class Keyset:
    """An ordering that pages by keys: all ascending or all descending, the last key unique."""

    name: str
    keys: tuple[Key, ...]
    descending: bool = False

    def order_by(self, table: str) -> list:
        expressions = [RawSQL(key.sql.format(table=table), []) for key in self.keys]  # nosec B611  # SQL defined in code; values are parameters
        return [e.desc() if self.descending else e.asc() for e in expressions]

    def after(self, table: str, values: list) -> RawSQL:
        columns = ", ".join(key.sql.format(table=table) for key in self.keys)
        bounds = ", ".join(key.bound for key in self.keys)
        operator = "<" if self.descending else ">"
        return RawSQL(f"({columns}) {operator} ({bounds})", values, output_field=BooleanField())  # nosec B611  # SQL defined in code; values are parameters


def column(attribute: str, *, is_datetime: bool = False) -> Key:
    return Key(attribute, "{table}." + attribute, is_datetime=is_datetime)


def undated_last(attribute: str, *, descending: bool) -> Key:
    infinity = f"'{'-' if descending else ''}infinity'::timestamptz"
    return Key(
        attribute, f"COALESCE({{table}}.{attribute}, {infinity})", f"COALESCE(%s::timestamptz, {infinity})", True
    )


class KeysetPagination(BasePagination):
    """Paginates a queryset by the view's `get_keyset()`."""

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        keyset = view.get_keyset()
        table = connection.ops.quote_name(queryset.model._meta.db_table)
        size = page_size(request)
        raw = request.query_params.get("cursor")
        if raw:
            values = self._values(keyset, decode_cursor(raw))
            queryset = queryset.filter(keyset.after(table, values))
        rows = list(queryset.order_by(*keyset.order_by(table))[: size + 1])
        self.next_cursor = None
        if len(rows) > size:
            rows = rows[:size]
            last = rows[-1]
            values = [key.dump(getattr(last, key.attribute)) for key in keyset.keys]
            self.next_cursor = encode_cursor({"o": keyset.name, "k": values})
        return rows

    def _values(self, keyset, cursor) -> list:
        values = cursor.get("k")
        if cursor.get("o") != keyset.name or not isinstance(values, list) or len(values) != len(keyset.keys):
            raise ValidationError(
                {"cursor": ["This cursor belongs to another ordering or endpoint: start again without it."]}
            )
        try:
            return [key.load(value) for key, value in zip(keyset.keys, values)]
        except (ValueError, TypeError):
            raise ValidationError(
                {"cursor": ["Not a cursor from this API: use the `next` link of a previous page."]}
            ) from None

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
                "next": {
                    "type": "string",
                    "format": "uri",
                    "nullable": True,
                    "description": "The next page; null on the last.",
                },
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
