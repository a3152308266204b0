"""Background work of the pièces justificatives (C8, M6): the antivirus scan of each
uploaded file by clamd, the email of a « Non conforme » piece, and the watchdog that puts
back in the queue scans left « en cours d'analyse » (clamd or the worker stopped mid-scan).
The candidate never waits for a scan: the page shows « en cours d'analyse » meanwhile."""

import datetime
import logging

from clamav_client import get_scanner
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from inscrinet.actors import SystemActor
from inscrinet.models import PieceDeposit, PieceFile, ScanState
from inscrinet.services.audit import audit_record
from inscrinet.tasks import retry_later

logger = logging.getLogger(__name__)
ANTIVIRUS = SystemActor(name="antivirus")
# A scan « en cours » for longer than this was lost (clamd or the worker stopped).
SCAN_STUCK_AFTER = datetime.timedelta(minutes=10)


def clamd_scan(handle) -> tuple[str, str]:
    """(« OK » | « FOUND » | « ERROR », details) for the bytes of `handle`, streamed to
    clamd (INSCRINET_CLAMD_ADDRESS: a unix socket path, or host:port)."""
    try:
        scanner = get_scanner(
            {
                "backend": "clamd",
                "address": settings.INSCRINET_CLAMD_ADDRESS,
                "timeout": settings.INSCRINET_CLAMD_TIMEOUT,
            }
        )
        report = scanner.client.instream(handle)
    except Exception as error:  # clamd down, socket missing, timeout
        return "ERROR", f"{type(error).__name__}: {error}"
    state, details = report.get("stream", ("ERROR", "réponse vide"))
    return state, details or ""


@task()
def scan_piece_file(file_id: int, attempt: int = 1) -> str:
    piece_file = (
        PieceFile.objects.select_related("deposit__dossier__session").filter(pk=file_id).first()
    )
    if piece_file is None or piece_file.state in (ScanState.SAIN, ScanState.INFECTE):
        return "déjà analysé"
    if not piece_file.file.name:
        return "fichier supprimé"
    PieceFile.objects.filter(pk=file_id).update(
        scan_started_at=timezone.now(), scan_attempts=attempt
    )
    with default_storage.open(piece_file.file.name, "rb") as handle:
        state, details = clamd_scan(handle)
    dossier = piece_file.deposit.dossier
    if state == "OK":
        PieceFile.objects.filter(pk=file_id).update(state=ScanState.SAIN, scan_detail="")
        return "sain"
    if state == "FOUND":
        name = piece_file.file.name
        with transaction.atomic():
            PieceFile.objects.filter(pk=file_id).update(
                state=ScanState.INFECTE,
                scan_detail=details[:200],
                file="",
                deleted_at=timezone.now(),
            )
            audit_record(
                actor=ANTIVIRUS,
                action="piece.infectee",
                target=dossier,
                details={"fichier": file_id, "signature": details[:100]},
                academie_id=dossier.session.academie_id,
            )
        default_storage.delete(name)  # once the row says so: never a row without its file
        return "infecté : supprimé"
    logger.warning("Scan of piece file %s, attempt %s failed: %s", file_id, attempt, details)
    PieceFile.objects.filter(pk=file_id).update(state=ScanState.ERREUR, scan_detail=details[:200])
    delay = retry_later(scan_piece_file, attempt, file_id)
    return f"erreur, nouvel essai dans {delay}" if delay else "échec : le veilleur réessaiera"


def stuck_scans_requeue(now=None) -> int:
    """The watchdog (sweep_tasks): scans « en cours » or « en erreur » for too long are
    queued again; nothing is lost whatever stopped them."""
    now = now or timezone.now()
    stuck = PieceFile.objects.filter(
        state__in=(ScanState.EN_COURS, ScanState.ERREUR),
        deleted_at__isnull=True,
        scan_started_at__lt=now - SCAN_STUCK_AFTER,
    )
    count = 0
    for file_id in stuck.values_list("pk", flat=True):
        PieceFile.objects.filter(pk=file_id).update(scan_started_at=now)
        scan_piece_file.enqueue(file_id, 1)
        count += 1
    return count


@task()
def send_piece_refused_email(deposit_id: int, attempt: int = 1) -> str:
    """« Non conforme »: the DEC's comment and a link to send the piece again."""
    deposit = PieceDeposit.objects.select_related(
        "requirement",
        "dossier__session__academie",
        "dossier__session__exam",
        "dossier__account__user",
    ).get(pk=deposit_id)
    dossier = deposit.dossier
    to = dossier.account.user.email if dossier.account_id else dossier.email
    if not to:
        return "pas d'adresse"
    link = settings.INSCRINET_SITE_URL + reverse(
        "account_pieces", kwargs={"session_pk": dossier.session_id, "number": dossier.number}
    )
    try:
        EmailMessage(
            subject=f"Pièce justificative non conforme — candidature {dossier.candidate_number}",
            body=render_to_string(
                "emails/piece_refused.txt",
                {"deposit": deposit, "dossier": dossier, "session": dossier.session, "link": link},
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[to],
            reply_to=[dossier.session.academie.dec_email],
        ).send()
    except Exception as error:
        logger.warning("Piece email of %s, attempt %s failed: %s", deposit_id, attempt, error)
        delay = retry_later(send_piece_refused_email, attempt, deposit_id)
        return f"nouvel essai dans {delay}" if delay else "échec définitif"
    return "envoyé"
