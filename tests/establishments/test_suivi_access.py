"""S1–S5: the suivi login with its forced first change, the lockout, the menu, sections
européennes, opening and closing the inscription service, both passwords — audited."""

import pytest
from django.test import Client

from inscrinet.login_guard import FAILURE_LIMITS
from inscrinet.models import AuditEvent, Etablissement
from tests.candidates.journey import errors_of
from tests.establishments.suivi import SUIVI_PASSWORD, logged_in, login, url

pytestmark = pytest.mark.django_db

NEW = "Une phrase de passe assez longue"


def test_first_login_forces_the_change_and_the_code_never_works_again(client, demo):
    AuditEvent.objects.all().delete()  # the demo load's own rows
    response = login(client, "0310038y", "0310038Y")  # the default password: the code
    assert response["Location"] == url("first_password")
    # The default password opens nothing else.
    assert client.get(url("menu"))["Location"].startswith(url("login"))
    page = client.get(url("first_password")).content.decode()
    assert "C'est votre première connexion" in page and "Mot de passe actuel" not in page
    for weak, message in (
        ("court-2026", "au moins 12 caractères"),
        ("lycee-0310038y-2026", "ne doit pas contenir le code"),
        ("123456789qwerty", "trop courant"),
    ):
        response = client.post(url("first_password"), {"new": weak, "confirmation": weak})
        assert any(message in e for e in errors_of(response)), (weak, errors_of(response))
    response = client.post(url("first_password"), {"new": NEW, "confirmation": NEW + "x"})
    assert any("diffèrent" in e for e in errors_of(response))
    long_phrase = "Une phrase de passe " * 3 + "de soixante-quatre caractères"
    assert len(long_phrase) >= 64
    response = client.post(url("first_password"), {"new": long_phrase, "confirmation": long_phrase})
    assert response["Location"] == url("menu")
    assert client.get(url("menu")).status_code == 200
    client.post(url("logout"))
    assert client.get(url("menu")).status_code == 302
    refused = login(Client(), "0310038Y", "0310038Y")
    assert "incorrect" in " ".join(errors_of(refused))
    assert login(Client(), "0310038Y", long_phrase)["Location"] == url("menu")
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions.count("etablissement.connexion_suivi") == 2
    assert actions.count("etablissement.mot_de_passe") == 1
    assert actions.count("connexion.echec") == 1


def test_the_lockout_triggers_and_is_audited(client, demo):
    logged_in(Client())
    for _ in range(FAILURE_LIMITS["suivi"]):
        login(client, "0310038Y", "mauvais mot de passe")
    response = login(client, "0310038Y", SUIVI_PASSWORD)
    assert "bloquée pendant une heure" in " ".join(errors_of(response))
    failures = AuditEvent.objects.filter(action="connexion.echec")
    assert failures.count() == FAILURE_LIMITS["suivi"]
    assert {f.details["compte"] for f in failures} == {"suivi:0310038Y"}


def test_a_fictitious_establishment_has_no_suivi(client, demo):
    assert "incorrect" in " ".join(errors_of(login(client, "03100003", "03100003")))


def test_sections_europeennes_then_open_then_close_the_inscription_service(client, demo):
    Etablissement.objects.filter(code="0310038Y").update(sections_europeennes="")
    etablissement = logged_in(client)
    Etablissement.objects.filter(pk=etablissement.pk).update(inscription_open=False)
    menu = client.get(url("menu")).content.decode()
    assert "Sections européennes (BCP uniquement)" in menu
    assert "avant d'ouvrir le service d'inscription" in menu
    refused = client.post(url("service"), {"ouvrir": "1"}, follow=True).content.decode()
    assert "indiquez si vous gérez des sections européennes" in refused
    response = client.post(url("sections_europeennes"), {})
    assert errors_of(response) == [
        "Gérez-vous des sections européennes ? : Vous devez indiquer si OUI ou NON vous gérez "
        "des sections européennes."
    ]
    client.post(url("sections_europeennes"), {"answer": "oui"})
    client.post(url("service"), {"ouvrir": "1"})
    assert Etablissement.objects.get(pk=etablissement.pk).inscription_open
    pupils = Client()
    e1 = {"code": "0310038Y", "password": "Bellevue-2026"}
    assert pupils.post("/etablissement/", e1)["Location"] == "/etablissement/examens/"
    client.post(url("service"), {"ouvrir": "0"})
    closed = Client().post("/etablissement/", e1)
    assert "Le service d'inscription de votre établissement est fermé" in " ".join(
        errors_of(closed)
    )
    # The pupil who was mid-way is told in plain words, on the next page.
    told = pupils.get("/etablissement/examens/", follow=True).content.decode()
    assert "fermé" in told
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "etablissement.sections_europeennes",
        "etablissement.service_ouvert",
        "etablissement.service_ferme",
    } <= actions


def test_the_inscription_password_changes_with_the_current_one(client, demo):
    logged_in(client)
    new = "Mot de passe des eleves 2027"
    wrong = {"current": "pas le bon", "new": new, "confirmation": new}
    assert any(
        "actuel ne correspond pas" in e
        for e in errors_of(client.post(url("inscription_password"), wrong))
    )
    right = {**wrong, "current": "Bellevue-2026"}
    assert client.post(url("inscription_password"), right)["Location"] == url("menu")
    assert "incorrect" in " ".join(
        errors_of(
            Client().post("/etablissement/", {"code": "0310038Y", "password": "Bellevue-2026"})
        )
    )
    ok = Client().post("/etablissement/", {"code": "0310038Y", "password": new})
    assert ok["Location"] == "/etablissement/examens/"
    suivi = {"current": SUIVI_PASSWORD, "new": NEW, "confirmation": NEW}
    assert client.post(url("suivi_password"), suivi)["Location"] == url("menu")
    assert login(Client(), "0310038Y", NEW)["Location"] == url("menu")


def test_an_establishment_without_pupils_nor_bac_pro_is_told_so(client, demo):
    galliéni = Etablissement.objects.get(code="0310044E")
    galliéni.exams.remove(*galliéni.exams.filter(has_section_europeenne=True))
    logged_in(client, code="0310044E")
    assert client.get(url("sections_europeennes")).status_code == 404
    assert client.post(url("sections_europeennes"), {"answer": "oui"}).status_code == 404
    assert "Sections européennes" not in client.get(url("menu")).content.decode()
    choice = client.get(url("lists")).content.decode()
    assert "aucune pré-inscription dans votre établissement pour l'instant" in choice
    assert 'name="specialite"' not in choice
