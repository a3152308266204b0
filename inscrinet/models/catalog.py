"""What can be registered to: académies, exams, specialties, épreuves, catégories,
establishments."""

from django.contrib.auth.hashers import check_password
from django.db import models


class Academie(models.Model):
    code = models.CharField("code", max_length=3, unique=True, help_text="ex. 022 pour Limoges")
    name = models.CharField("nom", max_length=80, unique=True)
    dec_service = models.CharField(
        "service des examens", max_length=200, default="Division des Examens et Concours"
    )
    dec_address = models.TextField("adresse du service des examens")
    dec_email = models.EmailField("adresse électronique du service")
    dec_phone = models.CharField("téléphone du service", max_length=30)

    class Meta:
        ordering = ["name"]
        verbose_name = "académie"

    def __str__(self):
        return f"Académie de {self.name}"


class GradeUnder10Policy(models.TextChoices):
    ALWAYS = "always", "toujours conservable"
    PROGRESSIVE_ONLY = "progressive", "conservable en forme progressive seulement"


class Exam(models.Model):
    """An exam (CAP, BEP, BCP, BP, BTS, MC4, MC5) with the rules that differ between notices."""

    code = models.CharField("code", max_length=8, unique=True)
    label = models.CharField("libellé", max_length=120)
    order = models.PositiveSmallIntegerField("ordre", default=0)
    asks_redoublant_number = models.BooleanField("demande le numéro redoublant", default=True)
    asks_ivae_number = models.BooleanField("demande le numéro IVAE", default=True)
    asks_ine_number = models.BooleanField("demande le numéro INE/CFA", default=True)
    mobile_phone_required = models.BooleanField("téléphone mobile obligatoire", default=True)
    grade_under_10 = models.CharField(
        "note inférieure à 10",
        max_length=12,
        choices=GradeUnder10Policy.choices,
        default=GradeUnder10Policy.ALWAYS,
    )
    dispense_place_required = models.BooleanField(
        "lieu obligatoire pour une dispense", default=True
    )
    has_section_europeenne = models.BooleanField("question section européenne", default=False)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = "examen"

    def __str__(self):
        return self.label


class Specialty(models.Model):
    exam = models.ForeignKey(
        Exam, on_delete=models.PROTECT, related_name="specialties", verbose_name="examen"
    )
    # None: the national catalogue (superusers); an académie: its own, edited by its DEC and
    # offered in its sessions only.
    academie = models.ForeignKey(
        Academie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="académie (vide : catalogue national)",
    )
    code = models.CharField("code", max_length=10)
    label = models.CharField("libellé", max_length=200)
    extra_questions = models.JSONField(
        "questions complémentaires",
        default=list,
        blank=True,
        help_text='[{"code": "situation_pro", "label": "…", "choices": ["…"]}]',
    )

    class Meta:
        ordering = ["exam", "label"]
        verbose_name = "spécialité"
        constraints = [
            models.UniqueConstraint(fields=["exam", "code"], name="specialty_code_unique")
        ]

    def __str__(self):
        return f"{self.exam.code} {self.label}"


class EpreuveKind(models.TextChoices):
    MANDATORY = "obligatoire", "obligatoire"
    OPTIONAL = "facultative", "facultative"
    TO_CHOOSE = "a_choisir", "à choisir"


class Epreuve(models.Model):
    """An épreuve of a specialty; sub-épreuves (EG1A, E3-A…) point to their parent."""

    specialty = models.ForeignKey(
        Specialty, on_delete=models.CASCADE, related_name="epreuves", verbose_name="spécialité"
    )
    code = models.CharField("code", max_length=10)
    label = models.CharField("libellé", max_length=200)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="épreuve parente",
    )
    kind = models.CharField(
        "nature", max_length=12, choices=EpreuveKind.choices, default=EpreuveKind.MANDATORY
    )
    is_eps = models.BooleanField("éducation physique et sportive", default=False)
    progressive_choosable = models.BooleanField("au choix en forme progressive", default=True)
    order = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        ordering = ["specialty", "order", "code"]
        verbose_name = "épreuve"
        constraints = [
            models.UniqueConstraint(fields=["specialty", "code"], name="epreuve_code_unique")
        ]

    def __str__(self):
        return f"{self.code} {self.label}"


class EpreuveOption(models.Model):
    """A choice inside an épreuve: a langue vivante, « Broderie machine guidée main »…"""

    epreuve = models.ForeignKey(Epreuve, on_delete=models.CASCADE, related_name="options")
    label = models.CharField("libellé", max_length=120)

    class Meta:
        ordering = ["epreuve", "label"]
        verbose_name = "option d'épreuve"
        constraints = [
            models.UniqueConstraint(fields=["epreuve", "label"], name="epreuve_option_unique")
        ]

    def __str__(self):
        return self.label


