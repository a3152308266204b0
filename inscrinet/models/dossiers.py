"""Dossiers: the number, the queryable columns of the current version, immutable versions
and the log of state transitions."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from inscrinet.actors import ActorKind
from inscrinet.models.catalog import Categorie, Etablissement, Specialty
from inscrinet.models.previous import BIRTH_PARTS_VALID
from inscrinet.models.sessions import Service, Session
from inscrinet.rules import BirthDateParts


class DossierState(models.TextChoices):
    """Moves between states: inscrinet/services/dossier_states.py, and nothing else."""

    PRE_INSCRIT = "pre_inscrit", "Pré-inscrit"
    # C10: pre-registered by an establishment, completed by the candidate.
    A_COMPLETER = "a_completer", "À compléter"
    ANNULE = "annule", "Annulé par l'établissement"
    ANNULE_DEC = "annule_dec", "Annulé par la DEC"
    DESINSCRIT = "desinscrit", "Désinscrit par le candidat"
    DEFINITIF = "definitif", "Inscription définitive"


# Cancelled or withdrawn: not counted by G11, no lost-number email, no confirmation.
ENDED_STATES = (DossierState.ANNULE, DossierState.ANNULE_DEC, DossierState.DESINSCRIT)


class Counter(models.Model):
    """A named counter row (one per session for dossier numbers, one per académie and year
    for candidate numbers), incremented inside the validating transaction: gapless and
    unique under concurrency on PostgreSQL (row lock) as on SQLite (IMMEDIATE transactions).
    """

    name = models.CharField(max_length=60, primary_key=True)
    value = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "compteur"

    def __str__(self):
        return f"{self.name} = {self.value}"


class Dossier(models.Model):
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="dossiers")
    number = models.PositiveIntegerField("numéro de dossier")
    candidate_number = models.CharField("numéro de candidat", max_length=11, unique=True)
    submission_key = models.CharField(
        max_length=64, unique=True, editable=False, verbose_name="clé de soumission"
    )
    service = models.CharField(
        "service d'inscription",
        max_length=16,
        choices=Service.choices,
        default=Service.GRAND_PUBLIC,
        help_text="par lequel le dossier a été créé : sa modification suit la même période",
    )
    state = models.CharField(
        "état", max_length=12, choices=DossierState.choices, default=DossierState.PRE_INSCRIT
    )
    current_version = models.PositiveIntegerField("version courante", default=0)
    # Queryable columns of the current version (the snapshot is the source of truth).
    specialty = models.ForeignKey(
        Specialty, on_delete=models.PROTECT, related_name="dossiers", verbose_name="spécialité"
    )
    categorie = models.ForeignKey(
        Categorie, on_delete=models.PROTECT, related_name="dossiers", verbose_name="catégorie"
    )
    etablissement = models.ForeignKey(
        Etablissement,
        on_delete=models.PROTECT,
        related_name="dossiers",
        verbose_name="établissement",
    )
    forme = models.CharField("forme de passage", max_length=12)
    # Cyclades (C4): the candidate account the candidature belongs to; PROTECT: an account
    # with a candidature cannot be deleted (C3).
    account = models.ForeignKey(
        "inscrinet.CandidateAccount",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name="compte candidat",
    )
    # C10: the pupil's class, as the establishment imported it (printed on the login slip).
    pupil_class = models.CharField("classe", max_length=30, blank=True)
    birth_name = models.CharField("nom de famille", max_length=100)
    first_names = models.CharField("prénoms", max_length=150)
    identity_key = models.CharField(
        max_length=200,
        db_index=True,
        editable=False,
        help_text="nom normalisé (G11)",
        verbose_name="clé d'identité",
    )
    birth_year = models.PositiveSmallIntegerField("année de naissance")
    birth_month = models.PositiveSmallIntegerField("mois de naissance", null=True, blank=True)
    birth_day = models.PositiveSmallIntegerField("jour de naissance", null=True, blank=True)
    email = models.EmailField("adresse électronique")
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        ordering = ["session", "number"]
        verbose_name = "dossier"
        constraints = [
            models.UniqueConstraint(fields=["session", "number"], name="dossier_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="dossier_number_positive"),
            models.CheckConstraint(condition=BIRTH_PARTS_VALID, name="dossier_birth_parts"),
        ]
        indexes = [models.Index(fields=["session", "identity_key", "birth_year"])]

    def __str__(self):
        return self.display_number

    @property
    def display_number(self):
        return f"{self.number} - {self.current_version}"

    @property
    def birth_date(self):
        return BirthDateParts(self.birth_year, self.birth_month, self.birth_day)


class DossierVersion(models.Model):
    """What the candidate saw on the récapitulatif when they validated: never changed."""

    # The snapshot's layout: 1 until the acquis screens existed; 2 adds acquis and bilan;
    # 3 adds what the confirmation needs as of validation (pieces, return deadline).
    SCHEMA = 3

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveIntegerField("version")
    schema = models.PositiveSmallIntegerField(default=SCHEMA)
    snapshot = models.JSONField()
    # The wizard's screens as they were validated, to re-enter the wizard pre-filled (G18).
    answers = models.JSONField(default=dict, blank=True)
    # Idempotent validation: a replayed « Valider » of this version finds it again. NULL
    # (not "") for versions stored before keys existed, so that uniqueness ignores them.
    submission_key = models.CharField(  # noqa: DJ001
        max_length=64, unique=True, null=True, editable=False, verbose_name="clé de soumission"
    )
    created_at = models.DateTimeField("validée le", auto_now_add=True)

    class Meta:
        ordering = ["dossier", "version"]
        verbose_name = "version de dossier"
        constraints = [
            models.UniqueConstraint(fields=["dossier", "version"], name="dossier_version_unique")
        ]

    def __str__(self):
        return f"{self.dossier.number} - {self.version}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A dossier version is immutable: store a new version instead.")
        super().save(*args, **kwargs)

    @property
    def display_number(self):
        return f"{self.dossier.number} - {self.version}"


class DossierTransition(models.Model):
    """The audit trail: who moved a dossier from which state to which, when and why."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="transitions")
    from_state = models.CharField(max_length=12, choices=DossierState.choices, blank=True)
    to_state = models.CharField(max_length=12, choices=DossierState.choices)
    at = models.DateTimeField(auto_now_add=True)
    actor_kind = models.CharField(
        "type d'acteur", max_length=16, choices=ActorKind.choices, default=ActorKind.CANDIDAT
    )
    actor = models.CharField("par", max_length=150, help_text="libellé de l'acteur")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    reason = models.CharField("motif", max_length=300, blank=True)

    class Meta:
        ordering = ["dossier", "at", "id"]
        verbose_name = "changement d'état"
        verbose_name_plural = "changements d'état"

    def __str__(self):
        return f"{self.from_state or '∅'} → {self.to_state}"
