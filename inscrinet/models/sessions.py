"""Sessions: one exam in one académie, with the opening periods of its services."""

import datetime

from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from inscrinet.models.catalog import Academie, Exam, Specialty


class Service(models.TextChoices):
    GRAND_PUBLIC = "grand_public", "Inscription grand public"
    ETABLISSEMENT = "etablissement", "Inscription établissement"


class CandidateAccess(models.TextChoices):
    """How a session's candidates reach their registration (set by the DEC)."""

    NUMERO = "numero", "par numéro de dossier et date de naissance (Inscrinet)"
    COMPTE = "compte", "par compte candidat (espace candidat Cyclades)"


class Session(models.Model):
    exam = models.ForeignKey(
        Exam, on_delete=models.PROTECT, related_name="sessions", verbose_name="examen"
    )
    academie = models.ForeignKey(
        Academie, on_delete=models.PROTECT, related_name="sessions", verbose_name="académie"
    )
    label = models.CharField("session", max_length=20, help_text="ex. 2021-06")
    exam_year = models.PositiveSmallIntegerField("année de l'examen")
    public_opens_at = models.DateTimeField("ouverture grand public")
    public_closes_at = models.DateTimeField("fermeture grand public")
    etablissement_opens_at = models.DateTimeField("ouverture établissements")
    etablissement_closes_at = models.DateTimeField("fermeture établissements")
    locked = models.BooleanField(
        "base verrouillée", default=False, help_text="chargement ou déchargement en cours (M3)"
    )
    confirmation_return_date = models.DateField("date limite de retour de la confirmation")
    confirmation_return_days = models.PositiveSmallIntegerField(
        "jours accordés après validation",
        default=10,
        help_text="délai de retour pour ceux qui valident après la date limite",
    )
    information_note = models.TextField("note d'information", blank=True)
    emails_confirmation = models.BooleanField("confirmation envoyée par courriel", default=True)
    candidate_access = models.CharField(
        "accès des candidats",
        max_length=8,
        choices=CandidateAccess.choices,
        default=CandidateAccess.NUMERO,
        help_text="ne peut plus changer dès qu'un dossier existe",
    )
    individuals_must_be_adult = models.BooleanField(
        "individuels majeurs au 31 décembre de l'année de l'examen", default=False
    )

    class Meta:
        ordering = ["exam__order", "academie__name", "label"]
        verbose_name = "session"
        constraints = [
            models.UniqueConstraint(
                fields=["exam", "academie", "label"], name="session_exam_academie_label_unique"
            ),
            models.CheckConstraint(
                condition=Q(public_closes_at__gt=F("public_opens_at")),
                name="session_public_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(etablissement_closes_at__gt=F("etablissement_opens_at")),
                name="session_etablissement_period_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.exam.code} {self.label} — {self.academie.name}"

    @property
    def by_account(self) -> bool:
        return self.candidate_access == CandidateAccess.COMPTE

    def period(self, service):
        if service == Service.GRAND_PUBLIC:
            return self.public_opens_at, self.public_closes_at
        return self.etablissement_opens_at, self.etablissement_closes_at

    def is_open(self, service, now=None):
        now = now or timezone.now()
        opens_at, closes_at = self.period(service)
        return opens_at <= now < closes_at

    def return_deadline(self, validated_on: datetime.date) -> datetime.date:
        """G21: the session's return date, or N days after validation when that is later."""
        granted = validated_on + datetime.timedelta(days=self.confirmation_return_days)
        return max(self.confirmation_return_date, granted)


class EpsPair(models.Model):
    """An allowed combination of two EPS activities (seed 001: five pairs in Limoges)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="eps_pairs")
    first_activity = models.CharField("activité 1", max_length=80)
    second_activity = models.CharField("activité 2", max_length=80)

    class Meta:
        ordering = ["session", "id"]
        verbose_name = "couple d'activités EPS"
        verbose_name_plural = "couples d'activités EPS"
        constraints = [
            models.UniqueConstraint(
                fields=["session", "first_activity", "second_activity"], name="eps_pair_unique"
            )
        ]

    def __str__(self):
        return f"{self.first_activity} + {self.second_activity}"


class PieceCase(models.TextChoices):
    ALWAYS = "toujours", "tous les candidats"
    SPECIALTY = "specialite", "candidats de la spécialité"
    DISPENSE = "dispense", "candidats ayant déclaré une dispense"
    BENEFICE = "benefice", "candidats ayant déclaré un bénéfice de note"
    HANDICAP = "handicap", "candidats ayant déclaré un handicap"


class DepositMode(models.TextChoices):
    EN_LIGNE = "en_ligne", "en ligne (Mes justificatifs)"
    COURRIER = "courrier", "par courrier"


class PieceRequirement(models.Model):
    """A piece to enclose with the signed confirmation, for one case (seed 001's list); in
    a session reached by candidate account, deposited online or sent by post (C8, M6)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="pieces")
    case = models.CharField("cas", max_length=12, choices=PieceCase.choices)
    specialty = models.ForeignKey(
        Specialty,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="pieces",
        verbose_name="spécialité",
    )
    label = models.CharField("pièce à joindre", max_length=300)
    code = models.CharField("code", max_length=12, blank=True, help_text="ex. NATIDE04")
    deposit_mode = models.CharField(
        "dépôt", max_length=10, choices=DepositMode.choices, default=DepositMode.COURRIER
    )
    # The deposit window (Paris time in the forms); empty: the session's public period.
    deposit_opens_at = models.DateTimeField("dépôt possible à partir du", null=True, blank=True)
    deposit_closes_at = models.DateTimeField("dépôt possible jusqu'au", null=True, blank=True)

    class Meta:
        ordering = ["session", "id"]
        verbose_name = "pièce à joindre"
        verbose_name_plural = "pièces à joindre"
        constraints = [
            models.CheckConstraint(
                condition=Q(case="specialite", specialty__isnull=False)
                | (~Q(case="specialite") & Q(specialty__isnull=True)),
                name="piece_specialty_iff_specialty_case",
            )
        ]

    def __str__(self):
        return f"{self.code} : {self.label}" if self.code else self.label

    def deposit_window(self):
        return (
            self.deposit_opens_at or self.session.public_opens_at,
            self.deposit_closes_at or self.session.public_closes_at,
        )
