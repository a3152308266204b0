"""The candidate wizard in Chromium, by the seeds' labels (issue 3 journeys)."""

import re

import pytest
from playwright.sync_api import expect

from tests.candidates.journey import ACCRALL_BILAN, ACCRALL_EPREUVES
from tests.e2e.candidate import Candidate
from tests.e2e.conftest import axe_serious_violations, screenshot
from tests.support.tools import require_tool

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
AUTRE_CAP = "CERTIFICAT D'APTITUDE PROFESSIONNELLE Titulaire d'un autre CAP (500 - 99999)"
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
    candidate.diplomes(AUTRE_CAP)
    kept = {"year": "2020", "place": "TOULOUSE"}
    candidate.acquis(
        "CERTIFICAT D'APTITUDE PROFESSIONNELLE Titulaire d'un autre CAP",
        {code: kept for code in ("EG1", "EG2", "EG3", "EG4")},
        error=(
            "EG2",
            "Année d'obtention",
            "2099",
            "L'année d'obtention ne peut pas être dans le futur.",
        ),
    )
    candidate.bilan(ACCRALL_BILAN)
    candidate.epreuves(
        {
            "EP2A : Mise en oeuvre — option": "Broderie machine guidée main",
            "EG4 : Langue Vivante Etrangère — option": "Allemand",
        },
        error="EP2A : Mise en oeuvre — option : Choisissez une option dans la liste.",
    )
    candidate.heading("Récapitulatif de votre dossier")
    # SPEC « Worked examples », seed 004: the table line for line.
    assert candidate.recap_epreuves() == [
        (f"{code} - {label}", position, mode, "")
        for code, label, position, mode in ACCRALL_EPREUVES
    ]
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
        "Titulaire d'un autre CAP",
    )
    assert number == "1 - 0"
    page.reload()  # the validation page is stable
    expect(page.locator("#numero-dossier")).to_have_text("1 - 0")


def test_limoges_candidate_born_and_living_abroad_on_a_phone(page, site):
    page.set_viewport_size({"width": 390, "height": 844})
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
    candidate.diplomes("BAC,BP,BT,ACCES ETUDES UNIVERSITE.. - TOUTE SPECIALITE (49Z - 90000)")
    abroad = {"year": "2008", "place": "BELGIQUE"}
    candidate.acquis(
        "BAC,BP,BT,ACCES ETUDES UNIVERSITE.. - TOUTE SPECIALITE", {"EG1": abroad, "EG2": abroad}
    )
    candidate.bilan(
        [
            ("EG1 FRANCAIS,HISTOIRE-GEO&EDUC.CIV", "DISPENSE", ""),
            ("EG2 MATH&SCIENCES PHYS. ET CHIMIQ.", "DISPENSE", ""),
        ]
    )
    candidate.epreuves(
        {
            "EFL : EPREUVE FACULTATIVE (épreuve facultative)": "NON INSCRIT",
            # Seed 001: an individual candidate of Limoges chooses one of five pairs.
            "EG3 : EDUCATION PHYSIQUE ET SPORTIVE — couple d'activités": "Sauvetage + Badminton",
        },
        error="Indiquez si vous vous inscrivez à cette épreuve.",
    )
    number = candidate.valider(
        "VAN DEN BERG", "Sauvetage + Badminton", "00/00/1988", "Belgique", "99999 BELGIQUE", "4000"
    )
    assert number == "1 - 0"


