"""Seed 004 §3–4 in Chromium: ACCRALL Dack creates his account from the home page
(« Créer mon compte »), is told to open the activation email, activates the account with
the link, logs in (« Me connecter »), sees « Mon compte » and changes his nom d'usage.
axe-core finds no serious or critical violation on any page, on a desktop and a phone."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.candidate import fill_account_form
from tests.e2e.conftest import looks_right_on_desktop_and_phone

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "Brioche.2004"
ACCRALL = {  # seed 004 § 3, typed the way people type
    "civilite": "Monsieur",
    "birth_name": "Accrall",
    "first_names": "Dack",
    "birth_date": "28/11/2004",
    "departement_code": "014",
    "commune": "may sur orne",
    "email": "accrall@ac-rennes.fr",
}


def looks_right(page, name):
    looks_right_on_desktop_and_phone(page, f"compte-{name}")


def test_accrall_creates_activates_and_uses_his_account(page, site):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site + "/")
    page.get_by_role("link", name="Créer mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Créer mon compte")
    looks_right(page, "creation")
    page.get_by_role("button", name="Créer le compte").click()
    expect(page.locator("#resume-erreurs")).to_contain_text(
        "Nom de famille : Ce champ est obligatoire."
    )
    looks_right(page, "creation-erreurs")

    fill_account_form(page, ACCRALL, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirmation de réception de mail")
    looks_right(page, "mail-envoye")

    (message,) = mail.outbox
    link = re.search(r"https?://\S+/compte/activer/\S+/", message.body).group(0)
    page.goto(site + link[link.index("/compte/") :])
    looks_right(page, "activation")
    page.get_by_role("button", name="Activer mon compte").click()

    page.goto(site + "/")
    page.get_by_role("link", name="Me connecter").click()
    looks_right(page, "connexion")
    page.get_by_label(re.compile(r"^\s*Identifiant de connexion")).fill("accrall@ac-rennes.fr")
    page.get_by_label(re.compile(r"^\s*Mot de passe")).fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes inscriptions")
    expect(page.locator("main")).to_contain_text("Vous n'avez aucune candidature active.")
    page.get_by_role("link", name="Mon compte", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon compte")
    expect(page.locator("main")).to_contain_text("May-sur-Orne")
    looks_right(page, "mon-compte")

    page.get_by_role("link", name="Modifier mon compte").click()
    looks_right(page, "modifier")
    page.get_by_label("Nom d'usage").fill("Martin")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("main")).to_contain_text("MARTIN")
    page.get_by_role("link", name="Changer mon adresse mail").click()
    page.get_by_label(re.compile(r"^\s*Nouvelle adresse mail")).fill("dack.accrall@example.org")
    page.get_by_role("button", name="Changer d'adresse mail").click()
    expect(page.locator("#changement-en-attente")).to_contain_text("dack.accrall@example.org")
    looks_right(page, "adresse-mail")
    page.get_by_role("link", name="Retour à mon compte").click()
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("link", name="Me connecter")).to_be_visible()
