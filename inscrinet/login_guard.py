"""One lockout for every password login of the product (django-axes, in the database).

Each login names its *realm* (the Django admin and, later, the back offices' personal
accounts: « compte »; the establishment's inscription password typed by pupils:
« etablissement »), so that a code and a username never share a counter. Failures are
counted per account and per client IP; past the realm's limit the login is refused for
an hour, even with the right password. Every failure is an `axes.AccessFailureLog` row
(account, IP, time, whether it locked), readable in the admin, and an audit row
(« connexion.echec »).
"""

import ipaddress

from axes.handlers.proxy import AxesProxyHandler
from axes.utils import reset
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.dispatch import receiver
from django.shortcuts import render

ACCOUNTS = "compte"  # Django users: admin, DEC, establishments' suivi (coming)
ETABLISSEMENT = "etablissement"  # E1: the inscription password shared by an establishment's pupils

# Failures before the lock, per account and per IP. A school's pupils share one password
# and one address: their typos must not lock the school (they get a captcha from the 5th
# failure instead, candidates.views.etablissement_login).
SUIVI = "suivi"  # S1: the head of an establishment (code + suivi password)
CANDIDAT = "candidat"  # C2: a Cyclades candidate account (email + password)
FAILURE_LIMITS = {ACCOUNTS: 5, ETABLISSEMENT: 20, SUIVI: 5, CANDIDAT: 5}

LOCKED_MESSAGE = (
    "Trop de tentatives de connexion ont échoué pour cet identifiant ou depuis votre "
    "connexion : par sécurité, la connexion est bloquée pendant une heure. Réessayez plus "
    "tard ou contactez le service des examens de votre rectorat."
)


def client_ip(request) -> str:
    """REMOTE_ADDR, or the address seen by the last trusted proxy (X-Forwarded-For).
    Always a valid IP: a forged header never reaches the database as is."""
    trusted = settings.INSCRINET_TRUSTED_PROXIES
    forwarded = [
        ip.strip() for ip in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if ip.strip()
    ]
    candidate = forwarded[-trusted] if trusted and len(forwarded) >= trusted else None
    for value in (candidate, request.META.get("REMOTE_ADDR")):
        try:
            return str(ipaddress.ip_address(value))
        except ValueError:  # absent, or not an address
            continue
    return "0.0.0.0"


def _printable(value, limit=150) -> str:
    return "".join(ch for ch in str(value or "") if ch.isprintable())[:limit]


def _realm(credentials) -> str:
    realm = (credentials or {}).get("realm")
    return realm if realm in FAILURE_LIMITS else ACCOUNTS


def account_key(request, credentials) -> str:
    """AXES_USERNAME_CALLABLE: « realm:account », printable and bounded."""
    credentials = credentials or {}
    username = credentials.get("username") or credentials.get("email")
    if username is None and request is not None:  # « login »: allauth's field (C2)
        username = request.POST.get("username") or request.POST.get("login", "")
    realm, account = _realm(credentials), _printable(username)
    if realm in (ETABLISSEMENT, SUIVI):  # codes are typed in either case
        account = account.strip().upper()
    elif realm == CANDIDAT:  # emails too
        account = account.strip().lower()
    return f"{realm}:{account}"


def failure_limit(request, credentials) -> int:
    """AXES_FAILURE_LIMIT."""
    return FAILURE_LIMITS[_realm(credentials)]


def locked_response(request, credentials=None, *args, **kwargs):
    """AXES_LOCKOUT_CALLABLE: the French page, in the site's layout."""
    return render(
        request,
        "errors/error.html",
        {"title": "Connexion bloquée", "heading": "Connexion bloquée", "message": LOCKED_MESSAGE},
        status=429,
    )


# --- for logins that are not Django's authenticate() (E1's establishment password) ---


def credentials_for(realm: str, account: str) -> dict:
    return {"realm": realm, "username": account}


def login_is_locked(request, credentials: dict) -> bool:
    return not AxesProxyHandler.is_allowed(request, credentials)


def login_failed(request, credentials: dict) -> None:
    user_login_failed.send(sender=__name__, credentials=credentials, request=request)


@receiver(user_login_failed, dispatch_uid="inscrinet.audit_failed_login")
def audit_failed_login(sender, credentials=None, request=None, **kwargs):
    from inscrinet.actors import SystemActor
    from inscrinet.services.audit import audit_record

    with transaction.atomic():
        audit_record(
            actor=SystemActor(
                name="garde des connexions", ip=client_ip(request) if request else None
            ),
            action="connexion.echec",
            details={"compte": account_key(request, credentials)},
        )


def login_succeeded(request, credentials: dict) -> None:
    reset(username=account_key(request, credentials))
