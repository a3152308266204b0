"""Reminders (beyond the seeds): a gestionnaire previews then sends a reminder to every
candidate of a session in a chosen state; exactly one email per matching candidate even if
the task runs twice or the SMTP server fails once; bounded rate; audited."""

import html
import re
import threading
from unittest import mock

import pytest
from django.core import mail

from inscrinet.models import (
    AuditEvent,
    CampaignEmail,
    DossierState,
    MailCampaign,
    Session,
)
from inscrinet.services.campaigns import campaign_run
from inscrinet.services.dossier_states import dossier_move
from tests.factories import submit_dossier
from tests.management.dec import logged_in, url
from tests.support.tasks import make_due, run_worker

pytestmark = pytest.mark.django_db
FORM = {
    "audience": DossierState.PRE_INSCRIT,
    "subject": "Rappel : confirmation signée",
    "body": "Bonjour,\nVotre confirmation signée n'est pas encore arrivée.",
}


@pytest.fixture
def session(demo, settings):
    settings.INSCRINET_REMINDERS_PER_SECOND = 0
    session = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    dossiers = [
        submit_dossier(session, birth_name=f"NOM{i}", email=f"c{i}@example.org") for i in range(4)
    ]
    from inscrinet.actors import DecActor
    from inscrinet.models import User

    user = User.objects.get(username="dec-toulouse")
    actor = DecActor(user_id=user.pk, username=user.username, academie_id=user.academie_id)
    dossier_move(dossier=dossiers[0], event="rendre_definitif", actor=actor)
    run_worker()  # the confirmations of the dossiers, out of the way
    mail.outbox.clear()
    return session


def request_key_of(page):
    """The key the preview gives its « Envoyer » button, as a browser posts it back."""
    return re.search(r'name="request_key" value="([0-9a-f]{32})"', page).group(1)


def test_preview_counts_then_sends_once_per_candidate_even_if_run_twice(client, session):
    logged_in(client, "dec-toulouse")
    preview = html.unescape(
        client.post(
            url("session_campaigns", session.pk), {**FORM, "action": "apercu"}
        ).content.decode()
    )
    assert "Aperçu : 3 destinataires" in preview and "Envoyer à 3 candidats" in preview
    assert "pas encore arrivée" in preview and not mail.outbox  # nothing sent by a preview
    send = {**FORM, "action": "envoyer", "request_key": request_key_of(preview)}
    response = client.post(url("session_campaigns", session.pk), send)
    campaign = MailCampaign.objects.get()
    assert response["Location"] == url("campaign", campaign.pk)
    run_worker()
    campaign_run(campaign.pk)  # the task again (a re-queued or duplicated run)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["c1@example.org", "c2@example.org", "c3@example.org"]
    assert "Dossier n° " in mail.outbox[0].body and mail.outbox[0].subject == FORM["subject"]
    campaign.refresh_from_db()
    assert (campaign.sent, campaign.total, campaign.state) == (3, 3, "envoye")
    assert CampaignEmail.objects.filter(campaign=campaign).count() == 3
    page = html.unescape(client.get(url("campaign", campaign.pk)).content.decode())
    assert "Relance envoyée : 3 courriels sur 3" in page
    audit = AuditEvent.objects.get(action="relance.envoi")
    assert audit.details["destinataires"] == 3 and audit.user.username == "dec-toulouse"


def test_an_smtp_failure_is_sent_later_and_still_once(session):
    from inscrinet.actors import SystemActor
    from inscrinet.services.campaigns import campaign_send

    campaign = campaign_send(session=session, actor=SystemActor(name="test"), **FORM)
    real_send = mail.EmailMessage.send
    calls = {"n": 0}

    def flaky(message, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("SMTP indisponible")
        return real_send(message, *args, **kwargs)

    with mock.patch.object(mail.EmailMessage, "send", flaky):
        run_worker()
    assert len(mail.outbox) == 2
    make_due("send_campaign")
    run_worker()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "c1@example.org",
        "c2@example.org",
        "c3@example.org",
    ]
    campaign.refresh_from_db()
    assert (campaign.sent, campaign.state) == (3, "envoye")


