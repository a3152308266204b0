"""The cost of one registration journey in one process, in machine instructions
(`make bench-journey`): a stable measure to decide a change on a noisy machine.

The load benchmark (bench/load.py) measures the product under load, but on a shared
machine its rates move by ±20 % between runs of the same code. This replays seed 004's
journey (bench/journey_plan: every screen GET + POST, another person each time) through
Django's test client with production settings on a fresh PostgreSQL database, and counts
the instructions the process executes during the journeys under valgrind's callgrind (the
same count for the same code whatever else the machine does). Then 60 journeys run without
valgrind: the CPU time per journey (noisy) and the part of it in CPython's garbage
collector, which the instruction count misses (a full collection walks every object of the
process: its cost is waiting on memory, not instructions).

    python -m bench.journey_cost [--journeys 3]          # instructions per journey
    python -m bench.journey_cost --compare OTHER_CHECKOUT  # the same, both, side by side
"""

import argparse
import functools
import gc
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Without valgrind: enough journeys for the collector's rarer, older generations to show.
PLAIN_JOURNEYS = 60


def _journeys(n, plan_path):
    """Runs inside the measured process: `n` journeys, the last ones counted."""
    from django.test import Client

    from bench import load

    plan = json.loads(Path(plan_path).read_text())
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
    collecting = [0.0, 0.0]  # CPU seconds in the garbage collector, start of the current one

    def collector(phase, info):
        if phase == "start":
            collecting[1] = time.process_time()
        else:
            collecting[0] += time.process_time() - collecting[1]

    gc.callbacks.append(collector)
    start = time.process_time()
    # Counted by callgrind: only what runs inside functools.reduce (--toggle-collect).
    functools.reduce(lambda _, i: journey(i), range(n), None)
    spent = time.process_time() - start
    gc.callbacks.remove(collector)
    return [spent / n, collecting[0] / n]


def measure(checkout, journeys, database_url, plan_path):
    """Instructions per journey of `checkout`'s code (None without valgrind), then, from a
    plain run of PLAIN_JOURNEYS journeys, the CPU seconds per journey and the garbage
    collector's share of them. Instructions do not see the collector's real cost: walking
    a few hundred thousand objects is mostly waiting on memory, which the count ignores."""
    env = dict(os.environ, BENCH_CHECKOUT=str(checkout), BENCH_PLAN=str(plan_path))
    env.update(_product_env(database_url))

    def run(prefix, n):
        command = [*prefix, sys.executable, "-m", "bench.journey_cost", "--inside", str(n)]
        done = subprocess.run(command, cwd=checkout, env=env, capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"{checkout}: the journeys failed\n{done.stderr[-3000:]}")
        result = json.loads(done.stdout.strip().splitlines()[-1])
        return result if isinstance(result, list) else [result, None]  # an older checkout

    instructions = None
    valgrind = shutil.which("valgrind")
    if valgrind:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "callgrind.out"
            run(
                [
                    valgrind,
                    "--tool=callgrind",
                    "--collect-atstart=no",
                    "--toggle-collect=functools_reduce",
                    f"--callgrind-out-file={out}",
                ],
                journeys,
            )
            totals = [line for line in out.read_text().splitlines() if line.startswith("totals:")]
            instructions = int(totals[0].split()[1]) / journeys
    seconds, collecting = run([], PLAIN_JOURNEYS)
    return instructions, seconds, collecting


def _product_env(database_url):
    from bench import load

    var = Path(tempfile.gettempdir()) / "inscrinet-journey-cost"
    var.mkdir(exist_ok=True)
    env = load.environment(var, database_url, production=True)
    env["DATABASE_URL"] = database_url
    return env


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journeys", type=int, default=3)
    parser.add_argument("--compare", help="another checkout of the project, measured alike")
    parser.add_argument("--inside", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        sys.path.insert(0, os.environ["BENCH_CHECKOUT"])
        import django

        django.setup()
        print(json.dumps(_journeys(args.inside, os.environ["BENCH_PLAN"])))
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
        instructions, seconds, collecting = measure(
            checkout, args.journeys, database_url, plan_path
        )
        if instructions:
            print(
                f"{checkout}: {instructions / 1e6:.1f} M instructions per registration "
                f"journey ({args.journeys} journeys)"
            )
        collector = (
            f", of which {collecting * 1000:.1f} ms in the garbage collector"
            if collecting is not None
            else ""
        )
        print(
            f"{checkout}: {seconds * 1000:.0f} ms CPU per journey{collector} "
            f"({PLAIN_JOURNEYS} journeys, noisy)"
        )


if __name__ == "__main__":
    main()