def test_progressive_candidate_answers_only_what_applies_on_a_phone(page, site):
    """Small defects 8 and 9: « Situation professionnelle » only for the specialty that asks
    it, the forme finale only with a dérogation, the EPS pair only once EG3 is chosen."""
    page.set_viewport_size({"width": 390, "height": 844})
    candidate = Candidate(page)
    candidate.start(site, "Certificat d'aptitude professionnelle (CAP)", "Toulouse")
    candidate.origine()
    candidate.etat_civil(
        {
            "civilite": "Madame",
            "birth_name": "Le Goff",
            "first_names": "Nolwenn",
            "birth_date": "14/02/1990",
            "departement": "035 - Ille-et-Vilaine",
            "commune": "St Malo",
            "nationality": "Française",
        },
        with_error=False,
    )
    candidate.adresse(
        {
            "residence": "En France (DOM-TOM y compris)",
            "line1": "3 rue des Lilas",
            "postal_code": "31500",
            "city": "Toulouse",
            "mobile": "06 12 34 56 78",
            "email": "nolwenn.legoff@example.fr",
        },
        with_error=False,
    )
    candidate.autres("AUTRE INDIVIDUEL", with_error=False)
    candidate.etablissement("INDIV TOULOUSE (03100003)", with_error=False)
    candidate.resultats(with_error=False)
    expect(page.get_by_role("main")).not_to_contain_text("Situation professionnelle")
    expect(page.get_by_role("main")).not_to_contain_text("Forme finale")
    candidate.specialite(
        "Accompagnant éducatif petite enfance", "Progressive", derogation="Oui", with_error=False
    )
    screenshot(page, "wizard-precisions-mobile")
    candidate.precisions(
        {"Situation professionnelle": "Assistant(e) maternel(le)"},
        forme_finale="Globale",
        error="Cette question est obligatoire pour la spécialité choisie.",
    )
    candidate.diplomes()
    expect(page.get_by_role("main")).not_to_contain_text("couple d'activités")
    chosen = {"EP1": "INSCRIT", "EG3": "INSCRIT"}
    candidate.epreuves(
        {
            f"{code} : {label}": chosen.get(code, "NON INSCRIT")
            for code, label in (
                ("EP1", "Accompagner le développement du jeune enfant"),
                ("EP2", "Exercer son activité en accueil collectif"),
                ("EP3", "Exercer son activité en accueil individuel"),
                ("EG1", "Français, histoire-géographie, enseignement moral et civique"),
                ("EG2", "Etude mathématique et scientifique"),
                ("EG3", "Education physique et sportive"),
                ("EG5", "Prévention, santé, environnement"),
            )
        }
    )
    screenshot(page, "wizard-epreuves_suite-mobile")
    candidate.epreuves_suite(
        {
            "EG3 : Education physique et sportive — couple d'activités": (
                "Demi-fond (3x500m) + Badminton simple"
            )
        },
        error="Choisissez deux activités d'EPS.",
    )
    number = candidate.valider(
        "LE GOFF",
        "Saint-Malo",
        "Assistant(e) maternel(le)",
        "Education physique et sportive - Demi-fond (3x500m) + Badminton simple",
    )
    assert number == "1 - 0"


def test_candidate_born_in_paris_13e_typed_as_people_type_it(page, site):
    """G5: « Paris 13e » is understood; an ambiguous name offers the communes to choose."""
    page.set_viewport_size({"width": 390, "height": 844})
    candidate = Candidate(page)
    candidate.start(site, "Certificat d'aptitude professionnelle (CAP)", "Limoges")
    candidate.origine()
    born = {
        "civilite": "Monsieur",
        "birth_name": "Nguyen",
        "first_names": "Minh",
        "birth_date": "02/09/1995",
        "departement": "050 - Manche",
        "commune": "Cherbourg",
        "nationality": "Française",
    }
    candidate.etat_civil(born, with_error=False)
    expect(page.locator("#resume-erreurs")).to_contain_text("choisissez la vôtre")
    expect(page.get_by_role("group", name="Choisissez votre commune de naissance")).to_be_visible()
    assert axe_serious_violations(page) == []
    candidate.etat_civil(
        {**born, "departement": "075 - Paris", "commune": "Paris 13e"}, with_error=False
    )
    candidate.adresse(
        {
            "residence": "En France (DOM-TOM y compris)",
            "line1": "3 rue de la Paix",
            "postal_code": "87000",
            "city": "LIMOGES",
            "mobile": "0611223344",
            "email": "minh.nguyen@example.org",
        },
        with_error=False,
    )
    candidate.autres("AUTRE INDIVIDUEL", with_error=False)
    candidate.etablissement("Individuels Haute-Vienne (08700001)", with_error=False)
    candidate.resultats(with_error=False)
    candidate.specialite("Boulanger", with_error=False)
    candidate.diplomes()
    candidate.epreuves(
        {
            "EFL : EPREUVE FACULTATIVE (épreuve facultative)": "NON INSCRIT",
            "EG3 : EDUCATION PHYSIQUE ET SPORTIVE — couple d'activités": "Sauvetage + Badminton",
        }
    )
    assert candidate.valider("NGUYEN", "Paris 13e Arrondissement") == "1 - 0"


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
    boulanger = "CAP EDUCATION NATIONALE - BOULANGER A PARTIR DE 2005 (500 - 22132)"
    candidate.diplomes(prechecked=[boulanger])
    # Seed 000: the rectorat's EG1 13/20 of 2011 in RENNES is shown, pre-ticked.
    candidate.acquis(
        "CAP EDUCATION NATIONALE - BOULANGER A PARTIR DE 2005",
        {},
        prefilled={
            "EG1": {"Année d'obtention": "2011", "Note obtenue": "13.00"},
        },
    )
    candidate.bilan([("EG1 FRANCAIS,HISTOIRE-GEO&EDUC.CIV", "BENEFICE", "13.00")])
    candidate.epreuves({"EFL : EPREUVE FACULTATIVE (épreuve facultative)": "NON INSCRIT"})
    candidate.heading("Récapitulatif de votre dossier")
    assert ("EG1 - FRANCAIS,HISTOIRE-GEO&EDUC.CIV", "Bénéfice", "", "13.00") in (
        candidate.recap_epreuves()
    )
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
    candidate.diplomes()
    candidate.epreuves(
        {
            "EP2A : Mise en oeuvre — option": "Broderie à la main",
            "EG4 : Langue Vivante Etrangère — option": "Anglais",
        }
    )
    assert candidate.valider("LYC BELLEVUE (0310038Y)", "CCF") == "1 - 0"
    page.get_by_role("button", name="Quitter").click()
    expect(page.get_by_text("Vous avez quitté l'inscription")).to_be_visible()


