"""Partner authentication: `Authorization: Api-Key <key>`, refused with a reason when it cannot be used."""

from rest_framework import authentication, exceptions, permissions

from archive.models import PartnerAPIKey

KEYWORD = "Api-Key"


class PartnerKeyAuthentication(authentication.BaseAuthentication):
    """Finds the key by its visible prefix, then checks the secret against the stored hash."""

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").strip()
        if not header:
            return None
        keyword, _, key = header.partition(" ")
        if keyword.lower() != KEYWORD.lower() or not key.strip():
            raise exceptions.AuthenticationFailed(f"Send the key as 'Authorization: {KEYWORD} <key>'.")
        key = key.strip()
        prefix, dot, _ = key.partition(".")
        api_key = PartnerAPIKey.objects.select_related("partner").filter(prefix=prefix).first() if dot else None
        if api_key is None or not api_key.is_valid(key):
            raise exceptions.AuthenticationFailed("This API key is not valid.")
        if api_key.revoked:
            raise exceptions.AuthenticationFailed("This API key has been revoked.")
        if api_key.has_expired:
            raise exceptions.AuthenticationFailed(f"This API key expired on {api_key.expiry_date:%Y-%m-%d}.")
        if not api_key.partner.is_active:
            raise exceptions.AuthenticationFailed("This partner's access is suspended.")
        api_key.record_use()
        return api_key.partner, api_key

    def authenticate_header(self, request):
        # Makes DRF answer 401 (with WWW-Authenticate) rather than 403.
        return KEYWORD


class HasPartnerKey(permissions.BasePermission):
    message = f"An API key is required: send 'Authorization: {KEYWORD} <key>'."

    def has_permission(self, request, view):
        return isinstance(request.auth, PartnerAPIKey)
