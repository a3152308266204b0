"""The suivi établissement in Chromium, with seed 003's labels: the head of LYC BELLEVUE
logs in and changes the default password, answers the section européenne question,
opens the service; a pupil registers from the school and is asked the question; the
head finds the pupil in each list, cancels, reactivates and prints the specialty's
confirmations. axe-core finds no serious violation on any page of the service."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from inscrinet.models import Dossier, Etablissement
from tests.e2e.candidate import Candidate
from tests.e2e.conftest import axe_serious_violations, horizontal_swipes, screenshot
from tests.support.tasks import run_worker

pytestmark = pytest.mark.django_db(transaction=True)

NEW_PASSWORD = "Le suivi du lycée Bellevue 2027"
PUPIL = {
    "civilite": "Madame",
    "birth_name": "Fontaine",
    "first_names": "Jeanne",
    "birth_date": "08/03/2007",
    "departement": "031 - Haute-Garonne",
    "commune": "Toulouse",
    "nationality": "Française",
}
ADDRESS = {
    "residence": "En France (DOM-TOM y compris)",
    "line1": "5 allée des Pins",
    "postal_code": "31000",
    "city": "TOULOUSE",
    "mobile": "0611223344",
    "email": "jeanne.fontaine@example.org",
}
MCV = "Métiers du commerce et de la vente"


def looks_right(page, name):
    assert axe_serious_violations(page) == [], name
    if page.viewport_size["width"] < 500:
        assert horizontal_swipes(page) == [], name
    screenshot(page, f"suivi-{name}")


def menu_link(page, label):
    page.get_by_role("navigation", name="Fonctions du service établissement").get_by_role(
        "link", name=label
    ).click()


def head_logs_in_for_the_first_time(page, site):
    page.goto(site + "/")
    page.get_by_role("link", name="Suivi établissement").click()
    looks_right(page, "connexion")
    page.get_by_label("Code établissement").fill("0310038Y")
    page.get_by_label("Mot de passe du suivi").fill("0310038Y")  # the default: the code
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Changer le mot de passe pour le suivi"
    )
    page.get_by_label(re.compile(r"^\s*Nouveau mot de passe")).fill("trop court")
    page.get_by_label("Confirmation du nouveau mot de passe").fill("trop court")
    page.get_by_role("button", name="Valider").click()
    expect(page.locator("#resume-erreurs")).to_contain_text("au moins 12 caractères")
    looks_right(page, "premier-mot-de-passe")
    page.get_by_label(re.compile(r"^\s*Nouveau mot de passe")).fill(NEW_PASSWORD)
    page.get_by_label("Confirmation du nouveau mot de passe").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Valider").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Service Établissement")
    looks_right(page, "menu")


def pupil_registers_in_section_europeenne(pupil_page, site):
    pupil_page.goto(site + "/etablissement/")
    pupil_page.get_by_label("Code établissement").fill("0310038Y")
    pupil_page.get_by_label("Mot de passe d'inscription").fill("Bellevue-2026")
    pupil_page.get_by_role("button", name="Suite").click()
    pupil_page.get_by_role("link", name=re.compile("Baccalauréat professionnel")).click()
    candidate = Candidate(pupil_page)
    candidate.origine()
    candidate.etat_civil(PUPIL, with_error=False)
    candidate.adresse(ADDRESS, with_error=False)
    candidate.autres("SCOLAIRE", with_error=False)
    candidate.resultats(with_error=False)
    candidate.heading("Spécialité")
    pupil_page.get_by_label("Spécialité", exact=True).select_option(label=MCV)
    candidate.answer("Demandez-vous une dérogation à la forme de passage ?", "Non")
    candidate.answer("Êtes-vous inscrit(e) en section européenne ?", "Oui")  # S2: OUI
    candidate.suite()
    candidate.diplomes()
    candidate.epreuves({"E4 : Langues vivantes — option": "Anglais"})
    return candidate.valider("FONTAINE", "Section européenne")


def test_the_head_of_lyc_bellevue_follows_cancels_and_prints(page, site, browser):
    Etablissement.objects.filter(code="0310038Y").update(
        inscription_open=False, sections_europeennes=""
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    head_logs_in_for_the_first_time(page, site)

    expect(page.get_by_role("main")).to_contain_text("avant d'ouvrir le service d'inscription")
    menu_link(page, "Sections européennes (BCP uniquement)")
    page.get_by_role("button", name="Suite").click()
    expect(page.locator("#resume-erreurs")).to_contain_text(
        "Vous devez indiquer si OUI ou NON vous gérez des sections européennes."
    )
    Candidate(page).pick("OUI")
    looks_right(page, "sections-europeennes")
    page.get_by_role("button", name="Suite").click()
    menu_link(page, "Fermer / ouvrir le service d'inscription")
    looks_right(page, "service")
    page.get_by_role("button", name="Ouvrir le service d'inscription").click()
    expect(page.get_by_role("main")).to_contain_text("est ouvert")

    pupil_page = browser.new_context().new_page()
    number = pupil_registers_in_section_europeenne(pupil_page, site)
    pupil_page.context.close()
    dossier = Dossier.objects.get(birth_name="FONTAINE")
    assert number == f"{dossier.number} - 0"
    listed = f"{dossier.number}-0"

    menu_link(page, "Liste des candidats pré-inscrits")
    looks_right(page, "listes")
    titles = [
        "Liste par ordre alphabétique des candidats",
        "Liste par ordre alphabétique des candidats pré-inscrits en section européenne",
        "Liste pour une spécialité",
        "Liste pour toutes les spécialités",
        "Liste par spécialité et forme de passage",
    ]
    for title in titles:
        form = page.locator("form").filter(has=page.get_by_text(title, exact=True))
        specialty = form.get_by_role("combobox", name="Spécialité")
        if specialty.count():
            specialty.select_option(label=f"{MCV} (BCP)")
        form.get_by_role("button", name="Afficher").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(title)
        table = page.get_by_role("table")
        expect(table).to_contain_text(listed)
        expect(table).to_contain_text("FONTAINE - Jeanne")
        looks_right(page, f"liste-{titles.index(title) + 1}")
        page.get_by_role("link", name="Retour").click()
    page.get_by_role("link", name="Retour").click()

    menu_link(page, "Validation / Annulation d'une pré-inscription")
    looks_right(page, "annulations")
    row = page.get_by_role("row").filter(has_text="FONTAINE - JEANNE")
    row.locator("label").click()
    page.get_by_role("button", name="Valider").click()
    expect(page.locator("#changements")).to_contain_text("sera annulée")
    looks_right(page, "annulations-confirmation")
    page.get_by_role("button", name="Confirmer").click()
    expect(page.get_by_role("row").filter(has_text="FONTAINE - JEANNE")).to_contain_text(
        "Annulé par l'établissement"
    )
    page.get_by_role("row").filter(has_text="FONTAINE - JEANNE").locator("label").click()
    page.get_by_role("button", name="Valider").click()
    expect(page.locator("#changements")).to_contain_text("sera réactivée")
    page.get_by_role("button", name="Confirmer").click()
    expect(page.get_by_role("row").filter(has_text="FONTAINE - JEANNE")).to_contain_text(
        "Pré-inscrit"
    )
    assert dossier.transitions.exclude(from_state="").count() == 2
    page.get_by_role("link", name="Retour").click()

    menu_link(page, "Impression de confirmations")
    looks_right(page, "impression")
    page.get_by_label("Liste des spécialités :").select_option(label=f"{MCV} (BCP)")
    page.get_by_role("button", name="Imprimer").click()
    expect(page.locator("progress")).to_be_visible()
    looks_right(page, "impression-en-cours")
    run_worker()  # the task worker, as `make demo` runs beside the server
    # The page follows the task by itself and offers the download once ready.
    ready = page.get_by_role("link", name="Télécharger les confirmations (PDF)")
    expect(ready).to_be_visible(timeout=15000)
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger les confirmations (PDF)").click()
    pdf = PdfReader(io.BytesIO(open(download.value.path(), "rb").read()))
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert number in text and "FONTAINE" in text
    looks_right(page, "impression-prete")
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Suivi établissement")


def test_every_page_of_the_service_on_a_phone(page, site):
    """LYC BELLEVUE's demo pupils, every page at 390 px: no sideways swipe, axe clean."""
    from inscrinet.actors import EtablissementAccess, SystemActor
    from inscrinet.services.demo_pupils import demo_pupils_load
    from inscrinet.services.etablissements import etablissement_password_set

    demo_pupils_load()
    etablissement_password_set(
        etablissement=Etablissement.objects.get(code="0310038Y"),
        access=EtablissementAccess.SUIVI,
        raw_password=NEW_PASSWORD,
        actor=SystemActor(name="test"),
    )
    Etablissement.objects.filter(code="0310038Y").update(sections_europeennes="oui")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site + "/suivi/")
    page.get_by_label("Code établissement").fill("0310038Y")
    page.get_by_label("Mot de passe du suivi").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    looks_right(page, "menu-mobile")
    for label, name in (
        ("Sections européennes (BCP uniquement)", "sections-europeennes-mobile"),
        ("Fermer / ouvrir le service d'inscription", "service-mobile"),
        ("Changer le mot de passe pour le service d'inscription", "mot-de-passe-mobile"),
        ("Liste des candidats pré-inscrits", "listes-mobile"),
    ):
        menu_link(page, label)
        looks_right(page, name)
        if label != "Liste des candidats pré-inscrits":
            page.get_by_role("link", name="Retour").click()
    page.locator("form").filter(
        has=page.get_by_text("Liste pour toutes les spécialités", exact=True)
    ).get_by_role("button", name="Afficher").click()
    expect(page.get_by_role("table")).to_contain_text("DUBOIS - Hugo")
    looks_right(page, "liste-mobile")
    page.get_by_role("link", name=re.compile(r"^\d+-0$")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dossier n°")
    looks_right(page, "dossier-mobile")
    page.goto(site + "/suivi/annulations/")
    looks_right(page, "annulations-mobile")
    page.get_by_role("row").filter(has_text="MARTIN - LÉA").locator("label").click()
    page.get_by_role("button", name="Valider").click()
    looks_right(page, "annulations-confirmation-mobile")
    page.goto(site + "/suivi/confirmations/")
    looks_right(page, "impression-mobile")
    page.get_by_role("button", name="Imprimer").click()
    expect(page.locator("progress")).to_be_visible()
    looks_right(page, "impression-en-cours-mobile")
