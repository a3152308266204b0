"""The demo's LYC BELLEVUE: every list of seed 003 shows something, loading twice adds
nothing."""

import pytest

from inscrinet.models import Dossier, Etablissement, Specialty
from inscrinet.services.demo_pupils import demo_pupils_load
from tests.establishments.suivi import logged_in, url

pytestmark = pytest.mark.django_db


def test_bellevue_has_pupils_for_every_list(client, demo):
    assert demo_pupils_load() == 8
    assert demo_pupils_load() == 0
    pupils = Dossier.objects.filter(etablissement__code="0310038Y")
    assert pupils.count() == 8
    assert set(pupils.values_list("forme", flat=True)) == {"globale", "progressive"}
    assert pupils.get(birth_name="DUBOIS").state == "annule"
    assert pupils.values("specialty").distinct().count() == 4
    logged_in(client)
    Etablissement.objects.filter(code="0310038Y").update(sections_europeennes="oui")
    broderie = Specialty.objects.get(code="24209")
    for kind, params, expected in (
        ("alphabetique", {}, "BERNARD"),
        ("section-europeenne", {}, "BERNARD"),
        ("specialite", {"specialite": broderie.pk}, "MARTIN"),
        ("toutes-specialites", {}, "ROUSSEAU"),
        ("specialite-forme", {"specialite": broderie.pk, "forme": "globale"}, "NGUYEN"),
    ):
        page = client.get(url("list", kind), params).content.decode()
        assert expected in page, kind
    section = client.get(url("list", "section-europeenne")).content.decode()
    assert "LEROY" not in section and "MARTIN" not in section


def test_the_printed_suivi_login_is_the_one_that_works(client, demo):
    from inscrinet.management.commands.load_demo import suivi_login_line

    assert "mot de passe 0310038Y (le code" in suivi_login_line()
    logged_in(client)  # the password is changed
    assert "mot de passe celui choisi à la première connexion" in suivi_login_line()
