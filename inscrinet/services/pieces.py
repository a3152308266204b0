"""Pièces justificatives (C8, M6): the pieces a candidature needs (the same cases as its
confirmation's pieces, G21), their files (type checked by content, 5 MB at most, within the
piece's deposit window), « J'ai fourni toutes mes pièces », the DEC's review (Reçue /
Non conforme / Conforme) and the correction loop. Every write has its actor and audit row;
the antivirus scan runs in a task (inscrinet/tasks_pieces.py) and never blocks the candidate."""

import uuid

import magic
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from inscrinet.actors import Actor
from inscrinet.models import (
    DepositMode,
    Dossier,
    DossierState,
    PieceDeposit,
    PieceFile,
    PieceState,
    ScanState,
)
from inscrinet.models.dossiers import ENDED_STATES
from inscrinet.services.audit import audit_record
from inscrinet.services.errors import DomainError

MAX_BYTES = 5 * 1024 * 1024
# A piece is a few pages: enough files for a recto, a verso and a correction, not a disk.
MAX_FILES_A_PIECE = 5
MAX_UPLOADS_A_PIECE = 30  # deleted and refused ones included
# The type libmagic reads in the bytes → what the candidate is told it is.
ALLOWED_TYPES = {
    "application/pdf": "PDF",
    "image/png": "PNG",
    "image/jpeg": "JPG",
    "application/msword": "DOC",
    # An old Office file whose summary libmagic cannot read: the compound document format.
    "application/x-ole-storage": "DOC",
    "application/CDFV2": "DOC",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/zip": "ZIP",
}
ALLOWED_LABEL = "PDF, PNG, JPG, DOC, DOCX, ZIP"
LIVE = {"deleted_at__isnull": True, "refused": False}
EDITABLE = (PieceState.A_DEPOSER, PieceState.NON_CONFORME)
REVIEW_DECISIONS = {
    "recue": PieceState.RECUE,
    "non_conforme": PieceState.NON_CONFORME,
    "conforme": PieceState.CONFORME,
}


PARIS = "(heure de Paris)"
TOO_BIG = "Le fichier dépasse 5 Mo : réduisez-le (scan en 150 dpi, PDF) et recommencez."


def _moment(value) -> str:
    return f"{timezone.localtime(value):%d/%m/%Y à %H:%M}"


def required_requirements(dossier: Dossier):
    """The session's pieces this candidature's current version states on its confirmation."""
    version = dossier.versions.get(version=dossier.current_version)
    labels = version.snapshot.get("confirmation", {}).get("pieces", [])
    return dossier.session.pieces.filter(label__in=labels).select_related("session").order_by("id")


def deposits_ensure(dossier: Dossier) -> list[PieceDeposit]:
    """The candidature's deposits, one per required piece (made at the first look)."""
    if dossier.state == DossierState.A_COMPLETER:
        return []
    requirements = list(required_requirements(dossier))
    existing = {d.requirement_id: d for d in dossier.piece_deposits.all()}
    missing = [r for r in requirements if r.pk not in existing]
    if missing:
        PieceDeposit.objects.bulk_create(
            [PieceDeposit(dossier=dossier, requirement=r) for r in missing],
            ignore_conflicts=True,  # a concurrent first look made them meanwhile
        )
        existing = {d.requirement_id: d for d in dossier.piece_deposits.all()}
    deposits = []
    for requirement in requirements:
        deposit = existing[requirement.pk]
        deposit.requirement, deposit.dossier = requirement, dossier
        deposits.append(deposit)
    return deposits


def live_files(deposit: PieceDeposit):
    return deposit.files.filter(**LIVE).exclude(state=ScanState.INFECTE)


