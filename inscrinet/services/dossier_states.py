"""The one state machine of dossiers.

Named events with their source states, target state and the kinds of actors allowed to do
them; `dossier_move` performs one (a conditional UPDATE on the state read in the same
transaction) and writes its transition row and its audit row in that transaction. Nothing
else in the code writes a dossier's state (tests/test_dossier_states.py checks the
sources). What each state allows the candidate (modify, consult, download) is here too.
"""

from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from inscrinet.actors import Actor, ActorKind, DecActor, EtablissementAccess
from inscrinet.models import Dossier, DossierState, DossierTransition
from inscrinet.services.audit import audit_record
from inscrinet.services.errors import DomainError
from inscrinet.services.lock import refuse_if_session_locked

S = DossierState
K = ActorKind


@dataclass(frozen=True)
class DossierEvent:
    name: str
    label: str  # as the transition log and the audit say it
    sources: frozenset
    target: str
    actor_kinds: frozenset
    reason_required: bool = False


EVENTS = {
    e.name: e
    for e in (
        DossierEvent(
            "annuler_etablissement",
            "annulation par l'établissement",
            frozenset({S.PRE_INSCRIT}),
            S.ANNULE,
            frozenset({K.ETABLISSEMENT}),
        ),
        DossierEvent(
            "reactiver",
            "réactivation",
            frozenset({S.ANNULE}),
            S.PRE_INSCRIT,
            frozenset({K.ETABLISSEMENT, K.DEC}),
        ),
        DossierEvent(
            "annuler_dec",
            "annulation par la DEC",
            frozenset({S.PRE_INSCRIT, S.A_COMPLETER, S.DEFINITIF, S.ANNULE}),
            S.ANNULE_DEC,
            frozenset({K.DEC}),
            reason_required=True,
        ),
        DossierEvent(
            "reactiver_dec",
            "réactivation par la DEC",
            frozenset({S.ANNULE_DEC}),
            S.PRE_INSCRIT,
            frozenset({K.DEC}),
        ),
        DossierEvent(
            "desinscrire",
            "désinscription par le candidat",
            frozenset({S.PRE_INSCRIT, S.A_COMPLETER}),
            S.DESINSCRIT,
            frozenset({K.CANDIDAT}),
        ),
        DossierEvent(
            "rendre_definitif",
            "inscription définitive (confirmation signée reçue)",
            frozenset({S.PRE_INSCRIT}),
            S.DEFINITIF,
            frozenset({K.DEC}),
        ),
        DossierEvent(
            "annuler_definitif",
            "retour de la confirmation annulé par la DEC",
            frozenset({S.DEFINITIF}),
            S.PRE_INSCRIT,
            frozenset({K.DEC}),
        ),
        DossierEvent(
            "completer",
            "candidature complétée par le candidat",
            frozenset({S.A_COMPLETER}),
            S.PRE_INSCRIT,
            frozenset({K.CANDIDAT}),
        ),
    )
}

# The log's words for the two writes that are not moves: creation and modification.
VALIDATION = "validation de la pré-inscription"
MODIFICATION = "modification par le candidat"


@dataclass(frozen=True)
class StateRights:
    """What the candidate may do with a dossier in this state."""

    modify: bool
    consult: bool
    download: bool
    candidate_label: str  # the state as the candidate reads it


STATE_RIGHTS = {
    S.PRE_INSCRIT: StateRights(True, True, True, "Pré-inscrit(e)"),
    S.A_COMPLETER: StateRights(True, True, False, "À compléter"),
    S.DEFINITIF: StateRights(False, True, True, "Inscription définitive"),
    S.ANNULE: StateRights(False, True, False, "Annulée par votre établissement"),
    S.ANNULE_DEC: StateRights(False, True, False, "Annulée par le service des examens"),
    S.DESINSCRIT: StateRights(False, True, False, "Désinscrit(e) à votre demande"),
}


MODIFIABLE_STATES = frozenset(state for state, rights in STATE_RIGHTS.items() if rights.modify)


def state_rights(state: str) -> StateRights:
    return STATE_RIGHTS[S(state)]


