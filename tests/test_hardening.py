"""Headers and sessions: CSP without inline script, Permissions-Policy, no-store on every
page that shows personal data, the idle timeout, the admin's configurable address, and
bidirectional controls removed from what is printed."""

import time

import pytest
from django.urls import reverse

from inscrinet.middleware import LAST_SEEN_KEY
from inscrinet.models import DossierVersion
from tests.candidates.journey import ACCRALL, Walker

pytestmark = pytest.mark.django_db


def test_every_page_has_a_csp_without_inline_script_and_a_permissions_policy(client, demo):
    response = client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert "'self'" in script_src and "unsafe-inline" not in script_src
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert "camera=()" in response["Permissions-Policy"]
    assert "<script>" not in response.content.decode()  # no inline script in the layout


def test_wizard_screens_recapitulatif_and_dossier_pages_are_never_cached(client, toulouse):
    walker = Walker(client, toulouse)
    walker.walk({k: v for k, v in ACCRALL.items() if k != "recapitulatif"}, until="epreuves")
    for step in ("etat_civil", "adresse", "recapitulatif"):
        response = client.get(walker.url(step))
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"], step
    validated = walker.post("recapitulatif")
    page = client.get(validated.url)
    assert "no-store" in page["Cache-Control"]
    dossier = reverse("candidates:dossier", args=[toulouse.pk, 1])
    assert "no-store" in client.get(dossier)["Cache-Control"]


def test_an_hour_without_activity_ends_the_session_and_says_so(client, toulouse, settings):
    walker = Walker(client, toulouse)
    walker.walk({k: ACCRALL[k] for k in ("origine", "etat_civil")}, until="etat_civil")
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - settings.INSCRINET_IDLE_TIMEOUT - 5
    session.save()
    response = walker.post("adresse", ACCRALL["adresse"])
    page = response.content.decode()
    assert "Votre saisie a expiré" in page
    assert "Votre session a expiré après une heure sans activité" in page
    assert "ACCRALL" not in client.get(walker.url("etat_civil"), follow=True).content.decode()


def test_activity_within_the_hour_keeps_the_session(client, toulouse, settings):
    walker = Walker(client, toulouse)
    walker.walk({k: ACCRALL[k] for k in ("origine", "etat_civil")}, until="etat_civil")
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - settings.INSCRINET_IDLE_TIMEOUT + 60
    session.save()
    assert walker.post("adresse", ACCRALL["adresse"]).status_code == 302


def test_bidirectional_controls_never_reach_a_version(client, toulouse):
    journey = dict(ACCRALL)
    journey["etat_civil"] = {**ACCRALL["etat_civil"], "birth_name": "\u202eLLARCCA\u202c"}
    journey["adresse"] = {**ACCRALL["adresse"], "line1": "15 \u2067voie\u2069 verte\u200f"}
    Walker(client, toulouse).walk(journey)
    snapshot = DossierVersion.objects.get().snapshot
    text = repr(snapshot)
    for control in ("\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067"):
        assert control not in text
    assert "LLARCCA" in text and "15 voie verte" in text


def test_a_field_made_only_of_controls_is_still_required(client, toulouse):
    walker = Walker(client, toulouse)
    walker.post("origine", {})
    response = walker.post("etat_civil", {**ACCRALL["etat_civil"], "birth_name": "\u202e\u202c"})
    assert response.status_code == 200
    assert "Ce champ est obligatoire" in response.content.decode()


def test_the_admin_address_is_configurable():
    import subprocess
    import sys

    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='inscrinet.settings.test';"
        "django.setup(); from django.urls import reverse; print(reverse('admin:index'))"
    )
    env = {"INSCRINET_ADMIN_URL": "gestion-9f3k/", "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "/gestion-9f3k/", out.stderr


@pytest.mark.parametrize(
    "path, length, refused",
    [
        ("/compte/inscriptions/1/1/justificatifs/", 7 * 1024 * 1024, True),
        ("/compte/inscriptions/1/1/justificatifs/", 5 * 1024 * 1024, False),
        ("/suivi/eleves/1/importer/", 4 * 1024 * 1024, True),
        ("/gestion/chargements/", 50 * 1024 * 1024, False),
    ],
)
def test_a_body_larger_than_its_page_allows_is_refused_unread(client, demo, path, length, refused):
    response = client.post(
        path, b"", content_type="application/octet-stream", CONTENT_LENGTH=str(length)
    )
    assert (response.status_code == 413) is refused
    if refused:
        assert "Fichier trop volumineux" in response.content.decode()
