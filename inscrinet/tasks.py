"""Background work (django-tasks on the django-tasks-db queue): documents and emails.

Tasks are enqueued in the transaction that stores the dossier version, so they exist if and
only if the version does. The library does not retry: a failed send re-enqueues itself with
back-off, and the ConfirmationEmail row records what was sent, so a version's email goes
out once however often its task runs. `sweep_stuck_tasks` puts back in the queue the tasks
of a worker that died mid-run.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from inscrinet import documents
from inscrinet.actors import SystemActor
from inscrinet.models import (
    ENDED_STATES,
    ConfirmationEmail,
    DocumentKind,
    Dossier,
    DossierVersion,
    EmailState,
    Session,
)
from inscrinet.services.audit import audit_record

logger = logging.getLogger(__name__)

# Minutes to wait before attempt n+1 (attempt 1 is immediate); then the DEC is told.
MAILER = SystemActor(name="envoi des courriels")
RETRY_DELAYS_MINUTES = [1, 2, 5, 10, 20, 30, 60, 120, 240]
MAX_ATTEMPTS = len(RETRY_DELAYS_MINUTES) + 1


def retry_later(task, attempt: int, *args):
    """Queue `task(*args, attempt + 1)` after the back-off above; returns the delay, or None
    once the attempts are spent."""
    if attempt >= MAX_ATTEMPTS:
        return None
    delay = datetime.timedelta(minutes=RETRY_DELAYS_MINUTES[attempt - 1])
    task.using(run_after=timezone.now() + delay).enqueue(*args, attempt + 1)
    return delay


# A task RUNNING longer than this was left by a dead worker (rendering + SMTP take seconds).
STUCK_AFTER = datetime.timedelta(minutes=15)


def version_side_effects_schedule(version: DossierVersion) -> None:
    """Call inside the transaction that creates the version. A candidature « À compléter »
    (C10) has nothing to confirm yet: its documents come with the pupil's « Enregistrer »."""
    if version.snapshot.get("a_completer"):
        return
    render_documents.enqueue(version.pk)
    if version.dossier.session.emails_confirmation:
        email = ConfirmationEmail.objects.create(version=version, to=version.dossier.email)
        send_confirmation_email.enqueue(email.pk, 1)


# Rendered ahead: the confirmation, attached to the email and printed by establishments. The
# récapitulatif is downloaded far less often: it is rendered at its first download (and then
# kept), which halves the worker's time per validation at the deadline hour.
RENDERED_AHEAD = (DocumentKind.CONFIRMATION,)


@task()
def render_documents(version_id: int, attempt: int = 1) -> list[str] | str:
    """Renders a version's confirmation ahead of the email and the first download. A failure
    (disk full, storage down) is retried with the emails' back-off; a download still renders
    on demand."""
    version = DossierVersion.objects.select_related("dossier__session__academie").get(pk=version_id)
    try:
        return [
            documents.document_get_or_render(version, kind).file.name for kind in RENDERED_AHEAD
        ]
    except Exception as error:
        logger.warning("Documents of version %s, attempt %s failed: %s", version_id, attempt, error)
        delay = retry_later(render_documents, attempt, version_id)
        return f"nouvel essai dans {delay}" if delay else "échec définitif"


@task()
def send_confirmation_email(email_id: int, attempt: int) -> str:
    email = ConfirmationEmail.objects.select_related(
        "version__dossier__session__academie", "version__dossier__session__exam"
    ).get(pk=email_id)
    if email.state == EmailState.SENT:
        return "déjà envoyé"
    try:
        message = confirmation_message(email)
        message.send()
    except Exception as error:  # SMTP down, timeout, refused…: try again later
        return confirmation_email_failed(email, attempt, error)
    dossier = email.version.dossier
    with transaction.atomic():
        ConfirmationEmail.objects.filter(pk=email.pk).update(
            state=EmailState.SENT, sent_at=timezone.now(), attempts=attempt, last_error=""
        )
        audit_record(
            actor=MAILER,
            action="courriel.confirmation",
            target=dossier,
            details={"version": email.version.version},
            academie_id=dossier.session.academie_id,
            etablissement_id=dossier.etablissement_id,
        )
    return "envoyé"


def confirmation_email_failed(email: ConfirmationEmail, attempt: int, error: Exception) -> str:
    logger.warning("Confirmation email %s, attempt %s failed: %s", email.pk, attempt, error)
    with transaction.atomic():
        final = attempt >= MAX_ATTEMPTS
        ConfirmationEmail.objects.filter(pk=email.pk).update(
            attempts=attempt,
            last_error=f"{type(error).__name__}: {error}"[:1000],
            state=EmailState.FAILED if final else EmailState.PENDING,
        )
        delay = retry_later(send_confirmation_email, attempt, email.pk)
    return f"nouvel essai dans {delay}" if delay else "échec définitif"


