"""The door of the DEC space: login (the shared lockout), the second factor (TOTP with
django-otp: enrolment by QR code, then a code at each login), logout."""

import base64

import segno
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth import login as django_login
from django.contrib.auth import logout as django_logout
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from inscrinet import login_guard
from inscrinet.actors import DecActor
from inscrinet.login_guard import client_ip
from inscrinet.models import User
from inscrinet.permissions import dec_second_factor_expected
from inscrinet.services.audit import audit_record
from management.base import DecView
from management.forms import DecLoginForm, OtpCodeForm

PENDING_KEY = "dec_pending_second_factor"
LOGIN_ERROR = "Identifiant ou mot de passe incorrect."


def _actor(request, user) -> DecActor:
    return DecActor(
        user_id=user.pk,
        username=user.get_username(),
        academie_id=user.academie_id,
        role=user.dec_role,
        ip=client_ip(request),
    )


def _audit(request, user, action, **details):
    with transaction.atomic():
        audit_record(actor=_actor(request, user), action=action, details=details)


@require_http_methods(["GET", "POST"])
def login(request):
    form = DecLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # The shared lockout: axes counts each failure of authenticate() per account and IP.
        user = authenticate(
            request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
        )
        if getattr(request, "axes_locked_out", False):
            return login_guard.locked_response(request)
        if user is None or user.academie_id is None:
            if user is not None:  # a valid account of no académie: a failure all the same
                login_guard.login_failed(request, {"username": form.cleaned_data["username"]})
            form.add_error(None, LOGIN_ERROR)
        else:
            request.session.cycle_key()
            request.session[PENDING_KEY] = user.pk
            if dec_second_factor_expected(user):
                return redirect("management:second_factor")
            return _logged_in(request, user, device=None)
    return render(request, "management/login.html", {"title": "Espace gestionnaire", "form": form})


def _pending_user(request):
    return User.objects.filter(
        pk=request.session.get(PENDING_KEY), is_active=True, academie__isnull=False
    ).first()


def _logged_in(request, user, device):
    request.session.pop(PENDING_KEY, None)
    django_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    if device is not None:
        otp_login(request, device)
    _audit(request, user, "dec.connexion", double_authentification=device is not None)
    return redirect("management:home")


@require_http_methods(["GET", "POST"])
def second_factor(request):
    """The code of an enrolled device, or — on the first login where one is required —
    the enrolment: a QR code to scan, then a first code that confirms the device."""
    user = _pending_user(request)
    if user is None:
        return redirect("management:login")
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = confirmed or _enrolment_device(user)
    form = OtpCodeForm(request.POST or None)
    credentials = login_guard.credentials_for(login_guard.ACCOUNTS, f"otp:{user.username}")
    if request.method == "POST" and form.is_valid():
        if login_guard.login_is_locked(request, credentials):
            return login_guard.locked_response(request)
        if device.verify_token(form.cleaned_data["code"]):
            login_guard.login_succeeded(request, credentials)
            if not confirmed:
                TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
                _audit(request, user, "dec.double_authentification_activee")
            return _logged_in(request, user, device)
        login_guard.login_failed(request, credentials)
        form.add_error(
            "code",
            "Ce code n'est pas valide (ou a déjà servi). Saisissez le code affiché maintenant.",
        )
    return render(
        request,
        "management/second_factor.html",
        {
            "title": "Double authentification",
            "form": form,
            "enrolling": confirmed is None,
            **(_enrolment_context(device) if confirmed is None else {}),
        },
    )


def _enrolment_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="application", confirmed=False)


def _enrolment_context(device) -> dict:
    return {
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=4, omitsize=False),
        "secret": base64.b32encode(device.bin_key).decode().rstrip("="),
    }


class SecondFactorSetup(DecView):
    """A logged-in account that has no device yet may enrol one (optional in the demo):
    from then on each login asks for a code."""

    def get(self, request):
        user = request.user
        if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            return self.page(
                "management/second_factor_setup.html", "Double authentification", active=True
            )
        request.session[PENDING_KEY] = user.pk
        return redirect("management:second_factor")


@require_POST
def logout(request):
    django_logout(request)
    messages.info(request, "Vous êtes déconnecté(e) de l'espace gestionnaire.")
    return redirect("management:login")
