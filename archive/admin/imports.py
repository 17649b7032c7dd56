"""Import in the admin: upload raw text or JSON Lines files, preview every article, confirm to create drafts."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse


def import_view(request):
    if not request.user.has_perm("archive.add_article"):
        raise PermissionDenied
    return TemplateResponse(request, "admin/archive/article/import.html", {})
