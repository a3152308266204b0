"""The audit: one row per write of the product (who, what, which object, when, from which
address, before/after of what matters), written by the service in the write's own
transaction — a write that fails leaves no row, a row never exists without its write."""

from django.conf import settings
from django.db import models

from inscrinet.actors import ActorKind


class AuditEvent(models.Model):
    at = models.DateTimeField("le", auto_now_add=True, db_index=True)
    actor_kind = models.CharField("type d'acteur", max_length=16, choices=ActorKind.choices)
    actor_label = models.CharField("par", max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="utilisateur",
    )
    # Scopes, so that an establishment or a DEC reads the rows of its own perimeter.
    academie = models.ForeignKey(
        "inscrinet.Academie",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="académie",
    )
    etablissement = models.ForeignKey(
        "inscrinet.Etablissement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="établissement",
    )
    ip = models.GenericIPAddressField("adresse IP", null=True, blank=True)
    action = models.CharField("action effectuée", max_length=60, db_index=True)
    object_type = models.CharField("type d'objet", max_length=40, blank=True)
    object_id = models.CharField("identifiant de l'objet", max_length=64, blank=True)
    object_repr = models.CharField("objet", max_length=200, blank=True)
    changes = models.JSONField("avant / après", default=dict, blank=True)
    details = models.JSONField("détails", default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "événement d'audit"
        verbose_name_plural = "journal d'audit"
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_label} — {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("An audit row is never changed.")
        super().save(*args, **kwargs)
