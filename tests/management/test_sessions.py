"""M1/M2 for the DEC: « Ouvrir » / « Fermer » a service takes effect on the candidate side
at once; « Initialiser une session à partir d'une autre » gives a session whose wizard
works for a new candidate, with the source's pieces and EPS pairs and no dossier."""

import pytest
from django.test import Client
from django.utils import timezone

from inscrinet.models import AuditEvent, Dossier, Session
from tests.candidates.journey import ACCRALL, Walker, errors_of
from tests.factories import submit_dossier
from tests.management.dec import logged_in, url

pytestmark = pytest.mark.django_db


def test_closing_and_opening_the_grand_public_service_take_effect_at_once(client, toulouse):
    logged_in(client, "dec-toulouse")
    candidate = Walker(Client(), toulouse)
    assert "Vous inscrire" in candidate.client.get(f"/inscription/{toulouse.pk}/").content.decode()
    response = client.post(
        url("session_service", toulouse.pk, "grand_public"), {"action": "fermer"}
    )
    assert response.status_code == 302
    closed = candidate.client.get(candidate.url("origine"))
    assert "fermé" in closed.content.decode()
    assert (
        "Les inscriptions sont ouvertes"
        not in candidate.client.get(f"/inscription/{toulouse.pk}/").content.decode()
    )
    # Closing a closed service says so; nothing changes.
    client.post(url("session_service", toulouse.pk, "grand_public"), {"action": "fermer"})
    page = client.get(url("session", toulouse.pk)).content.decode()
    assert "est déjà fermé" in page
    # Its closing date has passed: « Ouvrir » asks until when.
    client.post(url("session_service", toulouse.pk, "grand_public"), {"action": "ouvrir"})
    assert "indiquez jusqu&#x27;à quand" in client.get(url("session", toulouse.pk)).content.decode()
    client.post(
        url("session_service", toulouse.pk, "grand_public"),
        {"action": "ouvrir", "jusqu_au": "31/12/2099 18:00"},
    )
    assert "Vous inscrire" in candidate.client.get(f"/inscription/{toulouse.pk}/").content.decode()
    actions = list(
        AuditEvent.objects.filter(object_type="session").values_list("action", flat=True)
    )
    assert actions.count("session.service_ferme") == 1 and "session.service_ouvert" in actions


def test_a_session_initialised_from_another_takes_a_new_candidate_and_no_dossier(client, toulouse):
    submit_dossier(toulouse)
    logged_in(client, "dec-toulouse")
    source_settings = client.get(url("session", toulouse.pk)).content.decode()
    assert "Course de demi-fond" in source_settings or toulouse.eps_pairs.exists() is False
    response = client.post(
        url("session_copy", toulouse.pk),
        {
            "label": "2027-11",
            "exam_year": toulouse.exam_year,
            "public_opens_at": "01/01/2020 08:00",
            "public_closes_at": "31/12/2099 18:00",
            "etablissement_opens_at": "01/01/2020 08:00",
            "etablissement_closes_at": "31/12/2099 18:00",
            "confirmation_return_date": "15/03/2027",
            "confirmation_return_days": "10",
            "information_note": "Note de la nouvelle session",
            "emails_confirmation": "on",
        },
    )
    assert response.status_code == 302, errors_of(response)
    new = Session.objects.get(label="2027-11")
    assert (new.exam_id, new.academie_id) == (toulouse.exam_id, toulouse.academie_id)
    assert sorted(new.pieces.values_list("label", flat=True)) == sorted(
        toulouse.pieces.values_list("label", flat=True)
    )
    assert sorted(new.eps_pairs.values_list("first_activity", "second_activity")) == sorted(
        toulouse.eps_pairs.values_list("first_activity", "second_activity")
    )
    assert not new.dossiers.exists() and toulouse.dossiers.count() == 1
    # The same label again is refused in French, on the form.
    again = client.post(url("session_copy", toulouse.pk), {"label": "2027-11", "exam_year": "2027"})
    assert again.status_code == 200
    # A new candidate registers in the new session with the wizard, end to end.
    walker = Walker(Client(), new)
    validated = walker.walk(ACCRALL)  # up to « Valider » on the récapitulatif
    assert "/inscription/validation/" in validated["Location"]
    dossier = Dossier.objects.get(session=new)
    assert dossier.number == 1 and dossier.birth_name == "ACCRALL"
    assert AuditEvent.objects.filter(action="session.initialisee", object_id=str(new.pk)).exists()


def test_session_settings_pieces_and_eps_pairs_are_saved_and_audited(client, toulouse):
    logged_in(client, "dec-toulouse")
    page = client.post(
        url("session_eps", toulouse.pk), {"pairs": "Natation + Badminton\nsans séparateur"}
    )
    assert "Ligne 2 : séparez les deux activités par « + »" in page.content.decode()
    client.post(
        url("session_eps", toulouse.pk),
        {"pairs": "Natation + Badminton\n\nAcrosport + Tennis de table"},
    )
    assert list(toulouse.eps_pairs.values_list("first_activity", "second_activity")) == [
        ("Natation", "Badminton"),
        ("Acrosport", "Tennis de table"),
    ]
    form = {
        "pieces-TOTAL_FORMS": "1",
        "pieces-INITIAL_FORMS": "0",
        "pieces-0-case": "handicap",
        "pieces-0-label": "Avis du médecin <désigné>",
    }
    assert client.post(url("session_pieces", toulouse.pk), form).status_code == 302
    assert list(toulouse.pieces.values_list("case", "label")) == [
        ("handicap", "Avis du médecin <désigné>")
    ]
    page = client.get(url("session", toulouse.pk)).content.decode()
    assert "Avis du médecin &lt;désigné&gt;" in page
    bad_dates = client.post(
        url("session", toulouse.pk),
        {
            "public_opens_at": "10/01/2027 08:00",
            "public_closes_at": "01/01/2027 08:00",
            "etablissement_opens_at": "32/01/2027",
            "etablissement_closes_at": "01/02/2027 08:00",
            "confirmation_return_date": "15/03/2027",
            "confirmation_return_days": "10",
        },
    )
    text = bad_dates.content.decode()
    assert bad_dates.status_code == 200 and "La fermeture doit suivre l&#x27;ouverture" in text
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"session.couples_eps", "session.pieces"} <= actions


@pytest.mark.parametrize(
    "typed",
    [
        "15/01/2027 08:30",
        "15/01/2027 8:30",
        "15/01/2027 8h30",
        "15/01/2027 à 08h30",
        "15/01/2027 08H30",
    ],
)
def test_a_service_hour_is_typed_as_french_is_written(typed):
    from management.forms import _datetime_field

    opens = _datetime_field("Ouverture").clean(typed)
    assert timezone.localtime(opens).strftime("%d/%m/%Y %H:%M") == "15/01/2027 08:30"
    assert str(timezone.localtime(opens).tzinfo) == "Europe/Paris"


@pytest.mark.parametrize(
    "typed", ["01/12/2026", "1/12/2026", "01.12.2026", "01-12-2026", "01 12 2026"]
)
def test_a_date_of_the_space_is_typed_as_people_type_it(typed):
    from management.forms import AuditFilterForm

    form = AuditFilterForm({"du": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["du"].isoformat() == "2026-12-01"
