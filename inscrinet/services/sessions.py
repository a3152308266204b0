"""Writes of the DEC on its sessions (M1, M2, M3): settings, opening and closing a service
now, the lock for loads, the pieces and EPS pairs, and « initialiser une session à partir
d'une autre ». Each checks the actor's académie and role and writes its audit row."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from inscrinet.actors import Actor
from inscrinet.models import Academie, EpsPair, PieceRequirement, Service, Session
from inscrinet.selectors.reference import reference_changed, reference_changes_batched
from inscrinet.services.audit import audit_record
from inscrinet.services.dec_scope import require_dec_writer
from inscrinet.services.errors import DomainError

# What a gestionnaire edits on a session's page, in the order of the form.
SETTINGS_FIELDS = (
    "public_opens_at",
    "public_closes_at",
    "etablissement_opens_at",
    "etablissement_closes_at",
    "confirmation_return_date",
    "confirmation_return_days",
    "information_note",
    "emails_confirmation",
    "individuals_must_be_adult",
    "candidate_access",
)
CONTACT_FIELDS = ("dec_service", "dec_address", "dec_email", "dec_phone")
PERIOD_FIELDS = {
    Service.GRAND_PUBLIC: ("public_opens_at", "public_closes_at"),
    Service.ETABLISSEMENT: ("etablissement_opens_at", "etablissement_closes_at"),
}


def _as_audit(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return value


def _changed_fields_update(*, obj, values: dict, actor: Actor, action: str, **audit) -> None:
    """Write the fields whose value differs from the database, with one audit row of
    before/after; nothing at all when nothing changed. Call inside a transaction."""
    model = type(obj)
    before = model.objects.values(*values).get(pk=obj.pk)
    changed = {k: v for k, v in values.items() if before[k] != v}
    if changed:
        model.objects.filter(pk=obj.pk).update(**changed)
        audit_record(
            actor=actor,
            action=action,
            target=obj,
            changes={k: [_as_audit(before[k]), _as_audit(v)] for k, v in changed.items()},
            **audit,
        )


def _period_problems(values: dict) -> str | None:
    for service, (opens, closes) in PERIOD_FIELDS.items():
        if values[closes] <= values[opens]:
            return f"{Service(service).label} : la fermeture doit suivre l'ouverture."
    return None


def session_settings_update(*, session: Session, values: dict, actor: Actor) -> Session:
    """M1/M2: the session's dates and settings; the audit keeps what changed."""
    require_dec_writer(actor, session.academie_id)
    values = {k: values[k] for k in SETTINGS_FIELDS if k in values}
    problem = _period_problems({**{k: getattr(session, k) for k in SETTINGS_FIELDS}, **values})
    if problem:
        raise DomainError(problem)
    with transaction.atomic():
        access = values.get("candidate_access", session.candidate_access)
        if access != session.candidate_access and session.dossiers.exists():
            # Its candidates already reach their dossiers one way: never cut them off.
            raise DomainError(
                "L'accès des candidats ne peut plus changer : cette session a des dossiers."
            )
        _changed_fields_update(obj=session, values=values, actor=actor, action="session.parametres")
    session.refresh_from_db()
    return session


def session_service_set(
    *, session: Session, service: str, open: bool, actor: Actor, until=None, now=None
) -> Session:
    """M2 « Ouvrir » / « Fermer » now: the period starts or ends at this minute, so the
    candidate side follows at once (it reads the period on every request). Opening a
    service whose closing date has passed takes a new one (`until`)."""
    require_dec_writer(actor, session.academie_id)
    now = now or timezone.now()
    opens_field, closes_field = PERIOD_FIELDS[Service(service)]
    with transaction.atomic():
        current = Session.objects.select_for_update().get(pk=session.pk)
        opens_at, closes_at = getattr(current, opens_field), getattr(current, closes_field)
        if open == current.is_open(service, now):
            state = "ouvert" if open else "fermé"
            raise DomainError(f"Le service « {Service(service).label} » est déjà {state}.")
        if open:
            change = {opens_field: now}
            if until is not None:
                if until <= now:
                    raise DomainError("La nouvelle date de fermeture doit être à venir.")
                change[closes_field] = until
            elif closes_at <= now:
                raise DomainError(
                    "La date de fermeture de ce service est passée : indiquez jusqu'à quand "
                    "l'ouvrir (« Ouvrir jusqu'au »)."
                )
        else:
            change = {closes_field: now}
            if opens_at >= now:  # never opened: keep the period ordered
                change[opens_field] = now - datetime.timedelta(minutes=1)
        Session.objects.filter(pk=session.pk).update(**change)
        audit_record(
            actor=actor,
            action="session.service_ouvert" if open else "session.service_ferme",
            target=session,
            changes={
                field: [_as_audit(getattr(current, field)), _as_audit(value)]
                for field, value in change.items()
            },
            details={"service": Service(service).label},
        )
    session.refresh_from_db()
    return session


def session_lock_set(*, sessions, locked: bool, actor: Actor) -> int:
    """M3 « Verrouiller / Déverrouiller la base » for one session or all of an académie.
    Returns how many sessions changed."""
    changed = 0
    with transaction.atomic():
        for session in sessions:
            require_dec_writer(actor, session.academie_id)
            if Session.objects.filter(pk=session.pk, locked=not locked).update(locked=locked):
                changed += 1
                audit_record(
                    actor=actor,
                    action="session.verrouillee" if locked else "session.deverrouillee",
                    target=session,
                    changes={"locked": [not locked, locked]},
                )
    return changed


