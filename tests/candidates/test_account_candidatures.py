"""The candidate space's candidatures (seed 004 §6–13; C4–C7, C9): « Mes inscriptions »,
a new candidature by exam → session → académie, the tabs over the wizard's own screens and
service, the N° Inscription tab, « Mes documents », « Se désinscrire » — each account sees
only its own candidatures, whatever id is put in a URL."""

import datetime
import html
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inscrinet.models import AuditEvent, CandidateAccount, Dossier, DossierState, Session
from tests.candidates.journey import ACCRALL, Walker, errors_of
from tests.candidates.test_accounts import ACCRALL as ACCRALL_ACCOUNT
from tests.candidates.test_accounts import activate, activation_link, log_in, sign_up
from tests.support.tasks import run_worker

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def plain(response) -> str:
    """What a person reads: the page without its tags, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


@pytest.fixture
def cyclades(demo):
    """The demo's CAP session of Toulouse reached by candidate account (seed 004)."""
    return Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="compte"
    )


def account_client(**identity) -> Client:
    """A browser logged in to a freshly created and activated account."""
    sent = len(mail.outbox)
    sign_up(Client(), **identity)
    activate(Client(), activation_link(mail.outbox[sent]))
    client = Client()
    response = log_in(client, email=identity.get("email", ACCRALL_ACCOUNT["email"]))
    assert response["Location"] == reverse("account_candidatures")
    return client


def tabs_walk(client, session, journey=ACCRALL):
    walker = Walker(client, session, base="account_tabs")
    walker.walk(journey)
    response = walker.post("recapitulatif")
    assert response.status_code == 302, errors_of(response)
    return response


def comparable(snapshot: dict) -> dict:
    """A snapshot without what names the session (two sessions of the same exam) nor the
    pieces each session's DEC configured."""
    confirmation = {k: v for k, v in snapshot["confirmation"].items() if k != "pieces"}
    return {k: v for k, v in snapshot.items() if k != "session"} | {"confirmation": confirmation}


def test_the_tabs_store_the_same_snapshot_as_the_wizard(demo, cyclades):
    inscrinet = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    Walker(Client(), inscrinet).walk({**ACCRALL, "recapitulatif": {}})
    by_number = Dossier.objects.get(session=inscrinet)

    client = account_client()
    # The Identification tab shows the account's identity, read only.
    page = text(client.get(reverse("account_tabs", args=[cyclades.pk, "etat_civil"])))
    assert "1 - Identification" in page and "7 - N° Inscription" in page
    assert 'value="ACCRALL"' in page and "disabled" in page
    response = tabs_walk(client, cyclades)
    by_account = Dossier.objects.get(session=cyclades)
    assert response["Location"] == reverse("account_candidature", args=[cyclades.pk, 1])
    assert by_account.account == CandidateAccount.objects.get()
    assert comparable(by_account.versions.get().snapshot) == comparable(
        by_number.versions.get().snapshot
    )
    assert len(by_account.candidate_number) == 11

    # C6: the N° Inscription tab.
    page = plain(client.get(response["Location"]))
    created = timezone.localtime(by_account.versions.get().created_at)
    assert (
        f"Votre inscription a bien été prise en compte le {created:%d/%m/%Y} à {created:%H:%M}"
        in page
    )
    assert f"Votre numéro candidat : {by_account.candidate_number}" in page
    assert "Votre numéro d'inscription : 001" in page and "Version 01" in page
    closes = timezone.localtime(cyclades.public_closes_at)
    assert f"fixée le : {closes:%d/%m/%Y à %H:%M}" in page
    assert cyclades.academie.dec_email in page


def test_a_typed_identity_cannot_replace_the_account_s(demo, cyclades):
    client = account_client()
    walker = Walker(client, cyclades, base="account_tabs")
    tampered = {**ACCRALL, "etat_civil": {**ACCRALL["etat_civil"], "birth_name": "AUTRE"}}
    walker.walk({**tampered, "recapitulatif": {}})
    snapshot = Dossier.objects.get(session=cyclades).versions.get().snapshot
    assert snapshot["identite"]["birth_name"] == "ACCRALL"


