"""The one state machine of dossiers: a table of allowed transitions, each one logged."""

from inscrinet.models import Dossier, DossierState, DossierTransition
from inscrinet.services.errors import DomainError

S = DossierState
# (from, to) → what the transition means; "" is "no dossier yet".
ALLOWED_TRANSITIONS = {
    ("", S.PRE_INSCRIT): "validation de la pré-inscription",
    (S.PRE_INSCRIT, S.ANNULE): "annulation par l'établissement",
    (S.ANNULE, S.PRE_INSCRIT): "réactivation par l'établissement",
    (S.PRE_INSCRIT, S.DESINSCRIT): "désinscription par le candidat",
    (S.PRE_INSCRIT, S.DEFINITIF): "retour de la confirmation signée",
    (S.DEFINITIF, S.PRE_INSCRIT): "retour de la confirmation annulé par la DEC",
    (S.PRE_INSCRIT, S.PRE_INSCRIT): "modification par le candidat",
}


def dossier_record_transition(
    *, dossier: Dossier, from_state: str, to_state: str, actor: str, user=None, reason: str = ""
) -> DossierTransition:
    """Check the move against the table and log it (the caller saves the dossier's state)."""
    if (from_state, to_state) not in ALLOWED_TRANSITIONS:
        current = S(from_state).label if from_state else "—"
        raise DomainError(
            f"Ce dossier ne peut pas passer de l'état « {current} » "
            f"à l'état « {S(to_state).label} »."
        )
    return DossierTransition.objects.create(
        dossier=dossier,
        from_state=from_state,
        to_state=to_state,
        actor=actor,
        user=user,
        reason=reason or ALLOWED_TRANSITIONS[(from_state, to_state)],
    )
