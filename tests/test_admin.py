"""Django admin: the catalog for superusers only, with bounded lists."""

import pytest
from django.contrib import admin
from django.urls import reverse

from inscrinet.models import User
from tests.factories import submit_dossier


@pytest.fixture
def superuser(demo):
    return User.objects.get(username="admin")


def test_every_registered_model_lists_for_a_superuser(client, superuser):
    from inscrinet.models import Session

    submit_dossier(Session.objects.first())
    client.force_login(superuser)
    for model in admin.site._registry:
        if model._meta.app_label != "inscrinet":
            continue
        url = reverse(f"admin:inscrinet_{model._meta.model_name}_changelist")
        response = client.get(url)
        assert response.status_code == 200, url


def test_a_dec_manager_cannot_use_the_admin(client, demo):
    client.force_login(User.objects.get(username="dec-limoges"))
    response = client.get(reverse("admin:inscrinet_session_changelist"))
    assert response.status_code == 302  # to the admin login: not staff


def test_dossiers_are_read_only_in_the_admin(client, superuser):
    from inscrinet.models import Session

    dossier = submit_dossier(Session.objects.first())
    client.force_login(superuser)
    assert client.get(reverse("admin:inscrinet_dossier_add")).status_code == 403
    url = reverse("admin:inscrinet_dossier_delete", args=[dossier.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
