"""M4 at scale, in one run (`make bench-transfers`): peak memory and time of the 100,000-
dossier unload (CSV and XLSX) and of the 50,000-candidate load (then its reload, which
changes nothing), each in its own process, against a baseline process that only starts
Django and reads one row: the figures are that process's extra peak RSS.

A fresh database: SQLite under a temporary directory by default, or PostgreSQL with
`--postgres` (`BENCH_DATABASE_URL`, default postgres://postgres@127.0.0.1:5432/
inscrinet_bench_transfers, dropped and re-created). The demo is loaded, one dossier is
validated through the real service (seed 004's ACCRALL Dack), and its version is copied to
100,000 dossiers of one session (distinct numbers and names) by bulk inserts.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOSSIERS = 100_000
CANDIDATES = 50_000
PG_DEFAULT = "postgres://postgres@127.0.0.1:5432/inscrinet_bench_transfers"
# The ceiling for the 100k unload, over the baseline process.
UNLOAD_CEILING_MB = 150


def child(operation: str, argument: str) -> None:
    """Runs in a fresh process: one operation, then its peak RSS and time as JSON."""
    import resource

    import django

    django.setup()
    from django.core.management import call_command

    from inscrinet.models import Session

    session = Session.objects.get(exam__code="CAP", academie__code="016", candidate_access="numero")
    start = time.perf_counter()
    if operation == "unload-csv":
        call_command("unload_session", session=session.pk, format="csv", output=argument)
    elif operation == "unload-xlsx":
        call_command("unload_session", session=session.pk, format="xlsx", output=argument)
    elif operation == "load":
        call_command("load_file", argument, academie="022", type="candidats", verbosity=0)
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_mb": peak_kb / 1024}))


def run_child(env, operation, argument="") -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "bench.transfers", "--child", operation, argument],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode:
        sys.exit(f"{operation} failed:\n{out.stdout}\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def prepare(env) -> None:
    """Migrate, load the demo, validate one dossier and copy it to DOSSIERS dossiers."""
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    subprocess.run([sys.executable, "manage.py", "load_demo"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [sys.executable, "-m", "bench.transfers", "--child-fill"], cwd=ROOT, env=env, check=True
    )


def fill() -> None:
    import django

    django.setup()
    from django.db import transaction
    from django.db.models import Max

    from inscrinet import rules
    from inscrinet.actors import CandidateActor
    from inscrinet.models import Counter, Dossier, DossierVersion, Session
    from inscrinet.services.candidature import CandidatureInput, candidature_submit
    from tests.candidates.journey import accrall_steps

    session = Session.objects.get(exam__code="CAP", academie__code="016", candidate_access="numero")
    model = candidature_submit(
        CandidatureInput(session=session, screens=accrall_steps()),
        submission_key=uuid.uuid4().hex,
        actor=CandidateActor(ip="192.0.2.1"),
    )
    template = model.dossier
    rng = random.Random(4)
    batch = 5000
    first = Dossier.objects.filter(session=session).aggregate(Max("number"))["number__max"] + 1
    last = first + DOSSIERS - Dossier.objects.filter(session=session).count() - 1
    for start in range(first, last + 1, batch):
        numbers = range(start, min(start + batch, last + 1))
        with transaction.atomic():
            dossiers = []
            for n in numbers:
                name = f"NOM{n:06d}"
                dossiers.append(
                    Dossier(
                        session=session,
                        number=n,
                        candidate_number=f"B{n:010d}",
                        submission_key=uuid.uuid4().hex,
                        specialty_id=template.specialty_id,
                        categorie_id=template.categorie_id,
                        etablissement_id=template.etablissement_id,
                        forme=template.forme,
                        birth_name=name,
                        first_names="Camille",
                        identity_key=rules.identity_key(name, "Camille"),
                        birth_year=1990 + rng.randrange(15),
                        birth_month=1 + n % 12,
                        birth_day=1 + n % 28,
                        email=f"c{n}@exemple.fr",
                    )
                )
            Dossier.objects.bulk_create(dossiers)
            created = Dossier.objects.filter(session=session, number__in=numbers)
            versions = []
            for dossier in created:
                snapshot = {**model.snapshot}
                snapshot["identite"] = {**snapshot["identite"], "birth_name": dossier.birth_name}
                versions.append(
                    DossierVersion(dossier=dossier, version=0, snapshot=snapshot, answers={})
                )
            DossierVersion.objects.bulk_create(versions)
    Counter.objects.update_or_create(name=f"dossier:{session.pk}", defaults={"value": last})
    print(f"{Dossier.objects.filter(session=session).count()} dossiers", flush=True)


def candidates_file(path: Path) -> None:
    header = (ROOT / "docs/formats/candidats-precedents.csv").read_text("utf-8").splitlines()[0]
    with path.open("w", encoding="utf-8") as out:
        out.write(header + "\n")
        for n in range(1, CANDIDATES + 1):
            out.write(
                f"CAP;22132;R{n:08d};;;{1 + n % 28:02d}/{1 + n % 12:02d}/{1980 + n % 20};"
                f"{'M' if n % 2 else 'Mme'};NOM{n:06d};;Prénom{n};{n} rue de la Paix;;;87000;"
                f"Limoges;FR;c{n}@exemple.fr;06{n:08d};"
                f"500 - 22132:EG1:2020:LIMOGES:{n % 20},50|500 - 22132:EG2:2021:TULLE:\n"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--child", nargs=2)
    parser.add_argument("--child-fill", action="store_true")
    options = parser.parse_args()
    if options.child:
        child(*options.child)
        return
    if options.child_fill:
        fill()
        return
    work = Path(tempfile.mkdtemp(prefix="inscrinet-transfers-"))
    env = {
        **os.environ,
        "INSCRINET_VAR_DIR": str(work),
        "DJANGO_SETTINGS_MODULE": "inscrinet.settings",
    }
    env.pop("DATABASE_URL", None)
    if options.postgres:
        url = os.environ.get("BENCH_DATABASE_URL", PG_DEFAULT)
        env["DATABASE_URL"] = url
        name = url.rsplit("/", 1)[1]
        admin = url.rsplit("/", 1)[0] + "/postgres"
        for sql in (f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}"):
            subprocess.run(["psql", admin, "-qc", sql], check=True)
    database = "PostgreSQL" if options.postgres else "SQLite"
    print(f"Preparing {DOSSIERS:,} dossiers on {database} in {work} …", flush=True)
    start = time.perf_counter()
    prepare(env)
    print(f"  prepared in {time.perf_counter() - start:.0f} s", flush=True)
    candidates = work / "candidats.csv"
    candidates_file(candidates)
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from inscrinet.models import Session; Session.objects.update(locked=True)",
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    baseline = run_child(env, "baseline")
    rows = [
        ("baseline (Django started, one query)", baseline),
        (f"unload CSV, {DOSSIERS:,} dossiers", run_child(env, "unload-csv", str(work / "u.csv"))),
        (
            f"unload XLSX, {DOSSIERS:,} dossiers",
            run_child(env, "unload-xlsx", str(work / "u.xlsx")),
        ),
        (f"load, {CANDIDATES:,} previous candidates", run_child(env, "load", str(candidates))),
        ("reload of the same file (unchanged)", run_child(env, "load", str(candidates))),
    ]
    print(f"\nM4 at scale on {database} (one run, this machine)")
    print(f"{'operation':<42} {'time':>9} {'peak RSS':>10} {'over baseline':>14}")
    for label, figures in rows:
        extra = figures["peak_mb"] - baseline["peak_mb"]
        print(
            f"{label:<42} {figures['seconds']:>8.1f}s {figures['peak_mb']:>8.0f}MB {extra:>12.0f}MB"
        )
    sizes = {p.name: p.stat().st_size for p in (work / "u.csv", work / "u.xlsx")}
    print(f"files: CSV {sizes['u.csv'] / 1e6:.0f} MB, XLSX {sizes['u.xlsx'] / 1e6:.0f} MB")
    worst = max(rows[1][1]["peak_mb"], rows[2][1]["peak_mb"]) - baseline["peak_mb"]
    verdict = "OK" if worst < UNLOAD_CEILING_MB else "OVER"
    print(f"unload peak over baseline: {worst:.0f} MB (ceiling {UNLOAD_CEILING_MB} MB): {verdict}")


if __name__ == "__main__":
    main()
