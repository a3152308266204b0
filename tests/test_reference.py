"""French reference data: départements on three characters, communes including merged ones."""

from inscrinet.models import Commune, Departement
from inscrinet.rules import normalize_name
from inscrinet.services.reference import reference_load


def test_departements_on_three_characters(db):
    codes = set(Departement.objects.values_list("code", flat=True))
    assert {"014", "02A", "02B", "971", "974", "976", "099", "075", "069", "013"} <= codes
    assert Departement.objects.get(code="014").name == "Calvados"
    assert Departement.objects.get(code="099").zone == "abroad"
    assert set(
        Departement.objects.filter(has_arrondissements=True).values_list("code", flat=True)
    ) == {"075", "069", "013"}


def test_communes_include_merged_ones_and_arrondissements(db):
    # Seed 004: ACCRALL Dack was born at MAY-SUR-ORNE (014 - Calvados).
    may = Commune.objects.filter(departement_id="014", search_name=normalize_name("MAY-SUR-ORNE"))
    assert may.exists()
    assert Commune.objects.filter(kind="deleguee").count() > 2000
    assert Commune.objects.filter(departement_id="075", kind="arrondissement").count() == 20
    assert Commune.objects.filter(departement_id="013", kind="arrondissement").count() == 16
    assert Commune.objects.filter(departement_id="069", kind="arrondissement").count() == 9
    assert "31000" in Commune.objects.get(name="Toulouse", kind="actuelle").postal_codes


def test_loading_again_changes_nothing(db):
    assert reference_load() == {"departements": 0, "communes": 0}
