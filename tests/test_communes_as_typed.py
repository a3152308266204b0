"""G5: birth communes as people type them, over the real reference data (40+ spellings).

Each line: département, what was typed, the commune understood (or, for an ambiguous
spelling, the communes offered to choose from)."""

import pytest

from inscrinet import selectors
from inscrinet.models import Departement
from tests.support.spy import calls_to

pytestmark = pytest.mark.django_db

UNDERSTOOD = [
    ("075", "Paris 13e", "Paris 13e Arrondissement"),
    ("075", "Paris 13", "Paris 13e Arrondissement"),
    ("075", "PARIS 13EME", "Paris 13e Arrondissement"),
    ("075", "paris 13 ème", "Paris 13e Arrondissement"),
    ("075", "Paris 13e arrondissement", "Paris 13e Arrondissement"),
    ("075", "paris 13e arr", "Paris 13e Arrondissement"),
    ("075", "75013", "Paris 13e Arrondissement"),
    ("075", "Paris 1er", "Paris 1er Arrondissement"),
    ("075", "paris 1", "Paris 1er Arrondissement"),
    ("075", "Paris 20ème", "Paris 20e Arrondissement"),
    ("075", "75020", "Paris 20e Arrondissement"),
    ("069", "Lyon 3", "Lyon 3e Arrondissement"),
    ("069", "LYON 3EME", "Lyon 3e Arrondissement"),
    ("069", "69003", "Lyon 3e Arrondissement"),
    ("013", "Marseille 1er", "Marseille 1er Arrondissement"),
    ("013", "marseille 15", "Marseille 15e Arrondissement"),
    ("013", "13015", "Marseille 15e Arrondissement"),
    ("042", "Saint-Étienne", "Saint-Étienne"),
    ("042", "saint etienne", "Saint-Étienne"),
    ("042", "St Etienne", "Saint-Étienne"),
    ("042", "ST-ETIENNE", "Saint-Étienne"),
    ("042", "st étienne", "Saint-Étienne"),
    ("078", "St Germain en Laye", "Saint-Germain-en-Laye"),
    ("078", "saint germain en laye", "Saint-Germain-en-Laye"),
    ("035", "St Malo", "Saint-Malo"),
    ("014", "May sur Orne", "May-sur-Orne"),
    ("014", "MAY-SUR-ORNE", "May-sur-Orne"),
    ("014", "May s/ Orne", "May-sur-Orne"),
    ("094", "L Hay les Roses", "L'Haÿ-les-Roses"),
    ("094", "lhay les roses", "L'Haÿ-les-Roses"),
    ("094", "L'Hay-les-Roses", "L'Haÿ-les-Roses"),
    ("059", "Villeneuve d Ascq", "Villeneuve-d'Ascq"),
    ("059", "villeneuve dascq", "Villeneuve-d'Ascq"),
    ("051", "Chalons en Champagne", "Châlons-en-Champagne"),
    ("013", "aix en provence", "Aix-en-Provence"),
    ("092", "Boulogne Billancourt", "Boulogne-Billancourt"),
    ("092", "neuilly s/ seine", "Neuilly-sur-Seine"),
    ("076", "le havre", "Le Havre"),
    ("076", "LE HAVRE", "Le Havre"),
    ("02A", "ajaccio", "Ajaccio"),
    ("02B", "Bastia", "Bastia"),
    ("974", "St Denis", "Saint-Denis"),
    ("974", "saint pierre", "Saint-Pierre"),
    ("971", "Pointe a Pitre", "Pointe-à-Pitre"),
    ("972", "fort de france", "Fort-de-France"),
    ("973", "Cayenne", "Cayenne"),
    ("976", "mamoudzou", "Mamoudzou"),
    ("031", "Toulouse", "Toulouse"),
    ("031", "31000", "Toulouse"),
    ("089", "Evry", "Évry"),
    ("069", "Villeurbanne", "Villeurbanne"),
]

OFFERED = [
    # A name that only starts like several communes: they are offered, nothing is guessed.
    ("050", "Cherbourg", {"Cherbourg-en-Cotentin", "Cherbourg-Octeville"}),
    ("014", "Sainte Marie", {"Sainte-Marie-Laumont", "Sainte-Marie-Outre-l'Eau"}),
    ("035", "St Malo de", {"Saint-Malo-de-Phily"}),
]


@pytest.mark.parametrize(("departement", "typed", "expected"), UNDERSTOOD)
def test_usual_spellings_are_understood(departement, typed, expected):
    matches, exact = selectors.communes_matching(
        departement=Departement.objects.get(code=departement), typed=typed
    )
    assert [c.name for c in matches] == [expected]
    assert exact or typed.isdigit()


@pytest.mark.parametrize(("departement", "typed", "offered"), OFFERED)
def test_ambiguous_spellings_offer_choices(departement, typed, offered):
    matches, exact = selectors.communes_matching(
        departement=Departement.objects.get(code=departement), typed=typed
    )
    assert not exact
    assert offered <= {c.name for c in matches}


def test_at_least_forty_spellings():
    assert len(UNDERSTOOD) >= 40


@pytest.mark.parametrize("typed", ["Paris", "Paris 21", "Paris 0", "75999", "Londres"])
def test_what_is_not_an_arrondissement_is_not_guessed(typed):
    matches, _ = selectors.communes_matching(
        departement=Departement.objects.get(code="075"), typed=typed
    )
    assert matches == []


def test_the_etat_civil_screen_accepts_paris_13e_and_offers_choices(client, toulouse):
    from inscrinet.models import DossierVersion
    from tests.candidates.journey import ACCRALL, Walker, errors_of

    walker = Walker(client, toulouse)
    walker.post("origine", {})
    born = {**ACCRALL["etat_civil"], "birth_departement": "050", "birth_commune": "Cherbourg"}
    response = walker.post("etat_civil", born)
    assert response.status_code == 200
    assert any("choisissez la vôtre dans la liste" in e for e in errors_of(response))
    page = response.content.decode()
    assert "Choisissez votre commune de naissance" in page
    choice = page[page.index("Choisissez votre commune de naissance") :][:200]
    assert "facultatif" not in choice.lower() and "optionnel" not in choice.lower()
    assert 'type="radio" name="etat_civil-birth_commune_choice" value="Cherbourg-Octeville"' in page
    response = walker.post("etat_civil", {**born, "birth_commune_choice": "Cherbourg-Octeville"})
    assert response.status_code == 302
    # A choice that is not among those offered is not taken.
    response = walker.post("etat_civil", {**born, "birth_commune_choice": "Toulouse"})
    assert response.status_code == 200

    paris = {**ACCRALL["etat_civil"], "birth_departement": "075", "birth_commune": "Paris 13e"}
    assert walker.post("etat_civil", paris).status_code == 302
    journey = {k: v for k, v in ACCRALL.items() if k not in ("origine",)}
    journey["etat_civil"] = paris
    walker.walk(journey)
    snapshot = DossierVersion.objects.get().snapshot
    assert "Paris 13e Arrondissement" in repr(snapshot)


def test_a_name_typed_exactly_is_found_without_the_orm_compiling_again():

    from django.db.models.sql.compiler import SQLCompiler

    haute_garonne = Departement.objects.get(code="031")
    selectors.communes_matching(departement=haute_garonne, typed="Toulouse")  # learnt
    with calls_to(SQLCompiler, "as_sql") as compiled:
        matches, exact = selectors.communes_matching(departement=haute_garonne, typed="colomiers")
    assert exact and [c.name for c in matches] == ["Colomiers"]
    assert compiled.call_count == 0
