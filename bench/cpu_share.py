"""Where the machine's CPU goes during a load run: the app server's processes, PostgreSQL's,
and the rest (the load generator, the kernel), read from /proc (Linux only)."""

import os
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid):
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def _cpu_seconds(fields):
    """utime + stime, and cutime + cstime: the CPU of its children that have exited (a
    PostgreSQL backend whose connection closed, a recycled gunicorn worker)."""
    return sum(int(v) for v in fields[11:15]) / TICK


def _name(pid):
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def _tree_seconds(root, stats):
    """CPU of a process and its children, live or exited."""
    return sum(_cpu_seconds(f) for pid, f in stats.items() if pid == root or int(f[1]) == root)


def _machine_busy_seconds():
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return (sum(values[:8]) - idle) / TICK


def snapshot(server_pid):
    """CPU seconds used so far by the server's process tree, by PostgreSQL, by the machine."""
    stats = {int(p): _stat(p) for p in os.listdir("/proc") if p.isdigit()}
    stats = {pid: f for pid, f in stats.items() if f}
    postmasters = [
        pid
        for pid, f in stats.items()
        if _name(pid) == "postgres" and _name(int(f[1])) != "postgres"
    ]
    return {
        "web": _tree_seconds(server_pid, stats),
        "postgres": sum(_tree_seconds(pid, stats) for pid in postmasters),
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
