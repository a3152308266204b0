"""The deadline-hour load benchmark (`make bench-load`), in one run on this machine:

1. a fresh PostgreSQL database with the demo data, production settings, `collectstatic`,
   and the production server (gunicorn.conf.py, whitenoise) on a free port;
2. baselines on that server: a bare view and a naive one-form view (bench/urls.py);
3. full first-time registrations (seed 004's ACCRALL journey, every screen GET + POST, each
   with another identity) at 8, 32 and 64 simultaneous people: registrations/s, per-step
   p50/p95/p99, errors; then the database is checked (one dossier per registration);
4. the task worker alone on the backlog those registrations queued: confirmations
   (PDF + email) per second, hence the workers a rate needs;
5. the same journeys on the embedded SQLite default, served as `make demo` serves it.

Options: --seconds (per level), --users 8,32,64, --skip-sqlite.
"""

import argparse
import asyncio
import json
import math
import os
import runpy
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import dj_database_url
import psycopg
from psycopg import sql

from bench import cpu_share, loadgen

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PG_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/inscrinet_bench")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(var_dir, database_url=None, production=True, port=8000):
    # The server's sizing (INSCRINET_WEB_*, INSCRINET_DB_*) and access log come from the
    # caller; the rest of the product's environment is the benchmark's own.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "INSCRINET_"))
        or k.startswith(("INSCRINET_WEB_", "INSCRINET_DB_", "INSCRINET_ACCESS_LOG"))
    }
    env.pop("DATABASE_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        INSCRINET_VAR_DIR=str(var_dir),
        INSCRINET_BIND=f"127.0.0.1:{port}",
        INSCRINET_SITE_URL=f"http://127.0.0.1:{port}",
        PYTHONPATH=str(ROOT),
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    if production:
        env.update(
            INSCRINET_ENV="production",
            DJANGO_SECRET_KEY="bench-only-" + "x" * 50,
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
            DJANGO_SECURE_SSL_REDIRECT="0",
            DJANGO_SECURE_COOKIES="0",
            DJANGO_HSTS_SECONDS="0",
        )
    else:
        env["DJANGO_DEBUG"] = "0"
    return env


def manage(env, *args):
    subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def pg_recreate(url):
    config = dj_database_url.parse(url)
    with psycopg.connect(
        dbname="postgres",
        user=config["USER"] or None,
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        password=config["PASSWORD"] or None,
        autocommit=True,
    ) as admin:
        name = sql.Identifier(config["NAME"])
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(name))


def prepare(env, production):
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    if production:
        manage(env, "collectstatic", "--noinput")


def start_server(env, port):
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "-c", "gunicorn.conf.py", "inscrinet.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/bare/", timeout=2)
            return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("the server did not start")


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


