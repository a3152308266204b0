"""One lockout for every password login (inscrinet.login_guard, django-axes): per account
and per IP, stored in the database, every failure audited (axes.AccessFailureLog)."""

import pytest
from axes.models import AccessFailureLog
from django.urls import reverse

from inscrinet.login_guard import FAILURE_LIMITS, LOCKED_MESSAGE

pytestmark = pytest.mark.django_db

ADMIN_PASSWORD = "Un-mot-de-passe-tres-long-2026"
LOCKED_TEXT = "la connexion est bloquée pendant une heure"


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("chef", "chef@ac.fr", ADMIN_PASSWORD)


def admin_login(client, username, password, ip="203.0.113.7"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=ip,
    )


def test_admin_login_locks_after_five_failures_even_with_the_right_password(client, superuser):
    for _ in range(FAILURE_LIMITS["compte"]):
        response = admin_login(client, "chef", "mauvais")
        assert response.status_code in (200, 429)
    response = admin_login(client, "chef", ADMIN_PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Connexion bloquée" in page and LOCKED_TEXT in page
    assert '<html lang="fr"' in page
    # From another address the account is locked too (per account)…
    assert admin_login(client, "chef", ADMIN_PASSWORD, ip="198.51.100.9").status_code == 429
    # …and the audit shows each failure and the lock.
    failures = AccessFailureLog.objects.filter(username="compte:chef")
    assert failures.count() >= FAILURE_LIMITS["compte"]
    assert failures.filter(locked_out=True).exists()
    assert failures.filter(ip_address="203.0.113.7").exists()


def test_admin_login_locks_an_address_that_tries_many_accounts(client, superuser):
    for i in range(FAILURE_LIMITS["compte"]):
        admin_login(client, f"inconnu{i}", "mauvais", ip="203.0.113.8")
    assert admin_login(client, "chef", ADMIN_PASSWORD, ip="203.0.113.8").status_code == 429
    # The account itself is not locked from elsewhere.
    response = admin_login(client, "chef", ADMIN_PASSWORD, ip="198.51.100.10")
    assert response.status_code == 302


def test_a_successful_admin_login_cycles_the_session_key(client, superuser):
    client.get(reverse("admin:login"))
    client.cookies["sessionid"] = "plantee0123456789abcdefghijklmnop"
    response = admin_login(client, "chef", ADMIN_PASSWORD)
    assert response.status_code == 302
    assert client.cookies["sessionid"].value != "plantee0123456789abcdefghijklmnop"


def etab_login(client, code, password, ip="203.0.113.20"):
    return client.post(
        reverse("candidates:etablissement_login"),
        {"code": code, "password": password, "captcha_0": "x", "captcha_1": "PASSED"},
        REMOTE_ADDR=ip,
    )


def test_establishment_login_locks_after_its_limit_per_code(client, demo):
    limit = FAILURE_LIMITS["etablissement"]
    for i in range(limit):
        # From several addresses: the code's own counter locks it.
        etab_login(client, "0310038y", "mauvais", ip=f"203.0.113.{30 + i}")
    response = etab_login(client, "0310038Y", "Bellevue-2026", ip="198.51.100.50")
    assert response.status_code == 200
    assert LOCKED_TEXT in response.content.decode()
    assert "etablissement_access" not in client.session
    locks = AccessFailureLog.objects.filter(username="etablissement:0310038Y", locked_out=True)
    assert locks.exists()


def test_establishment_login_locks_an_address_past_its_limit(client, demo):
    for i in range(FAILURE_LIMITS["etablissement"]):
        etab_login(client, f"0000000{i % 10}", "mauvais", ip="203.0.113.99")
    response = etab_login(client, "0310038Y", "Bellevue-2026", ip="203.0.113.99")
    assert LOCKED_TEXT in response.content.decode()
    # The school's pupils elsewhere still get in.
    response = etab_login(client, "0310038Y", "Bellevue-2026", ip="198.51.100.51")
    assert response.status_code == 302


def test_a_few_typos_at_a_school_lock_nothing(client, demo):
    for _ in range(4):
        etab_login(client, "0310038Y", "bellevue-2026")
    response = etab_login(client, "0310038Y", "Bellevue-2026")
    assert response.status_code == 302


def test_locked_message_is_french():
    assert "Trop de tentatives" in LOCKED_MESSAGE
