"""scripts/jobs.sh, how `make demo` and `make serve` run their background processes: the
sweeper outlives a failed sweep and ends with its sleep; what ignores being told to stop is
killed; nothing is left behind."""

import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(body):
    """`body` in bash as the scripts run (set -euo pipefail, jobs.sh sourced), in a session
    of its own; returns its output and whatever of that session still runs afterwards."""
    script = f"set -euo pipefail\ncd {ROOT}\n. scripts/jobs.sh\n{body}\n"
    started = time.monotonic()
    shell = subprocess.Popen(
        ["bash", "-c", script],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,  # a session of its own, whose id is the shell's pid
    )
    out = shell.communicate(timeout=60)[0]
    seconds = time.monotonic() - started
    listed = subprocess.run(
        ["ps", "-o", "stat=,args=", "-s", str(shell.pid)], capture_output=True, text=True
    ).stdout
    # (a zombie, ended but not yet reaped by whoever adopted it, runs nothing)
    leftovers = [line for line in listed.splitlines() if not line.lstrip().startswith("Z")]
    return out, leftovers, seconds


def test_the_sweeper_survives_a_failed_sweep_and_ends_with_its_sleep():
    out, leftovers, _ = _run(
        "PY=false  # every sweep fails, as with a busy database\n"
        "sweeper_start\n"
        "sleep 1\n"
        "still_running && echo sweeper-alive\n"
        "stop_jobs ctrl-c\n"
        "still_running || echo all-stopped\n"
    )
    assert "sweeper-alive" in out and "all-stopped" in out
    assert leftovers == []


def test_a_process_that_ignores_being_told_to_stop_is_killed():
    out, leftovers, seconds = _run(
        "PY=true\n"
        "sweeper_start\n"
        "bash -c 'trap \"\" TERM INT; exec sleep 60' &\n"
        "sleep 0.5\n"
        "stop_jobs\n"
        "still_running || echo all-stopped\n"
    )
    assert "all-stopped" in out
    assert leftovers == []
    assert seconds < 20  # told (TERM), 5 s, then killed — not its 60 s
