"""Health checks answer load balancers probing by address and over plain HTTP."""

import pytest


def test_healthz_answers_whatever_the_host_and_needs_no_database(client):
    response = client.get("/healthz", HTTP_HOST="10.1.2.3")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})
    assert response["Cache-Control"].startswith("max-age=0")
    # The same unknown host is refused anywhere else.
    assert client.get("/admin/login/", HTTP_HOST="10.1.2.3").status_code == 400


@pytest.mark.django_db
def test_readyz_reports_a_reachable_migrated_database(client):
    response = client.get("/readyz", HTTP_HOST="10.1.2.3")
    assert (response.status_code, response.json()) == (200, {"status": "ok", "database": "ok", "migrations": "applied"})


@pytest.mark.django_db
def test_probes_are_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/readyz").status_code == 200
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301
