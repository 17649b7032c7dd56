"""Request logging and a clean answer when the database is down."""

import logging
import time
import uuid
from contextlib import ExitStack

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

from project import db_router

request_logger = logging.getLogger("archive.requests")
logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 10


class RequestLogMiddleware:
    """Logs one JSON line per request: method, path, status, duration and database query count.

    The query string is left out on purpose: it may carry what readers searched for or a credential.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request.META.get("HTTP_X_REQUEST_ID", "")[:64] or uuid.uuid4().hex
        queries = [0]

        def count(execute, sql, params, many, context):
            queries[0] += 1
            return execute(sql, params, many, context)

        started = time.perf_counter()
        with ExitStack() as stack:
            for connection in connections.all():
                stack.enter_context(connection.execute_wrapper(count))
            response = self.get_response(request)
        duration_ms = (time.perf_counter() - started) * 1000
        response["X-Request-ID"] = request_id
        request_logger.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round(duration_ms, 1),
                "queries": queries[0],
                "request_id": request_id,
            },
        )
        return response


def database_unavailable(request) -> HttpResponse:
    """503 with Retry-After: JSON for the API, a plain page for people."""
    if request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", ""):
        response = JsonResponse(
            {"detail": "The archive's database is unavailable. Please retry shortly.", "code": "database_unavailable"},
            status=503,
        )
    else:
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    # Logged once, as a warning, by the middleware below, not as a server error by Django.
    response._has_been_logged = True
    return response


class DatabaseUnavailableMiddleware:
    """Turns a lost or unreachable database into a fast 503 instead of a 500 and a traceback.

    Connection errors come from the view (or its template) as OperationalError or InterfaceError;
    Django drops the broken connection at the end of the request and opens a new one on the next,
    so the site recovers by itself when the database returns. A replica that fails is left out of
    reads for a while, so the primary and the other replicas carry on.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        # A lost connection, or a query past the statement timeout: either way, retry later.
        logger.warning(
            "Database unavailable or too slow for %s %s: %s", request.method, request.path, str(exception).strip()
        )
        db_router.note_failed_replicas()
        return database_unavailable(request)
