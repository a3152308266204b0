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


class CandidateAccount(models.Model):
    """A Cyclades candidate account (C1): the login is the email (django-allauth's verified
    EmailAddress of `user`); the identity typed at creation, as on the identity card,
    editable until the first candidature (C3)."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="candidate_account", verbose_name="utilisateur"
    )
    civilite = models.CharField("civilité", max_length=10)
    birth_name = models.CharField("nom de famille", max_length=100)
    usage_name = models.CharField("nom d'usage", max_length=100, blank=True)
    first_names = models.CharField("prénoms", max_length=150)
    birth_year = models.PositiveSmallIntegerField("année de naissance")
    birth_month = models.PositiveSmallIntegerField("mois de naissance", null=True, blank=True)
    birth_day = models.PositiveSmallIntegerField("jour de naissance", null=True, blank=True)
    birth_departement = models.CharField("département de naissance", max_length=3)
    birth_commune = models.CharField("commune de naissance", max_length=100, blank=True)
    birth_commune_code = models.CharField("code INSEE de la commune", max_length=5, blank=True)
    birth_country = models.CharField("pays de naissance", max_length=2, blank=True)
    # C10: a pupil's account, made by its establishment with a login « prenom.nom » and a
    # random password printed on the login slip, to be changed at the first login.
    etablissement = models.ForeignKey(
        "inscrinet.Etablissement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pupil_accounts",
        verbose_name="créé par l'établissement",
    )
    must_change_password = models.BooleanField("mot de passe à changer", default=False)
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    class Meta:
        verbose_name = "compte candidat"
        verbose_name_plural = "comptes candidats"

    def __str__(self):
        return f"{self.birth_name} {self.first_names}"

    @property
    def birth_date(self):
        from inscrinet.rules import BirthDateParts

        return BirthDateParts(self.birth_year, self.birth_month, self.birth_day)
