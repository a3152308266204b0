"""Read API keys (beyond the seeds): a gestionnaire creates one for a downstream system of
its académie and revokes it. Only the key's SHA-256 is stored; the key is shown once."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from inscrinet.actors import Actor
from inscrinet.models import Academie, ApiToken
from inscrinet.services.audit import audit_record
from inscrinet.services.dec_scope import require_dec_writer
from inscrinet.services.errors import DomainError

KEY_PREFIX = "inscrinet_"


def key_hash(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode("utf-8", "replace")).hexdigest()


def api_token_create(*, academie: Academie, label: str, actor: Actor) -> tuple[ApiToken, str]:
    require_dec_writer(actor, academie.pk)
    label = " ".join((label or "").split())[:80]
    if not label:
        raise DomainError("Donnez un libellé à la clé (le système qui l'utilisera).")
    raw_key = KEY_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            academie=academie,
            label=label,
            prefix=raw_key[: len(KEY_PREFIX) + 4],
            key_hash=key_hash(raw_key),
            created_by_id=actor.user_id,
        )
        audit_record(actor=actor, action="api.cle_creee", target=token, academie_id=academie.pk)
    return token, raw_key


def api_token_revoke(*, token: ApiToken, actor: Actor) -> None:
    require_dec_writer(actor, token.academie_id)
    with transaction.atomic():
        changed = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        if changed:
            audit_record(
                actor=actor, action="api.cle_revoquee", target=token, academie_id=token.academie_id
            )


def api_token_for(raw_key: str) -> ApiToken | None:
    """The active key, or None; its last use is kept (at most once a minute)."""
    if not raw_key.startswith(KEY_PREFIX) or len(raw_key) > 200:
        return None
    token = (
        ApiToken.objects.filter(key_hash=key_hash(raw_key), revoked_at__isnull=True)
        .select_related("academie")
        .first()
    )
    if token is not None:
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
