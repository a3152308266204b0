"""Every page a candidate or a school's pupil meets outside the wizard's own screens, on a
390 px phone, reached the way a person reaches it: nothing behind a sideways swipe, no
serious axe-core violation, and a screenshot for docs/screenshots (make screenshots)."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from inscrinet.models import Session
from tests.e2e.candidate import Candidate
from tests.e2e.conftest import axe_serious_violations, horizontal_swipes, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
CAP = "Certificat d'aptitude professionnelle (CAP)"


def looks_right(page, name):
    assert horizontal_swipes(page) == [], name
    assert axe_serious_violations(page) == [], name
    screenshot(page, f"{name}-mobile")


def session_home(candidate, site, academie="Toulouse"):
    page = candidate.page
    page.goto(site + "/")
    page.get_by_role("link", name="Inscription grand public").click()
    looks_right(page, "choix-examen")
    candidate.pick(CAP)
    candidate.suite()
    looks_right(page, "choix-academie")
    candidate.pick(f"Académie de {academie}")
    candidate.suite()


def test_public_pages_on_a_phone(page, site):
    page.set_viewport_size(PHONE)
    candidate = Candidate(page)
    session_home(candidate, site)
    expect(page.get_by_role("main")).to_contain_text("Les inscriptions sont ouvertes")
    looks_right(page, "session")
    candidate.pick("Modifier ou Consulter votre inscription")
    candidate.suite()
    candidate.heading("Modifier ou Consulter votre inscription")
    page.get_by_label("Numéro de dossier").fill("12")
    page.get_by_label("Date de naissance").fill("01/01/1990")
    candidate.suite_expecting_errors("consultation", "Aucun dossier de cette session")
    looks_right(page, "consultation")
    page.get_by_role("link", name="J'ai perdu mon numéro de dossier").click()
    looks_right(page, "numero-perdu")
    for link, name in (
        ("Mentions légales", "mentions-legales"),
        ("Données personnelles", "donnees-personnelles"),
        ("Accessibilité : partiellement conforme", "accessibilite"),
    ):
        page.get_by_role("contentinfo").get_by_role("link", name=link).click()
        looks_right(page, name)
    page.goto(site + "/inscription/987654/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Page non trouvée")
    looks_right(page, "erreur-404")


def test_abandon_and_expired_pages_on_a_phone(page, site):
    page.set_viewport_size(PHONE)
    candidate = Candidate(page)
    candidate.start(site, CAP, "Toulouse")
    candidate.origine()
    page.get_by_role("button", name="Abandon").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Abandonner la pré-inscription ?")
    looks_right(page, "abandon")
    page.get_by_role("link", name="Non, reprendre ma saisie").click()
    candidate.heading("État civil")
    # The session cookie lost (another day, a cleaned browser): the next Suite says so.
    kept = [c for c in page.context.cookies() if c["name"] != "sessionid"]
    page.context.clear_cookies()
    page.context.add_cookies(kept)
    candidate.suite()
    expect(page.get_by_role("main")).to_contain_text("expiré")
    looks_right(page, "saisie-expiree")


def test_closed_and_unavailable_sessions_on_a_phone(page, site):
    page.set_viewport_size(PHONE)
    candidate = Candidate(page)
    limoges = Session.objects.get(exam__code="CAP", academie__name="Limoges")
    Session.objects.filter(pk=limoges.pk).update(locked=True)
    session_home(candidate, site, "Limoges")
    expect(page.get_by_role("main")).to_contain_text("momentanément indisponible")
    expect(page.get_by_text("Vous inscrire")).to_have_count(0)
    looks_right(page, "session-verrouillee")
    closed = timezone.now() - datetime.timedelta(hours=1)
    Session.objects.filter(pk=limoges.pk).update(
        locked=False, public_opens_at=closed - datetime.timedelta(days=30), public_closes_at=closed
    )
    page.goto(site + f"/inscription/{limoges.pk}/")  # a bookmark, after the closing
    expect(page.get_by_role("main")).to_contain_text("est fermé")
    looks_right(page, "session-fermee")
    page.goto(site + f"/inscription/{limoges.pk}/saisie/etat_civil/")  # a wizard tab left open
    looks_right(page, "saisie-fermee")


def test_establishment_access_on_a_phone(page, site):
    page.set_viewport_size(PHONE)
    page.goto(site + "/")
    page.get_by_role("link", name="Inscription établissement").click()
    page.get_by_label("Code établissement").fill("0310038Y")
    page.get_by_label("Mot de passe d'inscription").fill("pas le bon")
    page.get_by_role("button", name="Suite").click()
    expect(page.get_by_role("main")).to_contain_text("incorrect")
    looks_right(page, "etablissement-connexion")
    page.get_by_label("Mot de passe d'inscription").fill("Bellevue-2026")
    page.get_by_role("button", name="Suite").click()
    expect(page.get_by_role("link", name=re.compile(CAP.split(" (")[0]))).to_be_visible()
    looks_right(page, "etablissement-examens")
    page.goto(site + "/etablissement/quitter/")
    looks_right(page, "etablissement-quitter")
