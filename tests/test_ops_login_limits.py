"""Admin logins: repeated failures lock the address out, forged proxy headers do not help, CSRF holds."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def editor(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast hashing for tests
    return get_user_model().objects.create_user("editor", password=PASSWORD, is_staff=True, is_superuser=True)


def log_in(client, password, **headers):
    return client.post("/admin/login/?next=/admin/", {"username": "editor", "password": password}, **headers)


def test_an_address_is_locked_out_after_repeated_failures(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "wrong guess").status_code == 200  # the form again, with an error
    assert log_in(client, "wrong guess").status_code == 429  # the last failure allowed locks

    response = log_in(client, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # Claiming to come from elsewhere through X-Forwarded-For does not lift it: no proxy is trusted.
    assert log_in(client, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429
    # Another address is not affected.
    assert log_in(Client(REMOTE_ADDR="203.0.113.9"), PASSWORD).status_code == 302


def test_behind_a_trusted_proxy_the_forwarded_address_counts(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong guess", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert log_in(client, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429
    assert log_in(client, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.8").status_code == 302


def test_a_successful_login_resets_the_count(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "wrong guess")
    assert log_in(client, PASSWORD).status_code == 302
    client.logout()
    log_in(client, "wrong guess")
    assert log_in(client, PASSWORD).status_code == 302


def test_tests_and_scripts_can_still_log_in(client, editor):
    assert client.login(username="editor", password=PASSWORD)
    assert client.get("/admin/").status_code == 200


def test_admin_login_requires_a_csrf_token(editor):
    strict = Client(enforce_csrf_checks=True)
    assert log_in(strict, PASSWORD).status_code == 403