def confirmation_message(email: ConfirmationEmail) -> EmailMessage:
    version = email.version
    dossier, session = version.dossier, version.dossier.session
    document = documents.document_get_or_render(version, DocumentKind.CONFIRMATION)
    context = {
        "dossier": dossier,
        "version": version,
        "session": session,
        "academie": session.academie,
        "snapshot": version.snapshot,
        "return_deadline": documents.return_deadline(version),
        "consult_url": consult_link(session),
    }
    message = EmailMessage(
        subject=f"Confirmation d'inscription {session.exam.code} {session.label} — "
        f"dossier {version.display_number}",
        body=render_to_string("emails/confirmation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        reply_to=[session.academie.dec_email],
    )
    message.attach(
        documents.document_filename(version, DocumentKind.CONFIRMATION),
        documents.document_bytes(document),
        "application/pdf",
    )
    return message


def consult_link(session: Session) -> str:
    """The absolute address of « Modifier ou Consulter votre inscription », for emails."""
    return settings.INSCRINET_SITE_URL + reverse("candidates:consult", args=[session.pk])


@task()
def send_dossier_numbers(session_id: int, email: str, birth: list) -> int:
    """G18b: the numbers of this session's dossiers with that email and birth date, sent to
    that address only (whoever asked sees the same neutral sentence either way)."""
    session = Session.objects.select_related("exam", "academie").get(pk=session_id)
    year, month, day = birth
    found = list(
        Dossier.objects.filter(
            session=session,
            email__iexact=email,
            birth_year=year,
            birth_month=month,
            birth_day=day,
        )
        .exclude(state__in=ENDED_STATES)
        .select_related("specialty")
        .order_by("number")
    )
    if found:
        EmailMessage(
            subject=f"Votre numéro de dossier {session.exam.code} {session.label}",
            body=render_to_string(
                "emails/dossier_numbers.txt",
                {
                    "session": session,
                    "dossiers": found,
                    "consult_url": consult_link(session),
                },
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[email],
            reply_to=[session.academie.dec_email],
        ).send()
        with transaction.atomic():
            audit_record(
                actor=MAILER,
                action="courriel.numeros_de_dossier",
                target=session,
                details={"dossiers": [d.number for d in found]},
            )
    return len(found)


# How django-tasks-db records a task its worker cut short when told twice to stop (Ctrl-C
# twice, a second TERM): failed, with this exception. Nothing went wrong in the task.
CUT_SHORT = ("builtins.SystemExit", "builtins.KeyboardInterrupt")


def sweep_stuck_tasks(now=None) -> int:
    """Tasks RUNNING past STUCK_AFTER belong to a worker that died, tasks failed because
    their worker was stopped mid-run were cut short: make them READY again. Their own
    markers (a document's row, an email's SENT state) keep the rerun harmless."""
    from django.db.models import Q
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    return DBTaskResult.objects.filter(
        Q(status=TaskResultStatus.RUNNING, started_at__lt=now - STUCK_AFTER)
        | Q(status=TaskResultStatus.FAILED, exception_class_path__in=CUT_SHORT)
    ).update(
        status=TaskResultStatus.READY,
        started_at=None,
        finished_at=None,
        run_after=now,
        exception_class_path="",
        traceback="",
    )


@task()
def assemble_confirmations(batch_id: int) -> str:
    """S8: the establishment's PDF of a specialty's confirmations."""
    from inscrinet.services.confirmations import confirmation_batch_assemble

    return confirmation_batch_assemble(batch_id)


LOADER = SystemActor(name="chargement")


@task()
def run_data_load(load_id: int) -> str:
    """M4: check (and, not a simulation, write) a loaded file."""
    from inscrinet.services.loads import data_load_run

    return data_load_run(load_id)


@task()
def build_unload(unload_id: int) -> str:
    """M4: a session's XLSX unload, written row by row into a file."""
    from inscrinet.services.unloads import unload_xlsx_build

    return unload_xlsx_build(unload_id)


@task()
def send_campaign(campaign_id: int, attempt: int = 1) -> str:
    """A reminder campaign, at a bounded rate, once per candidate."""
    from inscrinet.services.campaigns import campaign_run

    return campaign_run(campaign_id, attempt)


@task()
def send_withdrawal_email(dossier_id: int, attempt: int = 1) -> str:
    """C9: « Un mail confirmant ma désinscription m'est également adressé » (sent to the
    account's login address, retried with the confirmations' back-off)."""
    dossier = Dossier.objects.select_related(
        "session__exam", "session__academie", "specialty", "account__user"
    ).get(pk=dossier_id)
    to = dossier.account.user.email if dossier.account_id else dossier.email
    try:
        EmailMessage(
            subject=f"Désinscription {dossier.session.exam.code} {dossier.session.label} — "
            f"candidature {dossier.candidate_number}",
            body=render_to_string(
                "emails/withdrawal.txt",
                {
                    "dossier": dossier,
                    "session": dossier.session,
                    "site": settings.INSCRINET_SITE_URL,
                },
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[to],
            reply_to=[dossier.session.academie.dec_email],
        ).send()
    except Exception as error:  # SMTP down: again later, up to the confirmations' limit
        logger.warning("Withdrawal email of %s, attempt %s failed: %s", dossier_id, attempt, error)
        delay = retry_later(send_withdrawal_email, attempt, dossier_id)
        return f"nouvel essai dans {delay}" if delay else "échec définitif"
    with transaction.atomic():
        audit_record(
            actor=MAILER,
            action="courriel.desinscription",
            target=dossier,
            academie_id=dossier.session.academie_id,
            etablissement_id=dossier.etablissement_id,
        )
    return "envoyé"
