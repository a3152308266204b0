"""gunicorn's configuration for Inscrinet (read from the project's root; every value can be
overridden by an environment variable, see the README « Production »).

Sizing: a request is Python work plus SQL round trips, so a few processes per core keep the
cores busy while others wait on PostgreSQL. Each thread holds at most one PostgreSQL
connection while it serves a request (connections are closed after each request unless
INSCRINET_DB_CONN_MAX_AGE keeps them), so workers × threads of every app server together
must stay under PostgreSQL's max_connections, with room for the task workers and psql.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inscrinet.settings")

_cores = os.cpu_count() or 1

bind = os.environ.get("INSCRINET_BIND", "127.0.0.1:8000")
# Two processes per core: one runs Python while the other waits on PostgreSQL. On 2 cores
# (PostgreSQL and the load on the same machine, `make bench-load`, 45 s each, same code):
# 4 workers 8.3 registrations/s (p99 0.5 s), 5 workers 7.3/s (p99 1.0 s), 6 workers 7.8/s.
workers = int(os.environ.get("INSCRINET_WEB_WORKERS", str(2 * _cores)))
# gthread: idle keep-alive connections wait in the worker's poller, not in a thread, so
# keep-alive works without a buffering proxy in front. One thread per process: a request is
# mostly Python, and two threads of one process take turns on the interpreter lock — on
# 2 cores, 5 workers × 1 thread completed ~7.0 registrations/s where 5 × 2 did ~5.1 and
# sync workers ~6.5 (`make bench-load`, 30 s each). Put a buffering proxy (nginx) in front
# for slow clients.
worker_class = os.environ.get("INSCRINET_WEB_WORKER_CLASS", "gthread")
threads = int(os.environ.get("INSCRINET_WEB_THREADS", "1"))
# A request that takes longer than this is killed (its transaction rolled back): nothing in
# the web tier is long, PDFs and emails are background tasks.
timeout = int(os.environ.get("INSCRINET_WEB_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
backlog = 2048
# Recycle workers now and then (memory held by a large page goes back to the system).
max_requests = 50000
max_requests_jitter = 5000
# Import the project once, then fork: workers start fast and share the code's memory.
preload_app = True
# Behind a TLS-terminating proxy on the same host (or the addresses it comes from).
forwarded_allow_ips = os.environ.get("INSCRINET_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("INSCRINET_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("INSCRINET_WEB_LOG_LEVEL", "info")
proc_name = "inscrinet"

# PostgreSQL's connection budget of this app server (its share of max_connections).
_budget = int(os.environ.get("INSCRINET_DB_CONNECTIONS", "60"))


def on_starting(server):
    """Refuse to start with more threads than database connections, or in production
    without the static files' manifest (every page would be a 500)."""
    if workers * threads > _budget:
        raise SystemExit(
            f"{workers} workers × {threads} threads = {workers * threads} PostgreSQL "
            f"connections at peak, over INSCRINET_DB_CONNECTIONS={_budget}: lower "
            "INSCRINET_WEB_WORKERS or INSCRINET_WEB_THREADS."
        )
    from django.conf import settings
    from django.urls import get_resolver

    # Import every URLconf and view module once, before forking: a worker (re)started by
    # max_requests serves its first request at full speed.
    assert get_resolver().url_patterns

    manifest = settings.STATIC_ROOT / "staticfiles.json"
    if settings.PRODUCTION and not manifest.exists():
        raise SystemExit(
            f"{manifest} is missing: run `manage.py collectstatic --noinput` first "
            "(scripts/serve.sh does)."
        )
