"""Template tags of the editors' admin."""

from django import template

from archive.admin.dashboard import dashboard

register = template.Library()


@register.simple_tag(takes_context=True)
def admin_dashboard(context):
    return dashboard(context["request"].user)
