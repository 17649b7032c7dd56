"""Editors manage partners in the admin: keys made there are shown once, and requests per day are visible."""

import pytest
from django.contrib.auth.models import User

from archive.models import PartnerAPIKey
from tests.factories import make_partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    # No password: hashing one costs more than the whole test.
    client.force_login(User.objects.create(username="boss", is_staff=True, is_superuser=True))
    return client


def test_partner_list_shows_requests_per_day(admin_client, api_client, partner_key):
    partner, _ = partner_key
    for _ in range(4):
        api_client.get("/api/v1/tags/")
    page = admin_client.get("/admin/archive/partner/").content.decode()
    assert partner.name in page and '<td class="field-requests_today">4</td>' in page
    detail = admin_client.get(f"/admin/archive/partner/{partner.pk}/change/").content.decode().lower()
    assert "requests per day" in detail and PartnerAPIKey.objects.get(partner=partner).prefix.lower() in detail


def test_creating_a_key_in_the_admin_shows_it_once(admin_client):
    partner, _ = make_partner()
    response = admin_client.post(
        "/admin/archive/partner/", {"action": "create_key", "_selected_action": [partner.pk]}, follow=True
    )
    message = next(str(m) for m in response.context["messages"] if "New key" in str(m))
    key = message.split(": ", 1)[1].split(" ")[0]
    newest = PartnerAPIKey.objects.filter(partner=partner).order_by("-created").first()
    assert key.startswith(newest.prefix + ".") and newest.is_valid(key)
    assert key not in admin_client.get(f"/admin/archive/partner/{partner.pk}/change/").content.decode()


def test_revoking_from_the_admin(admin_client, api_client, partner_key):
    partner, _ = partner_key
    admin_client.post("/admin/archive/partner/", {"action": "revoke_keys", "_selected_action": [partner.pk]})
    assert api_client.get("/api/v1/tags/").status_code == 401
    # The feed's events are there to read, not to edit.
    page = admin_client.get("/admin/archive/changeevent/")
    assert page.status_code == 200 and admin_client.get("/admin/archive/changeevent/add/").status_code == 403


def _partner_client(client, *permissions):
    from django.contrib.auth.models import Permission

    user = User.objects.create(username=f"staff-{'-'.join(permissions)}", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="archive", codename__in=permissions))
    client.force_login(user)
    return client


def test_an_editor_neither_sees_nor_can_post_the_key_actions(client, partner_key):
    from tests.factories import make_user

    partner, _ = partner_key
    client.force_login(make_user("edith", group="Editors"))
    page = client.get("/admin/archive/partner/")
    assert page.status_code == 200 and partner.name in page.content.decode()  # the editor may still view partners
    assert "create_key" not in page.content.decode() and "revoke_keys" not in page.content.decode()
    keys = set(PartnerAPIKey.objects.values_list("pk", "revoked"))
    for action in ("create_key", "revoke_keys"):
        response = client.post("/admin/archive/partner/", {"action": action, "_selected_action": [partner.pk]})
        assert response.status_code in (200, 302, 403)
    assert set(PartnerAPIKey.objects.values_list("pk", "revoked")) == keys  # no key made, none revoked


def test_the_change_permission_on_partners_grants_the_key_actions(client, partner_key):
    partner, _ = partner_key
    staff = _partner_client(client, "view_partner", "change_partner")
    page = staff.get("/admin/archive/partner/").content.decode()
    assert 'value="create_key"' in page and 'value="revoke_keys"' in page
    staff.post("/admin/archive/partner/", {"action": "create_key", "_selected_action": [partner.pk]})
    assert PartnerAPIKey.objects.filter(partner=partner).count() == 2
    staff.post("/admin/archive/partner/", {"action": "revoke_keys", "_selected_action": [partner.pk]})
    assert not PartnerAPIKey.objects.filter(partner=partner, revoked=False).exists()
