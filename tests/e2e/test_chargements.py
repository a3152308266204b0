"""M4 in Chromium: the Toulouse gestionnaire locks the base, loads a previous-candidates file
with one bad line (the report names it), corrects it, loads it, unlocks; a candidate then
finds the pre-fill (G4); the gestionnaire downloads the unload. axe-core finds no serious
or critical violation on these pages, on a desktop and on a phone."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from inscrinet.demo_data import DEMO_PASSWORD
from inscrinet.models import PreviousCandidate
from tests.e2e.candidate import Candidate
from tests.e2e.test_gestionnaire import looks_right, menu
from tests.support.tasks import run_worker

pytestmark = pytest.mark.django_db(transaction=True)
EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "formats" / "candidats-precedents.csv"
CAP = "Certificat d'aptitude professionnelle (CAP)"


def send(page, content: bytes, button: str):
    page.get_by_label("Fichier CSV").set_input_files(
        {"name": "candidats-2026.csv", "mimeType": "text/csv", "buffer": content}
    )
    page.get_by_role("button", name=button).click()
    run_worker()  # the task worker, as `make demo` runs beside the server
    page.get_by_role("link", name="Actualiser").click()


def test_lock_load_a_bad_file_correct_it_unlock_prefill_and_unload(page, context, site):
    good = EXAMPLE.read_bytes()
    bad = good.replace(b"00/00/1988", b"31/02/1988")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site + "/gestion/connexion/")
    page.get_by_label("Identifiant").fill("dec-toulouse")
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role(
        "button", name="Verrouiller toutes les sessions de l'académie", exact=True
    ).click()
    expect(page.locator("#base-verrouillee")).to_be_visible()

    menu(page, "Chargements")
    expect(page.get_by_role("heading", level=1)).to_have_text("Chargements")
    looks_right(page, "chargements")
    page.get_by_label("Candidats des sessions précédentes").check()
    send(page, bad, "Charger")
    expect(page.locator("#rapport")).to_contain_text("Fichier refusé : rien n'a été chargé")
    report = page.get_by_role("table", name="Lignes en erreur")
    expect(report).to_contain_text("date_naissance")
    expect(report).to_contain_text("Cette date de naissance n'existe pas.")
    looks_right(page, "chargement-rapport")
    assert not PreviousCandidate.objects.filter(academie__code="016").exists()

    page.get_by_role("link", name="Retour aux chargements").click()
    send(page, good, "Charger")
    expect(page.locator("body")).to_contain_text("Chargement terminé : 3 nouveaux")
    looks_right(page, "chargement-termine")

    menu(page, "Sessions")
    page.get_by_role("button", name="Déverrouiller toutes les sessions de l'académie").click()
    expect(page.locator("#base-verrouillee")).to_have_count(0)

    # A candidate, typing the way people type, finds their identity pre-filled (G4).
    visitor = context.new_page()
    candidate = Candidate(visitor)
    candidate.start(site, CAP, "Toulouse")
    candidate.origine(**{"Numéro IVAE": "i0220002", "Date de naissance": "00/00/1988"})
    expect(visitor.get_by_role("heading", level=1)).to_contain_text("État civil")
    expect(visitor.get_by_label("Nom de famille")).to_have_value("NGUYEN")
    expect(visitor.get_by_label("Prénoms")).to_have_value("Thanh")

    page.get_by_role("link", name="Déchargement de la session CAP").first.click()
    looks_right(page, "dechargement")
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger (CSV)").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert text.startswith("format;numero_dossier;version;numero_candidat;etat")

    # The other pages of the DEC's M4 tools: reminders and API keys.
    menu(page, "Sessions")
    page.get_by_role("link", name="Tableau de bord de la session CAP").first.click()
    page.get_by_role("link", name="Relances").click()
    page.get_by_label("Message").fill("Bonjour,\nPensez à renvoyer votre confirmation signée.")
    page.get_by_role("button", name="Aperçu").click()
    expect(page.locator("#apercu")).to_contain_text("Aperçu : 0 destinataire")
    looks_right(page, "relances")
    menu(page, "Clés d'API")
    page.get_by_label("Libellé de la clé").fill("Gestion des examens")
    page.get_by_role("button", name="Créer une clé").click()
    expect(page.locator("#nouvelle-cle")).to_contain_text("inscrinet_")
    looks_right(page, "cles-api")
