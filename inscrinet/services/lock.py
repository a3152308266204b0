"""M3: while the DEC loads or unloads data, a session (or every session of an académie) is
locked. Candidate and establishment writes then stop with `ServiceLocked`, which
inscrinet.middleware answers as « Service momentanément indisponible » (HTTP 503 with
Retry-After); reads keep working. Services check inside their transaction, views before
showing a form, so nobody types a page that cannot be saved."""

from inscrinet.models import Session

# How long a client should wait before trying again (seconds): loads take minutes.
RETRY_AFTER = 300


class ServiceLocked(Exception):  # noqa: N818 - a state, like Http404
    """A write refused because the DEC locked the base: not a rule the user can correct."""


def refuse_if_session_locked(session_id: int) -> None:
    """Re-read from the database: the lock may have been set since the page was read."""
    if Session.objects.filter(pk=session_id, locked=True).exists():
        raise ServiceLocked


def refuse_if_academie_locked(academie_id: int) -> None:
    """An establishment's own settings (its service, S2) span its académie's sessions."""
    if Session.objects.filter(academie_id=academie_id, locked=True).exists():
        raise ServiceLocked
