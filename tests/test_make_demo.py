"""`make demo` end to end: installs (already done), migrates, loads the demo, serves the
home and periods pages with the demo sessions open, runs a task worker; Ctrl-C stops both."""

import os
import signal
import socket
import sqlite3
import subprocess
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


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read().decode()


def _group_processes(pgid, pattern):
    """Processes of the demo's own process group whose command line matches."""
    out = subprocess.run(
        ["pgrep", "-g", str(pgid), "-f", pattern], capture_output=True, text=True
    ).stdout
    return out.split()


def _stopped_output(demo, seconds=30):
    """What `make demo` printed once Ctrl-C stopped it; if it did not stop in time, what of
    it still runs and its last lines, in the failure (then the group is killed)."""
    try:
        return demo.communicate(timeout=seconds)[0]
    except subprocess.TimeoutExpired as late:
        running = subprocess.run(
            ["ps", "-o", "pid,stat,etime,wchan:24,args", "-g", str(demo.pid)],
            capture_output=True,
            text=True,
        ).stdout
        os.killpg(demo.pid, signal.SIGKILL)
        demo.wait(timeout=10)
        printed = late.output or ""
        if isinstance(printed, bytes):  # (what was read before the timeout, undecoded)
            printed = printed.decode(errors="replace")
        tail = "\n".join(printed.splitlines()[-40:])
        pytest.fail(f"make demo still running {seconds} s after Ctrl-C:\n{running}\n{tail}")


def test_make_demo_serves_the_open_sessions_and_ctrl_c_stops_everything(tmp_path):
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)},
        "DJANGO_SETTINGS_MODULE": "inscrinet.settings",
        "INSCRINET_VAR_DIR": str(tmp_path),
        "INSCRINET_DEMO_PORT": str(port),
    }
    demo = subprocess.Popen(
        ["make", "demo"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                status, home = _get(f"http://127.0.0.1:{port}/")
                break
            except OSError:
                assert demo.poll() is None, demo.stdout.read()
                assert time.monotonic() < deadline, "make demo did not serve in time"
                time.sleep(0.5)
        assert status == 200 and "Inscription grand public" in home
        status, periods = _get(f"http://127.0.0.1:{port}/periodes/")
        assert status == 200 and periods.count(">Ouvert<") == 12
        # As people see it: a French 404 in the site's layout, its styles served.
        with pytest.raises(urllib.error.HTTPError) as not_found:
            _get(f"http://127.0.0.1:{port}/nulle-part/")
        assert not_found.value.code == 404
        page = not_found.value.read().decode()
        assert "Page non trouvée" in page and "URLconf" not in page
        status, suivi = _get(f"http://127.0.0.1:{port}/suivi/")
        assert status == 200 and "Mot de passe du suivi" in suivi
        status, css = _get(f"http://127.0.0.1:{port}/static/inscrinet/inscrinet.css")
        assert status == 200
        assert (tmp_path / "inscrinet.sqlite3").exists()
        workers = _group_processes(demo.pid, "manage.py db_worker")
        assert workers
        assert _group_processes(demo.pid, "gunicorn")  # the production server
        # The worker writes the emails: their links point at this demo's port.
        environ = Path(f"/proc/{workers[0]}/environ").read_bytes().split(b"\0")
        assert f"INSCRINET_SITE_URL=http://127.0.0.1:{port}".encode() in environ
    finally:
        os.killpg(demo.pid, signal.SIGINT)  # Ctrl-C at the terminal
        output = _stopped_output(demo)
    assert f"http://127.0.0.1:{port}/periodes/" in output
    # Only logins that work are printed (tests/management checks the DEC's log in).
    assert "Bellevue-2026" in output and "admin / Demo-Inscrinet-2026" in output
    assert f"http://127.0.0.1:{port}/suivi/" in output
    assert "Suivi établissement LYC BELLEVUE : code 0310038Y, mot de passe 0310038Y" in output
    assert f"http://127.0.0.1:{port}/gestion/connexion/" in output
    assert "dec-limoges, dec-toulouse, dec-rennes" in output
    time.sleep(1)
    assert not _group_processes(demo.pid, "(manage.py db_worker|gunicorn)")
    # Ctrl-C let the worker finish its task: none cut short (recorded as failed).
    with sqlite3.connect(tmp_path / "inscrinet.sqlite3") as db:
        failed = db.execute(
            "SELECT task_path, exception_class_path FROM django_tasks_database_dbtaskresult "
            "WHERE status = 'FAILED'"
        ).fetchall()
    assert failed == []
