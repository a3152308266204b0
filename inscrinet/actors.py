"""Who performs a write: one typed value passed to every service as `actor=`.

A candidate (a dossier unlocked in this browser, or an account), an establishment (its
inscription access, E1, or its suivi access, S1), a DEC user (académie and role), or the
system (a task, a command, an import). The audit and the dossier transitions record the
actor's kind, label and ids; services decide what each kind may do.
"""

from dataclasses import dataclass
from typing import ClassVar

from django.db import models


class ActorKind(models.TextChoices):
    CANDIDAT = "candidat", "Candidat"
    ETABLISSEMENT = "etablissement", "Établissement"
    DEC = "dec", "DEC"
    SYSTEME = "systeme", "Système"


class EtablissementAccess(models.TextChoices):
    INSCRIPTION = "inscription", "accès inscription"
    SUIVI = "suivi", "accès suivi"


class DecRole(models.TextChoices):
    GESTIONNAIRE = "gestionnaire", "gestionnaire"
    CONSULTATION = "consultation", "consultation"


@dataclass(frozen=True, kw_only=True)
class Actor:
    kind: ClassVar[str]
    ip: str | None = None  # the client's address, when the write comes from a request

    @property
    def label(self) -> str:
        """How the audit and the transition log name the actor (each kind says)."""
        raise NotImplementedError

    # Ids the audit keeps beside the label (for filtering by user, establishment, académie).
    user_id: ClassVar[int | None] = None
    etablissement_id: ClassVar[int | None] = None
    academie_id: ClassVar[int | None] = None


@dataclass(frozen=True, kw_only=True)
class CandidateActor(Actor):
    """A candidate: through a dossier unlocked by number and birth date (or being created),
    or through an account (Cyclades)."""

    kind: ClassVar[str] = ActorKind.CANDIDAT
    dossier_id: int | None = None
    account_id: int | None = None

    @property
    def label(self) -> str:
        if self.account_id:
            return f"candidat (compte {self.account_id})"
        return "candidat"


@dataclass(frozen=True, kw_only=True)
class EstablishmentActor(Actor):
    kind: ClassVar[str] = ActorKind.ETABLISSEMENT
    etablissement_id: int
    code: str
    access: str = EtablissementAccess.INSCRIPTION

    @property
    def label(self) -> str:
        return f"établissement {self.code} ({EtablissementAccess(self.access).label})"


@dataclass(frozen=True, kw_only=True)
class DecActor(Actor):
    kind: ClassVar[str] = ActorKind.DEC
    user_id: int
    username: str
    academie_id: int
    role: str = DecRole.GESTIONNAIRE

    @property
    def label(self) -> str:
        return f"DEC {self.username} ({DecRole(self.role).label})"

    @property
    def may_write(self) -> bool:
        return self.role == DecRole.GESTIONNAIRE


@dataclass(frozen=True, kw_only=True)
class SystemActor(Actor):
    """A task, a management command or an import: `name` says which."""

    kind: ClassVar[str] = ActorKind.SYSTEME
    name: str

    @property
    def label(self) -> str:
        return f"système ({self.name})"


def establishment_actor(etablissement, *, access, ip=None) -> EstablishmentActor:
    return EstablishmentActor(
        etablissement_id=etablissement.pk, code=etablissement.code, access=access, ip=ip
    )
