"""Bad input and hard cases of the wizard (issue 3), through the test client."""

import copy
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inscrinet.models import Dossier, Session
from tests.candidates.journey import ACCRALL, Walker, errors_of, without_acquis
from tests.factories import submit_dossier


@pytest.fixture
def walker(client, toulouse):
    return Walker(client, toulouse)


def journey(**changes):
    data = copy.deepcopy(ACCRALL)
    for step, values in changes.items():
        data[step].update(values)
    return data


# --- G3: errors on the screen they belong to ----------------------------------------------


@pytest.mark.parametrize(
    ("step", "values", "expected"),
    [
        ("etat_civil", {"birth_name": ""}, "Nom de famille : Ce champ est obligatoire."),
        ("etat_civil", {"birth_date": "31/02/2004"}, "Cette date de naissance n'existe pas."),
        ("etat_civil", {"birth_date": "00/00/04"}, "jj/mm/aaaa"),
        ("etat_civil", {"birth_departement": "099", "birth_country": ""}, "pays de naissance"),
        ("etat_civil", {"birth_departement": "075", "birth_commune": "Paris"}, "arrondissement"),
        (
            "etat_civil",
            {"birth_commune": "Nulle-Part-sur-Mer"},
            "n'est pas une commune du département 014",
        ),
        ("adresse", {"postal_code": "3100"}, "5 chiffres"),
        ("adresse", {"postal_code": "99999"}, "réservé aux candidats résidant à l'étranger"),
        ("adresse", {"email_confirmation": "autre@example.org"}, "sont différentes"),
        ("adresse", {"email": "pas-une-adresse"}, "adresse électronique valide"),
        ("adresse", {"mobile_phone": "0106060606"}, "numéro de mobile français"),
        ("adresse", {"mobile_phone": ""}, "Téléphone mobile : Ce champ est obligatoire."),
        (
            "autres",
            {"handicap": ""},
            "Répondez à la question « Êtes-vous en situation de handicap ? »",
        ),
        (
            "etablissement",
            {"etablissement": "0310038Y"},
            "Choisissez un établissement de la liste.",
        ),
        ("resultats", {"consent_press": ""}, "Répondez à la question"),
        ("specialite", {"specialty": ""}, "Spécialité : Ce champ est obligatoire."),
    ],
)
def test_each_screen_stays_and_lists_its_errors(walker, step, values, expected):
    steps = list(ACCRALL)
    walker.walk(
        {s: ACCRALL[s] for s in steps[: steps.index(step)]}, until=steps[steps.index(step) - 1]
    )
    response = walker.post(step, {**ACCRALL[step], **values})
    assert response.status_code == 200  # Suite stays on the screen
    assert any(expected in e for e in errors_of(response)), errors_of(response)
    assert 'class="fr-alert fr-alert--error' in response.content.decode()


def test_error_summary_links_to_the_field(walker):
    walker.walk({"origine": {}}, until="origine")
    html = walker.post(
        "etat_civil", {**ACCRALL["etat_civil"], "civilite": "", "birth_name": ""}
    ).content.decode()
    assert 'href="#id_etat_civil-birth_name"' in html
    assert 'href="#id_etat_civil-civilite_0"' in html  # radio group: first radio


def test_birth_abroad_and_residence_abroad(client, demo):
    limoges = Session.objects.get(exam__code="CAP", academie__name="Limoges")
    walker = Walker(client, limoges)
    data = journey(
        etat_civil={
            "birth_departement": "099",
            "birth_commune": "Liège",
            "birth_country": "BE",
            "birth_date": "03/04/1990",
        },
        adresse={
            "resides_abroad": "oui",
            "line1": "Rue Haute 12",
            "lieu_dit": "4000",
            "postal_code": "99999",
            "city": "BELGIQUE",
            "mobile_phone": "+32 470 12 34 56",
        },
        autres={"categorie": ("CAP", "AI")},
        etablissement={"etablissement": "08700001"},
        specialite={"specialty": "Boulanger"},
    )
    # An individual candidate of Limoges sits EPS: a pair of seed 001, or « dispensé ».
    data = without_acquis(data, {"position_EFL": "Non inscrit", "eps_EG3": "dispense"})
    walker.walk(data)
    assert Dossier.objects.get().versions.get().snapshot["adresse"]["postal_code"] == "99999"
    assert Dossier.objects.get().display_number == "1 - 0"


def test_unknown_french_postal_code_is_a_warning_not_a_refusal(client, walker):
    walker.walk(journey(adresse={"postal_code": "31999"}), until="adresse")
    html = client.get(walker.url("autres")).content.decode()
    assert "31999 ne figure pas dans notre liste" in html


