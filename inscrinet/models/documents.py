"""What a dossier version produced: its PDF documents and its confirmation email."""

from django.db import models

from inscrinet.models.dossiers import DossierVersion


class DocumentKind(models.TextChoices):
    RECAPITULATIF = "recapitulatif", "Récapitulatif d'inscription"
    CONFIRMATION = "confirmation", "Confirmation d'inscription"


class Document(models.Model):
    """A PDF rendered once from one version and kept: it never changes afterwards."""

    version = models.ForeignKey(DossierVersion, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField("document", max_length=16, choices=DocumentKind.choices)
    file = models.FileField(max_length=200, verbose_name="fichier")
    sha256 = models.CharField(max_length=64, verbose_name="empreinte SHA-256")
    size = models.PositiveIntegerField("taille (octets)")
    pages = models.PositiveSmallIntegerField("pages")
    created_at = models.DateTimeField("produit le", auto_now_add=True)

    class Meta:
        ordering = ["version", "kind"]
        verbose_name = "document"
        constraints = [
            models.UniqueConstraint(fields=["version", "kind"], name="document_version_kind_unique")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.version}"


class EmailState(models.TextChoices):
    PENDING = "pending", "À envoyer"
    SENT = "sent", "Envoyé"
    FAILED = "failed", "Échec (à traiter par la DEC)"


class ConfirmationEmail(models.Model):
    """One confirmation email per version: the row is the "sent once" marker."""

    version = models.OneToOneField(
        DossierVersion, on_delete=models.PROTECT, related_name="confirmation_email"
    )
    to = models.EmailField("destinataire")
    state = models.CharField(
        "état", max_length=8, choices=EmailState.choices, default=EmailState.PENDING
    )
    attempts = models.PositiveSmallIntegerField("tentatives", default=0)
    last_error = models.TextField("dernière erreur", blank=True)
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name="créé le")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "courriel de confirmation"
        verbose_name_plural = "courriels de confirmation"

    def __str__(self):
        return f"{self.version} → {self.to} ({self.get_state_display()})"


class BatchState(models.TextChoices):
    WAITING = "attente", "En attente"
    RUNNING = "en_cours", "En préparation"
    READY = "pret", "Prêt"
    FAILED = "echec", "Échec"


class ConfirmationBatch(models.Model):
    """S8: one PDF with the confirmations of an establishment's candidates of a specialty,
    assembled in a task from the stored per-version documents. The row is its progress."""

    etablissement = models.ForeignKey(
        "inscrinet.Etablissement",
        on_delete=models.CASCADE,
        related_name="confirmation_batches",
        verbose_name="établissement",
    )
    specialty = models.ForeignKey(
        "inscrinet.Specialty", on_delete=models.CASCADE, related_name="+", verbose_name="spécialité"
    )
    state = models.CharField(
        "état", max_length=8, choices=BatchState.choices, default=BatchState.WAITING
    )
    total = models.PositiveIntegerField("candidats", default=0)
    done = models.PositiveIntegerField("confirmations assemblées", default=0)
    file = models.FileField(max_length=200, blank=True, verbose_name="fichier")
    error = models.TextField("erreur", blank=True)
    created_at = models.DateTimeField("demandé le", auto_now_add=True)
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "impression de confirmations"
        verbose_name_plural = "impressions de confirmations"

    def __str__(self):
        return f"{self.etablissement.code} — {self.specialty.label} ({self.get_state_display()})"

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0