def upload_refusal(deposit: PieceDeposit, now=None) -> str | None:
    """Why no file can be added to this piece now (in French), or None."""
    now = now or timezone.now()
    requirement, dossier = deposit.requirement, deposit.dossier
    if requirement.deposit_mode != DepositMode.EN_LIGNE:
        return "Cette pièce s'envoie par courrier au service des examens, pas en ligne."
    if dossier.state in ENDED_STATES:
        return "Cette candidature n'est plus en cours : aucune pièce ne peut être déposée."
    if deposit.state not in EDITABLE:
        return "Pièce déjà fournie : elle ne peut plus être modifiée."
    opens, closes = requirement.deposit_window()
    if now < opens:
        return (
            f"Le dépôt de cette pièce sera possible à partir du {_moment(opens)} (heure de Paris)."
        )
    if now >= closes:
        return (
            f"Le dépôt de cette pièce était possible jusqu'au {_moment(closes)} (heure de Paris)."
        )
    return None


def detected_type(content: bytes) -> str:
    return magic.from_buffer(content, mime=True)


def piece_file_add(*, deposit: PieceDeposit, upload, actor: Actor) -> PieceFile:
    """« Ajouter »: the file is checked, stored under a random name, and queued for the scan."""
    from inscrinet.tasks_pieces import scan_piece_file

    if upload.size > MAX_BYTES:
        raise DomainError(TOO_BIG)
    content = upload.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        raise DomainError(TOO_BIG)
    if not content:
        raise DomainError("Le fichier est vide.")
    kind = detected_type(content)
    if kind not in ALLOWED_TYPES:
        raise DomainError(
            f"Ce fichier n'est pas accepté : son contenu n'est pas un des formats {ALLOWED_LABEL} "
            "(quel que soit son nom)."
        )
    with transaction.atomic():
        deposit = (
            PieceDeposit.objects.select_for_update()
            .select_related("requirement__session", "dossier")
            .get(pk=deposit.pk)
        )
        refusal = upload_refusal(deposit)
        if refusal:
            raise DomainError(refusal)
        if live_files(deposit).count() >= MAX_FILES_A_PIECE:
            raise DomainError(
                f"{MAX_FILES_A_PIECE} fichiers au plus pour une pièce : supprimez-en un, ou "
                "réunissez les pages dans un seul PDF."
            )
        if deposit.files.count() >= MAX_UPLOADS_A_PIECE:
            raise DomainError(
                "Trop de fichiers envoyés pour cette pièce : contactez le service des examens."
            )
        name = default_storage.save(f"pieces/{uuid.uuid4().hex}", ContentFile(content))
        stored = PieceFile.objects.create(
            deposit=deposit,
            file=name,
            original_name=_printable_name(upload.name),
            size=len(content),
            content_type=kind,
            scan_started_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            action="piece.deposee",
            target=deposit.dossier,
            details={
                "piece": deposit.requirement.code or deposit.requirement.label[:40],
                "fichier": stored.pk,
                "type": ALLOWED_TYPES[kind],
                "taille": len(content),
            },
            academie_id=deposit.dossier.session.academie_id,
        )
        scan_piece_file.enqueue(stored.pk, 1)
    return stored


def _printable_name(name: str) -> str:
    name = "".join(c for c in (name or "") if c.isprintable())[-150:]
    return name or "fichier"


def piece_file_delete(*, piece_file: PieceFile, actor: Actor) -> None:
    """Before « J'ai fourni toutes mes pièces » only."""
    with transaction.atomic():
        piece_file = PieceFile.objects.select_related("deposit__requirement__session").get(
            pk=piece_file.pk
        )
        deposit = piece_file.deposit
        if deposit.state not in EDITABLE or piece_file.refused or piece_file.deleted_at:
            raise DomainError("Ce fichier ne peut plus être supprimé.")
        name = piece_file.file.name
        PieceFile.objects.filter(pk=piece_file.pk).update(deleted_at=timezone.now(), file="")
        audit_record(
            actor=actor,
            action="piece.supprimee",
            target=deposit.dossier,
            details={"fichier": piece_file.pk},
            academie_id=deposit.requirement.session.academie_id,
        )
    if name:
        default_storage.delete(name)