def test_merged_commune_is_found_and_free_text_is_a_last_resort(walker):
    walker.walk({"origine": {}}, until="origine")
    response = walker.post(
        "etat_civil", {**ACCRALL["etat_civil"], "birth_commune": "Hameau Inconnu"}
    )
    assert response.status_code == 200
    response = walker.post(
        "etat_civil",
        {**ACCRALL["etat_civil"], "birth_commune": "Hameau Inconnu", "birth_commune_free": "on"},
    )
    assert response.status_code == 302


def test_individual_candidate_must_be_of_age_in_limoges(client, demo):
    limoges = Session.objects.get(exam__code="CAP", academie__name="Limoges")
    walker = Walker(client, limoges)
    young = f"01/01/{limoges.exam_year - 17}"
    walker.walk(journey(etat_civil={"birth_date": young}), until="adresse")
    response = walker.post("autres", {**ACCRALL["autres"], "categorie": ("CAP", "AI")})
    assert any("majeurs au 31 décembre" in e for e in errors_of(response))


# --- G3: Retour, Abandon, expired session --------------------------------------------------


def test_retour_keeps_what_was_typed_without_errors(client, walker):
    walker.walk({"origine": {}}, until="origine")
    partial = {"birth_name": "ACCRALL", "first_names": "Dack", "birth_date": "28/11/20"}
    response = walker.post("etat_civil", partial, wizard_goto_step="origine")
    assert response.status_code == 302 and response["Location"].endswith("/origine/")
    html = client.get(walker.url("etat_civil")).content.decode()
    assert 'value="ACCRALL"' in html and 'value="28/11/20"' in html
    assert "resume-erreurs" not in html  # shown again unbound: no errors yet


def test_abandon_asks_then_discards_everything(client, walker, toulouse):
    walker.walk(ACCRALL, until="adresse")
    response = walker.post("autres", {"handicap": "oui"}, abandon="1")
    assert response["Location"].endswith(f"/inscription/{toulouse.pk}/abandon/")
    assert "Oui, abandonner" in client.get(response["Location"]).content.decode()
    client.post(response["Location"])
    # Nothing is kept: the wizard starts again from its first screen.
    assert client.get(walker.url("adresse"))["Location"].endswith("/origine/")
    assert not Dossier.objects.exists()


def test_expired_session_is_said_plainly(client, toulouse):
    walker = Walker(client, toulouse)  # a browser whose wizard state has gone
    response = walker.post("adresse", ACCRALL["adresse"])
    assert response.status_code == 200
    assert "Votre saisie a expiré" in response.content.decode()


# --- G11, G17, G20 -----------------------------------------------------------------------


def test_second_specialty_refused_on_the_specialty_screen(walker, toulouse):
    boulanger = toulouse.exam.specialties.get(label="Boulanger")
    submit_dossier(toulouse, birth_name="ACCRALL", first_names="Dack", specialty=boulanger)
    typed = journey(etat_civil={"birth_name": "accrâll", "first_names": "DACK"})
    walker.walk(typed, until="resultats")
    response = walker.post("specialite", typed["specialite"])
    assert any("« Boulanger »" in e for e in errors_of(response)), errors_of(response)
    assert Dossier.objects.count() == 1


def test_replayed_valider_and_get_of_done_create_one_dossier(client, walker):
    walker.walk(ACCRALL, until="epreuves")
    client.get(walker.url("recapitulatif"))
    state = dict(client.session.items())
    first = walker.post("recapitulatif")
    # A double click: the second request carries the wizard state the first one read.
    session = client.session
    session.update(state)
    session.save()
    second = walker.post("recapitulatif")
    assert Dossier.objects.count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]
    # A GET of the done step with the same state again: still one dossier.
    session = client.session
    session.update(state)
    session.save()
    client.get(walker.url("done"))
    assert Dossier.objects.count() == 1
    # A replay after the wizard was reset is an expired wizard, not a new dossier.
    assert "Votre saisie a expiré" in walker.post("recapitulatif").content.decode()
    assert Dossier.objects.count() == 1


