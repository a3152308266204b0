"""Previous-session candidates loaded by the rectorat, used to pre-fill the wizard (G4)."""

from django.db import models
from django.db.models import Q

from inscrinet.models.acquis import DiplomaEpreuve
from inscrinet.models.catalog import Academie, Exam, Specialty

# A year with optional month and day (`00/00`); a day never without its month. Each clause
# states its NULLs: a CHECK whose result is NULL would pass.
_MONTH_SET = Q(birth_month__isnull=False, birth_month__gte=1, birth_month__lte=12)
BIRTH_PARTS_VALID = (
    Q(birth_month__isnull=True, birth_day__isnull=True)
    | (_MONTH_SET & Q(birth_day__isnull=True))
    | (_MONTH_SET & Q(birth_day__isnull=False, birth_day__gte=1, birth_day__lte=31))
)


class PreviousCandidate(models.Model):
    academie = models.ForeignKey(
        Academie, on_delete=models.CASCADE, related_name="previous", verbose_name="académie"
    )
    exam = models.ForeignKey(
        Exam, on_delete=models.CASCADE, related_name="previous", verbose_name="examen"
    )
    specialty = models.ForeignKey(
        Specialty, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="spécialité"
    )
    redoublant_number = models.CharField("numéro redoublant", max_length=20, blank=True)
    ivae_number = models.CharField("numéro IVAE", max_length=20, blank=True)
    ine_number = models.CharField("numéro INE/CFA", max_length=20, blank=True)
    birth_year = models.PositiveSmallIntegerField("année de naissance")
    birth_month = models.PositiveSmallIntegerField("mois de naissance", null=True, blank=True)
    birth_day = models.PositiveSmallIntegerField("jour de naissance", null=True, blank=True)
    civilite = models.CharField("civilité", max_length=10)
    birth_name = models.CharField("nom de famille", max_length=100)
    usage_name = models.CharField("nom d'usage", max_length=100, blank=True)
    first_names = models.CharField("prénoms", max_length=150)
    address = models.JSONField("adresse", default=dict, blank=True)
    email = models.EmailField("adresse électronique", blank=True)
    mobile_phone = models.CharField("téléphone mobile", max_length=30, blank=True)

    class Meta:
        verbose_name = "candidat d'une session précédente"
        verbose_name_plural = "candidats des sessions précédentes"
        constraints = [
            models.UniqueConstraint(
                fields=["academie", "redoublant_number"],
                condition=~Q(redoublant_number=""),
                name="previous_redoublant_unique",
            ),
            models.UniqueConstraint(
                fields=["academie", "ivae_number"],
                condition=~Q(ivae_number=""),
                name="previous_ivae_unique",
            ),
            models.UniqueConstraint(
                fields=["academie", "ine_number"],
                condition=~Q(ine_number=""),
                name="previous_ine_unique",
            ),
            models.CheckConstraint(condition=BIRTH_PARTS_VALID, name="previous_birth_parts"),
        ]

    def __str__(self):
        return f"{self.birth_name} {self.first_names}"


class PreviousResult(models.Model):
    """One épreuve result of a previous candidate: year, place and grade (none = dispense)."""

    candidate = models.ForeignKey(
        PreviousCandidate, on_delete=models.CASCADE, related_name="results"
    )
    source = models.ForeignKey(
        DiplomaEpreuve, on_delete=models.PROTECT, related_name="+", verbose_name="épreuve source"
    )
    year = models.PositiveSmallIntegerField("année")
    place = models.CharField("lieu", max_length=80)
    grade = models.DecimalField("note", max_digits=4, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = "résultat antérieur"
        constraints = [
            models.CheckConstraint(
                condition=Q(grade__isnull=True) | Q(grade__gte=0, grade__lte=20),
                name="previous_result_grade_0_20",
            ),
            models.UniqueConstraint(fields=["candidate", "source"], name="previous_result_unique"),
        ]

    def __str__(self):
        return f"{self.source.code} {self.year} {self.place} {self.grade or ''}".strip()
