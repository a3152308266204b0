"""The candidate wizard in Chromium, by the seeds' labels (issue 3 journeys)."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.candidate import Candidate
from tests.e2e.conftest import axe_serious_violations

pytestmark = pytest.mark.django_db(transaction=True)

ACCRALL = {  # seed 004
    "civilite": "Monsieur",
    "birth_name": "ACCRALL",
    "first_names": "Dack",
    "birth_date": "28/11/2004",
    "departement": "014 - Calvados",
    "commune": "MAY-SUR-ORNE",
    "nationality": "Française",
}
TOULOUSE_ADDRESS = {
    "residence": "En France (DOM-TOM y compris)",
    "line1": "15 voie verte",
    "postal_code": "31000",
    "city": "TOULOUSE",
    "mobile": "0606060606",
    "email": "accrall@ac-rennes.fr",
}


def test_seed_004_accrall_dack_up_to_the_number(page, site):
    page.set_viewport_size({"width": 1280, "height": 900})
    candidate = Candidate(page, shots="desktop")
    candidate.start(site, "Certificat d'aptitude professionnelle (CAP)", "Toulouse")
    candidate.origine()
    candidate.etat_civil(ACCRALL)
    candidate.adresse(TOULOUSE_ADDRESS)
    candidate.autres("INDIVIDUEL SALARIE")
    candidate.etablissement("INDIV TOULOUSE (03100003)")
    candidate.resultats()
    candidate.specialite("Arts de la broderie")
    number = candidate.valider(
        "ACCRALL",
        "Dack",
        "28/11/2004",
        "014 - Calvados",
        "May-sur-Orne",
        "15 voie verte",
        "31000 TOULOUSE",
        "0606060606",
        "accrall@ac-rennes.fr",
        "INDIVIDUEL SALARIE",
        "INDIV TOULOUSE (03100003)",
        "Arts de la broderie",
        "EP2A - Mise en oeuvre",
    )
    assert number == "1 - 0"
    page.reload()  # the validation page is stable
    expect(page.locator("#numero-dossier")).to_have_text("1 - 0")


def test_limoges_candidate_born_and_living_abroad_on_a_phone(page, site):
    page.set_viewport_size({"width": 375, "height": 740})
    candidate = Candidate(page, shots="mobile")
    candidate.start(site, "Certificat d'aptitude professionnelle (CAP)", "Limoges")
    candidate.origine()
    candidate.etat_civil(
        {
            "civilite": "Madame",
            "birth_name": "Van den Berg",
            "first_names": "Anneke, Maria",
            "birth_date": "00/00/1988",
            "departement": "099 - Étranger",
            "country": "Belgique",
            "nationality": "Ressortissant(e) d'un autre pays de l'Union européenne",
        }
    )
    candidate.adresse(
        {
            "residence": "À l'étranger",
            "line1": "Rue Haute 12",
            "lieu_dit": "4000",
            "postal_code": "99999",
            "city": "BELGIQUE",
            "mobile": "+32 470 12 34 56",
            "email": "anneke@example.be",
        }
    )
    candidate.autres("AUTRE INDIVIDUEL")
    candidate.etablissement("Individuels Haute-Vienne (08700001)")
    candidate.resultats()
    candidate.specialite("Boulanger")
    number = candidate.valider("VAN DEN BERG", "00/00/1988", "Belgique", "99999 BELGIQUE", "4000")
    assert number == "1 - 0"


def test_rennes_redoublant_prefill(page, site):
    candidate = Candidate(page)
    candidate.start(site, "Certificat d'aptitude professionnelle (CAP)", "Rennes")
    candidate.origine(**{"Numéro redoublant": "R1400175", "Date de naissance": "12/03/1993"})
    candidate.heading("État civil")
    birth_name = page.get_by_label("Nom de famille")
    expect(birth_name).to_have_value("LE GALL")
    expect(birth_name).to_be_disabled()
    expect(page.get_by_label("Prénoms")).to_have_value("Erwan, Yann")
    assert axe_serious_violations(page) == []
    candidate.etat_civil(
        {
            "civilite": "Monsieur",
            "first_names": "Erwan, Yann",
            "birth_date": "12/03/1993",
            "departement": "035 - Ille-et-Vilaine",
            "commune": "Rennes",
            "nationality": "Française",
        },
        with_error=False,
    )
    expect(page.get_by_label(re.compile(r"^\s*Adresse\s+numéro"))).to_have_value(
        "4 rue de Saint-Malo"
    )
    page.get_by_label(re.compile(r"^\s*Code postal")).fill("35000")
    candidate.suite()
    candidate.autres("AUTRE INDIVIDUEL", with_error=False)
    candidate.etablissement("INDIV RENNES (03500001)", with_error=False)
    candidate.resultats(with_error=False)
    candidate.specialite("Boulanger", with_error=False)
    assert candidate.valider("LE GALL", "Erwan, Yann", "12/03/1993") == "1 - 0"


def test_pupil_registers_through_lyc_bellevue(page, site):
    page.goto(site + "/")
    page.get_by_role("link", name="Inscription établissement").click()
    page.get_by_label("Code établissement").fill("0310038Y")
    page.get_by_label("Mot de passe d'inscription").fill("Bellevue-2026")
    assert axe_serious_violations(page) == []
    page.get_by_role("button", name="Suite").click()
    page.get_by_role("link", name=re.compile("Certificat d'aptitude professionnelle")).click()
    candidate = Candidate(page)
    candidate.origine()
    candidate.etat_civil(
        {
            "civilite": "Madame",
            "birth_name": "MARTIN",
            "first_names": "Léa",
            "birth_date": "14/02/2009",
            "departement": "031 - Haute-Garonne",
            "commune": "Toulouse",
            "nationality": "Française",
        },
        with_error=False,
    )
    candidate.adresse({**TOULOUSE_ADDRESS, "email": "lea.martin@example.org"}, with_error=False)
    expect(page.get_by_text("Inscription depuis l'établissement LYC BELLEVUE")).to_be_visible()
    candidate.autres("SCOLAIRE", with_error=False)
    candidate.resultats(with_error=False)  # no establishment screen: it is fixed (E2)
    candidate.specialite("Arts de la broderie", with_error=False)
    assert candidate.valider("LYC BELLEVUE (0310038Y)", "CCF") == "1 - 0"
    page.get_by_role("button", name="Quitter").click()
    expect(page.get_by_text("Vous avez quitté l'inscription")).to_be_visible()


def test_retour_keeps_typed_data_and_abandon_discards(page, site):
    candidate = Candidate(page)
    candidate.start(site, "Certificat d'aptitude professionnelle (CAP)", "Toulouse")
    candidate.origine()
    page.get_by_label("Nom de famille").fill("DUPONT")
    page.get_by_label("Prénoms").fill("Jeanne")
    page.get_by_role("button", name="Retour").click()
    candidate.heading("Origine session précédente")
    candidate.suite()
    expect(page.get_by_label("Nom de famille")).to_have_value("DUPONT")
    expect(page.get_by_label("Prénoms")).to_have_value("Jeanne")
    expect(page.locator("#resume-erreurs")).to_have_count(0)
    page.get_by_role("button", name="Abandon").click()
    candidate.heading("Abandonner la pré-inscription ?")
    assert axe_serious_violations(page) == []
    page.get_by_role("button", name="Oui, abandonner").click()
    expect(page.get_by_text("Votre pré-inscription a été abandonnée")).to_be_visible()
    page.go_back()
    page.go_back()
    page.reload()
    expect(page.get_by_role("heading", level=1)).not_to_contain_text("État civil")


def test_captcha_after_four_failed_g4_lookups(page, site):
    candidate = Candidate(page)
    candidate.start(site, "Certificat d'aptitude professionnelle (CAP)", "Rennes")
    for _ in range(4):
        page.get_by_label("Numéro redoublant").fill("R1400175")
        page.get_by_label("Date de naissance").fill("01/01/1990")
        candidate.suite()
        expect(page.locator("#resume-erreurs")).to_contain_text(
            "Aucune inscription antérieure ne correspond"
        )
    expect(page.get_by_label(re.compile("Recopiez le code de vérification"))).to_be_visible()
    expect(page.get_by_role("link", name="Écouter le code (en français)")).to_be_visible()
    assert axe_serious_violations(page) == []


def test_commune_suggestions_while_typing(page, site):
    candidate = Candidate(page)
    candidate.start(site, "Certificat d'aptitude professionnelle (CAP)", "Toulouse")
    candidate.origine()
    page.get_by_label("Département de naissance").select_option(label="014 - Calvados")
    page.get_by_label("Commune de naissance").press_sequentially("May-su")
    expect(page.locator("#communes-suggestions option[value='May-sur-Orne']")).to_have_count(1)