def pieces_confirm(*, dossier: Dossier, actor: Actor) -> int:
    """« J'ai fourni toutes mes pièces »: every online piece still to provide must have a
    file; they are then frozen for the DEC's review. Returns how many were confirmed."""
    with transaction.atomic():
        deposits = [
            d
            for d in PieceDeposit.objects.select_for_update()
            .select_related("requirement__session")
            .filter(dossier=dossier, state__in=EDITABLE)
            if d.requirement.deposit_mode == DepositMode.EN_LIGNE
        ]
        missing = [d.requirement for d in deposits if not live_files(d).exists()]
        if missing:
            raise DomainError(
                "Ajoutez d'abord un fichier pour : " + " ; ".join(str(r) for r in missing) + "."
            )
        if not deposits:
            raise DomainError("Aucune pièce à fournir en ligne pour l'instant.")
        now = timezone.now()
        for deposit in deposits:
            PieceDeposit.objects.filter(pk=deposit.pk).update(
                state=PieceState.A_VERIFIER, confirmed_at=now, updated_at=now
            )
        audit_record(
            actor=actor,
            action="pieces.fournies",
            target=dossier,
            details={"pieces": [d.requirement.code or d.requirement.pk for d in deposits]},
            academie_id=dossier.session.academie_id,
        )
    return len(deposits)


def piece_review(
    *, deposit: PieceDeposit, decision: str, actor: Actor, received_on=None, comment: str = ""
) -> PieceDeposit:
    """M6: « Reçue » (with its date), « Non conforme » (with a comment, emailed to the
    candidate, who may send it again), « Conforme »."""
    from inscrinet.tasks_pieces import send_piece_refused_email

    if decision not in REVIEW_DECISIONS:
        raise DomainError("Décision inconnue.")
    comment = (comment or "").strip()
    if decision == "non_conforme" and not comment:
        raise DomainError("Dites au candidat ce qui ne va pas : le commentaire est obligatoire.")
    if decision == "recue" and received_on is None:
        raise DomainError("Indiquez la date de réception.")
    with transaction.atomic():
        deposit = (
            PieceDeposit.objects.select_for_update()
            .select_related("dossier__session", "requirement")
            .get(pk=deposit.pk)
        )
        if deposit.dossier.state in ENDED_STATES:
            raise DomainError("Cette candidature n'est plus en cours.")
        before = {
            "state": deposit.state,
            "received_on": deposit.received_on,
            "comment": deposit.comment,
        }
        values = {"state": REVIEW_DECISIONS[decision], "updated_at": timezone.now()}
        if decision == "recue":
            values["received_on"] = received_on
        if decision == "non_conforme":
            values["comment"] = comment
            deposit.files.filter(**LIVE).update(refused=True)
            send_piece_refused_email.enqueue(deposit.pk, 1)
        if decision == "conforme":
            values["comment"] = ""
        PieceDeposit.objects.filter(pk=deposit.pk).update(**values)
        deposit.refresh_from_db()
        after = {
            "state": deposit.state,
            "received_on": deposit.received_on,
            "comment": deposit.comment,
        }
        audit_record(
            actor=actor,
            action="piece.revue",
            target=deposit.dossier,
            changes={
                k: [str(before[k] or ""), str(after[k] or "")]
                for k in before
                if before[k] != after[k]
            },
            details={"piece": deposit.requirement.code or deposit.requirement.label[:40]},
            academie_id=deposit.dossier.session.academie_id,
        )
    return deposit


def _review_columns(deposit) -> dict:
    return {
        "state": deposit.state,
        "received_on": str(deposit.received_on or ""),
        "comment": deposit.comment,
    }


def conformity(deposits) -> tuple[int, int]:
    """« Pièces justificatives conformes : n / m »."""
    deposits = list(deposits)
    return sum(1 for d in deposits if d.state == PieceState.CONFORME), len(deposits)
