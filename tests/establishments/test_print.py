"""S8: a specialty's confirmations in one PDF, assembled in a task from stored documents,
alphabetical, without cancelled candidates nor another establishment's."""

import io
import uuid

import pytest
from django.test import Client
from pypdf import PdfReader

from inscrinet.actors import EtablissementAccess, establishment_actor
from inscrinet.models import (
    AuditEvent,
    Categorie,
    ConfirmationBatch,
    Etablissement,
    Service,
    Session,
    Specialty,
)
from inscrinet.services.candidature import CandidatureInput, candidature_submit
from inscrinet.services.dossier_states import dossier_move
from tests.candidates.journey import accrall_steps
from tests.establishments.suivi import logged_in, url
from tests.factories import validate_steps
from tests.support.tasks import run_worker

pytestmark = pytest.mark.django_db


def pupil(session, name, etablissement):
    """Seed 004's candidate as a pupil registered from the establishment (E1–E2)."""
    if etablissement.is_fictitious:
        steps = accrall_steps()
        steps["etat_civil"] = {**steps["etat_civil"], "birth_name": name}
        return validate_steps(session, steps).dossier
    scolaire = Categorie.objects.get(exam=session.exam, code="SCO")
    steps = accrall_steps(autres={"categorie": scolaire})
    steps["etat_civil"] = {**steps["etat_civil"], "birth_name": name}
    del steps["etablissement"]
    return candidature_submit(
        CandidatureInput(
            session=session,
            screens=steps,
            service=Service.ETABLISSEMENT,
            etablissement_fixed=etablissement,
        ),
        submission_key=uuid.uuid4().hex,
        actor=establishment_actor(etablissement, access=EtablissementAccess.INSCRIPTION),
    ).dossier


def test_one_pdf_of_the_specialty_in_alphabetical_order(client, demo):
    toulouse = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    bellevue = Etablissement.objects.get(code="0310038Y")
    other = Etablissement.objects.filter(academie=toulouse.academie, is_fictitious=True).first()
    zola = pupil(toulouse, "ZOLA", bellevue)
    adam = pupil(toulouse, "ADAM", bellevue)
    gone = pupil(toulouse, "MARTIN", bellevue)
    pupil(toulouse, "ETRANGER", other)
    etablissement = logged_in(client)
    dossier_move(
        dossier=gone,
        event="annuler_etablissement",
        actor=establishment_actor(etablissement, access=EtablissementAccess.SUIVI),
    )
    run_worker()  # the validations' own documents are stored
    choice = client.get(url("print")).content.decode()
    assert "Liste des spécialités :" in choice and "Arts de la broderie" in choice
    specialty = Specialty.objects.get(label="Arts de la broderie")
    response = client.post(url("print"), {"specialite": specialty.pk})
    batch = ConfirmationBatch.objects.get()
    assert response["Location"] == url("print_batch", batch.pk)
    # « Imprimer » clicked twice: the batch being assembled, not a second one.
    again = client.post(url("print"), {"specialite": specialty.pk})
    assert again["Location"] == url("print_batch", batch.pk)
    assert ConfirmationBatch.objects.count() == 1
    waiting = client.get(url("print_batch", batch.pk)).content.decode()
    assert "<progress" in waiting and "batch-progress.js" in waiting
    state = client.get(url("print_state", batch.pk)).json()
    assert state == {"done": 0, "total": 2, "finished": False}
    assert client.get(url("print_download", batch.pk)).status_code == 404  # not ready yet
    run_worker()
    ready = client.get(url("print_batch", batch.pk)).content.decode()
    assert "Télécharger les confirmations (PDF)" in ready and "batch-progress" not in ready
    assert client.get(url("print_state", batch.pk)).json()["finished"]
    pdf = client.get(url("print_download", batch.pk))
    reader = PdfReader(io.BytesIO(b"".join(pdf.streaming_content)))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "ADAM" in text and "ZOLA" in text
    assert "MARTIN" not in text and "ETRANGER" not in text
    assert text.index("ADAM") < text.index("ZOLA")
    assert f"{adam.number} - 0" in text and f"{zola.number} - 0" in text
    assert AuditEvent.objects.filter(action="export.confirmations").count() == 1
    # Another establishment's head finds neither the batch nor its file.
    intruder = Client()
    logged_in(intruder, code="0310044E")
    for name in ("print_batch", "print_download", "print_state"):
        assert intruder.get(url(name, batch.pk)).status_code == 404
    foreign = Specialty.objects.filter(exam__code="BTS").first()
    assert client.post(url("print"), {"specialite": foreign.pk}).status_code == 404
