"""French reference data for birth places and addresses (loaded from fixtures/reference)."""

from django.db import models

ABROAD_DEPARTEMENT = "099"


class Departement(models.Model):
    """A département shown on three characters as the notices do: 014, 02A, 971, 099."""

    code = models.CharField("code", max_length=3, primary_key=True)
    name = models.CharField("nom", max_length=80)
    zone = models.CharField("zone", max_length=8, help_text="metro, drom, com ou abroad (étranger)")
    has_arrondissements = models.BooleanField(
        "arrondissement obligatoire", default=False, help_text="Paris, Lyon, Marseille"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = "département"

    def __str__(self):
        return f"{self.code} - {self.name}"


class CommuneKind(models.TextChoices):
    CURRENT = "actuelle", "commune actuelle"
    DELEGATED = "deleguee", "commune déléguée"
    ASSOCIATED = "associee", "commune associée"
    ARRONDISSEMENT = "arrondissement", "arrondissement municipal"


class Commune(models.Model):
    """A commune, including those merged since (people were born there) and arrondissements."""

    insee_code = models.CharField("code INSEE", max_length=5, db_index=True)
    name = models.CharField("nom", max_length=100)
    search_name = models.CharField(
        max_length=100, db_index=True, editable=False, verbose_name="nom de recherche"
    )
    departement = models.ForeignKey(
        Departement, on_delete=models.CASCADE, related_name="communes", verbose_name="département"
    )
    kind = models.CharField("type", max_length=16, choices=CommuneKind.choices)
    postal_codes = models.CharField("codes postaux", max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "commune"
        constraints = [
            models.UniqueConstraint(fields=["insee_code", "kind"], name="commune_code_kind_unique")
        ]
        indexes = [models.Index(fields=["departement", "search_name"])]

    def __str__(self):
        return self.name
