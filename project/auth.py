"""Login limiting for the admin (django-axes) and the client address it counts failures by."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings


class LoginAttemptBackend(AxesStandaloneBackend):
    """Refuses logins from a locked-out address; counts only logins made through a web request.

    Credentials checked outside a request (the test client's login(), scripts) have no address to
    count by; django-axes would raise for them, so they pass on to the next backend instead.
    """

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request) -> str:
    """The client's address: the socket's, or the one the trusted proxies put in X-Forwarded-For.

    Only the last TRUSTED_PROXY_COUNT entries were written by our own proxies; anything left of them
    came from the client and could be forged to dodge a lockout.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
