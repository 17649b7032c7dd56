"""The editors' admin, one module per part; importing them registers the model admins."""

from django.contrib import admin

from archive.admin import articles, curation, insights, jobs, tags  # noqa: F401

admin.site.site_header = "Border archive"
admin.site.site_title = "Border archive admin"
admin.site.index_title = "Editorial desk"
