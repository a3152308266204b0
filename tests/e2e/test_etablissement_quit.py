"""« Quitter » in the establishment wizard, in Chromium: the next person at the school's
computer reaches neither the wizard nor anything the pupil typed — from any screen, with
the browser's Back button too. Every page loads under the Content-Security-Policy."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.candidate import Candidate

pytestmark = pytest.mark.django_db(transaction=True)

PUPIL = {
    "civilite": "Madame",
    "birth_name": "QUITTERIE",
    "first_names": "Zoé",
    "birth_date": "03/05/2009",
    "departement": "031 - Haute-Garonne",
    "commune": "Toulouse",
    "nationality": "Française",
}
ADDRESS = {
    "residence": "En France (DOM-TOM y compris)",
    "line1": "7 rue des Tilleuls",
    "postal_code": "31000",
    "city": "TOULOUSE",
    "mobile": "0612345678",
    "email": "zoe.q@example.org",
}


def csp_violations(page):
    found = []
    page.on(
        "console",
        lambda m: found.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return found


def log_in_and_start(page, site):
    page.goto(site + "/")
    page.get_by_role("link", name="Inscription établissement").click()
    page.get_by_label("Code établissement").fill("0310038Y")
    page.get_by_label("Mot de passe d'inscription").fill("Bellevue-2026")
    page.get_by_role("button", name="Suite").click()
    page.get_by_role("link", name=re.compile("Certificat d'aptitude professionnelle")).click()
    return Candidate(page)


@pytest.mark.parametrize("screen", ["etat_civil", "adresse", "autres"])
def test_quitter_from_a_wizard_screen_leaves_nothing_for_the_next_person(page, site, screen):
    violations = csp_violations(page)
    candidate = log_in_and_start(page, site)
    candidate.origine()
    if screen in ("adresse", "autres"):
        candidate.etat_civil(PUPIL, with_error=False)
    if screen == "autres":
        candidate.adresse(ADDRESS, with_error=False)
    wizard_url = page.url
    # The design system's script runs under the policy (no inline script needed): once
    # started it marks the page (data-fr-js). Not page.wait_for_function: when it has to
    # poll, Playwright evaluates the string with eval, which the policy refuses.
    expect(page.locator("html[data-fr-js]")).to_be_attached(timeout=10_000)
    page.get_by_role("button", name="Quitter").click()
    expect(page.get_by_text("Vous avez quitté l'inscription")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("établissement")

    # The next person: Back, the wizard's address, the establishment's pages.
    page.go_back()
    expect(page.locator("body")).not_to_contain_text("QUITTERIE")
    for url in (wizard_url, site + "/etablissement/examens/"):
        page.goto(url)
        expect(page.get_by_label("Code établissement")).to_be_visible()
        expect(page.locator("body")).not_to_contain_text("QUITTERIE")
        expect(page.locator("body")).not_to_contain_text("Tilleuls")
    assert violations == []


def test_quitter_reached_by_its_address_asks_before_ending_the_access(page, site):
    candidate = log_in_and_start(page, site)
    candidate.origine()
    candidate.etat_civil(PUPIL, with_error=False)
    page.goto(site + "/etablissement/quitter/")  # a GET changes nothing by itself
    expect(page.get_by_role("heading", level=1)).to_have_text("Quitter l'inscription")
    page.get_by_role("button", name="Quitter").click()
    expect(page.get_by_text("Vous avez quitté l'inscription")).to_be_visible()
    page.goto(site + "/etablissement/examens/")
    expect(page.get_by_label("Code établissement")).to_be_visible()
