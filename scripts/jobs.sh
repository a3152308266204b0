# Sourced by demo.sh and serve.sh: the sweeper, and stopping what they started in the
# background, however the script is interrupted (Ctrl-C, kill, or a process dying).

# Tasks of a worker stopped mid-run go back in the queue, at start (a stack stopped
# before) and every 5 minutes (production: a timer does this). Its sleep ends with it.
sweeper_start() {
  ( nap=
    trap '[ -z "$nap" ] || kill "$nap" 2>/dev/null; exit 0' TERM
    # (a sweep that fails, a database busy, is tried again 5 minutes later: the loop goes on)
    while :; do "$PY" manage.py sweep_tasks || true; sleep 300 & nap=$!; wait "$nap"; done ) &
  sweeper=$!
}

still_running() { [ -n "$(jobs -pr)" ]; }
wait_up_to() {  # tenths of a second
  for _ in $(seq "$1"); do still_running || return 0; sleep 0.1; done
}

# Ctrl-C reaches every process of the group: the workers finish their task, the server
# its requests. Asking a worker a second time would cut its task short (django-tasks then
# marks it failed), so only what ignores Ctrl-C (the sweeper, started in the background)
# is told here. `kill` reaches the script alone: it tells them all. What has not stopped
# 10 s later is stopped, then killed 5 s after: the stack always ends; a task cut short
# is run again by the sweeper.
stop_jobs() {
  if [ "${1:-}" = ctrl-c ]; then
    kill "$sweeper" 2>/dev/null || true
    wait_up_to 100
  fi
  # shellcheck disable=SC2046
  still_running && kill $(jobs -pr) 2>/dev/null
  wait_up_to 50
  # shellcheck disable=SC2046
  still_running && kill -KILL $(jobs -pr) 2>/dev/null
  wait 2>/dev/null || true
}

stop_jobs_on_exit() {
  trap 'stop_jobs ctrl-c; exit 0' INT
  trap 'stop_jobs; exit 0' TERM
  trap stop_jobs EXIT
}
