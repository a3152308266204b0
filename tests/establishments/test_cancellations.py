"""S7: cancel then reactivate a pupil's pre-registration through the move function, with
the establishment as actor; the candidate sees it; nothing of another establishment."""

import pytest
from django.test import Client
from django.urls import reverse

from inscrinet.models import AuditEvent, Dossier, Etablissement, Session
from tests.candidates.journey import ACCRALL, as_pupil, school_walker
from tests.establishments.suivi import logged_in, url
from tests.factories import submit_dossier

pytestmark = pytest.mark.django_db


@pytest.fixture
def pupil(demo):
    """A pupil of LYC BELLEVUE registered from the school (E1), whose browser keeps the
    dossier unlocked; and a pupil of another establishment."""
    toulouse = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    browser = Client()
    school_walker(browser, toulouse, "0310038Y").walk(as_pupil(ACCRALL, ("CAP", "SCO")))
    other = Etablissement.objects.filter(academie=toulouse.academie).exclude(code="0310038Y")
    stranger = submit_dossier(toulouse, birth_name="ETRANGER", etablissement=other.first())
    return browser, Dossier.objects.get(birth_name="ACCRALL"), stranger


def dossier_page(browser, dossier):
    return browser.get(
        reverse("candidates:dossier", args=[dossier.session_id, dossier.number])
    ).content.decode()


def test_cancel_then_reactivate_leaves_two_transitions_and_two_audit_rows(client, pupil):
    browser, dossier, stranger = pupil
    logged_in(client)
    table = client.get(url("cancellations")).content.decode()
    assert "ACCRALL - DACK" in table and "ETRANGER" not in table
    confirm = client.post(url("cancellations"), {"dossier": [dossier.pk]}).content.decode()
    assert "Confirmer les changements" in confirm and "sera annulée" in confirm
    assert Dossier.objects.get(pk=dossier.pk).state == "pre_inscrit"  # not before confirming
    cancel = {"dossier": [dossier.pk], f"action-{dossier.pk}": "annuler_etablissement"}
    client.post(url("cancellations"), {**cancel, "confirmer": "1"})
    assert Dossier.objects.get(pk=dossier.pk).state == "annule"
    # « Confirmer » replayed (double click, Back then again): nothing is undone.
    replay = client.post(url("cancellations"), {**cancel, "confirmer": "1"}, follow=True)
    assert Dossier.objects.get(pk=dossier.pk).state == "annule"
    assert "n&#x27;est pas possible" in replay.content.decode() or (
        "n'est pas possible" in replay.content.decode()
    )
    page = dossier_page(browser, dossier)
    assert "Annulée par votre établissement" in page and ">Modifier</a>" not in page
    table = client.get(url("cancellations")).content.decode()
    assert "fr-icon-close-line" in table
    confirm = client.post(url("cancellations"), {"dossier": [dossier.pk]}).content.decode()
    assert "sera réactivée" in confirm
    reactivate = {"dossier": [dossier.pk], f"action-{dossier.pk}": "reactiver"}
    client.post(url("cancellations"), {**reactivate, "confirmer": "1"})
    assert Dossier.objects.get(pk=dossier.pk).state == "pre_inscrit"
    assert ">Modifier</a>" in dossier_page(browser, dossier)
    moves = dossier.transitions.exclude(from_state="").order_by("id")
    assert [(t.from_state, t.to_state, t.actor_kind) for t in moves] == [
        ("pre_inscrit", "annule", "etablissement"),
        ("annule", "pre_inscrit", "etablissement"),
    ]
    audit = AuditEvent.objects.filter(
        object_id=str(dossier.pk), action__in=["dossier.annuler_etablissement", "dossier.reactiver"]
    )
    assert audit.count() == 2
    assert {a.actor_label for a in audit} == {"établissement 0310038Y (accès suivi)"}


def test_another_establishments_pupil_is_a_404_everywhere(client, pupil):
    _, dossier, stranger = pupil
    logged_in(client)
    for response in (
        client.post(url("cancellations"), {"dossier": [stranger.pk]}),
        client.post(
            url("cancellations"),
            {
                "dossier": [dossier.pk, stranger.pk],
                f"action-{dossier.pk}": "annuler_etablissement",
                f"action-{stranger.pk}": "annuler_etablissement",
                "confirmer": "1",
            },
        ),
        client.post(
            url("cancellations"),
            {"dossier": [dossier.pk], f"action-{dossier.pk}": "desinscrire", "confirmer": "1"},
        ),
        client.post(url("cancellations"), {"dossier": ["x"]}),
        client.get(url("dossier", stranger.pk)),
        client.get(url("document", stranger.pk, 0, "confirmation")),
    ):
        assert response.status_code == 404
    assert Dossier.objects.get(pk=dossier.pk).state == "pre_inscrit"
    assert Dossier.objects.get(pk=stranger.pk).state == "pre_inscrit"


def test_the_establishment_reads_its_pupils_dossier_and_documents(client, pupil):
    _, dossier, _ = pupil
    logged_in(client)
    page = client.get(url("dossier", dossier.pk)).content.decode()
    assert "ACCRALL" in page and "Récapitulatif de la version 0" in page
    response = client.get(url("document", dossier.pk, 0, "confirmation"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert client.get(url("document", dossier.pk, 7, "confirmation")).status_code == 404
    assert client.get(url("document", dossier.pk, 0, "autre")).status_code == 404
    assert Client().get(url("dossier", dossier.pk)).status_code == 302  # not logged in
