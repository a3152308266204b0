"""Every URL of the suivi service, tried with another establishment's ids: 404, and
nothing changes. A new URL taking an id must be added here (the test checks it is)."""

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver

from inscrinet.models import ConfirmationBatch, Dossier, Etablissement, Session, Specialty
from tests.establishments.suivi import logged_in, url
from tests.factories import submit_dossier

pytestmark = pytest.mark.django_db


@pytest.fixture
def foreign(demo):
    """What belongs to LYC PRO GALLIENI (0310044E), in LYC BELLEVUE's académie."""
    toulouse = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    galliéni = Etablissement.objects.get(code="0310044E")
    dossier = submit_dossier(toulouse, birth_name="GALLIENI", etablissement=galliéni)
    batch = ConfirmationBatch.objects.create(
        etablissement=galliéni, specialty=dossier.specialty, total=1
    )
    # A session of another académie (C10's pupil pages take a session's id).
    rennes = Session.objects.filter(academie__name="Rennes").first()
    return {"dossier": dossier, "batch": batch, "session": rennes}


def id_patterns():
    """(name, route) of the suivi URLs that take ids."""
    resolver = get_resolver()
    found = []
    for pattern in resolver.url_patterns:
        if getattr(pattern, "app_name", None) == "establishments":
            for p in pattern.url_patterns:
                if isinstance(p, URLPattern) and "<id:" in str(p.pattern):
                    found.append(p.name)
    return found


def foreign_urls(foreign):
    dossier, batch = foreign["dossier"], foreign["batch"]
    return {
        "dossier": [url("dossier", dossier.pk)],
        "document": [
            url("document", dossier.pk, 0, kind) for kind in ("confirmation", "recapitulatif")
        ],
        "print_batch": [url("print_batch", batch.pk)],
        "print_download": [url("print_download", batch.pk)],
        "print_state": [url("print_state", batch.pk)],
        **{
            name: [url(name, foreign["session"].pk)]
            for name in ("pupils_import", "pupil_add", "pupil_slips")
        },
    }


def test_every_url_with_an_id_is_a_404_with_another_establishments_ids(client, foreign):
    urls = foreign_urls(foreign)
    assert sorted(urls) == sorted(id_patterns())
    logged_in(client)
    for paths in urls.values():
        for path in paths:
            assert client.get(path).status_code == 404, path
            assert client.post(path).status_code in (404, 405), path


def test_every_form_with_an_id_refuses_another_establishments(client, foreign):
    logged_in(client)
    dossier = foreign["dossier"]
    foreign_specialty = Specialty.objects.get(pk=dossier.specialty_id)
    # Bellevue has no pupil in that specialty: choosing it is unknown here.
    assert client.post(url("print"), {"specialite": foreign_specialty.pk}).status_code == 404
    for params in ({"specialite": foreign_specialty.pk}, {"specialite": "x"}, {}):
        assert client.get(url("list", "specialite"), params).status_code == 404
    for posted in ({"dossier": [dossier.pk]}, {"dossier": [dossier.pk], "confirmer": "1"}):
        assert client.post(url("cancellations"), posted).status_code == 404
    assert Dossier.objects.get(pk=dossier.pk).state == "pre_inscrit"
    assert ConfirmationBatch.objects.count() == 1
    # And nobody logged in gets anything but the login page.
    stranger = Client()
    for paths in foreign_urls(foreign).values():
        for path in paths:
            assert stranger.get(path)["Location"].startswith(url("login"))


@pytest.mark.parametrize(
    "value", ["99999999999999999999999", "-1", "1e3", " 1", "0x10", "１", "", "\x00"]
)
def test_ids_typed_in_forms_past_what_a_database_stores_are_404(client, demo, value):
    logged_in(client)
    assert client.post(url("cancellations"), {"dossier": [value]}).status_code == 404
    assert client.get(url("list", "specialite"), {"specialite": value}).status_code == 404
    assert client.post(url("print"), {"specialite": value}).status_code == 404