def test_the_rate_is_bounded(session, settings):
    from inscrinet.actors import SystemActor
    from inscrinet.services.campaigns import campaign_send

    settings.INSCRINET_REMINDERS_PER_SECOND = 4
    campaign = campaign_send(session=session, actor=SystemActor(name="test"), **FORM)
    with mock.patch("inscrinet.services.campaigns.time.sleep") as sleep:
        campaign_run(campaign.pk)
    assert [c.args for c in sleep.call_args_list] == [(0.25,)] * 3


def test_another_academie_and_the_consultation_role(client, session):
    logged_in(client, "dec-limoges")
    assert client.get(url("session_campaigns", session.pk)).status_code == 404
    client.logout()
    logged_in(client, "dec-limoges-consultation")
    limoges = Session.objects.get(exam__code="CAP", academie__code="022")
    response = client.post(url("session_campaigns", limoges.pk), {**FORM, "action": "envoyer"})
    assert response.status_code == 403 and not MailCampaign.objects.exists()


def test_envoyer_clicked_twice_or_replayed_sends_one_campaign(client, session):
    """A double click on « Envoyer à 3 candidats », the browser posting the form again
    (reload, back then forward), a network retry: one campaign, three emails, not six."""
    logged_in(client, "dec-toulouse")
    page = client.post(url("session_campaigns", session.pk), {**FORM, "action": "apercu"})
    key = request_key_of(page.content.decode())
    again = client.post(url("session_campaigns", session.pk), {**FORM, "action": "apercu"})
    assert request_key_of(again.content.decode()) != key  # another page, another key
    send = {**FORM, "action": "envoyer", "request_key": key}
    first = client.post(url("session_campaigns", session.pk), send)
    second = client.post(url("session_campaigns", session.pk), send)
    campaign = MailCampaign.objects.get()
    assert first["Location"] == second["Location"] == url("campaign", campaign.pk)
    assert AuditEvent.objects.filter(action="relance.envoi").count() == 1
    run_worker()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "c1@example.org",
        "c2@example.org",
        "c3@example.org",
    ]
    # « Envoyer » without a key (a page of an older version, a forged post): the preview
    # again, with a key, and nothing sent.
    keyless = client.post(url("session_campaigns", session.pk), {**FORM, "action": "envoyer"})
    assert request_key_of(keyless.content.decode())
    forged = {**FORM, "action": "envoyer", "request_key": "<script>"}
    assert request_key_of(
        client.post(url("session_campaigns", session.pk), forged).content.decode()
    )
    assert MailCampaign.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_same_envoyer_at_the_same_instant_sends_once(demo_transactional, settings):
    """Two requests with one key at once (a double click on a slow network): the unique key
    makes the later one find the campaign the first created."""
    from django.db import connection

    from inscrinet.actors import DecActor
    from inscrinet.models import User
    from inscrinet.services.campaigns import campaign_send

    settings.INSCRINET_REMINDERS_PER_SECOND = 0
    session = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    submit_dossier(session, birth_name="NOMA", email="a@example.org")
    user = User.objects.get(username="dec-toulouse")
    actor = DecActor(user_id=user.pk, username=user.username, academie_id=user.academie_id)
    key = "0123456789abcdef0123456789abcdef"
    barrier, campaigns, errors = threading.Barrier(4), [], []

    def send():
        try:
            barrier.wait()
            campaigns.append(campaign_send(session=session, actor=actor, request_key=key, **FORM))
        except Exception as exc:  # collected and asserted below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert MailCampaign.objects.count() == 1
    assert {c.pk for c in campaigns} == {MailCampaign.objects.get().pk}
