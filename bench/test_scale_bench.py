"""Latency at 1,000 and 20,000 dossiers in one session (`make bench`): « Valider », the G11
identity check and the G18 consult look-up stay flat (indexed), measured in one run.

Dossiers are bulk-inserted (distinct people, numbers and candidate numbers); the session's
counter is moved past them so that the measured validations number after them. Run it on
PostgreSQL with DATABASE_URL=… as well as on the SQLite default.
"""

import datetime
import random
import statistics
import time
import uuid

import pytest
from django.db import connection
from django.test import Client

from inscrinet import rules, selectors
from inscrinet.models import Categorie, Counter, Dossier, Etablissement, Session, Specialty
from tests.candidates.journey import ACCRALL, Walker

SIZES = (1_000, 20_000)
SAMPLES = 60
VALIDATIONS = 6
# Flat: the 20k median within this factor of the 1k one (noise on a shared machine).
FLAT = 1.6


def _grow(session, target):
    have = Dossier.objects.filter(session=session).count()
    specialty = Specialty.objects.get(label="Arts de la broderie")
    categorie = Categorie.objects.get(exam__code="CAP", code="IS")
    etablissement = Etablissement.objects.get(code="03100003")
    rows = []
    for number in range(have + 1, target + 1):
        name = f"NOM{number:06d}"
        rows.append(
            Dossier(
                session=session,
                number=number,
                candidate_number=f"B{number:010d}",
                submission_key=uuid.uuid4().hex,
                specialty=specialty,
                categorie=categorie,
                etablissement=etablissement,
                forme="globale",
                birth_name=name,
                first_names="Camille",
                identity_key=rules.identity_key(name, "Camille"),
                birth_year=2000 + number % 8,
                birth_month=1 + number % 12,
                birth_day=1 + number % 28,
                email=f"c{number}@exemple.fr",
            )
        )
    Dossier.objects.bulk_create(rows, batch_size=2000)
    Counter.objects.update_or_create(name=f"dossier:{session.pk}", defaults={"value": target})
    # What autovacuum (PostgreSQL) does after a bulk insert: fresh planner statistics.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _median_ms(function, samples=SAMPLES):
    timings = []
    for _ in range(samples):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000


def _valider_ms(session, size):
    timings = []
    for i in range(VALIDATIONS):
        journey = {**ACCRALL, "etat_civil": {**ACCRALL["etat_civil"]}}
        journey["etat_civil"]["birth_name"] = f"MESURE{size}{'ABCDEFGH'[i]}"
        walker = Walker(Client(), session)
        walker.walk(journey, until="epreuves")
        started = time.perf_counter()
        response = walker.post("recapitulatif", {})
        timings.append(time.perf_counter() - started)
        assert "/validation/" in response["Location"]
    return statistics.median(timings) * 1000


@pytest.mark.django_db
def test_valider_g11_and_consult_are_flat_from_1k_to_20k_dossiers(demo):
    session = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    rng = random.Random(4)
    figures = {}
    for size in SIZES:
        _grow(session, size)

        def g11(size=size):
            number = rng.randint(1, size)
            name = f"NOM{number:06d}"
            birth = datetime.date(2000 + number % 8, 1 + number % 12, 1 + number % 28)
            found = selectors.dossier_conflict(
                session=session, identity_key=rules.identity_key(name, "Camille"), birth=birth
            )
            assert found is not None and found.number == number

        def consult(size=size):
            number = rng.randint(1, size)
            birth = datetime.date(2000 + number % 8, 1 + number % 12, 1 + number % 28)
            found = selectors.dossier_by_number_and_birth(
                session=session, number=number, birth=birth
            )
            assert found is not None

        figures[size] = {
            "valider": _valider_ms(session, size),
            "g11": _median_ms(g11),
            "consult": _median_ms(consult),
        }
    small, large = figures[SIZES[0]], figures[SIZES[1]]
    print(f"\n{'median':<10} {SIZES[0]:>8} dossiers {SIZES[1]:>8} dossiers   ratio")
    for measure in ("valider", "g11", "consult"):
        ratio = large[measure] / small[measure]
        print(f"{measure:<10} {small[measure]:>11.2f} ms {large[measure]:>11.2f} ms   {ratio:.2f}")
    for measure in ("valider", "g11", "consult"):
        assert large[measure] <= small[measure] * FLAT, (measure, figures)
