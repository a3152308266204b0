"""The DEC space in Chromium: the Toulouse gestionnaire logs in from the home card, opens
the grand public service of the CAP session; a candidate registers; the dossier appears in
the search and on the dashboard; the gestionnaire records « Confirmation signée reçue »;
the candidate can no longer modify the dossier. axe-core finds no serious or critical
violation on any page of the space, on a desktop and on a phone."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from inscrinet.demo_data import DEMO_PASSWORD
from inscrinet.models import Dossier, DossierState, Session
from tests.candidates.journey import ACCRALL, Walker
from tests.e2e.candidate import Candidate
from tests.e2e.conftest import looks_right_on_desktop_and_phone

pytestmark = pytest.mark.django_db(transaction=True)


def looks_right(page, name):
    looks_right_on_desktop_and_phone(page, f"gestionnaire-{name}")


def menu(page, label):
    """Click one of the space's menu links (on a phone, the menu unfolded first)."""
    nav = page.get_by_role("navigation", name="Menu de l'espace gestionnaire")
    fold = nav.get_by_role("button", name="Menu de l'espace gestionnaire")
    if fold.is_visible():
        fold.click()
    nav.get_by_role("link", name=label).click()


def test_a_gestionnaire_opens_a_service_follows_a_dossier_and_makes_it_definitive(page, site):
    toulouse = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    Session.objects.filter(pk=toulouse.pk).update(
        public_opens_at=timezone.now() + datetime.timedelta(days=1)
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site + "/")
    page.get_by_role("link", name="Gestionnaire").click()
    looks_right(page, "connexion")
    page.get_by_label("Identifiant").fill("dec-toulouse")
    page.get_by_label("Mot de passe").fill("pas le bon")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator("#resume-erreurs")).to_contain_text("Identifiant ou mot de passe incorrect")
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sessions de l'Académie de Toulouse")
    looks_right(page, "sessions")

    page.get_by_role("link", name="Paramètres de la session CAP 2").first.click()
    looks_right(page, "session")
    page.get_by_role("button", name="Ouvrir le service Inscription grand public").click()
    expect(page.locator("body")).to_contain_text("« Inscription grand public » est ouvert")

    # A candidate registers (seed 004's ACCRALL Dack) now that the service is open.
    validated = Walker(Client(), toulouse).walk(ACCRALL)
    assert "/inscription/validation/" in validated["Location"]
    dossier = Dossier.objects.get(session=toulouse)

    menu(page, "Suivi des inscriptions")
    page.get_by_label("Nom ou prénom").fill("accrall dack")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.locator("#resultats")).to_have_text("1 dossier trouvé.")
    looks_right(page, "recherche")
    page.get_by_role("link", name="CAP 2").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dossier 1 - 0")
    looks_right(page, "dossier")

    menu(page, "Sessions")
    page.get_by_role("link", name="Tableau de bord de la session CAP 2").first.click()
    expect(page.locator("#chiffres-cles")).to_contain_text("0 / 1")
    expect(page.get_by_role("table", name="Pré-inscriptions par jour")).to_contain_text(
        timezone.localdate().strftime("%d/%m/%Y")
    )
    looks_right(page, "tableau-de-bord")

    menu(page, "Suivi des inscriptions")
    page.get_by_label("Nom ou prénom").fill("ACCRALL")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("link", name="CAP 2").first.click()
    page.get_by_role("button", name="Confirmation signée reçue").click()
    expect(page.locator("#etat-dossier")).to_have_text("Inscription définitive")
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.DEFINITIF
    menu(page, "Journal")
    expect(page.get_by_role("table", name="Journal de l'académie")).to_contain_text(
        "dossier.rendre_definitif"
    )
    looks_right(page, "journal")
    menu(page, "Catalogue")
    expect(page.get_by_role("table", name="Spécialités")).to_contain_text("Arts de la broderie")
    looks_right(page, "catalogue")
    page.get_by_role("link", name="Créer une spécialité").click()
    page.get_by_label("Examen").select_option(label=toulouse.exam.label)
    page.get_by_label("Code de la spécialité").fill("LOCBRO")
    page.get_by_label("Libellé", exact=True).first.fill("Broderie d'art (académie)")
    first = page.get_by_role("group", name="Épreuve 1")
    first.get_by_label("Code", exact=True).fill("EP1")
    first.get_by_label("Libellé", exact=True).fill("Pratique")
    page.get_by_role("button", name="Enregistrer la spécialité et ses épreuves").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Spécialité CAP Broderie d'art (académie)"
    )
    looks_right(page, "catalogue-specialite")

    # On a phone the menu's nine buttons fold behind one: the page starts with its title.
    page.set_viewport_size({"width": 390, "height": 844})
    catalogue = page.get_by_role("link", name="Catalogue", exact=True)
    expect(catalogue).to_be_hidden()
    assert page.get_by_role("heading", level=1).bounding_box()["y"] < 844
    menu(page, "Sessions")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sessions de l'Académie de Toulouse")
    expect(catalogue).to_be_hidden()
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(catalogue).to_be_visible()  # on a desktop, the row of buttons as before
    # Without the DSFR script (blocked, failed), the menu stays unfolded on a phone.
    no_script = page.context.browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    no_script.add_cookies(page.context.cookies())
    bare = no_script.new_page()
    bare.goto(page.url)
    expect(bare.get_by_role("link", name="Catalogue", exact=True)).to_be_visible()
    expect(bare.get_by_role("button", name="Menu de l'espace gestionnaire")).to_be_hidden()
    no_script.close()

    # The candidate consults: « Inscription définitive », and no « Modifier » any more.
    candidate_page = page.context.browser.new_context().new_page()
    candidate_page.goto(f"{site}/inscription/{toulouse.pk}/consulter/")
    candidate_page.get_by_label("Numéro de dossier").fill("1")
    candidate_page.get_by_label("Date de naissance").fill("28/11/2004")
    Candidate(candidate_page).suite()
    expect(candidate_page.get_by_role("main")).to_contain_text("Inscription définitive")
    expect(candidate_page.get_by_role("link", name="Modifier")).to_have_count(0)
    candidate_page.context.close()
