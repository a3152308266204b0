"""S8 benchmark (`make bench`): the PDF of 500 candidates' confirmations assembled from
the stored per-version documents, against rendering them afresh, in one run.

Rendering afresh is measured on RENDERED candidates and scaled to 500 (rendering 500
takes minutes: that is the point). Goal: ≤ 5 s from storage on this machine.
"""

import io
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from pypdf import PdfReader

from inscrinet import documents
from inscrinet.models import (
    BatchState,
    ConfirmationBatch,
    Document,
    DocumentKind,
    DossierVersion,
    Etablissement,
    Session,
)
from inscrinet.services.confirmations import confirmation_batch_assemble
from tests.factories import submit_dossier, validate_steps

CANDIDATES = 500
RENDERED = 20


@pytest.mark.django_db
def test_print_500_confirmations_from_storage_versus_rendering(demo):
    session = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    bellevue = Etablissement.objects.get(code="0310038Y")
    model = validate_steps(session)  # seed 004's confirmation, rendered for real below
    context = documents.version_context(model)
    template = documents.TEMPLATES[DocumentKind.CONFIRMATION]
    content, pages = documents.render_pdf(template, context)

    started = time.perf_counter()
    for _ in range(RENDERED):
        documents.render_pdf(template, context)
    render_each = (time.perf_counter() - started) / RENDERED

    # 500 candidates of one specialty, each with its stored confirmation (same bytes).
    specialty = model.dossier.specialty
    rows = []
    for i in range(CANDIDATES):
        dossier = submit_dossier(
            session, birth_name=f"CANDIDAT{i:04d}", etablissement=bellevue, specialty=specialty
        )
        version = DossierVersion.objects.get(dossier=dossier, version=0)
        name = default_storage.save(f"documents/bench/{dossier.pk}.pdf", ContentFile(content))
        rows.append(
            Document(
                version=version,
                kind=DocumentKind.CONFIRMATION,
                file=name,
                sha256="0" * 64,
                size=len(content),
                pages=pages,
            )
        )
    Document.objects.bulk_create(rows)
    batch = ConfirmationBatch.objects.create(etablissement=bellevue, specialty=specialty)

    started = time.perf_counter()
    confirmation_batch_assemble(batch.pk)
    assembled = time.perf_counter() - started

    batch.refresh_from_db()
    assert batch.state == BatchState.READY and batch.total == CANDIDATES
    with default_storage.open(batch.file.name, "rb") as handle:
        merged = PdfReader(io.BytesIO(handle.read()))
    assert len(merged.pages) == CANDIDATES * pages
    afresh = render_each * CANDIDATES
    print()
    print(f"S8 benchmark: {CANDIDATES} confirmations of {pages} pages, one run")
    print(f"  assembled from stored documents      {assembled:8.1f} s")
    print(f"  rendered afresh ({RENDERED} measured, × {CANDIDATES // RENDERED})  {afresh:8.1f} s")
    print(f"  afresh / stored                      {afresh / assembled:8.1f} ×")
    assert assembled < afresh
