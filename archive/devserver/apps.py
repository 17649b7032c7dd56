from django.apps import AppConfig


class DevServerConfig(AppConfig):
    name = "archive.devserver"
    label = "archive_devserver"
    verbose_name = "Development server"
