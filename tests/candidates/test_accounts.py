"""Cyclades candidate accounts (seed 004 §3–4, C1–C3): « Créer mon compte » with the seed's
fields, the activation link (works at 47 h, not at 49 h), the purge of accounts not
activated in 48 h, one account per email whatever its case, the same answer whether an
address exists or not, « Me connecter » with the shared lockout, « Mot de passe oublié »,
and « Modifier mon compte » / « Supprimer » before and after a first candidature."""

import datetime
import html
import re
import time
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inscrinet.middleware import LAST_SEEN_KEY
from inscrinet.models import AuditEvent, CandidateAccount, Session, User
from inscrinet.services.candidate_accounts import unactivated_accounts_purge
from tests.factories import submit_dossier

pytestmark = pytest.mark.django_db
PASSWORD = "Brioche.2004"
ACCRALL = {
    "civilite": "M",
    "birth_name": "Accrall",
    "birth_name_confirmation": "ACCRALL",
    "usage_name": "",
    "first_names": "Dack",
    "birth_date": "28/11/2004",
    "birth_date_confirmation": "28/11/2004",
    "birth_departement": "014",
    "birth_commune": "May sur Orne",
    "birth_country": "",
    "email": "accrall@ac-rennes.fr",
    "email2": "accrall@ac-rennes.fr",
    "password1": PASSWORD,
    "password2": PASSWORD,
}


def text(response) -> str:
    return html.unescape(response.content.decode())


def sign_up(client, **changes):
    return client.post(reverse("account_signup"), {**ACCRALL, **changes})


def activation_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/compte/activer/[^\s]+/)", message.body).group(1)


def activate(client, link):
    return client.post(link)


def log_in(client, email=ACCRALL["email"], password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_create_activate_and_log_in(client, demo):
    response = sign_up(client)
    assert response["Location"] == reverse("account_email_verification_sent")
    page = text(client.get(response["Location"]))
    assert "Je n'ai pas reçu le mail, effectuer un nouvel envoi" in page
    account = CandidateAccount.objects.get()
    assert (account.birth_name, account.first_names, account.birth_commune) == (
        "ACCRALL",
        "Dack",
        "May-sur-Orne",
    )
    assert str(account.birth_date) == "28/11/2004"
    (message,) = mail.outbox
    assert message.subject == "[Inscrinet] Activer mon compte"
    assert "48 heures" in message.body
    # Not activated yet: « Me connecter » sends the link again instead of logging in.
    assert log_in(Client())["Location"] == reverse("account_email_verification_sent")
    link = activation_link(message)
    assert "Activer mon compte" in text(client.get(link))  # a GET activates nothing
    assert not EmailAddress.objects.get().verified
    activate(client, link)
    assert EmailAddress.objects.get().verified
    visitor = Client()
    assert log_in(visitor)["Location"] == reverse("account_candidatures")
    home = text(visitor.get(reverse("candidate_account_home")))
    assert "ACCRALL" in home and "accrall@ac-rennes.fr" in home
    assert AuditEvent.objects.filter(action="compte.cree").count() == 1


@pytest.mark.parametrize(("hours", "works"), [(47, True), (49, False)])
def test_the_activation_link_lasts_48_hours(client, demo, hours, works):
    sign_up(client)
    link = activation_link(mail.outbox[0])
    later = timezone.now() + datetime.timedelta(hours=hours)
    # The link is signed with its time (django.core.signing reads time.time()).
    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        mock.patch("time.time", return_value=later.timestamp()),
    ):
        page = text(client.get(link))
        activate(client, link)
    assert EmailAddress.objects.get().verified is works
    assert ("Ce lien d'activation n'est plus valable" in page) is not works


def test_an_account_not_activated_in_48_hours_is_erased(demo):
    sign_up(Client())
    sign_up(Client(), email="autre@example.org", email2="autre@example.org")
    activate(Client(), activation_link(mail.outbox[1]))
    now = timezone.now()
    assert unactivated_accounts_purge(now + datetime.timedelta(hours=47)) == 0
    assert unactivated_accounts_purge(now + datetime.timedelta(hours=49)) == 1
    assert list(
        User.objects.filter(candidate_account__isnull=False).values_list("email", flat=True)
    ) == ["autre@example.org"]
    assert not CandidateAccount.objects.filter(
        birth_name="ACCRALL", user__email="accrall@ac-rennes.fr"
    ).exists()
    assert AuditEvent.objects.filter(action="compte.purge").count() == 1


