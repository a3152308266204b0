"""Reminders (beyond the seeds): a gestionnaire emails every candidate of a session in one
state (e.g. pre-registered, signed confirmation not received yet), after a preview and a
count. The task sends at a bounded rate (INSCRINET_REMINDERS_PER_SECOND); each email is a
row unique per (campaign, dossier), claimed before it is sent, so a campaign never writes
twice to a candidate however often, or however many workers, run its task."""

import datetime
import logging
import time

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from inscrinet.actors import Actor
from inscrinet.models import (
    CampaignEmail,
    CampaignState,
    Dossier,
    DossierState,
    MailCampaign,
    Session,
)
from inscrinet.services.audit import audit_record
from inscrinet.services.dec_scope import require_dec_writer
from inscrinet.services.errors import DomainError

logger = logging.getLogger(__name__)
AUDIENCES = {
    DossierState.PRE_INSCRIT: "Pré-inscrits (confirmation signée pas encore reçue)",
    DossierState.A_COMPLETER: "Inscriptions à compléter par le candidat",
    DossierState.DEFINITIF: "Inscriptions définitives",
}
CHUNK = 200


def campaign_recipients(session: Session, audience: str):
    return Dossier.objects.filter(session=session, state=audience).order_by("number")


def campaign_message(campaign_like, dossier: Dossier) -> EmailMessage:
    """The email of one candidate: the gestionnaire's text, then the dossier and the DEC."""
    session = dossier.session
    body = render_to_string(
        "emails/reminder.txt",
        {
            "body": campaign_like.body,
            "dossier": dossier,
            "session": session,
            "academie": session.academie,
        },
    )
    return EmailMessage(
        subject=campaign_like.subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[dossier.email],
        reply_to=[session.academie.dec_email] if session.academie.dec_email else None,
    )


def campaign_send(
    *,
    session: Session,
    audience: str,
    subject: str,
    body: str,
    actor: Actor,
    request_key: str = "",
) -> MailCampaign:
    """Record a campaign and queue its sending. `request_key` comes with the preview's
    « Envoyer » button: the same key again (a second click, a request replayed by the
    browser or the network, even at the same instant) returns the campaign it created and
    emails no one a second time."""
    require_dec_writer(actor, session.academie_id)
    if audience not in AUDIENCES:
        raise DomainError("Choisissez les candidats à relancer.")
    if not subject.strip() or not body.strip():
        raise DomainError("L'objet et le message sont obligatoires.")
    already = _sent_with(session, request_key)
    if already is not None:
        return already
    try:
        return _campaign_create(session, audience, subject, body, actor, request_key)
    except IntegrityError:  # the same key committed by another request meanwhile
        already = _sent_with(session, request_key)
        if already is None:
            raise DomainError("Cette relance a déjà été envoyée.") from None
        return already


def _sent_with(session: Session, request_key: str) -> MailCampaign | None:
    if not request_key:
        return None
    return MailCampaign.objects.filter(session=session, request_key=request_key).first()


def _campaign_create(session, audience, subject, body, actor, request_key) -> MailCampaign:
    from inscrinet.tasks import send_campaign

    with transaction.atomic():
        campaign = MailCampaign.objects.create(
            session=session,
            audience=audience,
            subject=subject.strip()[:150],
            body=body.strip(),
            total=campaign_recipients(session, audience).count(),
            created_by_id=actor.user_id,
            request_key=request_key,
        )
        audit_record(
            actor=actor,
            action="relance.envoi",
            target=session,
            details={
                "relance": campaign.pk,
                "candidats": AUDIENCES[audience],
                "destinataires": campaign.total,
                "objet": campaign.subject,
            },
        )
        send_campaign.enqueue(campaign.pk)
    return campaign


RETRY_MINUTES = (5, 15, 60, 240)


def campaign_run(campaign_id: int, attempt: int = 1) -> str:
    campaign = MailCampaign.objects.select_related("session__academie").get(pk=campaign_id)
    rate = settings.INSCRINET_REMINDERS_PER_SECOND
    pause = 1 / rate if rate else 0
    sent = failed = 0
    last = 0
    while True:
        dossiers = list(
            campaign_recipients(campaign.session, campaign.audience)
            .filter(number__gt=last)
            .select_related("session__academie", "session__exam")[:CHUNK]
        )
        if not dossiers:
            break
        last = dossiers[-1].number
        for dossier in dossiers:
            outcome = _send_once(campaign, dossier)
            sent += outcome is True
            failed += outcome is None
            if outcome is not False and pause:
                time.sleep(pause)
    if failed and attempt <= len(RETRY_MINUTES):  # the SMTP server refused some: later
        from inscrinet.tasks import send_campaign

        delay = datetime.timedelta(minutes=RETRY_MINUTES[attempt - 1])
        send_campaign.using(run_after=timezone.now() + delay).enqueue(campaign.pk, attempt + 1)
        return f"{sent} envoyés, {failed} à renvoyer dans {delay}"
    MailCampaign.objects.filter(pk=campaign.pk).update(
        state=CampaignState.SENT, finished_at=timezone.now()
    )
    return f"{sent} courriels envoyés, {failed} en échec"


def _send_once(campaign: MailCampaign, dossier: Dossier) -> bool | None:
    """True: sent now; False: already sent (or being sent) by a run; None: failed."""
    row, _ = CampaignEmail.objects.get_or_create(
        campaign=campaign, dossier=dossier, defaults={"to": dossier.email}
    )
    # The claim: only the run that moves sent_at from NULL sends.
    if not CampaignEmail.objects.filter(pk=row.pk, sent_at__isnull=True).update(
        sent_at=timezone.now()
    ):
        return False
    try:
        campaign_message(campaign, dossier).send()
    except Exception as error:  # SMTP down: released, a later run of the task sends it
        logger.warning("Reminder %s to dossier %s failed: %s", campaign.pk, dossier.pk, error)
        CampaignEmail.objects.filter(pk=row.pk).update(
            sent_at=None, error=f"{type(error).__name__}: {error}"[:500]
        )
        return None
    CampaignEmail.objects.filter(pk=row.pk).update(error="")
    MailCampaign.objects.filter(pk=campaign.pk).update(sent=F("sent") + 1)
    return True
