"""Helpers: the head of an establishment in the suivi service, with Django's test client."""

from django.urls import reverse

from inscrinet.actors import EtablissementAccess, SystemActor
from inscrinet.models import Etablissement
from inscrinet.services.etablissements import etablissement_password_set

SUIVI_PASSWORD = "Suivi-du-lycee-2026!"


def url(name, *args):
    return reverse(f"establishments:{name}", args=args)


def login(client, code, password=SUIVI_PASSWORD):
    return client.post(url("login"), {"code": code, "password": password})


def logged_in(client, code="0310038Y"):
    """The establishment with its suivi password already changed, logged in."""
    etablissement = Etablissement.objects.get(code=code)
    if etablissement.suivi_password_must_change:
        etablissement_password_set(
            etablissement=etablissement,
            access=EtablissementAccess.SUIVI,
            raw_password=SUIVI_PASSWORD,
            actor=SystemActor(name="test"),
        )
    response = login(client, code)
    assert response["Location"] == url("menu"), response.content.decode()[:3000]
    return etablissement
