"""Regression tests of the 500s found by attacking the candidate services from outside:
each goes through the real URL and must get a French answer, never a 5xx (SQLite and
PostgreSQL in CI)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inscrinet.models import Dossier, LookupCounter
from tests.candidates.journey import ACCRALL, Walker, errors_of

pytestmark = pytest.mark.django_db


def french_page(response, status):
    assert response.status_code == status, response.status_code
    page = response.content.decode()
    assert '<html lang="fr"' in page
    return page


@pytest.mark.parametrize("birth_date", ["01/0²/2004", "²⁸/11/2004", "28/11/２００４", "١٢/11/2004"])
def test_superscript_and_foreign_digits_in_a_birth_date_are_refused_in_french(
    client, toulouse, birth_date
):
    consult = reverse("candidates:consult", kwargs={"session_pk": toulouse.pk})
    response = client.post(consult, {"number": "1", "birth_date": birth_date})
    assert "Saisissez la date de naissance sous la forme jj/mm/aaaa" in french_page(response, 200)

    lost = reverse("candidates:lost_number", kwargs={"session_pk": toulouse.pk})
    response = client.post(lost, {"email": "a@b.fr", "birth_date": birth_date})
    assert "jj/mm/aaaa" in french_page(response, 200)

    walker = Walker(client, toulouse)
    walker.post("origine", {})
    response = walker.post("etat_civil", {**ACCRALL["etat_civil"], "birth_date": birth_date})
    assert "jj/mm/aaaa" in french_page(response, 200)


def test_a_superscript_acquis_year_is_refused_in_french(client, toulouse):
    walker = Walker(client, toulouse)
    walker.walk(ACCRALL, until="diplomes")
    page = dict(ACCRALL["acquis"][0])
    page["EG1"] = {**page["EG1"], "year": "²⁰²⁰"}
    response = walker.post("acquis", page)
    french_page(response, 200)
    assert any("année d'obtention sur 4 chiffres" in e for e in errors_of(response))


def test_nul_bytes_never_reach_the_database(client, toulouse):
    lost = reverse("candidates:lost_number", kwargs={"session_pk": toulouse.pk})
    response = client.post(lost, {"email": "a\x00@b.fr", "birth_date": "01/01/2000"})
    french_page(response, 200)
    login = reverse("candidates:etablissement_login")
    response = client.post(login, {"code": "0310\x00038Y", "password": "x"})
    french_page(response, 200)
    response = client.get(reverse("candidates:communes"), {"departement": "0\x001", "q": "a\x00b"})
    assert response.status_code == 200 and response.json() == {"communes": []}
    assert all("\x00" not in key for key in LookupCounter.objects.values_list("key", flat=True))


def test_a_very_long_lost_number_email_does_not_overflow_the_counters(client, toulouse):
    lost = reverse("candidates:lost_number", kwargs={"session_pk": toulouse.pk})
    for email in ("a" * 240 + "@exemple.fr", "a" * 300 + "@exemple.fr"):
        response = client.post(lost, {"email": email, "birth_date": "01/01/2000"})
        assert response.status_code in (200, 302)
    assert max(len(k) for k in LookupCounter.objects.values_list("key", flat=True)) <= 200


def test_a_file_part_on_a_wizard_screen_is_ignored(client, toulouse):
    walker = Walker(client, toulouse)
    walker.post("origine", {})
    payload = {f"{walker.prefix}-current_step": "etat_civil"}
    payload |= {f"etat_civil-{k}": v for k, v in ACCRALL["etat_civil"].items()}
    payload["etat_civil-photo"] = SimpleUploadedFile("x.pdf", b"%PDF-1.4", "application/pdf")
    response = client.post(walker.url("etat_civil"), payload)
    assert response.status_code == 302
    assert response.url == walker.url("adresse")


@pytest.mark.parametrize(
    "tampered", ["../../admin", "recapitulatif\x00", "", "x" * 500, "acquis", "bilan"]
)
def test_a_tampered_current_step_goes_back_to_the_current_screen(client, toulouse, tampered):
    walker = Walker(client, toulouse)
    walker.post("origine", {})
    response = client.post(walker.url("etat_civil"), {f"{walker.prefix}-current_step": tampered})
    assert response.status_code in (200, 302)
    assert Dossier.objects.count() == 0


@pytest.mark.parametrize("charset", ["latin-1", "x-unknown-charset", "utf-16"])
def test_an_odd_request_charset_gets_a_french_page(client, toulouse, charset):
    url = reverse("candidates:consult", kwargs={"session_pk": toulouse.pk})
    response = client.generic(
        "POST",
        url,
        b"number=1&birth_date=01%2F01%2F2000",
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert response.status_code < 500
    assert '<html lang="fr"' in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/inscription/99999999999999999999/dossier/1/",
        "/inscription/1/dossier/99999999999999999999/",
        "/inscription/1/dossier/1/99999999999999999999/confirmation.pdf",
        "/inscription/99999999999999999999/",
        "/inscription/99999999999999999999/saisie/origine/",
        "/inscription/9223372036854775808/consulter/",
    ],
)
def test_numbers_beyond_64_bits_in_urls_are_404(client, demo, path):
    page = french_page(client.get(path), 404)
    assert "Page non trouvée" in page


def test_every_error_page_is_french_and_in_the_layout(client, demo, settings):
    page = french_page(client.get("/nulle-part/"), 404)
    assert "Page non trouvée" in page and "Retour à l'accueil" in page
    page = french_page(client.post(reverse("home")), 405)
    assert "Action impossible sur cette page" in page
    csrf_client = type(client)(enforce_csrf_checks=True)
    page = french_page(csrf_client.post(reverse("candidates:etablissement_login")), 403)
    assert "Formulaire expiré" in page


def test_a_bad_request_gets_the_french_400_page(client, demo):
    page = french_page(client.get("/", HTTP_HOST="pirate.example"), 400)
    assert "Requête incorrecte" in page


def test_a_crash_gets_the_french_500_page_in_the_layout(demo, monkeypatch):
    from django.test import Client

    def crash(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("inscrinet.selectors.session_periods", crash)
    response = Client(raise_request_exception=False).get(reverse("periods"))
    page = french_page(response, 500)
    assert "Erreur du site" in page and "Périodes d'inscription" in page  # the header


def test_the_500_page_falls_back_to_plain_french_when_the_layout_fails(rf, monkeypatch):
    from inscrinet import errors

    def broken(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(errors, "render_to_string", broken)
    response = errors.server_error(rf.get("/"))
    assert response.status_code == 500
    assert '<html lang="fr">' in response.content.decode()
    assert "Erreur du site" in response.content.decode()
