"""Writes on dossiers: validation (creation) and modification (G17, G18). Each is one
transaction storing a new immutable version, a logged transition and the version's tasks
(documents, confirmation email)."""

import hashlib
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from inscrinet import rules, selectors
from inscrinet.actors import Actor
from inscrinet.models import (
    Academie,
    BirthDateParts,
    Categorie,
    Dossier,
    DossierState,
    DossierVersion,
    Etablissement,
    Session,
    Specialty,
)
from inscrinet.prepared import row_by_pk
from inscrinet.services.audit import audit_record
from inscrinet.services.counters import counter_next
from inscrinet.services.dossier_states import (
    MODIFIABLE_STATES,
    dossier_created_log,
    dossier_modified_log,
    initial_state_columns,
    state_rights,
)
from inscrinet.services.errors import DomainError, ModificationRefused
from inscrinet.services.lock import ServiceLocked
from inscrinet.tasks import version_side_effects_schedule


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
    # The wizard's screens as validated: modification re-enters the wizard with them.
    answers: dict = field(default_factory=dict)
    # C4: set at creation only (a candidature never changes account).
    account: object = None
    # C10: the pupil's class, set at creation by its establishment.
    pupil_class: str = ""


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


# A session's candidates reach their dossiers one way (set by the DEC): never both.
ACCESS_MISMATCH = {
    True: "Pour cette session, l'inscription se fait depuis l'espace candidat, avec un "
    "compte candidat.",
    False: "Pour cette session, l'inscription se fait sans compte candidat, par le service "
    "d'inscription en ligne.",
}