def test_seed_002_bts_redoublant_keeps_e1_and_e2(page, site):
    candidate = Candidate(page)
    candidate.start(site, "Brevet de technicien supérieur (BTS)", "Rennes")
    candidate.origine(**{"Numéro redoublant": "R1400210", "Date de naissance": "05/06/1990"})
    candidate.etat_civil(
        {
            "civilite": "Madame",
            "first_names": "Anne",
            "birth_date": "05/06/1990",
            "departement": "035 - Ille-et-Vilaine",
            "commune": "Rennes",
            "nationality": "Française",
        },
        with_error=False,
    )
    page.get_by_label(re.compile(r"^\s*Code postal")).fill("35000")
    candidate.suite()
    candidate.autres("AUTRE INDIVIDUEL", with_error=False)
    candidate.etablissement("INDIV RENNES (03500001)", with_error=False)
    candidate.resultats(with_error=False)
    candidate.specialite("Agencement de l'environnement architectural", with_error=False)
    bts = "BREVET DE TECHNICIEN SUPERIEUR - AGENCEM.ENVIRONNEM. ARCHITECTURAL (320 - 22402)"
    candidate.diplomes(prechecked=[bts])
    candidate.acquis(
        "BREVET DE TECHNICIEN SUPERIEUR - AGENCEM.ENVIRONNEM. ARCHITECTURAL",
        {},
        prefilled={
            "E1-": {"Année d'obtention": "2010", "Note obtenue": "12.00"},
            "E2-": {"Année d'obtention": "2010", "Note obtenue": "15.00"},
        },
        # Seed 002: a BTS grade under 10 only in forme progressive.
        error=("E1-", "Note obtenue", "8", "ne peut être conservée qu'en forme progressive"),
    )
    candidate.bilan(
        [
            ("E1- CULTURE GENERALE ET EXPRESSION", "BENEFICE", "12.00"),
            ("E2- LANGUE VIVANTE ETRANGERE", "BENEFICE", "15.00"),
        ]
    )
    candidate.epreuves({"EF1 : LANGUE VIVANTE FACULTATIVE (épreuve facultative)": "NON INSCRIT"})
    candidate.heading("Récapitulatif de votre dossier")
    rows = candidate.recap_epreuves()
    assert ("E1- CULTURE GENERALE ET EXPRESSION", "Bénéfice", "", "12.00") in rows
    assert ("E2- LANGUE VIVANTE ETRANGERE", "Bénéfice", "", "15.00") in rows
    assert candidate.valider("QUEMENER", "Anne") == "1 - 0"


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
    require_tool("espeak-ng", "espeak-ng")  # the spoken code is part of what is checked
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