PIECE_FIELDS = (
    "case",
    "specialty",
    "label",
    "code",
    "deposit_mode",
    "deposit_opens_at",
    "deposit_closes_at",
)


def session_pieces_set(*, session: Session, pieces: list[dict], actor: Actor) -> None:
    """The pieces to enclose per case (seed 001), their code, deposit mode and window: the
    list replaces the previous one, a piece kept by its label (its deposits with it). A
    piece already deposited by candidates cannot be removed. Validated versions keep the
    pieces they were shown (their snapshot)."""
    require_dec_writer(actor, session.academie_id)
    with transaction.atomic():
        existing = {p.label: p for p in session.pieces.select_for_update()}
        before = [_piece_values(p) for p in existing.values()]
        wanted = {piece["label"]: piece for piece in pieces}
        removed = [p for label, p in existing.items() if label not in wanted]
        used = [str(p) for p in removed if p.deposits.exists()]
        if used:
            raise DomainError(
                "Des candidats ont déjà des dépôts pour : "
                + " ; ".join(used)
                + ". Ces pièces ne peuvent plus être retirées de la liste."
            )
        for piece in removed:
            piece.delete()
        for label, values in wanted.items():
            if label in existing:
                PieceRequirement.objects.filter(pk=existing[label].pk).update(**values)
            else:
                PieceRequirement.objects.create(session=session, **values)
        after = [_piece_values(p) for p in session.pieces.order_by("id")]
        if before != after:
            audit_record(
                actor=actor,
                action="session.pieces",
                target=session,
                changes={"pieces": [before, after]},
            )


def _piece_values(piece: PieceRequirement) -> str:
    window = ""
    if piece.deposit_mode == "en_ligne":
        opens, closes = piece.deposit_opens_at, piece.deposit_closes_at
        window = (
            f" du {opens:%d/%m/%Y %H:%M} au {closes:%d/%m/%Y %H:%M}" if opens and closes else ""
        )
    return f"{piece} ({piece.get_deposit_mode_display()}{window})"


def session_eps_pairs_set(*, session: Session, pairs: list[tuple[str, str]], actor: Actor) -> None:
    require_dec_writer(actor, session.academie_id)
    with transaction.atomic(), reference_changes_batched():
        before = [[p.first_activity, p.second_activity] for p in session.eps_pairs.all()]
        after = [list(pair) for pair in dict.fromkeys(pairs)]
        if before == after:
            return
        session.eps_pairs.all().delete()
        EpsPair.objects.bulk_create(
            EpsPair(session=session, first_activity=a, second_activity=b) for a, b in after
        )
        reference_changed()  # kept per process (selectors.eps_pairs); bulk_create signals none
        audit_record(
            actor=actor,
            action="session.couples_eps",
            target=session,
            changes={"eps_pairs": [before, after]},
        )


def session_copy(*, source: Session, label: str, exam_year: int, dates: dict, actor: Actor):
    """M2 « Initialiser une session à partir d'une autre »: the same exam and académie, the
    source's settings, pieces and EPS pairs, with its own label and dates — no dossier.
    Specialties, épreuves, catégories and rights belong to the exam: the new session offers
    them as the source did."""
    require_dec_writer(actor, source.academie_id)
    settings = {k: getattr(source, k) for k in SETTINGS_FIELDS}
    settings.update({k: v for k, v in dates.items() if k in SETTINGS_FIELDS})
    problem = _period_problems(settings)
    if problem:
        raise DomainError(problem)
    try:
        with transaction.atomic():
            session = Session.objects.create(
                exam_id=source.exam_id,
                academie_id=source.academie_id,
                label=label,
                exam_year=exam_year,
                locked=False,
                **settings,
            )
            PieceRequirement.objects.bulk_create(
                # The deposit windows belong to the source's dates: the copy's period applies.
                PieceRequirement(
                    session=session,
                    case=p.case,
                    specialty_id=p.specialty_id,
                    label=p.label,
                    code=p.code,
                    deposit_mode=p.deposit_mode,
                )
                for p in source.pieces.all()
            )
            EpsPair.objects.bulk_create(
                EpsPair(
                    session=session,
                    first_activity=p.first_activity,
                    second_activity=p.second_activity,
                )
                for p in source.eps_pairs.all()
            )
            reference_changed()  # bulk_create signals none (selectors.eps_pairs)
            audit_record(
                actor=actor,
                action="session.initialisee",
                target=session,
                details={"à partir de": str(source), "session source": source.pk},
            )
    except IntegrityError:
        raise DomainError(
            f"Une session « {label} » de cet examen existe déjà dans l'académie."
        ) from None
    return session


def academie_contact_update(*, academie: Academie, values: dict, actor: Actor) -> None:
    """The DEC's address and contact printed on confirmations and shown to candidates."""
    require_dec_writer(actor, academie.pk)
    values = {k: values[k] for k in CONTACT_FIELDS if k in values}
    with transaction.atomic():
        _changed_fields_update(
            obj=academie,
            values=values,
            actor=actor,
            action="academie.contact",
            academie_id=academie.pk,
        )
    academie.refresh_from_db()
