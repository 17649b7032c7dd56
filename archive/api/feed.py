"""changes/: the feed partners keep an exact mirror by (see archive.models.changes for how it is written)."""

import datetime

from django import forms
from django.conf import settings
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from archive.api import schema
from archive.api.base import Gone, PartnerAPIMixin
from archive.api.filters import MomentField
from archive.api.pagination import decode_cursor, encode_cursor, page_size
from archive.api.serializers import ChangeEventSerializer
from archive.models import ChangeEvent

BIGINT_MAX = 2**63 - 1


@schema.change_feed
class ChangeFeedView(PartnerAPIMixin, APIView):
    """What entered, changed in or left public view, in order, for keeping an exact mirror."""

    def get(self, request):
        size = page_size(request)
        retention = datetime.timedelta(days=settings.ARCHIVE_CHANGES_RETENTION_DAYS)
        today = timezone.now().date()
        oldest = timezone.now() - retention
        since = self._since(oldest)
        raw = request.query_params.get("cursor")
        position = self._position(decode_cursor(raw), today - retention) if raw else None

        ChangeEvent.release_due()
        events = ChangeEvent.objects.settled()
        if since is not None:
            events = events.filter(occurred_at__gte=since)
        if position is not None:
            txid, event_id = position
            # One row comparison, which the (txid, id) index serves however long the feed has grown.
            events = events.filter(
                RawSQL(
                    "(archive_changeevent.txid, archive_changeevent.id) > (%s, %s)",
                    [txid, event_id],
                    output_field=BooleanField(),
                )
            )
        rows = list(events.in_feed_order()[: size + 1])
        has_more = len(rows) > size
        rows = rows[:size]
        if rows:
            position = (rows[-1].txid, rows[-1].id)
        # The cursor carries the day it was handed out: it is good for the retention period from then.
        cursor = (
            encode_cursor({"o": "changes", "x": position[0], "i": position[1], "d": today.isoformat()})
            if position
            else None
        )
        next_url = request.build_absolute_uri()
        next_url = replace_query_param(next_url, "cursor", cursor) if cursor else next_url
        return Response(
            {
                "next": next_url,
                "has_more": has_more,
                "retention_days": settings.ARCHIVE_CHANGES_RETENTION_DAYS,
                "results": ChangeEventSerializer(rows, many=True, context={"request": request}).data,
            }
        )

    def _since(self, oldest):
        raw = self.request.query_params.get("since")
        if not raw:
            return None
        try:
            since = MomentField().clean(raw)
        except forms.ValidationError as error:
            raise exceptions.ValidationError({"since": error.messages}) from None
        if since < oldest:
            raise Gone(
                f"since is older than the feed keeps changes ({settings.ARCHIVE_CHANGES_RETENTION_DAYS} days): "
                "walk /api/v1/articles/ again, then follow changes from when that walk began."
            )
        return since

    def _position(self, cursor, oldest_day):
        txid, event_id, day = cursor.get("x"), cursor.get("i"), cursor.get("d")
        try:
            issued = datetime.date.fromisoformat(day) if isinstance(day, str) else None
        except ValueError:
            issued = None
        in_range = all(
            isinstance(n, int) and not isinstance(n, bool) and 0 <= n <= BIGINT_MAX for n in (txid, event_id)
        )
        if cursor.get("o") != "changes" or not in_range or issued is None:
            raise exceptions.ValidationError({"cursor": ["Not a cursor of the change feed: use its `next` link."]})
        if issued < oldest_day:
            raise Gone(
                f"This cursor is older than the feed keeps changes ({settings.ARCHIVE_CHANGES_RETENTION_DAYS} days): "
                "walk /api/v1/articles/ again, then follow changes from when that walk began."
            )
        return txid, event_id