def test_session_closing_while_in_the_wizard(walker, toulouse):
    walker.walk(ACCRALL, until="epreuves")
    Session.objects.filter(pk=toulouse.pk).update(
        public_closes_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = walker.post("recapitulatif")
    assert response.status_code == 403
    assert "Le service d'inscription est fermé" in response.content.decode()
    assert not Dossier.objects.exists()


def test_validation_page_is_only_for_the_browser_that_validated(client, walker):
    walker.walk(ACCRALL)
    url = reverse("candidates:validated", args=[Dossier.objects.get().submission_key])
    assert client.get(url).status_code == 200
    client.logout()
    client.cookies.clear()
    assert client.get(url).status_code == 404


# --- seed details (issue « What a real candidate trips on », small defect 9) ---------------


def test_seed_details_retour_on_origine_usage_name_upper_case_and_quitter(client, toulouse):
    from django.urls import reverse

    from inscrinet.models import DossierVersion
    from tests.candidates.journey import ACCRALL, Walker

    walker = Walker(client, toulouse)
    origine = client.get(walker.url("origine")).content.decode()
    home = reverse("candidates:session_home", args=[toulouse.pk])
    assert f'href="{home}">Retour</a>' in origine  # seed 000: « Retour » on every screen
    journey = dict(ACCRALL)
    journey["etat_civil"] = {**ACCRALL["etat_civil"], "usage_name": "de la Fontaine"}
    validated = walker.walk(journey)
    assert DossierVersion.objects.get().snapshot["identite"]["usage_name"] == "DE LA FONTAINE"
    page = client.get(validated.url).content.decode()
    # Seed 000's validation page: « Imprimer » and « Quitter », no « Retour à l'accueil ».
    assert "Imprimer le récapitulatif" in page and ">Quitter</button>" in page
    assert "Retour à l&#x27;accueil" not in page
    assert client.post(reverse("candidates:quit"))["Location"] == "/"
    assert client.get(validated.url).status_code == 404  # this browser forgot the dossier
    assert client.get(reverse("candidates:quit")).status_code == 405


def test_one_separator_between_an_epreuve_code_and_its_label():
    from inscrinet import rules

    assert rules.epreuve_title("EG1", "FRANCAIS", "--") == "EG1 -- FRANCAIS"
    assert rules.epreuve_title("E1-", "FRANCAIS", "--") == "E1- FRANCAIS"
    assert rules.epreuve_title("E1-", "CULTURE GENERALE") == "E1- CULTURE GENERALE"


def test_a_birth_date_typed_on_a_phone_keypad_is_kept_as_jj_mm_aaaa(walker):
    """G5 on a phone: the digit keypad has no « / »; « 28112004 » is 28/11/2004 on every
    screen after, in the dossier and in G11's identity check."""
    validated = walker.walk(journey(etat_civil={"birth_date": "28112004"}))
    assert "/inscription/validation/" in validated["Location"], errors_of(validated)
    dossier = Dossier.objects.get()
    assert (dossier.birth_day, dossier.birth_month, dossier.birth_year) == (28, 11, 2004)
    assert dossier.versions.get().snapshot["identite"]["birth_date"] == "28/11/2004"


def test_a_postal_code_written_with_a_space_is_kept_in_five_digits(walker):
    """« 31 000 », as some write it: not refused for its space (nor cut by the page's
    maxlength), kept as 31000; a phone offers its digit keypad."""
    from candidates.forms.identite import AdresseForm

    field = str(AdresseForm()["postal_code"])
    assert 'inputmode="numeric"' in field and 'maxlength="10"' in field
    validated = walker.walk(journey(adresse={"postal_code": " 31 000 "}))
    assert "/inscription/validation/" in validated["Location"], errors_of(validated)
    assert Dossier.objects.get().versions.get().snapshot["adresse"]["postal_code"] == "31000"


@pytest.mark.parametrize(
    "typed, kept",
    [
        ("06 12 34 56 78", "0612345678"),
        ("06.12.34.56.78", "0612345678"),
        ("06-12-34-56-78", "0612345678"),
        ("+33 6 12 34 56 78", "+33612345678"),
        ("+33 (0)6 12 34 56 78", "+33612345678"),
        ("+33 06 12 34 56 78", "+33612345678"),
        ("0033 (0)7 12 34 56 78", "0033712345678"),
    ],
)
def test_a_mobile_number_written_as_people_write_it(typed, kept):
    from candidates.forms.identite import AdresseForm

    data = {**ACCRALL["adresse"], "mobile_phone": typed}
    form = AdresseForm(data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["mobile_phone"] == kept


def test_names_typed_with_extra_spaces_are_kept_as_printed(walker):
    """« le  gall », « Jean  Pierre ,  Marie », « d' Anjou »: one space, none around a
    hyphen or an apostrophe, as the documents print them."""
    validated = walker.walk(
        journey(
            etat_civil={
                "birth_name": "  le  gall - d' anjou ",
                "first_names": "Jean  Pierre ,  Marie-  Anne",
            }
        )
    )
    assert "/inscription/validation/" in validated["Location"], errors_of(validated)
    dossier = Dossier.objects.get()
    assert (dossier.birth_name, dossier.first_names) == (
        "LE GALL-D'ANJOU",
        "Jean Pierre, Marie-Anne",
    )
