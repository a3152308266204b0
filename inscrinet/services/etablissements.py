"""Writes on establishments (seed 003): their two passwords, the E1 and S1 accesses, the
sections européennes answer (S2) and their inscription service (S3), each audited."""

import secrets

from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction

from inscrinet.actors import Actor, ActorKind, EtablissementAccess
from inscrinet.models import Etablissement, SectionsEuropeennes
from inscrinet.services.audit import audit_record
from inscrinet.services.dec_scope import require_dec_writer
from inscrinet.services.errors import DomainError
from inscrinet.services.lock import refuse_if_academie_locked

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
        )
    etablissement.refresh_from_db()


def etablissement_password_set(
    *, etablissement: Etablissement, access: str, raw_password: str, actor: Actor
) -> None:
    """A new inscription (E1) or suivi (S1) password; the audit says which, never what."""
    _password_store(
        etablissement=etablissement,
        access=access,
        raw_password=raw_password,
        must_change=False,
        actor=actor,
        action="etablissement.mot_de_passe",
    )


def _password_store(*, etablissement, access, raw_password, must_change, actor, action) -> None:
    password, must_change_field = PASSWORD_FIELDS[EtablissementAccess(access)]
    with transaction.atomic():
        Etablissement.objects.filter(pk=etablissement.pk).update(
            **{password: make_password(raw_password), must_change_field: must_change}
        )
        audit_record(
            actor=actor,
            action=action,
            target=etablissement,
            details={"accès": EtablissementAccess(access).label},
        )
    etablissement.refresh_from_db()


def etablissement_access_opened(*, etablissement: Etablissement, actor: Actor) -> None:
    """E1: a pupil's session opened with the inscription password."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="etablissement.connexion_inscription",
            target=etablissement,
        )


# --- S1, S4, S5: the rules of a new password ------------------------------------------------

PASSWORD_MIN_LENGTH = 12  # ANSSI's advice for user accounts
PASSWORD_MAX_LENGTH = 128


def password_problems(etablissement: Etablissement, raw: str) -> list[str]:
    """What is wrong with this new password, in French (empty when it is acceptable)."""
    from django.contrib.auth.password_validation import CommonPasswordValidator
    from django.core.exceptions import ValidationError

    problems = []
    if len(raw) < PASSWORD_MIN_LENGTH:
        problems.append(f"Le mot de passe doit compter au moins {PASSWORD_MIN_LENGTH} caractères.")
    if len(raw) > PASSWORD_MAX_LENGTH:
        problems.append(f"Le mot de passe doit compter au plus {PASSWORD_MAX_LENGTH} caractères.")
    if etablissement.code.upper() in raw.upper():
        problems.append("Le mot de passe ne doit pas contenir le code de l'établissement.")
    try:
        CommonPasswordValidator().validate(raw)
    except ValidationError:
        problems.append("Ce mot de passe est trop courant : choisissez-en un autre.")
    return problems


def etablissement_suivi_logged_in(*, etablissement: Etablissement, actor: Actor) -> None:
    """S1: the head of the establishment opened the suivi service."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="etablissement.connexion_suivi",
            target=etablissement,
        )


# --- S2, S3 ------------------------------------------------------------------------------


def serves_sections_europeennes(etablissement: Etablissement) -> bool:
    """S2: establishments serving an exam with a section européenne (the Bac pro)."""
    return etablissement.exams.filter(has_section_europeenne=True).exists()


def etablissement_sections_europeennes_set(
    *, etablissement: Etablissement, answer: str, actor: Actor
) -> None:
    if answer not in (SectionsEuropeennes.YES, SectionsEuropeennes.NO):
        raise DomainError("Vous devez indiquer si OUI ou NON vous gérez des sections européennes.")
    with transaction.atomic():
        refuse_if_academie_locked(etablissement.academie_id)
        before = Etablissement.objects.values_list("sections_europeennes", flat=True).get(
            pk=etablissement.pk
        )
        Etablissement.objects.filter(pk=etablissement.pk).update(sections_europeennes=answer)
        audit_record(
            actor=actor,
            action="etablissement.sections_europeennes",
            target=etablissement,
            changes={"sections_europeennes": [before, answer]},
        )
    etablissement.refresh_from_db()


