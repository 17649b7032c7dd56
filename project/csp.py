"""The Content-Security-Policy middleware, with room for the API's interactive documentation.

The site's own pages run no inline code, so the policy in settings allows none. Swagger UI and Redoc
(served by drf-spectacular at /api/docs/ and /api/redoc/) start from an inline script and style
themselves inline; those two pages alone get the extra sources they need.
"""

from csp.middleware import CSPMiddleware

API_DOCS_PATHS = ("/api/docs/", "/api/redoc/")
API_DOCS_SOURCES = {
    "script-src": ["'unsafe-inline'"],
    "style-src": ["'unsafe-inline'"],
    "worker-src": ["blob:"],
}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith(API_DOCS_PATHS):
            parts.update = {**API_DOCS_SOURCES, **(parts.update or {})}
        return parts
