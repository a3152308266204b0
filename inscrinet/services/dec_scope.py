"""What every DEC write checks first: the actor is a gestionnaire of the object's académie
(views already 404 outside it; this keeps services safe when called from elsewhere).
Tasks, commands and imports (the system) may write anywhere."""

from inscrinet.actors import Actor, ActorKind
from inscrinet.services.errors import DomainError


def require_dec_writer(actor: Actor, academie_id: int) -> None:
    if actor.kind == ActorKind.SYSTEME:
        return
    if actor.kind != ActorKind.DEC or actor.academie_id != academie_id:
        raise DomainError("Cet objet ne relève pas de votre académie.")
    if not actor.may_write:
        raise DomainError("Votre profil DEC est en consultation seule.")
