"""Writes on dossiers: validation (creation) for now; modification and cancellation follow
the same pattern (one transaction, a new immutable version, a logged transition)."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from inscrinet import rules, selectors
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


def conflict_message(existing: Dossier) -> str:
    return (
        "Vous êtes déjà pré-inscrit(e) à cet examen pour cette session, en spécialité "
        f"« {existing.specialty.label} » (dossier n° {existing.number}). On ne peut se "
        "présenter qu'à une seule spécialité par session : consultez ou modifiez ce dossier."
    )


def dossier_submit(
    *,
    session: Session,
    data: DossierData,
    submission_key: str,
    service: str,
    actor: str = "candidat",
) -> Dossier:
    """Create the dossier, its number, version 0 and its first transition — or nothing.

    Idempotent: the same submission key (double click, replayed POST) returns the same
    dossier. The period and the one-specialty rule (G11) are checked after the counter's
    increment, which serialises validations of a session (row lock / IMMEDIATE).
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
            if not session.is_open(service):
                raise DomainError(
                    "Le service d'inscription de cette session est fermé : votre "
                    "pré-inscription n'a pas été enregistrée."
                )
            number = counter_next(name=f"dossier:{session.pk}")
            conflict = selectors.dossier_conflict(
                session=session,
                identity_key=rules.identity_key(data.birth_name, data.first_names),
                birth=data.birth_date,
            )
            if conflict is not None:
                raise DomainError(conflict_message(conflict))
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
            DossierVersion.objects.create(
                dossier=dossier,
                version=0,
                schema=data.snapshot.get("schema", DossierVersion.SCHEMA),
                snapshot=data.snapshot,
            )
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
