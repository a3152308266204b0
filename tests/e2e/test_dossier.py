"""After validation, in Chromium (issue 5): consult by number and birth date, print and
download the documents, modify into « 1 - 1 », ask for a lost number."""

import io
import re

import pytest
from django.test import Client
from playwright.sync_api import expect
from pypdf import PdfReader

from inscrinet.models import Session
from tests.candidates.journey import ACCRALL, Walker
from tests.e2e.candidate import Candidate
from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

MODIFICATION_SCREENS = [
    "Origine session précédente",
    "État civil",
    "Adresse et contacts",
    "Autres données",
    "Établissement",
    "Communication des résultats",
    "Spécialité",
    "Diplômes ou titres possédés",
    "Saisie des acquis",
    "Bilan des acquis",
    "Inscription aux épreuves",
]


def pdf_text(content: bytes) -> str:
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)


def open_consultation(candidate, site):
    page = candidate.page
    page.goto(site + "/")
    page.get_by_role("link", name="Inscription grand public").click()
    candidate.pick("Certificat d'aptitude professionnelle (CAP)")
    candidate.suite()
    candidate.pick("Académie de Toulouse")
    candidate.suite()
    candidate.pick("Modifier ou Consulter votre inscription")
    candidate.suite()
    candidate.heading("Modifier ou Consulter votre inscription")


def test_consult_print_modify_and_lost_number(page, site):
    toulouse = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    Walker(Client(), toulouse).walk(ACCRALL)  # seed 004's dossier, validated elsewhere: 1 - 0
    page.set_viewport_size({"width": 1280, "height": 900})
    candidate = Candidate(page, shots="desktop")

    open_consultation(candidate, site)
    page.get_by_label("Numéro de dossier").fill("1")
    page.get_by_label("Date de naissance").fill("01/01/1990")
    candidate.suite_expecting_errors(
        "consultation", "Aucun dossier de cette session ne correspond à ce numéro"
    )
    screenshot(page, "consultation-desktop")
    page.get_by_label("Date de naissance").fill("28/11/2004")
    candidate.suite()
    candidate.heading("Votre dossier n° 1 - 0")
    expect(page.get_by_role("table", name="Versions du dossier")).to_contain_text("1 - 0")
    candidate.check_screen("dossier")
    screenshot(page, "dossier-desktop")
    page.set_viewport_size({"width": 390, "height": 844})  # the same page on a phone
    candidate.check_screen("dossier on a phone")
    screenshot(page, "dossier-mobile")
    page.set_viewport_size({"width": 1280, "height": 900})

    # « Imprimer »: the récapitulatif opens as a PDF; the confirmation downloads.
    recap_href = page.get_by_role("link", name="Imprimer le récapitulatif").get_attribute("href")
    recap = page.request.get(site + recap_href)
    assert recap.headers["content-type"] == "application/pdf"
    assert "Récapitulatif de votre pré-inscription" in pdf_text(recap.body())
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger la confirmation d'inscription").click()
    assert download.value.suggested_filename == f"confirmation-{toulouse.pk}-1-0.pdf"
    assert "1 - 0" in pdf_text(open(download.value.path(), "rb").read())

    page.get_by_role("link", name="Modifier").click()
    expect(page.get_by_text("Modification du dossier 1 - 0")).to_be_visible()
    for title in MODIFICATION_SCREENS:
        candidate.heading(title)
        if title == "État civil":
            expect(page.get_by_label("Nom de famille")).to_have_value("ACCRALL")
        if title == "Adresse et contacts":
            page.get_by_label("Téléphone mobile").fill("0611111111")
        candidate.suite()
    candidate.heading("Récapitulatif de votre dossier")
    expect(page.get_by_role("main")).to_contain_text("0611111111")
    page.get_by_role("button", name="Valider votre inscription").click()
    candidate.heading("Votre modification est enregistrée")
    expect(page.locator("#numero-dossier")).to_have_text("1 - 1")
    candidate.check_screen("validation of a modification")

    open_consultation(candidate, site)
    page.get_by_role("link", name="J'ai perdu mon numéro de dossier").click()
    candidate.heading("J'ai perdu mon numéro de dossier")
    candidate.check_screen("numéro perdu")
    page.get_by_label("Adresse électronique").fill("accrall@ac-rennes.fr")
    page.get_by_label("Date de naissance").fill("28/11/2004")
    page.get_by_role("button", name="Recevoir mon numéro").click()
    expect(page.get_by_text(re.compile("son numéro vient de lui être envoyé"))).to_be_visible()