def journey_plan(env):
    out = subprocess.run(
        [PY, "-m", "bench.journey_plan"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def letters(n):
    out = ""
    for _ in range(4):
        n, r = divmod(n, 26)
        out = chr(65 + r) + out
    return out


def identity(index, run):
    """Another person for each journey (G11 refuses the same one twice in a session)."""
    return {
        "etat_civil-birth_name": f"ACCRALL{run}{letters(index)}",
        "etat_civil-first_names": "Dack",
        "adresse-email": f"candidat{run.lower()}{index}@exemple.fr",
        "adresse-email_confirmation": f"candidat{run.lower()}{index}@exemple.fr",
    }


def journey_scenario(plan):
    first = f"/inscription/{plan['session_pk']}/saisie/origine/"
    current = f"{plan['prefix']}-current_step"

    async def journey(person, ident):
        await person.request("GET origine", "GET", first)
        path = first
        for step, fields in plan["screens"]:
            data = [(current, step)] + [(k, ident.get(k, v)) for k, v in fields]
            _, location, _ = await person.request(f"POST {step}", "POST", path, data, expect=(302,))
            if step == "recapitulatif":
                if "/validation/" not in location:
                    person.stats.errors.append(f"Valider: redirected to {location}")
                    raise loadgen.Failed
                await person.request("GET validation", "GET", location)
                return
            path = location
            await person.request(f"GET {location.rstrip('/').rsplit('/', 1)[-1]}", "GET", path)

    return journey


async def bare_scenario(person, _):
    await person.request("bare", "GET", "/bench/bare/")


async def form_scenario(person, _):
    await person.request("form GET", "GET", "/bench/form/")
    data = {
        "nom": "Dupont",
        "prenom": "Anne",
        "email": "anne@exemple.fr",
        "naissance": "01/02/2005",
        "ville": "Paris 13e",
    }
    await person.request("form POST", "POST", "/bench/form/", data, expect=(302,))


def run(base, users, seconds, scenario, make_args=lambda i: None, ramp=0.0, on_measure=None):
    return asyncio.run(
        loadgen.run(base, users, seconds, scenario, make_args, ramp=ramp, on_measure=on_measure)
    )


def count_rows(url, query):
    with psycopg.connect(url.replace("postgres://", "postgresql://")) as conn:
        return conn.execute(query).fetchone()[0]


TASKS_DONE = (
    "SELECT count(*) FROM django_tasks_database_dbtaskresult "
    "WHERE status = 'SUCCESSFUL' AND task_path = 'inscrinet.tasks.{}'"
)


def worker_throughput(env, url, seconds):
    """One db_worker alone on the queued backlog: confirmations rendered and emails sent."""
    before = {
        t: count_rows(url, TASKS_DONE.format(t))
        for t in ("render_documents", "send_confirmation_email")
    }
    worker = subprocess.Popen(
        [PY, "manage.py", "db_worker", "--no-reload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(seconds)
    stop(worker)
    done = {t: count_rows(url, TASKS_DONE.format(t)) - before[t] for t in before}
    return done["render_documents"] / seconds, done["send_confirmation_email"] / seconds


def journeys_report(label, stats, baseline_form_rps):
    steps = [t for name, ts in stats.timings.items() if name != "GET validation" for t in ts]
    print(
        f"  {label}: {stats.completed} registrations in {stats.elapsed:.0f} s = "
        f"{stats.rate():.2f}/s; {stats.request_rate():.0f} req/s "
        f"({stats.request_rate() / baseline_form_rps:.2f}× the naive form); "
        f"every step {loadgen.summary(steps)}; errors {len(stats.errors)}; "
        f"load generator {stats.generator_cpu / stats.elapsed:.0%} of a core"
    )
    for error in stats.errors[:3]:
        print(f"      {error}")
    return stats


def per_step_table(stats):
    names = sorted(stats.timings, key=lambda n: -loadgen.mean_ms(stats.timings[n]))
    for name in names:
        print(
            f"      {name:<28} {loadgen.summary(stats.timings[name])}  "
            f"(n={len(stats.timings[name])})"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30)
    # People start one by one over the ramp, not measured (see loadgen's docstring).
    parser.add_argument("--ramp", type=float, default=5.0)
    parser.add_argument("--users", default="8,32,64")
    parser.add_argument("--baseline-seconds", type=int, default=10)
    parser.add_argument("--worker-seconds", type=int, default=30)
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--baselines-only", action="store_true")
    # Development settings with DEBUG off on PostgreSQL: to compare with a version of the
    # product that had no production server settings.
    parser.add_argument("--no-production", action="store_true")
    args = parser.parse_args()
    levels = [int(u) for u in args.users.split(",")]
    cores = os.cpu_count()
    sizing = runpy.run_path(str(ROOT / "gunicorn.conf.py"))  # the server's own defaults

    with tempfile.TemporaryDirectory(prefix="inscrinet-bench-") as tmp:
        port = free_port()
        production = not args.no_production
        env = environment(Path(tmp) / "pg", PG_URL, production=production, port=port)
        (Path(tmp) / "pg").mkdir()
        print(
            f"Inscrinet load benchmark — {cores} cores, PostgreSQL, gunicorn.conf.py "
            f"(workers {sizing['workers']}, threads {sizing['threads']})"
        )
        pg_recreate(PG_URL)
        prepare(env, production=production)
        plan = journey_plan(env)
        base = f"http://127.0.0.1:{port}"
        server = start_server(env, port)
        results = {}
        try:
            bare = run(base, 32, args.baseline_seconds, bare_scenario)
            form = run(base, 32, args.baseline_seconds, form_scenario)
            bare_rps, form_rps = bare.request_rate(), form.request_rate()
            print(
                f"  baseline bare view: {bare_rps:.0f} req/s; naive one-form view: "
                f"{form_rps:.0f} req/s (errors {len(bare.errors) + len(form.errors)}; load "
                f"generator {bare.generator_cpu / bare.elapsed:.0%} and "
                f"{form.generator_cpu / form.elapsed:.0%} of a core)"
            )
            if args.baselines_only:
                return
            for level, users in enumerate(levels):
                tag = "P" + chr(65 + level)  # other names at each level
                before = {}
                stats = run(
                    base,
                    users,
                    args.seconds,
                    journey_scenario(plan),
                    lambda i, tag=tag: identity(i, tag),
                    ramp=args.ramp,
                    on_measure=lambda before=before: before.update(cpu_share.snapshot(server.pid)),
                )
                results[users] = journeys_report(f"{users} people", stats, form_rps)
                after = cpu_share.snapshot(server.pid)
                print("      " + cpu_share.report(before, after, stats.completed, stats.elapsed))
                per_step_table(stats)
        finally:
            stop(server)
        completed = sum(s.completed_all for s in results.values())
        dossiers = count_rows(
            PG_URL, "SELECT count(*) FROM inscrinet_dossier WHERE birth_name LIKE 'ACCRALLP%'"
        )
        print(
            f"  database: {dossiers} dossiers for {completed} completed registrations"
            f"{'' if dossiers == completed else '  <-- MISMATCH'}"
        )
        rendered, emailed = worker_throughput(env, PG_URL, args.worker_seconds)
        peak = max((s.rate() for s in results.values()), default=0)
        needed = math.ceil(peak / rendered) if rendered else "?"
        print(
            f"  one task worker alone: {rendered:.2f} confirmations rendered/s, "
            f"{emailed:.2f} emails/s; {needed} worker(s) for the peak {peak:.2f} "
            "registrations/s"
        )

        if not args.skip_sqlite:
            port = free_port()
            env = environment(Path(tmp) / "sqlite", production=False, port=port)
            (Path(tmp) / "sqlite").mkdir()
            prepare(env, production=False)
            plan = journey_plan(env)
            server = start_server(env, port)
            try:
                stats = run(
                    f"http://127.0.0.1:{port}",
                    max(levels),
                    args.seconds,
                    journey_scenario(plan),
                    lambda i: identity(i, "S"),
                    ramp=0,  # everyone at once: the harshest start for the listen backlog
                )
                journeys_report(f"SQLite (make demo), {max(levels)} people", stats, form_rps)
            finally:
                stop(server)


if __name__ == "__main__":
    main()