@contextmanager
def submission_lock(submission_key: str):
    """A transaction in which requests carrying the same submission key take turns.

    PostgreSQL: an advisory lock on the key, released at commit. SQLite: transactions
    begin IMMEDIATE, so any two writers already take turns. The second request then reads
    what the first committed.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql" and submission_key:
            lock_id = int(hashlib.sha256(submission_key.encode()).hexdigest()[:15], 16)
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock_id])
        yield


def dossier_submit(
    *,
    session: Session,
    data: DossierData,
    submission_key: str,
    service: str,
    actor: Actor,
    initial_state: str = DossierState.PRE_INSCRIT,
) -> Dossier:
    """Create the dossier, its number, version 0 and its first transition — or nothing.

    Idempotent: the same submission key (double click, replayed POST) returns the same
    dossier. The period and the one-specialty rule (G11) are checked after the counter's
    increment, which serialises validations of a session (row lock / IMMEDIATE).
    """
    existing = selectors.by_submission_key(Dossier.objects, submission_key)
    if existing is not None:
        return existing
    state_columns = initial_state_columns(initial_state, actor)
    try:
        with transaction.atomic():
            # Re-read the session inside the transaction: it may have been locked meanwhile.
            # (Two prepared reads: the ORM compiled the join at every validation.)
            session = row_by_pk(Session, session.pk)
            session.academie = row_by_pk(Academie, session.academie_id)
            if session.locked:
                raise ServiceLocked
            if not session.is_open(service):
                raise DomainError(
                    "Le service d'inscription de cette session est fermé : votre "
                    "pré-inscription n'a pas été enregistrée."
                )
            if session.by_account != (data.account is not None):
                raise DomainError(ACCESS_MISMATCH[session.by_account])
            number = counter_next(name=f"dossier:{session.pk}")
            # The counter serialises validations: a twin request that waited here finds
            # the dossier its first copy committed.
            twin = selectors.by_submission_key(Dossier.objects, submission_key)
            if twin is not None:
                raise _Twin(twin)
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
                service=service,
                current_version=0,
                account=data.account,
                pupil_class=data.pupil_class,
                **state_columns,
                **_columns(data),
            )
            # Kept on the dossier for the caller (a twin or a replay has none: it reads it).
            dossier.stored_version = _version_create(dossier, 0, data, submission_key)
            dossier_created_log(dossier, actor)
            audit_record(
                actor=actor,
                action="dossier.valider",
                target=dossier,
                details={"version": 0, "service": service},
                academie_id=session.academie_id,
                etablissement_id=dossier.etablissement_id,
            )
            return dossier
    except _Twin as twin:
        return twin.dossier
    except IntegrityError:
        # A concurrent request with the same key won the race: return its dossier.
        existing = selectors.by_submission_key(Dossier.objects, submission_key)
        if existing is None:
            raise
        return existing


class _Twin(Exception):
    """Leaves the transaction (and its counter increment) when the key was validated."""

    def __init__(self, dossier):
        self.dossier = dossier


def _version_create(dossier, number: int, data: DossierData, submission_key: str):
    version = DossierVersion.objects.create(
        dossier=dossier,
        version=number,
        schema=data.snapshot.get("schema", DossierVersion.SCHEMA),
        snapshot=data.snapshot,
        answers=data.answers,
        submission_key=submission_key,
    )
    version.dossier = dossier
    version_side_effects_schedule(version)
    return version


STALE_MESSAGE = (
    "Votre dossier a été modifié entre-temps (dans un autre onglet ou sur un autre appareil) : "
    "il est maintenant en version {current}. Vos changements n'ont pas été enregistrés ; "
    "consultez la version actuelle avant de modifier à nouveau."
)


def dossier_modification_refusal(dossier: Dossier, now=None) -> str | None:
    """Why this dossier cannot be modified now (G18, G20, M3), or None."""
    rights = state_rights(dossier.state)
    if not rights.modify:
        return (
            f"Ce dossier est à l'état « {rights.candidate_label} » : il ne peut plus être "
            "modifié en ligne. Pour toute question, contactez le service des examens."
        )
    if dossier.session.locked:
        return (
            "Le service est momentanément indisponible (opération de la DEC en cours) : "
            "la modification sera de nouveau possible dans quelques minutes."
        )
    if not dossier.session.is_open(dossier.service, now):
        return (
            "Le service d'inscription de cette session est fermé : votre dossier ne peut plus "
            "être modifié. Vous pouvez toujours le consulter et télécharger votre confirmation "
            "d'inscription, à signer et retourner."
        )
    return None


def dossier_modify(
    *,
    dossier: Dossier,
    base_version: int,
    data: DossierData,
    submission_key: str,
    actor: Actor,
) -> DossierVersion:
    """Store version base_version + 1 under the same number (G18), or nothing.

    The version read when the modification began must still be the current one: the
    update is conditional on it, so a second tab or device cannot overwrite a newer version.
    A replayed « Valider » (same submission key) returns the version it stored.
    """
    replayed = selectors.by_submission_key(DossierVersion.objects, submission_key)
    if replayed is not None:
        return replayed
    with transaction.atomic():
        dossier = Dossier.objects.select_related(
            "session__academie", "specialty", "categorie", "etablissement"
        ).get(pk=dossier.pk)
        if dossier.session.locked:
            raise ServiceLocked
        refusal = dossier_modification_refusal(dossier)
        if refusal:
            raise ModificationRefused(refusal)
        conflict = selectors.dossier_conflict(
            session=dossier.session,
            identity_key=rules.identity_key(data.birth_name, data.first_names),
            birth=data.birth_date,
            exclude_pk=dossier.pk,
        )
        if conflict is not None:
            raise DomainError(conflict_message(conflict))
        before = _audited_columns(dossier)
        updated = Dossier.objects.filter(
            pk=dossier.pk, current_version=base_version, state__in=MODIFIABLE_STATES
        ).update(
            current_version=F("current_version") + 1, updated_at=timezone.now(), **_columns(data)
        )
        if not updated:
            raise ModificationRefused(STALE_MESSAGE.format(current=dossier.display_number))
        dossier.refresh_from_db()
        version = _version_create(dossier, base_version + 1, data, submission_key)
        dossier_modified_log(dossier, actor)
        after = _audited_columns(dossier)
        audit_record(
            actor=actor,
            action="dossier.modifier",
            target=dossier,
            changes={k: [before[k], after[k]] for k in before if before[k] != after[k]},
            details={"version": base_version + 1},
            academie_id=dossier.session.academie_id,
            etablissement_id=dossier.etablissement_id,
        )
        return version


def _audited_columns(dossier: Dossier) -> dict:
    """What a modification's audit row shows before/after (codes, not database ids)."""
    return {
        "birth_name": dossier.birth_name,
        "first_names": dossier.first_names,
        "birth_date": "/".join(
            (
                f"{dossier.birth_day or 0:02d}",
                f"{dossier.birth_month or 0:02d}",
                str(dossier.birth_year),
            )
        ),
        "email": dossier.email,
        "specialty": dossier.specialty.code,
        "categorie": dossier.categorie.code,
        "etablissement": dossier.etablissement.code,
        "forme": dossier.forme,
    }
