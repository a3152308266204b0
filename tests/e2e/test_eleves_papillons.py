"""C10 in Chromium (seed 004 § 8): the head of LYC BELLEVUE imports a class from the
documented CSV in « Élèves à inscrire (comptes candidats) », reads the refused file's report,
prints a pupil's « papillon de connexion »; the pupil logs in with the slip's login and
password and is asked to choose a password. axe-core: no serious or critical violation,
desktop and phone."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from inscrinet.actors import EtablissementAccess, SystemActor
from inscrinet.models import Etablissement
from inscrinet.services.etablissements import etablissement_password_set
from tests.e2e.conftest import looks_right_on_desktop_and_phone

pytestmark = pytest.mark.django_db(transaction=True)
SUIVI_PASSWORD = "Le suivi du lycée Bellevue 2027"
CLASS_FILE = (
    "civilite;nom;prenoms;date_naissance;departement_naissance;commune_naissance;"
    "pays_naissance;classe;specialite;forme\n"
    "Mme;Accame;Acculi;20/09/2009;31;toulouse;;DIV1;33204;globale\n"
    "M;Benali;Youssef;14/11/2008;099;;MA;DIV1;33204;\n"
)


def looks_right(page, name):
    looks_right_on_desktop_and_phone(page, f"suivi-eleves-{name}")


def test_a_class_imported_printed_and_a_pupil_s_first_login(page, site):
    etablissement = Etablissement.objects.get(code="0310038Y")
    etablissement_password_set(
        etablissement=etablissement,
        access=EtablissementAccess.SUIVI,
        raw_password=SUIVI_PASSWORD,
        actor=SystemActor(name="test"),
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site + "/")
    page.get_by_role("link", name="Suivi établissement").click()
    page.get_by_label("Code établissement").fill("0310038Y")
    page.get_by_label("Mot de passe du suivi").fill(SUIVI_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("link", name="Élèves à inscrire (comptes candidats)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Élèves à inscrire (comptes candidats)"
    )
    looks_right(page, "accueil")

    # A file with a mistake: nothing registered, the line and column said.
    chooser = page.get_by_label(re.compile(r"Importer une classe"))
    chooser.set_input_files(
        files=[
            {
                "name": "div1.csv",
                "mimeType": "text/csv",
                "buffer": CLASS_FILE.replace("20/09/2009", "31/02/2009").encode(),
            }
        ]
    )
    page.get_by_role("button", name="Importer", exact=True).click()
    expect(page.locator("#rapport")).to_contain_text("Fichier refusé : aucun élève n'a été inscrit")
    expect(page.get_by_role("table", name="Lignes en erreur")).to_contain_text("date_naissance")
    looks_right(page, "rapport")

    page.get_by_label(re.compile(r"Importer une classe")).set_input_files(
        files=[{"name": "div1.csv", "mimeType": "text/csv", "buffer": CLASS_FILE.encode()}]
    )
    page.get_by_role("button", name="Importer", exact=True).click()
    expect(page.get_by_text("2 élève(s) pré-inscrit(s)")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Classe DIV1 — 2 élèves")
    expect(page.locator("main")).to_contain_text("acculi.accame")
    looks_right(page, "classe")

    with page.expect_download() as download:
        page.get_by_role("button", name="Imprimer le papillon de ACCAME Acculi").click()
    (slip,) = [p.extract_text() for p in PdfReader(io.BytesIO(_read(download.value))).pages]
    assert "Votre identifiant de connexion : acculi.accame" in slip
    password = re.search(r"mot de passe \(\*\) : (\S+)", slip)[1]

    page.get_by_role("button", name="Se déconnecter").click()
    page.goto(site + "/")
    page.get_by_role("link", name="Me connecter").click()
    page.get_by_label(re.compile(r"^\s*Identifiant de connexion")).fill("acculi.accame")
    page.get_by_label(re.compile(r"^\s*Mot de passe")).fill(password)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator("#premiere-connexion")).to_contain_text("C'est votre première connexion")
    looks_right(page, "premiere-connexion")


def _read(download) -> bytes:
    with open(download.path(), "rb") as handle:
        return handle.read()
