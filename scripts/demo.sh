#!/usr/bin/env bash
# Starts the web server and a task worker side by side; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PORT=${INSCRINET_DEMO_PORT:-8000}
# Links in the emails point at this demo, whatever its port.
export INSCRINET_SITE_URL=${INSCRINET_SITE_URL:-http://127.0.0.1:$PORT}

cat <<TXT

  Inscrinet — démonstration (SQLite sous var/)

  Accueil                 http://127.0.0.1:$PORT/
  Périodes d'inscription  http://127.0.0.1:$PORT/periodes/
  Administration          http://127.0.0.1:$PORT/admin/   admin / Demo-Inscrinet-2026
  Espace gestionnaire     http://127.0.0.1:$PORT/gestion/connexion/
    dec-limoges, dec-toulouse, dec-rennes (gestionnaires) et dec-limoges-consultation
    (lecture seule), mot de passe Demo-Inscrinet-2026

  Établissement LYC BELLEVUE (0310038Y), mot de passe d'inscription : Bellevue-2026
  Suivi établissement : http://127.0.0.1:$PORT/suivi/   (identifiants ci-dessus, après
    « Données de démonstration chargées ») ; 8 pré-inscriptions de démonstration
    (3 spécialités de CAP, le Bac pro, une annulée)
  Inscription grand public : http://127.0.0.1:$PORT/inscription/
  Inscription établissement : http://127.0.0.1:$PORT/etablissement/
  Candidat redoublant (G4, académie de Rennes, CAP Boulanger) :
    numéro redoublant R1400175, né le 12/03/1993
  Espace candidat (comptes) : http://127.0.0.1:$PORT/compte/ ; « Mes justificatifs » d'une
    candidature de la session « CAP …-06 Cyclades » ; antivirus : clamd local (signature
    de test EICAR seulement)
  Courriels envoyés : fichiers sous var/mail/ (la session CAP de Rennes n'envoie pas de
  courriel : la DEC y poste la confirmation, variante de la notice 000)

  Ctrl-C arrête le serveur et le worker.

TXT

# All run in the background; scripts/jobs.sh stops them all, however the script is
# interrupted (Ctrl-C, kill, or the worker or the server dying).
# shellcheck source=scripts/jobs.sh
. scripts/jobs.sh
$PY manage.py db_worker --no-reload &
worker=$!
# The antivirus of the pièces justificatives (EICAR test signature only, see the script).
./scripts/clamd.sh &
antivirus=$!
sweeper_start
# The production server (gunicorn.conf.py, whitenoise serving the static files) with
# DEBUG off, as people will see it: French error pages, no technical pages, and many
# people at once (runserver dropped connections past a few dozen).
DJANGO_DEBUG=0 INSCRINET_BIND=127.0.0.1:$PORT .venv/bin/gunicorn -c gunicorn.conf.py \
  inscrinet.wsgi &
server=$!
stop_jobs_on_exit
wait -n "$worker" "$server"
