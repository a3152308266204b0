"""Back-office reads: each takes who asks (`fetched_by=`, an inscrinet.actors value) and
returns only that actor's scope — an establishment's own pupils, an académie's sessions,
establishments and dossiers. Whatever ids a URL carries, a view reads through these, so an
object outside the scope is simply not found (a 404, never a 403 that confirms it exists).
"""

from inscrinet.actors import Actor, ActorKind, EtablissementAccess
from inscrinet.models import AuditEvent, Dossier, Etablissement, Session


def sessions_visible_to(*, fetched_by: Actor):
    sessions = Session.objects.select_related("exam", "academie")
    if fetched_by.kind == ActorKind.DEC:
        return sessions.filter(academie_id=fetched_by.academie_id)
    if _is_suivi(fetched_by):
        return sessions.filter(
            academie__etablissements=fetched_by.etablissement_id,
            exam__etablissements=fetched_by.etablissement_id,
        ).distinct()
    if fetched_by.kind == ActorKind.SYSTEME:
        return sessions
    return sessions.none()


def etablissements_visible_to(*, fetched_by: Actor):
    etablissements = Etablissement.objects.select_related("academie")
    if fetched_by.kind == ActorKind.DEC:
        return etablissements.filter(academie_id=fetched_by.academie_id)
    if _is_suivi(fetched_by):
        return etablissements.filter(pk=fetched_by.etablissement_id)
    if fetched_by.kind == ActorKind.SYSTEME:
        return etablissements
    return etablissements.none()


def dossiers_visible_to(*, fetched_by: Actor, session: Session | None = None):
    dossiers = Dossier.objects.select_related(
        "session__exam", "session__academie", "specialty", "categorie", "etablissement"
    )
    if session is not None:
        dossiers = dossiers.filter(session=session)
    if fetched_by.kind == ActorKind.DEC:
        return dossiers.filter(session__academie_id=fetched_by.academie_id)
    if _is_suivi(fetched_by):
        return dossiers.filter(etablissement_id=fetched_by.etablissement_id)
    if fetched_by.kind == ActorKind.CANDIDAT and fetched_by.dossier_id:
        return dossiers.filter(pk=fetched_by.dossier_id)
    if fetched_by.kind == ActorKind.SYSTEME:
        return dossiers
    return dossiers.none()


def audit_visible_to(*, fetched_by: Actor):
    """M5: a DEC reads its académie's audit; an establishment, its own rows."""
    events = AuditEvent.objects.all()
    if fetched_by.kind == ActorKind.DEC:
        return events.filter(academie_id=fetched_by.academie_id)
    if _is_suivi(fetched_by):
        return events.filter(etablissement_id=fetched_by.etablissement_id)
    if fetched_by.kind == ActorKind.SYSTEME:
        return events
    return events.none()


def _is_suivi(actor: Actor) -> bool:
    """The inscription access (pupils at E1) reads nothing of the back office."""
    return (
        actor.kind == ActorKind.ETABLISSEMENT
        and getattr(actor, "access", None) == EtablissementAccess.SUIVI
    )


def academie_rows_visible_to(model, *, fetched_by: Actor):
    """Rows owned by an académie (loads, API keys): a DEC sees its académie's only."""
    if fetched_by.kind == ActorKind.DEC:
        return model.objects.filter(academie_id=fetched_by.academie_id)
    if fetched_by.kind == ActorKind.SYSTEME:
        return model.objects.all()
    return model.objects.none()


def session_rows_visible_to(model, *, fetched_by: Actor):
    """Rows owned by a session (unloads, reminder campaigns): through the session's académie."""
    if fetched_by.kind == ActorKind.DEC:
        return model.objects.filter(session__academie_id=fetched_by.academie_id)
    if fetched_by.kind == ActorKind.SYSTEME:
        return model.objects.all()
    return model.objects.none()
