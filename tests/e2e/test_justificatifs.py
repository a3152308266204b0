"""C8 and M6 in Chromium: ACCRALL Dack adds his three pieces in « Mes justificatifs » and
confirms; the Toulouse gestionnaire marks one « Non conforme » with a comment; the
candidate sees it on his candidature, sends a new file and confirms again; the gestionnaire
marks every piece « Conforme ». axe-core: no serious or critical violation on any page,
desktop and phone."""

import re

import pytest
from playwright.sync_api import expect

from inscrinet.demo_data import DEMO_PASSWORD
from inscrinet.models import Dossier, PieceState
from tests.candidates.test_account_candidatures import account_client, tabs_walk
from tests.candidates.test_accounts import PASSWORD
from tests.e2e.conftest import looks_right_on_desktop_and_phone
from tests.support.tasks import run_worker

pytestmark = pytest.mark.django_db(transaction=True)
PDF = b"%PDF-1.4\n1 0 obj<< /Type /Catalog >>endobj\ntrailer<< /Root 1 0 R >>\n%%EOF\n"
COMMENT = "Copie illisible : scannez le recto et le verso"


def looks_right(page, name):
    looks_right_on_desktop_and_phone(page, f"justificatifs-{name}")


def pdf(name):
    return {"name": name, "mimeType": "application/pdf", "buffer": PDF}


def candidate_logs_in(page, site):
    page.goto(site + "/compte/connexion/")
    page.get_by_label(re.compile(r"^\s*Identifiant de connexion")).fill("accrall@ac-rennes.fr")
    page.get_by_label(re.compile(r"^\s*Mot de passe")).fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes inscriptions")


def gestionnaire_logs_in(page, site):
    page.goto(site + "/gestion/connexion/")
    page.get_by_label("Identifiant").fill("dec-toulouse")
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("navigation", name="Menu de l'espace gestionnaire").get_by_role(
        "link", name="Pièces justificatives"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pièces justificatives")


def decide(page, piece_code, decision, comment=""):
    row = page.get_by_role("row").filter(has_text=piece_code)
    row.get_by_role("link", name=re.compile("ACCRALL Dack")).click()
    page.get_by_text(decision, exact=True).click()
    if comment:
        page.get_by_label("Commentaire pour le candidat (non conforme)").fill(comment)
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_text(f"Pièce marquée « {decision} »")).to_be_visible()


def test_three_pieces_one_refused_sent_again_then_all_conformes(page, site, clamd, browser):
    tabs_walk(account_client(), _cyclades())
    dossier = Dossier.objects.get()
    page.set_viewport_size({"width": 1280, "height": 900})
    candidate_logs_in(page, site)
    page.get_by_role("link", name="Certificat d'aptitude professionnelle").click()
    page.get_by_role("link", name="Mes justificatifs").click()
    expect(page.locator("#conformes")).to_have_text("Pièces justificatives conformes : 0 / 3")
    looks_right(page, "a-deposer")
    for code in ("CINSIG02", "NATIDE04", "DISPEN01"):
        page.get_by_label(re.compile(f"Fichier pour « {code} »")).set_input_files(
            files=[pdf(f"{code}.pdf")]
        )
        page.get_by_role("button", name=f"Ajouter le fichier pour {code}").click()
        expect(page.get_by_text(f"Fichier « {code}.pdf » ajouté")).to_be_visible()
    run_worker()  # the antivirus
    page.reload()
    expect(page.locator("main")).not_to_contain_text("en cours d'analyse")
    looks_right(page, "deposees")
    page.get_by_role("button", name="J'ai fourni toutes mes pièces").click()
    expect(page.get_by_text("3 pièce(s) transmise(s)")).to_be_visible()

    gestionnaire = browser.new_context().new_page()  # another person, another browser
    gestionnaire.set_viewport_size({"width": 1280, "height": 900})
    gestionnaire_logs_in(gestionnaire, site)
    expect(gestionnaire.locator("#resultats")).to_have_text("3 pièces.")
    looks_right(gestionnaire, "gestion-liste")
    decide(gestionnaire, "NATIDE04", "Non conforme", COMMENT)
    looks_right(gestionnaire, "gestion-piece")

    page.goto(site + "/compte/inscriptions/")
    expect(page.locator("main")).to_contain_text("Pièce non conforme")
    page.get_by_role("link", name="Certificat d'aptitude professionnelle").click()
    page.get_by_role("link", name="Mes justificatifs").click()
    expect(page.locator("main")).to_contain_text(f"Non conforme : {COMMENT}")
    looks_right(page, "non-conforme")
    page.get_by_label(re.compile("Fichier pour « NATIDE04 »")).set_input_files(
        files=[pdf("NATIDE04-recto-verso.pdf")]
    )
    page.get_by_role("button", name="Ajouter le fichier pour NATIDE04").click()
    page.get_by_role("button", name="J'ai fourni toutes mes pièces").click()
    expect(page.get_by_text("1 pièce(s) transmise(s)")).to_be_visible()

    gestionnaire.reload()
    for code in ("CINSIG02", "NATIDE04", "DISPEN01"):
        gestionnaire.goto(site + "/gestion/pieces/")
        decide(gestionnaire, code, "Conforme")
    assert set(dossier.piece_deposits.values_list("state", flat=True)) == {PieceState.CONFORME}
    page.reload()
    expect(page.locator("#conformes")).to_have_text("Pièces justificatives conformes : 3 / 3")
    looks_right(page, "conformes")


def _cyclades():
    from inscrinet.models import Session

    return Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="compte"
    )
