"""Every API error is JSON: a status, a machine-readable code, a sentence, and the parameters at fault."""

from django.http import Http404, JsonResponse
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def _flatten(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {
            str(name): [str(message) for message in (messages if isinstance(messages, list) else [messages])]
            for name, messages in detail.items()
        }
    return {}


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound("No such article, tag or source (or it is not published).")
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    parameters = _flatten(response.data) if isinstance(exc, exceptions.ValidationError) else {}
    if parameters:
        message = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in parameters.items())
        code = "invalid_parameter"
    else:
        detail = response.data.get("detail", response.data) if isinstance(response.data, dict) else response.data
        message = str(detail[0] if isinstance(detail, list) and detail else detail)
        code = getattr(getattr(exc, "detail", None), "code", None) or getattr(exc, "default_code", "error")
    body = {"status": response.status_code, "error": code, "detail": message}
    if parameters:
        body["parameters"] = parameters
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        body["retry_after"] = int(exc.wait + 0.999)
    response.data = body
    return response


def not_found(request, *args, **kwargs):
    """Unknown paths under /api/ answer in JSON, like everything else there."""
    return JsonResponse(
        {"status": 404, "error": "not_found", "detail": f"No API endpoint at {request.path}."}, status=404
    )
