"""The editors' admin, one module per part; importing them registers the model admins."""

from archive.admin import articles, curation, insights, tags  # noqa: F401

admin_site_header = "Border archive"
