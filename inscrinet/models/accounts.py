from django.contrib.auth.models import AbstractUser
from django.db import models


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

    class Meta:
        verbose_name = "utilisateur"
