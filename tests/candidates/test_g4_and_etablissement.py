"""G4 pre-fill with its guard (captcha after 4 failures) and E1–E3 establishment access."""

import pytest
from django.test import Client
from django.urls import reverse

from inscrinet.models import Dossier, Etablissement, Session
from tests.candidates.journey import ACCRALL, Walker, errors_of

NEUTRAL = "Aucune inscription antérieure ne correspond à ce numéro et à cette date de naissance."
REDOUBLANT = {"redoublant_number": "R1400175", "birth_date": "12/03/1993"}


@pytest.fixture
def rennes(demo):
    return Session.objects.get(exam__code="CAP", academie__name="Rennes")


def test_redoublant_prefill_and_read_only_birth_name(client, rennes):
    walker = Walker(client, rennes)
    assert walker.post("origine", REDOUBLANT).status_code == 302
    html = client.get(walker.url("etat_civil")).content.decode()
    assert 'value="LE GALL"' in html and "disabled" in html
    assert 'value="Erwan, Yann"' in html and 'value="12/03/1993"' in html
    # A tampered birth name is ignored: the disabled field keeps the rectorat's value.
    identity = {
        **ACCRALL["etat_civil"],
        "birth_name": "AUTRE",
        "first_names": "Erwan, Yann",
        "birth_date": "12/03/1993",
        "birth_departement": "035",
        "birth_commune": "Rennes",
    }
    assert walker.post("etat_civil", identity).status_code == 302
    adresse = client.get(walker.url("adresse")).content.decode()
    assert 'value="4 rue de Saint-Malo"' in adresse and 'value="35000"' in adresse


@pytest.mark.parametrize(
    "values",
    [
        {"redoublant_number": "R1400175", "birth_date": "13/03/1993"},  # wrong birth date
        {"redoublant_number": "R9999999", "birth_date": "12/03/1993"},  # unknown number
    ],
)
def test_a_wrong_pair_gets_one_neutral_message(client, rennes, values):
    response = Walker(client, rennes).post("origine", values)
    assert response.status_code == 200
    assert errors_of(response) == [
        NEUTRAL + " Vérifiez votre saisie, ou videz les champs pour continuer sans pré-remplissage."
    ]


def test_another_academie_does_not_see_rennes_records(client, demo):
    toulouse = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    response = Walker(client, toulouse).post("origine", REDOUBLANT)
    assert NEUTRAL in errors_of(response)[0]


def test_nothing_entered_goes_on(client, rennes):
    assert Walker(client, rennes).post("origine", {}).status_code == 302


def test_bts_asks_only_the_former_candidate_number(client, demo):
    bts = Session.objects.get(exam__code="BTS")
    html = client.get(Walker(client, bts).url("origine")).content.decode()
    assert "Numéro redoublant" in html
    assert "Numéro IVAE" not in html and "Numéro INE" not in html


def test_captcha_from_the_fifth_attempt_even_from_a_fresh_session(client, rennes):
    walker = Walker(client, rennes)
    wrong = {"redoublant_number": "R1400175", "birth_date": "01/01/1990"}
    for attempt in range(1, 5):
        html = walker.post("origine", wrong).content.decode()
        # Shown with the answer to the 4th failure, i.e. for the 5th attempt.
        assert ("Recopiez le code de vérification" in html) is (attempt == 4)
    html = client.get(walker.url("origine")).content.decode()
    assert "Recopiez le code de vérification" in html  # audio: tests/test_captcha.py
    fresh = Walker(Client(), rennes)  # same IP (127.0.0.1), new browser session
    assert (
        "Recopiez le code de vérification"
        in fresh.client.get(fresh.url("origine")).content.decode()
    )
    # Even the right pair is refused without a solved captcha…
    response = fresh.post("origine", REDOUBLANT)
    assert response.status_code == 200 and any("vérification" in e for e in errors_of(response))
    # …and accepted with it.
    ok = fresh.post(
        "origine", REDOUBLANT, **{"origine-captcha_0": "x", "origine-captcha_1": "PASSED"}
    )
    assert ok.status_code == 302


# --- E1–E3 -----------------------------------------------------------------------------


def etab_login(client, code="0310038Y", password="Bellevue-2026"):
    return client.post("/etablissement/", {"code": code, "password": password})


