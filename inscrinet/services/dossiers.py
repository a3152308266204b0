"""Writes on dossiers: validation (creation) for now; modification and cancellation follow
the same pattern (one transaction, a new immutable version, a logged transition)."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from inscrinet import rules
from inscrinet.models import (
    BirthDateParts,
    Categorie,
    Dossier,
    DossierState,
    DossierVersion,
    Etablissement,
    Session,
    Specialty,
)
from inscrinet.services.counters import counter_next
from inscrinet.services.errors import DomainError
from inscrinet.services.transitions import dossier_record_transition


@dataclass(frozen=True)
class DossierData:
    """The queryable columns of a version, and the snapshot the candidate validated."""

    specialty: Specialty
    categorie: Categorie
    etablissement: Etablissement
    forme: str
    birth_name: str
    first_names: str
    birth_date: BirthDateParts
    email: str
    snapshot: dict


def _columns(data: DossierData) -> dict:
    return {
        "specialty": data.specialty,
        "categorie": data.categorie,
        "etablissement": data.etablissement,
        "forme": data.forme,
        "birth_name": data.birth_name,
        "first_names": data.first_names,
        "identity_key": rules.identity_key(data.birth_name, data.first_names),
        "birth_year": data.birth_date.year,
        "birth_month": data.birth_date.month,
        "birth_day": data.birth_date.day,
        "email": data.email,
    }


def candidate_number(*, session: Session, serial: int) -> str:
    """11 digits: académie code (3), exam year (2), serial within académie and year (6)."""
    return f"{session.academie.code:0>3}{session.exam_year % 100:02d}{serial:06d}"


def dossier_submit(
    *, session: Session, data: DossierData, submission_key: str, actor: str = "candidat"
) -> Dossier:
    """Create the dossier, its number, version 0 and its first transition — or nothing.

    Idempotent: the same submission key (double click, replayed POST) returns the same
    dossier.
    """
    existing = Dossier.objects.filter(submission_key=submission_key).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            # Re-read the session inside the transaction: it may have been locked meanwhile.
            session = Session.objects.select_related("academie").get(pk=session.pk)
            if session.locked:
                raise DomainError(
                    "Le service est momentanément indisponible (opération de la DEC en cours). "
                    "Réessayez dans quelques minutes : rien n'a été enregistré."
                )
            number = counter_next(name=f"dossier:{session.pk}")
            serial = counter_next(name=f"candidat:{session.academie_id}:{session.exam_year}")
            dossier = Dossier.objects.create(
                session=session,
                number=number,
                candidate_number=candidate_number(session=session, serial=serial),
                submission_key=submission_key,
                state=DossierState.PRE_INSCRIT,
                current_version=0,
                **_columns(data),
            )
            DossierVersion.objects.create(dossier=dossier, version=0, snapshot=data.snapshot)
            dossier_record_transition(
                dossier=dossier, from_state="", to_state=DossierState.PRE_INSCRIT, actor=actor
            )
            return dossier
    except IntegrityError:
        # A concurrent request with the same key won the race: return its dossier.
        existing = Dossier.objects.filter(submission_key=submission_key).first()
        if existing is None:
            raise
        return existing
