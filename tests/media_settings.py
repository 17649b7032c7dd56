"""The archive's settings with uploads served by Django (tests.media_urls), for a real server in the tests."""

from project.settings import *  # noqa: F403

ROOT_URLCONF = "tests.media_urls"
