"""Where the machine's CPU goes during a load run: the app server's processes, PostgreSQL's,
and the rest (the load generator, the kernel), read from /proc (Linux only)."""

import os
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid):
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime


def _parent(pid):
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except OSError:
        return 0


def _name(pid):
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def _machine_busy_seconds():
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return (sum(values[:8]) - idle) / TICK


def snapshot(server_pid):
    """CPU seconds used so far by the server's process tree, by PostgreSQL, by the machine."""
    pids = [int(p) for p in os.listdir("/proc") if p.isdigit()]
    server = {server_pid} | {p for p in pids if _parent(p) == server_pid}
    postgres = {p for p in pids if _name(p) == "postgres"}
    return {
        "web": sum(_cpu_seconds(p) for p in server),
        "postgres": sum(_cpu_seconds(p) for p in postgres),
        "machine": _machine_busy_seconds(),
    }


def report(before, after, completed, elapsed):
    """One line: CPU per registration by group, and the machine's use of its cores."""
    used = {k: after[k] - before[k] for k in before}
    other = used["machine"] - used["web"] - used["postgres"]
    per = max(completed, 1)
    cores = os.cpu_count() or 1
    return (
        f"CPU per registration: web {used['web'] / per * 1000:.0f} ms, PostgreSQL "
        f"{used['postgres'] / per * 1000:.0f} ms, rest (load generator, kernel) "
        f"{other / per * 1000:.0f} ms; the {cores} cores "
        f"{used['machine'] / (elapsed * cores):.0%} busy"
    )
