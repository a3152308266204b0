"""Settings: SQLite by default (WAL, IMMEDIATE), DATABASE_URL switch, check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(code_or_args, env_extra, module=False):
    # The test process allows async-unsafe ORM calls for Playwright; a deployment does not.
    dropped = ("DATABASE_URL", "INSCRINET_ENV", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(env_extra)
    env["DJANGO_SETTINGS_MODULE"] = "inscrinet.settings"
    args = [sys.executable, *code_or_args] if module else [sys.executable, "-c", code_or_args]
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


PRINT_DB = (
    "import django; django.setup(); from django.conf import settings as s;"
    "d = s.DATABASES['default']; print(d['ENGINE'], d.get('NAME'), d.get('OPTIONS'))"
)


def test_sqlite_under_var_by_default_with_wal_and_immediate():
    out = _run(PRINT_DB, {}).stdout
    assert "sqlite3" in out and "var/inscrinet.sqlite3" in out
    assert "'transaction_mode': 'IMMEDIATE'" in out and "journal_mode=WAL" in out
    assert "'timeout': 20" in out


def test_database_url_switches_to_postgresql():
    out = _run(PRINT_DB, {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/inscrinet"}).stdout
    assert "postgresql" in out and "inscrinet" in out


def test_check_deploy_with_production_environment_is_silent():
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        {
            "INSCRINET_ENV": "production",
            "DJANGO_SECRET_KEY": "k8#Jd93!mZq0-vLx7&pWn2@tRbY5^sHc4*eFg6(uAo1)iK-Vb8$Qe3%Lr7",
            "DJANGO_ALLOWED_HOSTS": "inscrinet.ac-toulouse.fr",
        },
        module=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _run(PRINT_DB, {"INSCRINET_ENV": "production", "DJANGO_SECRET_KEY": ""})
    assert result.returncode != 0 and "DJANGO_SECRET_KEY" in result.stderr


def test_runtime_settings(settings):
    assert settings.TIME_ZONE == "Europe/Paris" and settings.USE_TZ
    assert settings.LANGUAGE_CODE == "fr"
    assert settings.SESSION_ENGINE == "inscrinet.sessions"  # database sessions
    from inscrinet.settings import EMAIL_BACKEND, EMAIL_FILE_PATH

    assert EMAIL_BACKEND.endswith("filebased.EmailBackend")
    assert str(EMAIL_FILE_PATH).endswith("var/mail")


def test_models_and_migrations_agree():
    result = _run(["manage.py", "makemigrations", "--check", "--dry-run"], {}, module=True)
    assert result.returncode == 0, result.stdout + result.stderr