def test_pupil_registers_through_lyc_bellevue(client, demo):
    response = etab_login(client)
    assert response["Location"] == "/etablissement/examens/"
    page = client.get("/etablissement/examens/").content.decode()
    assert "LYC BELLEVUE" in page and "Certificat d&#x27;aptitude professionnelle" in page
    toulouse = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    walker = Walker(client, toulouse, base="candidates:etab_wizard", service="etablissement")
    pupil = {k: v for k, v in ACCRALL.items() if k != "etablissement"}
    pupil["etat_civil"] = {
        **ACCRALL["etat_civil"],
        "birth_name": "MARTIN",
        "first_names": "Léa",
        "birth_date": "14/02/2009",
    }
    pupil["autres"] = {"categorie": ("CAP", "SCO"), "handicap": "non", "amenagement": "non"}
    autres_html = None
    for step, values in pupil.items():
        if step == "autres":
            autres_html = client.get(walker.url("autres")).content.decode()
        for page in values if isinstance(values, list) else [values]:
            response = walker.post(step, page)
            assert response.status_code == 302, (step, errors_of(response))
    # E2: pupils' catégories only, establishment fixed.
    assert "SCOLAIRE" in autres_html and "INDIVIDUEL SALARIE" not in autres_html
    dossier = Dossier.objects.get()
    assert dossier.etablissement.code == "0310038Y"
    assert dossier.versions.get().snapshot["epreuves"][0]["mode"] == "CCF"  # habilitated
    transition = dossier.transitions.get()
    assert transition.actor_kind == "etablissement"
    assert transition.actor == "établissement 0310038Y (accès inscription)"
    assert dossier.service == "etablissement"
    # E3: the confirmation is printable at the end, like G17.
    validation = client.get(reverse("candidates:validated", args=[dossier.submission_key]))
    assert "Imprimer le récapitulatif" in validation.content.decode()
    confirmation = reverse("candidates:document", args=[toulouse.pk, 1, 0, "confirmation"])
    assert client.get(confirmation)["Content-Type"] == "application/pdf"
    # « Quitter » ends the access and wipes everything, the unlocked dossier included.
    client.post("/etablissement/quitter/")
    assert client.get("/etablissement/examens/")["Location"] == "/etablissement/"
    assert client.get(confirmation).status_code == 404


def test_default_password_is_refused(client, demo):
    response = etab_login(client, code="0310044E", password="0310044E")
    assert any("pas encore changé son mot de passe" in e for e in errors_of(response))


def test_closed_establishment_service_is_refused(client, demo):
    Etablissement.objects.filter(code="0310038Y").update(inscription_open=False)
    response = etab_login(client)
    assert any("est fermé" in e for e in errors_of(response))


def test_wrong_password_is_neutral_and_throttled_per_establishment(client, demo):
    for _ in range(4):
        response = etab_login(client, password="mauvais")
        assert errors_of(response) == [
            "Code établissement ou mot de passe d'inscription incorrect."
        ]
    other_ip = Client(REMOTE_ADDR="198.51.100.20")
    html = other_ip.post("/etablissement/", {"code": "0310038Y", "password": "x"}).content.decode()
    assert "Recopiez le code de vérification" in html


def test_wizard_without_establishment_access_goes_to_login(client, demo):
    toulouse = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    response = client.get(f"/etablissement/{toulouse.pk}/saisie/origine/")
    assert response["Location"] == "/etablissement/"


def pupil_on_the_address_screen(client, birth_name):
    """A pupil logged in through LYC BELLEVUE, with the first two screens filled."""
    etab_login(client)
    toulouse = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    walker = Walker(client, toulouse, base="candidates:etab_wizard", service="etablissement")
    walker.post("origine", {})
    walker.post("etat_civil", {**ACCRALL["etat_civil"], "birth_name": birth_name})
    return walker


def test_pupil_told_when_the_establishment_closes_its_service_mid_wizard(client, demo):
    walker = pupil_on_the_address_screen(client, "FERMETURE")
    Etablissement.objects.filter(code="0310038Y").update(inscription_open=False)  # S3
    response = walker.post("adresse", ACCRALL["adresse"])
    assert response["Location"] == "/etablissement/"
    page = client.get("/etablissement/").content.decode()
    assert "a été fermé pendant votre saisie" in page
    assert "n&#x27;a pas été enregistrée" in page
    # Nothing of the pupil's stays on the school's computer.
    assert not any(key.startswith("wizard_") for key in client.session.keys())


def test_quitter_pressed_in_the_wizard_ends_the_access_at_once(client, demo):
    walker = pupil_on_the_address_screen(client, "QUITTE")
    response = walker.post("adresse", {}, quitter="1")
    assert response["Location"] == "/etablissement/"
    assert "Vous avez quitté l&#x27;inscription" in client.get("/etablissement/").content.decode()
    assert client.get(walker.url("etat_civil"))["Location"] == "/etablissement/"
    assert "QUITTE" not in str(dict(client.session))
    # A GET of the quit address changes nothing by itself: it asks.
    etab_login(client)
    page = client.get("/etablissement/quitter/")
    assert page.status_code == 200 and "etablissement_access" in client.session


@pytest.mark.parametrize(
    "typed", [("r1400175", "12/03/1993"), (" R 140 0175 ", "12.03.1993"), ("R1400175", "12031993")]
)
def test_a_redoublant_number_typed_with_small_letters_or_spaces_still_prefills(
    client, rennes, typed
):
    number, birth_date = typed
    walker = Walker(client, rennes)
    response = walker.post("origine", {"redoublant_number": number, "birth_date": birth_date})
    assert response.status_code == 302, errors_of(response)
    assert 'value="LE GALL"' in client.get(walker.url("etat_civil")).content.decode()
