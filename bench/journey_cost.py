"""The cost of one registration journey in one process, in machine instructions
(`make bench-journey`): a stable measure to decide a change on a noisy machine.

The load benchmark (bench/load.py) measures the product under load, but on a shared
machine its rates move by ±20 % between runs of the same code. This replays seed 004's
journey (bench/journey_plan: every screen GET + POST, another person each time) through
Django's test client with production settings on a fresh PostgreSQL database, and counts
the instructions the process executes during the journeys under valgrind's callgrind (the
same count for the same code whatever else the machine does). Without valgrind it prints
the CPU time instead (noisy).

    python -m bench.journey_cost [--journeys 10]         # instructions per journey
    python -m bench.journey_cost --compare OTHER_CHECKOUT  # the same, both, side by side
"""

import argparse
import functools
import json
import os
import runpy
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _journeys(n, plan_path):
    """Runs inside the measured process: `n` journeys, the last ones counted."""
    from django.test import Client

    from bench import load

    plan = json.loads(Path(plan_path).read_text())
    _as_gunicorn_forks_a_worker()
    client = Client(HTTP_HOST="127.0.0.1")
    run = "J" + load.letters(int.from_bytes(os.urandom(4), "big") % 26**4)
    current = f"{plan['prefix']}-current_step"

    def journey(index):
        client.cookies.clear()
        ident = load.identity(index, run)
        path = f"/inscription/{plan['session_pk']}/saisie/origine/"
        assert client.get(path).status_code == 200
        for step, fields in plan["screens"]:
            data = {}
            for key, value in [(current, step)] + [(k, ident.get(k, v)) for k, v in fields]:
                data.setdefault(key, []).append(value)
            response = client.post(path, data)
            assert response.status_code == 302, (step, response.status_code)
            path = response["Location"]
            assert client.get(path).status_code == 200
            if step == "recapitulatif":
                assert "/validation/" in path, f"not validated: {path}"
                return

    journey(n)  # warm-up: templates, URLconf, per-process caches (not counted)
    start = time.process_time()
    # Counted by callgrind: only what runs inside functools.reduce (--toggle-collect).
    functools.reduce(lambda _, i: journey(i), range(n), None)
    return (time.process_time() - start) / n


def _as_gunicorn_forks_a_worker():
    """The process as a gunicorn worker starts: the URLconf imported (the master does it
    before forking), then the configuration's `pre_fork` hook, if it has one."""
    from django.urls import get_resolver

    assert get_resolver().url_patterns
    hooks = runpy.run_path(str(Path.cwd() / "gunicorn.conf.py"))
    if "pre_fork" in hooks:
        hooks["pre_fork"](None, None)


def measure(checkout, journeys, database_url, plan_path):
    """Instructions (or CPU seconds) per journey of `checkout`'s code."""
    env = dict(os.environ, BENCH_CHECKOUT=str(checkout), BENCH_PLAN=str(plan_path))
    env.update(_product_env(database_url))
    command = [sys.executable, "-m", "bench.journey_cost", "--inside", str(journeys)]
    valgrind = shutil.which("valgrind")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        if valgrind:
            command = [
                valgrind,
                "--tool=callgrind",
                "--collect-atstart=no",
                "--toggle-collect=functools_reduce",
                f"--callgrind-out-file={out}",
                *command,
            ]
        done = subprocess.run(command, cwd=checkout, env=env, capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"{checkout}: the journeys failed\n{done.stderr[-3000:]}")
        if not valgrind:
            return None, float(done.stdout.strip().splitlines()[-1]), None
        totals = [line for line in out.read_text().splitlines() if line.startswith("totals:")]
        return int(totals[0].split()[1]) / journeys, None, _collector(out) / journeys


def _collector(callgrind_out):
    """Instructions spent in CPython's garbage collector (inclusive: the cycles it frees)."""
    annotate = shutil.which("callgrind_annotate")
    if not annotate:
        return 0
    listing = subprocess.run(
        [annotate, "--inclusive=yes", str(callgrind_out)], capture_output=True, text=True
    ).stdout
    for line in listing.splitlines():
        if "gcmodule.c:gc_collect_main " in line:
            return int(line.split()[0].replace(",", ""))
    return 0


def _product_env(database_url):
    from bench import load

    var = Path(tempfile.gettempdir()) / "inscrinet-journey-cost"
    var.mkdir(exist_ok=True)
    env = load.environment(var, database_url, production=True)
    env["DATABASE_URL"] = database_url
    return env


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # Enough journeys for the garbage collector's full collections (one every ~10 journeys
    # without gunicorn.conf.py's freeze) to weigh what they weigh in a worker.
    parser.add_argument("--journeys", type=int, default=10)
    parser.add_argument("--compare", help="another checkout of the project, measured alike")
    parser.add_argument("--inside", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        sys.path.insert(0, os.environ["BENCH_CHECKOUT"])
        import django

        django.setup()
        print(_journeys(args.inside, os.environ["BENCH_PLAN"]))
        return

    from bench import load

    database_url = load.PG_URL
    env = _product_env(database_url)
    load.pg_recreate(database_url)
    load.prepare(env, production=True)
    plan_path = Path(tempfile.gettempdir()) / "inscrinet-journey-plan.json"
    plan_path.write_text(json.dumps(load.journey_plan(env)))
    if not shutil.which("valgrind"):
        print("valgrind is not installed: CPU time per journey instead (noisy)")
    checkouts = [ROOT] + ([Path(args.compare).resolve()] if args.compare else [])
    for checkout in checkouts:
        instructions, seconds, collector = measure(checkout, args.journeys, database_url, plan_path)
        figure = (
            f"{instructions / 1e6:.1f} M instructions"
            if instructions
            else f"{seconds * 1000:.0f} ms CPU"
        )
        if collector:
            figure += f" (of which garbage collection {collector / 1e6:.1f} M)"
        print(f"{checkout}: {figure} per registration journey ({args.journeys} journeys)")


if __name__ == "__main__":
    main()