class CategorieKind(models.TextChoices):
    SCOLAIRE = "scolaire", "scolaire"
    APPRENTI = "apprenti", "apprenti"
    INDIVIDUEL = "individuel", "individuel"
    FORMATION_CONTINUE = "formation_continue", "formation continue"
    DISTANCE = "distance", "enseignement à distance"


# Pupils and apprentices register through their lycée or CFA (E2, seed 004: « je suis
# candidat scolaire inscrit par mon établissement »); every other catégorie, alone.
SCHOOL_KINDS = (CategorieKind.SCOLAIRE, CategorieKind.APPRENTI)


class Categorie(models.Model):
    """A catégorie de candidat of one exam, with the formes and establishments it allows."""

    exam = models.ForeignKey(
        Exam, on_delete=models.CASCADE, related_name="categories", verbose_name="examen"
    )
    # None: the national catalogue (superusers); an académie: its own, edited by its DEC and
    # offered in its sessions only.
    academie = models.ForeignKey(
        Academie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="académie (vide : catalogue national)",
    )
    code = models.CharField("code", max_length=10)
    label = models.CharField("libellé", max_length=120)
    kind = models.CharField("type", max_length=20, choices=CategorieKind.choices)
    allows_globale = models.BooleanField("forme globale possible", default=True)
    allows_progressive = models.BooleanField("forme progressive possible", default=False)
    fictitious_establishments = models.BooleanField(
        "choisit un établissement fictif (Individuels …)", default=False
    )

    class Meta:
        ordering = ["exam", "label"]
        verbose_name = "catégorie de candidat"
        verbose_name_plural = "catégories de candidat"
        constraints = [
            models.UniqueConstraint(fields=["exam", "code"], name="categorie_code_unique")
        ]

    def __str__(self):
        return self.label

    @property
    def is_individual(self):
        return self.kind == CategorieKind.INDIVIDUEL

    @property
    def registers_through_establishment(self):
        return self.kind in SCHOOL_KINDS


class SectionsEuropeennes(models.TextChoices):
    UNANSWERED = "", "non répondu"
    YES = "oui", "OUI"
    NO = "non", "NON"


class Etablissement(models.Model):
    """A lycée, CFA… or a fictitious establishment for individual candidates.

    Both passwords start as the establishment's code (public), so each must be changed
    before the matching service can be used (inscrinet/services/etablissements.py). An
    empty password matches nothing.
    """

    code = models.CharField("code établissement", max_length=8, unique=True)
    name = models.CharField("nom", max_length=120)
    city = models.CharField("ville", max_length=80)
    # Printed on the pupils' login slips (C10, seed 004).
    address = models.TextField("adresse", blank=True, max_length=300)
    phone = models.CharField("téléphone", max_length=20, blank=True)
    academie = models.ForeignKey(
        Academie, on_delete=models.PROTECT, related_name="etablissements", verbose_name="académie"
    )
    is_fictitious = models.BooleanField("fictif (candidats individuels)", default=False)
    is_cfa = models.BooleanField("CFA ou section d'apprentissage", default=False)
    exams = models.ManyToManyField(
        Exam, related_name="etablissements", blank=True, verbose_name="examens"
    )
    ccf_habilitated = models.BooleanField("habilité au CCF", default=False)
    suivi_password = models.CharField("mot de passe suivi", max_length=128, editable=False)
    suivi_password_must_change = models.BooleanField(
        default=True, editable=False, verbose_name="mot de passe de suivi à changer"
    )
    inscription_password = models.CharField(
        "mot de passe inscription", max_length=128, editable=False
    )
    inscription_password_must_change = models.BooleanField(
        default=True, editable=False, verbose_name="mot de passe d'inscription à changer"
    )
    inscription_open = models.BooleanField("service d'inscription ouvert", default=False)
    sections_europeennes = models.CharField(
        "gère des sections européennes",
        max_length=3,
        choices=SectionsEuropeennes.choices,
        default=SectionsEuropeennes.UNANSWERED,
        blank=True,
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "établissement"

    def __str__(self):
        return f"{self.name} ({self.code})"

    def check_suivi_password(self, raw):
        return bool(self.suivi_password) and check_password(raw, self.suivi_password)

    def check_inscription_password(self, raw):
        return bool(self.inscription_password) and check_password(raw, self.inscription_password)