def test_one_account_per_email_and_the_same_answer_either_way(demo):
    first = sign_up(Client())
    activate(Client(), activation_link(mail.outbox[0]))
    cache.clear()  # later than allauth's « one email per address every 3 minutes »
    again = sign_up(Client(), email="ACCRALL@AC-Rennes.fr", email2="ACCRALL@AC-Rennes.fr")
    assert first["Location"] == again["Location"] == reverse("account_email_verification_sent")
    assert User.objects.filter(candidate_account__isnull=False).count() == 1
    assert "existe déjà" in mail.outbox[-1].subject  # told by email, not on the page
    # « Mot de passe oublié »: the same page for a known and an unknown address.
    known = Client().post(reverse("account_reset_password"), {"email": ACCRALL["email"]})
    unknown = Client().post(reverse("account_reset_password"), {"email": "x@example.org"})
    assert known["Location"] == unknown["Location"]
    # The resend page too.
    for email in (ACCRALL["email"], "x@example.org"):
        response = Client().post(
            reverse("account_resend_activation"), {"email": email}, follow=True
        )
        assert "Si un compte en attente d'activation existe" in text(response)


@pytest.mark.parametrize(
    ("password", "accepted"),
    [
        ("Brioche.2004", True),  # seed 004's rule
        ("brioche2004", False),  # no upper case, no special character
        ("Ab.1", False),  # too short
        ("une longue phrase de passe sans majuscule ni signe", True),
        ("x" * 60 + "Tt.9", True),  # 64 characters
        ("P@ssw0rd", False),  # common (in Django's list of 20,000)
    ],
)
def test_password_rules(client, demo, password, accepted):
    response = sign_up(client, password1=password, password2=password)
    assert (response.status_code == 302) is accepted, text(response)[:0]
    if not accepted:
        assert "Mot de passe" in text(response)


def test_the_identity_is_checked_like_the_wizard(client, demo):
    response = sign_up(
        client,
        birth_name_confirmation="AKRAL",
        birth_date_confirmation="29/11/2004",
        email2="y@x.fr",
    )
    page = text(response)
    assert response.status_code == 200 and not CandidateAccount.objects.exists()
    assert "La confirmation ne correspond pas au nom de naissance." in page
    assert "La confirmation ne correspond pas à la date de naissance." in page
    assert 'id="resume-erreurs"' in page


def test_a_birth_date_confirmed_as_typed_differently_is_the_same_date(client, demo):
    """« 1/5/2004 » then « 01.05.2004 »: one date, as the wizard reads both."""
    response = sign_up(client, birth_date="1/5/2004", birth_date_confirmation="01.05.2004")
    assert response.status_code == 302, text(response)[:3000]
    assert str(CandidateAccount.objects.get().birth_date) == "01/05/2004"


def test_log_in_lockout_and_back_office_emails(client, demo):
    sign_up(Client())
    activate(Client(), activation_link(mail.outbox[0]))
    statuses = [log_in(client, password="Mauvais.mdp1").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]  # the 5th failure locks
    locked = log_in(client)  # the right password, but too late
    assert locked.status_code == 429 and "Connexion bloquée" in text(locked)
    # A back-office person's email never opens the candidate space, nor gets a reset link.
    dec = User.objects.get(username="dec-toulouse")
    dec.email = "dec@ac-toulouse.fr"
    dec.set_password(PASSWORD)
    dec.save()
    elsewhere = Client(REMOTE_ADDR="192.0.2.50")  # the first address is locked
    response = log_in(elsewhere, email="dec@ac-toulouse.fr")
    assert response.status_code == 200 and "ne sont pas corrects" in text(response)
    refused = log_in(elsewhere, email="dec-toulouse")  # a username: refused
    assert refused.status_code == 200 and "_auth_user_id" not in elsewhere.session
    mail.outbox.clear()
    Client().post(reverse("account_reset_password"), {"email": "dec@ac-toulouse.fr"})
    assert mail.outbox == []


