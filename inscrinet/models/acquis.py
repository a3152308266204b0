"""Diplomas a candidate holds or presented, and the rights their épreuves give."""

from django.db import models

from inscrinet.models.catalog import Epreuve


class Diploma(models.Model):
    """e.g. « CAP EDUCATION NATIONALE - BOULANGER A PARTIR DE 2005 » coded « 500 - 22132 »."""

    code = models.CharField("code", max_length=20, unique=True)
    label = models.CharField("libellé", max_length=200)
    # None: national; an académie: its own, whose rights may target only its specialties.
    academie = models.ForeignKey(
        "inscrinet.Academie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="académie (vide : catalogue national)",
    )

    class Meta:
        ordering = ["label"]
        verbose_name = "diplôme"

    def __str__(self):
        return f"{self.label} ({self.code})"


class DiplomaEpreuve(models.Model):
    """An épreuve of the source diploma, numbered as on that diploma."""

    diploma = models.ForeignKey(Diploma, on_delete=models.CASCADE, related_name="epreuves")
    code = models.CharField("code", max_length=10)
    label = models.CharField("libellé", max_length=200)
    order = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        ordering = ["diploma", "order", "code"]
        verbose_name = "épreuve de diplôme"
        constraints = [
            models.UniqueConstraint(fields=["diploma", "code"], name="diploma_epreuve_unique")
        ]

    def __str__(self):
        return f"{self.code} {self.label}"


class RightKind(models.TextChoices):
    BENEFICE = "BENEFICE", "bénéfice de note"
    DISPENSE = "DISPENSE", "dispense"


class Right(models.Model):
    """(diploma, source épreuve) → target épreuve of a specialty, as BENEFICE or DISPENSE."""

    source = models.ForeignKey(
        DiplomaEpreuve,
        on_delete=models.CASCADE,
        related_name="rights",
        verbose_name="épreuve source",
    )
    target = models.ForeignKey(
        Epreuve, on_delete=models.CASCADE, related_name="rights", verbose_name="épreuve cible"
    )
    kind = models.CharField("position", max_length=8, choices=RightKind.choices)

    class Meta:
        ordering = ["source", "target"]
        verbose_name = "droit"
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="right_source_target_unique")
        ]

    def __str__(self):
        return f"{self.source} → {self.target} {self.kind}"
