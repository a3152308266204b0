"""Small builders for tests that need a dossier without the wizard."""

import uuid

from inscrinet.actors import CandidateActor, SystemActor
from inscrinet.models import BirthDateParts, Categorie, Etablissement, Service, Session
from inscrinet.services.dossiers import DossierData, dossier_submit


def dossier_data(session: Session, **overrides) -> DossierData:
    specialty = session.exam.specialties.order_by("code").first()
    categorie = Categorie.objects.filter(exam=session.exam).order_by("code").first()
    etablissement = Etablissement.objects.filter(academie=session.academie).order_by("code").first()
    values = {
        "specialty": specialty,
        "categorie": categorie,
        "etablissement": etablissement,
        "forme": "globale",
        "birth_name": "ACCRALL",
        "first_names": "Dack",
        "birth_date": BirthDateParts(2004, 11, 28),
        "email": "accrall@example.org",
        "snapshot": {"identite": {"nom": "ACCRALL", "prenoms": "Dack"}},
    }
    values.update(overrides)
    return DossierData(**values)


def submit_dossier(
    session: Session, key: str | None = None, *, initial_state=None, actor=None, **overrides
):
    if initial_state is not None and actor is None:
        actor = SystemActor(name="chargement de test")
    return dossier_submit(
        session=session,
        data=dossier_data(session, **overrides),
        submission_key=key or uuid.uuid4().hex,
        service=Service.GRAND_PUBLIC,
        actor=actor or CandidateActor(ip="192.0.2.10"),
        **({"initial_state": initial_state} if initial_state else {}),
    )


def validate_steps(session: Session, steps: dict | None = None):
    """The wizard's cleaned screens through the validation service (seed 004's ACCRALL Dack
    by default): the stored DossierVersion."""
    from inscrinet.services.candidature import CandidatureInput, candidature_submit
    from tests.candidates.journey import accrall_steps

    return candidature_submit(
        CandidatureInput(session=session, screens=steps or accrall_steps()),
        submission_key=uuid.uuid4().hex,
        actor=CandidateActor(ip="192.0.2.10"),
    )
