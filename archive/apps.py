from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "Archive"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        import archive.api.admin  # noqa: F401  (partners' admin lives with the API)
        import archive.api.checks  # noqa: F401  (start-up checks of the API's deployment)
        import archive.duplicates  # noqa: F401  (flags near-duplicates of new articles)
        import archive.jobs  # noqa: F401  (queues the statistics refresh after article writes)
