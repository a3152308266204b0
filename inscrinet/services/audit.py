"""audit_record: the one way to write an audit row. Call it inside the write's transaction."""

from django.db import transaction

from inscrinet.actors import Actor
from inscrinet.models import AuditEvent, Etablissement


def audit_record(
    *,
    actor: Actor,
    action: str,
    target=None,
    changes: dict | None = None,
    details: dict | None = None,
    academie_id: int | None = None,
    etablissement_id: int | None = None,
) -> AuditEvent:
    """`action` is a dotted code (« dossier.valider », « etablissement.mot_de_passe »…);
    `changes` maps a field to [before, after]; never a password or a secret in either.
    The row's académie and establishment (its readers' scopes) are those given, else the
    target's own (an establishment, a session), else the actor's."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record runs inside the write's transaction.atomic().")
    if isinstance(target, Etablissement):
        etablissement_id = etablissement_id or target.pk
    academie_id = academie_id or getattr(target, "academie_id", None)
    return AuditEvent.objects.create(
        actor_kind=actor.kind,
        actor_label=actor.label[:200],
        user_id=actor.user_id,
        academie_id=academie_id or actor.academie_id,
        etablissement_id=etablissement_id or actor.etablissement_id,
        ip=actor.ip,
        action=action,
        object_type=target._meta.model_name if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        object_repr=str(target)[:200] if target is not None else "",
        changes=changes or {},
        details=details or {},
    )
