"""S8 « Impression de confirmations »: one PDF with the confirmation of every
non-cancelled candidate of a specialty of an establishment, in alphabetical order,
assembled in a task from the stored per-version documents (those not rendered yet are
rendered first): merging stored PDFs costs seconds, rendering them afresh minutes."""

import io
import logging

import pikepdf
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from inscrinet import documents
from inscrinet.actors import Actor, ActorKind
from inscrinet.models import (
    ENDED_STATES,
    BatchState,
    ConfirmationBatch,
    DocumentKind,
    DossierState,
    DossierVersion,
    Etablissement,
    Specialty,
)
from inscrinet.services.audit import audit_record
from inscrinet.services.errors import DomainError
from inscrinet.services.replays import started_moments_ago

logger = logging.getLogger(__name__)
PROGRESS_EVERY = 10


def batch_versions(etablissement_id: int, specialty_id: int):
    """The current versions of the candidates to print, alphabetically."""
    return (
        DossierVersion.objects.filter(
            dossier__etablissement_id=etablissement_id,
            dossier__specialty_id=specialty_id,
            version=F("dossier__current_version"),
        )
        .exclude(dossier__state__in=ENDED_STATES)
        .exclude(dossier__state=DossierState.A_COMPLETER)  # nothing confirmed yet (C10)
        .select_related("dossier__session__academie", "dossier__session__exam")
        .order_by("dossier__birth_name", "dossier__first_names", "dossier__number")
    )


def confirmation_batch_request(
    *, etablissement: Etablissement, specialty: Specialty, actor: Actor
) -> ConfirmationBatch:
    if actor.kind == ActorKind.ETABLISSEMENT and actor.etablissement_id != etablissement.pk:
        raise DomainError("Cet établissement ne relève pas de votre périmètre.")
    from inscrinet.tasks import assemble_confirmations

    with transaction.atomic():
        # « Imprimer » clicked twice: the batch being assembled, not a second one.
        Etablissement.objects.select_for_update().filter(pk=etablissement.pk).first()
        twin = started_moments_ago(
            ConfirmationBatch.objects.filter(etablissement=etablissement, specialty=specialty),
            unfinished=(BatchState.WAITING, BatchState.RUNNING),
        )
        if twin is not None:
            return twin
        batch = ConfirmationBatch.objects.create(
            etablissement=etablissement,
            specialty=specialty,
            total=batch_versions(etablissement.pk, specialty.pk).count(),
        )
        audit_record(
            actor=actor,
            action="export.confirmations",
            target=etablissement,
            details={"spécialité": specialty.label, "candidats": batch.total},
        )
        assemble_confirmations.enqueue(batch.pk)
    return batch


def confirmation_batch_assemble(batch_id: int) -> str:
    batch = ConfirmationBatch.objects.select_related("etablissement", "specialty").get(pk=batch_id)
    if batch.state == BatchState.READY:
        return "déjà prêt"
    versions = list(batch_versions(batch.etablissement_id, batch.specialty_id))
    ConfirmationBatch.objects.filter(pk=batch.pk).update(
        state=BatchState.RUNNING, total=len(versions), done=0
    )
    try:
        name = _assemble(batch, versions)
    except Exception as error:  # a document that cannot render: said on the page
        logger.exception("Confirmation batch %s failed", batch.pk)
        ConfirmationBatch.objects.filter(pk=batch.pk).update(
            state=BatchState.FAILED, error=f"{type(error).__name__}: {error}"[:1000]
        )
        return "échec"
    ConfirmationBatch.objects.filter(pk=batch.pk).update(
        state=BatchState.READY, done=len(versions), file=name, finished_at=timezone.now()
    )
    return f"{len(versions)} confirmations"


def _assemble(batch, versions) -> str:
    """qpdf (pikepdf) copies the stored pages into one document: ~0.4 s for 500 one-page
    PDFs where pypdf takes seconds. The sources stay open until the result is saved."""
    merged = pikepdf.new()
    sources = []
    try:
        for done, version in enumerate(versions, 1):
            stored = documents.document_get_or_render(version, DocumentKind.CONFIRMATION)
            source = pikepdf.open(io.BytesIO(documents.document_bytes(stored)))
            sources.append(source)
            merged.pages.extend(source.pages)
            if done % PROGRESS_EVERY == 0:
                ConfirmationBatch.objects.filter(pk=batch.pk).update(done=done)
        output = io.BytesIO()
        merged.save(output)
    finally:
        for source in sources:
            source.close()
        merged.close()
    return default_storage.save(
        f"impressions/{batch.etablissement.code}/"
        f"confirmations-{batch.specialty.code}-{batch.pk}.pdf",
        ContentFile(output.getvalue()),
    )
