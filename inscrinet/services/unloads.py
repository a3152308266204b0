"""M4 déchargement, for gestionnaires only (a bulk read of personal data): every unload
is audited (who, when, how many rows); the CSV is streamed by the view, the XLSX is built
by a task into a file (openpyxl write-only)."""

import logging
import tempfile

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from inscrinet.actors import Actor
from inscrinet.exporters import xlsx_write
from inscrinet.models import DataUnload, Session, TransferState
from inscrinet.models.transfers import FINISHED_STATES
from inscrinet.selectors.unload import UNLOAD, unload_count, unload_rows
from inscrinet.services.audit import audit_record
from inscrinet.services.dec_scope import require_dec_writer
from inscrinet.services.replays import started_moments_ago

logger = logging.getLogger(__name__)
PROGRESS_EVERY = 2000
UNFINISHED = [state for state in TransferState.values if state not in FINISHED_STATES]


def unload_start(*, session: Session, actor: Actor, fmt: str = "csv") -> int:
    """Audit an unload before its rows are streamed or written; returns their number."""
    require_dec_writer(actor, session.academie_id)
    count = unload_count(session)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=f"dechargement.{fmt}",
            target=session,
            details={"lignes": count},
        )
    return count


def unload_xlsx_request(*, session: Session, actor: Actor) -> DataUnload:
    """A file prepared in a task; the same request again while it is prepared (a double
    click on « Préparer le fichier XLSX ») finds it (services.replays)."""
    require_dec_writer(actor, session.academie_id)
    from inscrinet.tasks import build_unload

    with transaction.atomic():
        Session.objects.select_for_update().filter(pk=session.pk).first()  # one at a time
        twin = started_moments_ago(
            DataUnload.objects.filter(session=session, requested_by_id=actor.user_id),
            unfinished=UNFINISHED,
        )
        if twin is not None:
            return twin
        unload = DataUnload.objects.create(
            session=session, total=unload_count(session), requested_by_id=actor.user_id
        )
        audit_record(
            actor=actor,
            action="dechargement.xlsx",
            target=session,
            details={"lignes": unload.total, "déchargement": unload.pk},
        )
        build_unload.enqueue(unload.pk)
    return unload


def unload_xlsx_build(unload_id: int) -> str:
    unload = DataUnload.objects.select_related("session__academie", "session__exam").get(
        pk=unload_id
    )
    if unload.finished:
        return unload.get_state_display()
    DataUnload.objects.filter(pk=unload.pk).update(state=TransferState.RUNNING, done=0)

    def counted(rows):
        for done, row in enumerate(rows, 1):
            if done % PROGRESS_EVERY == 0:
                DataUnload.objects.filter(pk=unload.pk).update(done=done)
            yield row

    try:
        with tempfile.TemporaryFile() as target:
            count = xlsx_write(UNLOAD, counted(unload_rows(unload.session)), target)
            target.seek(0)
            session = unload.session
            name = default_storage.save(
                f"dechargements/{session.academie.code}/"
                f"preinscriptions-{session.exam.code}-{session.label}-{unload.pk}.xlsx",
                File(target),
            )
    except Exception as error:
        logger.exception("Unload %s failed", unload.pk)
        DataUnload.objects.filter(pk=unload.pk).update(
            state=TransferState.FAILED,
            failure=f"{type(error).__name__}: {error}"[:1000],
            finished_at=timezone.now(),
        )
        return "échec"
    DataUnload.objects.filter(pk=unload.pk).update(
        state=TransferState.DONE, done=count, total=count, file=name, finished_at=timezone.now()
    )
    return f"{count} lignes"
