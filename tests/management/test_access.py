"""The door of the DEC space: the shared lockout, and the second factor (TOTP) that
production requires of gestionnaires — enrolment by QR code, a code at each login, a
replayed code refused."""

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from inscrinet.models import AuditEvent
from tests.management.dec import login, url

pytestmark = pytest.mark.django_db


def test_the_fifth_failure_locks_the_account_even_with_the_right_password(demo):
    for _ in range(4):
        assert (
            "Identifiant ou mot de passe incorrect"
            in login(Client(), "dec-rennes", "faux").content.decode()
        )
    assert login(Client(), "dec-rennes", "faux").status_code == 429  # the 5th locks
    locked = login(Client(), "dec-rennes")
    assert locked.status_code == 429 and "Connexion bloquée" in locked.content.decode()
    # The address is locked too; from another one, a superuser's password opens nothing
    # here (no académie).
    assert "incorrect" in login(Client(REMOTE_ADDR="192.0.2.50"), "admin").content.decode()


def code_now(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_production_requires_a_second_factor_of_gestionnaires(demo, settings):
    settings.INSCRINET_DEC_OTP_REQUIRED = True
    client = Client()
    assert login(client, "dec-limoges")["Location"] == url("second_factor")
    # Not in yet: every page of the space sends back to the login.
    assert client.get(url("home"))["Location"].startswith(url("login"))
    enrolment = client.get(url("second_factor")).content.decode()
    assert "<svg" in enrolment and "Scannez ce QR code" in enrolment
    device = TOTPDevice.objects.get(user__username="dec-limoges", confirmed=False)
    wrong = client.post(url("second_factor"), {"code": "000000"})
    assert "Ce code n&#x27;est pas valide" in wrong.content.decode()
    # django-otp then throttles the device for a second (doubling at each failure).
    TOTPDevice.objects.get(pk=device.pk).throttle_reset()
    code = code_now(device)
    assert client.post(url("second_factor"), {"code": code})["Location"] == url("home")
    assert client.get(url("home")).status_code == 200
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    # The next login asks for a code; the one just used is refused (replay).
    again = Client()
    assert login(again, "dec-limoges")["Location"] == url("second_factor")
    assert "Scannez" not in again.get(url("second_factor")).content.decode()
    assert again.post(url("second_factor"), {"code": code}).status_code == 200
    assert again.get(url("home"))["Location"].startswith(url("login"))
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"dec.connexion", "dec.double_authentification_activee", "connexion.echec"} <= actions
    # The consultation role logs in without a second factor unless it enrolled one.
    assert login(Client(), "dec-limoges-consultation")["Location"] == url("home")
