"""Cyclades candidate accounts (C1, C3): the identity stored at sign-up, its changes (only
until the first candidature), the deletion (only while there is none), and the purge of
accounts not activated within 48 hours (seed 004: « Passé ce délai, vos informations seront
effacées »). Every write has its audit row."""

import datetime

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from inscrinet import rules
from inscrinet.actors import CandidateActor, SystemActor
from inscrinet.models import CandidateAccount, User
from inscrinet.services.audit import audit_record
from inscrinet.services.errors import DomainError

ACTIVATION_DELAY = datetime.timedelta(hours=48)
IDENTITY_FIELDS = (
    "civilite",
    "birth_name",
    "usage_name",
    "first_names",
    "birth_departement",
    "birth_commune",
    "birth_commune_code",
    "birth_country",
)
LOCKED_IDENTITY = (
    "Les informations de votre compte ne sont pas modifiables car vous avez au moins une "
    "inscription en cours. Pour toute modification, contactez le service des examens de "
    "votre académie."
)


def locked_identity_message(account: CandidateAccount) -> str:
    """C3: why the identity is read only, and whom to contact: the service des examens of
    the académie of the account's latest candidature."""
    latest = account.dossiers.select_related("session__academie").order_by("-pk").first()
    if latest is None:
        return LOCKED_IDENTITY
    academie = latest.session.academie
    contact = ", ".join(
        part for part in (academie.dec_service, academie.dec_email, academie.dec_phone) if part
    )
    return f"{LOCKED_IDENTITY} Académie de {academie.name} : {contact}."


def _identity_values(identity: dict) -> dict:
    birth = rules.parse_birth_date(identity["birth_date"], this_year=timezone.localdate().year)
    values = {field: identity.get(field) or "" for field in IDENTITY_FIELDS}
    values.update(birth_year=birth.year, birth_month=birth.month, birth_day=birth.day)
    return values


def account_actor(account: CandidateAccount, request=None) -> CandidateActor:
    from inscrinet.login_guard import client_ip

    return CandidateActor(account_id=account.pk, ip=client_ip(request) if request else None)


def candidate_account_create(*, user: User, identity: dict, request=None) -> CandidateAccount:
    """Called by allauth's sign-up, inside its transaction."""
    with transaction.atomic():
        account = CandidateAccount.objects.create(user=user, **_identity_values(identity))
        audit_record(actor=account_actor(account, request), action="compte.cree", target=account)
    return account


def account_has_candidature(account: CandidateAccount) -> bool:
    return account.dossiers.exists()


def candidate_account_update(
    *, account: CandidateAccount, identity: dict, actor: CandidateActor
) -> CandidateAccount:
    """C3: the identity, until the first candidature."""
    with transaction.atomic():
        account = CandidateAccount.objects.select_for_update().get(pk=account.pk)
        if account_has_candidature(account):
            raise DomainError(locked_identity_message(account))
        values = _identity_values(identity)
        changes = {
            k: [getattr(account, k), v] for k, v in values.items() if getattr(account, k) != v
        }
        CandidateAccount.objects.filter(pk=account.pk).update(**values)
        if changes:
            audit_record(actor=actor, action="compte.modifie", target=account, changes=changes)
    account.refresh_from_db()
    return account


def candidate_account_delete(*, account: CandidateAccount, actor: CandidateActor) -> None:
    """C3 « Supprimer »: only while no candidature exists (the database protects them too)."""
    with transaction.atomic():
        if account_has_candidature(account):
            raise DomainError(
                "Votre compte ne peut pas être supprimé : il porte au moins une candidature."
            )
        audit_record(
            actor=actor,
            action="compte.supprime",
            details={"compte": account.pk},
        )
        account.user.delete()  # the account and its email addresses with it


def unactivated_accounts_purge(now=None) -> int:
    """Accounts whose email was not verified within 48 hours: erased with their data.
    Pupils' accounts (C10) have no email to verify: their establishment made them."""
    now = now or timezone.now()
    verified = EmailAddress.objects.filter(verified=True).values("user_id")
    stale = (
        User.objects.filter(
            candidate_account__isnull=False,
            candidate_account__etablissement__isnull=True,
            date_joined__lt=now - ACTIVATION_DELAY,
        )
        .exclude(pk__in=verified)
        .exclude(candidate_account__dossiers__isnull=False)
    )
    count = 0
    for user in stale.select_related("candidate_account"):
        with transaction.atomic():
            audit_record(
                actor=SystemActor(name="purge des comptes non activés"),
                action="compte.purge",
                details={"compte": user.candidate_account.pk},
            )
            user.delete()
        count += 1
    return count