def test_a_modification_stores_version_02_and_publishes_it(demo, cyclades):
    client = account_client()
    tabs_walk(client, cyclades)
    dossier = Dossier.objects.get(session=cyclades)
    run_worker()
    assert len([m for m in mail.outbox if "Confirmation d'inscription" in m.subject]) == 1

    # « Modifier »: the tabs again, pre-filled; a new address; « Enregistrer ».
    start = client.get(reverse("account_modify_resume", args=[cyclades.pk, dossier.number]))
    assert start.status_code == 302
    modify = Walker(client, cyclades, base="account_modify")
    modify.prefix = f"modification-{cyclades.pk}-{dossier.number}"
    modify.url = lambda step: reverse("account_modify", args=[cyclades.pk, dossier.number, step])
    changed = {**ACCRALL["adresse"], "line1": "3 place du Capitole"}
    for step in ("etat_civil", "adresse"):
        response = modify.post(step, ACCRALL[step] if step != "adresse" else changed)
        assert response.status_code == 302, errors_of(response)
    response = client.get(
        reverse("account_modify", args=[cyclades.pk, dossier.number, "recapitulatif"])
    )
    # Screens not reached again keep what was stored: straight to the récapitulatif.
    for step in ("autres", "etablissement", "resultats", "specialite", "diplomes"):
        modify.post(step, ACCRALL[step])
    for page in ACCRALL["acquis"]:
        modify.post("acquis", page)
    for step in ("bilan", "epreuves", "epreuves_suite"):
        modify.post(step, ACCRALL.get(step, {}))
    response = modify.post("recapitulatif")
    assert response["Location"] == reverse("account_candidature", args=[cyclades.pk, 1])
    dossier.refresh_from_db()
    assert dossier.current_version == 1
    assert dossier.versions.get(version=1).snapshot["adresse"]["line1"] == "3 place du Capitole"
    assert "Version 02" in plain(client.get(response["Location"]))

    # C7: « Mes documents » lists the current version; each publication is emailed.
    page = plain(client.get(reverse("account_documents")))
    assert "Confirmation d'inscription [PDF] : Version n°2 mis à jour le" in page
    run_worker()
    assert len([m for m in mail.outbox if "Confirmation d'inscription" in m.subject]) == 2
    pdf = client.get(reverse("account_document", args=[cyclades.pk, 1, 1, "confirmation"]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_an_account_sees_only_its_own_candidatures(demo, cyclades):
    owner = account_client()
    tabs_walk(owner, cyclades)
    dossier = Dossier.objects.get(session=cyclades)
    other = account_client(
        email="autre@example.org",
        email2="autre@example.org",
        birth_name="Durand",
        birth_name_confirmation="DURAND",
        first_names="Lou",
    )
    urls = [
        reverse("account_candidature", args=[cyclades.pk, dossier.number]),
        reverse("account_candidature_recap", args=[cyclades.pk, dossier.number]),
        reverse("account_document", args=[cyclades.pk, dossier.number, 0, "confirmation"]),
        reverse("account_withdraw", args=[cyclades.pk, dossier.number]),
        reverse("account_modify_resume", args=[cyclades.pk, dossier.number]),
        reverse("account_modify", args=[cyclades.pk, dossier.number, "adresse"]),
    ]
    for url in urls:
        assert other.get(url).status_code == 404, url
        assert other.post(url).status_code == 404, url
        assert Client().get(url)["Location"].startswith(reverse("account_login")), url
    assert "ACCRALL" not in text(other.get(reverse("account_candidatures")))
    assert "ACCRALL" not in text(other.get(reverse("account_documents")))
    dossier.refresh_from_db()
    assert dossier.state == DossierState.PRE_INSCRIT and dossier.current_version == 0


def test_withdrawal_then_a_new_candidature(demo, cyclades):
    client = account_client()
    tabs_walk(client, cyclades)
    dossier = Dossier.objects.get(session=cyclades)
    page = text(client.get(reverse("account_withdraw", args=[cyclades.pk, dossier.number])))
    assert "Attention : vous vous apprêtez à vous désinscrire." in page
    assert "vous devrez procéder à une réinscription" in page
    response = client.post(reverse("account_withdraw", args=[cyclades.pk, dossier.number]))
    assert response["Location"] == reverse("account_candidatures")
    dossier.refresh_from_db()
    assert dossier.state == DossierState.DESINSCRIT
    assert dossier.transitions.last().actor_kind == "candidat"
    assert AuditEvent.objects.filter(action="dossier.desinscrire").exists()
    run_worker()
    (withdrawal,) = [m for m in mail.outbox if m.subject.startswith("Désinscription")]
    assert withdrawal.to == [ACCRALL_ACCOUNT["email"]]
    # No longer listed, its documents still reachable.
    assert "Vous n'avez aucune candidature active." in text(
        client.get(reverse("account_candidatures"))
    )
    assert f"candidature n° {dossier.candidate_number}" in text(
        client.get(reverse("account_documents"))
    )
    # The DEC sees it as such.
    from tests.management.dec import logged_in

    dec = logged_in(Client(), "dec-toulouse")
    assert "Désinscrit par le candidat" in text(dec.get(f"/gestion/dossiers/{dossier.pk}/"))
    # A new candidature from the same account.
    tabs_walk(client, cyclades)
    assert Dossier.objects.filter(session=cyclades).count() == 2


def test_no_withdrawal_after_closing(demo, cyclades):
    client = account_client()
    tabs_walk(client, cyclades)
    dossier = Dossier.objects.get(session=cyclades)
    Session.objects.filter(pk=cyclades.pk).update(
        public_closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    page = text(client.get(reverse("account_candidature", args=[cyclades.pk, dossier.number])))
    assert "Se désinscrire" not in page
    response = client.post(reverse("account_withdraw", args=[cyclades.pk, dossier.number]))
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == DossierState.PRE_INSCRIT
    page = text(client.get(reverse("account_withdraw", args=[cyclades.pk, dossier.number])))
    assert "vous ne pouvez plus vous désinscrire en ligne" in page
    assert cyclades.academie.dec_email in page


def test_mes_inscriptions_and_a_new_candidature(demo, cyclades):
    client = account_client()
    page = text(client.get(reverse("account_candidatures")))
    assert "Vous n'avez aucune candidature active." in page
    page = text(
        client.get(
            reverse("account_candidature_new"),
            {"examen": "CAP", "session": cyclades.label, "academie": cyclades.academie.code},
        )
    )
    opens = timezone.localtime(cyclades.public_opens_at)
    assert "Les inscriptions sont ouvertes du" in page and "(heure de Paris)" in page
    assert f"{opens:%H:%M}" in page
    assert reverse("account_tabs", args=[cyclades.pk, "etat_civil"]) in page
    tabs_walk(client, cyclades)
    page = text(client.get(reverse("account_candidatures")))
    assert "Arts de la broderie" in page and "Inscrit" in page and "ACADÉMIE DE TOULOUSE" in page


def test_an_account_session_is_not_reached_by_number(demo, cyclades):
    page = text(Client().get(reverse("candidates:session_home", args=[cyclades.pk])))
    assert "Inscription depuis l'espace candidat" in page
    walker = Walker(Client(), cyclades)
    assert "Inscription depuis l'espace candidat" in text(Client().get(walker.url("origine")))
    response = walker.post("etat_civil", ACCRALL["etat_civil"])
    assert response.status_code == 403
    assert not Dossier.objects.filter(session=cyclades).exists()
    assert "Inscription depuis l'espace candidat" in text(
        Client().get(reverse("candidates:consult", args=[cyclades.pk]))
    )