def test_reset_by_email(client, demo):
    sign_up(Client())
    activate(Client(), activation_link(mail.outbox[0]))
    Client().post(reverse("account_reset_password"), {"email": "Accrall@ac-rennes.fr"})
    link = re.search(r"https?://[^/\s]+(/compte/mot-de-passe/[^\s]+/)", mail.outbox[-1].body)[1]
    form = client.get(link, follow=True)
    new = "Nouveau.mot2passe"
    response = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link,
        {"password1": new, "password2": new},
    )
    assert response.status_code == 302
    assert log_in(Client(), password=new)["Location"] == reverse("account_candidatures")


def test_modify_and_delete_before_and_after_a_first_candidature(client, demo):
    sign_up(Client())
    activate(Client(), activation_link(mail.outbox[0]))
    log_in(client)
    account = CandidateAccount.objects.get()
    changed = {**ACCRALL, "usage_name": "Martin", "first_names": "Dack, Paul"}
    response = client.post(reverse("candidate_account_edit"), changed)
    assert response["Location"] == reverse("candidate_account_home")
    account.refresh_from_db()
    assert (account.usage_name, account.first_names) == ("MARTIN", "Dack, Paul")
    # A candidature exists: only the email and the password stay editable.
    session = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    dossier = submit_dossier(session)
    dossier.account = account
    dossier.save(update_fields=["account"])
    page = text(client.get(reverse("candidate_account_edit")))
    assert "ne sont pas modifiables car vous avez au moins une inscription en cours" in page
    # … and names whom to contact: the service des examens of the candidature's académie.
    academie = session.academie
    assert f"Académie de {academie.name} : {academie.dec_service}, {academie.dec_email}" in page
    response = client.post(reverse("candidate_account_edit"), {**changed, "first_names": "Autre"})
    account.refresh_from_db()
    assert account.first_names == "Dack, Paul"
    assert client.post(reverse("candidate_account_delete")).status_code == 302
    assert CandidateAccount.objects.filter(pk=account.pk).exists()
    # Without the candidature, « Supprimer » erases the account and logs out.
    dossier.account = None
    dossier.save(update_fields=["account"])
    client.post(reverse("candidate_account_delete"))
    assert (
        not CandidateAccount.objects.exists()
        and not User.objects.filter(email=ACCRALL["email"]).exists()
    )
    assert client.get(reverse("candidate_account_home"))["Location"] == reverse("account_login")


def test_change_the_email_once_the_new_one_is_verified(client, demo):
    sign_up(Client())
    activate(Client(), activation_link(mail.outbox[0]))
    log_in(client)
    response = client.post(
        reverse("account_email"), {"email": "Dack.Accrall@Example.org", "action_add": ""}
    )
    assert response.status_code == 302
    page = text(client.get(reverse("account_email")))
    assert "Changement en attente" in page and "dack.accrall@example.org" in page
    # Until the link is followed, the old address stays the login.
    assert log_in(Client(REMOTE_ADDR="192.0.2.60"))["Location"] == reverse("account_candidatures")
    cache.clear()
    (message,) = [m for m in mail.outbox if m.to == ["dack.accrall@example.org"]]
    activate(client, activation_link(message))
    user = User.objects.get(candidate_account__isnull=False)
    assert user.email == "dack.accrall@example.org"
    assert list(EmailAddress.objects.filter(user=user).values_list("email", flat=True)) == [
        "dack.accrall@example.org"
    ]
    assert log_in(Client(REMOTE_ADDR="192.0.2.61"), email="dack.accrall@example.org")[
        "Location"
    ] == reverse("account_candidatures")
    old = log_in(Client(REMOTE_ADDR="192.0.2.62"))
    assert old.status_code == 200


def test_a_gestionnaire_in_the_same_browser_gets_the_login_page_not_a_loop(client, demo):
    from tests.management.dec import logged_in

    logged_in(client, "dec-toulouse")
    assert client.get(reverse("candidate_account_home"))["Location"] == reverse("account_login")
    assert client.get(reverse("account_login")).status_code == 200
    assert client.get(reverse("account_signup")).status_code == 200


def test_an_hour_without_activity_logs_the_account_out(client, demo, settings):
    sign_up(Client())
    activate(Client(), activation_link(mail.outbox[0]))
    log_in(client)
    assert client.get(reverse("account_candidatures")).status_code == 200
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - settings.INSCRINET_IDLE_TIMEOUT - 5
    session.save()
    response = client.get(reverse("account_candidatures"))
    assert response["Location"].startswith(reverse("account_login"))
    page = text(client.get(response["Location"]))
    assert "Votre session a expiré après une heure sans activité" in page
