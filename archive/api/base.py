"""What every endpoint shares: conditional GET, gzip, a plain refusal without a key, NUL-safe parameters."""

import datetime

from django.db.models import Max
from django.utils.decorators import method_decorator
from django.utils.http import http_date
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import conditional_page
from rest_framework import exceptions

from archive.api.auth import KEYWORD
from archive.models import ChangeEvent
from archive.models.changes import TOMBSTONES

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


class Gone(exceptions.APIException):
    status_code = 410
    default_code = "cursor_expired"


class PartnerAPIMixin:
    """Conditional GET (an ETag from the body, Last-Modified when known, 304 when unchanged) and gzip."""

    last_modified = None

    @method_decorator(gzip_page)
    @method_decorator(conditional_page)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for name, values in request.query_params.lists():
            # PostgreSQL text cannot hold NUL; refuse it here rather than fail in the database.
            if any("\x00" in value for value in values):
                raise exceptions.ValidationError({name: ["Contains a NUL character."]})

    def permission_denied(self, request, message=None, code=None):
        if request.auth is None:
            raise exceptions.NotAuthenticated(f"An API key is required: send 'Authorization: {KEYWORD} <key>'.")
        super().permission_denied(request, message, code)

    def get_throttles(self):
        self.throttles = super().get_throttles()
        return self.throttles

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        for throttle in getattr(self, "throttles", ()):
            if getattr(throttle, "history", None) is not None:
                # As large publishers' APIs do: the allowance and what is left of it in the window.
                response["X-RateLimit-Limit"] = str(throttle.num_requests)
                response["X-RateLimit-Remaining"] = str(max(0, throttle.num_requests - len(throttle.history)))
        if response.status_code == 200:
            # Partners may keep responses, but must ask again (cheaply, with If-None-Match) before reuse.
            response["Cache-Control"] = "private, no-cache"
            if self.last_modified is not None:
                response["Last-Modified"] = http_date(self.last_modified.timestamp())
        return response


def public_since(article) -> datetime.datetime:
    """When the article last changed as the public sees it: its last edit, or its embargo's end."""
    moments = [article.updated_at] + ([article.publish_at] if article.publish_at else [])
    return max(moments)


def latest_tombstone():
    """When an article last left public view (a list that lost it has changed then)."""
    return ChangeEvent.objects.filter(TOMBSTONES).aggregate(latest=Max("occurred_at"))["latest"]
