#!/usr/bin/env bash
# The production-like stack on this machine: PostgreSQL, gunicorn (gunicorn.conf.py) with
# whitenoise for the static files, task workers and the sweeper; Ctrl-C stops everything.
# Production settings (INSCRINET_ENV=production) except HTTPS, which a proxy adds in front.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PORT=${INSCRINET_PORT:-8000}
export INSCRINET_ENV=production
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/inscrinet_serve}
export INSCRINET_BIND=${INSCRINET_BIND:-127.0.0.1:$PORT}
export INSCRINET_SITE_URL=${INSCRINET_SITE_URL:-http://127.0.0.1:$PORT}
export DJANGO_ALLOWED_HOSTS=${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}
# Plain HTTP on this machine: no redirect to HTTPS, no Secure cookies (a proxy adds TLS).
export DJANGO_SECURE_SSL_REDIRECT=${DJANGO_SECURE_SSL_REDIRECT:-0}
export DJANGO_SECURE_COOKIES=${DJANGO_SECURE_COOKIES:-0}
export DJANGO_HSTS_SECONDS=${DJANGO_HSTS_SECONDS:-0}
mkdir -p var
if [ -z "${DJANGO_SECRET_KEY:-}" ]; then
  # One random key per checkout, kept under var/ (never committed).
  [ -s var/secret_key ] || $PY -c "import secrets; print(secrets.token_urlsafe(50))" >var/secret_key
  DJANGO_SECRET_KEY=$(cat var/secret_key)
  export DJANGO_SECRET_KEY
fi

$PY scripts/ensure_database.py
$PY manage.py migrate --noinput
if [ "${INSCRINET_SERVE_DEMO:-1}" = 1 ]; then $PY manage.py load_demo; fi
$PY manage.py collectstatic --noinput -v 0

echo
echo "  Inscrinet (production settings, PostgreSQL) : $INSCRINET_SITE_URL/"
echo "  gunicorn.conf.py : INSCRINET_WEB_WORKERS, INSCRINET_WEB_THREADS ; tâches :"
echo "  INSCRINET_TASK_WORKERS=${INSCRINET_TASK_WORKERS:-2} worker(s). Ctrl-C arrête tout."
echo

# shellcheck source=scripts/jobs.sh
. scripts/jobs.sh
pids=()
for _ in $(seq 1 "${INSCRINET_TASK_WORKERS:-2}"); do
  $PY manage.py db_worker --no-reload &
  pids+=($!)
done
sweeper_start
.venv/bin/gunicorn -c gunicorn.conf.py inscrinet.wsgi &
pids+=($!)
stop_jobs_on_exit
wait -n "${pids[@]}"
