"""Writes on establishments: their two passwords (seed 003) and the E1 access, audited."""

from django.contrib.auth.hashers import make_password
from django.db import transaction

from inscrinet.actors import Actor, EtablissementAccess
from inscrinet.models import Etablissement
from inscrinet.services.audit import audit_record

PASSWORD_FIELDS = {
    EtablissementAccess.INSCRIPTION: (
        "inscription_password",
        "inscription_password_must_change",
    ),
    EtablissementAccess.SUIVI: ("suivi_password", "suivi_password_must_change"),
}


def etablissement_passwords_default(*, etablissement: Etablissement, actor: Actor) -> None:
    """Both passwords become the establishment's code (public, seed 003): each must be
    changed before its service can be used."""
    with transaction.atomic():
        Etablissement.objects.filter(pk=etablissement.pk).update(
            inscription_password=make_password(etablissement.code),
            inscription_password_must_change=True,
            suivi_password=make_password(etablissement.code),
            suivi_password_must_change=True,
        )
        audit_record(
            actor=actor,
            action="etablissement.mots_de_passe_par_defaut",
            target=etablissement,
            academie_id=etablissement.academie_id,
            etablissement_id=etablissement.pk,
        )
    etablissement.refresh_from_db()


def etablissement_password_set(
    *, etablissement: Etablissement, access: str, raw_password: str, actor: Actor
) -> None:
    """A new inscription (E1) or suivi (S1) password; the audit says which, never what."""
    password, must_change = PASSWORD_FIELDS[EtablissementAccess(access)]
    with transaction.atomic():
        Etablissement.objects.filter(pk=etablissement.pk).update(
            **{password: make_password(raw_password), must_change: False}
        )
        audit_record(
            actor=actor,
            action="etablissement.mot_de_passe",
            target=etablissement,
            details={"accès": EtablissementAccess(access).label},
            academie_id=etablissement.academie_id,
            etablissement_id=etablissement.pk,
        )
    etablissement.refresh_from_db()


def etablissement_access_opened(*, etablissement: Etablissement, actor: Actor) -> None:
    """E1: a pupil's session opened with the inscription password."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="etablissement.connexion_inscription",
            target=etablissement,
            academie_id=etablissement.academie_id,
            etablissement_id=etablissement.pk,
        )
