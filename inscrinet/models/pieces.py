"""Pièces justificatives (C8, M6): for each piece a candidature needs, its deposit (the
review by the DEC) and the files the candidate uploaded, each scanned by the antivirus."""

from django.db import models


class PieceState(models.TextChoices):
    A_DEPOSER = "a_deposer", "à déposer"
    A_VERIFIER = "a_verifier", "fournie, en attente de vérification"
    RECUE = "recue", "reçue"
    NON_CONFORME = "non_conforme", "non conforme"
    CONFORME = "conforme", "conforme"


class ScanState(models.TextChoices):
    EN_COURS = "en_cours", "en cours d'analyse"
    SAIN = "sain", "sain"
    INFECTE = "infecte", "infecté (supprimé)"
    ERREUR = "erreur", "analyse en erreur (nouvel essai prévu)"


class PieceDeposit(models.Model):
    """One required piece of one candidature, and where its review stands."""

    dossier = models.ForeignKey(
        "inscrinet.Dossier", on_delete=models.PROTECT, related_name="piece_deposits"
    )
    requirement = models.ForeignKey(
        "inscrinet.PieceRequirement", on_delete=models.PROTECT, related_name="deposits"
    )
    state = models.CharField(
        "état", max_length=14, choices=PieceState.choices, default=PieceState.A_DEPOSER
    )
    received_on = models.DateField("reçue le", null=True, blank=True)
    comment = models.TextField("commentaire de la DEC", blank=True, max_length=1000)
    confirmed_at = models.DateTimeField("fournie (confirmée) le", null=True, blank=True)
    updated_at = models.DateTimeField("mise à jour le", auto_now=True)

    class Meta:
        verbose_name = "pièce justificative"
        verbose_name_plural = "pièces justificatives"
        ordering = ["dossier", "requirement"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "requirement"], name="one_deposit_a_piece")
        ]
        indexes = [models.Index(fields=["state", "dossier"])]

    def __str__(self):
        return f"{self.requirement} — dossier {self.dossier_id}"


class PieceFile(models.Model):
    """A file uploaded for a piece: stored under a random name outside the web root, served
    only through the views that check who asks. A refused version stays beside the new one."""

    deposit = models.ForeignKey(PieceDeposit, on_delete=models.CASCADE, related_name="files")
    file = models.FileField("fichier", upload_to="pieces/", max_length=200, blank=True)
    original_name = models.CharField("nom du fichier", max_length=200)
    size = models.PositiveIntegerField("taille (octets)")
    content_type = models.CharField("type reconnu", max_length=100)
    uploaded_at = models.DateTimeField("déposé le", auto_now_add=True)
    state = models.CharField(
        "analyse antivirus", max_length=10, choices=ScanState.choices, default=ScanState.EN_COURS
    )
    scan_attempts = models.PositiveSmallIntegerField("analyses tentées", default=0)
    scan_started_at = models.DateTimeField("analyse lancée le", null=True, blank=True)
    scan_detail = models.CharField("résultat de l'analyse", max_length=200, blank=True)
    # Set when the DEC found the piece non conforme: kept for the record, not counted.
    refused = models.BooleanField("refusé par la DEC", default=False)
    deleted_at = models.DateTimeField("supprimé le", null=True, blank=True)

    class Meta:
        verbose_name = "fichier déposé"
        verbose_name_plural = "fichiers déposés"
        ordering = ["deposit", "uploaded_at", "id"]
        indexes = [models.Index(fields=["state", "scan_started_at"])]

    def __str__(self):
        return self.original_name
