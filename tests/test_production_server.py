"""The production server as `make serve` runs it: gunicorn (gunicorn.conf.py) with
production settings and whitenoise; it refuses to start in a state that would fail."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

# It starts its own server on SQLite whatever the suite's database: once, in the SQLite pass.
pytestmark = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")),
    reason="starts its own SQLite server: run in the SQLite pass of .ci/run",
)

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(var_dir, port, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "INSCRINET_"))}
    env.pop("DATABASE_URL", None)  # SQLite under var_dir: this test is about the server
    env.update(
        DJANGO_SETTINGS_MODULE="inscrinet.settings",
        INSCRINET_ENV="production",
        DJANGO_SECRET_KEY="test-production-server-" + "k" * 40,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        INSCRINET_VAR_DIR=str(var_dir),
        INSCRINET_BIND=f"127.0.0.1:{port}",
        INSCRINET_WEB_WORKERS="2",
        **extra,
    )
    return env


def _manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )


def _get(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


def _gunicorn(env):
    return subprocess.Popen(
        [GUNICORN, "-c", "gunicorn.conf.py", "inscrinet.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def test_production_pages_and_hashed_compressed_static_files(tmp_path):
    port = _free_port()
    env = _env(tmp_path, port)
    _manage(env, "migrate", "--noinput")
    _manage(env, "collectstatic", "--noinput")
    server = _gunicorn(env)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, headers, body = _get(f"http://127.0.0.1:{port}/")
                break
            except OSError:
                assert server.poll() is None, server.stdout.read()
                assert time.monotonic() < deadline, "gunicorn did not serve in time"
                time.sleep(0.3)
        page = body.decode()
        assert status == 200 and "Inscription grand public" in page
        assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', page)
        assert assets and all(re.search(r"\.[0-9a-f]{12}\.", a) for a in assets), assets
        for asset in assets:
            status, headers, _ = _get(
                f"http://127.0.0.1:{port}{asset}", **{"Accept-Encoding": "gzip"}
            )
            assert status == 200, asset
            assert "immutable" in headers["Cache-Control"], asset
        css = next(a for a in assets if a.endswith(".css"))
        _, headers, _ = _get(f"http://127.0.0.1:{port}{css}", **{"Accept-Encoding": "gzip"})
        assert headers.get("Content-Encoding") == "gzip"
        with pytest.raises(urllib.error.HTTPError) as missing:
            _get(f"http://127.0.0.1:{port}/static/inscrinet/absent.css")
        assert missing.value.code == 404
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_gunicorn_refuses_to_start_without_the_manifest_or_over_the_connection_budget(
    tmp_path,
):
    no_manifest = _gunicorn(_env(tmp_path, _free_port()))
    output, _ = no_manifest.communicate(timeout=60)
    assert no_manifest.returncode != 0
    assert "collectstatic" in output

    over_budget = _gunicorn(
        _env(
            tmp_path,
            _free_port(),
            INSCRINET_WEB_THREADS="40",
            INSCRINET_DB_CONNECTIONS="60",
        )
    )
    output, _ = over_budget.communicate(timeout=60)
    assert over_budget.returncode != 0
    assert "INSCRINET_DB_CONNECTIONS=60" in output
