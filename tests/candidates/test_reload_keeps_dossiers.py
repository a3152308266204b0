"""The DEC reloads previous candidates and the diplomas' catalogue (M4): every row gets a
new database id. Dossiers validated before still consult and modify, pre-filled, because
stored answers name those rows by their codes."""

import re

from inscrinet.declarations import acquis_field
from inscrinet.models import (
    Diploma,
    DiplomaEpreuve,
    Dossier,
    PreviousCandidate,
    PreviousResult,
    Right,
    Session,
)
from inscrinet.services.demo import demo_load
from tests.candidates.journey import ACCRALL, Walker
from tests.candidates.test_consult_modify import Modifier, dossier_page
from tests.candidates.test_wizard_journeys import redoublant_identity, rennes_adresse

LE_GALL = {
    "origine": {"redoublant_number": "R1400175", "birth_date": "12/03/1993"},
    "etat_civil": redoublant_identity("LE GALL", "Erwan, Yann", "12/03/1993"),
    "adresse": rennes_adresse("erwan.legall@example.org"),
    "autres": {"categorie": ("CAP", "AI"), "handicap": "non", "amenagement": "non"},
    "etablissement": {"etablissement": "03500001"},
    "resultats": ACCRALL["resultats"],
    "specialite": {"specialty": "Boulanger", "forme": "globale", "derogation": "non"},
    "diplomes": {"diplomas": ["500 - 22132"]},
    "acquis": [
        {
            "diploma": "500 - 22132",
            "EG1": {"keep": "on", "year": "2011", "place": "RENNES", "grade": "13"},
        }
    ],
    "bilan": {},
    "epreuves": {"position_EFL": "Non inscrit"},
    "recapitulatif": {},
}


def reload_previous_candidates_and_diplomas(today):
    """What a reload by natural key does to ids: delete, then load the same codes again."""
    old_ids = set(DiplomaEpreuve.objects.values_list("pk", flat=True))
    PreviousResult.objects.all().delete()
    PreviousCandidate.objects.all().delete()
    Right.objects.all().delete()
    DiplomaEpreuve.objects.all().delete()
    Diploma.objects.all().delete()
    demo_load(today=today)
    assert not old_ids & set(DiplomaEpreuve.objects.values_list("pk", flat=True))


def test_a_dossier_consults_and_modifies_after_the_reference_data_is_reloaded(client, demo):
    rennes = Session.objects.get(exam__code="CAP", academie__name="Rennes")
    Walker(client, rennes).walk(LE_GALL)
    dossier = Dossier.objects.get()
    stored = dossier.versions.get().answers
    assert "previous_id" not in stored["extra"]
    assert stored["step_data"]["specialite"]["specialite-specialty"] == ["22132"]

    reload_previous_candidates_and_diplomas(demo)

    assert "1 - 0" in dossier_page(client, dossier).content.decode()
    modifier = Modifier(client, dossier)
    assert modifier.start()["Location"] == modifier.url("origine")
    # G4 found again by its numbers: the birth name stays the rectorat's, read-only.
    etat_civil = client.get(modifier.url("etat_civil")).content.decode()
    assert 'value="LE GALL"' in etat_civil and "disabled" in etat_civil
    acquis = client.get(modifier.url("acquis")).content.decode()
    eg1 = DiplomaEpreuve.objects.get(diploma__code="500 - 22132", code="EG1")
    assert re.search(rf'name="acquis-{acquis_field(eg1, "keep")}"[^>]*checked', acquis)
    assert f'name="acquis-{acquis_field(eg1, "grade")}" value="13"' in acquis
    adresse = {**LE_GALL["adresse"], "mobile_phone": "0611223344"}
    assert modifier.post("adresse", adresse).status_code == 302
    assert modifier.post("recapitulatif").status_code == 302
    latest = Dossier.objects.get().versions.order_by("-version").first()
    assert latest.version == 1
    assert latest.snapshot["adresse"]["mobile_phone"] == "0611223344"
    assert latest.snapshot["bilan"][0]["code"] == "EG1"
    assert latest.snapshot["bilan"][0]["note"] == "13.00"


def test_a_reference_that_no_longer_exists_is_tolerated(client, demo):
    rennes = Session.objects.get(exam__code="CAP", academie__name="Rennes")
    Walker(client, rennes).walk(LE_GALL)
    dossier = Dossier.objects.get()
    PreviousResult.objects.all().delete()
    PreviousCandidate.objects.all().delete()  # not reloaded: the G4 match is gone
    modifier = Modifier(client, dossier)
    modifier.start()
    etat_civil = client.get(modifier.url("etat_civil"))
    assert etat_civil.status_code == 200
    assert modifier.post("recapitulatif").status_code == 302
    assert Dossier.objects.get().current_version == 1
