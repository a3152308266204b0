"""M4 and beyond: what the DEC loads (chargements), unloads (déchargements), the tokens of
the read API for downstream systems, and reminder campaigns. Each long operation is a row
that is also its progress, so a page (or a command) can follow a task."""

from django.conf import settings
from django.db import models


class TransferState(models.TextChoices):
    WAITING = "attente", "En attente"
    RUNNING = "en_cours", "En cours"
    REJECTED = "rejete", "Rejeté (lignes en erreur, rien n'a changé)"
    DONE = "termine", "Terminé"
    FAILED = "echec", "Échec"


FINISHED_STATES = (TransferState.REJECTED, TransferState.DONE, TransferState.FAILED)


class LoadKind(models.TextChoices):
    PREVIOUS = "candidats", "Candidats des sessions précédentes"
    ETABLISSEMENTS = "etablissements", "Établissements"


class _Progress(models.Model):
    state = models.CharField(
        "état", max_length=8, choices=TransferState.choices, default=TransferState.WAITING
    )
    total = models.PositiveIntegerField("lignes", default=0)
    done = models.PositiveIntegerField("lignes traitées", default=0)
    failure = models.TextField("erreur", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="demandé par",
    )
    created_at = models.DateTimeField("demandé le", auto_now_add=True)
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def finished(self) -> bool:
        return self.state in FINISHED_STATES

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


class DataLoad(_Progress):
    """One file loaded (or simulated: `dry_run`) into an académie. All or nothing: a file
    with one bad line changes nothing and keeps the line-by-line report."""

    academie = models.ForeignKey(
        "inscrinet.Academie", on_delete=models.CASCADE, related_name="+", verbose_name="académie"
    )
    kind = models.CharField("données", max_length=16, choices=LoadKind.choices)
    dry_run = models.BooleanField("simulation", default=True)
    file = models.FileField(max_length=200, verbose_name="fichier")
    filename = models.CharField("nom du fichier", max_length=200)
    sha256 = models.CharField("empreinte SHA-256", max_length=64)
    created = models.PositiveIntegerField("nouveaux", default=0)
    updated = models.PositiveIntegerField("modifiés", default=0)
    unchanged = models.PositiveIntegerField("inchangés", default=0)
    error_count = models.PositiveIntegerField("lignes en erreur", default=0)
    # Checking reads the lines outside any transaction (its progress is visible); writing
    # is one transaction, all or nothing.
    writing = models.BooleanField("enregistrement en cours", default=False)
    # [[line, column, message], …], the first MAX_REPORTED of them (the count says the rest).
    errors = models.JSONField("erreurs", default=list, blank=True)

    MAX_REPORTED = 5000

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "chargement"

    def __str__(self):
        mode = "simulation" if self.dry_run else "chargement"
        return f"{mode} {self.get_kind_display().lower()} — {self.filename}"


class UnloadFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"


class DataUnload(_Progress):
    """An XLSX unload of a session built in a task (CSV unloads are streamed directly)."""

    session = models.ForeignKey(
        "inscrinet.Session", on_delete=models.CASCADE, related_name="+", verbose_name="session"
    )
    file = models.FileField(max_length=200, blank=True, verbose_name="fichier")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "déchargement"

    def __str__(self):
        return f"déchargement XLSX de la session {self.session_id}"


class ApiToken(models.Model):
    """A read API key of one académie. Only its SHA-256 is kept; the key is shown once."""

    academie = models.ForeignKey(
        "inscrinet.Academie", on_delete=models.CASCADE, related_name="+", verbose_name="académie"
    )
    label = models.CharField("libellé", max_length=80)
    prefix = models.CharField("début de la clé", max_length=20)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="créée par",
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    revoked_at = models.DateTimeField("révoquée le", null=True, blank=True)
    last_used_at = models.DateTimeField("dernière utilisation", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "clé d'API"

    def __str__(self):
        return f"{self.label} ({self.prefix}…)"


class CampaignState(models.TextChoices):
    SENDING = "envoi", "Envoi en cours"
    SENT = "envoye", "Envoyée"


class MailCampaign(models.Model):
    """A reminder emailed to every candidate of a session in one state."""

    session = models.ForeignKey(
        "inscrinet.Session", on_delete=models.CASCADE, related_name="+", verbose_name="session"
    )
    audience = models.CharField("candidats à l'état", max_length=12)
    subject = models.CharField("objet", max_length=150)
    body = models.TextField("message")
    state = models.CharField(
        "état", max_length=8, choices=CampaignState.choices, default=CampaignState.SENDING
    )
    total = models.PositiveIntegerField("destinataires", default=0)
    sent = models.PositiveIntegerField("envoyés", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="envoyée par",
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    finished_at = models.DateTimeField("terminée le", null=True, blank=True)
    # Carried by the « Envoyer » button of one preview: that click, repeated or replayed,
    # finds this campaign instead of emailing every candidate a second time.
    request_key = models.CharField("clé d'envoi", max_length=32, blank=True, default="")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "relance"
        constraints = [
            models.UniqueConstraint(
                fields=["request_key"],
                condition=~models.Q(request_key=""),
                name="campaign_request_key_unique",
            )
        ]

    def __str__(self):
        return self.subject


class CampaignEmail(models.Model):
    """One candidate of a campaign: unique, so a campaign never writes twice to one dossier
    however often its task runs."""

    campaign = models.ForeignKey(MailCampaign, on_delete=models.CASCADE, related_name="emails")
    dossier = models.ForeignKey("inscrinet.Dossier", on_delete=models.CASCADE, related_name="+")
    to = models.EmailField("destinataire")
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True)
    error = models.TextField("erreur", blank=True)

    class Meta:
        verbose_name = "courriel de relance"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "dossier"], name="campaign_dossier_unique")
        ]

    def __str__(self):
        return f"{self.campaign_id} → {self.to}"
