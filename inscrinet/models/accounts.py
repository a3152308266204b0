from django.contrib.auth.models import AbstractUser
from django.db import models

from inscrinet.actors import DecRole


class User(AbstractUser):
    """A back-office person. A DEC manager is scoped to one académie; superusers to none."""

    academie = models.ForeignKey(
        "inscrinet.Academie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="managers",
        verbose_name="académie gérée",
    )
    dec_role = models.CharField(
        "rôle à la DEC",
        max_length=16,
        choices=DecRole.choices,
        default=DecRole.GESTIONNAIRE,
        help_text="gestionnaire : toutes les actions ; consultation : lecture seule",
    )

    class Meta:
        verbose_name = "utilisateur"
