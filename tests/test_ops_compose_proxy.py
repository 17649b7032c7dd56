"""The compose deployment counts login failures by the client's address, not by the proxy's."""

from pathlib import Path

import pytest
import yaml
from django.contrib.auth import get_user_model
from django.test import Client

COMPOSE = Path(__file__).resolve().parent.parent / "docker-compose.yml"
# What gunicorn sees inside the container: Docker's bridge gateway, for every request the host's proxy sends.
GATEWAY = "172.18.0.1"
PASSWORD = "correct horse battery staple"


def web_service() -> dict:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))["services"]["web"]


def test_the_web_port_is_reachable_from_the_host_only_and_one_proxy_is_trusted():
    web = web_service()
    assert all(port.startswith("127.0.0.1:") for port in web["ports"])  # else anyone could forge X-Forwarded-For
    assert web["environment"]["TRUSTED_PROXY_COUNT"] == "1"


@pytest.mark.django_db
def test_with_the_compose_setting_one_clients_failures_do_not_lock_out_the_others(settings):
    settings.TRUSTED_PROXY_COUNT = int(web_service()["environment"]["TRUSTED_PROXY_COUNT"])
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    get_user_model().objects.create_user("editor", password=PASSWORD, is_staff=True, is_superuser=True)
    behind_proxy = Client(REMOTE_ADDR=GATEWAY)

    def log_in(password, client_address):
        return behind_proxy.post(
            "/admin/login/?next=/admin/",
            {"username": "editor", "password": password},
            # The client may send its own X-Forwarded-For; the host's proxy appends the address it saw.
            HTTP_X_FORWARDED_FOR=f"10.9.9.9, {client_address}",
        )

    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in("wrong guess", "198.51.100.7")
    assert log_in(PASSWORD, "198.51.100.7").status_code == 429  # the guesser is locked out
    assert log_in(PASSWORD, "203.0.113.9").status_code == 302  # an editor elsewhere is not