def inscription_service_opening_refusal(etablissement: Etablissement) -> str | None:
    """Why the establishment cannot open its inscription service yet (S2, S4), or None."""
    if etablissement.inscription_password_must_change:
        return (
            "Changez d'abord le mot de passe du service d'inscription : celui par défaut (le "
            "code de l'établissement) est public."
        )
    if (
        serves_sections_europeennes(etablissement)
        and etablissement.sections_europeennes == SectionsEuropeennes.UNANSWERED
    ):
        return (
            "Avant d'ouvrir le service d'inscription, indiquez si vous gérez des sections "
            "européennes."
        )
    return None


def etablissement_inscription_service_set(
    *, etablissement: Etablissement, open: bool, actor: Actor
) -> None:
    """S3: open or close the establishment's own inscription service (E1 follows at once;
    the DEC's establishment period still bounds it)."""
    if open:
        refusal = inscription_service_opening_refusal(etablissement)
        if refusal:
            raise DomainError(refusal)
    with transaction.atomic():
        if actor.kind != ActorKind.DEC:  # M3: the DEC itself works while locked
            refuse_if_academie_locked(etablissement.academie_id)
        Etablissement.objects.filter(pk=etablissement.pk).update(inscription_open=open)
        audit_record(
            actor=actor,
            action="etablissement.service_ouvert" if open else "etablissement.service_ferme",
            target=etablissement,
            changes={"inscription_open": [not open, open]},
        )
    etablissement.refresh_from_db()


# --- M1: the DEC creates, edits and resets establishments ------------------------------------

# The fields a gestionnaire edits (the passwords have their own service).
DEC_FIELDS = ("code", "name", "city", "is_fictitious", "is_cfa", "ccf_habilitated")
# No 0/O, 1/I/L: read aloud over the phone to the head of the establishment.
ONE_TIME_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def etablissement_save(
    *, etablissement: Etablissement | None, values: dict, exams, actor: Actor
) -> Etablissement:
    """Create (etablissement=None) or edit an establishment of the actor's académie. A new
    one starts with both passwords set to its code (seed 003), each to change at first use."""
    values = {k: values[k] for k in DEC_FIELDS if k in values}
    values["code"] = values.get("code", "").strip().upper()
    creating = etablissement is None
    academie_id = actor.academie_id if creating else etablissement.academie_id
    if academie_id is None:
        raise DomainError("Un établissement se crée dans l'académie d'un gestionnaire.")
    require_dec_writer(actor, academie_id)
    try:
        with transaction.atomic():
            if creating:
                etablissement = Etablissement.objects.create(
                    academie_id=academie_id,
                    inscription_password=make_password(values["code"]),
                    suivi_password=make_password(values["code"]),
                    **values,
                )
                before = {}
            else:
                before = {k: getattr(etablissement, k) for k in values}
                before["exams"] = sorted(etablissement.exams.values_list("code", flat=True))
                Etablissement.objects.filter(pk=etablissement.pk).update(**values)
                etablissement.refresh_from_db()
            etablissement.exams.set(exams)
            after = {**values, "exams": sorted(e.code for e in exams)}
            audit_record(
                actor=actor,
                action="etablissement.cree" if creating else "etablissement.modifie",
                target=etablissement,
                changes={k: [before.get(k), v] for k, v in after.items() if before.get(k) != v},
            )
    except IntegrityError:
        raise DomainError(f"Un établissement de code {values['code']} existe déjà.") from None
    return etablissement


def etablissement_password_reset(*, etablissement: Etablissement, access: str, actor: Actor) -> str:
    """M1: a random one-time password for one access, returned once to be shown to the
    gestionnaire (never stored in clear, never in the audit); the head of the
    establishment must change it at the next login. Not the code: a code is public."""
    require_dec_writer(actor, etablissement.academie_id)
    one_time = "-".join(
        "".join(secrets.choice(ONE_TIME_ALPHABET) for _ in range(4)) for _ in range(4)
    )
    _password_store(
        etablissement=etablissement,
        access=access,
        raw_password=one_time,
        must_change=True,
        actor=actor,
        action="etablissement.mot_de_passe_reinitialise",
    )
    return one_time