def _in_scope(dossier: Dossier, actor: Actor) -> bool:
    """An actor moves only dossiers of its own perimeter."""
    if actor.kind == K.CANDIDAT:
        return actor.dossier_id == dossier.pk
    if actor.kind == K.ETABLISSEMENT:
        return (
            actor.access == EtablissementAccess.SUIVI
            and actor.etablissement_id == dossier.etablissement_id
        )
    if actor.kind == K.DEC:
        return actor.academie_id == dossier.session.academie_id
    return actor.kind == K.SYSTEME


def event_refusal(event: DossierEvent, actor: Actor, dossier: Dossier, reason: str):
    """Why this actor may not perform this event on this dossier, or None."""
    if actor.kind not in event.actor_kinds:
        return f"L'{event.label} n'est pas ouverte à votre profil."
    if isinstance(actor, DecActor) and not actor.may_write:
        return "Votre profil DEC est en consultation seule."
    if not _in_scope(dossier, actor):
        return "Ce dossier ne relève pas de votre périmètre."
    if event.reason_required and not reason.strip():
        return f"Indiquez le motif de l'{event.label}."
    return None


def dossier_move(*, dossier: Dossier, event: str, actor: Actor, reason: str = "") -> Dossier:
    """Perform `event` on `dossier`, or raise DomainError (nothing written)."""
    move = EVENTS[event]
    refusal = event_refusal(move, actor, dossier, reason)
    if refusal:
        raise DomainError(refusal)
    with transaction.atomic():
        if actor.kind in (K.CANDIDAT, K.ETABLISSEMENT):  # M3: the DEC works while locked
            refuse_if_session_locked(dossier.session_id)
        rows = Dossier.objects.filter(pk=dossier.pk)
        if connection.features.has_select_for_update:
            rows = rows.select_for_update()  # PostgreSQL; SQLite's IMMEDIATE already waits
        current = rows.values_list("state", flat=True).get()
        if current not in move.sources:
            raise DomainError(
                f"Ce dossier est à l'état « {S(current).label} » : "
                f"l'{move.label} n'est pas possible."
            )
        updated = Dossier.objects.filter(pk=dossier.pk, state=current).update(
            state=move.target, updated_at=timezone.now()
        )
        if updated != 1:  # cannot happen under the lock; never log a move that did not happen
            raise DomainError("Ce dossier vient de changer d'état : rechargez la page.")
        _transition_log(dossier, current, move.target, actor, reason or move.label)
        audit_record(
            actor=actor,
            action=f"dossier.{move.name}",
            target=dossier,
            changes={"state": [current, move.target]},
            details={"reason": reason} if reason else {},
            academie_id=dossier.session.academie_id,
            etablissement_id=dossier.etablissement_id,
        )
    dossier.refresh_from_db(fields=["state", "updated_at"])
    return dossier


# Who may create a dossier in which state: « à compléter » is a candidature pre-registered
# by an establishment (or loaded), that its candidate completes (C10).
INITIAL_STATES = {
    S.PRE_INSCRIT: frozenset(K),
    S.A_COMPLETER: frozenset({K.ETABLISSEMENT, K.DEC, K.SYSTEME}),
}


def initial_state_columns(state: str, actor: Actor) -> dict:
    """The state column of a dossier being created (dossier_submit)."""
    if actor.kind not in INITIAL_STATES.get(state, ()):
        raise DomainError("Ce dossier ne peut pas être créé dans cet état.")
    return {"state": state}


def dossier_created_log(dossier: Dossier, actor: Actor) -> None:
    """The first row of a dossier's log (its state is the model's initial state)."""
    _transition_log(dossier, "", dossier.state, actor, VALIDATION)


def dossier_modified_log(dossier: Dossier, actor: Actor) -> None:
    _transition_log(dossier, dossier.state, dossier.state, actor, MODIFICATION)


def _transition_log(dossier, from_state, to_state, actor: Actor, reason: str):
    DossierTransition.objects.create(
        dossier=dossier,
        from_state=from_state,
        to_state=to_state,
        actor_kind=actor.kind,
        actor=actor.label[:150],
        user_id=actor.user_id,
        reason=reason[:300],
    )
