"""G17/G18: each validated version sends one confirmation email with its PDF, through a
task enqueued in the validating transaction, retried with back-off, never lost, never
duplicated."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from inscrinet import tasks
from inscrinet.models import ConfirmationEmail, Dossier, EmailState
from inscrinet.services.errors import DomainError
from tests.candidates.journey import accrall_steps
from tests.factories import validate_steps
from tests.support.tasks import make_due, run_worker

DOWN = "tests.support.mail.DownEmailBackend"
UP = "django.core.mail.backends.locmem.EmailBackend"


def test_the_tasks_are_stored_with_the_version(toulouse):
    version = validate_steps(toulouse)
    queued = sorted(DBTaskResult.objects.values_list("task_path", flat=True))
    assert queued == ["inscrinet.tasks.render_documents", "inscrinet.tasks.send_confirmation_email"]
    assert ConfirmationEmail.objects.get().version == version


def test_a_refused_validation_leaves_no_task(toulouse):
    steps = accrall_steps(epreuves={"option_EP2A": ""})
    with pytest.raises(DomainError):
        validate_steps(toulouse, steps)
    assert not DBTaskResult.objects.exists() and not Dossier.objects.exists()


def test_mail_server_down_then_back_one_email_per_version(toulouse, settings):
    settings.EMAIL_BACKEND = DOWN
    version = validate_steps(toulouse)
    assert Dossier.objects.get().display_number == "1 - 0"  # saved before any email
    run_worker()
    email = ConfirmationEmail.objects.get()
    assert (email.state, email.attempts) == (EmailState.PENDING, 1)
    assert "SMTPServerDisconnected" in email.last_error
    retry = DBTaskResult.objects.get(
        task_path__endswith="send_confirmation_email", status=TaskResultStatus.READY
    )
    assert retry.args_kwargs["args"] == [email.pk, 2]
    assert retry.run_after > timezone.now()  # back-off: not before a minute
    run_worker()  # not due yet: nothing happens
    assert ConfirmationEmail.objects.get().attempts == 1
    make_due("send_confirmation_email")
    run_worker()  # still down
    assert ConfirmationEmail.objects.get().attempts == 2

    settings.EMAIL_BACKEND = UP
    make_due("send_confirmation_email")
    run_worker()
    email.refresh_from_db()
    assert (email.state, email.attempts) == (EmailState.SENT, 3)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["accrall@ac-rennes.fr"]
    assert "1 - 0" in message.subject
    (name, content, mimetype) = message.attachments[0]
    assert name == f"confirmation-{toulouse.pk}-1-0.pdf" and mimetype == "application/pdf"
    assert content.startswith(b"%PDF")
    assert content == version.documents.get(kind="confirmation").file.read()

    # A swept rerun of the same task, or a duplicate, sends nothing more.
    tasks.send_confirmation_email.enqueue(email.pk, 4)
    run_worker()
    assert len(mail.outbox) == 1


def test_a_worker_that_died_mid_task_is_swept_back(toulouse):
    validate_steps(toulouse)
    stuck = DBTaskResult.objects.get(task_path__endswith="send_confirmation_email")
    DBTaskResult.objects.filter(pk=stuck.pk).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now() - datetime.timedelta(hours=1)
    )
    run_worker()  # a worker does not take a RUNNING task
    assert mail.outbox == []
    fresh = DBTaskResult.objects.filter(task_path__endswith="render_documents")
    DBTaskResult.objects.filter(pk__in=fresh).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now()
    )
    out = io.StringIO()
    call_command("sweep_tasks", stdout=out)  # what the timer runs every few minutes
    assert out.getvalue().startswith("1 tâche(s) interrompue(s) ou bloquée(s)")  # not the fresh one
    assert DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).count() == 1
    run_worker()
    assert len(mail.outbox) == 1
    assert ConfirmationEmail.objects.get().state == EmailState.SENT


def test_a_task_cut_short_by_a_worker_told_twice_to_stop_is_run_again(toulouse, monkeypatch):
    """Ctrl-C twice, or a second TERM, makes django-tasks' worker leave its task with
    SystemExit, which it records as the task failing: the sweeper queues it again (the
    email would otherwise stay « en attente » forever); a task that really failed stays."""
    validate_steps(toulouse)

    def stopped(*args):
        raise SystemExit(1)  # what the worker's second-signal handler raises mid-task

    with monkeypatch.context() as patched:
        patched.setattr(tasks, "confirmation_message", stopped)
        run_worker()
    cut = DBTaskResult.objects.get(task_path__endswith="send_confirmation_email")
    assert (cut.status, cut.exception_class_path) == ("FAILED", "builtins.SystemExit")
    broken = DBTaskResult.objects.get(task_path__endswith="render_documents")
    DBTaskResult.objects.filter(pk=broken.pk).update(
        status=TaskResultStatus.FAILED, exception_class_path="builtins.ValueError"
    )
    out = io.StringIO()
    call_command("sweep_tasks", stdout=out)
    assert out.getvalue().startswith("1 tâche(s) interrompue(s) ou bloquée(s)")
    cut.refresh_from_db()
    assert (cut.status, cut.exception_class_path, cut.traceback) == ("READY", "", "")
    assert DBTaskResult.objects.get(pk=broken.pk).status == "FAILED"
    run_worker()
    assert len(mail.outbox) == 1
    assert ConfirmationEmail.objects.get().state == EmailState.SENT


def test_the_ceiling_of_attempts_marks_the_email_failed(toulouse, settings):
    settings.EMAIL_BACKEND = DOWN
    validate_steps(toulouse)
    for _ in range(tasks.MAX_ATTEMPTS):
        make_due("send_confirmation_email")
        run_worker()
    email = ConfirmationEmail.objects.get()
    assert (email.state, email.attempts) == (EmailState.FAILED, tasks.MAX_ATTEMPTS)
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()


def test_the_information_note_and_return_address_are_in_the_email(toulouse):
    version = validate_steps(toulouse)
    run_worker()
    assert "Note d'information" not in mail.outbox[0].body  # Toulouse has none
    toulouse.information_note = "Les épreuves écrites auront lieu à Toulouse <le 3 juin>."
    toulouse.save(update_fields=["information_note"])
    steps = accrall_steps()
    steps["etat_civil"] = {**steps["etat_civil"], "birth_name": "MARTY", "first_names": "Jeanne"}
    validate_steps(toulouse, steps)
    run_worker()
    body = mail.outbox[1].body
    assert "Note d'information de votre académie :" in body
    assert "auront lieu à Toulouse <le 3 juin>." in body  # plain text: as typed
    assert version.snapshot["confirmation"]["return_deadline"] in body
    assert "75 rue Saint-Roch" in body and "2 - 0" in mail.outbox[1].subject
    assert f"http://127.0.0.1:8000/inscription/{toulouse.pk}/consulter/" in body


def test_a_session_without_email_sends_none(toulouse):
    toulouse.emails_confirmation = False
    toulouse.save(update_fields=["emails_confirmation"])
    validate_steps(toulouse)
    run_worker()
    assert mail.outbox == [] and not ConfirmationEmail.objects.exists()
    # Still printable: the confirmation rendered ahead (the récapitulatif at its download).
    assert toulouse.dossiers.get().versions.get().documents.get().kind == "confirmation"


def test_with_the_mail_server_down_the_candidate_validates_and_prints(client, toulouse, settings):
    """Through the wizard: the dossier is saved, the validation page and the PDF are there."""
    from django.urls import reverse

    from tests.candidates.journey import ACCRALL, Walker

    settings.EMAIL_BACKEND = DOWN
    validation = Walker(client, toulouse).walk(ACCRALL)
    run_worker()  # the send fails and is re-enqueued; the documents are rendered
    page = client.get(validation["Location"]).content.decode()
    assert "1 - 0" in page and "Un mél contenant en fichier joint" in page
    pdf = client.get(reverse("candidates:document", args=[toulouse.pk, 1, 0, "confirmation"]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert ConfirmationEmail.objects.get().state == EmailState.PENDING and mail.outbox == []
