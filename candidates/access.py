"""Who is asking: the client IP for throttling, an id per browser session for the look-up
counters, and the establishment access of E1 (kept in the Django session)."""

from django.utils import timezone

from inscrinet.actors import EtablissementAccess, establishment_actor
from inscrinet.login_guard import client_ip
from inscrinet.models import Etablissement
from inscrinet.services.etablissements import etablissement_access_opened
from inscrinet.services.throttle import LookupAttempt

ETAB_ACCESS_KEY = "etablissement_access"


def lookup_session_id(request) -> str:
    """A random id per browser session (the session key changes at login)."""
    if "lookup_id" not in request.session:
        import secrets

        request.session["lookup_id"] = secrets.token_hex(12)
    return request.session["lookup_id"]


def lookup_attempt(request, scope: str, key: str = "") -> LookupAttempt:
    """This request as the G19 guard counts it: browser session, client IP, and the key."""
    return LookupAttempt(scope, lookup_session_id(request), client_ip(request), key)


def etablissement_access_grant(request, etablissement: Etablissement) -> None:
    """E1: this browser acts for the establishment's pupils until « Quitter »."""
    etablissement_access_opened(
        etablissement=etablissement,
        actor=establishment_actor(
            etablissement, access=EtablissementAccess.INSCRIPTION, ip=client_ip(request)
        ),
    )
    request.session.cycle_key()
    request.session[ETAB_ACCESS_KEY] = {
        "etablissement": etablissement.pk,
        "granted_at": timezone.now().isoformat(),
    }


def etablissement_access_active(request) -> bool:
    return bool(request.session.get(ETAB_ACCESS_KEY))


def etablissement_from_access(request) -> Etablissement | None:
    access = request.session.get(ETAB_ACCESS_KEY)
    if not access:
        return None
    return (
        Etablissement.objects.select_related("academie")
        .filter(pk=access["etablissement"], inscription_open=True)
        .first()
    )


def etablissement_access_end(request) -> None:
    """« Quitter »: school computers are shared; nothing of the pupil's stays."""
    request.session.flush()


# --- G18: the dossiers this browser unlocked (number + birth date, or its own validation) ---

UNLOCKED_KEY = "unlocked_dossiers"
UNLOCKED_KEPT = 10


def dossier_unlock(request, dossier) -> None:
    unlocked = [pk for pk in request.session.get(UNLOCKED_KEY, []) if pk != dossier.pk]
    request.session[UNLOCKED_KEY] = [*unlocked[-(UNLOCKED_KEPT - 1) :], dossier.pk]


def dossier_is_unlocked(request, dossier) -> bool:
    """Object access never rests on an id in a URL: the dossier must be unlocked here."""
    return dossier.pk in request.session.get(UNLOCKED_KEY, [])
