"""Seed 004's walkthrough in Chromium, for ACCRALL Dack: « Créer mon compte », the
activation link read from the email file (as `make demo` writes them), « Me connecter »,
« Nouvelle candidature » (exam → session → académie), the tabs « 1 - Identification » to
« 6 - Récapitulatif » with the seed's acquis and épreuves, « Enregistrer », « 7 - N°
Inscription », then « Mes documents ». axe-core: no serious or critical violation on any
page, desktop and phone."""

import email
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from inscrinet.models import Dossier, Session
from tests.candidates.journey import ACCRALL_BILAN, ACCRALL_EPREUVES
from tests.e2e.candidate import AccountCandidate, fill_account_form
from tests.e2e.conftest import looks_right_on_desktop_and_phone
from tests.e2e.test_wizard import AUTRE_CAP, TOULOUSE_ADDRESS

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "Brioche.2004"
ACCRALL = {
    "civilite": "Monsieur",
    "birth_name": "ACCRALL",
    "first_names": "Dack",
    "birth_date": "28/11/2004",
    "departement_code": "014",
    "commune": "May sur Orne",
    "email": "accrall@ac-rennes.fr",
    "nationality": "Française",
}


def looks_right(page, name):
    looks_right_on_desktop_and_phone(page, f"cyclades-{name}")


def activation_link_from_the_mail_files(mail_dir: Path) -> str:
    (sent,) = list(mail_dir.iterdir())
    message = email.message_from_bytes(sent.read_bytes())
    body = message.get_payload(decode=True) if not message.is_multipart() else None
    if body is None:
        body = next(
            part.get_payload(decode=True)
            for part in message.walk()
            if part.get_content_type() == "text/plain"
        )
    link = re.search(r"https?://\S+/compte/activer/\S+/", body.decode()).group(0)
    return link[link.index("/compte/") :]


def test_seed_004_accrall_dack_in_the_candidate_space(page, site, settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    page.set_viewport_size({"width": 1280, "height": 900})

    # § 3–4: the account, activated from the email, then « Me connecter ».
    page.goto(site + "/")
    page.get_by_role("link", name="Créer mon compte").click()
    fill_account_form(page, ACCRALL, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirmation de réception de mail")
    page.goto(site + activation_link_from_the_mail_files(tmp_path))
    page.get_by_role("button", name="Activer mon compte").click()
    page.goto(site + "/")
    page.get_by_role("link", name="Me connecter").click()
    page.get_by_label(re.compile(r"^\s*Identifiant de connexion")).fill(ACCRALL["email"])
    page.get_by_label(re.compile(r"^\s*Mot de passe")).fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes inscriptions")
    looks_right(page, "mes-inscriptions-vide")

    # § 6: a new candidature, exam → session → académie, with the period in Paris time.
    page.get_by_role("link", name="Nouvelle candidature").click()
    page.get_by_text("Certificat d'aptitude professionnelle", exact=True).click()
    page.get_by_role("button", name="Suite").click()
    page.locator("label").filter(has_text=re.compile(r"^\s*CAP .*Cyclades\s*$")).click()
    page.get_by_role("button", name="Suite").click()
    page.locator("label").filter(has_text=re.compile(r"TOULOUSE\s*$")).click()
    page.get_by_role("button", name="Suite").click()
    expect(page.locator("#periode")).to_contain_text("Les inscriptions sont ouvertes du")
    expect(page.locator("#periode")).to_contain_text("(heure de Paris)")
    looks_right(page, "nouvelle-candidature")
    page.get_by_role("link", name="Valider").click()

    # § 7: the tabs, over the wizard's screens.
    candidate = AccountCandidate(page)
    for tab in (
        "1 - Identification",
        "2 - Informations candidature",
        "3 - Qualification présentée",
        "4 - Acquis",
        "5 - Epreuves",
        "6 - Récapitulatif",
        "7 - N° Inscription",
    ):
        expect(page.locator("main")).to_contain_text(tab)
    expect(page.get_by_role("button", name="Enregistrer")).to_be_disabled()
    looks_right(page, "onglet-identification")
    candidate.etat_civil(ACCRALL)
    candidate.adresse(TOULOUSE_ADDRESS, with_error=False)
    candidate.autres("INDIVIDUEL SALARIE", with_error=False)
    candidate.etablissement("INDIV TOULOUSE (03100003)", with_error=False)
    candidate.resultats(with_error=False)
    candidate.specialite("Arts de la broderie", with_error=False)
    candidate.diplomes(AUTRE_CAP)
    kept = {"year": "2020", "place": "TOULOUSE"}
    candidate.acquis(
        "CERTIFICAT D'APTITUDE PROFESSIONNELLE Titulaire d'un autre CAP",
        {code: kept for code in ("EG1", "EG2", "EG3", "EG4")},
    )
    candidate.bilan(ACCRALL_BILAN)
    candidate.epreuves(
        {
            "EP2A : Mise en oeuvre — option": "Broderie machine guidée main",
            "EG4 : Langue Vivante Etrangère — option": "Allemand",
        }
    )
    candidate.heading("Récapitulatif de votre dossier")
    assert candidate.recap_epreuves() == [
        (f"{code} - {label}", position, mode, "")
        for code, label, position, mode in ACCRALL_EPREUVES
    ]
    expect(page.locator("#pas-encore-enregistree")).to_contain_text(
        "À ce stade, la candidature n'est pas encore enregistrée"
    )
    looks_right(page, "onglet-recapitulatif")
    page.get_by_role("button", name="Enregistrer").click()

    # § 10: « 7 - N° Inscription ».
    session = Session.objects.get(candidate_access="compte", exam__code="CAP")
    dossier = Dossier.objects.get(session=session)
    expect(page.locator("#numero-inscription")).to_contain_text(
        "Votre inscription a bien été prise en compte le"
    )
    expect(page.locator("main")).to_contain_text(dossier.candidate_number)
    expect(page.locator("main")).to_contain_text("Votre numéro d'inscription : 001")
    expect(page.locator("main")).to_contain_text(session.academie.dec_email)
    looks_right(page, "numero-inscription")

    # § 9 and 11: Mes inscriptions shows the card, Mes documents the confirmation.
    menu = page.get_by_role("navigation", name="Menu de l'espace candidat")
    menu.get_by_role("link", name="Mes inscriptions", exact=True).click()
    expect(page.locator("main")).to_contain_text("Arts de la broderie")
    expect(page.locator("main")).to_contain_text("Inscrit")
    looks_right(page, "mes-inscriptions")
    menu.get_by_role("link", name="Mes documents", exact=True).click()
    expect(page.locator("main")).to_contain_text(
        "Confirmation d'inscription [PDF] : Version n°1 mis à jour le"
    )
    looks_right(page, "mes-documents")
